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
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

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

pub(crate) struct FutureCell<T> {
    state: Cell<State>,
    /// asyncio's `__log_traceback`: an exception was set and nobody has
    /// looked at it yet.
    log_traceback: Cell<bool>,
    /// Set when finished: the value or the exception.
    outcome: RefCell<Option<Result<T, TaskError>>>,
    cancel_message: RefCell<Option<Arc<str>>>,
    /// The `CancelledError` a task let out, handed to the first who asks.
    cancelled_exc: RefCell<Option<CancelledError>>,
    callbacks: RefCell<Callbacks<T>>,
    /// The loop it belongs to, bound at creation or at first use.
    core: RefCell<Option<Rc<Core>>>,
    blocker: Blocker,
    /// For a task's future: the task's number, for the "never retrieved"
    /// report.
    task: Option<u64>,
}

static NEXT_CALLBACK: core::sync::atomic::AtomicU64 = core::sync::atomic::AtomicU64::new(1);

/// A fresh number for a done callback, so it can be removed again.
pub(crate) fn callback_id() -> u64 {
    NEXT_CALLBACK.fetch_add(1, core::sync::atomic::Ordering::Relaxed)
}

impl<T> FutureCell<T> {
    /// A pending future, bound to `core` if given, else to the running
    /// loop if there is one, else to the first loop that uses it.
    pub(crate) fn new(blocker: Blocker, core: Option<Rc<Core>>, task: Option<u64>) -> Self {
        FutureCell {
            state: Cell::new(State::Pending),
            log_traceback: Cell::new(false),
            outcome: RefCell::new(None),
            cancel_message: RefCell::new(None),
            cancelled_exc: RefCell::new(None),
            callbacks: RefCell::new(Callbacks::new()),
            core: RefCell::new(core.or_else(try_running)),
            blocker,
            task,
        }
    }

    pub(crate) fn state(&self) -> State {
        self.state.get()
    }

    pub(crate) fn done(&self) -> bool {
        self.state.get() != State::Pending
    }

    pub(crate) fn cancelled(&self) -> bool {
        self.state.get() == State::Cancelled
    }

    pub(crate) fn blocker(&self) -> Blocker {
        self.blocker
    }

    /// The loop it belongs to, binding it to `core` if it has none yet;
    /// `false` if it belongs to another loop.
    pub(crate) fn bind(&self, core: &Rc<Core>) -> bool {
        let mut bound = self.core.borrow_mut();
        match &*bound {
            Some(own) => Rc::ptr_eq(own, core),
            None => {
                *bound = Some(Rc::clone(core));
                true
            }
        }
    }

    pub(crate) fn core(&self) -> Option<Rc<Core>> {
        self.core.borrow().clone()
    }

    pub(crate) fn set_cancel_message(&self, message: Option<Arc<str>>) {
        *self.cancel_message.borrow_mut() = message;
    }

    pub(crate) fn cancel_message(&self) -> Option<Arc<str>> {
        self.cancel_message.borrow().clone()
    }

    pub(crate) fn set_cancelled_exc(&self, error: CancelledError) {
        *self.cancelled_exc.borrow_mut() = Some(error);
    }

    pub(crate) fn clear_log_traceback(&self) {
        self.log_traceback.set(false);
    }

    /// `_make_cancelled_error`: the `CancelledError` a task let out, the
    /// first time; after that a new one with the cancel message.
    pub(crate) fn make_cancelled_error(&self) -> CancelledError {
        if let Some(error) = self.cancelled_exc.borrow_mut().take() {
            return error;
        }
        CancelledError::from_message(self.cancel_message())
    }

    /// `Future.cancel(msg)`: cancelled, unless already done.
    pub(crate) fn cancel_future<O: Owner<T> + 'static>(&self, owner: &Rc<O>, message: Option<Arc<str>>) -> bool
    where
        T: 'static,
    {
        self.log_traceback.set(false);
        if self.done() {
            return false;
        }
        self.state.set(State::Cancelled);
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
        *self.outcome.borrow_mut() = Some(Ok(value));
        self.state.set(State::Finished);
        self.schedule_callbacks(owner);
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
        *self.outcome.borrow_mut() = Some(Err(error));
        self.state.set(State::Finished);
        self.schedule_callbacks(owner);
        self.log_traceback.set(true);
        Ok(())
    }

