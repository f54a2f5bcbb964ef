//! [`Promise`]: a result set once and awaited, `asyncio.Future()`.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::sync::Arc;
use core::fmt;

use super::awaiting::Await;
use super::callbacks::Callback;
use super::cell::{callback_id, FutureCell};
use crate::generator::{Generator, Outcome, Resume};
use crate::scheduler::base_events::running;
use crate::scheduler::{Blocker, Request, TaskError};

/// A result that is set once and awaited: `asyncio.Future()`.
///
/// One side calls [`set_result`](Promise::set_result) or
/// [`set_exception`](Promise::set_exception) (or
/// [`cancel`](Promise::cancel)); any number of tasks await
/// [`wait`](Promise::wait), and each gets the value (a clone) or the
/// error. A handle is cheap to clone; clones are the same promise. Another
/// thread sets it through [`remote`](Promise::remote).
///
/// # Examples
///
/// ```python
/// fut = asyncio.get_running_loop().create_future()
/// async def waiter():
///     return await fut
/// task = asyncio.create_task(waiter())
/// await asyncio.sleep(0)
/// fut.set_result('ready')
/// assert await task == 'ready'
/// ```
///
/// ```
/// use resumable::scheduler::{Promise, Runtime};
///
/// let promise = Promise::new();
/// let mut rt = Runtime::new();
/// let waiter = rt.spawn(promise.wait());
/// rt.run_until_idle();
/// assert!(!waiter.done());
///
/// assert_eq!(promise.set_result("ready"), Ok(()));
/// rt.run_until_idle();
/// assert_eq!(waiter.result().unwrap().ok(), Some("ready"));
/// ```
///
/// # Cancel safety
///
/// A task waiting in [`wait`](Promise::wait) that is cancelled cancels the
/// promise (as asyncio's task cancels the future it awaits), and raises the
/// cancellation. Other waiters then see the promise cancelled too.
pub struct Promise<T> {
    cell: Rc<FutureCell<T>>,
}

/// The number of a done callback, to remove it again with
/// `remove_done_callback`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct CallbackId(pub(crate) u64);

impl<T: 'static> Promise<T> {
    /// A pending promise, named `Promise-N` in reports:
    /// `loop.create_future()`. It belongs to the loop running now, or, made
    /// outside a loop, to the first loop that uses it.
    ///
    /// ```
    /// use resumable::scheduler::Promise;
    ///
    /// let promise: Promise<u8> = Promise::new();
    /// assert!(!promise.done());
    /// assert_eq!(promise.blocker().to_string(), "Promise-1");
    /// ```
    pub fn new() -> Self {
        Promise::labelled(Blocker::fresh("Promise"))
    }

    /// The future inside.
    pub(super) fn cell(&self) -> &FutureCell<T> {
        &self.cell
    }

    /// A pending promise that reports and traces show as `blocker`.
    pub(crate) fn labelled(blocker: Blocker) -> Self {
        Promise {
            cell: Rc::new(FutureCell::new(blocker, None)),
        }
    }

    /// Sets the value and schedules the done callbacks (the waiters'
    /// wake-ups among them): `fut.set_result(value)`.
    ///
    /// # Errors
    ///
    /// If the promise is already done, the value is handed back as
    /// `Err(value)` (asyncio raises `InvalidStateError`), so that racing
    /// producers can each try.
    ///
    /// ```
    /// use resumable::scheduler::Promise;
    ///
    /// let promise = Promise::new();
    /// assert_eq!(promise.set_result(1), Ok(()));
    /// assert_eq!(promise.set_result(2), Err(2)); // already set: 1 stays
    /// assert_eq!(promise.result().unwrap().ok(), Some(1));
    /// ```
    pub fn set_result(&self, value: T) -> Result<(), T> {
        self.cell.set_result(&self.cell, value)
    }

    /// Sets an error, raised in the waiters: `fut.set_exception(error)`.
    ///
    /// # Errors
    ///
    /// If the promise is already done, the error is handed back.
    ///
    /// ```
    /// use resumable::scheduler::{Promise, Runtime, TaskError};
    ///
    /// let promise: Promise<u8> = Promise::new();
    /// assert!(promise.set_exception(TaskError::from("no route")).is_ok());
    /// let error = Runtime::new().run(promise.wait()).unwrap_err();
    /// assert_eq!(error.to_string(), "the main task raised no route");
    /// ```
    pub fn set_exception(&self, error: TaskError) -> Result<(), TaskError> {
        self.cell.set_exception(&self.cell, error)
    }

    /// Cancels the promise unless it is done: `fut.cancel()`. Returns
    /// `false` if it was done already.
    ///
    /// ```
    /// use resumable::scheduler::Promise;
    ///
    /// let promise: Promise<u8> = Promise::new();
    /// assert!(promise.cancel());
    /// assert!(promise.cancelled() && promise.done());
    /// assert!(!promise.cancel());
    /// ```
    pub fn cancel(&self) -> bool {
        self.cell.cancel_future(&self.cell, None)
    }

    /// `fut.cancel(msg)`: the waiters' `CancelledError` carries `message`.
    pub fn cancel_with(&self, message: impl Into<Arc<str>>) -> bool {
        self.cell.cancel_future(&self.cell, Some(message.into()))
    }

    /// Calls `callback` with the promise once it is done, in a turn of the
    /// loop after that (at once, in the next turn, if it is done already):
    /// `fut.add_done_callback(callback)`.
    ///
    /// # Panics
    ///
    /// If the promise belongs to another loop than the running one, or no
    /// loop runs and the promise belongs to none yet.
    ///
    /// ```
    /// use std::{cell::Cell, rc::Rc};
    /// use resumable::scheduler::{Promise, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// let promise = rt.event_loop().create_future();
    /// let seen = Rc::new(Cell::new(0));
    /// let seen_by_callback = Rc::clone(&seen);
    /// promise.add_done_callback(move |done: &Promise<u32>| {
    ///     seen_by_callback.set(done.result().unwrap().unwrap());
    /// });
    /// promise.set_result(7).unwrap();
    /// assert_eq!(seen.get(), 0); // scheduled, not run yet
    /// rt.run_until_idle();
    /// assert_eq!(seen.get(), 7);
    /// ```
    #[track_caller]
    pub fn add_done_callback(&self, callback: impl FnOnce(&Promise<T>) + 'static) -> CallbackId {
        let id = callback_id();
        let weak = Rc::downgrade(&self.cell);
        let call = Box::new(move |_: &FutureCell<T>| {
            // The scheduled callback keeps the cell alive.
            if let Some(cell) = weak.upgrade() {
                callback(&Promise { cell });
            }
        });
        let core = self
            .cell
            .core()
            .unwrap_or_else(|| running("add_done_callback"));
        let added = self
            .cell
            .add_done_callback(&self.cell, &core, Callback::call(id, call));
        assert!(added, "the promise belongs to another loop");
        CallbackId(id)
    }

    /// Removes a done callback that has not been scheduled yet:
    /// `fut.remove_done_callback(fn)`. Returns how many were removed.
    pub fn remove_done_callback(&self, id: CallbackId) -> usize {
        self.cell.remove_done_callback(id.0)
    }

    /// Waits for the promise and gives its value (a clone), or raises its
    /// error: `await fut`.
    pub fn wait(&self) -> PromiseWait<T>
    where
        T: Clone,
    {
        PromiseWait {
            wait: Await::new(Rc::clone(&self.cell)),
        }
    }
}

