use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use std::error::Error;

use super::Blocker;

/// The exception a task raises: Python's `CancelledError`, `TimeoutError`,
/// or any other error.
///
/// Every task and awaitable has this as its `Error`, so any of them can be
/// thrown into any other, as in Python, and `?` carries an error from an
/// awaitable up to the task.
///
/// ```
/// use resumable::scheduler::TaskError;
///
/// // raise OSError('Не могу подключиться к 4')
/// let error = TaskError::from("Не могу подключиться к 4");
/// assert_eq!(error.to_string(), "Не могу подключиться к 4");
/// assert!(!error.is_cancelled());
/// assert!(TaskError::Cancelled.is_cancelled());
/// assert_eq!(TaskError::TimedOut.to_string(), "TimeoutError");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum TaskError {
    /// `asyncio.CancelledError`: thrown into a task by
    /// [`Task::cancel`](crate::scheduler::Task::cancel); a task that lets it
    /// out is cancelled.
    Cancelled,
    /// `TimeoutError`: raised by [`wait_for`](fn@crate::scheduler::wait_for)
    /// and [`timeout`](fn@crate::scheduler::timeout) after they cancelled the
    /// late work.
    TimedOut,
    /// Any other exception, boxed so tasks with different errors can be
    /// gathered together. Find the concrete type with `downcast_ref`.
    Failed(Box<dyn Error + Send + Sync>),
}

impl TaskError {
    /// Wraps an error of your own: Python's `raise SomeError(...)`.
    ///
    /// ```
    /// use resumable::scheduler::TaskError;
    ///
    /// #[derive(Debug)]
    /// struct Refused(u32);
    /// impl std::fmt::Display for Refused {
    ///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    ///         write!(f, "user {} refused", self.0)
    ///     }
    /// }
    /// impl std::error::Error for Refused {}
    ///
    /// let error = TaskError::raise(Refused(4));
    /// // except Refused as e: ...
    /// assert_eq!(error.downcast_ref::<Refused>().map(|e| e.0), Some(4));
    /// ```
    pub fn raise(error: impl Error + Send + Sync + 'static) -> Self {
        TaskError::Failed(Box::new(error))
    }

    /// `true` for [`Cancelled`](TaskError::Cancelled).
    pub fn is_cancelled(&self) -> bool {
        matches!(self, TaskError::Cancelled)
    }

    /// `true` for [`TimedOut`](TaskError::TimedOut).
    ///
    /// ```
    /// use resumable::scheduler::TaskError;
    ///
    /// assert!(TaskError::TimedOut.is_timed_out());
    /// ```
    pub fn is_timed_out(&self) -> bool {
        matches!(self, TaskError::TimedOut)
    }

    /// The error inside [`Failed`](TaskError::Failed), if it is an `E`.
    pub fn downcast_ref<E: Error + 'static>(&self) -> Option<&E> {
        match self {
            TaskError::Failed(error) => error.downcast_ref::<E>(),
            _ => None,
        }
    }
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskError::Cancelled => f.write_str("CancelledError"),
            TaskError::TimedOut => f.write_str("TimeoutError"),
            TaskError::Failed(error) => fmt::Display::fmt(error, f),
        }
    }
}

impl Error for TaskError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            TaskError::Failed(error) => Some(&**error),
            _ => None,
        }
    }
}

impl From<&str> for TaskError {
    fn from(message: &str) -> Self {
        TaskError::Failed(message.into())
    }
}

impl From<String> for TaskError {
    fn from(message: String) -> Self {
        TaskError::Failed(message.into())
    }
}

/// Why [`Runtime::run`](crate::scheduler::Runtime::run) did not return the
/// main task's value.
///
/// ```
/// use resumable::scheduler::{RunError, TaskError};
///
/// let error = RunError::Task(TaskError::Cancelled);
/// assert_eq!(error.to_string(), "the main task raised CancelledError");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum RunError {
    /// The main task raised this error, as `asyncio.run` re-raises it.
    Task(TaskError),
    /// Every task waits and nothing can wake any of them.
    Deadlock(Deadlock),
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Task(error) => write!(f, "the main task raised {error}"),
            RunError::Deadlock(deadlock) => fmt::Display::fmt(deadlock, f),
        }
    }
}

impl Error for RunError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            RunError::Task(error) => Some(error),
            RunError::Deadlock(deadlock) => Some(deadlock),
        }
    }
}

impl From<TaskError> for RunError {
    fn from(error: TaskError) -> Self {
        RunError::Task(error)
    }
}

/// The report of a deadlock: every task still alive is parked, no timer is
/// pending and no thread is working for them, so none will ever run again.
///
/// asyncio would hang here; this loop stops and names each blocked task and
/// what it waits for, in the order the tasks were spawned.
///
/// ```
/// use resumable::scheduler::{Blocker, Deadlock};
///
/// let report = Deadlock::new(vec![("Task-1".into(), Blocker::other("Lock-1"))]);
/// assert_eq!(
///     report.to_string(),
///     "deadlock: no task can run and no timer is pending\n  Task-1 waits for Lock-1"
/// );
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Deadlock {
    blocked: Vec<(String, Blocker)>,
}

impl Deadlock {
    /// A report of these tasks, each with what it waits for.
    pub fn new(blocked: Vec<(String, Blocker)>) -> Self {
        Deadlock { blocked }
    }

    /// Each blocked task's name and what it waits for.
    pub fn blocked(&self) -> &[(String, Blocker)] {
        &self.blocked
    }
}

impl fmt::Display for Deadlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("deadlock: no task can run and no timer is pending")?;
        for (task, blocker) in &self.blocked {
            write!(f, "\n  {task} waits for {blocker}")?;
        }
        Ok(())
    }
}

impl Error for Deadlock {}
