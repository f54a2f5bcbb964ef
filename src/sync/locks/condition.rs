//! [`Condition`]: `asyncio.Condition`.

use alloc::collections::VecDeque;
use alloc::rc::Rc;
use core::cell::RefCell;
use core::fmt;

use super::repr::write_repr;
use super::{Acquire, ConditionWait, ConditionWaitFor, Lock, Release};
use crate::scheduler::{AsyncContextManager, Blocker, Leaving, Promise};

pub(super) struct State {
    /// The futures of the waits in progress, in arrival order.
    pub(super) waiters: VecDeque<Promise<bool>>,
    pub(super) blocker: Blocker,
    /// Waits closed without taking the lock back, whose `async with`
    /// must not release it: see `Release::condition`.
    pub(super) closed_without_lock: usize,
}

/// A lock with a waiting room: `asyncio.Condition`.
///
/// A task that holds the lock and cannot go on yet (the list it reads is
/// empty, say) calls [`wait`](Condition::wait): it releases the lock,
/// sleeps until another task calls [`notify`](Condition::notify), and takes
/// the lock back before it returns. [`wait_for`](Condition::wait_for) wraps
/// that in the loop that re-checks a predicate. The lock is its own
/// ([`new`](Condition::new)) or one you give it
/// ([`with_lock`](Condition::with_lock)). A handle is cheap to clone;
/// clones are the same condition.
///
/// # Fairness, as asyncio has it
///
/// `notify(n)` wakes the `n` longest-waiting tasks. Each, when it runs,
/// queues for the lock again at the back of the lock's line (the notifier
/// still holds it), so they go on one at a time, after the notifier
/// releases the lock.
///
/// # Cancel safety
///
/// A [`wait`](Condition::wait) that is cancelled leaves the line, **takes
/// the lock back, and then raises** the cancellation: code after a wait
/// always runs with the lock held. A cancellation that comes while it
/// takes the lock back is remembered; it keeps waiting for the lock, then
/// raises `CancelledError`. As in asyncio 3.11, a waiter cancelled after
/// `notify` woke it does not pass the notification on.
///
/// Closed (the task is being let go), a wait cannot wait any more: it
/// takes the lock back only if the lock is free, as Python's `finally`
/// does when its `acquire` need not suspend; closed while it queues for the
/// lock, it leaves that line and does not take it. Dropped, it takes
/// nothing (nobody would be left to release the lock). So the code around
/// a wait must not assume it holds the lock after a close: it asks
/// [`ConditionWait::holds_lock`], and releases only then.
///
/// # Examples
///
/// `async with cond: await cond.wait()`, with the release on every way
/// out of the block, a close included:
///
/// ```
/// use resumable::scheduler::{Request, Runtime, TaskError};
/// use resumable::sync::{Acquire, Condition, ConditionWait};
/// use resumable::{yield_from, Generator, GeneratorState::Complete, Outcome, Resume};
///
/// struct Consumer { cond: Condition, stage: Stage }
///
/// enum Stage { Acquiring(Acquire), Waiting(ConditionWait) }
///
/// impl Generator for Consumer {
///     type Yield = Request;
///     type Return = ();
///     type Error = TaskError;
///
///     fn resume(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
///         if let Stage::Acquiring(acquire) = &mut self.stage {
///             yield_from!(acquire, input)?; // async with cond:
///             self.stage = Stage::Waiting(self.cond.wait());
///             input = Resume::Next;
///         }
///         let Stage::Waiting(wait) = &mut self.stage else { unreachable!() };
///         let waited = yield_from!(wait, input); // await cond.wait()
///         if wait.holds_lock() {
///             self.cond.release(); // the end of `async with`, on every way out
///         }
///         waited.map(Complete)
///     }
/// }
///
/// let cond = Condition::new();
/// let mut rt = Runtime::new();
/// let consumer = Consumer { cond: cond.clone(), stage: Stage::Acquiring(cond.acquire()) };
/// let consumer = rt.spawn(consumer);
/// rt.run_until_idle();
/// assert!(!cond.locked() && !consumer.done()); // it waits, the lock released
///
/// assert!(cond.try_acquire()); // async with cond: cond.notify()
/// cond.notify(1);
/// cond.release();
/// rt.run_until_idle();
/// assert!(consumer.done() && !cond.locked()); // took the lock back, then released it
///
/// // Closed while it waits and the lock is held elsewhere: it takes
/// // nothing, so it releases nothing.
/// let mut rt = Runtime::new();
/// let consumer = Consumer { cond: cond.clone(), stage: Stage::Acquiring(cond.acquire()) };
/// rt.spawn(consumer).detach();
/// rt.run_until_idle();
/// assert!(cond.try_acquire());
/// drop(rt); // closes the consumer
/// assert!(cond.locked()); // still the main program's
/// ```
#[derive(Clone)]
pub struct Condition {
    pub(super) lock: Lock,
    pub(super) state: Rc<RefCell<State>>,
}

