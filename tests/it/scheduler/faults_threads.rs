//! Faults around threads and other runtimes: a cancelled `to_thread` lets
//! the loop go on without its thread, a panic on the thread reaches the
//! task with its message, and a task of another runtime is refused, not
//! waited for forever — by `await`, by every combinator, and by
//! `run_until_complete` — and left to its own runtime; a task group adds
//! its members to its own runtime.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, ThreadId};
use std::time::Duration;

use resumable::generator::from_fn;
use resumable::scheduler::{
    as_completed, gather, now, shield, sleep, spawn, to_thread, wait as wait_tasks, wait_for,
    Clock, PanicError, Promise, RunError, Runtime, RuntimeError, Task, TaskError, TaskGroup,
    ValueError,
};
use resumable::{Generator as _, GeneratorState, Resume};

use crate::support::{catch, later, panics, run, wait, Body};

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

// ------------------------- a task of another runtime in the combinators

/// The `ValueError` a run's main task raised.
fn value_error<T: std::fmt::Debug>(outcome: Result<T, RunError>) -> String {
    let Err(RunError::Task(error)) = outcome else {
        panic!("the main task raises, got {outcome:?}");
    };
    let Some(raised) = error.downcast_ref::<ValueError>() else {
        panic!("a ValueError, got {error:?}");
    };
    raised.message().to_owned()
}

/// asyncio's `ValueError` for a future of one loop passed where another
/// loop is meant (`ensure_future(fut, loop=loop)`), naming the future, its
/// runtime, and the runtime meant.
fn belongs_elsewhere(future: &str, of: &Runtime, meant: &Runtime) -> String {
    format!(
        "The future belongs to a different loop than the one specified as the loop \
         argument: {future} of {}, not {}",
        of.event_loop(),
        meant.event_loop()
    )
}

/// The task was neither cancelled nor touched: its own runtime runs it to
/// its end, 5 after 1 s, reporting nothing.
fn left_to_its_runtime(mut other: Runtime, task: &Task<u32>) {
    assert!(!task.cancelled() && task.cancelling() == 0, "{task:?}");
    assert_eq!(other.run_until_complete(task.clone()).unwrap().unwrap(), 5);
    assert_eq!(other.time(), Duration::from_secs(1));
    assert!(other.reports().is_empty(), "{:?}", other.reports());
}

/// Refused at once: asyncio's `wait_for` hands the task to
/// `ensure_future(fut, loop=loop)` before it waits. (asyncio has set its
/// timer by then, whose later release finds nobody; the crate sets none.)
///
/// ```python
/// other = asyncio.new_event_loop()
/// task = other.create_task(child())  # sleeps 1 s, returns 5
/// async def main():
///     await asyncio.wait_for(task, 5)
/// asyncio.run(main())
/// # ValueError: The future belongs to a different loop than the one
/// # specified as the loop argument   (at once; task.cancelling() == 0)
/// print(other.run_until_complete(task))  # 5
/// ```
#[test]
fn wait_for_refuses_a_task_of_another_runtime_at_once() {
    let (other, task) = task_elsewhere(true);
    let mut rt = Runtime::new();
    let message = value_error(rt.run(wait_for(task.clone(), Duration::from_secs(5))));
    assert_eq!(message, belongs_elsewhere("Task-1", &other, &rt));
    assert_eq!(rt.time(), Duration::ZERO, "refused at once, not after 5 s");
    assert!(rt.reports().is_empty(), "{:?}", rt.reports());
    left_to_its_runtime(other, &task);
}

/// A limit of zero, which cancels a task of its own loop at once, refuses
/// it the same way.
///
/// ```python
/// await asyncio.wait_for(task, 0)  # ValueError: The future belongs to ...
/// ```
#[test]
fn wait_for_with_a_zero_limit_refuses_a_task_of_another_runtime() {
    let (other, task) = task_elsewhere(true);
    let mut rt = Runtime::new();
    let message = value_error(rt.run(wait_for(task.clone(), Duration::ZERO)));
    assert_eq!(message, belongs_elsewhere("Task-1", &other, &rt));
    left_to_its_runtime(other, &task);
}

