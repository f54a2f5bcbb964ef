//! What the runtime tells about its tasks: names, results, deadlocks, the
//! trace; and work on threads.

use std::time::Duration;

use resumable::generator::from_fn;
use resumable::scheduler::{
    spawn, to_thread, wait_for, Promise, PromiseWait, Request, RunError, Runtime, TaskError,
};
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

/// ```python
/// async def a():
///     await asyncio.sleep(0)
///     return 1
/// async def main():
///     task = asyncio.create_task(a())
///     await asyncio.sleep(0); await asyncio.sleep(0); await asyncio.sleep(0)
///     print(task.result(), task.result())  # 1 1
/// ```
#[test]
fn a_result_can_be_read_again() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(Script::new("a", &[Act::Yield], &log));
    rt.run_all().unwrap();
    assert_eq!(task.result().map(Result::ok), Some(Some(1)));
    assert_eq!(task.result().map(Result::ok), Some(Some(1)));
}

/// A task that awaits a promise nobody will ever set.
fn wait_forever(promise: &Promise<()>) -> PromiseWait<()> {
    promise.wait()
}

#[test]
fn a_deadlock_is_reported_with_each_blocked_task() {
    let (first, second) = (Promise::new(), Promise::new());
    let mut rt = Runtime::new();
    rt.spawn(wait_forever(&first)).detach();
    let error = rt.run(wait_forever(&second)).unwrap_err();
    let RunError::Deadlock(deadlock) = error else {
        panic!("expected a deadlock, got {error}");
    };
    assert_eq!(
        deadlock.to_string(),
        format!(
            "deadlock: no task can run and no timer is pending\n  \
             Task-1 waits for {}\n  \
             Task-2 waits for {}",
            first.blocker(),
            second.blocker()
        )
    );
}

#[test]
fn a_wait_with_a_timeout_is_not_a_deadlock() {
    let mut rt = Runtime::new();
    let never: Promise<()> = Promise::new();
    let error = rt
        .run(wait_for(never.wait(), Duration::from_secs(3)))
        .unwrap_err();
    assert!(matches!(error, RunError::Task(TaskError::TimedOut)));
    assert_eq!(rt.time(), Duration::from_secs(3));
}

#[test]
#[should_panic(expected = "no running event loop: spawn runs in a task")]
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
    rt.run_all().unwrap();
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
        "the main task raised the thread of to_thread panicked: disk on fire"
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
    rt.run_all().unwrap();
    insta::assert_snapshot!(rt.timeline());
}
