//! The bridge to `Future`: generators run by a real executor (tokio, on
//! several threads), futures awaited by scheduler tasks, and the counts that
//! show nobody polls or wakes more than needed.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use proptest::prelude::*;
use resumable::bridge::{block_on, from_future, to_future};
use resumable::generator::from_fn;
use resumable::scheduler::{spawn, wrap_future, Request, Runtime, TaskError};
use resumable::{yield_from, Exception, Generator, GeneratorState, Lifecycle, Outcome, Resume};

// ------------------------------------------------------------ test doubles

/// A waker that counts its wakes (futures-test's `new_count_waker`).
#[derive(Default)]
struct CountWakes(AtomicUsize);

impl Wake for CountWakes {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn count_waker() -> (Waker, Arc<CountWakes>) {
    let counter = Arc::new(CountWakes::default());
    (Waker::from(Arc::clone(&counter)), counter)
}

/// `for _ in range(ticks): yield` then `return value`, flagging its close.
struct Ticks {
    left: u32,
    value: u64,
    closed: Arc<AtomicBool>,
}

fn ticks(left: u32, value: u64) -> Ticks {
    Ticks {
        left,
        value,
        closed: Arc::default(),
    }
}

impl Generator for Ticks {
    type Yield = ();
    type Return = u64;
    type Error = Infallible;

