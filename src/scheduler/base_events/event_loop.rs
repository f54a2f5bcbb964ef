//! [`EventLoop`]: the loop as code running inside it reaches it, asyncio's
//! `asyncio.get_running_loop()`.

use alloc::boxed::Box;
use alloc::rc::Rc;
use core::fmt;
use core::time::Duration;

use super::loop_core::{duration_nanos, running, Core, Event};
use super::remote::RemoteLoop;
use crate::scheduler::events::{Handle, HandleCell, TimerHandle};

/// The running loop, from inside a task or callback:
/// `asyncio.get_running_loop()`.
///
/// # Panics
///
/// If no [`Runtime`](crate::scheduler::Runtime) is running on this thread.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{get_running_loop, sleep, Runtime};
/// use resumable::Generator as _;
///
/// let main = sleep(Duration::from_millis(1500)).map_return(|()| get_running_loop().time());
/// assert_eq!(Runtime::new().run(main).unwrap(), Duration::from_millis(1500));
/// ```
#[track_caller]
pub fn get_running_loop() -> EventLoop {
    EventLoop::new(running("get_running_loop"))
}

/// The loop, as a handle: the methods asyncio users call on `loop`.
///
/// Get it inside a task with [`get_running_loop`], or from the
/// [`Runtime`](crate::scheduler::Runtime) that owns it with
/// [`event_loop`](crate::scheduler::Runtime::event_loop). It is cheap to
/// clone and stays on the loop's thread; for other threads there is
/// [`remote`](EventLoop::remote).
#[derive(Clone)]
pub struct EventLoop {
    core: Rc<Core>,
}

impl EventLoop {
    pub(crate) fn new(core: Rc<Core>) -> Self {
        EventLoop { core }
    }

    /// `loop.time()`: the loop's clock, from when the loop was created.
    pub fn time(&self) -> Duration {
        Duration::from_nanos(self.core.now_nanos())
    }

    /// `loop.call_soon(callback)`: runs `callback` in the loop's next turn,
    /// after the callbacks already ready.
    ///
    /// ```
    /// use std::{cell::RefCell, rc::Rc};
    /// use resumable::scheduler::Runtime;
    ///
    /// let mut rt = Runtime::new();
    /// let order = Rc::new(RefCell::new(Vec::new()));
    /// for name in ["first", "second"] {
    ///     let order = Rc::clone(&order);
    ///     rt.call_soon(move || order.borrow_mut().push(name));
    /// }
    /// rt.run_until_idle();
    /// assert_eq!(*order.borrow(), ["first", "second"]);
    /// ```
    pub fn call_soon(&self, callback: impl FnOnce() + 'static) -> Handle {
        let cell = HandleCell::new(Box::new(callback), self.core.now_nanos());
        self.core.push(Event::Handle(Rc::clone(&cell)));
        Handle::new(cell)
    }

    /// `loop.call_later(delay, callback)`: runs `callback` once `delay` has
    /// passed on the loop's clock. Callbacks due at the same moment run in
    /// the order they were scheduled.
    pub fn call_later(&self, delay: Duration, callback: impl FnOnce() + 'static) -> TimerHandle {
        let when = self.core.now_nanos().saturating_add(duration_nanos(delay));
        self.call_at_nanos(when, callback)
    }

    /// `loop.call_at(when, callback)`: runs `callback` when the loop's clock
    /// reads `when` (at once, in the next turn, if it already does).
    pub fn call_at(&self, when: Duration, callback: impl FnOnce() + 'static) -> TimerHandle {
        self.call_at_nanos(duration_nanos(when), callback)
    }

    fn call_at_nanos(&self, when: u64, callback: impl FnOnce() + 'static) -> TimerHandle {
        let cell = HandleCell::new(Box::new(callback), when);
        self.core.push(Event::Timer(Rc::clone(&cell)));
        TimerHandle::new(cell)
    }

    /// `loop.stop()`: [`run_forever`](crate::scheduler::Runtime::run_forever)
    /// returns at the end of the current turn.
    pub fn stop(&self) {
        self.core.stop();
    }

    /// `loop.is_running()`.
    pub fn is_running(&self) -> bool {
        self.core.is_running()
    }

    /// `loop.is_closed()`.
    pub fn is_closed(&self) -> bool {
        self.core.is_closed()
    }

    /// A handle other threads can schedule callbacks with
    /// (`loop.call_soon_threadsafe`).
    pub fn remote(&self) -> RemoteLoop {
        RemoteLoop::new(&self.core.remote)
    }

    pub(crate) fn core(&self) -> &Rc<Core> {
        &self.core
    }
}

impl PartialEq for EventLoop {
    /// The same loop.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.core, &other.core)
    }
}

impl fmt::Display for EventLoop {
    /// The loop's name in messages, `<Runtime-N>`: the loops of a process
    /// are numbered from 1 as they are made.
    ///
    /// ```
    /// use resumable::scheduler::Runtime;
    ///
    /// let (first, second) = (Runtime::new(), Runtime::new());
    /// assert!(first.event_loop().to_string().starts_with("<Runtime-"));
    /// assert_ne!(first.event_loop().to_string(), second.event_loop().to_string());
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.core, f)
    }
}

impl fmt::Debug for EventLoop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventLoop")
            .field("clock", &self.core.clock())
            .field("time", &self.time())
            .field("running", &self.is_running())
            .finish_non_exhaustive()
    }
}
