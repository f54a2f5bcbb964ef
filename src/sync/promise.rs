//! [`Promise`]: a value set once and awaited, `asyncio.Future()`.

use alloc::rc::Rc;
use core::cell::RefCell;
use core::fmt;

use super::waiters::{park, resumed_after_done, Stage, WaitQueue};
use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{current_waker, Blocker, Request, TaskError};

struct State<T> {
    /// Set once; taken out by the first waiter that runs, or by `result`.
    outcome: Option<Result<T, TaskError>>,
    settled: bool,
    cancelled: bool,
    /// Served (with `()`) when the promise is settled.
    line: WaitQueue<()>,
    blocker: Blocker,
}

impl<T> State<T> {
    /// Sets the outcome, unless there is one already; `false` then.
    fn settle(&mut self, outcome: impl FnOnce() -> Result<T, TaskError>) -> bool {
        if self.settled {
            return false;
        }
        self.settled = true;
        self.outcome = Some(outcome());
        self.line.serve_many(usize::MAX);
        true
    }
}

/// A result that is set once and awaited: a bare `asyncio.Future()`.
///
/// One side calls [`set_result`](Promise::set_result) or
/// [`set_exception`](Promise::set_exception) (or
/// [`cancel`](Promise::cancel)); the other side awaits
/// [`wait`](Promise::wait), which returns the value or raises the error.
/// The bridge from callback-style code to tasks: hand a clone to whatever
/// will produce the value, await the other. A handle is cheap to clone;
/// clones are the same promise.
///
/// # Delivered once
///
/// The outcome is a Rust value, not a shared Python object, so it is
/// delivered **once**: to the first waiter that runs after it is set, or
/// to [`result`](Promise::result). Setting the promise wakes every waiter;
/// a second one finds the outcome gone and panics, as
/// [`Task::join`](crate::scheduler::Task::join) does. For many waiters,
/// pair an [`Event`](super::Event) with a shared value instead.
///
/// # Cancel safety
///
/// A waiting [`wait`](Promise::wait) that is cancelled, timed out, closed
/// or dropped leaves the line and raises the error; the outcome stays in
/// the promise for the next waiter (it is only taken by a waiter that
/// returns it), so nothing is lost.
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
/// use resumable::{scheduler::Runtime, sync::Promise};
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
pub struct Promise<T> {
    state: Rc<RefCell<State<T>>>,
}

impl<T> Promise<T> {
    /// A promise with no outcome yet, named `Promise-N` in reports:
    /// `loop.create_future()`. Works outside a loop.
    ///
    /// ```
    /// use resumable::sync::Promise;
    ///
    /// let promise: Promise<u8> = Promise::new();
    /// assert!(!promise.done());
    /// assert_eq!(promise.blocker().to_string(), "Promise-1");
    /// ```
    pub fn new() -> Self {
        Promise {
            state: Rc::new(RefCell::new(State {
                outcome: None,
                settled: false,
                cancelled: false,
                line: WaitQueue::new(),
                blocker: Blocker::fresh("Promise"),
            })),
        }
    }

    /// Sets the value and wakes the waiters: `fut.set_result(value)`.
    ///
    /// # Errors
    ///
    /// If the promise already has an outcome, the value is handed back as
    /// `Err(value)` (asyncio raises `InvalidStateError`), so that racing
    /// producers can each try.
    ///
    /// ```
    /// use resumable::sync::Promise;
    ///
    /// let promise = Promise::new();
    /// assert_eq!(promise.set_result(1), Ok(()));
    /// assert_eq!(promise.set_result(2), Err(2)); // already set: 1 stays
    /// assert_eq!(promise.result().unwrap().ok(), Some(1));
    /// ```
    pub fn set_result(&self, value: T) -> Result<(), T> {
        let mut state = self.state.borrow_mut();
        if state.settled {
            return Err(value);
        }
        state.settle(|| Ok(value));
        Ok(())
    }

    /// Sets an error, raised in the waiter: `fut.set_exception(error)`.
    ///
    /// # Errors
    ///
    /// If the promise already has an outcome, the error is handed back.
    ///
    /// ```
    /// use resumable::{scheduler::{Runtime, TaskError}, sync::Promise};
    ///
    /// let promise: Promise<u8> = Promise::new();
    /// assert!(promise.set_exception(TaskError::from("no route")).is_ok());
    /// let error = Runtime::new().run(promise.wait()).unwrap_err();
    /// assert_eq!(error.to_string(), "the main task raised no route");
    /// ```
    pub fn set_exception(&self, error: TaskError) -> Result<(), TaskError> {
        let mut state = self.state.borrow_mut();
        if state.settled {
            return Err(error);
        }
        state.settle(|| Err(error));
        Ok(())
    }

    /// Cancels the promise, so its waiter raises [`TaskError::Cancelled`]:
    /// `fut.cancel()`. Returns `false` if it already had an outcome.
    ///
    /// ```
    /// use resumable::sync::Promise;
    ///
    /// let promise: Promise<u8> = Promise::new();
    /// assert!(promise.cancel());
    /// assert!(promise.cancelled() && promise.done());
    /// assert!(!promise.cancel());
    /// ```
    pub fn cancel(&self) -> bool {
        let mut state = self.state.borrow_mut();
        let cancelled = state.settle(|| Err(TaskError::Cancelled));
        state.cancelled |= cancelled;
        cancelled
    }

