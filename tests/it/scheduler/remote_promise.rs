//! A promise set from another thread: `loop.call_soon_threadsafe(fut.set_result, v)`
//! through [`RemotePromise`].

use std::thread;
use std::time::Duration;

use resumable::scheduler::{
    sleep, Clock, Promise, RemotePromise, ReportKind, RunError, Runtime, TaskError,
};

/// A thread that sets `remote` to `value` after `delay` of real time.
fn set_later(remote: RemotePromise<u32>, delay: Duration, value: u32) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        thread::sleep(delay);
        remote.set_result(value);
    })
}

/// ```python
/// async def main():
///     loop = asyncio.get_running_loop(); fut = loop.create_future()
///     def work():
///         time.sleep(0.03)
///         loop.call_soon_threadsafe(fut.set_result, 42)
///     threading.Thread(target=work).start()
///     return await fut
/// print(asyncio.run(main()))  # 42
/// ```
#[test]
fn the_loop_waits_for_a_thread_that_will_set_the_promise() {
    let mut rt = Runtime::with_clock(Clock::Real);
    let fut = rt.event_loop().create_future();
    let worker = set_later(fut.remote(), Duration::from_millis(30), 42);
    assert_eq!(rt.run(fut.wait()).unwrap(), 42);
    worker.join().unwrap();
}

#[test]
fn on_the_virtual_clock_time_waits_for_the_thread() {
    let mut rt = Runtime::new();
    rt.call_later(Duration::from_secs(1), || {});
    let fut = rt.event_loop().create_future();
    let worker = set_later(fut.remote(), Duration::from_millis(30), 7);
    assert_eq!(rt.run(fut.wait()).unwrap(), 7);
    assert_eq!(rt.time(), Duration::ZERO, "the timer did not fire first");
    worker.join().unwrap();
}

#[test]
fn a_remote_promise_made_inside_a_task_binds_the_promise_to_its_loop() {
    let mut rt = Runtime::new();
    let fut = Promise::new();
    let made = fut.clone();
    let main = resumable::generator::from_fn(move |_| {
        set_later(made.remote(), Duration::ZERO, 5);
        Ok(resumable::GeneratorState::Complete(()))
    });
    rt.run(main).unwrap();
    assert_eq!(rt.run(fut.wait()).unwrap(), 5);
}

#[test]
fn dropped_unset_it_lets_the_loop_report_the_deadlock() {
    let mut rt = Runtime::new();
    let fut = rt.event_loop().create_future::<u32>();
    let remote = fut.remote();
    thread::spawn(move || drop(remote)).join().unwrap();
    let Err(RunError::Deadlock(deadlock)) = rt.run(fut.wait()) else {
        panic!("the promise can no longer be set by anyone");
    };
    assert_eq!(
        deadlock.to_string(),
        format!(
            "deadlock: no task can run and no timer is pending\n  Task-1 waits for {}",
            fut.blocker()
        )
    );
}

/// ```python
/// async def main():
///     loop = asyncio.get_running_loop(); fut = loop.create_future()
///     fut.cancel()
///     threading.Thread(
///         target=lambda: loop.call_soon_threadsafe(fut.set_result, 1)).start()
///     await asyncio.sleep(1)
/// asyncio.run(main())
/// # Exception in callback Future.set_result(1)
/// # asyncio.exceptions.InvalidStateError: invalid state
/// ```
#[test]
fn an_outcome_that_comes_too_late_is_reported() {
    let mut rt = Runtime::new();
    let fut = rt.event_loop().create_future::<u32>();
    fut.cancel();
    let worker = set_later(fut.remote(), Duration::from_millis(10), 1);
    let late = fut.remote();
    thread::spawn(move || late.set_exception(TaskError::from("late")))
        .join()
        .unwrap();
    rt.run(sleep(Duration::from_secs(1))).unwrap();
    worker.join().unwrap();
    let reports = rt.reports();
    let kinds: Vec<_> = reports.iter().map(|report| report.kind()).collect();
    assert_eq!(kinds, [ReportKind::InvalidState; 2]);
    assert_eq!(reports[0].task(), Some(fut.blocker().to_string().as_str()));
    assert_eq!(
        reports
            .iter()
            .filter_map(|r| r.error())
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["late"],
        "the late error is kept; the late value is not"
    );
}

#[test]
fn the_handle_can_cross_threads() {
    fn send<T: Send>() {}
    send::<RemotePromise<u32>>();
}

#[test]
#[should_panic(expected = "no running event loop")]
fn a_promise_of_no_loop_needs_a_running_one() {
    let _ = Promise::<u32>::new().remote();
}
