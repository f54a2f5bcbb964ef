//! `Runtime::run_as_future`: the loop polled by another executor.

use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::Thread;
use std::time::{Duration, Instant};

use resumable::generator::from_fn;
use resumable::scheduler::{
    sleep, to_thread, wrap_future, Clock, Promise, Request, RunError, Runtime, TaskError,
};
use resumable::{Generator as _, GeneratorState};

/// Counts its wake-ups and unparks the polling thread.
struct CountingWaker {
    wakes: AtomicUsize,
    thread: Thread,
}

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
        self.thread.unpark();
    }
}

/// Polls `future` to the end, parking between polls; returns its output
/// and how many times it was polled.
fn poll_counted<F: Future>(future: F) -> (F::Output, usize) {
    let counter = Arc::new(CountingWaker {
        wakes: AtomicUsize::new(0),
        thread: std::thread::current(),
    });
    let waker = Waker::from(Arc::clone(&counter));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    let mut polls = 0;
    loop {
        let seen = counter.wakes.load(Ordering::SeqCst);
        polls += 1;
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return (output, polls);
        }
        // Park until a wake-up newer than this poll (spurious unparks loop).
        while counter.wakes.load(Ordering::SeqCst) == seen {
            std::thread::park();
        }
    }
}

#[test]
fn on_the_virtual_clock_one_poll_runs_the_program() {
    let mut rt = Runtime::new();
    let main = sleep(Duration::from_secs(5)).map_return(|()| 7);
    let (result, polls) = poll_counted(rt.run_as_future(main));
    assert_eq!((result.unwrap(), polls), (7, 1));
    assert_eq!(rt.time(), Duration::from_secs(5));
}

#[test]
fn on_the_real_clock_it_waits_for_the_timer_without_busy_polling() {
    let mut rt = Runtime::with_clock(Clock::Real);
    let started = Instant::now();
    let main = sleep(Duration::from_millis(30)).map_return(|()| "woke");
    let (result, polls) = poll_counted(rt.run_as_future(main));
    assert_eq!(result.unwrap(), "woke");
    assert!(started.elapsed() >= Duration::from_millis(30));
    assert_eq!(
        polls, 2,
        "one poll to start the sleep, one when the alarm rang"
    );
}

#[test]
fn a_thread_waking_a_task_wakes_the_executor() {
    let mut rt = Runtime::new();
    let main = to_thread(|| {
        std::thread::sleep(Duration::from_millis(10));
        "from the thread"
    });
    let (result, polls) = poll_counted(rt.run_as_future(main));
    assert_eq!(result.unwrap(), "from the thread");
    assert!((2..=3).contains(&polls), "polled {polls} times");
}

#[test]
fn an_error_of_main_resolves_to_run_error_task() {
    let mut rt = Runtime::new();
    let fail = from_fn(|_| Err::<GeneratorState<Request, ()>, _>(TaskError::from("boom").into()));
    let (result, _) = poll_counted(rt.run_as_future(fail));
    assert!(matches!(result, Err(RunError::Task(error)) if error.to_string() == "boom"));
}

#[test]
fn a_deadlock_resolves_to_run_error_deadlock() {
    let mut rt = Runtime::new();
    let never: Promise<()> = Promise::new();
    let stuck = never.wait();
    let (result, _) = poll_counted(rt.run_as_future(stuck));
    assert!(matches!(result, Err(RunError::Deadlock(_))));
}

#[test]
fn tasks_left_when_main_returns_are_cancelled() {
    let mut rt = Runtime::new();
    let sleeper = rt.spawn(sleep(Duration::from_secs(60)));
    let (result, _) = poll_counted(rt.run_as_future(sleep(Duration::from_secs(1))));
    assert!(result.is_ok());
    assert!(sleeper.cancelled());
    assert_eq!(rt.time(), Duration::from_secs(1));
}

#[test]
#[should_panic(expected = "a RunFuture was polled after it resolved")]
fn polling_after_it_resolved_panics() {
    let mut rt = Runtime::new();
    let mut future = rt.run_as_future(sleep(Duration::ZERO));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(Pin::new(&mut future).poll(&mut cx).is_ready());
    let _ = Pin::new(&mut future).poll(&mut cx);
}

/// The loop as a task of tokio's current-thread runtime, its own task
/// awaiting a tokio timer: both executors on one thread.
#[test]
fn tokio_drives_the_loop_while_a_task_awaits_a_tokio_timer() {
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let _context = tokio.enter(); // tokio's timers are made inside it
    let mut rt = Runtime::new();
    let tokio_sleep = Box::pin(tokio::time::sleep(Duration::from_millis(5)));
    let main = wrap_future(tokio_sleep).map_return(|()| "tokio's timer fired");
    let result = tokio.block_on(rt.run_as_future(main));
    assert_eq!(result.unwrap(), "tokio's timer fired");
}
