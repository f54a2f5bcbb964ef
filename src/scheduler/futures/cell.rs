//! [`FutureCell`]: the state of an `asyncio.Future`, shared by promises,
//! tasks and the futures the combinators make.
//!
//! Pending, then done once: with a result, an exception, or cancelled.
//! Becoming done schedules every done callback with `call_soon`, in the
//! order they were added — a task waiting on the future among them. That
//! one hop is where asyncio's order of events comes from.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::sync::Arc;
use core::cell::Cell;

use super::callbacks::{Callback, Callbacks};
use crate::scheduler::base_events::{try_running, Core, Event, Report, ReportKind};
use crate::scheduler::{Blocker, CancelledError, TaskError};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum State {
    Pending,
    Cancelled,
    Finished,
}

/// Whatever holds a [`FutureCell`] behind an `Rc`: a promise, a task, a
/// gathering future. A scheduled callback keeps its owner alive, as
/// asyncio's handle keeps the future it was called with.
pub(crate) trait Owner<T> {
    fn cell(&self) -> &FutureCell<T>;
}

const STATE: u8 = 0b11;
const PENDING: u8 = 0;
const CANCELLED: u8 = 1;
const FINISHED: u8 = 2;
/// asyncio's `__log_traceback`: an exception was set and nobody has looked
/// at it yet.
const LOG_TRACEBACK: u8 = 1 << 2;
/// The future of a task (`blocker` is the task's `Task-N`).
const TASK: u8 = 1 << 3;
/// A task's `_must_cancel`, kept here to keep the task small.
const MUST_CANCEL: u8 = 1 << 4;

/// The rare part of a future: what a cancellation said.
#[derive(Default)]
struct Cancellation {
    message: Option<Arc<str>>,
    /// The `CancelledError` a task let out, handed to the first who asks.
    exc: Option<CancelledError>,
    /// A task's: the message of the sleep it was in when it was cancelled
    /// (the sleep's own future, which the task keeps inline).
    sleep_message: Option<Arc<str>>,
}

/// Every field is a `Cell`, read by taking and putting back: a future is
/// touched by one thread, a step at a time, and never lends a reference.
pub(crate) struct FutureCell<T> {
    flags: Cell<u8>,
    /// Set when finished: the value or the exception.
    outcome: Cell<Option<Result<T, TaskError>>>,
    /// Only for futures cancelled with a message or by a task's own error.
    cancellation: Cell<Option<Box<Cancellation>>>,
    callbacks: Cell<Callbacks<T>>,
    /// The loop it belongs to, bound at creation or at first use.
    core: Cell<Option<Rc<Core>>>,
    blocker: Blocker,
}

static NEXT_CALLBACK: core::sync::atomic::AtomicU64 = core::sync::atomic::AtomicU64::new(1);

/// A fresh number for a done callback, so it can be removed again.
pub(crate) fn callback_id() -> u64 {
    NEXT_CALLBACK.fetch_add(1, core::sync::atomic::Ordering::Relaxed)
}

impl<T> FutureCell<T> {
    /// A pending future, bound to `core` if given, else to the running
    /// loop if there is one, else to the first loop that uses it.
    pub(crate) fn new(blocker: Blocker, core: Option<Rc<Core>>) -> Self {
        FutureCell {
            flags: Cell::new(PENDING),
            outcome: Cell::new(None),
            cancellation: Cell::new(None),
            callbacks: Cell::new(Callbacks::new()),
            core: Cell::new(core.or_else(try_running)),
            blocker,
        }
    }

    /// The future of task `number` of `core`.
    pub(crate) fn of_task(number: u64, core: &Rc<Core>) -> Self {
        let cell = FutureCell::new(Blocker::numbered("Task", number), Some(Rc::clone(core)));
        cell.flags.set(PENDING | TASK);
        cell
    }

    fn has(&self, flag: u8) -> bool {
        self.flags.get() & flag != 0
    }

    fn set_state(&self, state: u8) {
        self.flags.set(self.flags.get() & !STATE | state);
    }

    fn set_log_traceback(&self, on: bool) {
        let flags = self.flags.get() & !LOG_TRACEBACK;
        self.flags
            .set(if on { flags | LOG_TRACEBACK } else { flags });
    }

    pub(crate) fn state(&self) -> State {
        match self.flags.get() & STATE {
            PENDING => State::Pending,
            CANCELLED => State::Cancelled,
            _ => State::Finished,
        }
    }

    pub(crate) fn done(&self) -> bool {
        self.flags.get() & STATE != PENDING
    }

    pub(crate) fn cancelled(&self) -> bool {
        self.flags.get() & STATE == CANCELLED
    }

    pub(crate) fn blocker(&self) -> Blocker {
        self.blocker
    }

