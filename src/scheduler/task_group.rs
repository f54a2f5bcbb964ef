use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::fmt;

use super::core::Core;
use super::task::{request_cancel, SharedTask};
use super::{spawn, Blocker, Request, Task, TaskError};
use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};

/// Tasks that stand or fall together: `async with asyncio.TaskGroup() as tg`.
///
/// [`spawn`](TaskGroup::spawn) is `tg.create_task`; [`join`](TaskGroup::join)
/// is the end of the `async with` block: it waits for every task of the
/// group. When one of them raises, the others are cancelled, and `join`
/// raises that first error once all have finished. Their errors are
/// retrieved by the group, so none is reported as never retrieved.
///
/// Unlike asyncio, a failure does not cancel the task that owns the group
/// before it reaches `join`: it finds out there.
///
/// ```
/// use core::time::Duration;
/// use resumable::generator::from_fn;
/// use resumable::scheduler::{sleep, GroupJoin, Request, Runtime, TaskError, TaskGroup};
/// use resumable::{yield_from, Generator, GeneratorState, Outcome, Resume};
///
/// /// async with TaskGroup() as tg:
/// ///     tg.create_task(asyncio.sleep(9))
/// ///     tg.create_task(fail())          # raises at once
/// struct Main { group: TaskGroup, join: Option<GroupJoin> }
///
/// impl Generator for Main {
///     type Yield = Request;
///     type Return = ();
///     type Error = TaskError;
///     fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
///         let join = self.join.get_or_insert_with(|| {
///             self.group.spawn(sleep(Duration::from_secs(9))).detach();
///             let fail = from_fn(|_| Err::<GeneratorState<Request, ()>, _>(TaskError::from("boom").into()));
///             self.group.spawn(fail).detach();
///             self.group.join()
///         });
///         yield_from!(join, input)?;
///         Ok(GeneratorState::Complete(()))
///     }
/// }
///
/// let mut rt = Runtime::new();
/// let error = rt.run(Main { group: TaskGroup::new(), join: None }).unwrap_err();
/// assert_eq!(error.to_string(), "the main task raised boom");
/// assert_eq!(rt.now(), Duration::ZERO); // the sleeper was cancelled, not waited for
/// assert!(rt.unretrieved().is_empty()); // the group retrieved the error
/// ```
#[derive(Clone, Default)]
pub struct TaskGroup {
    shared: Rc<RefCell<Shared>>,
}

#[derive(Default)]
struct Shared {
    members: Vec<Rc<dyn SharedTask>>,
    core: Option<Rc<Core>>,
    first_error: Option<TaskError>,
    waiter: Option<super::TaskWaker>,
}

impl Shared {
    fn cancel_all(&self) {
        let Some(core) = &self.core else { return };
        for member in &self.members {
            request_cancel(core, member.meta());
        }
    }

    fn member_done(&mut self, member: &Rc<dyn SharedTask>) {
        if member.meta().is_failed() {
            let error = member.take_error();
            if self.first_error.is_none() {
                self.first_error = error;
                self.cancel_all();
            }
        }
        if let Some(waiter) = &self.waiter {
            waiter.wake();
        }
    }
}

impl TaskGroup {
    /// An empty group.
    pub fn new() -> Self {
        TaskGroup::default()
    }

    /// Spawns a task in the group: `tg.create_task(coro)`.
    ///
    /// # Panics
    ///
    /// If no runtime is running on this thread (call it from a task).
    #[track_caller]
    pub fn spawn<G>(&self, generator: G) -> Task<G::Return>
    where
        G: Generator<Yield = Request, Error = TaskError> + 'static,
    {
        let task = spawn(generator);
        let member = task.erased();
        {
            let mut shared = self.shared.borrow_mut();
            shared.core.get_or_insert_with(|| Rc::clone(task.core()));
            shared.members.push(Rc::clone(&member));
            if shared.first_error.is_some() {
                // The group already failed: a late task starts cancelled.
                request_cancel(task.core(), member.meta());
            }
        }
        let shared = Rc::clone(&self.shared);
        task.on_done(move || shared.borrow_mut().member_done(&member));
        task
    }

    /// Waits for every task of the group: the end of `async with`.
    pub fn join(&self) -> GroupJoin {
        GroupJoin {
            shared: Rc::clone(&self.shared),
            cancelled: false,
        }
    }
}

/// The awaitable of [`TaskGroup::join`].
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct GroupJoin {
    shared: Rc<RefCell<Shared>>,
    cancelled: bool,
}

impl Generator for GroupJoin {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        let mut shared = self.shared.borrow_mut();
        match input {
            Resume::Close => {
                shared.cancel_all();
                return Err(Exception::GeneratorExit);
            }
            Resume::Throw(TaskError::Cancelled) => {
                shared.cancel_all();
                self.cancelled = true;
            }
            Resume::Throw(error) => return Err(Exception::Raised(error)),
            Resume::Next | Resume::Send(()) => {}
        }
        let pending = shared
            .members
            .iter()
            .find(|member| !member.meta().is_done());
        if let Some(member) = pending {
            let on = Blocker::numbered("Task", member.meta().number());
            shared.waiter = Some(super::current_waker());
            return Ok(GeneratorState::Yielded(Request::Wait { on, timeout: None }));
        }
        if self.cancelled {
            return Err(Exception::Raised(TaskError::Cancelled));
        }
        match shared.first_error.take() {
            Some(error) => Err(Exception::Raised(error)),
            None => Ok(GeneratorState::Complete(())),
        }
    }
}

impl fmt::Debug for TaskGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shared = self.shared.borrow();
        f.debug_struct("TaskGroup")
            .field("tasks", &shared.members.len())
            .field("failed", &shared.first_error.is_some())
            .finish()
    }
}

impl fmt::Debug for GroupJoin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GroupJoin").finish_non_exhaustive()
    }
}
