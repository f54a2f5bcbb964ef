//! [`Input`] and [`Step`]: the two types every task's `resume` spells out.

use super::{Request, TaskError};
use crate::{Outcome, Resume};

/// What the loop passes to a task's `resume`: [`Resume::Next`] to go on, or
/// [`Resume::Throw`] of [`TaskError::Cancelled`] when the task is cancelled
/// (the [`CancelledError`](super::CancelledError) carries the message of
/// `task.cancel(msg)`), or [`Resume::Close`] when the loop closes it.
///
/// A coroutine's `send(None)`: tasks are sent nothing but `None`.
///
/// ```
/// use resumable::scheduler::{Input, Request, Runtime, Step};
/// use resumable::{Generator, GeneratorState::Complete};
///
/// /// async def answer(): return 42
/// struct Answer;
///
/// impl Generator for Answer {
///     type Yield = Request;
///     type Return = u32;
///     type Error = resumable::scheduler::TaskError;
///
///     fn resume(&mut self, input: Input) -> Step<u32> {
///         input.sent()?; // a cancel or a close leaves from here
///         Ok(Complete(42))
///     }
/// }
///
/// assert_eq!(Runtime::new().run(Answer).unwrap(), 42);
/// ```
pub type Input = Resume<(), TaskError>;

/// What a task's `resume` reports: it suspended with a [`Request`] to the
/// loop, returned `R`, or raised a [`TaskError`]. `R` is `()` unless the
/// task returns something, as a coroutine returns `None`. See [`Input`] for
/// an example.
pub type Step<R = ()> = Outcome<Request, R, TaskError>;