/// Done or not: asyncio checks the loop before it looks at the task.
///
/// ```python
/// other.run_until_complete(task)
/// async def main():
///     await asyncio.wait_for(task, 5)  # ValueError: The future belongs to ...
/// ```
#[test]
fn wait_for_refuses_a_finished_task_of_another_runtime() {
    let (mut other, task) = task_elsewhere(false);
    other.run_until_complete(task.clone()).unwrap().unwrap();
    let mut rt = Runtime::new();
    let message = value_error(rt.run(wait_for(task, Duration::from_secs(5))));
    assert_eq!(message, belongs_elsewhere("Task-1", &other, &rt));
}

/// Without a limit `wait_for` is a plain `await`, refused as `await` is.
///
/// ```python
/// await asyncio.wait_for(task, None)
/// # RuntimeError: Task <Task pending name='Task-2' ...> got Future
/// # <Task pending name='Task-1' ...> attached to a different loop
/// ```
#[test]
fn wait_for_without_a_limit_refuses_it_as_await_does() {
    let (other, task) = task_elsewhere(true);
    let mut rt = Runtime::new();
    let message = runtime_error(rt.run(wait_for(task.clone(), None)));
    assert_eq!(
        message,
        format!(
            "Task Task-1 of {} got Future Task-1 of {} attached to a different loop",
            rt.event_loop(),
            other.event_loop()
        )
    );
    left_to_its_runtime(other, &task);
}

/// The gathering future takes the loop of its first child: awaiting it,
/// the task meets a future of another loop.
///
/// ```python
/// async def main():
///     await asyncio.gather(task)
/// # RuntimeError: Task <Task pending name='Task-1' ...> got Future
/// # <_GatheringFuture pending> attached to a different loop
/// ```
#[test]
fn gather_of_a_task_of_another_runtime_is_attached_to_a_different_loop() {
    let (other, task) = task_elsewhere(true);
    let mut rt = Runtime::new();
    let message = runtime_error(rt.run(gather([task.clone()])));
    assert_eq!(
        message,
        format!(
            "Task Task-1 of {} got Future gather of {} attached to a different loop",
            rt.event_loop(),
            other.event_loop()
        )
    );
    left_to_its_runtime(other, &task);
}

/// Done or not, as in asyncio, whose done callback on a finished task goes
/// to that task's loop.
///
/// ```python
/// other.run_until_complete(task)
/// async def main():
///     await asyncio.gather(task)  # RuntimeError: ... attached to a different loop
/// ```
#[test]
fn gather_of_a_finished_task_of_another_runtime_is_refused_too() {
    let (mut other, task) = task_elsewhere(false);
    other.run_until_complete(task.clone()).unwrap().unwrap();
    let mut rt = Runtime::new();
    let message = runtime_error(rt.run(gather([task])));
    assert_eq!(
        message,
        format!(
            "Task Task-1 of {} got Future gather of {} attached to a different loop",
            rt.event_loop(),
            other.event_loop()
        )
    );
}

/// Tasks of two runtimes in one gather: the second child is not of the
/// first one's loop.
///
/// ```python
/// async def main():
///     mine = asyncio.create_task(asyncio.sleep(1, 7))
///     await asyncio.gather(mine, task)
/// # ValueError: The future belongs to a different loop than the one
/// # specified as the loop argument
/// ```
#[test]
fn gather_of_tasks_of_two_runtimes_raises_value_error() {
    let (other, task) = task_elsewhere(true);
    let theirs = task.clone();
    let mut rt = Runtime::new();
    let main = later(move || {
        let mine = spawn(sleep(Duration::from_secs(1)).map_return(|()| 7_u32));
        gather([mine, theirs])
    });
    let message = value_error(rt.run(main));
    assert_eq!(message, belongs_elsewhere("Task-1", &other, &rt));
    assert_eq!(rt.time(), Duration::ZERO, "refused at once");
    left_to_its_runtime(other, &task);
}

