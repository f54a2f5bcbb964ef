//! `asyncio/taskgroups.py`: [`TaskGroup`], `async with asyncio.TaskGroup()
//! as tg:`.
//!
//! Every member has a done callback. The first member to fail cancels the
//! others and the task that owns the group (wherever it waits in the body);
//! the end of the block waits until every member is done, then raises an
//! [`ExceptionGroup`] of every error.

use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::fmt;

use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::base_events::{running, Core, Report, ReportKind};
use crate::scheduler::futures::FutureCell;
use crate::scheduler::request::Awaitable;
use crate::scheduler::{current_task, AnyTask, Awaited, Blocker, ExceptionGroup};
use crate::scheduler::{ready, AsyncContextManager, Leaving, Ready};
use crate::scheduler::{Request, RuntimeError, Task, TaskError};

#[derive(Default)]
struct State {
    exiting: bool,
    aborting: bool,
    parent: Option<AnyTask>,
    parent_cancel_requested: bool,
    /// The members not done yet, in the order they were created.
    tasks: Vec<AnyTask>,
    errors: Vec<TaskError>,
    /// `None` once the group raised them (`self._errors = None`).
    errors_taken: bool,
    on_completed: Option<Rc<FutureCell<()>>>,
}

impl State {
    /// `_abort()`: cancels every member not done, in creation order.
    fn abort(&mut self) -> Vec<AnyTask> {
        self.aborting = true;
        self.tasks
            .iter()
            .filter(|task| !task.done())
            .cloned()
            .collect()
    }
}

/// Tasks that finish together: `async with asyncio.TaskGroup() as tg:`.
///
/// Make the group inside a task (that is entering the `async with`: the
/// task is the group's parent), add members with
/// [`create_task`](TaskGroup::create_task), and await the end of the block
/// with [`scope`](TaskGroup::scope) (the block's body runs inside it) or
/// [`join`](TaskGroup::join) (a body that only created tasks).
///
/// - The end of the block waits for every member.
/// - The first member to fail cancels the other members and the parent
///   task, wherever it waits in the body; the block then raises an
///   [`ExceptionGroup`] holding every member's error (and the body's own,
///   if it raised something else than that cancellation).
/// - If the body raises, the members are cancelled and waited for.
///
/// A handle is cheap to clone; clones are the same group.
///
/// ```
/// use core::time::Duration;
/// use resumable::generator::from_fn;
/// use resumable::scheduler::{sleep, Request, Runtime, TaskError, TaskGroup};
/// use resumable::{Generator, Outcome, Resume};
///
/// // async with asyncio.TaskGroup() as tg:
/// //     tg.create_task(asyncio.sleep(1))
/// //     tg.create_task(asyncio.sleep(2))
/// let mut end_of_block = None;
/// let main = from_fn(move |input: Resume<(), TaskError>| -> Outcome<Request, (), TaskError> {
///     let join = end_of_block.get_or_insert_with(|| {
///         let tg = TaskGroup::new();
///         tg.create_task(sleep(Duration::from_secs(1))).detach();
///         tg.create_task(sleep(Duration::from_secs(2))).detach();
///         tg.join()
///     });
///     join.resume(input)
/// });
/// let mut rt = Runtime::new();
/// rt.run(main).unwrap();
/// assert_eq!(rt.time(), Duration::from_secs(2)); // both done when the block ends
/// ```
#[derive(Clone)]
pub struct TaskGroup {
    state: Rc<RefCell<State>>,
    core: Rc<Core>,
}

impl TaskGroup {
    /// A group entered by the running task: `async with TaskGroup() as
    /// tg`. The running task is its parent.
    ///
    /// # Panics
    ///
    /// Outside a running task ("TaskGroup cannot determine the parent
    /// task").
    #[track_caller]
    pub fn new() -> Self {
        let core = running("TaskGroup::new");
        let parent = current_task().expect("TaskGroup cannot determine the parent task");
        let state = State {
            parent: Some(parent),
            ..State::default()
        };
        TaskGroup {
            state: Rc::new(RefCell::new(state)),
            core,
        }
    }

