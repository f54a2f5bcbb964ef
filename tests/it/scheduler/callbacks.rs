//! Plain callbacks on the loop: `call_soon`, `call_later`, `call_at`, their
//! handles, and `call_soon_threadsafe` from another thread.

use std::cell::RefCell;
use std::thread;
use std::time::{Duration, Instant};

use resumable::scheduler::{wait_for, Clock, Promise, RunError, Runtime, TaskError};

use crate::support::Log;

/// A callback that logs `entry`.
fn push(log: &Log, entry: &'static str) -> impl FnOnce() + 'static {
    let log = log.clone();
    move || log.push(entry)
}

/// ```python
/// loop = asyncio.new_event_loop(); log = []
/// def first():
///     log.append("first")
///     loop.call_soon(log.append, "scheduled by first")
/// loop.call_soon(first)
/// loop.call_soon(log.append, "second")
/// h = loop.call_soon(log.append, "cancelled"); h.cancel()
/// print(h.cancelled())  # True
/// loop.call_soon(loop.stop); loop.run_forever()
/// print(log)  # ['first', 'second']
/// loop.call_soon(loop.stop); loop.run_forever()
/// print(log)  # ['first', 'second', 'scheduled by first']
/// ```
#[test]
fn call_soon_runs_in_order_and_what_a_callback_schedules_waits_a_turn() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let lp = rt.event_loop();
    let inner = log.clone();
    rt.call_soon(move || {
        inner.push("first");
        lp.call_soon(push(&inner, "scheduled by first"));
    });
    rt.call_soon(push(&log, "second"));
    let cancelled = rt.call_soon(push(&log, "cancelled"));
    cancelled.cancel();
    assert!(cancelled.cancelled());
    rt.run_once().unwrap();
    assert_eq!(log.take(), ["first", "second"]);
    rt.run_once().unwrap();
    assert_eq!(log.take(), ["scheduled by first"]);
    assert_eq!(rt.run_until_idle(), 0, "the cancelled callback never runs");
}

/// ```python
/// loop = asyncio.new_event_loop(); log = []; t0 = loop.time()
/// loop.call_later(0.2, log.append, "late")
/// loop.call_later(0.1, log.append, "early")
/// loop.call_at(t0 + 0.15, log.append, "at")
/// loop.call_later(0.3, loop.stop); loop.run_forever()
/// print(log)  # ['early', 'at', 'late']
/// ```
#[test]
fn timers_fire_by_deadline() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let late = rt.call_later(Duration::from_secs(2), push(&log, "late"));
    rt.call_later(Duration::from_secs(1), push(&log, "early"));
    let at = rt.call_at(Duration::from_millis(1500), push(&log, "at"));
    assert_eq!(late.when(), Duration::from_secs(2));
    assert_eq!(at.when(), Duration::from_millis(1500));
    rt.run_all().unwrap();
    assert_eq!(log.take(), ["early", "at", "late"]);
    assert_eq!(rt.time(), Duration::from_secs(2));
}

/// `call_later` with the same delay, one after the other: on CPython's
/// real clock each `when` is a little later than the one before, so they
/// fire in the order they were set.
///
/// ```python
/// loop = asyncio.new_event_loop(); log = []
/// for i in range(8):
///     loop.call_later(0.1, log.append, i)
/// loop.call_later(0.2, loop.stop); loop.run_forever()
/// print(log)  # [0, 1, 2, 3, 4, 5, 6, 7]
/// ```
///
/// (`call_at` with the very same float is left to `heapq`, whose order for
/// equal keys is not the insertion order; the crate documents the order
/// set for every tie, which is what a real-clock run gives.)
#[test]
fn equal_deadlines_fire_in_the_order_they_were_set() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let names = ["0", "1", "2", "3", "4", "5", "6", "7"];
    for name in names {
        rt.call_later(Duration::from_secs(1), push(&log, name));
    }
    rt.run_all().unwrap();
    assert_eq!(log.take(), names);
    for name in names {
        rt.call_at(Duration::from_secs(2), push(&log, name));
    }
    rt.run_all().unwrap();
    assert_eq!(log.take(), names);
}

