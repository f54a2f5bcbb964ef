//! [`Lock`]: `asyncio.Lock`.

use alloc::collections::VecDeque;
use alloc::rc::Rc;
use core::cell::RefCell;
use core::fmt;

use super::repr::write_repr;
use super::Release;
use crate::generator::{Generator, Outcome, Resume};
use crate::scheduler::{AsyncContextManager, Blocker, Leaving, Promise, Request, TaskError};
use crate::sync::waiter::{join_line, leave_line, Line, Waiter};

struct State {
    locked: bool,
    /// The futures of the acquires waiting, in arrival order.
    waiters: VecDeque<Promise<bool>>,
    blocker: Blocker,
}

impl State {
    /// `_wake_up_first`: the first waiter's future gets its result, unless
    /// it is done (cancelled, or woken already).
    fn wake_up_first(&self) {
        if let Some(first) = self.waiters.front() {
            if !first.done() {
                let _ = first.set_result(true);
            }
        }
    }
}

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
/// # Fairness, as asyncio has it
///
/// Waiters line up first come, first served. [`release`](Lock::release)
/// unlocks and wakes the first waiter; the lock is free until that waiter
/// runs and takes it, so [`locked`](Lock::locked) is `false` in between.
/// A newcomer cannot take it in between either: `acquire` only takes a free
/// lock at once when nobody waits.
///
/// # Cancel safety
///
/// A waiting [`acquire`](Lock::acquire) that is cancelled leaves the line;
/// if the lock is free, it wakes the next waiter (it may have been woken
/// itself, and will not take the lock). A cancelled acquire never holds the
/// lock. Closed or dropped, or thrown any other error, it does the same
/// (asyncio does it for `CancelledError` only, and a coroutine closed after
/// `release` woke it would leave the lock free with the next waiter asleep
/// for good). Releasing on every way out of the critical section is the
/// holder's job, as Python's `async with` does it.
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
/// assert not lock.locked()  # free until `first` runs
/// await asyncio.sleep(0)    # `first` holds it now, `second` still waits
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
/// lock.release(); // unlocked, `first` is woken
/// assert!(!lock.locked() && !lock.try_acquire()); // free, but not for newcomers
/// rt.run_until_idle();
/// assert!(first.done() && !second.done() && lock.locked());
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
    state: Rc<RefCell<State>>,
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
            state: Rc::new(RefCell::new(State {
                locked: false,
                waiters: VecDeque::new(),
                blocker: Blocker::fresh("Lock"),
            })),
        }
    }

    /// Waits until the lock is free, then takes it: `await lock.acquire()`.
    ///
    /// Delegate to it with [`yield_from!`](crate::yield_from!) from a task,
    /// or spawn it as a task of its own.
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
        Acquire {
            waiter: Waiter::new(self.clone()),
        }
    }

    /// Takes the lock if [`acquire`](Lock::acquire) would take it at once
    /// (it is free and nobody waits for it); `false` otherwise. Never
    /// waits, and works outside a loop.
    ///
    /// ```
    /// use resumable::sync::Lock;
    ///
    /// let lock = Lock::new();
    /// assert!(lock.try_acquire());
    /// assert!(!lock.try_acquire());
    /// ```
    pub fn try_acquire(&self) -> bool {
        let mut state = self.state.borrow_mut();
        let free = !state.locked && state.waiters.iter().all(Promise::cancelled);
        if free {
            state.locked = true;
        }
        free
    }

    /// Unlocks and wakes the first waiter: `lock.release()`.
    ///
    /// # Panics
    ///
    /// If the lock is not locked (asyncio's `RuntimeError: Lock is not
    /// acquired.`).
    #[track_caller]
    pub fn release(&self) {
        let mut state = self.state.borrow_mut();
        assert!(state.locked, "Lock is not acquired.");
        state.locked = false;
        let state = &*state;
        state.wake_up_first();
    }

    /// `true` while some task holds the lock: `lock.locked()`.
    pub fn locked(&self) -> bool {
        self.state.borrow().locked
    }

    /// What reports call this lock: `Lock-1`.
    pub fn blocker(&self) -> Blocker {
        self.state.borrow().blocker
    }
}

impl Default for Lock {
    fn default() -> Self {
        Lock::new()
    }
}

impl fmt::Debug for Lock {
    /// As asyncio shows it: `<Lock-1 [locked, waiters:2]>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state.borrow();
        let held = if state.locked { "locked" } else { "unlocked" };
        write_repr(f, state.blocker, state.waiters.len(), |f| f.write_str(held))
    }
}

/// The awaitable of [`Lock::acquire`]: `await lock.acquire()`.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct Acquire {
    waiter: Waiter<Lock>,
}

impl Line for Lock {
    const AWAITABLE: &'static str = "Acquire";
    type Wake = bool;
    type Return = ();

    #[inline]
    fn try_now(&mut self) -> Option<()> {
        // if not self._locked and all(w.cancelled() for w in self._waiters):
        self.try_acquire().then_some(())
    }

    fn join(&mut self) -> Promise<bool> {
        let mut state = self.state.borrow_mut();
        join_line(state.blocker, &mut state.waiters)
    }

    fn woken(&mut self, future: &Promise<bool>) -> Option<()> {
        let mut state = self.state.borrow_mut();
        // finally: self._waiters.remove(fut)
        leave_line(&mut state.waiters, future);
        // self._locked = True
        state.locked = true;
        Some(())
    }

    fn give_up(&mut self, future: &Promise<bool>) {
        let Ok(mut state) = self.state.try_borrow_mut() else {
            return;
        };
        // finally: self._waiters.remove(fut)
        leave_line(&mut state.waiters, future);
        // except CancelledError: if not self._locked: self._wake_up_first()
        // Here for every way out (any error, GeneratorExit, and a drop):
        // asyncio only expects a cancellation there, and a waiter closed
        // after `release` woke it would leave the lock free and the next
        // waiter asleep for good.
        if !state.locked {
            state.wake_up_first();
        }
    }
}

impl Generator for Acquire {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    #[inline]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        self.waiter.resume(input)
    }
}

impl fmt::Debug for Acquire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Acquire")
            .field("lock", self.waiter.line())
            .field("stage", &self.waiter.stage())
            .finish()
    }
}

/// `async with lock:` (asyncio's `_ContextManagerMixin`): entering is
/// [`acquire`](Lock::acquire) and gives `()` (Python's `None`), leaving is
/// [`release`](Lock::release), on every way out of the body. A
/// cancellation while entering waits leaves the lock as it was.
///
/// ```python
/// async with lock:
///     assert lock.locked()
/// ```
///
/// ```
/// use resumable::scheduler::{async_with, ready, Runtime};
/// use resumable::sync::Lock;
///
/// let lock = Lock::new();
/// let inside = lock.clone();
/// let held = Runtime::new().run(async_with(lock.clone(), move |()| ready(inside.locked())));
/// assert_eq!(held.unwrap(), true);
/// assert!(!lock.locked());
/// ```
impl AsyncContextManager for Lock {
    type Value = ();
    type Enter = Acquire;
    type Exit = Release;

    fn aenter(&mut self) -> Acquire {
        self.acquire()
    }

    fn aexit(&mut self, _: &Leaving) -> Release {
        Release::lock(self)
    }
}