    /// `__schedule_callbacks`: every done callback, with `call_soon`, in
    /// the order they were added.
    fn schedule_callbacks<O: Owner<T> + 'static>(&self, owner: &Rc<O>)
    where
        T: 'static,
    {
        let core = self.core.borrow();
        let Some(core) = &*core else {
            // Bound to no loop: nobody ever added a callback.
            return;
        };
        // Scheduling touches the loop's inbox only, never this future.
        for callback in self.callbacks.borrow_mut().take() {
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
            self.callbacks.borrow_mut().push(callback);
        }
        true
    }

    /// `remove_done_callback`: removes every callback with this id; returns
    /// how many.
    pub(crate) fn remove_done_callback(&self, id: u64) -> usize {
        self.callbacks.borrow_mut().remove(id)
    }

    /// What `future.result()` raises, if anything, without the value:
    /// what a task waking up on this future throws in (`__wakeup`).
    pub(crate) fn wakeup_error(&self) -> Option<TaskError> {
        match self.state.get() {
            State::Pending => None,
            State::Cancelled => Some(TaskError::Cancelled(self.make_cancelled_error())),
            State::Finished => {
                self.log_traceback.set(false);
                match &*self.outcome.borrow() {
                    Some(Err(error)) => Some(error.clone()),
                    _ => None,
                }
            }
        }
    }

    /// `result()`: `None` while pending; the value, or the error it raises.
    pub(crate) fn result(&self) -> Option<Result<T, TaskError>>
    where
        T: Clone,
    {
        match self.state.get() {
            State::Pending => None,
            State::Cancelled => Some(Err(TaskError::Cancelled(self.make_cancelled_error()))),
            State::Finished => {
                self.log_traceback.set(false);
                self.outcome.borrow().clone()
            }
        }
    }

    /// `result()` for the one holder of the future: the value moves out.
    /// Later calls give `None`.
    pub(crate) fn take_result(&self) -> Option<Result<T, TaskError>> {
        match self.state.get() {
            State::Pending => None,
            State::Cancelled => Some(Err(TaskError::Cancelled(self.make_cancelled_error()))),
            State::Finished => {
                self.log_traceback.set(false);
                self.outcome.borrow_mut().take()
            }
        }
    }

    /// `exception()`: the error the future finished with, or the
    /// cancellation; `None` while pending or if it has a value.
    pub(crate) fn exception(&self) -> Option<TaskError> {
        match self.state.get() {
            State::Pending => None,
            State::Cancelled => Some(TaskError::Cancelled(self.make_cancelled_error())),
            State::Finished => {
                self.log_traceback.set(false);
                self.outcome.borrow().as_ref()?.as_ref().err().cloned()
            }
        }
    }
}

/// A done callback turned into what the loop runs.
fn scheduled<T: 'static, O: Owner<T> + 'static>(owner: &Rc<O>, callback: Callback<T>) -> Event {
    match callback {
        Callback::Wakeup(slot) => Event::Step(slot),
        Callback::Call { call, .. } => {
            let owner = Rc::clone(owner);
            Event::Call(Box::new(move || call(owner.cell())))
        }
    }
}

impl<T> Drop for FutureCell<T> {
    /// asyncio's `Future.__del__`: an exception nobody looked at is reported.
    fn drop(&mut self) {
        if !self.log_traceback.get() {
            return;
        }
        let Some(core) = self.core.get_mut().take() else {
            return;
        };
        let error = match self.outcome.get_mut().take() {
            Some(Err(error)) => Some(error),
            _ => None,
        };
        let report = match self.task {
            Some(number) => Report::new(
                ReportKind::TaskNeverRetrieved,
                Some(core.task_name(number)),
                error,
            ),
            None => Report::new(ReportKind::FutureNeverRetrieved, None, error),
        };
        core.report(report);
    }
}

impl<T> Owner<T> for FutureCell<T> {
    fn cell(&self) -> &FutureCell<T> {
        self
    }
}
