//! [`Task`]: a generator run by the loop, and a future of its outcome.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;

use super::shared::TaskShared;
use super::step::TaskCell;
use crate::generator::{Generator, Outcome, Resume};
use crate::scheduler::base_events::{running, Core, Event, TaskInfo};
use crate::scheduler::futures::{callback_id, Await, Callback, FutureCell, State};
use crate::scheduler::{Blocker, CallbackId, Request, Runtime, TaskError, ValueError};

/// A spawned task: Python's `asyncio.Task`, returned by
/// [`spawn`](fn@crate::scheduler::spawn) and
/// [`Runtime::spawn`](crate::scheduler::Runtime::spawn).
///
/// The task runs whether or not anyone holds a handle (as with
/// `asyncio.create_task`). A handle is cheap to clone, and every clone is
/// the same task: it can ask about it ([`done`](Task::done),
/// [`cancelled`](Task::cancelled), [`name`](Task::name)), cancel it, and
/// get its outcome: [`join`](Task::join) is `await task`,
/// [`result`](Task::result) is `task.result()`. Every task that awaits it
/// gets the outcome (a clone of the value, the same error).
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, Runtime};
///
/// let mut rt = Runtime::new();
/// let task = rt.spawn(sleep(Duration::from_secs(3)));
/// assert_eq!(task.name(), "Task-1");
/// assert!(!task.done()); // created, not yet run
/// rt.run_all().unwrap();
/// assert!(task.done() && !task.cancelled());
/// assert_eq!(rt.time(), Duration::from_secs(3)); // virtual time: instant
/// ```
#[must_use = "a task runs even if its handle is dropped; call `.detach()` to say that is meant"]
pub struct Task<T> {
    shared: Rc<TaskShared<T>>,
}

