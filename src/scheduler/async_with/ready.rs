//! [`ready`]: an awaitable that finishes at once.

use core::fmt;

use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{Request, TaskError};

/// An awaitable that returns `value` without waiting: an `async def` with
/// no `await` in it, such as `__aenter__` returning `self`.
///
/// ```
/// use resumable::scheduler::{ready, Runtime};
///
/// // async def aenter(): return "conn"
/// assert_eq!(Runtime::new().run(ready("conn")).unwrap(), "conn");
/// ```
pub fn ready<T>(value: T) -> Ready<T> {
    Ready(Some(Ok(value)))
}

/// The awaitable of [`ready`] and [`Ready::raise`].
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct Ready<T>(Option<Result<T, TaskError>>);

impl<T> Ready<T> {
    /// An awaitable that raises `error` without waiting: an `async def`
    /// whose first line is `raise`.
    ///
    /// ```
    /// use resumable::scheduler::{Ready, RunError, Runtime, TaskError};
    ///
    /// let ran = Runtime::new().run(Ready::<()>::raise(TaskError::TimedOut));
    /// assert!(matches!(ran, Err(RunError::Task(TaskError::TimedOut))));
    /// ```
    pub fn raise(error: TaskError) -> Self {
        Ready(Some(Err(error)))
    }
}

impl<T> Generator for Ready<T> {
    type Yield = Request;
    type Return = T;
    type Error = TaskError;

    /// # Panics
    ///
    /// If it is resumed after it finished.
    #[track_caller]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, T, TaskError> {
        input.sent()?;
        match self.0.take() {
            Some(Ok(value)) => Ok(GeneratorState::Complete(value)),
            Some(Err(error)) => Err(Exception::Raised(error)),
            None => panic!("`Ready` resumed after it finished"),
        }
    }
}

impl<T> fmt::Debug for Ready<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = match &self.0 {
            Some(Ok(_)) => "value",
            Some(Err(_)) => "error",
            None => "done",
        };
        f.debug_tuple("Ready").field(&stage).finish()
    }
}
