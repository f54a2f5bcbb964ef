//! What `run` returns instead of the main task's value: its error, or the
//! report of a deadlock, where asyncio would hang.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use std::error::Error;

use super::Runtime;
use crate::scheduler::{Blocker, TaskError};

/// Why [`Runtime::run`](crate::scheduler::Runtime::run) did not return the
/// main task's value.
///
/// ```
/// use resumable::scheduler::{RunError, TaskError};
///
/// let error = RunError::Task(TaskError::cancelled());
/// assert_eq!(error.to_string(), "the main task raised CancelledError");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum RunError {
    /// The main task raised this error, as `asyncio.run` re-raises it.
    Task(TaskError),
    /// Nothing is ready and nothing can become ready.
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

/// The report of a deadlock: nothing is ready, no timer is pending and no
/// thread is working for the loop, so no task alive will ever run again.
///
/// asyncio would hang here; this loop stops and names each task still
/// alive and what it waits for, in the order the tasks were spawned.
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

impl Runtime {
    /// The tasks alive, each with what it waits for, in spawn order.
    pub(crate) fn deadlock(&self) -> Deadlock {
        let mut blocked: Vec<(u64, Blocker)> = self
            .core
            .tasks()
            .iter()
            .map(|task| {
                let on = match task.waits_for() {
                    Some(on) => on,
                    // Only a sleep past the clock's range is left pending.
                    None if task.sleeps() => Blocker::other("a sleep that never ends"),
                    None => Blocker::other("nothing"),
                };
                (task.number(), on)
            })
            .collect();
        blocked.sort_by_key(|&(number, _)| number);
        Deadlock::new(
            blocked
                .into_iter()
                .map(|(number, on)| (self.core.task_name(number), on))
                .collect(),
        )
    }
}