    fn resume(&mut self, input: Resume) -> Outcome<(), u64> {
        if input.is_close() {
            self.closed.store(true, Ordering::SeqCst); // finally: ...
            return Err(Exception::GeneratorExit);
        }
        if self.left == 0 {
            return Ok(GeneratorState::Complete(self.value));
        }
        self.left -= 1;
        Ok(GeneratorState::Yielded(()))
    }
}

/// A one-shot channel's receiving end, filled by another thread, that
/// counts how often it is polled.
#[derive(Clone, Default)]
struct Slot {
    inner: Arc<Mutex<(Option<u64>, Option<Waker>)>>,
    polls: Arc<AtomicUsize>,
    dropped: Arc<AtomicBool>,
}

impl Slot {
    fn fill(&self, value: u64) {
        let waker = {
            let mut inner = self.inner.lock().unwrap();
            inner.0 = Some(value);
            inner.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    fn receiver(&self) -> Receiver {
        Receiver(self.clone())
    }
}

struct Receiver(Slot);

impl Future for Receiver {
    type Output = u64;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        self.0.polls.fetch_add(1, Ordering::SeqCst);
        let mut inner = self.0.inner.lock().unwrap();
        match inner.0.take() {
            Some(value) => Poll::Ready(value),
            None => {
                inner.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.0.dropped.store(true, Ordering::SeqCst);
    }
}

fn poll_once<F: Future + Unpin>(future: &mut F, waker: &Waker) -> Poll<F::Output> {
    Pin::new(future).poll(&mut Context::from_waker(waker))
}

// ------------------------------------------------------ generator → future

#[test]
fn the_shim_wakes_exactly_once_per_yield() {
    let (waker, wakes) = count_waker();
    let mut future = to_future(ticks(3, 7));
    for yielded in 1..=3 {
        assert_eq!(poll_once(&mut future, &waker), Poll::Pending);
        assert_eq!(wakes.0.load(Ordering::SeqCst), yielded);
        assert_eq!(future.state(), Lifecycle::Suspended);
    }
    assert_eq!(poll_once(&mut future, &waker), Poll::Ready(7));
    assert_eq!(wakes.0.load(Ordering::SeqCst), 3, "no wake for Ready");
    assert_eq!(future.state(), Lifecycle::Closed);
}

#[test]
#[should_panic(expected = "`ToFuture` polled after completion")]
fn polling_a_finished_shim_again_panics_with_a_helpful_message() {
    let (waker, _) = count_waker();
    let mut future = to_future(ticks(0, 1));
    assert_eq!(poll_once(&mut future, &waker), Poll::Ready(1));
    let _ = poll_once(&mut future, &waker);
}

#[test]
fn dropping_a_pending_shim_closes_the_generator() {
    let (waker, _) = count_waker();
    let generator = ticks(5, 0);
    let closed = Arc::clone(&generator.closed);
    let mut future = to_future(generator);
    assert_eq!(poll_once(&mut future, &waker), Poll::Pending);
    drop(future);
    assert!(closed.load(Ordering::SeqCst), "the generator's finally ran");
}

#[test]
fn dropping_an_unpolled_or_finished_shim_does_not_close() {
    let unpolled = ticks(5, 0);
    let closed = Arc::clone(&unpolled.closed);
    drop(to_future(unpolled));
    assert!(
        !closed.load(Ordering::SeqCst),
        "never started: nothing to clean up"
    );

    let finished = ticks(0, 3);
    let closed = Arc::clone(&finished.closed);
    assert_eq!(block_on(to_future(finished)), 3);
    assert!(
        !closed.load(Ordering::SeqCst),
        "returned: nothing to clean up"
    );
}

#[test]
fn the_shim_is_send_when_the_generator_is() {
    fn assert_send<T: Send>(_: &T) {}
    assert_send(&to_future(ticks(1, 1)));
}

proptest! {
    /// Model: a generator that yields k times is Pending k times, wakes k
    /// times and then is Ready with its value.
    #[test]
    fn the_shim_is_pending_once_per_yield(k in 0u32..50, value in any::<u64>()) {
        let (waker, wakes) = count_waker();
        let mut future = to_future(ticks(k, value));
        let mut pending = 0;
        let output = loop {
            match poll_once(&mut future, &waker) {
                Poll::Pending => pending += 1,
                Poll::Ready(output) => break output,
            }
        };
        prop_assert_eq!(output, value);
        prop_assert_eq!(pending, k, "one Pending per yield");
        prop_assert_eq!(wakes.0.load(Ordering::SeqCst), k as usize, "one wake per yield");
    }
}

// ------------------------------------------------- on a real executor (tokio)

fn multi_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

#[test]
fn many_generator_futures_complete_on_tokio_with_the_right_values() {
    let rt = multi_thread();
    let results: Vec<u64> = rt.block_on(async {
        let handles: Vec<_> = (0..1000u64)
            .map(|i| tokio::spawn(to_future(ticks((i % 17) as u32, i * i))))
            .collect();
        let mut results = Vec::new();
        for handle in handles {
            results.push(handle.await.expect("no task panicked"));
        }
        results
    });
    let expected: Vec<u64> = (0..1000u64).map(|i| i * i).collect();
    assert_eq!(results, expected);
}

#[test]
fn aborting_a_pending_generator_task_on_tokio_closes_the_generator() {
    let rt = multi_thread();
    let endless = ticks(u32::MAX, 0);
    let closed = Arc::clone(&endless.closed);
    rt.block_on(async {
        let handle = tokio::spawn(to_future(endless));
        tokio::time::sleep(Duration::from_millis(5)).await; // let it start
        handle.abort();
        let error = handle.await.expect_err("it was aborted");
        assert!(error.is_cancelled());
    });
    assert!(
        closed.load(Ordering::SeqCst),
        "abort dropped it, and drop closed it"
    );
}

// ------------------------------------------------------ future → generator

#[test]
fn from_future_yields_while_pending_and_returns_the_output() {
    let (waker, _) = count_waker();
    let slot = Slot::default();
    let mut it = from_future(slot.receiver(), waker);
    assert_yielded!(it.next(), ());
    slot.fill(5);
    assert_complete!(it.next(), 5);
    assert_eq!(slot.polls.load(Ordering::SeqCst), 2);
}

#[test]
fn closing_from_future_drops_the_future() {
    let (waker, _) = count_waker();
    let slot = Slot::default();
    let mut it = from_future(slot.receiver(), waker).close_on_drop();
    assert_yielded!(it.next(), ());
    assert_eq!(it.close(), Ok(None));
    drop(it);
    assert!(slot.dropped.load(Ordering::SeqCst));
}

#[test]
fn block_on_waits_for_a_wake_from_another_thread() {
    let slot = Slot::default();
    let filler = slot.clone();
    let thread = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(10));
        filler.fill(9);
    });
    assert_eq!(block_on(slot.receiver()), 9);
    assert_eq!(slot.polls.load(Ordering::SeqCst), 2, "parked, not spinning");
    thread.join().unwrap();
}

/// A task around `wrap_future` that counts its own steps.
fn counted<G>(
    mut inner: G,
    steps: Arc<AtomicUsize>,
) -> impl Generator<Yield = Request, Return = G::Return, Error = TaskError>
where
    G: Generator<Yield = Request, Error = TaskError>,
{
    from_fn(move |input: Resume<(), TaskError>| {
        steps.fetch_add(1, Ordering::SeqCst);
        inner.resume(input)
    })
}

#[test]
fn a_task_waiting_on_a_future_from_another_thread_is_woken_once_and_not_polled_meanwhile() {
    let slot = Slot::default();
    let filler = slot.clone();
    let steps = Arc::new(AtomicUsize::new(0));
    let thread = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(30));
        filler.fill(42);
    });
    let mut rt = Runtime::new();
    let main = counted(wrap_future(slot.receiver()), Arc::clone(&steps));
    assert_eq!(rt.run(main).unwrap(), 42);
    thread.join().unwrap();
    assert_eq!(
        slot.polls.load(Ordering::SeqCst),
        2,
        "polled at the start and after the wake"
    );
    assert_eq!(
        steps.load(Ordering::SeqCst),
        2,
        "the task ran twice: woken exactly once"
    );
}

