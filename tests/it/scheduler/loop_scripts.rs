//! The loop scripts of the lecture: `loop.run_in_executor(None, f)` is a
//! future, not a task — it starts at once, `all_tasks` does not list it,
//! and a script that gathers the tasks and closes the loop does not wait
//! for it (the pitfall); awaiting it from a task or gathering it with the
//! tasks does (the two fixes). And `AnyTask::join`, which lets
//! `gather(*all_tasks())` be written at all.

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use resumable::generator::from_fn;
use resumable::scheduler::{
    gather, get_running_loop, sleep, AnyJoin, AnyTask, Gather, PanicError, Promise, RunError,
    Runtime, TaskError,
};
use resumable::{Exception, GeneratorState};

use crate::support::{later, panics, spawn_body, wait, Watchdog};

/// How long a held thread waits to be let go before it gives up.
const PATIENCE: Duration = Duration::from_secs(20);

/// `blocking()`: waits until the test lets it go, then says whether it was
/// let go (`false`: it gave up) and returns `value`.
fn held<R: Send + 'static>(value: R) -> (impl FnOnce() -> R + Send, Sender<()>, Receiver<bool>) {
    let (go, wait_for_go) = mpsc::channel();
    let (tell_ended, ended) = mpsc::channel();
    let work = move || {
        let let_go = wait_for_go.recv_timeout(PATIENCE).is_ok();
        let _ = tell_ended.send(let_go);
        value
    };
    (work, go, ended)
}

/// `asyncio.gather(*asyncio.all_tasks(loop=loop))`, as a task to run.
fn gather_all_tasks(rt: &Runtime) -> Gather<AnyJoin> {
    gather(rt.all_tasks().iter().map(AnyTask::join).collect::<Vec<_>>())
}

#[test]
fn the_work_starts_at_the_call_before_the_loop_runs() {
    let (started, thread_started) = mpsc::channel();
    let rt = Runtime::new();
    let _future = rt.run_in_executor(move || started.send("started").unwrap());
    assert_eq!(thread_started.recv_timeout(PATIENCE), Ok("started"));
}

#[test]
fn the_future_is_not_a_task() {
    let rt = Runtime::new();
    let _future = rt.run_in_executor(|| ());
    assert!(rt.all_tasks().is_empty());
}

#[test]
fn awaiting_the_future_gives_what_the_work_returns() {
    let mut rt = Runtime::new();
    let future = rt.run_in_executor(|| 6 * 7);
    assert_eq!(rt.run(future.wait()).unwrap(), 42);
}

#[test]
fn a_panic_in_the_work_is_the_futures_exception() {
    let mut rt = Runtime::new();
    let future: Promise<()> = rt.run_in_executor(|| panic!("disk on fire"));
    let Err(RunError::Task(error)) = rt.run(future.wait()) else {
        panic!("the awaiter should raise the thread's panic");
    };
    let panic = error.downcast_ref::<PanicError>().expect("a PanicError");
    assert_eq!(panic.message(), "disk on fire");
}

/// The pitfall (seed 001, `asyncio3.py`): the loop is stopped, the tasks
/// gathered and run — there are none — and the loop closed, while the
/// thread still works. Its outcome never reaches the future.
#[test]
fn a_loop_closed_before_the_thread_ends_never_takes_its_outcome() {
    let _watchdog = Watchdog::new("the closed loop", 60);
    let (blocking, go, ended) = held("Hello from a thread!");
    let mut rt = Runtime::new();
    let lp = rt.event_loop();
    rt.call_soon(move || lp.stop());
    let future = rt.run_in_executor(blocking);
    rt.run_forever().unwrap();
    rt.run_until_complete(gather_all_tasks(&rt))
        .unwrap()
        .unwrap();
    rt.close();
    let _ = go.send(());
    assert!(ended.recv().unwrap(), "the thread was still at work");
    assert!(!future.done());
}

/// What a thread returns after the loop closed is dropped on that
/// thread, at once: Python 3.11's `_call_set_state` returns when the loop
/// is closed. (Before, it waited in the closed loop's queue until the
/// runtime was dropped.)
#[test]
fn the_outcome_of_a_thread_that_ends_after_the_close_is_dropped_there() {
    struct Outcome(Sender<std::thread::ThreadId>);
    impl Drop for Outcome {
        fn drop(&mut self) {
            let _ = self.0.send(std::thread::current().id());
        }
    }
    let _watchdog = Watchdog::new("the dropped outcome", 60);
    let (dropped_on, dropped) = mpsc::channel();
    let (worker_is, worker) = mpsc::channel();
    let (blocking, go, _ended) = held(Outcome(dropped_on));
    let mut rt = Runtime::new();
    let _future = rt.run_in_executor(move || {
        worker_is.send(std::thread::current().id()).unwrap();
        blocking()
    });
    rt.close();
    let _ = go.send(());
    let worker = worker.recv_timeout(PATIENCE).unwrap();
    assert_eq!(dropped.recv_timeout(PATIENCE), Ok(worker));
    drop(rt);
}

