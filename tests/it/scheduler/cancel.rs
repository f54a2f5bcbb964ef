//! Cancellation: thrown in where the task is suspended, catchable, and
//! passed on to what it awaits.

use std::time::Duration;

use resumable::scheduler::{shield, Runtime, TaskError};

use super::script::{Act, Script};
use crate::support::Log;

#[test]
fn cancel_is_thrown_in_at_the_suspension_point() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(Script::new("a", &[Act::Sleep(1000), Act::Yield], &log));
    rt.run_until_idle();
    assert!(task.cancel());
    rt.run_all().unwrap();
    assert_eq!(log.take(), ["a:0", "a:cancelled"]);
}

#[test]
fn a_cancelled_task_reports_cancelled_and_its_join_raises_it() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(Script::new("a", &[Act::Sleep(1000)], &log));
    rt.run_until_idle();
    task.cancel();
    rt.run_all().unwrap();
    assert!(task.done() && task.cancelled());
    assert!(matches!(task.result(), Some(Err(TaskError::Cancelled(_)))));
}

#[test]
fn a_task_that_catches_the_cancellation_is_not_cancelled() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(Script::new("a", &[Act::Sleep(1000)], &log).catching());
    rt.run_until_idle();
    task.cancel();
    rt.run_all().unwrap();
    assert!(!task.cancelled());
    assert_eq!(task.result().map(Result::ok), Some(Some(0)));
}

#[test]
fn cancelling_before_the_first_step_skips_the_body() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(Script::new("a", &[Act::Yield], &log));
    task.cancel();
    rt.run_all().unwrap();
    assert!(task.cancelled());
    assert_eq!(log.take(), ["a:cancelled"]);
}

#[test]
fn cancel_wakes_a_parked_task_without_waiting_for_its_timer() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(Script::new("a", &[Act::Sleep(60_000)], &log));
    rt.run_until_idle();
    task.cancel();
    rt.run_all().unwrap();
    assert_eq!(rt.time(), Duration::ZERO);
}

#[test]
fn cancelling_a_finished_task_does_nothing() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(Script::new("a", &[], &log));
    rt.run_all().unwrap();
    assert!(!task.cancel());
    assert!(!task.cancelled());
}

#[test]
fn cancelling_a_joiner_cancels_the_task_it_awaits() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let inner = rt.spawn(Script::new("inner", &[Act::Sleep(1000)], &log));
    let outer = rt.spawn(inner.join());
    rt.run_until_idle();
    outer.cancel();
    rt.run_all().unwrap();
    assert!(outer.cancelled());
    assert_eq!(log.take(), ["inner:0", "inner:cancelled"]);
}

#[test]
fn shield_keeps_the_inner_task_running_when_the_waiter_is_cancelled() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let waiter = rt.spawn(shield(Script::new("inner", &[Act::Sleep(1000)], &log)));
    rt.run_until_idle();
    waiter.cancel();
    rt.run_all().unwrap();
    assert!(waiter.cancelled());
    assert_eq!(log.take(), ["inner:0", "inner:returned"]);
}

#[test]
fn dropping_the_runtime_closes_the_tasks_still_alive() {
    let log = Log::default();
    let mut rt = Runtime::new();
    rt.spawn(Script::new("a", &[Act::Sleep(1000)], &log))
        .detach();
    rt.spawn(Script::new("b", &[Act::Sleep(500), Act::Yield], &log))
        .detach();
    rt.run_until_idle();
    log.take();
    drop(rt);
    assert_eq!(log.take(), ["a:closed", "b:closed"]);
}
