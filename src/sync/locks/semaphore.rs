//! [`Semaphore`]: `asyncio.Semaphore`, and the awaitable of its acquire,
//! which [`BoundedSemaphore`](super::BoundedSemaphore) shares.

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
    /// `_value`: the permits free, less those given to woken waiters.
    value: usize,
    /// The futures of the acquires waiting, in arrival order.
    waiters: VecDeque<Promise<bool>>,
    blocker: Blocker,
}

impl State {
    fn locked(&self) -> bool {
        self.value == 0 || self.waiters.iter().any(|waiter| !waiter.cancelled())
    }

    /// `_wake_up_next`: the first waiter not done gets a permit (taken off
    /// `value` now) and its future's result.
    fn wake_up_next(&mut self) {
        if let Some(first) = self.waiters.iter().find(|waiter| !waiter.done()) {
            self.value -= 1;
            let _ = first.set_result(true);
        }
    }

    /// A waiter leaves without its permit: if it had been given one (its
    /// future has a result), the permit goes back and on to the next.
    fn give_back(&mut self, waiter: &Promise<bool>) {
        if waiter.done() && !waiter.cancelled() {
            self.value += 1;
            self.wake_up_next();
        }
    }
}

/// A counter of permits for tasks: `asyncio.Semaphore(value)`.
///
/// [`acquire`](Semaphore::acquire) takes a permit, waiting while there is
/// none; [`release`](Semaphore::release) gives one back. At most `value`
/// tasks hold one at a time. A plain semaphore trusts its users: a release
/// without an acquire adds a permit ([`BoundedSemaphore`](super::BoundedSemaphore)
/// refuses that). A handle is cheap to clone; clones are the same semaphore.
///
/// # Fairness, as asyncio has it
///
/// Waiters are woken first come, first served. `release` gives the permit
/// to the first waiter at once (the count does not go up), and the waiter
/// runs a turn later; a newcomer cannot take it in between, since
/// [`locked`](Semaphore::locked) stays `true` while anyone waits.
///
/// # Cancel safety
///
/// A waiting acquire that is cancelled leaves the line; if a permit had
/// already been given to it, the permit goes back and to the next waiter.
/// A cancelled acquire never holds a permit. Closed or dropped, or thrown
/// any other error, it does the same (asyncio 3.11 does it for a
/// cancellation only, and loses the permit of a waiter closed after it was
/// woken).
///
/// # Examples
///
/// ```python
/// sem = asyncio.Semaphore(2)
/// tasks = [asyncio.create_task(sem.acquire()) for _ in range(3)]
/// await asyncio.sleep(0)    # two got a permit, the third waits
/// sem.release()             # the permit goes to the third at once
/// assert sem.locked()
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
///
/// sem.release();
/// assert!(sem.locked() && sem.value() == 0); // the permit is the third's
/// rt.run_until_idle();
/// assert!(tasks[2].done());
/// ```
#[derive(Clone)]
pub struct Semaphore {
    state: Rc<RefCell<State>>,
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
        Semaphore::labelled(value, Blocker::fresh("Semaphore"))
    }

    pub(super) fn labelled(value: usize, blocker: Blocker) -> Self {
        Semaphore {
            state: Rc::new(RefCell::new(State {
                value,
                waiters: VecDeque::new(),
                blocker,
            })),
        }
    }

    /// Waits for a permit and takes it: `await sem.acquire()`.
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::Semaphore};
    ///
    /// let sem = Semaphore::new(1);
    /// Runtime::new().run(sem.acquire()).unwrap();
    /// assert_eq!(sem.value(), 0);
    /// ```
    pub fn acquire(&self) -> SemaphoreAcquire {
        SemaphoreAcquire {
            waiter: Waiter::new(self.clone()),
        }
    }

    /// Takes a permit if [`acquire`](Semaphore::acquire) would take one at
    /// once (the semaphore is not [`locked`](Semaphore::locked)); `false`
    /// otherwise. Never waits.
    ///
    /// ```
    /// use resumable::sync::Semaphore;
    ///
    /// let sem = Semaphore::new(1);
    /// assert!(sem.try_acquire());
    /// assert!(!sem.try_acquire());
    /// ```
    pub fn try_acquire(&self) -> bool {
        let mut state = self.state.borrow_mut();
        let free = !state.locked();
        if free {
            state.value -= 1;
        }
        free
    }

    /// Gives a permit back, to the first waiter if there is one:
    /// `sem.release()`. Nothing stops a release without an acquire.
    ///
    /// ```
    /// use resumable::sync::Semaphore;
    ///
    /// let sem = Semaphore::new(0);
    /// sem.release();
    /// sem.release();
    /// assert_eq!(sem.value(), 2);
    /// ```
    pub fn release(&self) {
        let mut state = self.state.borrow_mut();
        state.value += 1;
        state.wake_up_next();
    }

    /// The permits free now, Python's `sem._value`: zero while a permit
    /// given to a woken waiter waits for it to run.
    pub fn value(&self) -> usize {
        self.state.borrow().value
    }

    /// `true` if an acquire would wait: `sem.locked()`. That is when no
    /// permit is free, or when anyone waits (not cancelled).
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
        self.state.borrow().locked()
    }

    /// What reports call this semaphore: `Semaphore-1`.
    pub fn blocker(&self) -> Blocker {
        self.state.borrow().blocker
    }
}

