//! Faults around threads and other runtimes: a cancelled `to_thread` lets
//! the loop go on without its thread, a panic on the thread reaches the
//! task with its message, and a task of another runtime is refused, not
//! waited for forever.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, ThreadId};
use std::time::Duration;

use resumable::scheduler::{
    gather, now, sleep, to_thread, wait_for, Clock, PanicError, Promise, RunError, Runtime,
    RuntimeError, Task, TaskError,
};
use resumable::{Generator as _, Resume};

use crate::support::{catch, later, run, wait, Body};

/// How long a held thread waits to be let go before it gives up: a loop
/// that waits for a thread it should have let go of then fails the test
/// after this long, instead of hanging it.
const PATIENCE: Duration = Duration::from_secs(20);

/// Work for `to_thread` that blocks until the test lets it go.
struct Held {
    go: Sender<()>,
    /// From the thread: whether it was let go (`false`: it gave up).
    ended: Receiver<bool>,
}

impl Held {
    /// The work, which returns `value`, and its handle.
    fn new<R: Send + 'static>(value: R) -> (impl FnOnce() -> R + Send + 'static, Held) {
        let (go, wait_for_go) = mpsc::channel();
        let (tell_ended, ended) = mpsc::channel();
        let work = move || {
            let let_go = wait_for_go.recv_timeout(PATIENCE).is_ok();
            let _ = tell_ended.send(let_go);
            value
        };
        (work, Held { go, ended })
    }

    /// Lets the thread go; `true` if it was still waiting for that, so the
    /// run that came before did not wait for it.
    fn let_go(self) -> bool {
        let _ = self.go.send(());
        self.ended.recv().expect("the thread tells how it ended")
    }
}

/// A value that tells on which thread it was dropped.
struct DropProbe(Sender<ThreadId>);

impl Drop for DropProbe {
    fn drop(&mut self) {
        let _ = self.0.send(thread::current().id());
    }
}

// ------------------------------------------------ a cancelled to_thread

/// The loop lets go of the thread of a cancelled task: the sleep after
/// the cancel takes its 1 s on the virtual clock, and the run returns while
/// the thread still works.
///
/// ```python
/// async def main():
///     worker = asyncio.create_task(asyncio.to_thread(held))
///     await asyncio.sleep(0)  # the thread starts, the worker waits for it
///     worker.cancel()
///     await asyncio.sleep(1)  # 1 s later, whatever the thread does
/// ```
#[test]
fn a_cancelled_to_thread_does_not_hold_the_loop() {
    let (work, held) = Held::new(7_u32);
    let mut rt = Runtime::new();
    let worker = rt.spawn(to_thread(work));
    rt.run_once().unwrap(); // the worker's first step: the thread starts
    worker.cancel();
    rt.run(sleep(Duration::from_secs(1))).unwrap();
    assert!(worker.cancelled());
    assert_eq!(rt.time(), Duration::from_secs(1));
    assert!(held.let_go(), "the loop waited for the thread");
}

/// Same, with the cancel coming from another task, and the main task
/// carrying on after it.
#[test]
fn a_task_cancelled_by_another_lets_the_clock_move() {
    let (work, held) = Held::new(7_u32);
    let mut rt = Runtime::new();
    let worker = rt.spawn(to_thread(work));
    let cancelled = worker.clone();
    let main = Body::new([
        wait(sleep(Duration::ZERO)),
        run(move || assert!(cancelled.cancel())),
        wait(sleep(Duration::from_secs(2))),
    ]);
    rt.run(main).unwrap();
    assert!(worker.cancelled());
    assert_eq!(rt.time(), Duration::from_secs(2));
    assert!(held.let_go(), "the loop waited for the thread");
}

