//! [`Condition`]: `asyncio.Condition`.

use alloc::rc::Rc;
use core::cell::RefCell;
use core::fmt;

use super::waiters::{park, resumed_after_done, Ticket, WaitQueue};
use super::{Acquire, Lock};
use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{current_waker, Blocker, Request, TaskError};
use crate::yield_from;

struct State {
    /// Served (with `()`) by `notify`.
    line: WaitQueue<()>,
    blocker: Blocker,
}

/// A lock with a waiting room: `asyncio.Condition`.
///
/// A task that holds the lock and finds that it cannot go on yet (the
/// queue it reads is empty, say) calls [`wait`](Condition::wait): it
/// releases the lock, sleeps until another task calls
/// [`notify`](Condition::notify), and takes the lock back before it
/// returns. [`wait_for`](Condition::wait_for) wraps that in the loop that
/// re-checks a predicate. The lock is its own ([`new`](Condition::new)) or
/// one you give it ([`with_lock`](Condition::with_lock)); a handle is cheap
/// to clone, and clones are the same condition.
///
/// # Fairness
///
/// Notifications go to the waiters in the order they came, and the lock
/// they take back is handed over in FIFO order as well.
///
/// # Cancel safety
///
/// A [`wait`](Condition::wait) that is cancelled or timed out while it
/// waits for a notification leaves the line, passes on a notification it
/// had already been given (so no `notify` is lost), then **takes the lock
/// back before it raises the error**, as asyncio does: code after the wait
/// always runs with the lock held, and releases it once. Further errors
/// thrown in while it takes the lock back replace the first; it keeps
/// waiting for the lock.
///
/// Closed, it cannot wait any more: it leaves the line (passing on a
/// notification) and takes the lock back only if it can without waiting
/// (the lock is free, or was already handed to it), as Python's `finally:`
/// does when its `acquire` need not suspend; so the closing code around it,
/// which releases the lock, stays balanced whenever the lock was free.
/// Dropped, it leaves the line and the lock's line, and takes nothing:
/// nobody would be left to release it.
///
/// # Examples
///
/// ```python
/// cond = asyncio.Condition()
/// async def consumer():
///     async with cond:
///         await cond.wait()
///
/// task = asyncio.create_task(consumer())
/// await asyncio.sleep(0)
/// async with cond:
///     cond.notify()
/// ```
///
/// ```
/// use resumable::{scheduler::Runtime, sync::Condition};
///
/// let cond = Condition::new();
/// let mut rt = Runtime::new();
/// assert!(cond.try_acquire()); // what `async with cond:` does first
/// let consumer = rt.spawn(cond.wait()); // releases the lock, waits
/// rt.run_until_idle();
/// assert!(!cond.locked() && !consumer.done());
///
/// assert!(cond.try_acquire()); // async with cond:
/// cond.notify(1);
/// cond.release();
/// rt.run_until_idle();
/// assert!(consumer.done());
/// assert!(cond.locked()); // the consumer took the lock back
/// ```
#[derive(Clone)]
pub struct Condition {
    lock: Lock,
    state: Rc<RefCell<State>>,
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
                line: WaitQueue::new(),
                blocker: Blocker::fresh("Condition"),
            })),
        }
    }

    /// The lock underneath.
    ///
    /// ```
    /// use resumable::sync::Condition;
    ///
    /// let cond = Condition::new();
    /// assert_eq!(cond.lock().blocker().to_string(), "Lock-1");
    /// ```
    pub fn lock(&self) -> &Lock {
        &self.lock
    }

    /// Takes the lock, waiting for it: `await cond.acquire()`.
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::Condition};
    ///
    /// let cond = Condition::new();
    /// Runtime::new().run(cond.acquire()).unwrap();
    /// assert!(cond.locked());
    /// ```
    pub fn acquire(&self) -> Acquire {
        self.lock.acquire()
    }

    /// Takes the lock if it is free and nobody waits for it.
    ///
    /// ```
    /// use resumable::sync::Condition;
    ///
    /// let cond = Condition::new();
    /// assert!(cond.try_acquire());
    /// assert!(!cond.try_acquire());
    /// ```
    pub fn try_acquire(&self) -> bool {
        self.lock.try_acquire()
    }

    /// Releases the lock: `cond.release()`.
    ///
    /// # Panics
    ///
    /// If the lock is not locked (see [`Lock::release`]).
    ///
    /// ```
    /// use resumable::sync::Condition;
    ///
    /// let cond = Condition::new();
    /// assert!(cond.try_acquire());
    /// cond.release();
    /// assert!(!cond.locked());
    /// ```
    #[track_caller]
    pub fn release(&self) {
        self.lock.release();
    }

    /// `true` while the lock is held: `cond.locked()`.
    ///
    /// ```
    /// use resumable::sync::Condition;
    ///
    /// assert!(!Condition::new().locked());
    /// ```
    pub fn locked(&self) -> bool {
        self.lock.locked()
    }

    /// Releases the lock, waits for a notification, and takes the lock
    /// back: `await cond.wait()`. Call it with the lock held. See
    /// [`ConditionWait`].
    ///
    /// # Panics
    ///
    /// At its first step, if the lock is not held (asyncio raises
    /// `RuntimeError('cannot wait on un-acquired lock')`).
    ///
    /// ```should_panic
    /// use resumable::{sync::Condition, Generator};
    ///
    /// let _ = Condition::new().wait().next(); // the lock is not held
    /// ```
    pub fn wait(&self) -> ConditionWait {
        ConditionWait {
            cond: self.clone(),
            phase: Phase::Start,
        }
    }

    /// Waits until `predicate` returns `true`: `await
    /// cond.wait_for(predicate)`. Call it with the lock held; the
    /// predicate runs with the lock held, first at once, then after each
    /// notification. See [`ConditionWaitFor`].
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
        ConditionWaitFor {
            cond: self.clone(),
            predicate,
            wait: None,
            started: false,
        }
    }

    /// Wakes up to `n` waiting tasks, the longest-waiting first:
    /// `cond.notify(n)`. Each takes the lock back before its wait returns,
    /// so they go on one at a time, after the notifier releases the lock.
    ///
    /// # Panics
    ///
    /// If the lock is not held (asyncio raises `RuntimeError('cannot
    /// notify on un-acquired lock')`).
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
        let mut state = self.state.borrow_mut();
        if !self.lock.locked() {
            let name = state.blocker;
            drop(state);
            panic!("cannot notify on un-acquired lock: acquire {name} before notify()");
        }
        state.line.serve_many(n);
    }

    /// Wakes every waiting task: `cond.notify_all()`.
    ///
    /// # Panics
    ///
    /// If the lock is not held, as [`notify`](Condition::notify).
    ///
    /// ```
    /// use resumable::sync::Condition;
    ///
    /// let cond = Condition::new();
    /// assert!(cond.try_acquire());
    /// cond.notify_all();
    /// cond.release();
    /// ```
    #[track_caller]
    pub fn notify_all(&self) {
        self.notify(usize::MAX);
    }

    /// The name a deadlock report gives a task waiting for a notification:
    /// `Condition-N` (one waiting to take the lock back waits for the
    /// lock's name).
    ///
    /// ```
    /// use resumable::sync::Condition;
    ///
    /// assert_eq!(Condition::new().blocker().kind(), "Condition");
    /// ```
    pub fn blocker(&self) -> Blocker {
        self.state.borrow().blocker
    }

    /// Leaves the line; a notification already given goes to the next
    /// waiter, so a cancelled wait does not swallow it.
    fn leave(&self, ticket: Ticket) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            if state.line.leave(ticket).is_some() {
                let _ = state.line.serve(());
            }
        }
    }
}

