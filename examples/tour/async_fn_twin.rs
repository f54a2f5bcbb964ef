//! An `async fn` and its twin written by hand as a generator: the same
//! state machine, polled the same way, printing the same lines.
//!
//! ```python
//! @types.coroutine
//! def pass_turn():
//!     yield                    # not ready yet: let the others run
//!
//! async def countdown(n):
//!     while n > 0:
//!         print(n)
//!         await pass_turn()
//!         n -= 1
//!     return "Go!"
//!
//! coro = countdown(3)
//! while True:
//!     try:
//!         coro.send(None)      # poll
//!     except StopIteration as e:
//!         print(e.value)
//!         break
//! ```
//!
//! Python prints `3`, `2`, `1`, `Go!`. Rust's compiler turns `async fn
//! countdown` into a state machine that remembers `n` and where it stopped,
//! and `poll` resumes it: exactly what the hand-written `Countdown` below
//! spells out, made a `Future` with [`to_future`]. The tour polls each by
//! hand, the lecture's `send(None)` loop, and prints what every poll
//! returned; the two halves of the output are the same.
//!
//! The hand-written state machine and the waker-less `poll` loop are the
//! point of this program, so it keeps them written out rather than built
//! from the crate's combinators.

use core::convert::Infallible;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use resumable::bridge::to_future;
use resumable::generator::once;
use resumable::{Generator, GeneratorState::Complete, GeneratorState::Yielded, Outcome, Resume};

use crate::console::say;

/// `pass_turn()`: one "not ready yet", as a future.
async fn pass_turn() {
    to_future(once(())).await;
}

/// `countdown(n)`, as Rust's `async fn`.
async fn countdown(mut n: u32) -> &'static str {
    while n > 0 {
        say!("{n}");
        pass_turn().await;
        n -= 1;
    }
    "Go!"
}

/// `countdown(n)` by hand: `n` is the state, and each `resume` runs from
/// one suspension to the next, as each `poll` of the `async fn` does.
struct Countdown {
    n: u32,
}

impl Generator for Countdown {
    type Yield = ();
    type Return = &'static str;
    type Error = Infallible;

    fn resume(&mut self, input: Resume) -> Outcome<(), &'static str> {
        input.sent()?; // resumed after the yield: the `await` is over
        if self.n == 0 {
            return Ok(Complete("Go!"));
        }
        say!("{}", self.n);
        self.n -= 1; // what follows the await runs before the next print
        Ok(Yielded(())) // await pass_turn()
    }
}

/// The lecture's `send(None)` loop, for any future: prints each poll.
fn poll_by_hand(future: impl Future<Output = &'static str>) {
    struct Ignore;
    impl Wake for Ignore {
        fn wake(self: Arc<Self>) {}
    }
    let waker = Waker::from(Arc::new(Ignore));
    let mut future = pin!(future);
    for poll in 1.. {
        match future.as_mut().poll(&mut Context::from_waker(&waker)) {
            Poll::Pending => say!("  poll {poll}: Pending"),
            Poll::Ready(value) => {
                say!("  poll {poll}: Ready({value:?})");
                say!("{value}");
                return;
            }
        }
    }
}

pub(crate) fn run() {
    say!("# async fn countdown(3):");
    poll_by_hand(countdown(3));
    say!("# its hand-written twin, to_future(Countdown {{ n: 3 }}):");
    poll_by_hand(to_future(Countdown { n: 3 }));
}