#[test]
fn a_task_waits_for_a_tokio_task_on_another_thread() {
    let tokio = multi_thread();
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let handle = tokio.spawn(async move {
        tokio::time::sleep(Duration::from_millis(20)).await;
        sender.send(123u32).expect("the receiver waits");
        "sent"
    });
    let polls = Arc::new(AtomicUsize::new(0));
    let counted_receiver = {
        let polls = Arc::clone(&polls);
        let mut receiver = receiver;
        std::future::poll_fn(move |cx| {
            polls.fetch_add(1, Ordering::SeqCst);
            Pin::new(&mut receiver).poll(cx)
        })
    };
    let mut rt = Runtime::new();
    let received = rt.run(wrap_future(counted_receiver)).unwrap();
    assert_eq!(received, Ok(123));
    assert_eq!(
        polls.load(Ordering::SeqCst),
        2,
        "not polled while it waited"
    );
    // A JoinHandle is a future too.
    assert_eq!(rt.run(wrap_future(handle)).unwrap().unwrap(), "sent");
}

/// A future that wakes its waker inside `poll` and is pending: the wake
/// comes before the task parks.
struct WakeWhilePolled {
    polls: u32,
}

impl Future for WakeWhilePolled {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        if self.polls < 3 {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(self.polls)
    }
}

#[test]
fn a_wake_inside_poll_is_not_lost() {
    let mut rt = Runtime::new();
    let task = rt.spawn(wrap_future(WakeWhilePolled { polls: 0 }));
    // Each round of the loop runs the task once more: no round is wasted,
    // and none hangs (a lost wake would leave the task parked for ever).
    for _ in 0..3 {
        rt.run_until_idle();
    }
    assert!(
        task.done(),
        "the task was woken after each synchronous wake"
    );
    assert_eq!(task.result().map(Result::ok), Some(Some(3)));
}

#[test]
fn cancelling_a_waiting_task_drops_the_future() {
    let slot = Slot::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(wrap_future(slot.receiver()));
    rt.run_until_idle();
    assert!(!slot.dropped.load(Ordering::SeqCst), "waiting");
    task.cancel();
    rt.run_until_idle();
    assert!(task.cancelled());
    assert!(
        slot.dropped.load(Ordering::SeqCst),
        "cancelled: the future is gone"
    );
    assert_eq!(slot.polls.load(Ordering::SeqCst), 1);
}

