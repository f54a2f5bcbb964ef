//! The ways to run the loop: `run_forever` and `stop`, one turn
//! (`_run_once`), `run_until_complete`, `close`, and `asyncio.run`'s
//! shutdown.

use std::time::Duration;

use resumable::scheduler::{sleep, spawn, yield_now, ReportKind, Runtime, TaskError};
use resumable::sync::Event;
use resumable::Generator as _;

use super::script::{Act, Script};
use crate::support::{catch, note, run, wait, Body, Log};

/// ```python
/// loop = asyncio.new_event_loop(); log = []
/// def first():
///     log.append(f"first, running={loop.is_running()}")
///     loop.call_soon(log.append, "scheduled by first")
/// loop.call_soon(first)
/// loop.call_soon(loop.stop)
/// loop.call_soon(log.append, "same turn")
/// loop.run_forever()
/// print(log, loop.is_running())
/// # ['first, running=True', 'same turn'] False
/// loop.call_soon(loop.stop); loop.run_forever()
/// print(log[2:])  # ['scheduled by first']
/// ```
#[test]
fn run_forever_returns_after_the_turn_that_called_stop() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let lp = rt.event_loop();
    let inner = log.clone();
    rt.call_soon(move || {
        inner.push(format!("first, running={}", lp.is_running()));
        let again = inner.clone();
        lp.call_soon(move || again.push("scheduled by first"));
    });
    let lp = rt.event_loop();
    rt.call_soon(move || lp.stop());
    let inner = log.clone();
    rt.call_soon(move || inner.push("same turn"));
    rt.run_forever().unwrap();
    assert_eq!(log.take(), ["first, running=true", "same turn"]);
    assert!(!rt.is_running());
    let lp = rt.event_loop();
    rt.call_soon(move || lp.stop());
    rt.run_forever().unwrap();
    assert_eq!(log.take(), ["scheduled by first"]);
}

/// ```python
/// loop = asyncio.new_event_loop()
/// events._set_running_loop(loop)   # what run_forever does around _run_once
/// t = loop.create_task(asyncio.sleep(0.1)); t0 = loop.time()
/// loop._run_once(); print(t.done())                              # False
/// loop._run_once(); print(t.done(), round(loop.time() - t0, 1))  # False 0.1
/// loop._run_once(); print(t.done())                              # True
/// ```
#[test]
fn run_once_is_one_turn_and_a_sleep_ends_two_turns_after_its_timer() {
    let mut rt = Runtime::new();
    let task = rt.spawn(sleep(Duration::from_secs(1)));
    rt.run_once().unwrap();
    assert!(!task.done());
    rt.run_once().unwrap();
    assert!(!task.done());
    assert_eq!(rt.time(), Duration::from_secs(1));
    rt.run_once().unwrap();
    assert!(task.done());
    // Nothing left: asyncio would block in select() for ever.
    assert!(rt.run_once().is_err());
}

/// ```python
/// loop = asyncio.new_event_loop(); t0 = loop.time()
/// bg = loop.create_task(asyncio.sleep(0.5))
/// async def main():
///     await asyncio.sleep(0.1)
///     return "main"
/// print(loop.run_until_complete(main()), bg.done(), round(loop.time() - t0, 1))
/// # main False 0.1
/// loop.run_until_complete(bg)
/// print(bg.done(), round(loop.time() - t0, 1))  # True 0.5
/// ```
#[test]
fn run_until_complete_leaves_the_other_tasks_as_they_are() {
    let mut rt = Runtime::new();
    let background = rt.spawn(sleep(Duration::from_secs(5)));
    let main = sleep(Duration::from_secs(1)).map_return(|()| "main");
    assert_eq!(rt.run_until_complete(main).unwrap().unwrap(), "main");
    assert!(!background.done() && !background.cancelled());
    assert_eq!(rt.time(), Duration::from_secs(1));
    rt.run_until_complete(background.clone()).unwrap().unwrap();
    assert!(background.done());
    assert_eq!(rt.time(), Duration::from_secs(5));
}

#[test]
fn run_until_complete_gives_mains_error_as_the_inner_result() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let outcome = rt.run_until_complete(Script::new("bad", &[Act::Raise], &log));
    let error = outcome.expect("no deadlock").expect_err("main raised");
    assert_eq!(error.to_string(), "bad failed");
}

