//! The adapters: `map_yield`, `map_return`, `with_error`, `chain`, `iter`.

use std::convert::Infallible;

use resumable::generator::{from_fn, from_iter, once};
// Both `yield_from`s in one file: the root holds only the macro, so the
// function's import does not clash with it (E0252 before).
use resumable::generator::yield_from;
use resumable::yield_from;
use resumable::{Exception, Generator, GeneratorState, Outcome, Resume};

use crate::support::{Boom, Log, OnClose, Probe};

#[test]
fn map_yield_transforms_yields_and_keeps_the_return_value() {
    let mut gen = from_iter([1, 2])
        .map_yield(|n| n * 10)
        .map_return(|()| "end");
    assert_yielded!(gen.next(), 10);
    assert_yielded!(gen.next(), 20);
    assert_complete!(gen.next(), "end");
}

#[test]
fn map_yield_passes_sends_throws_and_closes_through() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 5).map_yield(|n| n * 10);
    assert_yielded!(gen.next(), 10);
    assert_yielded!(gen.send(7), 20);
    assert_raised!(gen.throw(Boom(1)), Boom(1));
    assert_eq!(log.take(), ["start", "got 7", "caught boom 1"]);
}

/// An infallible generator that logs its cleanup, to see `with_error` close it.
fn cleaning(log: &Log) -> impl Generator<Yield = u8, Return = (), Error = Infallible> + '_ {
    from_fn(move |input: Resume| -> Outcome<u8> {
        if input.is_close() {
            log.push("cleanup");
            return Err(Exception::GeneratorExit);
        }
        Ok(GeneratorState::Yielded(1))
    })
}

#[test]
fn with_error_closes_the_generator_before_raising_a_thrown_error() {
    let log = Log::default();
    let mut gen = cleaning(&log).with_error::<Boom>();
    assert_yielded!(gen.next(), 1);
    assert_raised!(gen.throw(Boom(4)), Boom(4));
    assert_eq!(log.take(), ["cleanup"]);
}

#[test]
fn with_error_passes_close_through() {
    let log = Log::default();
    let mut gen = cleaning(&log).with_error::<Boom>();
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["cleanup"]);
}

#[test]
fn chain_runs_the_second_after_the_first_returns_in_the_same_step() {
    let mut gen = once(1).chain(from_iter([2, 3]));
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.next(), 2);
    assert_yielded!(gen.next(), 3);
    assert_complete!(gen.next(), ());
}

#[test]
fn chain_closed_in_the_first_part_never_starts_the_second() {
    let log = Log::default();
    let first = Probe::new(&log, 3).map_return(|_| ());
    let second = Probe::new(&log, 3);
    let mut gen = first.chain(second);
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["start", "cleanup"]);
}

#[test]
fn chain_drops_a_value_returned_while_closing_like_yield_from() {
    let log = Log::default();
    let first = Probe::new(&log, 3)
        .on_close(OnClose::Return)
        .map_return(|_| ());
    let mut gen = first.chain(Probe::new(&log, 3));
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
}

#[test]
fn iter_ends_at_the_return_and_stays_ended() {
    let mut gen = from_iter([1]);
    let mut iter = gen.iter();
    assert_eq!(
        (iter.next(), iter.next(), iter.next()),
        (Some(1), None, None)
    );
}

#[test]
fn iter_ends_when_the_generator_raises_generator_exit_by_itself() {
    let mut gen = from_fn(|_: Resume| -> Outcome<u8> { Err(Exception::GeneratorExit) });
    assert_eq!(gen.iter().next(), None);
}

#[test]
fn the_yield_from_function_and_macro_import_side_by_side() {
    let mut adapter = yield_from(once(1)); // the function
    let mut by_hand = from_fn(move |input: Resume| -> Outcome<u8> {
        yield_from!(adapter, input)?; // the macro
        Ok(GeneratorState::Complete(()))
    });
    assert_yielded!(by_hand.next(), 1);
    assert_complete!(by_hand.next(), ());
}
