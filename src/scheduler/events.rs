//! `asyncio/events.py`: [`Handle`] and [`TimerHandle`], a callback the loop
//! will call, and the way to take it back.
//!
//! `call_soon` puts a handle at the end of the ready queue; `call_later` and
//! `call_at` put a timer handle on the heap, which moves it to the ready queue
//! when its time comes. Cancelling either drops the callback: the loop skips
//! a cancelled handle when it reaches it.

use alloc::boxed::Box;
use alloc::rc::Rc;
use core::cell::{Cell, RefCell};
use core::fmt;
use core::time::Duration;

/// The callback and its cancel flag, shared by the handle a caller keeps and
/// the entry the loop keeps.
pub(crate) struct HandleCell {
    callback: RefCell<Option<Box<dyn FnOnce()>>>,
    cancelled: Cell<bool>,
    /// For timers, when it is due, in nanoseconds of the loop's clock.
    when: u64,
}

impl HandleCell {
    pub(crate) fn new(callback: Box<dyn FnOnce()>, when: u64) -> Rc<Self> {
        Rc::new(HandleCell {
            callback: RefCell::new(Some(callback)),
            cancelled: Cell::new(false),
            when,
        })
    }

    pub(crate) fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }

    pub(crate) fn when(&self) -> u64 {
        self.when
    }

    /// `Handle._run`: calls the callback unless the handle was cancelled
    /// (or already ran).
    pub(crate) fn run(&self) {
        if self.cancelled.get() {
            return;
        }
        let callback = self.callback.borrow_mut().take();
        if let Some(callback) = callback {
            callback();
        }
    }

    fn cancel(&self) {
        if !self.cancelled.replace(true) {
            // What the callback holds may keep other things alive: let go now.
            drop(self.callback.borrow_mut().take());
        }
    }
}

/// A callback scheduled with [`call_soon`](crate::scheduler::EventLoop::call_soon):
/// `asyncio.Handle`.
///
/// ```
/// use std::{cell::Cell, rc::Rc};
/// use resumable::scheduler::Runtime;
///
/// let mut rt = Runtime::new();
/// let ran = Rc::new(Cell::new(0));
/// let counter = Rc::clone(&ran);
/// let handle = rt.call_soon(move || counter.set(counter.get() + 1));
/// let skipped = rt.call_soon(|| unreachable!("cancelled before it ran"));
/// skipped.cancel();
/// assert!(skipped.cancelled() && !handle.cancelled());
/// rt.run_until_idle();
/// assert_eq!(ran.get(), 1);
/// ```
#[derive(Clone)]
pub struct Handle {
    cell: Rc<HandleCell>,
}

impl Handle {
    pub(crate) fn new(cell: Rc<HandleCell>) -> Self {
        Handle { cell }
    }

    /// Takes the callback back if it has not run yet: `handle.cancel()`.
    pub fn cancel(&self) {
        self.cell.cancel();
    }

    /// `true` once [`cancel`](Handle::cancel) was called.
    pub fn cancelled(&self) -> bool {
        self.cell.is_cancelled()
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("cancelled", &self.cancelled())
            .finish_non_exhaustive()
    }
}

/// A callback scheduled for a moment of the loop's clock, by
/// [`call_later`](crate::scheduler::EventLoop::call_later) or
/// [`call_at`](crate::scheduler::EventLoop::call_at): `asyncio.TimerHandle`.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::Runtime;
///
/// let mut rt = Runtime::new();
/// let timer = rt.call_later(Duration::from_secs(5), || unreachable!("cancelled"));
/// assert_eq!(timer.when(), Duration::from_secs(5));
/// timer.cancel();
/// rt.run_all().unwrap();
/// assert_eq!(rt.time(), Duration::ZERO); // a cancelled timer does not move the clock
/// ```
#[derive(Clone)]
pub struct TimerHandle {
    cell: Rc<HandleCell>,
}

impl TimerHandle {
    pub(crate) fn new(cell: Rc<HandleCell>) -> Self {
        TimerHandle { cell }
    }

    /// Takes the callback back if it has not run yet: `handle.cancel()`.
    pub fn cancel(&self) {
        self.cell.cancel();
    }

    /// `true` once [`cancel`](TimerHandle::cancel) was called.
    pub fn cancelled(&self) -> bool {
        self.cell.is_cancelled()
    }

    /// When the callback is due, on the loop's clock: `handle.when()`.
    pub fn when(&self) -> Duration {
        Duration::from_nanos(self.cell.when)
    }
}

impl fmt::Debug for TimerHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimerHandle")
            .field("when", &self.when())
            .field("cancelled", &self.cancelled())
            .finish_non_exhaustive()
    }
}