    /// Adds a member: `tg.create_task(coro)`. It is a task of the group's
    /// runtime, as in asyncio, even when another runtime runs the caller.
    ///
    /// # Panics
    ///
    /// If the group is shutting down (a member failed, or the body raised)
    /// or finished; [`try_create_task`](TaskGroup::try_create_task) returns
    /// the error instead.
    #[track_caller]
    pub fn create_task<G>(&self, generator: G) -> Task<G::Return>
    where
        G: Generator<Yield = Request, Error = TaskError> + 'static,
    {
        match self.try_create_task(generator) {
            Ok(task) => task,
            Err(error) => panic!("{}", error.message()),
        }
    }

    /// Adds a member, or says why it cannot: asyncio's `RuntimeError`
    /// ("TaskGroup … is shutting down", "… is finished").
    pub fn try_create_task<G>(&self, generator: G) -> Result<Task<G::Return>, RuntimeError>
    where
        G: Generator<Yield = Request, Error = TaskError> + 'static,
    {
        {
            let state = self.state.borrow();
            if state.exiting && state.tasks.is_empty() {
                return Err(RuntimeError::new(alloc::format!(
                    "TaskGroup {self:?} is finished"
                )));
            }
            if state.aborting {
                let message = alloc::format!("TaskGroup {self:?} is shutting down");
                return Err(RuntimeError::new(message));
            }
        }
        // `self._loop.create_task(coro)`: on the group's loop, whichever
        // runtime runs the caller, so that no other runtime's run ends it.
        let task = Task::spawn(&self.core, generator);
        let group = self.clone();
        let member = task.as_any();
        task.add_done_callback(move |_| group.on_task_done(&member));
        self.state.borrow_mut().tasks.push(task.as_any());
        Ok(task)
    }

    /// `_on_task_done(task)`.
    fn on_task_done(&self, task: &AnyTask) {
        let mut state = self.state.borrow_mut();
        state.tasks.retain(|member| member != task);
        if state.tasks.is_empty() {
            if let Some(on_completed) = &state.on_completed {
                if !on_completed.done() {
                    let _ = on_completed.set_result(on_completed, ());
                }
            }
        }
        if task.cancelled() {
            return;
        }
        let Some(error) = task.exception() else {
            return;
        };
        state.errors.push(error.clone());
        let parent = state.parent.clone().expect("a group has a parent");
        if parent.done() {
            let report = Report::new(ReportKind::GroupOrphan, Some(task.name()), Some(error));
            drop(state);
            self.core.report(report);
            return;
        }
        if !state.aborting && !state.parent_cancel_requested {
            let members = state.abort();
            state.parent_cancel_requested = true;
            drop(state);
            for member in members {
                member.cancel();
            }
            parent.cancel();
        }
    }

    /// The end of the `async with` block around `body`: runs the body
    /// inline, then waits for every member (`__aexit__`).
    pub fn scope<B>(&self, body: B) -> GroupScope<B>
    where
        B: Generator<Yield = Request, Error = TaskError>,
    {
        GroupScope {
            group: self.clone(),
            stage: Stage::Body(body),
        }
    }

    /// The end of a block whose body only created members: waits for every
    /// member (`__aexit__` with no exception).
    pub fn join(&self) -> GroupScope<Empty> {
        self.scope(Empty)
    }
}

impl fmt::Debug for TaskGroup {
    /// As asyncio shows it: `<TaskGroup tasks=2 errors=1 cancelling>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state.borrow();
        let mut info = String::new();
        if !state.tasks.is_empty() {
            info.push_str(&alloc::format!(" tasks={}", state.tasks.len()));
        }
        if !state.errors_taken && !state.errors.is_empty() {
            info.push_str(&alloc::format!(" errors={}", state.errors.len()));
        }
        if state.aborting {
            info.push_str(" cancelling");
        } else {
            info.push_str(" entered");
        }
        write!(f, "<TaskGroup{info}>")
    }
}

/// The body of a block that does nothing but create tasks.
#[derive(Clone, Copy, Debug)]
pub struct Empty;

impl Generator for Empty {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        input.sent()?;
        Ok(GeneratorState::Complete(()))
    }
}