/// On the real clock a `wait_for` that times out cancels the task; after
/// that the thread does not keep the loop waiting: a task left waiting
/// for what nobody will do is a deadlock, reported at once.
///
/// ```python
/// async def main():
///     try:
///         await asyncio.wait_for(asyncio.to_thread(held), 0.01)
///     except TimeoutError:
///         pass
///     await asyncio.get_running_loop().create_future()  # asyncio hangs here
/// ```
#[test]
fn after_a_wait_for_timed_out_the_thread_does_not_hide_a_deadlock() {
    let (work, held) = Held::new(7_u32);
    let mut rt = Runtime::with_clock(Clock::Real);
    let never: Promise<()> = rt.event_loop().create_future();
    let timed_out = catch(
        wait_for(to_thread(work), Duration::from_millis(10)).map_return(drop),
        |error| match error {
            TaskError::TimedOut => Ok(()),
            other => Err(other),
        },
    );
    let main = Body::new([wait(timed_out), wait(never.wait())]);
    let outcome = rt.run(main);
    assert!(held.let_go(), "the loop waited for the thread");
    let Err(RunError::Deadlock(deadlock)) = outcome else {
        panic!("a deadlock, not {outcome:?}");
    };
    assert_eq!(
        deadlock.to_string(),
        format!(
            "deadlock: no task can run and no timer is pending\n  Task-1 waits for {}",
            never.blocker()
        )
    );
}

/// The same on the virtual clock, the task cancelled by another.
#[test]
fn after_a_cancel_the_thread_does_not_hide_a_deadlock() {
    let (work, held) = Held::new(7_u32);
    let mut rt = Runtime::new();
    let never: Promise<()> = rt.event_loop().create_future();
    let worker = rt.spawn(to_thread(work));
    let cancelled = worker.clone();
    let main = Body::new([
        wait(sleep(Duration::ZERO)),
        run(move || assert!(cancelled.cancel())),
        wait(never.wait()),
    ]);
    let outcome = rt.run(main);
    assert!(held.let_go(), "the loop waited for the thread");
    assert!(matches!(outcome, Err(RunError::Deadlock(_))), "{outcome:?}");
    assert!(worker.cancelled());
}

/// What the thread of a cancelled task returns is dropped once, on the
/// thread (the loop's thread may be busy, or gone).
#[test]
fn the_result_of_a_detached_thread_is_dropped_on_the_thread() {
    let (dropped, drops) = mpsc::channel();
    let (work, held) = Held::new(DropProbe(dropped));
    let mut rt = Runtime::new();
    let worker = rt.spawn(to_thread(work));
    rt.run_once().unwrap();
    worker.cancel();
    rt.run(sleep(Duration::from_secs(1))).unwrap();
    assert!(held.let_go(), "the loop waited for the thread");
    let on = drops.recv_timeout(PATIENCE).expect("the result is dropped");
    assert_ne!(on, thread::current().id());
    rt.run(sleep(Duration::ZERO)).unwrap(); // a turn for anything sent back
    assert!(drops.try_recv().is_err(), "dropped twice");
}

/// Closing the awaitable (what happens to a task's generator when its loop
/// closes it) detaches the thread too.
#[test]
fn closing_a_waiting_to_thread_detaches_its_thread() {
    let (work, held) = Held::new(7_u32);
    let closed = Rc::new(Cell::new(false));
    let closed_in_task = Rc::clone(&closed);
    let mut rt = Runtime::new();
    let main = Body::new([
        run(move || {
            let mut awaitable = to_thread(work);
            let _ = awaitable.resume(Resume::Next); // starts the thread
            let closing = awaitable.resume(Resume::Close);
            closed_in_task.set(closing.is_err());
        }),
        wait(sleep(Duration::from_secs(1))),
    ]);
    rt.run(main).unwrap();
    assert!(closed.get());
    assert_eq!(rt.time(), Duration::from_secs(1));
    assert!(held.let_go(), "the loop waited for the thread");
}

/// Dropping the awaitable while it waits detaches the thread too.
#[test]
fn dropping_a_waiting_to_thread_detaches_its_thread() {
    let (work, held) = Held::new(7_u32);
    let mut rt = Runtime::new();
    let main = Body::new([
        run(move || {
            let mut awaitable = to_thread(work);
            let _ = awaitable.resume(Resume::Next); // starts the thread
        }),
        wait(sleep(Duration::from_secs(1))),
    ]);
    rt.run(main).unwrap();
    assert_eq!(rt.time(), Duration::from_secs(1));
    assert!(held.let_go(), "the loop waited for the thread");
}

