//! [`Event`]: `asyncio.Event`.

use alloc::rc::Rc;
use core::cell::RefCell;
use core::fmt;

use super::waiters::{park, resumed_after_done, Stage, WaitQueue};
use crate::generator::{Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{current_waker, Blocker, Request, TaskError};

struct State {
    set: bool,
    /// Served (with `()`) when the event is set: a served waiter returns
    /// even if the event is cleared again before it runs.
    line: WaitQueue<()>,
    blocker: Blocker,
}

/// A flag tasks can wait for: `asyncio.Event`.
///
/// [`set`](Event::set) raises the flag and wakes every task in
/// [`wait`](Event::wait); while it is set, waiting returns at once.
/// [`clear`](Event::clear) lowers it again. The tool for "go" signals: one
/// task says the data is ready, any number of tasks were waiting for it. A
/// handle is cheap to clone; clones are the same event.
///
/// # Fairness
///
/// Setting the event wakes all its waiters, in the order they came. A
/// waiter woken by a `set` returns even if the event is cleared before
/// it runs, as in asyncio.
///
/// # Cancel safety
///
/// A waiting [`wait`](Event::wait) that is cancelled, timed out, closed or
/// dropped leaves the line and raises the error (or finishes quietly, if
/// dropped). There is nothing to pass on: a `set` wakes every waiter.
///
/// # Examples
///
/// ```python
/// event = asyncio.Event()
/// waiters = [asyncio.create_task(event.wait()) for _ in range(2)]
/// await asyncio.sleep(0)
/// event.set()
/// await asyncio.sleep(0)    # both waiters are done
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
        Event {
            state: Rc::new(RefCell::new(State {
                set: false,
                line: WaitQueue::new(),
                blocker: Blocker::fresh("Event"),
            })),
        }
    }

    /// Sets the flag and wakes every waiting task: `event.set()`. Setting
    /// a set event does nothing.
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
        if !state.set {
            state.set = true;
            state.line.serve_many(usize::MAX);
        }
    }

    /// Lowers the flag: `event.clear()`. Tasks already woken by a `set`
    /// still return; later waiters wait for the next `set`.
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
        self.state.borrow_mut().set = false;
    }

    /// `true` while the flag is set: `event.is_set()`.
    ///
    /// ```
    /// use resumable::sync::Event;
    ///
    /// assert!(!Event::new().is_set());
    /// ```
    pub fn is_set(&self) -> bool {
        self.state.borrow().set
    }

    /// Waits until the flag is set: `await event.wait()`. Returns at once
    /// if it is set already. See [`EventWait`].
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
            state: Rc::clone(&self.state),
            stage: Stage::Start,
        }
    }

    /// The name a deadlock report gives this event: `Event-N`.
    ///
    /// ```
    /// use resumable::sync::Event;
    ///
    /// assert_eq!(Event::new().blocker().kind(), "Event");
    /// ```
    pub fn blocker(&self) -> Blocker {
        self.state.borrow().blocker
    }
}

impl Default for Event {
    /// The same as [`Event::new`].
    fn default() -> Self {
        Event::new()
    }
}

impl fmt::Debug for Event {
    /// ```
    /// use resumable::sync::Event;
    ///
    /// assert_eq!(format!("{:?}", Event::new()), "Event { name: Event-1, set: false, waiting: 0 }");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Event");
        if let Ok(state) = self.state.try_borrow() {
            out.field("name", &format_args!("{}", state.blocker))
                .field("set", &state.set)
                .field("waiting", &state.line.waiting());
        }
        out.finish()
    }
}

/// The awaitable of [`Event::wait`]: `await event.wait()`.
///
/// # Cancel safety
///
/// Thrown an error or closed while it waits, it leaves the event's line
/// and raises the error; dropped, it leaves the line too.
///
/// ```
/// use resumable::{sync::Event, Generator, GeneratorState::Complete};
///
/// let event = Event::new();
/// event.set();
/// assert_eq!(event.wait().next().ok(), Some(Complete(())));
/// ```
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct EventWait {
    state: Rc<RefCell<State>>,
    stage: Stage,
}

impl EventWait {
    fn give_up(&mut self) {
        let Some(ticket) = self.stage.finish() else {
            return;
        };
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.line.leave(ticket);
        }
    }
}

impl Generator for EventWait {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        if let Err(exception) = input.sent() {
            self.give_up();
            return Err(exception);
        }
        let mut state = self.state.borrow_mut();
        let done = match self.stage {
            Stage::Start => state.set,
            Stage::Waiting(ticket) => state.line.take(ticket).is_some(),
            Stage::Done => resumed_after_done("event wait"),
        };
        if done {
            self.stage = Stage::Done;
            return Ok(GeneratorState::Complete(()));
        }
        if self.stage == Stage::Start {
            self.stage = Stage::Waiting(state.line.join(current_waker()));
        }
        park(state.blocker)
    }
}

impl Drop for EventWait {
    fn drop(&mut self) {
        self.give_up();
    }
}

impl fmt::Debug for EventWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("EventWait");
        if let Ok(state) = self.state.try_borrow() {
            out.field("on", &format_args!("{}", state.blocker));
        }
        out.field("stage", &self.stage).finish()
    }
}
