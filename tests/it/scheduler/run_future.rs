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
    gather, sleep, to_thread, wrap_future, Clock, Promise, Request, RunError, Runtime, TaskError,
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

/// Counts the polls of the future inside.
struct CountPolls<'a, F> {
    future: F,
    polls: &'a std::cell::Cell<usize>,
}

impl<F: Future + Unpin> Future for CountPolls<'_, F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls.set(self.polls.get() + 1);
        Pin::new(&mut self.future).poll(cx)
    }
}

/// Issue 11, case 1: under tokio, a task's budget is 128 operations per
/// poll; past it a oneshot answers `Pending` and wakes its task at once.
/// With 10 000 wrapped oneshots all sent from another thread and so ready
/// in the same turn, a loop that polled again whatever woke inside its own
/// poll never returned from it (100 % CPU, for ever). Each poll now ends
/// after the turn in which a wrapped future woke itself, or after its
/// budget of callbacks: the run finishes, in a bounded number of polls.
#[test]
fn tokio_multi_thread_runs_ten_thousand_ready_wrapped_futures_without_livelock() {
    const N: usize = 10_000;
    let mut rt = Runtime::new();
    let mut senders = Vec::with_capacity(N);
    let mut tasks = Vec::with_capacity(N);
    for _ in 0..N {
        let (sender, receiver) = tokio::sync::oneshot::channel::<usize>();
        senders.push(sender);
        tasks.push(rt.spawn(wrap_future(receiver).map_return(|got| got.unwrap())));
    }
    rt.run_until_idle(); // every task polled its oneshot once, and waits
    std::thread::spawn(move || {
        for (n, sender) in senders.into_iter().enumerate() {
            sender.send(n).unwrap();
        }
    })
    .join()
    .unwrap();
    // 10 000 wake-ups from another thread, all waiting for the next poll.
    let main = gather(tasks.clone());
    let polls = std::cell::Cell::new(0);
    // A livelock spins inside one poll, for ever.
    let watchdog = crate::support::Watchdog::new("10 000 wrapped oneshots", 120);
    let tokio = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let future = CountPolls {
        future: rt.run_as_future(main),
        polls: &polls,
    };
    let values = tokio.block_on(future).unwrap();
    drop(watchdog);
    assert_eq!(values, (0..N).collect::<Vec<_>>());
    // 128 oneshots answer per poll: 79 polls at least; 80 measured.
    assert!(polls.get() <= 200, "{} polls", polls.get());
}

/// A poll is bounded even with no wrapped future: 3 tasks that yield 2 000
/// times each make about 6 000 callbacks, which take several polls of about
/// a thousand callbacks each, every one ending with a wake-up of its own.
#[test]
fn a_poll_yields_to_its_executor_after_its_budget() {
    let mut rt = Runtime::new();
    for _ in 0..3 {
        let mut left = 2_000;
        rt.spawn(from_fn(
            move |_| -> resumable::Outcome<Request, (), TaskError> {
                left -= 1;
                Ok(if left == 0 {
                    GeneratorState::Complete(())
                } else {
                    GeneratorState::Yielded(Request::Yield)
                })
            },
        ))
        .detach();
    }
    let (result, polls) = poll_counted(rt.run_as_future(sleep(Duration::from_secs(1))));
    result.unwrap();
    assert!((6..=8).contains(&polls), "{polls} polls");
    assert_eq!(rt.tasks(), 0);
}
