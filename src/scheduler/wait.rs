use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use super::core::{duration_nanos, running};
use super::{current_waker, Blocker, IntoTask, Request, Task, TaskError};
use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// When [`wait`] returns: asyncio's `return_when`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum ReturnWhen {
    /// As soon as one task finishes, however it ends.
    FirstCompleted,
    /// As soon as one task raises (a cancelled task does not count), or
    /// when all are done.
    FirstException,
    /// When every task is done. The default.
    #[default]
    AllCompleted,
}

/// Waits for tasks without taking their results or cancelling any:
/// `done, pending = await asyncio.wait(tasks)`.
///
/// Returns the tasks split into those done and those still pending, each
/// in argument order. Choose when to return with
/// [`return_when`](Wait::return_when) and bound the wait with
/// [`timeout`](Wait::timeout); unlike [`wait_for`](fn@crate::scheduler::wait_for),
/// a timeout here cancels nothing.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, wait, ReturnWhen, Runtime};
///
/// let secs = Duration::from_secs;
/// let mut rt = Runtime::new();
/// let (done, pending) = rt
///     .run(wait([sleep(secs(1)), sleep(secs(2))]).return_when(ReturnWhen::FirstCompleted))
///     .unwrap();
/// assert_eq!((done.len(), pending.len()), (1, 1));
/// assert_eq!(rt.now(), secs(1));
/// // wait() left it running; asyncio.run cancels what is left when main returns.
/// assert!(pending[0].cancelled());
/// ```
pub fn wait<I>(tasks: I) -> Wait<I::Item>
where
    I: IntoIterator,
    I::Item: IntoTask,
{
    Wait {
        unspawned: tasks.into_iter().collect(),
        tasks: Vec::new(),
        started: false,
        return_when: ReturnWhen::AllCompleted,
        limit: None,
        deadline: None,
    }
}

/// The awaitable of [`wait`].
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct Wait<A: IntoTask> {
    unspawned: Vec<A>,
    tasks: Vec<Task<A::Output>>,
    started: bool,
    return_when: ReturnWhen,
    limit: Option<Duration>,
    deadline: Option<u64>,
}

impl<A: IntoTask> Wait<A> {
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
    /// let (done, pending) = rt
    ///     .run(wait([sleep(secs(1)), sleep(secs(2))]).timeout(Duration::from_millis(1500)))
    ///     .unwrap();
    /// assert_eq!((done.len(), pending.len()), (1, 1));
    /// assert_eq!(rt.now(), Duration::from_millis(1500));
    /// ```
    pub fn timeout(mut self, limit: Duration) -> Self {
        self.limit = Some(limit);
        self
    }

    fn start(&mut self) {
        self.started = true;
        let waker = current_waker();
        for awaitable in core::mem::take(&mut self.unspawned) {
            let task = awaitable.into_task();
            let waker = waker.clone();
            task.on_done(move || waker.wake());
            self.tasks.push(task);
        }
        if let Some(limit) = self.limit {
            let now = running("wait").now_nanos();
            self.deadline = Some(now.saturating_add(duration_nanos(limit)));
        }
    }

    fn satisfied(&self) -> bool {
        let mut done = self.tasks.iter().filter(|task| task.done());
        match self.return_when {
            _ if self.tasks.iter().all(Task::done) => true,
            ReturnWhen::AllCompleted => false,
            ReturnWhen::FirstCompleted => done.next().is_some(),
            ReturnWhen::FirstException => done.any(|task| task.meta().is_failed()),
        }
    }

    /// Nanoseconds left before the timeout; `Some(0)` once it passed.
    fn remaining(&self) -> Option<u64> {
        let deadline = self.deadline?;
        Some(deadline.saturating_sub(running("wait").now_nanos()))
    }
}

impl<A: IntoTask> Generator for Wait<A> {
    type Yield = Request;
    type Return = (Vec<Task<A::Output>>, Vec<Task<A::Output>>);
    type Error = TaskError;

    fn resume(
        &mut self,
        input: Resume<(), TaskError>,
    ) -> Outcome<Request, Self::Return, TaskError> {
        input.sent()?;
        if !self.started {
            self.start();
        }
        let remaining = self.remaining();
        if self.satisfied() || remaining == Some(0) {
            let (done, pending) = core::mem::take(&mut self.tasks)
                .into_iter()
                .partition(Task::done);
            return Ok(GeneratorState::Complete((done, pending)));
        }
        let on = self
            .tasks
            .iter()
            .find(|task| !task.done())
            .map_or(Blocker::other("wait"), |task| {
                Blocker::numbered("Task", task.number())
            });
        let timeout = remaining.map(Duration::from_nanos);
        Ok(GeneratorState::Yielded(Request::Wait { on, timeout }))
    }
}

impl<A: IntoTask> fmt::Debug for Wait<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Wait")
            .field("return_when", &self.return_when)
            .field("limit", &self.limit)
            .field("tasks", &(self.unspawned.len() + self.tasks.len()))
            .finish()
    }
}
