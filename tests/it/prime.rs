//! The `@coroutine` decorator: run to the first `yield`, hand back ready for
//! `send` (and, with `prime_first`, the value of that first `yield`).

use std::convert::Infallible;

use resumable::generator::{from_fn, prime, prime_first};
use resumable::{Generator, GeneratorState, Lifecycle, Outcome, Resume};

use crate::support::{Log, Probe};

#[test]
fn primed_coroutine_has_run_to_its_first_yield() {
    let log = Log::default();
    let probe = Probe::new(&log, 3);
    let coroutine = prime(resumable::generator::yield_from(probe).map_yield(|_| ()));
    assert_eq!(coroutine.state(), Lifecycle::Suspended);
    assert_eq!(log.take(), ["start"]);
}

#[test]
fn primed_coroutine_accepts_send_at_once() {
    let log = Log::default();
    let mut coroutine = prime(Probe::new(&log, 3).map_yield(|_| ()));
    assert_yielded!(coroutine.send(42), ());
    assert_eq!(log.take(), ["start", "got 42"]);
}

/// Beazley-style `echo`: `value = yield 'ack'`, then `value = yield value`.
fn echo(
    log: &Log,
) -> impl Generator<&'static str, Yield = &'static str, Return = (), Error = Infallible> + '_ {
    from_fn(
        move |input: Resume<&'static str>| -> Outcome<&'static str> {
            let value = input.sent()?;
            log.push(format!("got {value:?}"));
            Ok(GeneratorState::Yielded(value.unwrap_or("ack")))
        },
    )
}

#[test]
fn prime_first_hands_back_the_first_yield() {
    let log = Log::default();
    let (_, first) = prime_first(echo(&log));
    assert_eq!(first, "ack");
}

#[test]
fn prime_first_leaves_the_coroutine_suspended_after_one_step() {
    let log = Log::default();
    let (coroutine, _) = prime_first(echo(&log));
    assert_eq!(coroutine.state(), Lifecycle::Suspended);
    assert_eq!(log.take(), ["got None"], "primed with next(), once");
}

#[test]
fn prime_first_coroutine_accepts_send_at_once() {
    let log = Log::default();
    let (mut coroutine, _) = prime_first(echo(&log));
    assert_yielded!(coroutine.send("hello"), "hello");
}

#[test]
#[should_panic(expected = "prime_first: the coroutine returned before its first `yield`")]
fn prime_first_of_a_coroutine_that_never_yields_helpful_message() {
    let _ = prime_first(resumable::generator::empty::<u8>());
}
