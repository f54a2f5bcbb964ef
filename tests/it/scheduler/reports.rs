//! What the loop reports rather than raises (`Runtime::reports`, asyncio's
//! `call_exception_handler`): errors nobody retrieved, errors during
//! `asyncio.run`'s shutdown, tasks destroyed pending.

use std::time::Duration;

use resumable::scheduler::{sleep, spawn, yield_now, ReportKind, Runtime, TaskError};

use super::script::{Act, Script};
use crate::support::{catch, defer, run, wait, Body, Log};

/// ```python
/// async def bad(): raise RuntimeError("bad failed")
/// async def main():
///     asyncio.create_task(bad())   # no reference kept
///     await asyncio.sleep(0.1)
/// asyncio.run(main())  # logs "Task exception was never retrieved" ... RuntimeError: bad failed
/// ```
#[test]
fn an_error_nobody_retrieved_is_reported_when_the_task_is_let_go() {
    let log = Log::default();
    let mut rt = Runtime::new();
    rt.spawn(Script::new("bad", &[Act::Raise], &log)).detach();
    rt.run_all().unwrap();
    let reports = rt.reports();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].kind(), ReportKind::TaskNeverRetrieved);
    assert_eq!(reports[0].task(), Some("Task-1"));
    assert_eq!(
        reports[0].to_string(),
        "Task exception was never retrieved: Task-1: bad failed"
    );
}

#[test]
fn an_error_taken_from_the_handle_is_not_reported() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(Script::new("bad", &[Act::Raise], &log));
    rt.run_until_idle();
    assert!(task.result().is_some_and(|outcome| outcome.is_err()));
    drop(task);
    rt.run_all().unwrap();
    assert!(rt.reports().is_empty());
}

/// ```python
/// async def main():
///     t = asyncio.create_task(bad())
///     await asyncio.sleep(0.01)
///     print("done:", t.done(), "- no report while the handle is held")
///     del t; gc.collect()     # Task exception was never retrieved ... RuntimeError: bad failed
///     print("handle dropped")
/// ```
#[test]
fn a_failed_task_is_reported_when_its_last_handle_goes() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(Script::new("bad", &[Act::Raise], &log));
    let clone = task.clone();
    rt.run_all().unwrap();
    assert!(task.done());
    drop(task);
    assert!(rt.reports().is_empty(), "a handle is left");
    drop(clone);
    let kinds: Vec<ReportKind> = rt.reports().iter().map(|r| r.kind()).collect();
    assert_eq!(kinds, [ReportKind::TaskNeverRetrieved]);
}

/// ```python
/// loop = asyncio.new_event_loop()
/// fut = loop.create_future(); fut.set_exception(RuntimeError("lost"))
/// del fut; gc.collect()   # Future exception was never retrieved ... RuntimeError: lost
/// ```
#[test]
fn a_failed_promise_nobody_retrieved_is_reported_when_dropped() {
    let rt = Runtime::new();
    let fut = rt.event_loop().create_future::<()>();
    fut.set_exception(TaskError::from("lost")).unwrap();
    drop(fut);
    let reports = rt.reports();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].kind(), ReportKind::FutureNeverRetrieved);
    assert_eq!(
        reports[0].to_string(),
        "Future exception was never retrieved: lost"
    );
}

/// ```python
/// async def stubborn():
///     try: await asyncio.sleep(10)
///     except asyncio.CancelledError: raise ValueError("cleanup failed")
/// async def main():
///     asyncio.create_task(stubborn()); await asyncio.sleep(0)
///     return "main"
/// print(asyncio.run(main()))
/// # unhandled exception during asyncio.run() shutdown
/// # task: <Task finished name='Task-2' coro=<stubborn() ...> exception=ValueError('cleanup failed')>
/// # main
/// ```
#[test]
fn an_error_raised_while_asyncio_run_cancels_is_a_shutdown_error() {
    let stubborn = || {
        Body::new([wait(catch(sleep(Duration::from_secs(10)), |_| {
            Err(TaskError::from("cleanup failed"))
        }))])
    };
    let main = Body::new([run(move || spawn(stubborn()).detach()), wait(yield_now())]);
    let mut rt = Runtime::new();
    rt.run(main).unwrap();
    let reports = rt.reports();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].kind(), ReportKind::ShutdownError);
    assert_eq!(reports[0].task(), Some("Task-2"));
    assert_eq!(
        reports[0].to_string(),
        "unhandled exception during asyncio.run() shutdown: Task-2: cleanup failed"
    );
}

/// A task spawned while `asyncio.run` cancels the others is not among
/// them: it is still pending when the loop closes.
///
/// ```python
/// async def orphan(): await asyncio.sleep(10)
/// async def spawner():
///     try: await asyncio.sleep(10)
///     finally: asyncio.create_task(orphan())
/// async def main():
///     asyncio.create_task(spawner()); await asyncio.sleep(0)
/// asyncio.run(main())
/// # Task was destroyed but it is pending!
/// # task: <Task pending name='Task-3' coro=<orphan() ...>>
/// ```
#[test]
fn a_task_left_pending_by_asyncio_run_is_reported_destroyed() {
    let log = Log::default();
    let orphan = {
        let log = log.clone();
        move || Script::new("orphan", &[Act::Sleep(10_000)], &log)
    };
    let spawner = move || {
        Body::new([
            defer(move || spawn(orphan()).detach()),
            wait(sleep(Duration::from_secs(10))),
        ])
    };
    let main = Body::new([run(move || spawn(spawner()).detach()), wait(yield_now())]);
    let mut rt = Runtime::new();
    rt.run(main).unwrap();
    assert_eq!(log.take(), ["orphan:0", "orphan:closed"]);
    let reports = rt.reports();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].kind(), ReportKind::DestroyedPending);
    assert_eq!(reports[0].task(), Some("Task-3"));
}
