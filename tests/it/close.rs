//! Python's `close`: on a created, suspended and finished generator; clean
//! exit, a value returned while closing (Python 3.13), yielding while
//! closing (an error), and raising while closing.

use resumable::{CloseError, Generator, Lifecycle};

use crate::support::{Boom, Log, OnClose, Probe};

#[test]
fn close_on_created_does_nothing() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2).on_close(OnClose::Ignore).tracked();
    assert_eq!(gen.close(), Ok(None));
    assert!(log.take().is_empty(), "no cleanup: nothing had started");
    assert_eq!(gen.state(), Lifecycle::Closed);
}

#[test]
fn close_on_suspended_runs_cleanup_and_finishes() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2).tracked();
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["start", "cleanup"]);
    assert_eq!(gen.state(), Lifecycle::Closed);
}

#[test]
fn value_returned_while_closing_is_handed_back() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2).on_close(OnClose::Return).tracked();
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(Some("closed")));
    assert_eq!(gen.state(), Lifecycle::Closed);
}

#[test]
fn yielding_while_closing_is_an_error_that_hands_back_the_value() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2).on_close(OnClose::Ignore).tracked();
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Err(CloseError::IgnoredExit(-2)));
    assert_eq!(
        gen.state(),
        Lifecycle::Suspended,
        "as in CPython, it is left at the yield it ignored GeneratorExit with"
    );
}

#[test]
fn ignored_exit_displays_pythons_message() {
    let error: CloseError<i32, Boom> = CloseError::IgnoredExit(-2);
    assert_eq!(error.to_string(), "generator ignored GeneratorExit");
}

#[test]
fn error_raised_while_closing_propagates() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2).on_close(OnClose::Raise).tracked();
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Err(CloseError::Raised(Boom(99))));
    assert_eq!(gen.state(), Lifecycle::Closed);
}

#[test]
fn close_on_finished_does_nothing() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 0).on_close(OnClose::Ignore).tracked();
    assert_complete!(gen.next(), "done");
    log.take();
    assert_eq!(gen.close(), Ok(None));
    assert!(log.take().is_empty());
}

#[test]
fn close_twice_is_harmless() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2).tracked();
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["start", "cleanup"]);
}
