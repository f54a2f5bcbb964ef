//! `asyncio/exceptions.py`: the errors a task raises.
//!
//! Python's exceptions are objects anyone may raise into any coroutine; here
//! every task and awaitable raises one type, [`TaskError`], so `?` carries an
//! error from an awaitable up to the task as Python's propagation does. Its
//! variants are the exceptions asyncio itself raises — `CancelledError`
//! (with the message of `cancel(msg)`) and `TimeoutError` — and `Failed`
//! for every other one, shared like a Python exception object so that every
//! task awaiting a failed one sees it.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;
use std::error::Error;

/// `asyncio.CancelledError`, with the message given to `cancel(msg)`.
///
/// ```
/// use resumable::scheduler::CancelledError;
///
/// assert_eq!(CancelledError::new().message(), None);
/// assert_eq!(CancelledError::with_message("bye").message(), Some("bye"));
/// assert_eq!(CancelledError::with_message("bye").to_string(), "CancelledError: bye");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct CancelledError {
    message: Option<Arc<str>>,
}

impl CancelledError {
    /// `CancelledError()`: no message.
    pub const fn new() -> Self {
        CancelledError { message: None }
    }

    /// `CancelledError(message)`.
    pub fn with_message(message: impl Into<Arc<str>>) -> Self {
        CancelledError {
            message: Some(message.into()),
        }
    }

    pub(crate) fn from_message(message: Option<Arc<str>>) -> Self {
        CancelledError { message }
    }

    /// The message, as `e.args[0]` gives it; `None` for `CancelledError()`.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

impl fmt::Debug for CancelledError {
    /// Python's `repr`: `CancelledError()`, `CancelledError('bye')`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            None => f.write_str("CancelledError()"),
            Some(message) => write!(f, "CancelledError({:?})", PyStr(message)),
        }
    }
}

impl fmt::Display for CancelledError {
    /// The last line of Python's traceback: `CancelledError` or
    /// `CancelledError: bye`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            None => f.write_str("CancelledError"),
            Some(message) => write!(f, "CancelledError: {message}"),
        }
    }
}

impl Error for CancelledError {}

/// A string shown as Python's `repr` shows it: in single quotes.
struct PyStr<'a>(&'a str);

impl fmt::Debug for PyStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("'")?;
        for c in self.0.chars() {
            match c {
                '\'' => f.write_str("\\'")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                c => fmt::Write::write_char(f, c)?,
            }
        }
        f.write_str("'")
    }
}

/// The exception a task raises: Python's `CancelledError`, `TimeoutError`,
/// or any other error.
///
/// Every task and awaitable has this as its `Error`, so any of them can be
/// thrown into any other, as in Python, and `?` carries an error from an
/// awaitable up to the task. It is cheap to clone (the error inside
/// `Failed` is shared, as a Python exception object is): a task's error
/// reaches every task that awaits it.
///
/// ```
/// use resumable::scheduler::TaskError;
///
/// // raise OSError('Не могу подключиться к 4')
/// let error = TaskError::from("Не могу подключиться к 4");
/// assert_eq!(error.to_string(), "Не могу подключиться к 4");
/// assert!(!error.is_cancelled());
/// assert!(TaskError::cancelled().is_cancelled());
/// assert_eq!(TaskError::TimedOut.to_string(), "TimeoutError");
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum TaskError {
    /// `asyncio.CancelledError`: thrown into a task by
    /// [`Task::cancel`](crate::scheduler::Task::cancel); a task that lets it
    /// out is cancelled.
    Cancelled(CancelledError),
    /// `TimeoutError`: raised by [`wait_for`](fn@crate::scheduler::wait_for)
    /// and [`timeout`](fn@crate::scheduler::timeout) after they cancelled the
    /// late work.
    TimedOut,
    /// Any other exception, shared so that tasks with different errors can
    /// be gathered together and every awaiter sees the same one. Find the
    /// concrete type with [`downcast_ref`](TaskError::downcast_ref).
    Failed(Arc<dyn Error + Send + Sync>),
}

