//! [`TaskShared`]: a task as a future, the part its handles share —
//! `Task.cancel()`, `cancelling()`, `uncancel()` and `_fut_waiter`.
//!
//! The loop owns the generator (see `step.rs`); everything here is what
//! other tasks may touch while this one waits: its future, what it waits
//! on, its cancellation requests.

use alloc::rc::Rc;
use alloc::string::String;
use alloc::sync::Arc;
use core::cell::Cell;

use crate::scheduler::base_events::{Core, Event, TaskId, TaskInfo};
use alloc::boxed::Box;

use crate::scheduler::futures::{callback_id, Callback, FutureCell, Owner};
use crate::scheduler::request::Awaitable;
use crate::scheduler::{Blocker, CancelledError, TaskError};

/// The sleep a task is in: the future asyncio's `sleep` makes, kept here so
/// a sleeping task costs no allocation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum SleepState {
    Pending,
    Done,
    /// Cancelled; the message waits in the task's future.
    Cancelled,
}

/// `Task._fut_waiter`: what the task waits on.
#[derive(Default)]
pub(crate) enum Waiter {
    #[default]
    None,
    /// `asyncio.sleep`, on the timer `token`.
    Sleep {
        token: u32,
        state: SleepState,
    },
    Future(Rc<dyn Awaitable>),
    /// The task must raise this at its next step (it awaited itself, or a
    /// future of another loop).
    Error(alloc::boxed::Box<TaskError>),
}

pub(crate) struct TaskShared<T> {
    future: FutureCell<T>,
    id: TaskId,
    core: Rc<Core>,
    /// `_num_cancels_requested`.
    cancels: Cell<u32>,
    waiter: Cell<Waiter>,
}

impl<T: 'static> TaskShared<T> {
    /// A task of `core`, registered in a slot so that `all_tasks()` sees it
    /// at once.
    pub(crate) fn new(core: &Rc<Core>) -> Rc<Self> {
        let number = core.next_task_number();
        Rc::new_cyclic(|me| {
            let id = core.register(me.clone() as alloc::rc::Weak<dyn TaskInfo>);
            TaskShared {
                future: FutureCell::of_task(number, core),
                id,
                core: Rc::clone(core),
                cancels: Cell::new(0),
                waiter: Cell::new(Waiter::None),
            }
        })
    }
}

impl<T> TaskShared<T> {
    pub(crate) fn number(&self) -> u64 {
        self.future.blocker().number()
    }

    pub(crate) fn slot(&self) -> u32 {
        self.id.slot
    }

    pub(crate) fn id(&self) -> TaskId {
        self.id
    }

    pub(crate) fn core(&self) -> &Rc<Core> {
        &self.core
    }

    pub(crate) fn future(&self) -> &FutureCell<T> {
        &self.future
    }

    /// `_must_cancel`: a cancellation found nothing to cancel; the task
    /// raises it at its next step.
    pub(crate) fn must_cancel(&self) -> bool {
        self.future.must_cancel()
    }

    pub(crate) fn take_must_cancel(&self) -> bool {
        let was = self.future.must_cancel();
        self.future.set_must_cancel(false);
        was
    }

    pub(crate) fn set_waiter(&self, waiter: Waiter) {
        self.waiter.set(waiter);
    }

    pub(crate) fn take_waiter(&self) -> Waiter {
        self.waiter.take()
    }

    /// Looks at (and may change) what the task waits on.
    fn with_waiter<R>(&self, f: impl FnOnce(&mut Waiter) -> R) -> R {
        let mut waiter = self.waiter.take();
        let result = f(&mut waiter);
        self.waiter.set(waiter);
        result
    }

    /// `_set_result_unless_cancelled` for the sleep on timer `token`.
    pub(crate) fn sleep_done(&self, token: u32) {
        let woken = self.with_waiter(|waiter| match waiter {
            Waiter::Sleep { token: own, state }
                if *own == token && *state == SleepState::Pending =>
            {
                *state = SleepState::Done;
                true
            }
            _ => false,
        });
        if woken {
            self.core.push(Event::Step(self.id));
        }
    }

    /// `Future.cancel` on the sleep the task is in; `None` if it is not in
    /// one, `false` if the sleep is over.
    fn cancel_sleep(&self, message: &Option<Arc<str>>) -> Option<bool> {
        let cancelled = self.with_waiter(|waiter| match waiter {
            Waiter::Sleep { state, .. } if *state == SleepState::Pending => {
                *state = SleepState::Cancelled;
                Some(true)
            }
            Waiter::Sleep { .. } => Some(false),
            _ => None,
        });
        if cancelled == Some(true) {
            self.future.set_sleep_message(message.clone());
            self.core.push(Event::Step(self.id));
        }
        cancelled
    }

