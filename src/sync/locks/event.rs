//! [`Event`]: `asyncio.Event`.

use alloc::collections::VecDeque;
use alloc::rc::Rc;
use core::cell::RefCell;
use core::fmt;

use super::repr::write_repr;
use crate::generator::{Generator, Outcome, Resume};
use crate::scheduler::{Blocker, Promise, Request, TaskError};
use crate::sync::waiter::{join_line, leave_line, Line, Waiter};

struct State {
    value: bool,
    /// The futures of the waits in progress, in arrival order.
    waiters: VecDeque<Promise<bool>>,
    blocker: Blocker,
}

/// A flag tasks can wait for: `asyncio.Event`.
///
/// [`set`](Event::set) raises the flag and wakes every task in
/// [`wait`](Event::wait); while it is set, waiting returns at once.
/// [`clear`](Event::clear) lowers it again. A handle is cheap to clone;
/// clones are the same event.
///
/// # Fairness, as asyncio has it
///
/// `set` wakes every waiter, in the order they came. A woken waiter returns
/// when it runs, a turn later, even if the event was cleared in between: it
/// does not look at the flag again.
///
/// # Cancel safety
///
/// A waiting [`wait`](Event::wait) that is cancelled, closed or dropped
/// leaves the line and raises (or just goes); there is nothing to pass on,
/// since `set` wakes everyone.
///
/// # Examples
///
/// ```python
/// event = asyncio.Event()
/// waiters = [asyncio.create_task(event.wait()) for _ in range(2)]
/// await asyncio.sleep(0)
/// event.set()
/// event.clear()             # too late: both were woken
/// await asyncio.sleep(0)
/// assert all(w.done() for w in waiters)
/// ```
///
/// ```
/// use resumable::{scheduler::Runtime, sync::Event};
///
/// let event = Event::new();
/// let mut rt = Runtime::new();
/// let waiters = [rt.spawn(event.wait()), rt.spawn(event.wait())];
/// rt.run_until_idle();
/// assert!(waiters.iter().all(|task| !task.done()));
///
/// event.set();
/// event.clear();
/// rt.run_until_idle();
/// assert!(waiters.iter().all(|task| task.done()));
/// ```
#[derive(Clone)]
pub struct Event {
    state: Rc<RefCell<State>>,
}

impl Event {
    /// A cleared event, named `Event-N` in reports: `asyncio.Event()`.
    /// Works outside a loop.
    ///
    /// ```
    /// use resumable::sync::Event;
    ///
    /// let event = Event::new();
    /// assert!(!event.is_set());
    /// assert_eq!(event.blocker().to_string(), "Event-1");
    /// ```
    pub fn new() -> Self {
        Event::labelled(Blocker::fresh("Event"))
    }

    /// A cleared event that reports show as `blocker` (a queue's `join`
    /// waits on one named after the queue).
    pub(crate) fn labelled(blocker: Blocker) -> Self {
        Event {
            state: Rc::new(RefCell::new(State {
                value: false,
                waiters: VecDeque::new(),
                blocker,
            })),
        }
    }

    /// Sets the flag and wakes every waiting task, in arrival order:
    /// `event.set()`. Setting a set event does nothing.
    ///
    /// ```
    /// use resumable::sync::Event;
    ///
    /// let event = Event::new();
    /// event.set();
    /// assert!(event.is_set());
    /// ```
    pub fn set(&self) {
        let mut state = self.state.borrow_mut();
        if !state.value {
            state.value = true;
            for future in &state.waiters {
                if !future.done() {
                    let _ = future.set_result(true);
                }
            }
        }
    }

    /// Lowers the flag: `event.clear()`. Tasks already woken still return.
    ///
    /// ```
    /// use resumable::sync::Event;
    ///
    /// let event = Event::new();
    /// event.set();
    /// event.clear();
    /// assert!(!event.is_set());
    /// ```
    pub fn clear(&self) {
        self.state.borrow_mut().value = false;
    }

    /// `true` while the flag is set: `event.is_set()`.
    pub fn is_set(&self) -> bool {
        self.state.borrow().value
    }

    /// Waits until the flag is set: `await event.wait()`. Returns at once
    /// if it is set already.
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::Event};
    ///
    /// let event = Event::new();
    /// event.set();
    /// Runtime::new().run(event.wait()).unwrap(); // set: no waiting
    /// ```
    pub fn wait(&self) -> EventWait {
        EventWait {
            waiter: Waiter::new(self.clone()),
        }
    }

    /// What reports call this event: `Event-1`.
    pub fn blocker(&self) -> Blocker {
        self.state.borrow().blocker
    }
}

impl Default for Event {
    fn default() -> Self {
        Event::new()
    }
}

impl fmt::Debug for Event {
    /// As asyncio shows it: `<Event-1 [unset, waiters:2]>`.
    ///
    /// ```
    /// use resumable::sync::Event;
    ///
    /// let event = Event::new();
    /// event.set();
    /// assert_eq!(format!("{event:?}"), "<Event-1 [set]>");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state.borrow();
        let value = if state.value { "set" } else { "unset" };
        write_repr(f, state.blocker, state.waiters.len(), |f| {
            f.write_str(value)
        })
    }
}

/// The awaitable of [`Event::wait`]: `await event.wait()`.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct EventWait {
    waiter: Waiter<Event>,
}

impl Line for Event {
    const AWAITABLE: &'static str = "EventWait";
    type Wake = bool;
    type Return = ();

    #[inline]
    fn try_now(&mut self) -> Option<()> {
        // if self._value: return True
        self.is_set().then_some(())
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

    /// `finally: self._waiters.remove(fut)`; nothing to pass on, since
    /// `set` wakes everyone.
    fn give_up(&mut self, future: &Promise<bool>) {
        if let Ok(mut state) = self.state.try_borrow_mut() {
            leave_line(&mut state.waiters, future);
        }
    }
}

impl Generator for EventWait {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    #[inline]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        self.waiter.resume(input)
    }
}

impl fmt::Debug for EventWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventWait")
            .field("event", self.waiter.line())
            .field("stage", &self.waiter.stage())
            .finish()
    }
}