impl Condition {
    /// A condition with a lock of its own, named `Condition-N` in reports:
    /// `asyncio.Condition()`. Works outside a loop.
    ///
    /// ```
    /// use resumable::sync::Condition;
    ///
    /// let cond = Condition::new();
    /// assert!(!cond.locked());
    /// assert_eq!(cond.blocker().to_string(), "Condition-1");
    /// ```
    pub fn new() -> Self {
        Condition::with_lock(Lock::new())
    }

    /// A condition on a lock you already have: `asyncio.Condition(lock)`.
    /// Several conditions can share one lock.
    ///
    /// ```
    /// use resumable::sync::{Condition, Lock};
    ///
    /// let lock = Lock::new();
    /// let not_empty = Condition::with_lock(lock.clone());
    /// let not_full = Condition::with_lock(lock.clone());
    /// assert!(not_empty.try_acquire());
    /// assert!(lock.locked() && not_full.locked());
    /// ```
    pub fn with_lock(lock: Lock) -> Self {
        Condition {
            lock,
            state: Rc::new(RefCell::new(State {
                waiters: VecDeque::new(),
                blocker: Blocker::fresh("Condition"),
                closed_without_lock: 0,
            })),
        }
    }

    /// The lock underneath.
    pub fn lock(&self) -> &Lock {
        &self.lock
    }

    /// Takes the lock, waiting for it: `await cond.acquire()`.
    pub fn acquire(&self) -> Acquire {
        self.lock.acquire()
    }

    /// Takes the lock if it is free and nobody waits for it: see
    /// [`Lock::try_acquire`].
    pub fn try_acquire(&self) -> bool {
        self.lock.try_acquire()
    }

    /// Releases the lock: `cond.release()`.
    ///
    /// # Panics
    ///
    /// If the lock is not locked (see [`Lock::release`]).
    #[track_caller]
    pub fn release(&self) {
        self.lock.release();
    }

    /// `true` while the lock is held: `cond.locked()`.
    pub fn locked(&self) -> bool {
        self.lock.locked()
    }