/// Fix 1 (`asyncio4.py`): a task awaits the future, so `all_tasks` lists
/// it and the gather waits for the thread.
#[test]
fn a_task_awaiting_the_future_is_waited_for() {
    let _watchdog = Watchdog::new("fix 1", 60);
    let (blocking, go, ended) = held(());
    let mut rt = Runtime::new();
    let lp = rt.event_loop();
    rt.call_soon(move || lp.stop());
    let steps = [wait(later(move || {
        get_running_loop().run_in_executor(blocking).wait()
    }))];
    let run_blocking = spawn_body(&mut rt, steps);
    rt.run_forever().unwrap();
    assert_eq!(rt.all_tasks(), [run_blocking.as_any()]);
    let _ = go.send(());
    rt.run_until_complete(gather_all_tasks(&rt))
        .unwrap()
        .unwrap();
    assert!(ended.recv().unwrap());
    assert!(run_blocking.done());
}

/// Fix 2 (`asyncio5.py`): the future is gathered with the tasks.
#[test]
fn gathering_the_future_with_the_tasks_waits_for_it() {
    let _watchdog = Watchdog::new("fix 2", 60);
    let (blocking, go, _ended) = held(7);
    let mut rt = Runtime::new();
    let lp = rt.event_loop();
    rt.call_soon(move || lp.stop());
    let future = rt.run_in_executor(blocking);
    rt.run_forever().unwrap();
    let _ = go.send(());
    let group = gather([future.wait()]);
    assert_eq!(rt.run_until_complete(group).unwrap().unwrap(), [7]);
}

/// Cancelling the future lets go of the thread: the sleep after it takes
/// its 1 s on the virtual clock while the thread still works.
#[test]
fn a_cancelled_future_does_not_hold_the_loop() {
    let _watchdog = Watchdog::new("a cancelled executor future", 60);
    let (blocking, go, ended) = held(());
    let mut rt = Runtime::new();
    let future = rt.run_in_executor(blocking);
    future.cancel();
    rt.run(sleep(Duration::from_secs(1))).unwrap();
    assert_eq!(rt.time(), Duration::from_secs(1));
    let _ = go.send(());
    assert!(ended.recv().unwrap(), "the thread was still at work");
    assert!(future.cancelled());
}

#[test]
fn the_virtual_clock_waits_for_the_thread() {
    let mut rt = Runtime::new();
    let future = rt.run_in_executor(|| std::thread::sleep(Duration::from_millis(20)));
    let lp = rt.event_loop();
    let seen = future.clone();
    rt.call_later(Duration::from_secs(1), move || {
        assert!(seen.done(), "the thread ended first");
        lp.stop();
    });
    rt.run_forever().unwrap();
    assert_eq!(rt.time(), Duration::from_secs(1));
}

#[test]
fn run_in_executor_on_a_closed_loop_panics() {
    let mut rt = Runtime::new();
    rt.close();
    let message = panics(|| drop(rt.run_in_executor(|| ())));
    assert_eq!(message, "Event loop is closed");
}

// ------------------------------------------------ AnyTask::join

#[test]
fn joining_any_task_raises_its_exception() {
    let mut rt = Runtime::new();
    let failing = rt.spawn(from_fn(|_| {
        Err::<GeneratorState<_, ()>, _>(Exception::Raised(TaskError::from("boom")))
    }));
    let any = failing.as_any();
    let Err(RunError::Task(error)) = rt.run(later(move || any.join())) else {
        panic!("the join should raise the task's error");
    };
    assert_eq!(error.to_string(), "boom");
}

#[test]
fn joining_a_cancelled_task_raises_cancelled_error() {
    let mut rt = Runtime::new();
    let sleeper = rt.spawn(sleep(Duration::from_secs(5)));
    sleeper.cancel();
    let any = sleeper.as_any();
    let Err(RunError::Task(error)) = rt.run(later(move || any.join())) else {
        panic!("the join should raise CancelledError");
    };
    assert!(matches!(error, TaskError::Cancelled(_)));
}
