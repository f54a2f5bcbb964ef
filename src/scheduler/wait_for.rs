use core::fmt;
use core::time::Duration;

use super::core::{duration_nanos, running};
use super::{Request, TaskError};
use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};

/// Runs an awaitable with a time limit: `await asyncio.wait_for(aw, timeout)`.
///
/// The awaitable runs inside the waiting task (no new task). When the limit
/// passes, [`TaskError::Cancelled`] is thrown into it at its suspension point,
/// so it can clean up; once it has let the cancellation out, the wait raises
/// [`TaskError::TimedOut`]. If it catches the cancellation and returns a
/// value anyway, that value is the result, as in asyncio.
///
/// A cancellation of the waiting task itself passes through as
/// `Cancelled`, not as a timeout.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, wait_for, Runtime, TaskError, RunError};
///
/// // await asyncio.wait_for(asyncio.sleep(360), timeout=5.0)
/// let mut rt = Runtime::new();
/// let error = rt.run(wait_for(sleep(Duration::from_secs(360)), Duration::from_secs(5)));
/// assert!(matches!(error, Err(RunError::Task(TaskError::TimedOut))));
/// assert_eq!(rt.now(), Duration::from_secs(5)); // gave up at the limit
/// ```
pub fn wait_for<A>(awaitable: A, limit: Duration) -> WaitFor<A> {
    timeout(Some(limit), awaitable)
}

/// Runs an awaitable with an optional time limit: `async with
/// asyncio.timeout(limit): await aw`. `None` means no limit; otherwise the
/// same as [`wait_for`].
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, timeout, Runtime};
///
/// let mut rt = Runtime::new();
/// rt.run(timeout(None, sleep(Duration::from_secs(360)))).unwrap();
/// assert_eq!(rt.now(), Duration::from_secs(360));
/// ```
pub fn timeout<A>(limit: Option<Duration>, awaitable: A) -> WaitFor<A> {
    WaitFor {
        inner: awaitable,
        limit,
        deadline: None,
        expired: false,
    }
}

/// The awaitable of [`wait_for`] and [`timeout`].
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct WaitFor<A> {
    inner: A,
    limit: Option<Duration>,
    /// Set at the first step, in nanoseconds of the loop's clock.
    deadline: Option<u64>,
    /// The limit passed and the cancellation was thrown in.
    expired: bool,
}

impl<A> WaitFor<A> {
    /// The awaitable inside.
    pub fn get_ref(&self) -> &A {
        &self.inner
    }

    /// Nanoseconds left before the limit, or `None` if there is no limit
    /// or it already passed and was acted on.
    fn remaining(&mut self) -> Option<u64> {
        let limit = self.limit?;
        if self.expired {
            return None;
        }
        let now = running("wait_for").now_nanos();
        let deadline = *self
            .deadline
            .get_or_insert_with(|| now.saturating_add(duration_nanos(limit)));
        Some(deadline.saturating_sub(now))
    }
}

impl<A> Generator for WaitFor<A>
where
    A: Generator<Yield = Request, Error = TaskError>,
{
    type Yield = Request;
    type Return = A::Return;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, A::Return, TaskError> {
        let remaining = self.remaining();
        let input = match (remaining, input) {
            (Some(0), Resume::Next | Resume::Send(())) => {
                self.expired = true;
                Resume::Throw(TaskError::Cancelled)
            }
            (_, input) => input,
        };
        match self.inner.resume(input) {
            Ok(GeneratorState::Yielded(request)) => {
                let left = remaining.filter(|_| !self.expired);
                Ok(GeneratorState::Yielded(cap(request, left)))
            }
            Ok(GeneratorState::Complete(value)) => Ok(GeneratorState::Complete(value)),
            Err(Exception::Raised(TaskError::Cancelled)) if self.expired => {
                Err(Exception::Raised(TaskError::TimedOut))
            }
            Err(error) => Err(error),
        }
    }
}

/// The request with its wait cut short at the limit, so the loop wakes the
/// task in time to cancel the work.
fn cap(request: Request, left: Option<u64>) -> Request {
    let Some(left) = left.map(Duration::from_nanos) else {
        return request;
    };
    match request {
        Request::Sleep(duration) => Request::Sleep(duration.min(left)),
        Request::Wait { on, timeout } => Request::Wait {
            on,
            timeout: Some(timeout.map_or(left, |timeout| timeout.min(left))),
        },
        other => other,
    }
}

impl<A: fmt::Debug> fmt::Debug for WaitFor<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitFor")
            .field("inner", &self.inner)
            .field("limit", &self.limit)
            .field("expired", &self.expired)
            .finish()
    }
}