/// ```python
/// loop = asyncio.new_event_loop()
/// t = loop.create_task(asyncio.sleep(60))
/// loop.run_until_complete(asyncio.sleep(0))
/// loop.close(); print(loop.is_closed())  # True
/// del t; gc.collect()                     # Task was destroyed but it is pending!
/// ```
#[test]
fn close_closes_the_pending_tasks_and_reports_each() {
    let log = Log::default();
    let mut rt = Runtime::new();
    rt.spawn(Script::new("a", &[Act::Sleep(60_000)], &log))
        .detach();
    rt.run_until_idle();
    assert!(!rt.is_closed());
    rt.close();
    assert!(rt.is_closed());
    assert_eq!(log.take(), ["a:0", "a:closed"]);
    let reports = rt.reports();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].kind(), ReportKind::DestroyedPending);
    assert_eq!(
        reports[0].to_string(),
        "Task was destroyed but it is pending!: Task-1"
    );
    rt.close(); // a second close does nothing
    assert_eq!(rt.reports().len(), 1);
}

/// ```python
/// loop.close()
/// loop.run_until_complete(asyncio.sleep(0))  # RuntimeError: Event loop is closed
/// ```
#[test]
#[should_panic(expected = "Event loop is closed")]
fn running_a_closed_loop_panics() {
    let mut rt = Runtime::new();
    rt.close();
    rt.run_until_idle();
}

/// Logs `name cancelled` when a cancellation comes out of `awaitable`.
fn logging_cancel<A>(log: &Log, name: &'static str, awaitable: A) -> crate::support::Step
where
    A: resumable::Generator<Yield = resumable::scheduler::Request, Return = (), Error = TaskError>
        + 'static,
{
    let log = log.clone();
    wait(catch(awaitable, move |error| {
        if error.is_cancelled() {
            log.push(format!("{name} cancelled"));
        }
        Err(error)
    }))
}

/// `asyncio.run` stops the loop with a done callback of main: what main's
/// last step made ready runs in the turn after it, before the tasks left
/// are cancelled.
///
/// ```python
/// async def worker(ev):
///     try:
///         await ev.wait(); log.append("worker woke"); await asyncio.sleep(1)
///     except asyncio.CancelledError:
///         log.append("worker cancelled"); raise
/// async def late():
///     try:
///         log.append("late started"); await asyncio.sleep(1)
///     except asyncio.CancelledError:
///         log.append("late cancelled"); raise
/// async def main():
///     ev = asyncio.Event()
///     asyncio.create_task(worker(ev)); await asyncio.sleep(0)
///     ev.set(); asyncio.create_task(late()); log.append("main returns")
/// asyncio.run(main()); print(log)
/// # ['main returns', 'worker woke', 'late started', 'late cancelled', 'worker cancelled']
/// ```
///
/// (The last two come in the order of `all_tasks()`, a set; this loop
/// cancels in spawn order.)
#[test]
fn asyncio_run_lets_what_mains_last_step_woke_run_before_cancelling() {
    let log = Log::default();
    let event = Event::new();
    let worker = {
        let (log, event) = (log.clone(), event.clone());
        move || {
            Body::new([
                logging_cancel(&log, "worker", event.wait()),
                note(&log, "worker woke"),
                logging_cancel(&log, "worker", sleep(Duration::from_secs(1))),
            ])
        }
    };
    let late = {
        let log = log.clone();
        move || {
            Body::new([
                note(&log, "late started"),
                logging_cancel(&log, "late", sleep(Duration::from_secs(1))),
            ])
        }
    };
    let main = Body::new([
        run(move || spawn(worker()).detach()),
        wait(yield_now()),
        run({
            let log = log.clone();
            move || {
                event.set();
                spawn(late()).detach();
                log.push("main returns");
            }
        }),
    ]);
    let mut rt = Runtime::new();
    rt.run(main).unwrap();
    let mut lines = log.take();
    assert_eq!(lines[..3], ["main returns", "worker woke", "late started"]);
    lines[3..].sort();
    assert_eq!(lines[3..], ["late cancelled", "worker cancelled"]);
    assert_eq!(rt.time(), Duration::ZERO, "cancelled, not slept");
}

/// A task closed while it waits (here: by the deadlock that ends a run)
/// leaves its wake-up among the future's callbacks; setting the future
/// later must not wake the task that has its slot now.
#[test]
fn a_wake_up_for_a_closed_task_does_not_reach_the_next_task_in_its_slot() {
    use resumable::scheduler::{Promise, RunError};

    let mut rt = Runtime::new();
    let never: Promise<()> = Promise::new();
    let ran = rt.run(never.wait());
    assert!(matches!(ran, Err(RunError::Deadlock(_))));
    let other: Promise<()> = Promise::new();
    let waiter = rt.spawn(other.wait()); // in the slot the closed task had
    rt.run_until_idle();
    never.set_result(()).unwrap();
    rt.run_until_idle();
    assert!(!waiter.done(), "woken by a wake-up meant for another task");
    other.set_result(()).unwrap();
    rt.run_until_idle();
    assert_eq!(waiter.result().map(|outcome| outcome.is_ok()), Some(true));
}