    /// What the task waits on, to cancel it: the future, or the sleep.
    fn waiter_future(&self) -> Option<Rc<dyn Awaitable>> {
        self.with_waiter(|waiter| match waiter {
            Waiter::Future(future) => Some(Rc::clone(future)),
            _ => None,
        })
    }

    /// `fut_waiter.cancel(msg)` for what the task waits on right after it
    /// suspended, if a cancellation was waiting for that.
    pub(crate) fn cancel_waiter(&self, message: Option<Arc<str>>) -> bool {
        if let Some(cancelled) = self.cancel_sleep(&message) {
            return cancelled;
        }
        match self.waiter_future() {
            Some(future) => future.cancel(message),
            None => false,
        }
    }

    /// `Task.cancel(msg)`: cancel what the task waits on, or, if that is
    /// not possible, make its next step raise `CancelledError`.
    pub(crate) fn cancel_task(&self, message: Option<Arc<str>>) -> bool {
        self.future.clear_log_traceback();
        if self.future.done() {
            return false;
        }
        self.cancels.set(self.cancels.get() + 1);
        if self.cancel_waiter(message.clone()) {
            return true;
        }
        self.future.set_must_cancel(true);
        self.core.push(Event::MustCancel(self.id.slot));
        self.future.set_cancel_message(message);
        true
    }

    pub(crate) fn cancelling(&self) -> u32 {
        self.cancels.get()
    }

    pub(crate) fn uncancel(&self) -> u32 {
        let cancels = self.cancels.get().saturating_sub(1);
        self.cancels.set(cancels);
        cancels
    }

    /// `_make_cancelled_error` for the task's own cancellation.
    pub(crate) fn make_cancelled_error(&self) -> CancelledError {
        self.future.make_cancelled_error()
    }

    pub(crate) fn waits_for(&self) -> Option<Blocker> {
        self.with_waiter(|waiter| match waiter {
            Waiter::Future(future) => Some(future.blocker()),
            _ => None,
        })
    }

    pub(crate) fn sleeps(&self) -> bool {
        self.with_waiter(|waiter| matches!(waiter, Waiter::Sleep { .. }))
    }
}

impl<T> Owner<T> for TaskShared<T> {
    fn cell(&self) -> &FutureCell<T> {
        &self.future
    }
}

impl<T: 'static> Awaitable for TaskShared<T> {
    fn cancel(self: Rc<Self>, message: Option<Arc<str>>) -> bool {
        self.cancel_task(message)
    }

    fn add_wakeup(self: Rc<Self>, core: &Rc<Core>, id: TaskId) -> bool {
        self.future
            .add_done_callback(&self, core, Callback::Wakeup(id))
    }

    fn wakeup_error(&self) -> Option<TaskError> {
        self.future.wakeup_error()
    }

    fn blocker(&self) -> Blocker {
        self.future.blocker()
    }

    fn owner(&self) -> Option<Rc<Core>> {
        Some(Rc::clone(&self.core))
    }

    fn name(&self) -> String {
        self.core.task_name(self.number())
    }
}

impl<T: 'static> TaskInfo for TaskShared<T> {
    fn core(&self) -> &Rc<Core> {
        &self.core
    }

    fn number(&self) -> u64 {
        TaskShared::number(self)
    }

    fn done(&self) -> bool {
        self.future.done()
    }

    fn cancelled(&self) -> bool {
        self.future.cancelled()
    }

    fn cancel(&self, message: Option<Arc<str>>) -> bool {
        self.cancel_task(message)
    }

    fn cancelling(&self) -> u32 {
        TaskShared::cancelling(self)
    }

    fn uncancel(&self) -> u32 {
        TaskShared::uncancel(self)
    }

    fn waits_for(&self) -> Option<Blocker> {
        TaskShared::waits_for(self)
    }

    fn sleeps(&self) -> bool {
        TaskShared::sleeps(self)
    }

    fn exception(&self) -> Option<TaskError> {
        self.future.exception()
    }

    fn add_done_callback(self: Rc<Self>, callback: Box<dyn FnOnce()>) {
        let id = callback_id();
        let call = Box::new(move |_: &FutureCell<T>| callback());
        let core = Rc::clone(&self.core);
        self.future
            .add_done_callback(&self, &core, Callback::call(id, call));
    }
}