impl Default for Semaphore {
    /// One permit: `asyncio.Semaphore()`.
    fn default() -> Self {
        Semaphore::new(1)
    }
}

impl fmt::Debug for Semaphore {
    /// As asyncio shows it: `<Semaphore-1 [unlocked, value:2]>`,
    /// `<Semaphore-1 [locked, waiters:1]>`.
    ///
    /// ```
    /// use resumable::sync::Semaphore;
    ///
    /// assert_eq!(format!("{:?}", Semaphore::new(2)), "<Semaphore-1 [unlocked, value:2]>");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state.borrow();
        write_repr(f, state.blocker, state.waiters.len(), |f| {
            if state.locked() {
                f.write_str("locked")
            } else {
                write!(f, "unlocked, value:{}", state.value)
            }
        })
    }
}

/// The awaitable of [`Semaphore::acquire`] and
/// [`BoundedSemaphore::acquire`](super::BoundedSemaphore::acquire):
/// `await sem.acquire()`.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct SemaphoreAcquire {
    waiter: Waiter<Semaphore>,
}

impl Line for Semaphore {
    const AWAITABLE: &'static str = "SemaphoreAcquire";
    type Wake = bool;
    type Return = ();

    #[inline]
    fn try_now(&mut self) -> Option<()> {
        // if not self.locked(): self._value -= 1; return True
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
        // if self._value > 0: self._wake_up_next()
        // New waiters may be in line behind permits now free.
        if state.value > 0 {
            state.wake_up_next();
        }
        Some(())
    }

    fn give_up(&mut self, future: &Promise<bool>) {
        let Ok(mut state) = self.state.try_borrow_mut() else {
            return;
        };
        // finally: self._waiters.remove(fut)
        leave_line(&mut state.waiters, future);
        // except CancelledError: if not fut.cancelled(): give it back.
        // Here for every way out (any error, GeneratorExit, and a drop),
        // and only if a permit was given (asyncio 3.11 would count one back
        // for a CancelledError thrown in while the future is pending).
        state.give_back(future);
    }
}

impl Generator for SemaphoreAcquire {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    #[inline]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        self.waiter.resume(input)
    }
}

impl fmt::Debug for SemaphoreAcquire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SemaphoreAcquire")
            .field("sem", self.waiter.line())
            .field("stage", &self.waiter.stage())
            .finish()
    }
}

/// `async with semaphore:`: entering is [`acquire`](Semaphore::acquire)
/// (a permit, `()` as Python's `None`), leaving is
/// [`release`](Semaphore::release), on every way out of the body. A
/// cancellation while entering waits takes no permit.
///
/// ```
/// use resumable::scheduler::{async_with, ready, Runtime};
/// use resumable::sync::Semaphore;
///
/// let sem = Semaphore::new(2);
/// let inside = sem.clone();
/// let value = Runtime::new().run(async_with(sem.clone(), move |()| ready(inside.value())));
/// assert_eq!(value.unwrap(), 1);
/// assert_eq!(sem.value(), 2);
/// ```
impl AsyncContextManager for Semaphore {
    type Value = ();
    type Enter = SemaphoreAcquire;
    type Exit = Release;

    fn aenter(&mut self) -> SemaphoreAcquire {
        self.acquire()
    }

    fn aexit(&mut self, _: &Leaving) -> Release {
        Release::semaphore(self)
    }
}