/// The awaitable of [`TaskGroup::scope`] and [`TaskGroup::join`]: the body,
/// then the end of the `async with` block.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct GroupScope<B: Generator> {
    group: TaskGroup,
    stage: Stage<B>,
}

enum Stage<B: Generator> {
    Body(B),
    /// `__aexit__`, waiting for the members.
    Exiting {
        outcome: Result<B::Return, Exception<TaskError>>,
        propagate: Option<TaskError>,
        waiting: Option<Rc<FutureCell<()>>>,
    },
    Done,
}

impl<B> GroupScope<B>
where
    B: Generator<Yield = Request, Error = TaskError>,
{
    /// The start of `__aexit__`, with what the body ended with.
    fn begin_exit(&mut self, outcome: Result<B::Return, Exception<TaskError>>) {
        let mut state = self.group.state.borrow_mut();
        state.exiting = true;
        let mut propagate = match &outcome {
            Err(Exception::Raised(error @ TaskError::Cancelled(_))) => Some(error.clone()),
            _ => None,
        };
        if state.parent_cancel_requested {
            let parent = state.parent.clone().expect("a group has a parent");
            if parent.uncancel() == 0 {
                propagate = None;
            }
        }
        let mut to_cancel = Vec::new();
        if outcome.is_err() && !state.aborting {
            to_cancel = state.abort();
        }
        drop(state);
        for member in to_cancel {
            member.cancel();
        }
        self.stage = Stage::Exiting {
            outcome,
            propagate,
            waiting: None,
        };
    }

    /// `while self._tasks: await self._on_completed_fut`, one await at a
    /// time.
    fn exit_step(
        &mut self,
        input: Resume<(), TaskError>,
    ) -> Outcome<Request, B::Return, TaskError> {
        let Stage::Exiting {
            propagate, waiting, ..
        } = &mut self.stage
        else {
            unreachable!("called while exiting");
        };
        if waiting.take().is_some() {
            match input {
                Resume::Throw(error @ TaskError::Cancelled(_)) => {
                    let mut state = self.group.state.borrow_mut();
                    if !state.aborting {
                        *propagate = Some(error);
                        let members = state.abort();
                        drop(state);
                        for member in members {
                            member.cancel();
                        }
                    }
                }
                Resume::Throw(error) => return Err(Exception::Raised(error)),
                Resume::Close => return Err(Exception::GeneratorExit),
                Resume::Next | Resume::Send(()) => {}
            }
            self.group.state.borrow_mut().on_completed = None;
        }
        let mut state = self.group.state.borrow_mut();
        if !state.tasks.is_empty() {
            let future = Rc::new(FutureCell::new(
                Blocker::other("TaskGroup"),
                Some(Rc::clone(&self.group.core)),
            ));
            state.on_completed = Some(Rc::clone(&future));
            *waiting = Some(Rc::clone(&future));
            let awaited: Rc<dyn Awaitable> = future;
            return Ok(GeneratorState::Yielded(Request::Await(Awaited::new(
                awaited,
            ))));
        }
        drop(state);
        self.finish()
    }

    /// The end of `__aexit__`: what leaves the `async with` statement.
    fn finish(&mut self) -> Outcome<Request, B::Return, TaskError> {
        let Stage::Exiting {
            outcome, propagate, ..
        } = core::mem::replace(&mut self.stage, Stage::Done)
        else {
            unreachable!("called while exiting");
        };
        let mut state = self.group.state.borrow_mut();
        if let Some(cancelled) = propagate {
            if state.errors.is_empty() {
                return Err(Exception::Raised(cancelled));
            }
        }
        if let Err(Exception::Raised(error)) = &outcome {
            if !error.is_cancelled() {
                state.errors.push(error.clone());
            }
        }
        if !state.errors.is_empty() {
            let errors = core::mem::take(&mut state.errors);
            state.errors_taken = true;
            let group = ExceptionGroup::new("unhandled errors in a TaskGroup", errors);
            return Err(Exception::Raised(TaskError::raise(group)));
        }
        outcome.map(GeneratorState::Complete)
    }
}

