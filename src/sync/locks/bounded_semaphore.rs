//! [`BoundedSemaphore`]: `asyncio.BoundedSemaphore`.

use core::fmt;

use super::{Release, Semaphore, SemaphoreAcquire};
use crate::scheduler::{AsyncContextManager, Blocker, Leaving};

/// A semaphore that refuses to be released more times than it was
/// acquired: `asyncio.BoundedSemaphore(value)`.
///
/// Everything else is [`Semaphore`]'s: the same line, the same wake-ups,
/// the same cancel safety, the same awaitable ([`SemaphoreAcquire`]).
///
/// # Examples
///
/// ```python
/// sem = asyncio.BoundedSemaphore(1)
/// await sem.acquire()
/// sem.release()
/// sem.release()    # ValueError: BoundedSemaphore released too many times
/// ```
///
/// ```should_panic
/// use resumable::sync::BoundedSemaphore;
///
/// let sem = BoundedSemaphore::new(1);
/// assert!(sem.try_acquire());
/// sem.release();
/// sem.release(); // panics
/// ```
#[derive(Clone)]
pub struct BoundedSemaphore {
    sem: Semaphore,
    bound: usize,
}

impl BoundedSemaphore {
    /// A semaphore with `value` permits that may never hold more, named
    /// `BoundedSemaphore-N` in reports: `asyncio.BoundedSemaphore(value)`.
    ///
    /// ```
    /// use resumable::sync::BoundedSemaphore;
    ///
    /// let sem = BoundedSemaphore::new(2);
    /// assert_eq!((sem.value(), sem.bound()), (2, 2));
    /// assert_eq!(sem.blocker().to_string(), "BoundedSemaphore-1");
    /// ```
    pub fn new(value: usize) -> Self {
        BoundedSemaphore {
            sem: Semaphore::labelled(value, Blocker::fresh("BoundedSemaphore")),
            bound: value,
        }
    }

    /// Waits for a permit and takes it: `await sem.acquire()`.
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::BoundedSemaphore};
    ///
    /// let sem = BoundedSemaphore::new(1);
    /// Runtime::new().run(sem.acquire()).unwrap();
    /// assert!(sem.locked());
    /// ```
    pub fn acquire(&self) -> SemaphoreAcquire {
        self.sem.acquire()
    }

    /// Takes a permit if one is free and nobody waits; `false` otherwise.
    /// See [`Semaphore::try_acquire`].
    pub fn try_acquire(&self) -> bool {
        self.sem.try_acquire()
    }

    /// Gives a permit back, to the first waiter if there is one:
    /// `sem.release()`.
    ///
    /// # Panics
    ///
    /// If every permit is back already (the count is at its bound), with
    /// asyncio's message: `ValueError('BoundedSemaphore released too many
    /// times')` there; a bug, not a condition to handle.
    ///
    /// ```
    /// use resumable::sync::BoundedSemaphore;
    ///
    /// let sem = BoundedSemaphore::new(1);
    /// assert!(sem.try_acquire());
    /// sem.release();
    /// assert_eq!(sem.value(), 1);
    /// ```
    #[track_caller]
    pub fn release(&self) {
        assert!(
            self.sem.value() < self.bound,
            "BoundedSemaphore released too many times"
        );
        self.sem.release();
    }

    /// The permits free now: see [`Semaphore::value`].
    pub fn value(&self) -> usize {
        self.sem.value()
    }

    /// The initial value, which [`value`](BoundedSemaphore::value) never
    /// exceeds.
    pub fn bound(&self) -> usize {
        self.bound
    }

    /// `true` if an acquire would wait: `sem.locked()`.
    pub fn locked(&self) -> bool {
        self.sem.locked()
    }

    /// What reports call this semaphore: `BoundedSemaphore-1`.
    pub fn blocker(&self) -> Blocker {
        self.sem.blocker()
    }
}

impl Default for BoundedSemaphore {
    /// One permit: `asyncio.BoundedSemaphore()`.
    fn default() -> Self {
        BoundedSemaphore::new(1)
    }
}

impl fmt::Debug for BoundedSemaphore {
    /// As asyncio shows it: `<BoundedSemaphore-1 [unlocked, value:1]>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.sem, f)
    }
}

/// `async with semaphore:`, as for [`Semaphore`]: one permit in, the same
/// permit out, so the bound is never passed.
///
/// ```
/// use resumable::scheduler::{async_with, ready, Runtime};
/// use resumable::sync::BoundedSemaphore;
///
/// let sem = BoundedSemaphore::new(1);
/// let inside = sem.clone();
/// let locked = Runtime::new().run(async_with(sem.clone(), move |()| ready(inside.locked())));
/// assert_eq!(locked.unwrap(), true);
/// assert_eq!(sem.value(), 1);
/// ```
impl AsyncContextManager for BoundedSemaphore {
    type Value = ();
    type Enter = SemaphoreAcquire;
    type Exit = Release;

    fn aenter(&mut self) -> SemaphoreAcquire {
        self.acquire()
    }

    fn aexit(&mut self, _: &Leaving) -> Release {
        Release::bounded(self)
    }
}