    /// The loop it belongs to, binding it to `core` if it has none yet;
    /// `false` if it belongs to another loop.
    pub(crate) fn bind(&self, core: &Rc<Core>) -> bool {
        let bound = self.core.take();
        let same = match &bound {
            Some(own) => Rc::ptr_eq(own, core),
            None => true,
        };
        self.core.set(bound.or_else(|| Some(Rc::clone(core))));
        same
    }

    pub(crate) fn core(&self) -> Option<Rc<Core>> {
        let core = self.core.take();
        let copy = core.clone();
        self.core.set(core);
        copy
    }

    /// Reads or changes what a cancellation said.
    fn with_cancellation<R>(&self, f: impl FnOnce(&mut Cancellation) -> R) -> R {
        let mut cancellation = self.cancellation.take().unwrap_or_default();
        let result = f(&mut cancellation);
        let kept = cancellation.message.is_some()
            || cancellation.exc.is_some()
            || cancellation.sleep_message.is_some();
        if kept {
            self.cancellation.set(Some(cancellation));
        }
        result
    }

    pub(crate) fn set_cancel_message(&self, message: Option<Arc<str>>) {
        if message.is_none() && self.cancellation_is_empty() {
            return;
        }
        self.with_cancellation(|cancellation| cancellation.message = message);
    }

    pub(crate) fn cancel_message(&self) -> Option<Arc<str>> {
        let cancellation = self.cancellation.take()?;
        let message = cancellation.message.clone();
        self.cancellation.set(Some(cancellation));
        message
    }

    pub(crate) fn set_sleep_message(&self, message: Option<Arc<str>>) {
        if message.is_some() {
            self.with_cancellation(|cancellation| cancellation.sleep_message = message);
        }
    }

    pub(crate) fn take_sleep_message(&self) -> Option<Arc<str>> {
        if self.cancellation_is_empty() {
            return None;
        }
        self.with_cancellation(|cancellation| cancellation.sleep_message.take())
    }

    pub(crate) fn set_cancelled_exc(&self, error: CancelledError) {
        self.with_cancellation(|cancellation| cancellation.exc = Some(error));
    }

    pub(crate) fn must_cancel(&self) -> bool {
        self.has(MUST_CANCEL)
    }

    pub(crate) fn set_must_cancel(&self, on: bool) {
        let flags = self.flags.get() & !MUST_CANCEL;
        self.flags.set(if on { flags | MUST_CANCEL } else { flags });
    }

    pub(crate) fn clear_log_traceback(&self) {
        self.set_log_traceback(false);
    }

    /// `_make_cancelled_error`: the `CancelledError` a task let out, the
    /// first time; after that a new one with the cancel message.
    pub(crate) fn make_cancelled_error(&self) -> CancelledError {
        if self.cancellation_is_empty() {
            return CancelledError::new();
        }
        self.with_cancellation(|cancellation| match cancellation.exc.take() {
            Some(error) => error,
            None => CancelledError::from_message(cancellation.message.clone()),
        })
    }

    fn cancellation_is_empty(&self) -> bool {
        let cancellation = self.cancellation.take();
        let empty = cancellation.is_none();
        self.cancellation.set(cancellation);
        empty
    }

