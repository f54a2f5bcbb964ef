//! [`ConditionWait`] and [`ConditionWaitFor`]: `await cond.wait()` and
//! `await cond.wait_for(predicate)`.

use core::fmt;

use super::{Acquire, Condition};
use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{Promise, Request, RuntimeError, TaskError};
use crate::sync::waiter::{join_line, leave_line, Line, Waiter};

/// The awaitable of [`Condition::wait`]: `await cond.wait()`, this Python:
///
/// ```python
/// if not self.locked():
///     raise RuntimeError('cannot wait on un-acquired lock')
/// self.release()
/// try:
///     fut = self._get_loop().create_future()
///     self._waiters.append(fut)
///     try:
///         await fut
///         return True
///     finally:
///         self._waiters.remove(fut)
/// finally:
///     # Must reacquire lock even if wait is cancelled
///     cancelled = False
///     while True:
///         try:
///             await self.acquire()
///             break
///         except exceptions.CancelledError:
///             cancelled = True
///     if cancelled:
///         raise exceptions.CancelledError
/// ```
///
/// See [`Condition`]'s "Cancel safety" for closing and dropping, and
/// [`holds_lock`](ConditionWait::holds_lock) for what to release after it.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct ConditionWait {
    cond: Condition,
    stage: Stage,
}

enum Stage {
    Start,
    /// The lock released, in the condition's line. Dropped, the waiter
    /// leaves the line and nothing is taken: nobody would release the lock.
    /// (An unfinished re-acquire leaves the lock's line in its own drop.)
    Waiting(Waiter<Condition>),
    /// The outer `finally`: taking the lock back; `outcome` is what the
    /// wait ends with once it is held, unless `cancelled`.
    Reacquiring {
        acquire: Acquire,
        outcome: Result<(), TaskError>,
        cancelled: bool,
    },
    Done {
        holds_lock: bool,
    },
}

impl ConditionWait {
    pub(super) fn new(cond: Condition) -> Self {
        ConditionWait {
            cond,
            stage: Stage::Start,
        }
    }

    /// Whether the caller holds the lock now, after this wait: `true` once
    /// it returned or raised with the lock taken back (a cancellation
    /// included); `false` while it waits, and when it ended without the
    /// lock (closed while the lock was held elsewhere, or called without
    /// it). Before it starts, the lock is as the caller left it: `true` if
    /// it is locked.
    ///
    /// Release the lock after a wait only if this says so; that keeps the
    /// "release on every way out" pattern right when the task is closed.
    ///
    /// ```
    /// use resumable::{sync::Condition, Generator, GeneratorState::Yielded};
    ///
    /// let cond = Condition::new();
    /// assert!(cond.try_acquire());
    /// let mut wait = cond.wait();
    /// assert!(wait.holds_lock()); // not started: the caller's lock is untouched
    /// assert!(matches!(wait.next(), Ok(Yielded(_)))); // released, waits
    /// assert!(!wait.holds_lock() && !cond.locked());
    /// ```
    pub fn holds_lock(&self) -> bool {
        match self.stage {
            Stage::Start => self.cond.locked(),
            Stage::Waiting(..) | Stage::Reacquiring { .. } => false,
            Stage::Done { holds_lock } => holds_lock,
        }
    }

    fn finish(&mut self, holds_lock: bool) {
        self.stage = Stage::Done { holds_lock };
    }

    /// Up to the inner `try`: checks the lock and releases it.
    fn start(&mut self, input: Resume<(), TaskError>) -> Result<(), Exception<TaskError>> {
        if let Err(exception) = input.sent() {
            let held = self.cond.locked();
            self.finish(held);
            return Err(exception);
        }
        if !self.cond.locked() {
            self.finish(false);
            let error = RuntimeError::new("cannot wait on un-acquired lock");
            return Err(Exception::Raised(TaskError::raise(error)));
        }
        self.cond.lock.release();
        self.stage = Stage::Waiting(Waiter::new(self.cond.clone()));
        Ok(())
    }

    /// The outer `finally`, until the lock is held.
    fn reacquire(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        loop {
            let Stage::Reacquiring {
                acquire,
                outcome,
                cancelled,
            } = &mut self.stage
            else {
                unreachable!("reacquiring from here on");
            };
            match acquire.resume(input) {
                Ok(GeneratorState::Yielded(request)) => {
                    return Ok(GeneratorState::Yielded(request))
                }
                Ok(GeneratorState::Complete(())) => {
                    let outcome = if *cancelled {
                        Err(TaskError::cancelled())
                    } else {
                        core::mem::replace(outcome, Ok(()))
                    };
                    self.finish(true);
                    return outcome
                        .map(GeneratorState::Complete)
                        .map_err(Exception::Raised);
                }
                Err(Exception::Raised(error)) if error.is_cancelled() => {
                    // except CancelledError: cancelled = True, and around again.
                    *cancelled = true;
                    *acquire = self.cond.lock.acquire();
                    input = Resume::Next;
                }
                Err(exception) => {
                    if exception.is_generator_exit() {
                        self.cond.note_closed_without_lock();
                    }
                    self.finish(false);
                    return Err(exception);
                }
            }
        }
    }
}