/// The other way round, the running runtime's task is the one of another
/// loop than the gather's (the first child's).
///
/// ```python
/// await asyncio.gather(task, mine)  # ValueError: The future belongs to ...
/// ```
#[test]
fn gather_takes_the_runtime_of_its_first_child() {
    let (other, task) = task_elsewhere(true);
    let theirs = task.clone();
    let mut rt = Runtime::new();
    let main = later(move || {
        let mine = spawn(sleep(Duration::from_secs(1)).map_return(|()| 7_u32));
        gather([theirs, mine])
    });
    let message = value_error(rt.run(main));
    assert_eq!(message, belongs_elsewhere("Task-2", &rt, &other));
    left_to_its_runtime(other, &task);
}

/// ```python
/// async def main():
///     for next in asyncio.as_completed([task]):
///         await next
/// # ValueError: The future belongs to a different loop than the one
/// # specified as the loop argument   (at the first `next`)
/// ```
#[test]
fn as_completed_refuses_a_task_of_another_runtime() {
    let (other, task) = task_elsewhere(true);
    let theirs = task.clone();
    let mut rt = Runtime::new();
    let main = later(move || {
        let mut all = as_completed([theirs], None);
        all.next().expect("one awaitable, which raises")
    });
    let message = value_error(rt.run(main));
    assert_eq!(message, belongs_elsewhere("Task-1", &other, &rt));
    left_to_its_runtime(other, &task);
}

/// As asyncio's generator ends with its error, the refusal is handed out
/// once, however many tasks were given.
#[test]
fn a_refused_as_completed_hands_out_one_awaitable() {
    let (_other, task) = task_elsewhere(true);
    let count = Rc::new(Cell::new(None));
    let counted = Rc::clone(&count);
    let mut rt = Runtime::new();
    let main = Body::new([run(move || {
        let mine = spawn(sleep(Duration::from_secs(1)).map_return(|()| 7_u32));
        let all = as_completed([mine, task], Duration::from_secs(5));
        counted.set(Some(all.len()));
    })]);
    rt.run(main).unwrap();
    assert_eq!(count.get(), Some(1));
    assert_eq!(rt.time(), Duration::ZERO, "no timer was left behind");
}

/// asyncio's `wait` hangs here: its callback goes to the task's loop, which
/// does not run. The crate refuses the task with asyncio's `ValueError`
/// (see "Where it departs from asyncio" in docs/design.md).
///
/// ```python
/// async def main():
///     await asyncio.wait([task])  # hangs
/// ```
#[test]
fn wait_refuses_a_task_of_another_runtime() {
    let (other, task) = task_elsewhere(true);
    let mut rt = Runtime::new();
    let message = value_error(rt.run(wait_tasks([task.clone()])));
    assert_eq!(message, belongs_elsewhere("Task-1", &other, &rt));
    assert_eq!(rt.time(), Duration::ZERO);
    left_to_its_runtime(other, &task);
}

/// Done or not: a finished task's callback would go to its own loop too.
#[test]
fn wait_refuses_a_finished_task_of_another_runtime() {
    let (mut other, task) = task_elsewhere(false);
    other.run_until_complete(task.clone()).unwrap().unwrap();
    let mut rt = Runtime::new();
    let message = value_error(rt.run(wait_tasks([task]).timeout(Duration::from_secs(5))));
    assert_eq!(message, belongs_elsewhere("Task-1", &other, &rt));
    assert_eq!(rt.time(), Duration::ZERO);
}

