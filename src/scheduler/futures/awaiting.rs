//! Awaiting a future: `Future.__await__`, and what a task keeps of the
//! future it waits on (`Task._fut_waiter`).

use alloc::rc::Rc;
use alloc::sync::Arc;
use core::fmt;
use core::marker::PhantomData;

use super::callbacks::Callback;
use super::cell::{FutureCell, Owner};
use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::base_events::{Core, TaskId};
use crate::scheduler::{Blocker, Request, RuntimeError, TaskError};

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
}

impl<T: 'static> Awaitable for FutureCell<T> {
    fn cancel(self: Rc<Self>, message: Option<Arc<str>>) -> bool {
        self.cell().cancel_future(&self, message)
    }

    fn add_wakeup(self: Rc<Self>, core: &Rc<Core>, id: TaskId) -> bool {
        self.cell()
            .add_done_callback(&self, core, Callback::Wakeup(id))
    }

    fn wakeup_error(&self) -> Option<TaskError> {
        FutureCell::wakeup_error(self)
    }

    fn blocker(&self) -> Blocker {
        FutureCell::blocker(self)
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

/// `Future.__await__`, for any owner of a future cell: yield the future
/// (unless it is done already), then give its result.
pub(crate) struct Await<O, T> {
    owner: Rc<O>,
    yielded: bool,
    value: PhantomData<fn() -> T>,
}

impl<O, T> Await<O, T> {
    pub(crate) fn new(owner: Rc<O>) -> Self {
        Await {
            owner,
            yielded: false,
            value: PhantomData,
        }
    }

    pub(crate) fn owner(&self) -> &Rc<O> {
        &self.owner
    }
}

impl<O, T> Generator for Await<O, T>
where
    O: Owner<T> + Awaitable + 'static,
    T: Clone,
{
    type Yield = Request;
    type Return = T;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, T, TaskError> {
        // A cancellation (or an error of the future, thrown in by the task's
        // wake-up) is raised here, at the `yield`.
        input.sent()?;
        let cell = self.owner.cell();
        if !self.yielded && !cell.done() {
            self.yielded = true;
            let future: Rc<dyn Awaitable> = self.owner.clone();
            return Ok(GeneratorState::Yielded(Request::Await(Awaited::new(
                future,
            ))));
        }
        match cell.result() {
            Some(Ok(value)) => Ok(GeneratorState::Complete(value)),
            Some(Err(error)) => Err(Exception::Raised(error)),
            None => Err(Exception::Raised(TaskError::raise(RuntimeError::new(
                "await wasn't used with future",
            )))),
        }
    }
}