    /// Releases the lock, waits for a notification, and takes the lock
    /// back: `await cond.wait()`. Call it with the lock held; without it,
    /// the wait raises `RuntimeError: cannot wait on un-acquired lock`.
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::Condition};
    ///
    /// let error = Runtime::new().run(Condition::new().wait()).unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "the main task raised RuntimeError: cannot wait on un-acquired lock"
    /// );
    /// ```
    pub fn wait(&self) -> ConditionWait {
        ConditionWait::new(self.clone())
    }

    /// Waits until `predicate` returns `true`: `await
    /// cond.wait_for(predicate)`. Call it with the lock held; the predicate
    /// runs with the lock held, first at once, then after each wake-up.
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::Condition};
    ///
    /// let cond = Condition::new();
    /// assert!(cond.try_acquire());
    /// Runtime::new().run(cond.wait_for(|| true)).unwrap(); // true already
    /// assert!(cond.locked());
    /// ```
    pub fn wait_for<P: FnMut() -> bool>(&self, predicate: P) -> ConditionWaitFor<P> {
        ConditionWaitFor::new(self.clone(), predicate)
    }

    /// Wakes up to `n` waiting tasks, the longest-waiting first:
    /// `cond.notify(n)`. Each takes the lock back before its wait returns.
    ///
    /// # Panics
    ///
    /// If the lock is not held, with asyncio's message: `RuntimeError('cannot
    /// notify on un-acquired lock')` there.
    ///
    /// ```
    /// use resumable::sync::Condition;
    ///
    /// let cond = Condition::new();
    /// assert!(cond.try_acquire());
    /// cond.notify(1); // nobody waits: nothing happens
    /// cond.release();
    /// ```
    #[track_caller]
    pub fn notify(&self, n: usize) {
        assert!(self.lock.locked(), "cannot notify on un-acquired lock");
        let state = self.state.borrow();
        let mut woken = 0;
        for future in &state.waiters {
            if woken >= n {
                break;
            }
            if !future.done() {
                woken += 1;
                let _ = future.set_result(false);
            }
        }
    }

    /// Wakes every waiting task: `cond.notify_all()`.
    ///
    /// # Panics
    ///
    /// If the lock is not held, as [`notify`](Condition::notify).
    #[track_caller]
    pub fn notify_all(&self) {
        let waiting = self.state.borrow().waiters.len();
        self.notify(waiting);
    }

    /// What reports call a task waiting for a notification: `Condition-1`
    /// (one taking the lock back waits for the lock's name).
    pub fn blocker(&self) -> Blocker {
        self.state.borrow().blocker
    }
}

impl Default for Condition {
    fn default() -> Self {
        Condition::new()
    }
}

impl fmt::Debug for Condition {
    /// As asyncio shows it: `<Condition-1 [unlocked, waiters:1]>`.
    ///
    /// ```
    /// use resumable::sync::Condition;
    ///
    /// assert_eq!(format!("{:?}", Condition::new()), "<Condition-1 [unlocked]>");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state.borrow();
        let held = if self.locked() { "locked" } else { "unlocked" };
        write_repr(f, state.blocker, state.waiters.len(), |f| f.write_str(held))
    }
}

/// `async with cond:`: entering takes the lock ([`acquire`](Condition::acquire),
/// giving `()`), leaving releases it, on every way out of the body.
///
/// # Closing
///
/// A [`wait`](Condition::wait) in the body that is closed while another
/// task holds the lock ends without it (closing cannot wait for the lock),
/// and the condition remembers that; the block's exit, closed too, then
/// releases nothing, instead of releasing the other task's lock. A wait
/// closed outside `async with`, in a block written by hand, leaves that
/// note behind for the next closed block on the condition: check
/// [`ConditionWait::holds_lock`] there instead.
///
/// ```python
/// async with cond:
///     cond.notify_all()
/// ```
///
/// ```
/// use resumable::scheduler::{async_with, ready, Runtime};
/// use resumable::sync::Condition;
///
/// let cond = Condition::new();
/// let notify = cond.clone();
/// let block = async_with(cond.clone(), move |()| {
///     notify.notify_all(); // with the lock held, as notifying needs
///     ready(())
/// });
/// Runtime::new().run(block).unwrap();
/// assert!(!cond.locked());
/// ```
impl AsyncContextManager for Condition {
    type Value = ();
    type Enter = Acquire;
    type Exit = Release;

    fn aenter(&mut self) -> Acquire {
        self.acquire()
    }

    fn aexit(&mut self, leaving: &Leaving) -> Release {
        Release::condition(self, matches!(leaving, Leaving::Closed))
    }
}

impl Condition {
    /// Notes that a wait was closed without taking the lock back.
    pub(super) fn note_closed_without_lock(&self) {
        self.state.borrow_mut().closed_without_lock += 1;
    }

    /// Takes one such note, if there is one.
    pub(super) fn take_closed_without_lock(&self) -> bool {
        let mut state = self.state.borrow_mut();
        let noted = state.closed_without_lock > 0;
        state.closed_without_lock -= usize::from(noted);
        noted
    }
}