#[test]
fn a_waiting_future_keeps_the_loop_from_reporting_a_deadlock_until_it_is_done() {
    // Two tasks: one waits for a future another thread fills, the other
    // for the first. No deadlock is reported while the future may fire.
    let slot = Slot::default();
    let filler = slot.clone();
    let thread = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(10));
        filler.fill(1);
    });
    let mut waiter = Some(wrap_future(slot.receiver()));
    let mut rt = Runtime::new();
    let mut inner = None;
    let main = from_fn(
        move |mut input: Resume<(), TaskError>| -> Outcome<Request, u64, TaskError> {
            let join = match &mut inner {
                Some(join) => join,
                None => {
                    input.sent()?;
                    input = Resume::Next;
                    inner.insert(spawn(waiter.take().expect("spawned once")).join())
                }
            };
            let value = yield_from!(join, input)?;
            Ok(GeneratorState::Complete(value + 1))
        },
    );
    assert_eq!(rt.run(main).unwrap(), 2);
    thread.join().unwrap();
}

/// A task waiting on a future is woken only by it (its wake-up is the
/// done callback of the loop future its waker completes): the other tasks'
/// steps neither step it nor poll its future.
#[test]
fn a_waiting_task_is_not_stepped_or_polled_by_other_activity() {
    let slot = Slot::default();
    let steps = Arc::new(AtomicUsize::new(0));
    let mut rt = Runtime::new();
    let task = rt.spawn(counted(wrap_future(slot.receiver()), Arc::clone(&steps)));
    let mut busy = 0;
    rt.spawn(from_fn(move |input: Resume<(), TaskError>| {
        input.sent()?;
        busy += 1;
        Ok(match busy {
            1..=3 => GeneratorState::Yielded(Request::Yield),
            _ => GeneratorState::Complete(()),
        })
    }))
    .detach();
    assert_eq!(
        rt.run_until_idle(),
        5,
        "one step of the waiter, four of the busy task"
    );
    assert_eq!(steps.load(Ordering::SeqCst), 1);
    assert_eq!(slot.polls.load(Ordering::SeqCst), 1);
    slot.fill(8);
    rt.run_until_idle();
    assert_eq!(steps.load(Ordering::SeqCst), 2);
    assert_eq!(slot.polls.load(Ordering::SeqCst), 2);
    assert_eq!(task.result().map(Result::ok), Some(Some(8)));
}

#[test]
#[should_panic(expected = "`WrapFuture` resumed after completion")]
fn resuming_a_finished_wrap_future_panics_with_a_helpful_message() {
    let mut wait = wrap_future(std::future::ready(1));
    let mut steps = 0;
    let main = from_fn(
        move |input: Resume<(), TaskError>| -> Outcome<Request, (), TaskError> {
            input.sent()?; // the runtime cancels the task as the panic unwinds
            steps += 1;
            let _ = wait.resume(Resume::Next); // the second time: a bug
            if steps == 2 {
                unreachable!("the second resume panicked");
            }
            Ok(GeneratorState::Yielded(Request::Yield))
        },
    );
    let _ = Runtime::new().run(main);
}

#[test]
fn debug_shows_where_the_bridge_is() {
    let (waker, _) = count_waker();
    let mut future = to_future(resumable::generator::once(()));
    assert_eq!(
        format!("{future:?}"),
        "ToFuture { generator: Once { value: Some(()) }, state: Created }"
    );
    assert_eq!(poll_once(&mut future, &waker), Poll::Pending);
    assert!(format!("{future:?}").ends_with("state: Suspended }"));
    assert_eq!(
        format!("{:?}", from_future(std::future::ready(1), waker)),
        "FromFuture { .. }"
    );
    assert!(format!("{:?}", wrap_future(std::future::ready(1))).contains("state: \"created\""));
}
