//! Python's `throw`: into a created, a suspended and a finished generator;
//! caught (yield again, return) and uncaught.

use resumable::{Generator, Lifecycle};

use crate::support::{Boom, Log, OnThrow, Probe};

#[test]
fn throw_into_created_raises_before_any_code_runs() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2).on_throw(OnThrow::YieldAgain).tracked();
    assert_raised!(gen.throw(Boom(1)), Boom(1));
    assert!(
        log.take().is_empty(),
        "no code ran, so no handler caught it"
    );
    assert_eq!(gen.state(), Lifecycle::Closed);
}

#[test]
fn bare_machine_also_raises_a_throw_before_starting() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2).on_throw(OnThrow::YieldAgain);
    assert_raised!(gen.throw(Boom(1)), Boom(1));
    assert!(log.take().is_empty());
}

#[test]
fn caught_throw_can_yield_again() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 3).on_throw(OnThrow::YieldAgain).tracked();
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.throw(Boom(7)), -1);
    assert_eq!(gen.state(), Lifecycle::Suspended);
    assert_eq!(log.take(), ["start", "caught boom 7"]);
}

#[test]
fn caught_throw_can_return() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 3).on_throw(OnThrow::Return).tracked();
    assert_yielded!(gen.next(), 1);
    assert_complete!(gen.throw(Boom(7)), "caught");
    assert_eq!(gen.state(), Lifecycle::Closed);
}

#[test]
fn uncaught_throw_propagates_and_finishes_the_generator() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 3).tracked();
    assert_yielded!(gen.next(), 1);
    assert_raised!(gen.throw(Boom(7)), Boom(7));
    assert_eq!(gen.state(), Lifecycle::Closed);
}

#[test]
fn throw_into_finished_comes_straight_back() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 0).on_throw(OnThrow::YieldAgain).tracked();
    assert_complete!(gen.next(), "done");
    log.take();
    assert_raised!(gen.throw(Boom(3)), Boom(3));
    assert!(
        log.take().is_empty(),
        "the finished generator's code did not run"
    );
    assert_eq!(gen.state(), Lifecycle::Closed);
}