impl Default for Condition {
    /// The same as [`Condition::new`].
    fn default() -> Self {
        Condition::new()
    }
}

impl fmt::Debug for Condition {
    /// ```
    /// use resumable::sync::Condition;
    ///
    /// assert_eq!(
    ///     format!("{:?}", Condition::new()),
    ///     "Condition { name: Condition-1, lock: Lock { name: Lock-1, locked: false, waiting: 0 }, waiting: 0 }"
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Condition");
        if let Ok(state) = self.state.try_borrow() {
            out.field("name", &format_args!("{}", state.blocker))
                .field("lock", &self.lock)
                .field("waiting", &state.line.waiting());
        }
        out.finish()
    }
}

enum Phase {
    Start,
    /// In the condition's line, with the lock released.
    Notify(Ticket),
    /// Taking the lock back; `error` is raised once it is held.
    Reacquire {
        acquire: Acquire,
        error: Option<TaskError>,
    },
    Done,
}

/// The awaitable of [`Condition::wait`]: `await cond.wait()`.
///
/// At its first step it joins the condition's line and releases the lock;
/// once notified it takes the lock back (through an [`Acquire`], in FIFO
/// order) and returns. It yields `Wait` on the condition while it waits
/// for a notification, and on the lock while it takes it back.
///
/// # Cancel safety
///
/// Thrown an error while waiting for a notification, it leaves the line,
/// passes on a notification it had been given, takes the lock back, and
/// only then raises the error; an error thrown while it takes the lock
/// back replaces the first. Closed, it leaves the line (passing a
/// notification on) and takes the lock only if it can without waiting.
/// Dropped, it leaves both lines and takes nothing.
///
/// ```
/// use resumable::sync::Condition;
///
/// let cond = Condition::new();
/// assert!(cond.try_acquire());
/// let wait = cond.wait();
/// drop(wait); // never started: the lock is untouched
/// assert!(cond.locked());
/// ```
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct ConditionWait {
    cond: Condition,
    phase: Phase,
}

