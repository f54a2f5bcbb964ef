//! Counted permits with a FIFO line: the core that [`Lock`](super::Lock),
//! [`Semaphore`](super::Semaphore) and
//! [`BoundedSemaphore`](super::BoundedSemaphore) share, and [`Acquire`],
//! their awaitable.

use alloc::rc::Rc;
use core::cell::RefCell;
use core::fmt;

use super::waiters::{park, resumed_after_done, Stage, WaitQueue};
use crate::generator::{Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{current_waker, Blocker, Request, TaskError};

/// Permits not handed out, and the tasks waiting for one.
///
/// A permit given back goes straight to the first waiter, so the count
/// only grows when nobody waits: while anyone waits it is zero.
pub(crate) struct Permits {
    available: usize,
    line: WaitQueue<()>,
    blocker: Blocker,
}

pub(crate) type Shared = Rc<RefCell<Permits>>;

impl Permits {
    pub(crate) fn shared(available: usize, kind: &'static str) -> Shared {
        Rc::new(RefCell::new(Permits {
            available,
            line: WaitQueue::new(),
            blocker: Blocker::fresh(kind),
        }))
    }

    /// Takes a permit if one is free and nobody is ahead in line.
    pub(crate) fn try_take(&mut self) -> bool {
        if self.available == 0 || self.line.waiting() > 0 {
            return false;
        }
        self.available -= 1;
        true
    }

    /// Gives a permit back: to the first waiter if there is one, which
    /// keeps the order strictly first come, first served.
    pub(crate) fn give(&mut self) {
        if self.line.serve(()).is_err() {
            self.available = self
                .available
                .checked_add(1)
                .expect("a semaphore's count overflowed usize");
        }
    }

    pub(crate) fn available(&self) -> usize {
        self.available
    }

    pub(crate) fn waiting(&self) -> usize {
        self.line.waiting()
    }

    pub(crate) fn blocker(&self) -> Blocker {
        self.blocker
    }
}

/// The permits' name, free count and waiting count, for a `Debug`
/// impl; `None` while they are being changed.
pub(crate) fn snapshot(permits: &Shared) -> Option<(Blocker, usize, usize)> {
    let permits = permits.try_borrow().ok()?;
    Some((permits.blocker, permits.available, permits.line.waiting()))
}

/// The awaitable of [`Lock::acquire`](super::Lock::acquire),
/// [`Semaphore::acquire`](super::Semaphore::acquire),
/// [`BoundedSemaphore::acquire`](super::BoundedSemaphore::acquire) and
/// [`Condition::acquire`](super::Condition::acquire): `await lock.acquire()`.
///
/// It takes a permit at once if one is free and nobody waits; otherwise it
/// joins the end of the line and parks. A permit given back while it
/// waits is handed to it directly, in arrival order, and it completes the
/// next time its task runs.
///
/// # Cancel safety
///
/// Thrown an error (a cancellation, a timeout around it) or closed while
/// waiting, it leaves the line and raises the error; if it had already been
/// handed the permit, it gives it back, which hands it to the next waiter.
/// Dropped unfinished, it cleans up the same way. A cancelled acquire never
/// holds the lock.
///
/// ```
/// use resumable::{sync::Lock, Generator, GeneratorState::Complete};
///
/// // Uncontended, it completes at the first step, even outside a loop.
/// let lock = Lock::new();
/// assert_eq!(lock.acquire().next().ok(), Some(Complete(())));
/// assert!(lock.locked());
/// ```
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct Acquire {
    permits: Shared,
    stage: Stage,
}

impl Acquire {
    pub(crate) fn new(permits: &Shared) -> Self {
        Acquire {
            permits: Rc::clone(permits),
            stage: Stage::Start,
        }
    }

    /// Leaves the line; a permit already handed over goes to the next one.
    fn give_up(&mut self) {
        let Some(ticket) = self.stage.finish() else {
            return;
        };
        // Borrowed only if a panic unwinds through the permits: leave them.
        if let Ok(mut permits) = self.permits.try_borrow_mut() {
            if permits.line.leave(ticket).is_some() {
                permits.give();
            }
        }
    }
}

impl Generator for Acquire {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        if let Err(exception) = input.sent() {
            self.give_up();
            return Err(exception);
        }
        let mut permits = self.permits.borrow_mut();
        let acquired = match self.stage {
            Stage::Start => permits.try_take(),
            Stage::Waiting(ticket) => permits.line.take(ticket).is_some(),
            Stage::Done => resumed_after_done("acquire"),
        };
        if acquired {
            self.stage = Stage::Done;
            return Ok(GeneratorState::Complete(()));
        }
        if self.stage == Stage::Start {
            self.stage = Stage::Waiting(permits.line.join(current_waker()));
        }
        park(permits.blocker)
    }
}

impl Drop for Acquire {
    fn drop(&mut self) {
        self.give_up();
    }
}

impl fmt::Debug for Acquire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Acquire");
        if let Ok(permits) = self.permits.try_borrow() {
            out.field("on", &format_args!("{}", permits.blocker));
        }
        out.field("stage", &self.stage).finish()
    }
}
