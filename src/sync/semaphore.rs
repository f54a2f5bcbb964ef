//! [`Semaphore`] and [`BoundedSemaphore`]: `asyncio.Semaphore` and
//! `asyncio.BoundedSemaphore`.

use core::fmt;

use super::permits::{snapshot, Permits, Shared};
use super::Acquire;
use crate::scheduler::Blocker;

/// A counter of permits for tasks: `asyncio.Semaphore(value)`.
///
/// [`acquire`](Semaphore::acquire) takes a permit, waiting while there is
/// none; [`release`](Semaphore::release) gives one back. At most `value`
/// tasks hold one at a time: the tool to limit how many connections, say,
/// are open at once. A handle is cheap to clone; clones are the same
/// semaphore.
///
/// A plain semaphore trusts its users: a release without an acquire adds
/// a permit. [`BoundedSemaphore`] refuses that.
///
/// # Fairness
///
/// Waiters are served first come, first served: a permit released while
/// tasks wait is handed to the first of them directly, so the count stays
/// at zero and a newcomer cannot take the permit first.
///
/// # Cancel safety
///
/// A waiting [`acquire`](Semaphore::acquire) that is cancelled, timed out,
/// closed or dropped leaves the line; if a permit had already been handed
/// to it, it is passed on to the next waiter (or counted back). No permit
/// is lost, and a cancelled acquire never holds one.
///
/// # Examples
///
/// ```python
/// sem = asyncio.Semaphore(2)
/// tasks = [asyncio.create_task(sem.acquire()) for _ in range(3)]
/// await asyncio.sleep(0)    # two got a permit, the third waits
/// ```
///
/// ```
/// use resumable::{scheduler::Runtime, sync::Semaphore};
///
/// let sem = Semaphore::new(2);
/// let mut rt = Runtime::new();
/// let tasks: Vec<_> = (0..3).map(|_| rt.spawn(sem.acquire())).collect();
/// rt.run_until_idle();
/// let done: Vec<bool> = tasks.iter().map(|task| task.done()).collect();
/// assert_eq!(done, [true, true, false]);
/// assert_eq!(sem.value(), 0);
/// assert!(sem.locked());
/// ```
#[derive(Clone)]
pub struct Semaphore {
    permits: Shared,
}

impl Semaphore {
    /// A semaphore with `value` permits, named `Semaphore-N` in reports:
    /// `asyncio.Semaphore(value)`. Works outside a loop.
    ///
    /// ```
    /// use resumable::sync::Semaphore;
    ///
    /// let sem = Semaphore::new(3);
    /// assert_eq!(sem.value(), 3);
    /// assert_eq!(sem.blocker().to_string(), "Semaphore-1");
    /// ```
    pub fn new(value: usize) -> Self {
        Semaphore {
            permits: Permits::shared(value, "Semaphore"),
        }
    }

    /// Waits for a permit and takes it: `await sem.acquire()`. See
    /// [`Acquire`].
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::Semaphore};
    ///
    /// let sem = Semaphore::new(1);
    /// Runtime::new().run(sem.acquire()).unwrap();
    /// assert_eq!(sem.value(), 0);
    /// ```
    pub fn acquire(&self) -> Acquire {
        Acquire::new(&self.permits)
    }

    /// Takes a permit if one is free and nobody waits; `false` otherwise.
    /// Never waits.
    ///
    /// ```
    /// use resumable::sync::Semaphore;
    ///
    /// let sem = Semaphore::new(1);
    /// assert!(sem.try_acquire());
    /// assert!(!sem.try_acquire());
    /// ```
    pub fn try_acquire(&self) -> bool {
        self.permits.borrow_mut().try_take()
    }

    /// Gives a permit back: `sem.release()`. If tasks wait, the first of
    /// them gets it and is woken; otherwise the count goes up, even above
    /// the initial value (use [`BoundedSemaphore`] to refuse that).
    ///
    /// # Panics
    ///
    /// If the count would overflow `usize`.
    ///
    /// ```
    /// use resumable::sync::Semaphore;
    ///
    /// let sem = Semaphore::new(0);
    /// sem.release();
    /// sem.release();
    /// assert_eq!(sem.value(), 2); // nothing stops an extra release
    /// ```
    pub fn release(&self) {
        self.permits.borrow_mut().give();
    }

    /// The permits free now: Python's `sem._value`. Zero while anyone
    /// waits.
    ///
    /// ```
    /// use resumable::sync::Semaphore;
    ///
    /// let sem = Semaphore::new(2);
    /// assert!(sem.try_acquire());
    /// assert_eq!(sem.value(), 1);
    /// ```
    pub fn value(&self) -> usize {
        self.permits.borrow().available()
    }

    /// `true` if an acquire would wait: `sem.locked()`.
    ///
    /// ```
    /// use resumable::sync::Semaphore;
    ///
    /// let sem = Semaphore::new(1);
    /// assert!(!sem.locked());
    /// assert!(sem.try_acquire());
    /// assert!(sem.locked());
    /// ```
    pub fn locked(&self) -> bool {
        let permits = self.permits.borrow();
        permits.available() == 0 || permits.waiting() > 0
    }

    /// The name a deadlock report gives this semaphore: `Semaphore-N`.
    ///
    /// ```
    /// use resumable::sync::Semaphore;
    ///
    /// assert_eq!(Semaphore::new(1).blocker().kind(), "Semaphore");
    /// ```
    pub fn blocker(&self) -> Blocker {
        self.permits.borrow().blocker()
    }
}