/// The outer future takes the inner task's loop, as in asyncio.
///
/// ```python
/// async def main():
///     await asyncio.shield(task)
/// # RuntimeError: Task <Task pending name='Task-1' ...> got Future
/// # <Future pending cb=[shield.<locals>._outer_done_callback() ...]>
/// # attached to a different loop
/// ```
#[test]
fn shield_of_a_task_of_another_runtime_is_attached_to_a_different_loop() {
    let (other, task) = task_elsewhere(true);
    let mut rt = Runtime::new();
    let message = runtime_error(rt.run(shield(task.clone())));
    assert_eq!(
        message,
        format!(
            "Task Task-1 of {} got Future shield of {} attached to a different loop",
            rt.event_loop(),
            other.event_loop()
        )
    );
    left_to_its_runtime(other, &task);
}

/// A bug of the caller, found before anything runs: a panic with
/// asyncio's message, and both runtimes as they were.
///
/// ```python
/// rt = asyncio.new_event_loop()
/// rt.run_until_complete(task)
/// # ValueError: The future belongs to a different loop than the one
/// # specified as the loop argument
/// print(other.run_until_complete(task))  # 5
/// ```
#[test]
fn run_until_complete_of_a_task_of_another_runtime_panics() {
    let (other, task) = task_elsewhere(true);
    let mut rt = Runtime::new();
    let message = panics(|| drop(rt.run_until_complete(task.clone())));
    assert_eq!(message, belongs_elsewhere("Task-1", &other, &rt));
    rt.run(sleep(Duration::from_secs(2)))
        .expect("the runtime is usable");
    left_to_its_runtime(other, &task);
}

/// Done or not, as in asyncio.
///
/// ```python
/// other.run_until_complete(task)
/// rt.run_until_complete(task)  # ValueError: The future belongs to ...
/// ```
#[test]
fn run_until_complete_of_a_finished_task_of_another_runtime_panics() {
    let (mut other, task) = task_elsewhere(false);
    other.run_until_complete(task.clone()).unwrap().unwrap();
    let mut rt = Runtime::new();
    let message = panics(|| drop(rt.run_until_complete(task)));
    assert_eq!(message, belongs_elsewhere("Task-1", &other, &rt));
}

/// A task group adds its members to its own loop (`self._loop.create_task`),
/// whichever runtime runs the code that adds one: a member added from a
/// task of another runtime is not that runtime's to cancel when its run
/// ends, and the group waits for it.
///
/// ```python
/// a = asyncio.new_event_loop()
/// async def main():
///     async with asyncio.TaskGroup() as tg:
///         stash.append(tg)
///         await asyncio.sleep(1)
/// m = a.create_task(main())
/// a.run_until_complete(asyncio.sleep(0))  # main is in the block
/// async def b_main():
///     return stash[0].create_task(asyncio.sleep(2, 7))
/// member = asyncio.run(b_main())
/// print(member.get_loop() is a)           # True
/// a.run_until_complete(m)                 # 2 s later
/// print(member.result())                  # 7
/// ```
#[test]
fn a_task_group_adds_its_members_to_its_own_runtime() {
    let stash: Rc<RefCell<Option<TaskGroup>>> = Rc::default();
    let stashed = Rc::clone(&stash);
    let mut scope = None;
    let main = from_fn(move |input: Resume<(), TaskError>| {
        let scope = scope.get_or_insert_with(|| {
            let group = TaskGroup::new();
            *stashed.borrow_mut() = Some(group.clone());
            group.scope(sleep(Duration::from_secs(1)))
        });
        scope.resume(input)
    });
    let mut a = Runtime::new();
    let main = a.spawn(main);
    a.run_once().unwrap(); // main is in the block
    let group = stash.borrow().clone().expect("the group was made");
    let mut b = Runtime::new();
    let member = b
        .run(from_fn(move |_| {
            let member = group.create_task(sleep(Duration::from_secs(2)).map_return(|()| 7_u32));
            Ok(GeneratorState::Complete(member))
        }))
        .unwrap();
    assert!(!member.cancelled(), "b's run cancelled a's member");
    a.run_until_complete(main).unwrap().unwrap();
    assert_eq!(a.time(), Duration::from_secs(2), "the group waited for it");
    assert_eq!(member.result().map(Result::ok), Some(Some(7)));
}