    /// `Future.cancel(msg)`: cancelled, unless already done.
    pub(crate) fn cancel_future<O: Owner<T> + 'static>(
        &self,
        owner: &Rc<O>,
        message: Option<Arc<str>>,
    ) -> bool
    where
        T: 'static,
    {
        self.set_log_traceback(false);
        if self.done() {
            return false;
        }
        self.set_state(CANCELLED);
        self.set_cancel_message(message);
        self.schedule_callbacks(owner);
        true
    }

    /// `set_result(value)`: finished with a value; hands `value` back if the
    /// future is already done (asyncio's `InvalidStateError`).
    pub(crate) fn set_result<O: Owner<T> + 'static>(&self, owner: &Rc<O>, value: T) -> Result<(), T>
    where
        T: 'static,
    {
        if self.done() {
            return Err(value);
        }
        self.finish(owner, Ok(value));
        Ok(())
    }

    /// `set_exception(error)`: finished with an error; hands it back if the
    /// future is already done.
    pub(crate) fn set_exception<O: Owner<T> + 'static>(
        &self,
        owner: &Rc<O>,
        error: TaskError,
    ) -> Result<(), TaskError>
    where
        T: 'static,
    {
        if self.done() {
            return Err(error);
        }
        self.finish(owner, Err(error));
        self.set_log_traceback(true);
        Ok(())
    }

    /// What `set_result` and `set_exception` share once the future is
    /// known to be pending: store the outcome, schedule the callbacks.
    fn finish<O: Owner<T> + 'static>(&self, owner: &Rc<O>, outcome: Result<T, TaskError>)
    where
        T: 'static,
    {
        self.outcome.set(Some(outcome));
        self.set_state(FINISHED);
        self.schedule_callbacks(owner);
    }

    /// `__schedule_callbacks`: every done callback, with `call_soon`, in
    /// the order they were added.
    fn schedule_callbacks<O: Owner<T> + 'static>(&self, owner: &Rc<O>)
    where
        T: 'static,
    {
        let mut callbacks = self.callbacks.take();
        if callbacks.is_empty() {
            return;
        }
        let Some(core) = self.core() else {
            // Bound to no loop: nobody ever added a callback.
            return;
        };
        for callback in callbacks.take() {
            core.push(scheduled(owner, callback));
        }
    }

    /// `add_done_callback`: runs at once (in the next turn) if the future
    /// is done. Returns `false`, adding nothing, if the future belongs to
    /// another loop than `core`.
    pub(crate) fn add_done_callback<O: Owner<T> + 'static>(
        &self,
        owner: &Rc<O>,
        core: &Rc<Core>,
        callback: Callback<T>,
    ) -> bool
    where
        T: 'static,
    {
        if !self.bind(core) {
            return false;
        }
        if self.done() {
            core.push(scheduled(owner, callback));
        } else {
            let mut callbacks = self.callbacks.take();
            callbacks.push(callback);
            self.callbacks.set(callbacks);
        }
        true
    }

    /// `remove_done_callback`: removes every callback with this id; returns
    /// how many.
    pub(crate) fn remove_done_callback(&self, id: u64) -> usize {
        let mut callbacks = self.callbacks.take();
        let removed = callbacks.remove(id);
        self.callbacks.set(callbacks);
        removed
    }

    /// The error of a finished future, without marking it seen.
    fn error(&self) -> Option<TaskError> {
        let outcome = self.outcome.take();
        let error = match &outcome {
            Some(Err(error)) => Some(error.clone()),
            _ => None,
        };
        self.outcome.set(outcome);
        error
    }

    /// What `future.result()` raises, if anything, without the value:
    /// what a task waking up on this future throws in (`__wakeup`).
    pub(crate) fn wakeup_error(&self) -> Option<TaskError> {
        match self.state() {
            State::Pending => None,
            State::Cancelled => Some(TaskError::Cancelled(self.make_cancelled_error())),
            State::Finished => {
                self.set_log_traceback(false);
                self.error()
            }
        }
    }

    /// `result()`: `None` while pending; the value, or the error it raises.
    pub(crate) fn result(&self) -> Option<Result<T, TaskError>>
    where
        T: Clone,
    {
        match self.state() {
            State::Pending => None,
            State::Cancelled => Some(Err(TaskError::Cancelled(self.make_cancelled_error()))),
            State::Finished => {
                self.set_log_traceback(false);
                let outcome = self.outcome.take();
                let copy = outcome.clone();
                self.outcome.set(outcome);
                copy
            }
        }
    }

    /// `result()` for the one holder of the future: the value moves out.
    /// Later calls give `None`.
    pub(crate) fn take_result(&self) -> Option<Result<T, TaskError>> {
        match self.state() {
            State::Pending => None,
            State::Cancelled => Some(Err(TaskError::Cancelled(self.make_cancelled_error()))),
            State::Finished => {
                self.set_log_traceback(false);
                self.outcome.take()
            }
        }
    }

    /// `exception()`: the error the future finished with, or the
    /// cancellation; `None` while pending or if it has a value.
    pub(crate) fn exception(&self) -> Option<TaskError> {
        match self.state() {
            State::Pending => None,
            State::Cancelled => Some(TaskError::Cancelled(self.make_cancelled_error())),
            State::Finished => {
                self.set_log_traceback(false);
                self.error()
            }
        }
    }
}

/// A done callback turned into what the loop runs.
fn scheduled<T: 'static, O: Owner<T> + 'static>(owner: &Rc<O>, callback: Callback<T>) -> Event {
    match callback {
        Callback::Wakeup(id) => Event::Step(id),
        Callback::Call(entry) => {
            let owner = Rc::clone(owner);
            Event::Call(Box::new(move || (entry.call)(owner.cell())))
        }
    }
}

impl<T> Drop for FutureCell<T> {
    /// asyncio's `Future.__del__`: an exception nobody looked at is reported.
    fn drop(&mut self) {
        if !self.has(LOG_TRACEBACK) {
            return;
        }
        let Some(core) = self.core.get_mut().take() else {
            return;
        };
        let error = match self.outcome.get_mut().take() {
            Some(Err(error)) => Some(error),
            _ => None,
        };
        let report = if self.has(TASK) {
            let name = core.task_name(self.blocker.number());
            Report::new(ReportKind::TaskNeverRetrieved, Some(name), error)
        } else {
            Report::new(ReportKind::FutureNeverRetrieved, None, error)
        };
        core.report(report);
    }
}

impl<T> Owner<T> for FutureCell<T> {
    fn cell(&self) -> &FutureCell<T> {
        self
    }
}
