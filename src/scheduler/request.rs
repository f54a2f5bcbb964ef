//! [`Request`]: what a task yields to the loop when it suspends.

use core::fmt;
use core::time::Duration;

use super::Awaited;

/// What a task asks of the loop when it suspends: the value every task
/// yields.
///
/// In asyncio a coroutine suspends in one of two ways: a bare `yield`
/// (what `asyncio.sleep(0)` does), or by yielding the future it waits for
/// up to the task that drives it. Here the first is [`Request::Yield`], the
/// second [`Request::Await`]; [`Request::Sleep`] is `asyncio.sleep(d)`,
/// which asyncio writes as a future and a `call_later`, given its own
/// request so that a sleeping task costs no allocation.
///
/// The library's awaitables ([`sleep`](fn@crate::scheduler::sleep),
/// [`Task::join`](crate::scheduler::Task::join),
/// [`Promise::wait`](crate::scheduler::Promise::wait), the
/// [`sync`](crate::sync) primitives …) yield them for you; a hand-written
/// task can yield `Yield` and `Sleep` directly.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::Request;
///
/// // await asyncio.sleep(0): let the others run, come back at the end of the queue.
/// let pass = Request::Yield;
/// // await asyncio.sleep(1.5)
/// let nap = Request::Sleep(Duration::from_millis(1500));
/// assert_ne!(pass, nap);
/// assert_eq!(nap.to_string(), "sleep 1.5s");
/// ```
#[derive(Clone, PartialEq, Debug)]
#[non_exhaustive]
pub enum Request {
    /// Run again after every callback that is ready now: a bare `yield`,
    /// `await asyncio.sleep(0)`.
    Yield,
    /// Run again once this much time has passed on the loop's clock:
    /// `await asyncio.sleep(seconds)`.
    Sleep(Duration),
    /// Run again when this future is done: `yield future` inside
    /// `Future.__await__`. The loop adds the task's wake-up to the future's
    /// done callbacks, and cancelling the task cancels the future.
    Await(Awaited),
}

impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Request::Yield => f.write_str("yield"),
            Request::Sleep(duration) => write!(f, "sleep {duration:?}"),
            Request::Await(future) => write!(f, "wait for {}", future.blocker()),
        }
    }
}
