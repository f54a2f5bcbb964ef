//! `loop.call_exception_handler`: what the loop reports instead of raising,
//! because nobody is there to catch it.

use alloc::string::String;
use core::fmt;

use crate::scheduler::{PanicError, TaskError};

/// What a [`Report`] is about: the messages asyncio's loop logs.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[non_exhaustive]
pub enum ReportKind {
    /// "Task exception was never retrieved": a task failed and was dropped
    /// without anyone taking its error (awaiting it, `result()`,
    /// `exception()`, `cancel()`).
    TaskNeverRetrieved,
    /// "Future exception was never retrieved": the same, for a
    /// [`Promise`](crate::scheduler::Promise).
    FutureNeverRetrieved,
    /// "unhandled exception during asyncio.run() shutdown": a task cancelled
    /// by [`Runtime::run`](crate::scheduler::Runtime::run) after `main`
    /// returned raised something else than the cancellation.
    ShutdownError,
    /// "Task was destroyed but it is pending!": a task still alive when its
    /// loop let it go, closed without ever finishing.
    DestroyedPending,
    /// A task group member failed after the task that owns the group had
    /// already finished, so nobody could get its error.
    GroupOrphan,
    /// "Exception in callback … InvalidStateError": an outcome sent by
    /// another thread through a
    /// [`RemotePromise`](crate::scheduler::RemotePromise) reached a promise
    /// that was already done. A late error is kept in the report; a late
    /// value is dropped.
    InvalidState,
    /// "an error occurred during closing of asynchronous generator": an
    /// async generator closed by
    /// [`shutdown_asyncgens`](crate::scheduler::shutdown_asyncgens) at the
    /// end of [`Runtime::run`](crate::scheduler::Runtime::run) raised. The
    /// report names the generator's type where others name a task.
    AsyncGenCloseError,
}

impl ReportKind {
    /// asyncio's message.
    pub fn message(self) -> &'static str {
        match self {
            ReportKind::TaskNeverRetrieved => "Task exception was never retrieved",
            ReportKind::FutureNeverRetrieved => "Future exception was never retrieved",
            ReportKind::ShutdownError => "unhandled exception during asyncio.run() shutdown",
            ReportKind::DestroyedPending => "Task was destroyed but it is pending!",
            ReportKind::GroupOrphan => {
                "Task has errored out but its parent task is already completed"
            }
            ReportKind::InvalidState => "Exception in callback: invalid state",
            ReportKind::AsyncGenCloseError => {
                "an error occurred during closing of asynchronous generator"
            }
        }
    }
}

/// Something the loop reported rather than raised: asyncio's
/// `call_exception_handler(context)`. Printed on stderr when it happens
/// and kept in [`Runtime::reports`](crate::scheduler::Runtime::reports).
///
/// ```
/// use resumable::generator::from_fn;
/// use resumable::scheduler::{ReportKind, Request, Runtime, TaskError};
/// use resumable::GeneratorState;
///
/// let mut rt = Runtime::new();
/// let fail = from_fn(|_| Err::<GeneratorState<Request, ()>, _>(TaskError::from("lost").into()));
/// rt.spawn(fail).detach(); // nobody will look at its error
/// rt.run_all().unwrap();
/// let report = &rt.reports()[0];
/// assert_eq!(report.kind(), ReportKind::TaskNeverRetrieved);
/// assert_eq!(report.task(), Some("Task-1"));
/// assert_eq!(report.to_string(), "Task exception was never retrieved: Task-1: lost");
/// ```
#[derive(Clone, Debug)]
pub struct Report {
    kind: ReportKind,
    task: Option<String>,
    error: Option<TaskError>,
}

impl Report {
    pub(crate) fn new(kind: ReportKind, task: Option<String>, error: Option<TaskError>) -> Self {
        Report { kind, task, error }
    }

    /// What it is about.
    pub fn kind(&self) -> ReportKind {
        self.kind
    }

    /// The name of the task (or promise) concerned, if any.
    pub fn task(&self) -> Option<&str> {
        self.task.as_deref()
    }

    /// The error concerned, if any.
    pub fn error(&self) -> Option<&TaskError> {
        self.error.as_ref()
    }
}

impl Report {
    /// Whether the error already says which task it is about: a panic
    /// names who panicked (`Task-3 panicked: ...`), and the report need not
    /// say `Task-3` twice.
    fn error_names(&self, task: &str) -> bool {
        let panic = self
            .error
            .as_ref()
            .and_then(TaskError::downcast_ref::<PanicError>);
        panic.is_some_and(|panic| panic.who() == task)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.message())?;
        if let Some(task) = self.task.as_deref().filter(|task| !self.error_names(task)) {
            write!(f, ": {task}")?;
        }
        if let Some(error) = &self.error {
            write!(f, ": {error}")?;
        }
        Ok(())
    }
}