/// Not cancelled, the thread keeps the loop waiting, and its work takes no
/// virtual time: the result comes before a timer due at 1 s.
#[test]
fn a_to_thread_not_cancelled_keeps_the_loop_waiting_at_no_virtual_cost() {
    let (work, held) = Held::new(7_u32);
    let letting_go = thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        held.let_go()
    });
    let mut rt = Runtime::new();
    let late = rt.spawn(sleep(Duration::from_secs(1)).map_return(|()| now()));
    let main = to_thread(work).map_return(|value| (value, now()));
    assert_eq!(rt.run(main).unwrap(), (7, Duration::ZERO));
    assert!(
        letting_go.join().unwrap(),
        "the thread was let go, not timed out"
    );
    assert!(late.cancelled(), "the timer did not fire first");
}

// --------------------------------------------- a panic on the thread

/// ```python
/// async def main():
///     await asyncio.to_thread(lambda: exec("raise RuntimeError('disk on fire')"))
/// ```
#[test]
fn a_panic_with_a_str_reaches_the_task_with_its_text() {
    let mut rt = Runtime::new();
    let error = rt
        .run(to_thread(|| -> u32 { panic!("disk on fire") }))
        .unwrap_err();
    let RunError::Task(error) = error else {
        panic!("the task raised, got {error}");
    };
    assert!(error.to_string().contains("disk on fire"), "{error}");
}

#[test]
fn a_panic_with_a_string_reaches_the_task_with_its_text() {
    let mut rt = Runtime::new();
    let disk = 3;
    let error = rt
        .run(to_thread(move || -> u32 { panic!("disk {disk} on fire") }))
        .unwrap_err();
    let RunError::Task(error) = error else {
        panic!("the task raised, got {error}");
    };
    assert!(error.to_string().contains("disk 3 on fire"), "{error}");
    let panic = error.downcast_ref::<PanicError>().expect("a PanicError");
    assert_eq!(
        (panic.who(), panic.message()),
        ("the thread of to_thread", "disk 3 on fire")
    );
}

#[test]
fn a_panic_with_another_payload_still_fails_the_task() {
    let mut rt = Runtime::new();
    let error = rt
        .run(to_thread(|| -> u32 { std::panic::panic_any(42_u8) }))
        .unwrap_err();
    let RunError::Task(error) = error else {
        panic!("the task raised, got {error}");
    };
    assert_eq!(
        error.to_string(),
        "the thread of to_thread panicked: Box<dyn Any>"
    );
}

/// A panic of a thread whose task was cancelled goes nowhere, and breaks
/// nothing.
#[test]
fn a_panic_after_the_cancel_is_dropped() {
    let (go, wait_for_go) = mpsc::channel::<()>();
    let (ended, thread_ended) = mpsc::channel::<()>();
    let mut rt = Runtime::new();
    let worker = rt.spawn(to_thread(move || -> u32 {
        let _ = wait_for_go.recv_timeout(PATIENCE);
        let _ended = Ended(ended);
        panic!("too late")
    }));
    rt.run_once().unwrap();
    worker.cancel();
    let values = rt.run(gather([sleep(Duration::from_secs(1))])).unwrap();
    assert_eq!(values.len(), 1);
    let _ = go.send(());
    thread_ended
        .recv_timeout(PATIENCE)
        .expect("the thread ends");
    rt.run(sleep(Duration::ZERO)).unwrap();
    assert!(worker.cancelled());
    assert!(rt.reports().is_empty());
}

/// Tells the test the thread is over, even as it unwinds.
struct Ended(Sender<()>);

impl Drop for Ended {
    fn drop(&mut self) {
        let _ = self.0.send(());
    }
}

// ------------------------------------- a task of another runtime

/// A task spawned on a runtime of its own, sleeping 1 s and returning 5;
/// `ran`: that runtime has taken its first turn (the task sleeps).
fn task_elsewhere(ran: bool) -> (Runtime, Task<u32>) {
    let mut other = Runtime::new();
    let task = other.spawn(sleep(Duration::from_secs(1)).map_return(|()| 5));
    if ran {
        other.run_once().unwrap();
    }
    (other, task)
}

