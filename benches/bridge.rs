//! The cost of the bridge: a generator polled as a `Future` through
//! `to_future` against a hand-written `Future` doing the same work, and a
//! future resumed as a generator through `from_future` against polling it
//! directly.
//!
//! `cargo bench --bench bridge` times them; add `-- --instructions` for
//! callgrind's instruction counts. See docs/performance.md.
//!
//! An item is one poll. Every case counts down from `n`, adding up what is
//! left, and wakes its waker before each `Pending` (the shim's rule for a
//! yield); the waker does nothing, through the same vtable call in every
//! case, so what differs is the state machine and the shim around it.

mod harness;

use std::convert::Infallible;
use std::future::Future;
use std::hint::black_box;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use harness::{Case, Group};
use resumable::bridge::{from_future, to_future};
use resumable::{Generator, GeneratorState, Outcome, Resume};

/// A waker that does nothing: the executor's part is left out.
struct Noop;

impl Wake for Noop {
    fn wake(self: Arc<Self>) {}

    fn wake_by_ref(self: &Arc<Self>) {}
}

/// Opaque to the optimiser, as an executor's waker is: each wake is a call
/// through the waker's vtable.
fn noop_waker() -> Waker {
    black_box(Waker::from(Arc::new(Noop)))
}

/// The future everybody would write by hand: pending `n` times, then the
/// sum of what was left at each poll.
struct CountdownFuture {
    left: u64,
    total: u64,
}

impl Future for CountdownFuture {
    type Output = u64;

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if self.left == 0 {
            return Poll::Ready(self.total);
        }
        self.left -= 1;
        self.total = self.total.wrapping_add(black_box(self.left));
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// The same machine as a generator whose yields mean "not ready yet".
struct Countdown {
    left: u64,
    total: u64,
}

impl Generator for Countdown {
    type Yield = ();
    type Return = u64;
    type Error = Infallible;

    #[inline]
    fn resume(&mut self, input: Resume) -> Outcome<(), u64> {
        input.sent()?;
        if self.left == 0 {
            return Ok(GeneratorState::Complete(self.total));
        }
        self.left -= 1;
        self.total = self.total.wrapping_add(black_box(self.left));
        Ok(GeneratorState::Yielded(()))
    }
}

/// An executor's loop, minus the executor: poll until ready, counting the
/// polls into the checksum.
#[inline]
fn poll_to_end<F: Future<Output = u64> + Unpin>(mut future: F) -> u64 {
    let waker = noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut polls = 0u64;
    loop {
        polls += 1;
        if let Poll::Ready(total) = Pin::new(&mut future).poll(&mut cx) {
            return total.wrapping_add(polls);
        }
    }
}

fn hand_written_future(n: u64) -> u64 {
    poll_to_end(CountdownFuture { left: n, total: 0 })
}

fn generator_to_future(n: u64) -> u64 {
    poll_to_end(to_future(Countdown { left: n, total: 0 }))
}

/// As an executor holds its tasks: boxed, polled through `dyn Future`.
fn hand_written_future_dyn(n: u64) -> u64 {
    let future: Pin<Box<dyn Future<Output = u64>>> =
        black_box(Box::pin(CountdownFuture { left: n, total: 0 }));
    poll_to_end(future)
}

/// `await` on a future that is pending once: `asyncio.sleep(0)`.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// The same countdown as an `async fn`: the compiler's state machine,
/// which (like the shim) panics if polled after completion.
async fn countdown(mut left: u64) -> u64 {
    let mut total = 0u64;
    while left > 0 {
        left -= 1;
        total = total.wrapping_add(black_box(left));
        YieldOnce(false).await;
    }
    total
}

fn async_fn_dyn(n: u64) -> u64 {
    let future: Pin<Box<dyn Future<Output = u64>>> = black_box(Box::pin(countdown(n)));
    poll_to_end(future)
}

fn generator_to_future_dyn(n: u64) -> u64 {
    let future: Pin<Box<dyn Future<Output = u64>>> =
        black_box(Box::pin(to_future(Countdown { left: n, total: 0 })));
    poll_to_end(future)
}

/// A future polled as a generator: `from_future`, resumed until complete.
fn future_as_generator(n: u64) -> u64 {
    let mut generator = from_future(CountdownFuture { left: n, total: 0 }, noop_waker());
    let mut polls = 0u64;
    loop {
        polls += 1;
        match generator.resume(Resume::Next) {
            Ok(GeneratorState::Yielded(())) => {}
            Ok(GeneratorState::Complete(total)) => return total.wrapping_add(polls),
            Err(_) => unreachable!("only close raises GeneratorExit"),
        }
    }
}

fn main() {
    harness::main(vec![
        Group {
            name: "generator as a Future",
            cases: vec![
                Case {
                    name: "hand-written Future",
                    run: hand_written_future,
                },
                Case {
                    name: "to_future(generator)",
                    run: generator_to_future,
                },
            ],
        },
        Group {
            name: "generator as a Future, polled through dyn",
            cases: vec![
                Case {
                    name: "hand-written Future (dyn)",
                    run: hand_written_future_dyn,
                },
                Case {
                    name: "to_future(generator) (dyn)",
                    run: generator_to_future_dyn,
                },
                Case {
                    name: "async fn (dyn)",
                    run: async_fn_dyn,
                },
            ],
        },
        Group {
            name: "Future as a generator",
            cases: vec![
                Case {
                    name: "poll directly",
                    run: hand_written_future,
                },
                Case {
                    name: "from_future(future)",
                    run: future_as_generator,
                },
            ],
        },
    ]);
}
