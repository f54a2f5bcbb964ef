//! [`Release`]: `__aexit__` of the locks and semaphores, `self.release()`.

use core::fmt;

use super::{BoundedSemaphore, Condition, Lock, Semaphore};
use crate::generator::{Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{Request, TaskError};

/// The awaitable of `__aexit__` for [`Lock`], [`Semaphore`],
/// [`BoundedSemaphore`] and [`Condition`]: asyncio's
/// `_ContextManagerMixin.__aexit__`, which is `self.release()` and never
/// waits. It releases in its first step, whatever the body left with, and
/// returns `()` (Python's `None`: nothing is swallowed).
///
/// ```python
/// async def __aexit__(self, exc_type, exc, tb):
///     self.release()
/// ```
///
/// ```
/// use resumable::scheduler::{AsyncContextManager, Leaving};
/// use resumable::sync::Lock;
/// use resumable::{Generator, GeneratorState::Complete};
///
/// let mut lock = Lock::new();
/// assert!(lock.try_acquire());
/// let mut exit = lock.aexit(&Leaving::Returned);
/// assert!(lock.locked(), "made, not run");
/// assert!(matches!(exit.next(), Ok(Complete(()))));
/// assert!(!lock.locked());
/// ```
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct Release {
    /// What to release; `None` once released (or if there is nothing to
    /// release).
    primitive: Option<Primitive>,
    done: bool,
}

enum Primitive {
    Lock(Lock),
    Semaphore(Semaphore),
    Bounded(BoundedSemaphore),
}

impl Release {
    pub(super) fn lock(lock: &Lock) -> Self {
        Release::of(Some(Primitive::Lock(lock.clone())))
    }

    pub(super) fn semaphore(semaphore: &Semaphore) -> Self {
        Release::of(Some(Primitive::Semaphore(semaphore.clone())))
    }

    pub(super) fn bounded(semaphore: &BoundedSemaphore) -> Self {
        Release::of(Some(Primitive::Bounded(semaphore.clone())))
    }

    /// A condition's lock, unless a wait in the body was closed without
    /// taking it back (see [`Condition`]'s "Closing").
    pub(super) fn condition(cond: &Condition, closed: bool) -> Self {
        if closed && cond.take_closed_without_lock() {
            return Release::of(None);
        }
        Release::lock(&cond.lock)
    }

    fn of(primitive: Option<Primitive>) -> Self {
        Release {
            primitive,
            done: false,
        }
    }
}

impl Generator for Release {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    /// # Panics
    ///
    /// If it is resumed after it finished, and as the primitive's `release`
    /// does (a lock that is not locked, a bounded semaphore released too
    /// often).
    #[track_caller]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        assert!(!self.done, "`Release` resumed after it finished");
        self.done = true;
        input.sent()?;
        match self.primitive.take() {
            Some(Primitive::Lock(lock)) => lock.release(),
            Some(Primitive::Semaphore(semaphore)) => semaphore.release(),
            Some(Primitive::Bounded(semaphore)) => semaphore.release(),
            None => {}
        }
        Ok(GeneratorState::Complete(()))
    }
}

impl fmt::Debug for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let primitive: &dyn fmt::Debug = match &self.primitive {
            Some(Primitive::Lock(lock)) => lock,
            Some(Primitive::Semaphore(semaphore)) => semaphore,
            Some(Primitive::Bounded(semaphore)) => semaphore,
            None => &"nothing",
        };
        f.debug_struct("Release")
            .field("primitive", primitive)
            .field("done", &self.done)
            .finish()
    }
}