impl<T: 'static> Task<T> {
    /// `loop.create_task(coro)`: the task's first step is queued behind
    /// the callbacks already ready.
    pub(crate) fn spawn<G>(core: &Rc<Core>, generator: G) -> Self
    where
        G: Generator<Yield = Request, Return = T, Error = TaskError> + 'static,
    {
        let shared = TaskShared::new(core);
        let cell = TaskCell::new(generator, Rc::clone(&shared));
        core.push(Event::Spawn(shared.slot(), Box::new(cell)));
        Task { shared }
    }

    pub(crate) fn shared(&self) -> &Rc<TaskShared<T>> {
        &self.shared
    }

    /// Cancels the task: `task.cancel()`. Returns `false` if it is done
    /// already.
    ///
    /// If the task waits on a future, that future is cancelled at once (so
    /// a task waiting on another task cancels that one too); otherwise the
    /// task's next step raises [`TaskError::Cancelled`] where it is
    /// suspended. Either way the task may catch the error, clean up, and
    /// even go on: cancelling is a request, as in Python.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// let task = rt.spawn(sleep(Duration::from_secs(60)));
    /// rt.run_until_idle(); // it sleeps
    /// assert!(task.cancel());
    /// rt.run_all().unwrap();
    /// assert!(task.cancelled());
    /// assert_eq!(rt.time(), Duration::ZERO); // woken to be cancelled, not after 60 s
    /// assert!(!task.cancel()); // already done
    /// ```
    pub fn cancel(&self) -> bool {
        self.shared.cancel_task(None)
    }

    /// `task.cancel(msg)`: the `CancelledError` the task sees carries
    /// `message`.
    pub fn cancel_with(&self, message: impl Into<Arc<str>>) -> bool {
        self.shared.cancel_task(Some(message.into()))
    }

    /// Calls `callback` with the task once it is done, in a turn of the
    /// loop after that: `task.add_done_callback(callback)`.
    pub fn add_done_callback(&self, callback: impl FnOnce(&Task<T>) + 'static) -> CallbackId {
        let id = callback_id();
        let weak = Rc::downgrade(&self.shared);
        let call = Box::new(move |_: &FutureCell<T>| {
            if let Some(shared) = weak.upgrade() {
                callback(&Task { shared });
            }
        });
        self.add_callback(Callback::call(id, call));
        CallbackId(id)
    }

    pub(crate) fn add_callback(&self, callback: Callback<T>) {
        let core = Rc::clone(self.shared.core());
        self.shared
            .future()
            .add_done_callback(&self.shared, &core, callback);
    }

    /// Removes a done callback not yet scheduled:
    /// `task.remove_done_callback(fn)`. Returns how many were removed.
    pub fn remove_done_callback(&self, id: CallbackId) -> usize {
        self.shared.future().remove_done_callback(id.0)
    }

    /// Waits for the task to finish and gives its value (a clone), or
    /// raises its error: `await task`.
    ///
    /// If the waiting task is cancelled meanwhile, this task is cancelled
    /// too, as in asyncio; use [`shield`](fn@crate::scheduler::shield) to keep
    /// it running.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    /// use resumable::Generator as _;
    ///
    /// let mut rt = Runtime::new();
    /// let task = rt.spawn(sleep(Duration::from_secs(1)).map_return(|()| "done"));
    /// // async def main(): return await task
    /// assert_eq!(rt.run(task.join()).unwrap(), "done");
    /// ```
    ///
    /// # Errors
    ///
    /// Raises the task's error, or its cancellation. A task of another
    /// runtime is not waited for (its runtime would wake nobody here): the
    /// awaiting task raises [`RuntimeError`](crate::scheduler::RuntimeError)
    /// naming both tasks and both runtimes, as asyncio refuses a future of
    /// another loop. A task already done is only read, whatever its
    /// runtime.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, RunError, Runtime, RuntimeError};
    ///
    /// let mut other = Runtime::new();
    /// let task = other.spawn(sleep(Duration::from_secs(1)));
    /// let mut rt = Runtime::new();
    /// let Err(RunError::Task(error)) = rt.run(task.join()) else {
    ///     panic!("refused");
    /// };
    /// let expected = format!(
    ///     "Task Task-1 of {} got Future Task-1 of {} attached to a different loop",
    ///     rt.event_loop(),
    ///     other.event_loop(),
    /// );
    /// assert_eq!(error.downcast_ref::<RuntimeError>().unwrap().message(), expected);
    /// assert!(!task.done()); // left to its own runtime
    /// ```
    pub fn join(&self) -> Join<T>
    where
        T: Clone,
    {
        Join {
            wait: Await::new(Rc::clone(&self.shared)),
        }
    }

    /// `ensure_future(task, loop=meant)`'s check, which `wait_for`,
    /// `gather`, `as_completed` and `run_until_complete` make: asyncio's
    /// `ValueError` if the task belongs to another loop than `meant`, done
    /// or not. The message names the task and both loops: two runtimes
    /// number their tasks alike.
    pub(crate) fn check_loop(&self, meant: &Rc<Core>) -> Result<(), ValueError> {
        let own = self.shared.core();
        if Rc::ptr_eq(own, meant) {
            return Ok(());
        }
        Err(ValueError::new(alloc::format!(
            "The future belongs to a different loop than the one specified as the loop \
             argument: {} of {own}, not {meant}",
            self.name()
        )))
    }

    /// This task, whatever its type: what [`all_tasks`] and
    /// [`current_task`] hand out.
    pub fn as_any(&self) -> AnyTask {
        AnyTask {
            info: Rc::clone(&self.shared) as Rc<dyn TaskInfo>,
        }
    }
}

impl<T> Task<T> {
    /// The task's name: `Task-N` (numbered from 1 in spawn order) unless
    /// [`set_name`](Task::set_name) gave it another.
    pub fn name(&self) -> String {
        self.shared.core().task_name(self.shared.number())
    }

    /// Renames the task (`task.set_name(...)`); the new name shows in the
    /// trace and in reports.
    ///
    /// ```
    /// use resumable::scheduler::{yield_now, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// let task = rt.spawn(yield_now());
    /// task.set_name(123);
    /// assert_eq!(task.name(), "123");
    /// ```
    pub fn set_name(&self, name: impl fmt::Display) {
        let name = alloc::format!("{name}");
        self.shared.core().set_task_name(self.shared.number(), name);
    }

    /// The number in the default name: 1 for the first task spawned on a
    /// runtime.
    pub fn number(&self) -> u64 {
        self.shared.number()
    }

