//! Python's one rule, `send(None)` is `next()`: sending a zero-sized value
//! such as `()` is `Resume::Next` whether the generator is created or
//! suspended, bare or tracked.

use resumable::generator::from_fn;
use resumable::{Generator, GeneratorState, Outcome, Resume};

use crate::support::Log;

/// Logs what each resume received: `Next` or `Send(())`.
fn recorder(
    log: &Log,
) -> impl Generator<Yield = (), Return = (), Error = std::convert::Infallible> + '_ {
    from_fn(move |input: Resume| -> Outcome<()> {
        log.push(format!("{input:?}"));
        input.sent()?;
        Ok(GeneratorState::Yielded(()))
    })
}

#[test]
fn send_unit_starts_a_created_generator_as_next() {
    let log = Log::default();
    let mut gen = recorder(&log);
    assert_yielded!(gen.send(()), ());
    assert_eq!(log.take(), ["Next"]);
}

#[test]
fn send_unit_reaches_a_suspended_generator_as_next() {
    let log = Log::default();
    let mut gen = recorder(&log);
    let _ = gen.next();
    log.take();
    assert_yielded!(gen.send(()), ());
    assert_eq!(log.take(), ["Next"]);
}

#[test]
fn tracked_turns_a_direct_send_unit_into_next_when_suspended() {
    let log = Log::default();
    let mut gen = recorder(&log).tracked();
    let _ = gen.next();
    log.take();
    let _ = gen.resume(Resume::Send(()));
    assert_eq!(log.take(), ["Next"]);
}

#[test]
fn a_value_that_is_not_zero_sized_is_sent() {
    assert_eq!(Resume::<u8, ()>::send(0), Resume::Send(0));
}