impl ConditionWait {
    /// Joins the line, then releases the lock (which may hand it to a
    /// task that will notify us).
    fn start(&mut self) -> Outcome<Request, (), TaskError> {
        let blocker = self.cond.blocker();
        if !self.cond.locked() {
            panic!("cannot wait on un-acquired lock: acquire the lock of {blocker} before wait()");
        }
        let ticket = self.cond.state.borrow_mut().line.join(current_waker());
        self.phase = Phase::Notify(ticket);
        self.cond.lock.release();
        park(blocker)
    }

    fn await_notify(
        &mut self,
        ticket: Ticket,
        input: Resume<(), TaskError>,
    ) -> Outcome<Request, (), TaskError> {
        let error = match input {
            Resume::Next | Resume::Send(()) => {
                let notified = self.cond.state.borrow_mut().line.take(ticket).is_some();
                if !notified {
                    return park(self.cond.blocker());
                }
                None
            }
            Resume::Throw(error) => {
                self.cond.leave(ticket);
                Some(error)
            }
            Resume::Close => {
                self.cond.leave(ticket);
                self.phase = Phase::Done;
                // Closing cannot wait; a free lock is taken back at once.
                let _ = self.cond.lock.try_acquire();
                return Err(Exception::GeneratorExit);
            }
        };
        self.phase = Phase::Reacquire {
            acquire: self.cond.lock.acquire(),
            error,
        };
        self.reacquire(Resume::Next)
    }

    fn reacquire(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        let Phase::Reacquire { acquire, error } = &mut self.phase else {
            unreachable!("reacquire outside its phase");
        };
        let input = match input {
            // Keep waiting for the lock: the caller's code after the wait
            // runs with it held, and releases it.
            Resume::Throw(thrown) => {
                *error = Some(thrown);
                Resume::Next
            }
            // Closing cannot wait: keep the lock if it was handed to us
            // already; otherwise the acquire leaves its line when dropped.
            Resume::Close => {
                let _ = acquire.resume(Resume::Next);
                self.phase = Phase::Done;
                return Err(Exception::GeneratorExit);
            }
            other => other,
        };
        let acquired = yield_from!(acquire, input);
        let error = error.take();
        self.phase = Phase::Done;
        acquired?;
        match error {
            Some(error) => Err(Exception::Raised(error)),
            None => Ok(GeneratorState::Complete(())),
        }
    }
}

impl Generator for ConditionWait {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        match self.phase {
            Phase::Start => {
                if let Err(exception) = input.sent() {
                    self.phase = Phase::Done;
                    return Err(exception);
                }
                self.start()
            }
            Phase::Notify(ticket) => self.await_notify(ticket, input),
            Phase::Reacquire { .. } => self.reacquire(input),
            Phase::Done => resumed_after_done("condition wait"),
        }
    }
}

impl Drop for ConditionWait {
    /// Leaves the line; an unfinished re-acquire cleans up in its own drop.
    fn drop(&mut self) {
        if let Phase::Notify(ticket) = self.phase {
            self.cond.leave(ticket);
        }
    }
}

impl fmt::Debug for ConditionWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let phase = match &self.phase {
            Phase::Start => "start",
            Phase::Notify(_) => "waiting for a notification",
            Phase::Reacquire { .. } => "taking the lock back",
            Phase::Done => "done",
        };
        f.debug_struct("ConditionWait")
            .field("cond", &self.cond)
            .field("phase", &phase)
            .finish()
    }
}

/// The awaitable of [`Condition::wait_for`]: `await cond.wait_for(predicate)`,
/// which is
///
/// ```python
/// while not predicate():
///     await cond.wait()
/// ```
///
/// # Cancel safety
///
/// That of the [`ConditionWait`] it is in: an error thrown in is raised
/// with the lock held again; closed, it takes the lock back only if it can
/// without waiting; dropped, it takes nothing.
///
/// ```
/// use resumable::{sync::Condition, Generator, GeneratorState::Complete};
///
/// let cond = Condition::new();
/// assert!(cond.try_acquire());
/// assert_eq!(cond.wait_for(|| true).next().ok(), Some(Complete(())));
/// ```
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct ConditionWaitFor<P> {
    cond: Condition,
    predicate: P,
    wait: Option<ConditionWait>,
    started: bool,
}

impl<P: FnMut() -> bool> Generator for ConditionWaitFor<P> {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        loop {
            match &mut self.wait {
                Some(wait) => {
                    yield_from!(wait, input)?;
                    self.wait = None;
                }
                None if !self.started => {
                    input.sent()?;
                    self.started = true;
                }
                None => resumed_after_done("condition wait_for"),
            }
            if (self.predicate)() {
                return Ok(GeneratorState::Complete(()));
            }
            self.wait = Some(self.cond.wait());
            input = Resume::Next;
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