    /// `true` once the task returned, raised or was cancelled: `task.done()`.
    pub fn done(&self) -> bool {
        self.shared.future().done()
    }

    /// `true` if the task finished by letting [`TaskError::Cancelled`] out:
    /// `task.cancelled()`.
    pub fn cancelled(&self) -> bool {
        self.shared.future().cancelled()
    }

    /// How many cancellations were asked and not withdrawn:
    /// `task.cancelling()`.
    pub fn cancelling(&self) -> u32 {
        self.shared.cancelling()
    }

    /// Withdraws one cancellation request and returns how many are left:
    /// `task.uncancel()`.
    pub fn uncancel(&self) -> u32 {
        self.shared.uncancel()
    }

    /// The task's outcome: `task.result()`, with the error returned rather
    /// than raised. `None` while the task is running.
    ///
    /// ```
    /// use resumable::generator::from_fn;
    /// use resumable::scheduler::{Runtime, TaskError};
    /// use resumable::{Exception, GeneratorState};
    ///
    /// let mut rt = Runtime::new();
    /// let task = rt.spawn(from_fn(|_| Ok::<_, Exception<TaskError>>(GeneratorState::Complete(42))));
    /// assert!(task.result().is_none());
    /// rt.run_all().unwrap();
    /// assert_eq!(task.result().map(Result::ok), Some(Some(42)));
    /// ```
    pub fn result(&self) -> Option<Result<T, TaskError>>
    where
        T: Clone,
    {
        self.shared.future().result()
    }

    /// The outcome, moved out of the task for its one reader (`run`):
    /// `None` while running, and once taken.
    pub(crate) fn take_result(&self) -> Option<Result<T, TaskError>> {
        self.shared.future().take_result()
    }

    /// `task.exception()`: the error the task finished with, or its
    /// cancellation; `None` while it runs or if it returned.
    pub fn exception(&self) -> Option<TaskError> {
        self.shared.future().exception()
    }

    /// The future the task is suspended on (`task._fut_waiter`), named as a
    /// deadlock report names it: another task, a lock's turn, a
    /// [`Promise`](crate::scheduler::Promise). `None` while the task is
    /// ready, sleeping (a sleep is a timer here, with no future) or done.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// let sleeper = rt.spawn(sleep(Duration::from_secs(1)));
    /// let waiter = rt.spawn(sleeper.join()); // async def w(): await sleeper
    /// rt.run_once().unwrap(); // both take their first step
    /// assert_eq!(waiter.waits_for().unwrap().to_string(), "Task-1");
    /// assert_eq!(sleeper.waits_for(), None);
    /// ```
    pub fn waits_for(&self) -> Option<Blocker> {
        self.shared.waits_for()
    }

    /// Lets the task run on without a handle, saying so: Python's
    /// fire-and-forget `asyncio.create_task(...)`.
    pub fn detach(self) {}
}

impl<T> Clone for Task<T> {
    fn clone(&self) -> Self {
        Task {
            shared: Rc::clone(&self.shared),
        }
    }
}

impl<T> PartialEq for Task<T> {
    /// The same task.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.shared, &other.shared)
    }
}

impl<T> Eq for Task<T> {}

impl<T> fmt::Debug for Task<T> {
    /// Like asyncio's repr, without the coroutine: `<Task pending
    /// name='Task-1'>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = state_name(self.shared.future().state());
        write!(f, "<Task {state} name='{}'>", self.name())
    }
}

fn state_name(state: State) -> &'static str {
    match state {
        State::Pending => "pending",
        State::Cancelled => "cancelled",
        State::Finished => "finished",
    }
}

/// The awaitable of [`Task::join`]: `await task`.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct Join<T> {
    wait: Await<TaskShared<T>, T>,
}

impl<T: Clone + 'static> Generator for Join<T> {
    type Yield = Request;
    type Return = T;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, T, TaskError> {
        self.wait.resume(input)
    }
}

impl<T> Join<T> {
    /// The task awaited.
    pub fn task(&self) -> Task<T> {
        Task {
            shared: Rc::clone(self.wait.owner()),
        }
    }
}

impl<T> fmt::Debug for Join<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Join").field("task", &self.task()).finish()
    }
}

