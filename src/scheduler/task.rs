//! A spawned task: one allocation shared by the loop, which steps it, and
//! the [`Task`] handle, which reads its outcome.

use alloc::rc::Rc;
use alloc::string::String;
use core::cell::{Cell, RefCell};
use core::fmt;

use super::core::{running, Core, Event};
use super::trace::Outcome;
use super::{Blocker, Request, TaskError};
use crate::generator::{Exception, Generator, GeneratorState, Resume};

const CANCEL_REQUESTED: u8 = 1;
const DONE: u8 = 1 << 1;
const CANCELLED: u8 = 1 << 2;
const FAILED: u8 = 1 << 3;
const RETRIEVED: u8 = 1 << 4;
const HAS_JOINERS: u8 = 1 << 5;

/// What the loop and the handle both need to see, whatever the task's types.
pub(crate) struct Meta {
    number: u64,
    slot: Cell<u32>,
    flags: Cell<u8>,
}

impl Meta {
    pub(crate) fn number(&self) -> u64 {
        self.number
    }

    pub(crate) fn slot(&self) -> Option<u32> {
        Some(self.slot.get()).filter(|&slot| slot != u32::MAX)
    }

    pub(crate) fn set_slot(&self, slot: u32) {
        self.slot.set(slot);
    }

    fn has(&self, flag: u8) -> bool {
        self.flags.get() & flag != 0
    }

    fn set(&self, flag: u8) {
        self.flags.set(self.flags.get() | flag);
    }

    fn clear(&self, flag: u8) {
        self.flags.set(self.flags.get() & !flag);
    }

    pub(crate) fn is_done(&self) -> bool {
        self.has(DONE)
    }

    pub(crate) fn is_cancelled(&self) -> bool {
        self.has(CANCELLED)
    }

    pub(crate) fn outcome(&self) -> Outcome {
        if self.has(CANCELLED) {
            Outcome::Cancelled
        } else if self.has(FAILED) {
            Outcome::Raised
        } else {
            Outcome::Returned
        }
    }

    pub(crate) fn is_failed(&self) -> bool {
        self.has(FAILED)
    }

    pub(crate) fn failed_unretrieved(&self) -> bool {
        self.has(FAILED) && !self.has(RETRIEVED)
    }

    pub(crate) fn mark_joined(&self) {
        self.set(HAS_JOINERS);
    }

    pub(crate) fn has_joiners(&self) -> bool {
        self.has(HAS_JOINERS)
    }
}

/// How a step ended, as the loop needs to know it.
pub(crate) enum Step {
    Suspended(Request),
    Finished,
}

/// How a step ended, in one register: the loop's hot path needs no more.
/// The request of a `Suspended` step waits in `Core::suspended`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Status {
    /// Yielded to let the others run (`Request::Yield`, or a zero sleep).
    Yielded,
    Suspended,
    Finished,
}

/// The loop's view of a task: step it, read its flags, describe its error.
pub(crate) trait TaskDyn {
    /// Resumes the task once, as the task in `slot` of `core`.
    fn step(&self, core: &Core, slot: u32) -> Status;
    fn meta(&self) -> &Meta;
    /// The error of a failed task, for the "never retrieved" report.
    fn error_message(&self) -> Option<String>;
    /// Python's `close()` on a task the loop is dropped with.
    fn close(&self);
    /// Takes the error of a failed task: a task group retrieving it.
    fn take_error(&self) -> Option<TaskError>;
}

/// The handle's view of a task: its flags and its outcome.
pub(crate) trait Outcomes<T> {
    fn meta(&self) -> &Meta;
    fn take(&self) -> Option<Result<T, TaskError>>;
}

enum Stage<G: Generator> {
    Running(G),
    Finished(Result<G::Return, TaskError>),
    Taken,
}

pub(crate) struct TaskCell<G: Generator> {
    meta: Meta,
    stage: RefCell<Stage<G>>,
}

impl<G> TaskCell<G>
where
    G: Generator<Yield = Request, Error = TaskError>,
{
    pub(crate) fn new(generator: G, number: u64) -> Self {
        TaskCell {
            meta: Meta {
                number,
                slot: Cell::new(u32::MAX),
                flags: Cell::new(0),
            },
            stage: RefCell::new(Stage::Running(generator)),
        }
    }

    fn finish(&self, stage: &mut Stage<G>, outcome: Result<G::Return, TaskError>) {
        match &outcome {
            Ok(_) => {}
            Err(TaskError::Cancelled) => self.meta.set(CANCELLED),
            Err(_) => self.meta.set(FAILED),
        }
        self.meta.set(DONE);
        *stage = Stage::Finished(outcome);
    }
}