impl<T: 'static> Default for Promise<T> {
    fn default() -> Self {
        Promise::new()
    }
}

impl<T> Promise<T> {
    /// `true` once it has a value or an error, or was cancelled:
    /// `fut.done()`.
    pub fn done(&self) -> bool {
        self.cell.done()
    }

    /// `true` if it was cancelled: `fut.cancelled()`.
    pub fn cancelled(&self) -> bool {
        self.cell.cancelled()
    }

    /// `fut.result()`, with the error returned rather than raised: `None`
    /// while pending (asyncio's `InvalidStateError`), the value (a clone),
    /// or the error (the `CancelledError` if it was cancelled).
    pub fn result(&self) -> Option<Result<T, TaskError>>
    where
        T: Clone,
    {
        self.cell.result()
    }

    /// `fut.exception()`: the error it finished with, or its cancellation;
    /// `None` while pending or if it has a value.
    pub fn exception(&self) -> Option<TaskError> {
        self.cell.exception()
    }

    /// What reports and traces call it: `Promise-1`.
    pub fn blocker(&self) -> Blocker {
        self.cell.blocker()
    }
}

impl<T> Clone for Promise<T> {
    fn clone(&self) -> Self {
        Promise {
            cell: Rc::clone(&self.cell),
        }
    }
}

impl<T> PartialEq for Promise<T> {
    /// The same promise.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cell, &other.cell)
    }
}

impl<T> fmt::Debug for Promise<T> {
    /// Like asyncio's repr: `<Promise-1 pending>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.cell.state() {
            super::State::Pending => "pending",
            super::State::Cancelled => "cancelled",
            super::State::Finished => "finished",
        };
        write!(f, "<{} {state}>", self.cell.blocker())
    }
}

/// The awaitable of [`Promise::wait`]: `await fut`.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct PromiseWait<T> {
    wait: Await<FutureCell<T>, T>,
}

impl<T: Clone + 'static> Generator for PromiseWait<T> {
    type Yield = Request;
    type Return = T;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, T, TaskError> {
        self.wait.resume(input)
    }
}

impl<T> fmt::Debug for PromiseWait<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PromiseWait")
            .field(&self.wait.owner().blocker())
            .finish()
    }
}

impl crate::scheduler::EventLoop {
    /// `loop.create_future()`: a pending [`Promise`] of this loop.
    pub fn create_future<T: 'static>(&self) -> Promise<T> {
        let blocker = Blocker::fresh("Promise");
        Promise {
            cell: Rc::new(FutureCell::new(blocker, Some(Rc::clone(self.core())))),
        }
    }
}