/// ```python
/// loop = asyncio.new_event_loop(); t0 = loop.time(); seen = []
/// loop.call_later(0.2, seen.append, "cancelled").cancel()
/// loop.call_later(0.3, lambda: (seen.append(round(loop.time() - t0, 1)), loop.stop()))
/// loop.run_forever()
/// print(seen)  # [0.3]
/// ```
#[test]
fn a_cancelled_timer_does_not_run_or_move_the_clock() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let cancelled = rt.call_later(Duration::from_secs(2), push(&log, "cancelled"));
    cancelled.cancel();
    assert!(cancelled.cancelled());
    let lp = rt.event_loop();
    let inner = log.clone();
    rt.call_later(Duration::from_secs(3), move || {
        inner.push(format!("at {:?}", lp.time()));
    });
    assert!(rt.advance());
    assert_eq!(
        rt.time(),
        Duration::from_secs(3),
        "straight to the live timer"
    );
    rt.run_all().unwrap();
    assert_eq!(log.take(), ["at 3s"]);

    // Only a cancelled timer left: nothing to wait for, the clock stays.
    rt.call_later(Duration::from_secs(60), push(&log, "never"))
        .cancel();
    assert!(!rt.advance());
    rt.run_all().unwrap();
    assert_eq!(rt.time(), Duration::from_secs(3));
    assert!(log.take().is_empty());
}

#[test]
fn call_soon_threadsafe_runs_the_callback_on_the_loops_thread() {
    let mut rt = Runtime::new();
    let remote = rt.remote();
    let (sent, received) = std::sync::mpsc::channel();
    thread::spawn(move || {
        remote.call_soon_threadsafe(move || sent.send(thread::current().id()).unwrap());
    })
    .join()
    .unwrap();
    assert!(received.try_recv().is_err(), "not before the loop runs");
    assert_eq!(rt.run_until_idle(), 1);
    assert_eq!(received.try_recv(), Ok(thread::current().id()));
}

thread_local! {
    /// The promise the thread's callback sets: the callback must be `Send`
    /// and a promise is not, so the callback finds it on the loop's thread.
    static FUT: RefCell<Option<Promise<u32>>> = const { RefCell::new(None) };
}

/// ```python
/// async def main():
///     loop = asyncio.get_running_loop(); fut = loop.create_future()
///     def work():
///         time.sleep(0.05)
///         loop.call_soon_threadsafe(fut.set_result, 42)
///     threading.Thread(target=work).start()
///     t0 = loop.time()
///     v = await asyncio.wait_for(fut, 10)
///     return v, loop.time() - t0 < 5
/// print(asyncio.run(main()))  # (42, True)
/// ```
#[test]
fn a_loop_waiting_for_a_timer_wakes_for_a_threads_callback() {
    let mut rt = Runtime::with_clock(Clock::Real);
    let fut = Promise::new();
    FUT.with(|slot| *slot.borrow_mut() = Some(fut.clone()));
    let remote = rt.remote();
    let worker = thread::spawn(move || {
        thread::sleep(Duration::from_millis(50));
        remote.call_soon_threadsafe(|| {
            let fut = FUT
                .with(|slot| slot.borrow_mut().take())
                .expect("set by the test");
            fut.set_result(42).unwrap();
        });
    });
    let started = Instant::now();
    let outcome = rt.run(wait_for(fut.wait(), Duration::from_secs(10)));
    worker.join().unwrap();
    assert!(!matches!(outcome, Err(RunError::Task(TaskError::TimedOut))));
    assert_eq!(outcome.unwrap(), 42);
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// `loop.call_soon_threadsafe(cb)` on a closed loop raises
/// `RuntimeError('Event loop is closed')`; here the calling thread panics
/// with those words, and the callback is dropped there.
#[test]
fn call_soon_threadsafe_on_a_closed_loop_panics_in_the_calling_thread() {
    let mut rt = Runtime::new();
    let remote = rt.remote();
    rt.close();
    let message =
        thread::spawn(move || crate::support::panics(|| remote.call_soon_threadsafe(|| {})))
            .join()
            .unwrap();
    assert_eq!(message, "Event loop is closed");
}