impl<G> TaskDyn for TaskCell<G>
where
    G: Generator<Yield = Request, Error = TaskError>,
{
    #[inline]
    fn step(&self, core: &Core, slot: u32) -> Status {
        core.current.set(Some((slot, self.meta.number)));
        let input = if self.meta.has(CANCEL_REQUESTED) {
            self.meta.clear(CANCEL_REQUESTED);
            Resume::Throw(TaskError::Cancelled)
        } else {
            Resume::Next
        };
        let mut stage = self.stage.borrow_mut();
        let Stage::Running(generator) = &mut *stage else {
            unreachable!("the loop stepped a finished task");
        };
        let outcome = match generator.resume(input) {
            Ok(GeneratorState::Yielded(Request::Yield)) => return Status::Yielded,
            Ok(GeneratorState::Yielded(Request::Sleep(pause))) if pause.is_zero() => {
                return Status::Yielded;
            }
            Ok(GeneratorState::Yielded(request)) => {
                core.suspended.set(Some(request));
                return Status::Suspended;
            }
            Ok(GeneratorState::Complete(value)) => Ok(value),
            Err(Exception::Raised(error)) => Err(error),
            // Only a closed generator raises GeneratorExit, and the loop
            // closes a task only when it drops it.
            Err(Exception::GeneratorExit) => Err(TaskError::Cancelled),
        };
        self.finish(&mut stage, outcome);
        Status::Finished
    }

    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn error_message(&self) -> Option<String> {
        match &*self.stage.borrow() {
            Stage::Finished(Err(error)) => Some(alloc::format!("{error}")),
            _ => None,
        }
    }

    fn close(&self) {
        let Ok(mut stage) = self.stage.try_borrow_mut() else {
            return;
        };
        if let Stage::Running(generator) = &mut *stage {
            // What the generator does in its `finally:` is all we want; an
            // error it raises while closing has nobody left to go to.
            let _ = generator.resume(Resume::Close);
            self.finish(&mut stage, Err(TaskError::Cancelled));
        }
    }

    fn take_error(&self) -> Option<TaskError> {
        self.take_finished(Result::is_err)?.err()
    }
}

impl<G> TaskCell<G>
where
    G: Generator<Yield = Request, Error = TaskError>,
{
    /// Takes the outcome of a finished task if `wanted` accepts it, and
    /// marks it retrieved; `None` if the task is running or the outcome was
    /// taken or not wanted.
    fn take_finished(
        &self,
        wanted: impl Fn(&Result<G::Return, TaskError>) -> bool,
    ) -> Option<Result<G::Return, TaskError>> {
        if !self.meta.is_done() {
            return None;
        }
        let mut stage = self.stage.try_borrow_mut().ok()?;
        if !matches!(&*stage, Stage::Finished(outcome) if wanted(outcome)) {
            return None;
        }
        let Stage::Finished(outcome) = core::mem::replace(&mut *stage, Stage::Taken) else {
            unreachable!("checked just above");
        };
        self.meta.set(RETRIEVED);
        Some(outcome)
    }
}

impl<G> Outcomes<G::Return> for TaskCell<G>
where
    G: Generator<Yield = Request, Error = TaskError>,
{
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn take(&self) -> Option<Result<G::Return, TaskError>> {
        self.take_finished(|_| true)
    }
}

/// A spawned task: Python's `asyncio.Task`, returned by
/// [`spawn`](fn@crate::scheduler::spawn) and
/// [`Runtime::spawn`](crate::scheduler::Runtime::spawn).
///
/// The task runs whether or not anyone holds its handle (as with
/// `asyncio.create_task`). The handle can ask about it ([`done`](Task::done),
/// [`cancelled`](Task::cancelled), [`name`](Task::name)), cancel it, and
/// take its result once: [`join`](Task::join) is `await task`,
/// [`result`](Task::result) is `task.result()`.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, Runtime};
///
/// let mut rt = Runtime::new();
/// let task = rt.spawn(sleep(Duration::from_secs(3)));
/// assert_eq!(task.name(), "Task-1");
/// assert!(!task.done()); // created, not yet run
/// rt.run_until_complete().unwrap();
/// assert!(task.done() && !task.cancelled());
/// assert_eq!(rt.now(), Duration::from_secs(3)); // virtual time: instant
/// ```
#[must_use = "a task runs even if its handle is dropped; call `.detach()` to say that is meant"]
pub struct Task<T> {
    outcomes: Rc<dyn Outcomes<T>>,
    /// The same allocation, seen without its types (for task groups).
    erased: Rc<dyn TaskDyn>,
    core: Rc<Core>,
}

