//! [`Input`] and [`Step`]: the two types every task's `resume` spells out;
//! [`Coroutine`]: the type of a task built from pieces.

use super::{Request, TaskError};
use crate::{Generator, Outcome, Resume};

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

/// An awaitable of the loop that returns `R`: what `async def` makes,
/// `Generator<Yield = Request, Return = R, Error = TaskError>` in one name.
///
/// Every such generator is one (there is nothing to implement), so a
/// coroutine built from the crate's pieces — [`sleep`](super::sleep()),
/// [`then`](crate::Generator::then), [`async_with`](super::async_with()) —
/// returns `impl Coroutine<R>`, as Python's `async def f() -> R`.
///
/// ```python
/// async def say_after(delay, msg):
///     await asyncio.sleep(delay)
///     return msg
/// ```
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, Coroutine, Runtime};
/// use resumable::Generator;
///
/// fn say_after(delay: u64, msg: &'static str) -> impl Coroutine<&'static str> {
///     sleep(Duration::from_secs(delay)).map_return(move |()| msg)
/// }
///
/// let mut rt = Runtime::new();
/// assert_eq!(rt.run(say_after(1, "hello")).unwrap(), "hello");
/// assert_eq!(rt.time(), Duration::from_secs(1));
/// ```
pub trait Coroutine<R = ()>: Generator<Yield = Request, Return = R, Error = TaskError> {}

impl<G, R> Coroutine<R> for G where G: Generator<Yield = Request, Return = R, Error = TaskError> {}