    /// `true` once the promise has an outcome (even if it was taken since):
    /// `fut.done()`.
    ///
    /// ```
    /// use resumable::sync::Promise;
    ///
    /// let promise = Promise::new();
    /// assert_eq!(promise.set_result(()), Ok(()));
    /// assert!(promise.done());
    /// ```
    pub fn done(&self) -> bool {
        self.state.borrow().settled
    }

    /// `true` if the promise was [`cancel`](Promise::cancel)led:
    /// `fut.cancelled()`.
    ///
    /// ```
    /// use resumable::sync::Promise;
    ///
    /// assert!(!Promise::<u8>::new().cancelled());
    /// ```
    pub fn cancelled(&self) -> bool {
        self.state.borrow().cancelled
    }

    /// The outcome, taken out of the promise: `fut.result()`, with the
    /// error returned rather than raised. `None` while there is none yet,
    /// and after it was taken (by this or by a waiter).
    ///
    /// ```
    /// use resumable::sync::Promise;
    ///
    /// let promise = Promise::new();
    /// assert!(promise.result().is_none()); // pending
    /// assert_eq!(promise.set_result('v'), Ok(()));
    /// assert_eq!(promise.result().unwrap().ok(), Some('v'));
    /// assert!(promise.result().is_none()); // delivered once
    /// ```
    pub fn result(&self) -> Option<Result<T, TaskError>> {
        self.state.borrow_mut().outcome.take()
    }

    /// Waits for the outcome and takes it: `await fut`. See
    /// [`PromiseWait`].
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::Promise};
    ///
    /// let promise = Promise::new();
    /// assert_eq!(promise.set_result(42), Ok(()));
    /// assert_eq!(Runtime::new().run(promise.wait()).unwrap(), 42);
    /// ```
    pub fn wait(&self) -> PromiseWait<T> {
        PromiseWait {
            state: Rc::clone(&self.state),
            stage: Stage::Start,
        }
    }

    /// The name a deadlock report gives this promise: `Promise-N`.
    ///
    /// ```
    /// use resumable::sync::Promise;
    ///
    /// assert_eq!(Promise::<u8>::new().blocker().kind(), "Promise");
    /// ```
    pub fn blocker(&self) -> Blocker {
        self.state.borrow().blocker
    }
}

impl<T> Clone for Promise<T> {
    /// Another handle to the same promise (no `T: Clone` needed).
    fn clone(&self) -> Self {
        Promise {
            state: Rc::clone(&self.state),
        }
    }
}

impl<T> Default for Promise<T> {
    /// The same as [`Promise::new`].
    fn default() -> Self {
        Promise::new()
    }
}

impl<T> fmt::Debug for Promise<T> {
    /// ```
    /// use resumable::sync::Promise;
    ///
    /// let promise: Promise<u8> = Promise::new();
    /// assert_eq!(format!("{promise:?}"), "Promise { name: Promise-1, done: false, waiting: 0 }");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Promise");
        if let Ok(state) = self.state.try_borrow() {
            out.field("name", &format_args!("{}", state.blocker))
                .field("done", &state.settled)
                .field("waiting", &state.line.waiting());
        }
        out.finish()
    }
}

/// The awaitable of [`Promise::wait`]: `await fut`. Returns the value, or
/// raises the error, set on the promise.
///
/// # Panics
///
/// If the outcome was already taken (by [`Promise::result`] or another
/// waiter): it is delivered once.
///
/// # Cancel safety
///
/// Thrown an error or closed while it waits, it leaves the line and raises
/// the error; dropped, it leaves the line. The outcome stays in the
/// promise: only a waiter that returns it takes it.
///
/// ```
/// use resumable::{sync::Promise, Generator, GeneratorState::Complete};
///
/// let promise = Promise::new();
/// assert_eq!(promise.set_result("done"), Ok(()));
/// assert_eq!(promise.wait().next().ok(), Some(Complete("done")));
/// ```
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct PromiseWait<T> {
    state: Rc<RefCell<State<T>>>,
    stage: Stage,
}

impl<T> PromiseWait<T> {
    fn give_up(&mut self) {
        let Some(ticket) = self.stage.finish() else {
            return;
        };
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.line.leave(ticket);
        }
    }
}

impl<T> Generator for PromiseWait<T> {
    type Yield = Request;
    type Return = T;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, T, TaskError> {
        if let Err(exception) = input.sent() {
            self.give_up();
            return Err(exception);
        }
        if self.stage == Stage::Done {
            resumed_after_done("promise wait");
        }
        let mut state = self.state.borrow_mut();
        if !state.settled {
            if self.stage == Stage::Start {
                self.stage = Stage::Waiting(state.line.join(current_waker()));
            }
            return park(state.blocker);
        }
        if let Some(ticket) = self.stage.finish() {
            state.line.leave(ticket);
        }
        let (outcome, name) = (state.outcome.take(), state.blocker);
        drop(state);
        match outcome {
            Some(Ok(value)) => Ok(GeneratorState::Complete(value)),
            Some(Err(error)) => Err(Exception::Raised(error)),
            None => panic!(
                "the result of {name} was already taken: a promise's outcome is delivered once"
            ),
        }
    }
}

impl<T> Drop for PromiseWait<T> {
    fn drop(&mut self) {
        self.give_up();
    }
}

impl<T> fmt::Debug for PromiseWait<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("PromiseWait");
        if let Ok(state) = self.state.try_borrow() {
            out.field("on", &format_args!("{}", state.blocker));
        }
        out.field("stage", &self.stage).finish()
    }
}
