use core::fmt;

use super::{IntoTask, Join, Request, TaskError};
use crate::generator::{Exception, Generator, Outcome, Resume};

/// Waits for an awaitable that the waiter's cancellation cannot reach:
/// `await asyncio.shield(aw)`.
///
/// The awaitable runs as a task of its own (a [`Task`](crate::scheduler::Task)
/// passed in is used as it is). If the waiting task is cancelled, the
/// shield raises [`TaskError::Cancelled`] in it at once, and the task inside
/// runs on to its end, unaware.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{shield, sleep, Runtime};
///
/// let mut rt = Runtime::new();
/// // A task waits on a shielded 2 s job, and is cancelled before it ends.
/// let waiter = rt.spawn(shield(sleep(Duration::from_secs(2))));
/// rt.run_until_idle(); // the waiter spawned the job; both wait
/// waiter.cancel();
/// rt.run_until_complete().unwrap();
/// assert!(waiter.cancelled());
/// assert_eq!(rt.now(), Duration::from_secs(2)); // the job still slept its 2 s
/// ```
pub fn shield<A: IntoTask>(awaitable: A) -> Shield<A> {
    Shield {
        unspawned: Some(awaitable),
        join: None,
    }
}

/// The awaitable of [`shield`].
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct Shield<A: IntoTask> {
    unspawned: Option<A>,
    join: Option<Join<A::Output>>,
}

impl<A: IntoTask> Generator for Shield<A> {
    type Yield = Request;
    type Return = A::Output;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, A::Output, TaskError> {
        // The whole point: an error thrown at the waiter stops here and
        // never reaches the task inside.
        input.sent()?;
        let join = match &mut self.join {
            Some(join) => join,
            None => {
                let awaitable = self.unspawned.take().ok_or(Exception::GeneratorExit)?;
                self.join.insert(awaitable.into_task().join())
            }
        };
        join.resume(Resume::Next)
    }
}

impl<A: IntoTask> fmt::Debug for Shield<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shield")
            .field("started", &self.join.is_some())
            .finish_non_exhaustive()
    }
}
