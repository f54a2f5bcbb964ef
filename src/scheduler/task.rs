//! A spawned task as its handle sees it: the flags `done()` reads and the
//! outcome `result()` takes, in a [`Shared`] cell. The loop owns the
//! generator itself (see `task_cell.rs`).

use alloc::rc::Rc;
use alloc::string::String;
use core::cell::Cell;
use core::fmt;

use super::core::{running, Core, Event};
use super::task_cell::TaskCell;
use super::{Blocker, Request, TaskError};
use crate::generator::{Exception, Generator, GeneratorState, Resume};

const CANCEL_REQUESTED: u8 = 1;
const DONE: u8 = 1 << 1;
const CANCELLED: u8 = 1 << 2;
const FAILED: u8 = 1 << 3;
const RETRIEVED: u8 = 1 << 4;
const HAS_JOINERS: u8 = 1 << 5;

/// What a handle knows of its task, whatever the task's types.
pub(crate) struct Meta {
    number: u64,
    /// `u32::MAX` until the loop admits the task.
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

    /// Whether a cancellation was asked for before the loop admitted the
    /// task; the loop takes it over.
    pub(crate) fn take_cancel_request(&self) -> bool {
        let asked = self.has(CANCEL_REQUESTED);
        self.flags.set(self.flags.get() & !CANCEL_REQUESTED);
        asked
    }

    pub(crate) fn is_done(&self) -> bool {
        self.has(DONE)
    }

    pub(crate) fn is_cancelled(&self) -> bool {
        self.has(CANCELLED)
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

/// The cell a task shares with its handle: made at spawn, filled when the
/// task finishes, emptied once by the handle.
pub(crate) struct Shared<T> {
    meta: Meta,
    outcome: Cell<Option<Result<T, TaskError>>>,
}

impl<T> Shared<T> {
    pub(crate) fn new(number: u64) -> Self {
        Shared {
            meta: Meta {
                number,
                slot: Cell::new(u32::MAX),
                flags: Cell::new(0),
            },
            outcome: Cell::new(None),
        }
    }

    pub(crate) fn meta(&self) -> &Meta {
        &self.meta
    }

    pub(crate) fn deliver(&self, outcome: Result<T, TaskError>) {
        match &outcome {
            Ok(_) => {}
            Err(TaskError::Cancelled) => self.meta.set(CANCELLED),
            Err(_) => self.meta.set(FAILED),
        }
        self.meta.set(DONE);
        self.outcome.set(Some(outcome));
    }

    /// Takes the outcome if `wanted` accepts it, and marks it retrieved;
    /// `None` if the task is running, or the outcome was taken or is not
    /// wanted (then it stays).
    fn take_if(
        &self,
        wanted: impl Fn(&Result<T, TaskError>) -> bool,
    ) -> Option<Result<T, TaskError>> {
        let outcome = self.outcome.take()?;
        if !wanted(&outcome) {
            self.outcome.set(Some(outcome));
            return None;
        }
        self.meta.set(RETRIEVED);
        Some(outcome)
    }
}

/// The shared cell without its type: what the loop's reports and task
/// groups need.
pub(crate) trait SharedTask {
    fn meta(&self) -> &Meta;
    /// The error of a failed task, for the "never retrieved" report.
    fn error_message(&self) -> Option<String>;
    /// Takes the error of a failed task: a task group retrieving it.
    fn take_error(&self) -> Option<TaskError>;
}

impl<T> SharedTask for Shared<T> {
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn error_message(&self) -> Option<String> {
        let outcome = self.outcome.take()?;
        let message = outcome
            .as_ref()
            .err()
            .map(|error| alloc::format!("{error}"));
        self.outcome.set(Some(outcome));
        message
    }

    fn take_error(&self) -> Option<TaskError> {
        self.take_if(Result::is_err)?.err()
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
    shared: Rc<Shared<T>>,
    core: Rc<Core>,
}

impl<T: 'static> Task<T> {
    pub(crate) fn spawn<G>(core: &Rc<Core>, generator: G) -> Self
    where
        G: Generator<Yield = Request, Return = T, Error = TaskError> + 'static,
    {
        let shared = Rc::new(Shared::new(core.next_task_number()));
        let cell = TaskCell::new(generator, Rc::clone(&shared));
        core.push(Event::Spawn(alloc::boxed::Box::new(cell)));
        Task {
            shared,
            core: Rc::clone(core),
        }
    }

    /// The shared cell without its type (for task groups).
    pub(crate) fn erased(&self) -> Rc<dyn SharedTask> {
        Rc::clone(&self.shared) as Rc<dyn SharedTask>
    }
}

impl<T> Task<T> {
    /// The task's name: `Task-N` (numbered from 1 in spawn order) unless
    /// [`set_name`](Task::set_name) gave it another.
    pub fn name(&self) -> String {
        self.core.task_name(self.shared.meta().number())
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
        let number = self.shared.meta().number();
        let name = alloc::format!("{name}");
        self.core.names.borrow_mut().insert(number, name);
    }

    /// `true` once the task returned, raised or was cancelled: `task.done()`.
    pub fn done(&self) -> bool {
        self.shared.meta().is_done()
    }

    /// `true` if the task finished by letting
    /// [`TaskError::Cancelled`] out: `task.cancelled()`.
    pub fn cancelled(&self) -> bool {
        self.shared.meta().is_cancelled()
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
        request_cancel(&self.core, self.shared.meta())
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
        self.shared.take_if(|_| true)
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
        self.shared.meta().number()
    }

    pub(crate) fn meta(&self) -> &Meta {
        self.shared.meta()
    }

    pub(crate) fn core(&self) -> &Rc<Core> {
        &self.core
    }

    /// Calls `callback` when the task finishes; `false` if it already has.
    pub(crate) fn on_done(&self, callback: impl FnOnce() + 'static) -> bool {
        on_done(&self.core, self.shared.meta(), callback)
    }

    /// Parks the current task until this one finishes; returns `false` if
    /// it already has.
    pub(crate) fn register_joiner(&self) -> bool {
        register_joiner(&self.core, self.shared.meta())
    }
}

pub(crate) fn request_cancel(core: &Core, meta: &Meta) -> bool {
    if meta.is_done() {
        return false;
    }
    match meta.slot() {
        Some(slot) => core.push(Event::Cancel {
            slot,
            number: meta.number(),
        }),
        // Not admitted yet: the loop takes the request over when it is.
        None => meta.set(CANCEL_REQUESTED),
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

impl<T> Drop for Task<T> {
    /// Tells the loop the outcome has no reader left (unless a task group
    /// or a `wait` still holds the cell), so it can free the cell now.
    fn drop(&mut self) {
        let meta = self.shared.meta();
        let loop_holds_the_other = Rc::strong_count(&self.shared) == 2;
        if let (Some(slot), false, true) = (meta.slot(), meta.is_done(), loop_holds_the_other) {
            self.core.push(Event::Unheld {
                slot,
                number: meta.number(),
            });
        }
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