impl fmt::Debug for Semaphore {
    /// ```
    /// use resumable::sync::Semaphore;
    ///
    /// assert_eq!(
    ///     format!("{:?}", Semaphore::new(2)),
    ///     "Semaphore { name: Semaphore-1, value: 2, waiting: 0 }"
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_semaphore(f, "Semaphore", &self.permits)
    }
}

/// A semaphore that refuses to be released more times than it was
/// acquired: `asyncio.BoundedSemaphore(value)`.
///
/// Everything else is [`Semaphore`]'s: the same FIFO hand-off and the same
/// cancel safety (a cancelled or dropped waiting acquire passes on a
/// permit it had been handed, and leaves the line).
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
/// sem.release(); // panics: BoundedSemaphore-1 released too many times
/// ```
#[derive(Clone)]
pub struct BoundedSemaphore {
    permits: Shared,
    bound: usize,
}

impl BoundedSemaphore {
    /// A semaphore with `value` permits that may never hold more, named
    /// `BoundedSemaphore-N` in reports.
    ///
    /// ```
    /// use resumable::sync::BoundedSemaphore;
    ///
    /// let sem = BoundedSemaphore::new(2);
    /// assert_eq!((sem.value(), sem.bound()), (2, 2));
    /// ```
    pub fn new(value: usize) -> Self {
        BoundedSemaphore {
            permits: Permits::shared(value, "BoundedSemaphore"),
            bound: value,
        }
    }

    /// Waits for a permit and takes it: `await sem.acquire()`. See
    /// [`Acquire`].
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::BoundedSemaphore};
    ///
    /// let sem = BoundedSemaphore::new(1);
    /// Runtime::new().run(sem.acquire()).unwrap();
    /// assert!(sem.locked());
    /// ```
    pub fn acquire(&self) -> Acquire {
        Acquire::new(&self.permits)
    }

    /// Takes a permit if one is free and nobody waits; `false` otherwise.
    ///
    /// ```
    /// use resumable::sync::BoundedSemaphore;
    ///
    /// let sem = BoundedSemaphore::new(1);
    /// assert!(sem.try_acquire());
    /// assert!(!sem.try_acquire());
    /// ```
    pub fn try_acquire(&self) -> bool {
        self.permits.borrow_mut().try_take()
    }

    /// Gives a permit back, to the first waiter if there is one.
    ///
    /// # Panics
    ///
    /// If every permit is already back (the count is at its bound), as
    /// asyncio raises `ValueError('BoundedSemaphore released too many
    /// times')`. A release is a bug there, not a condition to handle, so
    /// it panics as [`Lock::release`](super::Lock::release) does.
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
        let mut permits = self.permits.borrow_mut();
        if permits.available() >= self.bound {
            let name = permits.blocker();
            drop(permits);
            panic!("{name} released too many times");
        }
        permits.give();
    }

    /// The permits free now. Zero while anyone waits.
    ///
    /// ```
    /// use resumable::sync::BoundedSemaphore;
    ///
    /// assert_eq!(BoundedSemaphore::new(3).value(), 3);
    /// ```
    pub fn value(&self) -> usize {
        self.permits.borrow().available()
    }

    /// The initial value, which the count never exceeds.
    ///
    /// ```
    /// use resumable::sync::BoundedSemaphore;
    ///
    /// assert_eq!(BoundedSemaphore::new(3).bound(), 3);
    /// ```
    pub fn bound(&self) -> usize {
        self.bound
    }

    /// `true` if an acquire would wait: `sem.locked()`.
    ///
    /// ```
    /// use resumable::sync::BoundedSemaphore;
    ///
    /// assert!(BoundedSemaphore::new(0).locked());
    /// ```
    pub fn locked(&self) -> bool {
        let permits = self.permits.borrow();
        permits.available() == 0 || permits.waiting() > 0
    }

    /// The name a deadlock report gives this semaphore:
    /// `BoundedSemaphore-N`.
    ///
    /// ```
    /// use resumable::sync::BoundedSemaphore;
    ///
    /// assert_eq!(BoundedSemaphore::new(1).blocker().to_string(), "BoundedSemaphore-1");
    /// ```
    pub fn blocker(&self) -> Blocker {
        self.permits.borrow().blocker()
    }
}

impl fmt::Debug for BoundedSemaphore {
    /// ```
    /// use resumable::sync::BoundedSemaphore;
    ///
    /// assert_eq!(
    ///     format!("{:?}", BoundedSemaphore::new(2)),
    ///     "BoundedSemaphore { name: BoundedSemaphore-1, value: 2, waiting: 0 }"
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_semaphore(f, "BoundedSemaphore", &self.permits)
    }
}

fn debug_semaphore(f: &mut fmt::Formatter<'_>, type_name: &str, permits: &Shared) -> fmt::Result {
    let mut out = f.debug_struct(type_name);
    if let Some((name, available, waiting)) = snapshot(permits) {
        out.field("name", &format_args!("{name}"))
            .field("value", &available)
            .field("waiting", &waiting);
    }
    out.finish()
}
