//! Awaiting a future: `Future.__await__`, and a plain future as a task
//! sees it while it waits (`Task._fut_waiter`).

use alloc::rc::Rc;
use alloc::string::String;
use alloc::sync::Arc;
use core::marker::PhantomData;

use super::callbacks::Callback;
use super::cell::{FutureCell, Owner};
use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::base_events::{Core, TaskId};
use crate::scheduler::request::{Awaitable, Awaited};
use crate::scheduler::{Blocker, Request, RuntimeError, TaskError};

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

    fn owner(&self) -> Option<Rc<Core>> {
        self.core()
    }
}

/// The `RuntimeError` of task `task` of `core` awaiting `future` of
/// another loop. It names both loops: two runtimes number their tasks
/// alike, so `Task-1 got Future Task-1` alone would say nothing.
pub(crate) fn attached_to_a_different_loop(
    core: &Core,
    task: u64,
    future: &dyn Awaitable,
) -> RuntimeError {
    let owner = match future.owner() {
        Some(owner) => alloc::format!("{owner}"),
        None => String::from("no loop"),
    };
    RuntimeError::new(alloc::format!(
        "Task {} of {core} got Future {} of {owner} attached to a different loop",
        core.task_name(task),
        future.name()
    ))
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