/// The `RuntimeError` a run's main task raised.
fn runtime_error<T: std::fmt::Debug>(outcome: Result<T, RunError>) -> String {
    let Err(RunError::Task(error)) = outcome else {
        panic!("the main task raises, got {outcome:?}");
    };
    let Some(raised) = error.downcast_ref::<RuntimeError>() else {
        panic!("a RuntimeError, got {error:?}");
    };
    raised.message().to_owned()
}

/// ```python
/// other = asyncio.new_event_loop()
/// task = other.create_task(child())
/// async def main():
///     await task
/// asyncio.run(main())
/// # RuntimeError: Task <Task pending name='Task-1' ...> got Future
/// # <Task pending name='Task-1' ...> attached to a different loop
/// ```
#[test]
fn joining_a_task_of_a_runtime_that_never_ran_raises_in_the_joiner() {
    let (other, task) = task_elsewhere(false);
    let mut rt = Runtime::new();
    let message = runtime_error(rt.run(task.join()));
    assert_eq!(
        message,
        format!(
            "Task Task-1 of {} got Future Task-1 of {} attached to a different loop",
            rt.event_loop(),
            other.event_loop()
        )
    );
}

#[test]
fn joining_a_task_of_a_runtime_that_ran_raises_in_the_joiner() {
    let (other, task) = task_elsewhere(true);
    let mut rt = Runtime::new();
    let message = runtime_error(rt.run(task.join()));
    assert_eq!(
        message,
        format!(
            "Task Task-1 of {} got Future Task-1 of {} attached to a different loop",
            rt.event_loop(),
            other.event_loop()
        )
    );
}

/// The message names the task awaited as its runtime does.
#[test]
fn the_refusal_names_a_renamed_task_by_its_name() {
    let (other, task) = task_elsewhere(false);
    task.set_name("worker");
    let mut rt = Runtime::new();
    let main = Body::new([wait(later(move || task.join()))]);
    let message = runtime_error(rt.run(main));
    assert_eq!(
        message,
        format!(
            "Task Task-1 of {} got Future worker of {} attached to a different loop",
            rt.event_loop(),
            other.event_loop()
        )
    );
}

/// The refused joiner leaves nothing on the task: its own runtime runs it
/// to the end as if nobody had tried.
#[test]
fn a_refused_join_leaves_the_task_to_its_runtime() {
    let (mut other, task) = task_elsewhere(true);
    let mut rt = Runtime::new();
    assert!(rt.run(task.join()).is_err());
    assert_eq!(other.run_until_complete(task.clone()).unwrap().unwrap(), 5);
    assert_eq!(other.time(), Duration::from_secs(1));
    assert!(other.reports().is_empty() && rt.reports().is_empty());
}

/// A task that is done is not awaited, only read: its result comes back
/// whatever its runtime, as `Future.__await__` returns at once when the
/// future is done.
#[test]
fn a_finished_task_of_another_runtime_gives_its_result() {
    let (mut other, task) = task_elsewhere(false);
    other.run_until_complete(task.clone()).unwrap().unwrap();
    let mut rt = Runtime::new();
    assert_eq!(rt.run(task.join()).unwrap(), 5);
}

/// ```python
/// other = asyncio.new_event_loop()
/// fut = other.create_future()
/// async def main():
///     await fut  # RuntimeError: ... got Future <Future pending> attached to a different loop
/// ```
#[test]
fn awaiting_a_promise_of_another_runtime_raises_in_the_waiter() {
    let other = Runtime::new();
    let promise: Promise<u32> = other.event_loop().create_future();
    let mut rt = Runtime::new();
    let message = runtime_error(rt.run(promise.wait()));
    assert_eq!(
        message,
        format!(
            "Task Task-1 of {} got Future {} of {} attached to a different loop",
            rt.event_loop(),
            promise.blocker(),
            other.event_loop()
        )
    );
}