impl<T: 'static> Task<T> {
    pub(crate) fn spawn<G>(core: &Rc<Core>, generator: G) -> Self
    where
        G: Generator<Yield = Request, Return = T, Error = TaskError> + 'static,
    {
        let cell = Rc::new(TaskCell::new(generator, core.next_task_number()));
        let erased: Rc<dyn TaskDyn> = cell.clone();
        core.push(Event::Spawn(Rc::clone(&erased)));
        Task {
            outcomes: cell,
            erased,
            core: Rc::clone(core),
        }
    }
}

impl<T> Task<T> {
    /// The task's name: `Task-N` (numbered from 1 in spawn order) unless
    /// [`set_name`](Task::set_name) gave it another.
    pub fn name(&self) -> String {
        self.core.task_name(self.outcomes.meta().number())
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
        let number = self.outcomes.meta().number();
        let name = alloc::format!("{name}");
        self.core.names.borrow_mut().insert(number, name);
    }

    /// `true` once the task returned, raised or was cancelled: `task.done()`.
    pub fn done(&self) -> bool {
        self.outcomes.meta().is_done()
    }

    /// `true` if the task finished by letting
    /// [`TaskError::Cancelled`] out: `task.cancelled()`.
    pub fn cancelled(&self) -> bool {
        self.outcomes.meta().is_cancelled()
    }

    /// Asks the task to stop: at its next step the loop throws
    /// [`TaskError::Cancelled`] into it where it is suspended. If it is
    /// parked, it is woken for that. Returns `false` if the task is already
    /// done (`task.cancel()`).
    ///
    /// The task may catch the error, clean up, and even go on: cancelling is
    /// a request, as in Python.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// let task = rt.spawn(sleep(Duration::from_secs(60)));
    /// rt.run_until_idle(); // it sleeps
    /// assert!(task.cancel());
    /// rt.run_until_complete().unwrap();
    /// assert!(task.cancelled());
    /// assert_eq!(rt.now(), Duration::ZERO); // woken to be cancelled, not after 60 s
    /// assert!(!task.cancel()); // already done
    /// ```
    pub fn cancel(&self) -> bool {
        request_cancel(&self.core, self.outcomes.meta())
    }

    /// The task's outcome, taken out of it: `task.result()`, with the error
    /// returned rather than raised. `None` while the task is running, and
    /// after the outcome was taken once.
    ///
    /// ```
    /// use resumable::scheduler::{Runtime, TaskError};
    ///
    /// let mut rt = Runtime::new();
    /// let task = rt.spawn(resumable::generator::from_fn(|_| {
    ///     Ok::<_, resumable::Exception<TaskError>>(resumable::GeneratorState::Complete(42))
    /// }));
    /// assert!(task.result().is_none());
    /// rt.run_until_complete().unwrap();
    /// assert_eq!(task.result().map(Result::ok), Some(Some(42)));
    /// assert!(task.result().is_none()); // delivered once
    /// ```
    pub fn result(&self) -> Option<Result<T, TaskError>> {
        self.outcomes.take()
    }

    /// Waits for the task to finish and gives its result: `await task`.
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
    pub fn join(self) -> Join<T> {
        Join {
            task: self,
            registered: false,
            cancelling: false,
        }
    }

    /// Lets the task run on without a handle, saying so: Python's
    /// fire-and-forget `asyncio.create_task(...)`.
    pub fn detach(self) {}

    /// The number in the default name: 1 for the first task spawned on a
    /// runtime.
    pub fn number(&self) -> u64 {
        self.outcomes.meta().number()
    }

    pub(crate) fn meta(&self) -> &Meta {
        self.outcomes.meta()
    }

    pub(crate) fn core(&self) -> &Rc<Core> {
        &self.core
    }

    pub(crate) fn erased(&self) -> &Rc<dyn TaskDyn> {
        &self.erased
    }

    /// Calls `callback` when the task finishes; `false` if it already has.
    pub(crate) fn on_done(&self, callback: impl FnOnce() + 'static) -> bool {
        on_done(&self.core, self.outcomes.meta(), callback)
    }