/// A task, whatever it returns: what [`all_tasks`] and [`current_task`]
/// give, with the methods that need no type.
#[derive(Clone)]
pub struct AnyTask {
    info: Rc<dyn TaskInfo>,
}

impl AnyTask {
    /// `task.get_name()`.
    pub fn name(&self) -> String {
        self.core().task_name(self.info.number())
    }

    /// `task.set_name(name)`.
    pub fn set_name(&self, name: impl fmt::Display) {
        let name = alloc::format!("{name}");
        self.core().set_task_name(self.info.number(), name);
    }

    /// The number in the default name.
    pub fn number(&self) -> u64 {
        self.info.number()
    }

    /// `task.done()`.
    pub fn done(&self) -> bool {
        self.info.done()
    }

    /// `task.cancelled()`.
    pub fn cancelled(&self) -> bool {
        self.info.cancelled()
    }

    /// `task.cancel()`: see [`Task::cancel`].
    pub fn cancel(&self) -> bool {
        self.info.cancel(None)
    }

    /// `task.cancel(msg)`.
    pub fn cancel_with(&self, message: impl Into<Arc<str>>) -> bool {
        self.info.cancel(Some(message.into()))
    }

    /// `task.cancelling()`.
    pub fn cancelling(&self) -> u32 {
        self.info.cancelling()
    }

    /// `task.uncancel()`.
    pub fn uncancel(&self) -> u32 {
        self.info.uncancel()
    }

    /// `task.exception()`: see [`Task::exception`].
    pub fn exception(&self) -> Option<TaskError> {
        self.info.exception()
    }

    /// What the task is suspended on: see [`Task::waits_for`].
    pub fn waits_for(&self) -> Option<Blocker> {
        self.info.waits_for()
    }

    pub(crate) fn add_done_callback_boxed(&self, callback: Box<dyn FnOnce()>) {
        Rc::clone(&self.info).add_done_callback(callback);
    }

    fn core(&self) -> &Rc<Core> {
        self.info.core()
    }
}

impl PartialEq for AnyTask {
    fn eq(&self, other: &Self) -> bool {
        Rc::as_ptr(&self.info).cast::<()>() == Rc::as_ptr(&other.info).cast::<()>()
    }
}

impl fmt::Debug for AnyTask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.info.cancelled() {
            "cancelled"
        } else if self.info.done() {
            "finished"
        } else {
            "pending"
        };
        write!(f, "<Task {state} number={}>", self.info.number())
    }
}

/// Spawns a task on the running loop: `asyncio.create_task(coro)`.
///
/// Call it from inside a task; outside one, use
/// [`Runtime::spawn`](crate::scheduler::Runtime::spawn). The new task's
/// first step is queued behind the callbacks already ready.
///
/// # Panics
///
/// If no [`Runtime`] is running on this thread.
///
/// ```
/// use core::time::Duration;
/// use resumable::generator::from_fn;
/// use resumable::scheduler::{sleep, spawn, Join, Request, Runtime, TaskError};
/// use resumable::{yield_from, Generator as _, GeneratorState, Outcome, Resume};
///
/// // async def main():
/// //     child = asyncio.create_task(child_coro())
/// //     return await child
/// let mut child: Option<Join<&str>> = None;
/// let main = from_fn(move |input: Resume<(), TaskError>| -> Outcome<Request, &str, TaskError> {
///     let join = child.get_or_insert_with(|| {
///         spawn(sleep(Duration::from_secs(1)).map_return(|()| "child's result")).join()
///     });
///     let value = yield_from!(join, input)?;
///     Ok(GeneratorState::Complete(value))
/// });
/// assert_eq!(Runtime::new().run(main).unwrap(), "child's result");
/// ```
#[track_caller]
pub fn spawn<G>(generator: G) -> Task<G::Return>
where
    G: Generator<Yield = Request, Error = TaskError> + 'static,
{
    Task::spawn(&running("spawn"), generator)
}

