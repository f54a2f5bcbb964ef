//! Dropping: a bare generator's cleanup does not run; `close_on_drop` runs it
//! as Python's garbage collector does, and only for a suspended generator.

use resumable::Generator;

use crate::support::{Log, OnClose, Probe};

#[test]
fn dropping_a_suspended_generator_runs_no_cleanup() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2);
    assert_yielded!(gen.next(), 1);
    drop(gen);
    assert_eq!(log.take(), ["start"]);
}

#[test]
fn close_on_drop_runs_the_cleanup_of_a_suspended_generator() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2).close_on_drop();
    assert_yielded!(gen.next(), 1);
    drop(gen);
    assert_eq!(log.take(), ["start", "cleanup"]);
}

#[test]
fn close_on_drop_leaves_a_created_generator_alone() {
    let log = Log::default();
    drop(Probe::new(&log, 2).close_on_drop());
    assert!(log.take().is_empty());
}

#[test]
fn close_on_drop_leaves_a_finished_generator_alone() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 0).close_on_drop();
    assert_complete!(gen.next(), "done");
    drop(gen);
    assert_eq!(log.take(), ["start"]);
}

#[test]
fn close_on_drop_survives_a_generator_that_ignores_exit() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2)
        .on_close(OnClose::Ignore)
        .close_on_drop();
    assert_yielded!(gen.next(), 1);
    drop(gen); // reported on stderr, as Python's "Exception ignored in"
    assert_eq!(log.take(), ["start", "cleanup"]);
}

#[test]
fn close_on_drop_after_an_explicit_close_does_not_close_again() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2).close_on_drop();
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
    drop(gen);
    assert_eq!(log.take(), ["start", "cleanup"]);
}
