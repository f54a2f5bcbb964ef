//! `asyncio.wait`: [`wait`].
//!
//! One done callback on every task counts them down and releases a waiter
//! future (asyncio's `_wait`), with at most one timer, set once.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::Cell;
use core::fmt;
use core::time::Duration;

use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::base_events::running;
use crate::scheduler::futures::{callback_id, Callback, FutureCell};
use crate::scheduler::request::Awaitable;
use crate::scheduler::{
    Awaited, Blocker, CallbackId, EventLoop, Request, Task, TaskError, TimerHandle, ValueError,
};

/// When [`wait`] returns: asyncio's `return_when`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum ReturnWhen {
    /// As soon as one task finishes, however it ends (`FIRST_COMPLETED`).
    FirstCompleted,
    /// As soon as one task raises (a cancelled task does not count), or
    /// when all are done (`FIRST_EXCEPTION`).
    FirstException,
    /// When every task is done (`ALL_COMPLETED`). The default.
    #[default]
    AllCompleted,
}

/// Waits for tasks without taking their results or cancelling any:
/// `done, pending = await asyncio.wait(tasks)`.
///
/// Returns the tasks split into those done and those still pending, each
/// in argument order, without repeats. Choose when to return with
/// [`return_when`](Wait::return_when) and bound the wait with
/// [`timeout`](Wait::timeout); unlike [`wait_for`](fn@crate::scheduler::wait_for),
/// a timeout here cancels nothing. As in Python 3.11 it takes tasks, not
/// coroutines: spawn them first.
///
/// Even when some task is done already, `wait` lets the loop take a turn
/// before it returns (its callbacks run with `call_soon`), so a task that
/// finishes in that turn is in `done` too.
///
/// # Errors
///
/// Raises [`ValueError`] if `tasks` is empty, as asyncio does, and if one
/// of them, done or not, is a task of another runtime, naming it and both
/// runtimes (asyncio hangs there), leaving it alone.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, wait, ReturnWhen, Runtime};
///
/// let secs = Duration::from_secs;
/// let mut rt = Runtime::new();
/// let first = rt.spawn(sleep(secs(1)));
/// let second = rt.spawn(sleep(secs(2)));
/// let (done, pending) = rt
///     .run(wait([first.clone(), second.clone()]).return_when(ReturnWhen::FirstCompleted))
///     .unwrap();
/// assert_eq!((done, pending), (vec![first], vec![second.clone()]));
/// assert_eq!(rt.time(), secs(1));
/// // wait() left it running; asyncio.run cancels what is left when main returns.
/// assert!(second.cancelled());
/// ```
pub fn wait<T, I>(tasks: I) -> Wait<T>
where
    I: IntoIterator<Item = Task<T>>,
{
    let mut distinct: Vec<Task<T>> = Vec::new();
    for task in tasks {
        if !distinct.contains(&task) {
            distinct.push(task);
        }
    }
    Wait {
        tasks: distinct,
        return_when: ReturnWhen::AllCompleted,
        timeout: None,
        stage: Stage::Start,
    }
}

/// The awaitable of [`wait`].
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct Wait<T> {
    tasks: Vec<Task<T>>,
    return_when: ReturnWhen,
    timeout: Option<Duration>,
    stage: Stage,
}

enum Stage {
    Start,
    Waiting {
        timer: Option<TimerHandle>,
        on_completion: Vec<u64>,
    },
    Done,
}

