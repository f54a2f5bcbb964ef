//! Wrapped futures and the virtual clock: how long the loop waits for a
//! Rust future's wake-up before it moves time, and whether anything can
//! still wake one.
//!
//! A thread's work takes no virtual time: the loop waits for it before the
//! clock moves. A wrapped future cannot be treated the same way, because it
//! may be waiting for the loop itself — a oneshot whose sender is a task
//! that sleeps first. So, on the virtual clock, when nothing is ready, no
//! thread is at work and a timer is pending, the loop waits for wrapped
//! futures for a *grace period* of real time ([`DEFAULT_GRACE`], see
//! `Runtime::set_external_grace`), then moves the clock to the timer. With
//! no timer it waits as long as it takes — unless no wrapped future can be
//! woken at all: a waker that nothing but the wrapper holds (the future
//! dropped it, as `std::future::pending()` does) will never be used, and the
//! loop reports a deadlock instead of hanging.

use alloc::sync::Weak;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::time::Duration;
use std::time::Instant;

/// How long the virtual clock waits for wrapped futures, by default.
pub(crate) const DEFAULT_GRACE: Duration = Duration::from_millis(20);

/// The waker a wrapped future was given, as the loop sees it.
pub(crate) trait ExternalWaker: Send + Sync {
    /// Whether its wrapper still waits on it (not finished, not cancelled).
    fn waits(&self) -> bool;
}

/// A wrapped future's waker, and how many references to it its wrapper
/// holds itself: one more is someone else who can wake it.
struct Registered {
    waker: Weak<dyn ExternalWaker>,
    own: usize,
}

pub(crate) struct ExternalWaits {
    wakers: RefCell<Vec<Registered>>,
    grace: Cell<Duration>,
    /// When the grace period of the current stall ends, once it has begun.
    grace_until: Cell<Option<Instant>>,
}

impl ExternalWaits {
    pub(crate) fn new() -> Self {
        ExternalWaits {
            wakers: RefCell::new(Vec::new()),
            grace: Cell::new(DEFAULT_GRACE),
            grace_until: Cell::new(None),
        }
    }

    /// A wrapped future waits with this waker, of which its wrapper holds
    /// `own` references; it counts until the waker is freed.
    pub(crate) fn register(&self, waker: Weak<dyn ExternalWaker>, own: usize) {
        self.wakers.borrow_mut().push(Registered { waker, own });
    }

    /// Whether a wrapped future waits that something outside can wake; the
    /// freed ones are forgotten on the way.
    #[inline]
    pub(crate) fn any_wakeable(&self) -> bool {
        // Asked at every stall: a loop that never wrapped a future pays a
        // load and a compare.
        if self.wakers.borrow().is_empty() {
            return false;
        }
        self.prune_and_look()
    }

    #[inline(never)]
    fn prune_and_look(&self) -> bool {
        let mut wakers = self.wakers.borrow_mut();
        wakers.retain(|registered| registered.waker.strong_count() > 0);
        wakers.iter().any(|registered| {
            // Counted before `upgrade` adds a reference of its own.
            let held_outside = registered.waker.strong_count() > registered.own;
            held_outside
                && registered
                    .waker
                    .upgrade()
                    .is_some_and(|waker| waker.waits())
        })
    }

    pub(crate) fn grace(&self) -> Duration {
        self.grace.get()
    }

    pub(crate) fn set_grace(&self, grace: Duration) {
        self.grace.set(grace);
    }

    /// Whether the grace period of this stall is still running, starting it
    /// if it has not begun; once it is over the next stall starts anew.
    pub(crate) fn grace_left(&self) -> bool {
        let now = Instant::now();
        match self.grace_until.get() {
            None => {
                let until = now + self.grace.get();
                self.grace_until.set(Some(until));
                until > now
            }
            Some(until) if now < until => true,
            Some(_) => {
                self.grace_until.set(None);
                false
            }
        }
    }

    /// When the grace period running ends.
    pub(crate) fn grace_end(&self) -> Option<Instant> {
        self.grace_until.get()
    }

    /// Something happened (a wake-up arrived, the clock moved): the next
    /// stall has a grace period of its own.
    pub(crate) fn reset_grace(&self) {
        self.grace_until.set(None);
    }
}