impl TaskError {
    /// `CancelledError()`, without a message.
    pub const fn cancelled() -> Self {
        TaskError::Cancelled(CancelledError::new())
    }

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
        TaskError::Failed(Arc::new(error))
    }

    /// `true` for [`Cancelled`](TaskError::Cancelled).
    pub fn is_cancelled(&self) -> bool {
        matches!(self, TaskError::Cancelled(_))
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
            TaskError::Cancelled(error) => fmt::Display::fmt(error, f),
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

impl From<CancelledError> for TaskError {
    fn from(error: CancelledError) -> Self {
        TaskError::Cancelled(error)
    }
}

impl From<&str> for TaskError {
    fn from(message: &str) -> Self {
        TaskError::Failed(Arc::from(Box::<dyn Error + Send + Sync>::from(message)))
    }
}

impl From<String> for TaskError {
    fn from(message: String) -> Self {
        TaskError::Failed(Arc::from(Box::<dyn Error + Send + Sync>::from(message)))
    }
}

/// Python's `RuntimeError`, raised where asyncio raises one into a task:
/// awaiting a task of another loop, a task awaiting itself, a task group
/// used after it finished.
///
/// ```
/// use resumable::scheduler::{RuntimeError, TaskError};
///
/// let error = TaskError::raise(RuntimeError::new("Lock is not acquired."));
/// assert_eq!(error.to_string(), "RuntimeError: Lock is not acquired.");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RuntimeError {
    message: String,
}

impl RuntimeError {
    /// `RuntimeError(message)`.
    pub fn new(message: impl Into<String>) -> Self {
        RuntimeError {
            message: message.into(),
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Debug for RuntimeError {
    /// Python's `repr`: `RuntimeError('...')`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RuntimeError({:?})", PyStr(&self.message))
    }
}

impl fmt::Display for RuntimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RuntimeError: {}", self.message)
    }
}

impl Error for RuntimeError {}

/// Python's `ValueError`, raised where asyncio raises one into a task:
/// `asyncio.wait` of no tasks, a `BoundedSemaphore` released too often.
///
/// ```
/// use resumable::scheduler::ValueError;
///
/// let error = ValueError::new("Set of Tasks/Futures is empty.");
/// assert_eq!(format!("{error:?}"), "ValueError('Set of Tasks/Futures is empty.')");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ValueError {
    message: String,
}

impl ValueError {
    /// `ValueError(message)`.
    pub fn new(message: impl Into<String>) -> Self {
        ValueError {
            message: message.into(),
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Debug for ValueError {
    /// Python's `repr`: `ValueError('...')`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ValueError({:?})", PyStr(&self.message))
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ValueError: {}", self.message)
    }
}

impl Error for ValueError {}

/// Python's `ExceptionGroup`: what a [`TaskGroup`](crate::scheduler::TaskGroup)
/// raises when members failed, holding every error, in the order they
/// happened.
///
/// ```
/// use resumable::scheduler::{ExceptionGroup, TaskError};
///
/// let group = ExceptionGroup::new("unhandled errors in a TaskGroup", vec![TaskError::from("boom")]);
/// assert_eq!(group.exceptions().len(), 1);
/// assert_eq!(group.to_string(), "unhandled errors in a TaskGroup (1 sub-exception)");
/// ```
#[derive(Clone, Debug)]
pub struct ExceptionGroup {
    message: String,
    exceptions: Vec<TaskError>,
}

impl ExceptionGroup {
    /// `ExceptionGroup(message, exceptions)`.
    pub fn new(message: impl Into<String>, exceptions: Vec<TaskError>) -> Self {
        ExceptionGroup {
            message: message.into(),
            exceptions,
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The errors inside, `eg.exceptions`.
    pub fn exceptions(&self) -> &[TaskError] {
        &self.exceptions
    }
}

impl fmt::Display for ExceptionGroup {
    /// As Python prints it: `message (N sub-exceptions)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.exceptions.len();
        let plural = if count == 1 { "" } else { "s" };
        write!(f, "{} ({count} sub-exception{plural})", self.message)
    }
}

impl Error for ExceptionGroup {}