/// The task running now: `asyncio.current_task()`. `None` in a plain
/// callback, or outside the loop.
///
/// ```
/// use resumable::generator::from_fn;
/// use resumable::scheduler::{current_task, Runtime, TaskError};
/// use resumable::{Exception, GeneratorState};
///
/// let main = from_fn(|_| Ok::<_, Exception<TaskError>>(GeneratorState::Complete(current_task().unwrap().name())));
/// assert_eq!(Runtime::new().run(main).unwrap(), "Task-1");
/// assert!(current_task().is_none());
/// ```
pub fn current_task() -> Option<AnyTask> {
    let core = crate::scheduler::base_events::try_running()?;
    let info = core.current_task()?;
    Some(AnyTask { info })
}

/// The tasks of the running loop that are not done, in spawn order:
/// `asyncio.all_tasks()`.
///
/// # Panics
///
/// If no [`Runtime`] is running on this thread.
#[track_caller]
pub fn all_tasks() -> Vec<AnyTask> {
    tasks_of(&running("all_tasks"))
}

pub(crate) fn tasks_of(core: &Core) -> Vec<AnyTask> {
    let mut tasks: Vec<AnyTask> = core
        .tasks()
        .into_iter()
        .filter(|info| !info.done())
        .map(|info| AnyTask { info })
        .collect();
    tasks.sort_by_key(AnyTask::number);
    tasks
}

impl Runtime {
    /// Spawns a task: `loop.create_task(coro)`. Its first step is queued
    /// behind the callbacks already ready.
    pub fn spawn<G>(&mut self, generator: G) -> Task<G::Return>
    where
        G: Generator<Yield = Request, Error = TaskError> + 'static,
    {
        let task = Task::spawn(self.core(), generator);
        self.apply_events();
        task
    }

    /// The tasks of this loop that are not done, in spawn order:
    /// `asyncio.all_tasks(loop)`.
    pub fn all_tasks(&self) -> Vec<AnyTask> {
        tasks_of(self.core())
    }
}

impl crate::scheduler::EventLoop {
    /// `loop.create_task(coro)`: see [`spawn`].
    pub fn create_task<G>(&self, generator: G) -> Task<G::Return>
    where
        G: Generator<Yield = Request, Error = TaskError> + 'static,
    {
        Task::spawn(self.core(), generator)
    }
}

/// Anything a combinator waits on as a task: a generator (spawned as a new
/// task, as `asyncio.ensure_future` wraps a coroutine) or a [`Task`]
/// already spawned.
///
/// [`gather`](fn@crate::scheduler::gather), [`wait_for`](fn@crate::scheduler::wait_for),
/// [`shield`](fn@crate::scheduler::shield) and
/// [`as_completed`](fn@crate::scheduler::as_completed) take these.
pub trait IntoTask {
    /// The task's return value.
    type Output;

    /// What `await arg` runs: the generator itself, inline, or the task's
    /// [`Join`].
    type Awaitable: Generator<Yield = Request, Return = Self::Output, Error = TaskError>;

    /// `ensure_future(arg)`: the task, spawned now if it is a generator.
    ///
    /// # Panics
    ///
    /// A generator can only be spawned inside a running loop.
    fn into_task(self) -> Task<Self::Output>;

    /// `await arg`, without a task of its own for a generator.
    fn into_awaitable(self) -> Self::Awaitable;

    /// The outcome of the task [`into_task`](IntoTask::into_task) made,
    /// once it is done, for
    /// [`Runtime::run_until_complete`](crate::scheduler::Runtime::run_until_complete):
    /// moved out of the task by default (nobody else holds a task made for
    /// a generator); a `Task` hands out a clone, since others may await it.
    fn outcome(task: &Task<Self::Output>) -> Option<Result<Self::Output, TaskError>> {
        task.take_result()
    }
}

impl<G> IntoTask for G
where
    G: Generator<Yield = Request, Error = TaskError> + 'static,
{
    type Output = G::Return;
    type Awaitable = G;

    #[track_caller]
    fn into_task(self) -> Task<G::Return> {
        spawn(self)
    }

    fn into_awaitable(self) -> G {
        self
    }
}

impl<T: Clone + 'static> IntoTask for Task<T> {
    type Output = T;
    type Awaitable = Join<T>;

    fn into_task(self) -> Task<T> {
        self
    }

    fn into_awaitable(self) -> Join<T> {
        self.join()
    }

    fn outcome(task: &Task<T>) -> Option<Result<T, TaskError>> {
        task.result()
    }
}
