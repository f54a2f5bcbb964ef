//! [`Lock`]: `asyncio.Lock`.

use core::fmt;

use super::permits::{snapshot, Permits, Shared};
use super::Acquire;
use crate::scheduler::Blocker;

/// A mutual-exclusion lock for tasks: `asyncio.Lock`.
///
/// One task at a time holds it, between [`acquire`](Lock::acquire) (or
/// [`try_acquire`](Lock::try_acquire)) and [`release`](Lock::release).
/// Python's `async with lock:` is an acquire, the block, and a release on
/// every way out of the block, written out by hand.
///
/// The lock belongs to no task in particular (as in asyncio): any code
/// may release it. A handle is cheap to clone; clones are the same lock.
///
/// # Fairness
///
/// Waiters are served first come, first served. A release with waiters
/// does not unlock: it hands the lock to the first waiter, who owns it
/// from that moment, so a task that comes later cannot take it first.
///
/// # Cancel safety
///
/// A waiting [`acquire`](Lock::acquire) that is cancelled, timed out,
/// closed or dropped leaves the line; if the lock had already been handed
/// to it, it is passed on to the next waiter (or unlocked). A cancelled
/// acquire never leaves the lock held, and a dropped task never leaks it
/// while it waits. Releasing on every way out of the critical section is
/// the holder's job, as Python's `async with` does it.
///
/// # Examples
///
/// ```python
/// lock = asyncio.Lock()
/// await lock.acquire()
/// first = asyncio.create_task(lock.acquire())
/// second = asyncio.create_task(lock.acquire())
/// await asyncio.sleep(0)
/// lock.release()
/// await asyncio.sleep(0)   # first holds the lock now, second still waits
/// ```
///
/// ```
/// use resumable::{scheduler::Runtime, sync::Lock};
///
/// let lock = Lock::new();
/// let mut rt = Runtime::new();
/// assert!(lock.try_acquire()); // the main program holds it
/// let first = rt.spawn(lock.acquire());
/// let second = rt.spawn(lock.acquire());
/// rt.run_until_idle();
/// assert!(!first.done() && !second.done()); // both wait, in this order
///
/// lock.release(); // handed straight to `first`
/// assert!(lock.locked() && !lock.try_acquire()); // nobody can cut in
/// rt.run_until_idle();
/// assert!(first.done() && !second.done());
/// ```
///
/// A task that acquires a lock it already holds waits for itself; the loop
/// reports the deadlock and names the lock:
///
/// ```
/// use resumable::{scheduler::Runtime, sync::Lock};
///
/// let lock = Lock::new();
/// assert!(lock.try_acquire());
/// let error = Runtime::new().run(lock.acquire()).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "deadlock: no task can run and no timer is pending\n  Task-1 waits for Lock-1"
/// );
/// ```
#[derive(Clone)]
pub struct Lock {
    permits: Shared,
}

impl Lock {
    /// An unlocked lock, named `Lock-N` in reports: `asyncio.Lock()`.
    ///
    /// It needs no running loop: create it anywhere and hand clones to the
    /// tasks that share it.
    ///
    /// ```
    /// use resumable::sync::Lock;
    ///
    /// let lock = Lock::new();
    /// assert!(!lock.locked());
    /// assert_eq!(lock.blocker().to_string(), "Lock-1");
    /// ```
    pub fn new() -> Self {
        Lock {
            permits: Permits::shared(1, "Lock"),
        }
    }

    /// Waits until the lock is free, then takes it: `await lock.acquire()`.
    ///
    /// Delegate to it with [`yield_from!`](crate::yield_from!) from a task,
    /// or spawn it as a task of its own. See [`Acquire`] for how it waits
    /// and what a cancellation does.
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::Lock};
    ///
    /// let lock = Lock::new();
    /// let mut rt = Runtime::new();
    /// rt.run(lock.acquire()).unwrap(); // free: taken at once
    /// assert!(lock.locked());
    /// ```
    pub fn acquire(&self) -> Acquire {
        Acquire::new(&self.permits)
    }

    /// Takes the lock if it is free and nobody waits for it; `false`
    /// otherwise. Never waits, and works outside a loop.
    ///
    /// ```
    /// use resumable::sync::Lock;
    ///
    /// let lock = Lock::new();
    /// assert!(lock.try_acquire());
    /// assert!(!lock.try_acquire()); // already held
    /// ```
    pub fn try_acquire(&self) -> bool {
        self.permits.borrow_mut().try_take()
    }

    /// Releases the lock: `lock.release()`. If tasks wait, the first of
    /// them gets the lock (it stays locked) and is woken.
    ///
    /// # Panics
    ///
    /// If the lock is not locked, as asyncio raises
    /// `RuntimeError('Lock is not acquired.')`.
    ///
    /// ```
    /// use resumable::sync::Lock;
    ///
    /// let lock = Lock::new();
    /// assert!(lock.try_acquire());
    /// lock.release();
    /// assert!(!lock.locked());
    /// ```
    ///
    /// ```should_panic
    /// resumable::sync::Lock::new().release(); // Lock-1 is not acquired
    /// ```
    #[track_caller]
    pub fn release(&self) {
        let mut permits = self.permits.borrow_mut();
        if permits.available() != 0 {
            let name = permits.blocker();
            drop(permits);
            panic!("{name} is not acquired: release() without a matching acquire()");
        }
        permits.give();
    }

    /// `true` while some task holds the lock: `lock.locked()`.
    ///
    /// ```
    /// use resumable::sync::Lock;
    ///
    /// let lock = Lock::new();
    /// assert!(!lock.locked());
    /// assert!(lock.try_acquire());
    /// assert!(lock.locked());
    /// ```
    pub fn locked(&self) -> bool {
        self.permits.borrow().available() == 0
    }

    /// What a task waiting for this lock waits for, as a deadlock report
    /// and a trace name it: `Lock-N`.
    ///
    /// ```
    /// use resumable::sync::Lock;
    ///
    /// let (first, second) = (Lock::new(), Lock::new());
    /// assert_eq!(first.blocker().to_string(), "Lock-1");
    /// assert_eq!(second.blocker().to_string(), "Lock-2");
    /// assert_eq!(first.clone().blocker(), first.blocker()); // same lock
    /// ```
    pub fn blocker(&self) -> Blocker {
        self.permits.borrow().blocker()
    }
}

impl Default for Lock {
    /// The same as [`Lock::new`].
    fn default() -> Self {
        Lock::new()
    }
}

impl fmt::Debug for Lock {
    /// ```
    /// use resumable::sync::Lock;
    ///
    /// let lock = Lock::new();
    /// assert_eq!(format!("{lock:?}"), "Lock { name: Lock-1, locked: false, waiting: 0 }");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Lock");
        if let Some((name, available, waiting)) = snapshot(&self.permits) {
            out.field("name", &format_args!("{name}"))
                .field("locked", &(available == 0))
                .field("waiting", &waiting);
        }
        out.finish()
    }
}
