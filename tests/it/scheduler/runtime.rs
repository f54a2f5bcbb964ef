//! What the runtime reports: names, results, never-retrieved errors,
//! deadlocks, the trace; and work on threads.

use std::time::Duration;

use resumable::generator::from_fn;
use resumable::scheduler::{spawn, to_thread, Blocker, Request, RunError, Runtime, TaskError};
use resumable::{GeneratorState, Resume};

use super::script::{Act, Script};
use crate::support::Log;

#[test]
fn tasks_are_named_task_n_in_spawn_order() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let first = rt.spawn(Script::new("a", &[], &log));
    let second = rt.spawn(Script::new("b", &[], &log));
    assert_eq!(
        (first.name(), second.name()),
        ("Task-1".into(), "Task-2".into())
    );
}

#[test]
fn set_name_renames_a_task() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(Script::new("a", &[], &log));
    task.set_name("worker");
    assert_eq!(format!("{task:?}"), "<Task pending name='worker'>");
}

#[test]
fn a_result_is_delivered_once() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(Script::new("a", &[Act::Yield], &log));
    rt.run_until_complete().unwrap();
    assert_eq!(task.result().map(Result::ok), Some(Some(1)));
    assert!(task.result().is_none());
}

#[test]
fn an_error_nobody_retrieved_is_reported_when_the_run_ends() {
    let log = Log::default();
    let mut rt = Runtime::new();
    rt.spawn(Script::new("bad", &[Act::Raise], &log)).detach();
    rt.run_until_complete().unwrap();
    assert_eq!(
        rt.unretrieved(),
        [("Task-1".to_string(), "bad failed".to_string())]
    );
}

#[test]
fn an_error_taken_from_the_handle_is_not_reported() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(Script::new("bad", &[Act::Raise], &log));
    rt.run_until_idle();
    assert!(task.result().is_some_and(|outcome| outcome.is_err()));
    rt.run_until_complete().unwrap();
    assert!(rt.unretrieved().is_empty());
}

fn wait_forever(
    on: &'static str,
) -> impl resumable::Generator<Yield = Request, Return = (), Error = TaskError> {
    from_fn(move |input: Resume<(), TaskError>| {
        input.sent()?;
        Ok(GeneratorState::Yielded(Request::Wait {
            on: Blocker::other(on),
            timeout: None,
        }))
    })
}

#[test]
fn a_deadlock_is_reported_with_each_blocked_task() {
    let mut rt = Runtime::new();
    rt.spawn(wait_forever("the first lock")).detach();
    let error = rt.run(wait_forever("the second lock")).unwrap_err();
    let RunError::Deadlock(deadlock) = error else {
        panic!("expected a deadlock, got {error}");
    };
    assert_eq!(
        deadlock.to_string(),
        "deadlock: no task can run and no timer is pending\n  \
         Task-1 waits for the first lock\n  \
         Task-2 waits for the second lock"
    );
}

#[test]
fn a_wait_with_a_timeout_is_not_a_deadlock() {
    let mut rt = Runtime::new();
    let mut parked = false;
    let main = from_fn(move |input: Resume<(), TaskError>| {
        input.sent()?;
        if std::mem::replace(&mut parked, true) {
            return Ok(GeneratorState::Complete("timed out"));
        }
        Ok(GeneratorState::Yielded(Request::Wait {
            on: Blocker::other("nothing"),
            timeout: Some(Duration::from_secs(3)),
        }))
    });
    assert_eq!(rt.run(main).unwrap(), "timed out");
    assert_eq!(rt.now(), Duration::from_secs(3));
}

#[test]
#[should_panic(expected = "spawn needs a running scheduler")]
fn spawn_outside_a_runtime_panics_with_a_hint() {
    let log = Log::default();
    spawn(Script::new("a", &[], &log)).detach();
}

#[test]
fn to_thread_lets_other_tasks_run_while_the_thread_works() {
    let log = Log::default();
    let (go, wait) = std::sync::mpsc::channel::<()>();
    let mut rt = Runtime::new();
    let worker = rt.spawn(to_thread(move || {
        // Returns when the other task drops the sender.
        let _ = wait.recv();
        42
    }));
    let log2 = log.clone();
    let mut go = Some(go);
    rt.spawn(from_fn(move |input: Resume<(), TaskError>| {
        input.sent()?;
        log2.push("other task ran");
        drop(go.take()); // lets the thread finish
        Ok(GeneratorState::<Request, ()>::Complete(()))
    }))
    .detach();
    rt.run_until_complete().unwrap();
    assert_eq!(log.take(), ["other task ran"]);
    assert_eq!(worker.result().map(Result::ok), Some(Some(42)));
}

#[test]
fn a_panic_on_the_thread_becomes_the_tasks_error() {
    let mut rt = Runtime::new();
    let error = rt
        .run(to_thread(|| -> u32 { panic!("disk on fire") }))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "the main task raised the thread of to_thread panicked"
    );
}

#[test]
fn the_trace_of_a_run_as_a_timeline() {
    let log = Log::default();
    let mut rt = Runtime::new();
    rt.record_trace();
    rt.spawn(Script::new("a", &[Act::Sleep(1000), Act::Yield], &log))
        .detach();
    rt.spawn(Script::new("b", &[Act::Yield, Act::Sleep(500)], &log))
        .detach();
    rt.spawn(Script::new("c", &[Act::Raise], &log)).detach();
    rt.run_until_complete().unwrap();
    insta::assert_snapshot!(rt.timeline());
}