impl<B> Generator for GroupScope<B>
where
    B: Generator<Yield = Request, Error = TaskError>,
{
    type Yield = Request;
    type Return = B::Return;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, B::Return, TaskError> {
        match &mut self.stage {
            Stage::Body(body) => {
                let outcome = match body.resume(input) {
                    Ok(GeneratorState::Yielded(request)) => {
                        return Ok(GeneratorState::Yielded(request))
                    }
                    Ok(GeneratorState::Complete(value)) => Ok(value),
                    Err(error) => Err(error),
                };
                let closing = matches!(outcome, Err(Exception::GeneratorExit));
                self.begin_exit(outcome);
                if closing {
                    // A closed coroutine cannot wait: the members are
                    // cancelled and left to finish on their own.
                    self.stage = Stage::Done;
                    return Err(Exception::GeneratorExit);
                }
                self.exit_step(Resume::Next)
            }
            Stage::Exiting { .. } => self.exit_step(input),
            Stage::Done => panic!("`GroupScope` resumed after it finished"),
        }
    }
}

impl<B: Generator> fmt::Debug for GroupScope<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = match self.stage {
            Stage::Body(_) => "body",
            Stage::Exiting { .. } => "exiting",
            Stage::Done => "done",
        };
        f.debug_struct("GroupScope")
            .field("group", &self.group)
            .field("stage", &stage)
            .finish()
    }
}

impl Default for TaskGroup {
    #[track_caller]
    fn default() -> Self {
        TaskGroup::new()
    }
}

/// `async with asyncio.TaskGroup() as tg:`, with [`async_with`](crate::scheduler::async_with()).
///
/// A group is entered when it is made ([`TaskGroup::new`], inside the
/// task that will be its parent), so its `__aenter__` only hands the group
/// to the body; its `__aexit__` is the end of the block: it waits for every
/// member, cancels them if the body raised, and raises the
/// [`ExceptionGroup`] of their errors, as [`scope`](TaskGroup::scope)
/// does. Make the group in the closure that builds the statement, or
/// anywhere in the parent task before it.
///
/// ```python
/// async with asyncio.TaskGroup() as tg:
///     tg.create_task(asyncio.sleep(1))
///     tg.create_task(asyncio.sleep(2))
/// ```
///
/// ```
/// use core::time::Duration;
/// use resumable::generator::from_fn;
/// use resumable::scheduler::{async_with, ready, sleep, Input, Runtime, Step, TaskGroup};
/// use resumable::Generator;
///
/// let mut block = None;
/// let main = from_fn(move |input: Input| -> Step {
///     let block = block.get_or_insert_with(|| {
///         async_with(TaskGroup::new(), |tg: TaskGroup| {
///             tg.create_task(sleep(Duration::from_secs(1))).detach();
///             tg.create_task(sleep(Duration::from_secs(2))).detach();
///             ready(())
///         })
///     });
///     block.resume(input)
/// });
/// let mut rt = Runtime::new();
/// rt.run(main).unwrap();
/// assert_eq!(rt.time(), Duration::from_secs(2)); // both done when the block ends
/// ```
impl AsyncContextManager for TaskGroup {
    type Value = TaskGroup;
    type Enter = Ready<TaskGroup>;
    type Exit = GroupExit;

    fn aenter(&mut self) -> Ready<TaskGroup> {
        ready(self.clone())
    }

    fn aexit(&mut self, leaving: &Leaving) -> GroupExit {
        GroupExit(self.scope(Replay(Some(leaving.clone()))))
    }
}

/// The awaitable of a [`TaskGroup`]'s `__aexit__`: waits for every
/// member, and raises what the end of the block raises. Returns `()`: a
/// group swallows no error.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct GroupExit(GroupScope<Replay>);

impl Generator for GroupExit {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        self.0.resume(input)
    }
}

impl fmt::Debug for GroupExit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("GroupExit").field(&self.0).finish()
    }
}

/// A body that has already run: it ends at once as the real body left,
/// so that [`GroupScope`] does the end of the block.
struct Replay(Option<Leaving>);

impl Generator for Replay {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        input.sent()?;
        match self.0.take().expect("a replay runs once") {
            Leaving::Returned => Ok(GeneratorState::Complete(())),
            Leaving::Raised(error) => Err(Exception::Raised(error)),
            Leaving::Closed => Err(Exception::GeneratorExit),
        }
    }
}