    /// Parks the current task until this one finishes; returns `false` if
    /// it already has.
    pub(crate) fn register_joiner(&self) -> bool {
        register_joiner(&self.core, self.outcomes.meta())
    }
}

pub(crate) fn request_cancel(core: &Core, meta: &Meta) -> bool {
    if meta.is_done() {
        return false;
    }
    meta.set(CANCEL_REQUESTED);
    if let Some(slot) = meta.slot() {
        core.push(Event::Cancel {
            slot,
            number: meta.number(),
        });
    }
    true
}

pub(crate) fn register_joiner(core: &Rc<Core>, meta: &Meta) -> bool {
    let waker = core
        .current_waker()
        .expect("awaiting a task needs a running task: call it from inside one");
    on_done(core, meta, move || waker.wake())
}

/// Runs `callback` when the task finishes (`add_done_callback`); returns
/// `false`, without running it, if the task already has.
pub(crate) fn on_done(core: &Core, meta: &Meta, callback: impl FnOnce() + 'static) -> bool {
    if meta.is_done() {
        return false;
    }
    core.joiners
        .borrow_mut()
        .entry(meta.number())
        .or_default()
        .push(alloc::boxed::Box::new(callback));
    meta.mark_joined();
    true
}

impl<T> fmt::Debug for Task<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.cancelled() {
            "cancelled"
        } else if self.done() {
            "finished"
        } else {
            "pending"
        };
        write!(f, "<Task {state} name='{}'>", self.name())
    }
}

/// The awaitable of [`Task::join`]: `await task`.
///
/// Yields [`Request::Wait`] on the task until it finishes, then returns its
/// value or raises its error.
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct Join<T> {
    task: Task<T>,
    registered: bool,
    cancelling: bool,
}

impl<T> Generator for Join<T> {
    type Yield = Request;
    type Return = T;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> crate::Outcome<Request, T, TaskError> {
        match input {
            Resume::Close => return Err(Exception::GeneratorExit),
            Resume::Throw(TaskError::Cancelled) if !self.task.done() => {
                // asyncio: cancelling a task that awaits another cancels that
                // one too, then waits for it to take the cancellation.
                self.task.cancel();
                self.cancelling = true;
            }
            Resume::Throw(error) => return Err(Exception::Raised(error)),
            Resume::Next | Resume::Send(()) => {}
        }
        if let Some(outcome) = self.task.result() {
            return match outcome {
                _ if self.cancelling => Err(Exception::Raised(TaskError::Cancelled)),
                Ok(value) => Ok(GeneratorState::Complete(value)),
                Err(error) => Err(Exception::Raised(error)),
            };
        }
        assert!(
            !self.task.done(),
            "the result of {} was already taken: a task's outcome is delivered once",
            self.task.name()
        );
        if !self.registered {
            self.registered = self.task.register_joiner();
        }
        Ok(GeneratorState::Yielded(Request::Wait {
            on: Blocker::numbered("Task", self.task.number()),
            timeout: None,
        }))
    }
}

impl<T> fmt::Debug for Join<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Join").field("task", &self.task).finish()
    }
}

/// Spawns a task on the running loop: `asyncio.create_task(coro)`.
///
/// Call it from inside a task; outside one, use
/// [`Runtime::spawn`](crate::scheduler::Runtime::spawn). The new task runs
/// after the tasks already ready, in spawn order.
///
/// # Panics
///
/// If no [`Runtime`](crate::scheduler::Runtime) is running on this thread.
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

/// Anything a task can wait on as a task: a generator (spawned as a new
/// task, as `asyncio.ensure_future` wraps a coroutine) or a [`Task`]
/// already spawned.
///
/// [`gather`](fn@crate::scheduler::gather), [`wait`](fn@crate::scheduler::wait),
/// [`shield`](fn@crate::scheduler::shield) and
/// [`as_completed`](fn@crate::scheduler::as_completed) take these.
pub trait IntoTask {
    /// The task's return value.
    type Output;

    /// The task: spawned now if it is a generator.
    ///
    /// # Panics
    ///
    /// A generator can only be spawned inside a running task.
    fn into_task(self) -> Task<Self::Output>;
}

impl<G> IntoTask for G
where
    G: Generator<Yield = Request, Error = TaskError> + 'static,
{
    type Output = G::Return;

    #[track_caller]
    fn into_task(self) -> Task<G::Return> {
        spawn(self)
    }
}

impl<T> IntoTask for Task<T> {
    type Output = T;

    fn into_task(self) -> Task<T> {
        self
    }
}