impl<T: 'static> Wait<T> {
    /// Returns as [`ReturnWhen`] says (`return_when=`).
    pub fn return_when(mut self, return_when: ReturnWhen) -> Self {
        self.return_when = return_when;
        self
    }

    /// Returns after at most `limit`, with whatever is done by then
    /// (`timeout=`). Nothing is cancelled.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, wait, Runtime};
    ///
    /// let secs = Duration::from_secs;
    /// let mut rt = Runtime::new();
    /// let tasks = [rt.spawn(sleep(secs(1))), rt.spawn(sleep(secs(2)))];
    /// let (done, pending) = rt.run(wait(tasks).timeout(Duration::from_millis(1500))).unwrap();
    /// assert_eq!((done.len(), pending.len()), (1, 1));
    /// assert_eq!(rt.time(), Duration::from_millis(1500));
    /// ```
    pub fn timeout(mut self, limit: impl Into<Option<Duration>>) -> Self {
        self.timeout = limit.into();
        self
    }

    /// `_wait`: the waiter, its timer, and `_on_completion` on every task.
    fn start(&mut self) -> Result<Request, TaskError> {
        if self.tasks.is_empty() {
            let error = ValueError::new("Set of Tasks/Futures is empty.");
            return Err(TaskError::raise(error));
        }
        let lp = EventLoop::new(running("wait"));
        // asyncio hangs on a task of another loop (its callback goes to
        // that loop); the crate refuses it as `gather` does.
        for task in &self.tasks {
            task.check_loop(lp.core()).map_err(TaskError::raise)?;
        }
        let waiter = Rc::new(FutureCell::new(
            Blocker::other("wait"),
            Some(Rc::clone(lp.core())),
        ));
        let timer = self.timeout.map(|limit| {
            let released = Rc::clone(&waiter);
            lp.call_later(limit, move || release(&released))
        });
        let counter = Rc::new(Cell::new(self.tasks.len()));
        let mut on_completion = Vec::with_capacity(self.tasks.len());
        for task in &self.tasks {
            let id = callback_id();
            let (waiter, counter, timer) = (Rc::clone(&waiter), Rc::clone(&counter), timer.clone());
            let return_when = self.return_when;
            let call = Box::new(move |future: &FutureCell<T>| {
                counter.set(counter.get().saturating_sub(1));
                // Python's `or`/`and` decide whether `f.exception()` runs,
                // and so whether the error counts as retrieved.
                let release_now = counter.get() == 0
                    || return_when == ReturnWhen::FirstCompleted
                    || (return_when == ReturnWhen::FirstException
                        && !future.cancelled()
                        && future.exception().is_some());
                if release_now {
                    if let Some(timer) = &timer {
                        timer.cancel();
                    }
                    release(&waiter);
                }
            });
            task.add_callback(Callback::call(id, call));
            on_completion.push(id);
        }
        let future: Rc<dyn Awaitable> = Rc::clone(&waiter) as Rc<dyn Awaitable>;
        self.stage = Stage::Waiting {
            timer,
            on_completion,
        };
        Ok(Request::Await(Awaited::new(future)))
    }

    /// The `finally` of `_wait`: the timer and the callbacks go.
    fn finish(&mut self) {
        if let Stage::Waiting {
            timer,
            on_completion,
            ..
        } = core::mem::replace(&mut self.stage, Stage::Done)
        {
            if let Some(timer) = timer {
                timer.cancel();
            }
            for (task, id) in self.tasks.iter().zip(on_completion) {
                task.remove_done_callback(CallbackId(id));
            }
        }
    }
}

fn release(waiter: &Rc<FutureCell<()>>) {
    if !waiter.done() {
        let _ = waiter.set_result(waiter, ());
    }
}

impl<T: 'static> Generator for Wait<T> {
    type Yield = Request;
    type Return = (Vec<Task<T>>, Vec<Task<T>>);
    type Error = TaskError;

    fn resume(
        &mut self,
        input: Resume<(), TaskError>,
    ) -> Outcome<Request, Self::Return, TaskError> {
        match self.stage {
            Stage::Start => {
                input.sent()?;
                return match self.start() {
                    Ok(request) => Ok(GeneratorState::Yielded(request)),
                    Err(error) => {
                        self.stage = Stage::Done;
                        Err(Exception::Raised(error))
                    }
                };
            }
            Stage::Waiting { .. } => self.finish(),
            Stage::Done => panic!("`Wait` resumed after it finished"),
        }
        input.sent()?;
        let (done, pending) = core::mem::take(&mut self.tasks)
            .into_iter()
            .partition(Task::done);
        Ok(GeneratorState::Complete((done, pending)))
    }
}

impl<T> Drop for Wait<T> {
    fn drop(&mut self) {
        if let Stage::Waiting {
            timer: Some(timer), ..
        } = &self.stage
        {
            timer.cancel();
        }
    }
}

impl<T> fmt::Debug for Wait<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Wait")
            .field("return_when", &self.return_when)
            .field("timeout", &self.timeout)
            .field("tasks", &self.tasks.len())
            .finish_non_exhaustive()
    }
}
