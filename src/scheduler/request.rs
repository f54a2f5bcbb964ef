//! [`Request`]: what a task yields to the loop when it suspends, and
//! [`Awaited`], the future it waits on.

use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use core::fmt;
use core::time::Duration;

use super::base_events::{Core, TaskId};
use super::{Blocker, TaskError};

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

/// A future as a waiting task sees it, whatever its type: what
/// [`Request::Await`] carries.
pub(crate) trait Awaitable {
    /// `fut.cancel(msg)`: a future's, a task's (which cancels what *it*
    /// waits on) or a gathering future's (which cancels its children).
    fn cancel(self: Rc<Self>, message: Option<Arc<str>>) -> bool;
    /// `add_done_callback(task.__wakeup)` for the task `id`; `false` if the
    /// future belongs to another loop.
    fn add_wakeup(self: Rc<Self>, core: &Rc<Core>, id: TaskId) -> bool;
    /// What `future.result()` raises in `__wakeup`, if anything.
    fn wakeup_error(&self) -> Option<TaskError>;
    fn blocker(&self) -> Blocker;
    /// The loop it belongs to, if it is bound to one yet.
    fn owner(&self) -> Option<Rc<Core>>;
    /// Its name in messages: a task's name, else its blocker.
    fn name(&self) -> String {
        self.blocker().to_string()
    }
}

/// What a task waits on when it yields [`Request::Await`]: a future, seen
/// whatever its type. Made by the awaitables that wait on one
/// ([`PromiseWait`](crate::scheduler::PromiseWait),
/// [`Join`](crate::scheduler::Join), …); the loop registers the task's
/// wake-up on it.
#[derive(Clone)]
pub struct Awaited {
    pub(crate) future: Rc<dyn Awaitable>,
}

impl Awaited {
    pub(crate) fn new(future: Rc<dyn Awaitable>) -> Self {
        Awaited { future }
    }

    /// What it is, as a deadlock report names it: `Task-3`, `Lock-1`.
    pub fn blocker(&self) -> Blocker {
        self.future.blocker()
    }
}

impl PartialEq for Awaited {
    /// The same future.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.future, &other.future)
    }
}

impl fmt::Debug for Awaited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Awaited").field(&self.blocker()).finish()
    }
}