impl Generator for ConditionWait {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    #[inline]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        let input = match &self.stage {
            Stage::Start => {
                self.start(input)?;
                Resume::Next
            }
            Stage::Waiting(..) => input,
            Stage::Reacquiring { .. } => return self.reacquire(input),
            Stage::Done { .. } => panic!("`ConditionWait` resumed after it finished"),
        };
        let Stage::Waiting(waiter) = &mut self.stage else {
            unreachable!("waiting from here on");
        };
        // The waiter is out of the condition's line on every way out.
        let outcome = match waiter.resume(input) {
            Ok(GeneratorState::Yielded(request)) => return Ok(GeneratorState::Yielded(request)),
            Ok(GeneratorState::Complete(())) => Ok(()),
            Err(Exception::Raised(error)) => Err(error),
            Err(Exception::GeneratorExit) => {
                // Closed: the `finally` takes the lock back only if that
                // needs no waiting.
                let held = self.cond.lock.try_acquire();
                if !held {
                    self.cond.note_closed_without_lock();
                }
                self.finish(held);
                return Err(Exception::GeneratorExit);
            }
        };
        self.stage = Stage::Reacquiring {
            acquire: self.cond.lock.acquire(),
            outcome,
            cancelled: false,
        };
        self.reacquire(Resume::Next)
    }
}

impl Line for Condition {
    const AWAITABLE: &'static str = "ConditionWait";
    type Wake = bool;
    type Return = ();

    /// Never: a wait always waits for a notification.
    #[inline]
    fn try_now(&mut self) -> Option<()> {
        None
    }

    fn join(&mut self) -> Promise<bool> {
        let mut state = self.state.borrow_mut();
        join_line(state.blocker, &mut state.waiters)
    }

    /// `return True`, through the same `finally` as every way out.
    fn woken(&mut self, future: &Promise<bool>) -> Option<()> {
        self.give_up(future);
        Some(())
    }

    /// The inner `finally: self._waiters.remove(fut)`. A notification
    /// goes unused by a waiter that leaves: asyncio 3.11 does not pass it
    /// on.
    fn give_up(&mut self, future: &Promise<bool>) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            leave_line(&mut state.waiters, future);
        }
    }
}

impl fmt::Debug for ConditionWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = match self.stage {
            Stage::Start => "start",
            Stage::Waiting(..) => "waiting",
            Stage::Reacquiring { .. } => "reacquiring",
            Stage::Done { .. } => "done",
        };
        f.debug_struct("ConditionWait")
            .field("cond", &self.cond)
            .field("stage", &stage)
            .finish()
    }
}

/// The awaitable of [`Condition::wait_for`]: `await cond.wait_for(predicate)`,
/// which is
///
/// ```python
/// result = predicate()
/// while not result:
///     await self.wait()
///     result = predicate()
/// return result
/// ```
///
/// Errors, closing and dropping are those of the [`ConditionWait`] it is
/// in; [`holds_lock`](ConditionWaitFor::holds_lock) says what to release.
///
/// ```
/// use resumable::{sync::Condition, Generator, GeneratorState::Complete};
///
/// let cond = Condition::new();
/// assert!(cond.try_acquire());
/// assert_eq!(cond.wait_for(|| true).next().ok(), Some(Complete(())));
/// ```
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct ConditionWaitFor<P> {
    cond: Condition,
    predicate: P,
    /// The wait in progress, or the last one.
    wait: Option<ConditionWait>,
    started: bool,
}

impl<P> ConditionWaitFor<P> {
    pub(super) fn new(cond: Condition, predicate: P) -> Self {
        ConditionWaitFor {
            cond,
            predicate,
            wait: None,
            started: false,
        }
    }

    /// Whether the caller holds the lock now: that of the last
    /// [`ConditionWait`] (see [`ConditionWait::holds_lock`]); before any
    /// wait, `true` if the lock is locked.
    pub fn holds_lock(&self) -> bool {
        match &self.wait {
            Some(wait) => wait.holds_lock(),
            None => self.cond.locked(),
        }
    }
}

impl<P: FnMut() -> bool> Generator for ConditionWaitFor<P> {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    #[inline]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        if !self.started {
            input.sent()?;
            self.started = true;
        } else {
            let wait = self
                .wait
                .as_mut()
                .expect("`ConditionWaitFor` resumed after it finished");
            crate::yield_from!(wait, input)?;
        }
        loop {
            if (self.predicate)() {
                return Ok(GeneratorState::Complete(()));
            }
            let wait = self.wait.insert(self.cond.wait());
            crate::yield_from!(wait, Resume::Next)?;
        }
    }
}

impl<P> fmt::Debug for ConditionWaitFor<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConditionWaitFor")
            .field("cond", &self.cond)
            .field("wait", &self.wait)
            .finish_non_exhaustive()
    }
}
