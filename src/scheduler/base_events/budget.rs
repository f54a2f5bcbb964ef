//! How much one poll of the loop as a future may run before it hands the
//! thread back to its executor.
//!
//! An executor expects a poll to return soon. Tokio goes further: each of
//! its tasks has a budget of 128 operations per poll, after which its
//! resources answer `Pending` and wake the task at once, so that it yields.
//! A loop polled by tokio that ran every wrapped future woken by such a
//! wake would poll them again inside the same poll, and never return. So a
//! poll of `RunFuture` ends after [`POLL_BUDGET`] callbacks, or after the
//! turn in which a wrapped future woke itself while it was polled (the sign
//! of an executor asking for its thread back), having woken itself.

use super::loop_core::Core;

/// Callbacks one poll runs at most, plus the rest of the turn it is in.
pub(crate) const POLL_BUDGET: usize = 1024;

/// What is left of a poll's budget.
pub(crate) struct Budget {
    left: Option<usize>,
}

impl Budget {
    /// No limit: the blocking runs, which own their thread.
    pub(crate) const fn unlimited() -> Self {
        Budget { left: None }
    }

    /// The budget of one poll of `RunFuture`.
    pub(crate) const fn per_poll() -> Self {
        Budget {
            left: Some(POLL_BUDGET),
        }
    }

    /// Counts a turn that ran `ran` callbacks; `true` if the poll should
    /// now yield: the budget is spent, or a wrapped future woke itself
    /// while polled (`Core::take_yield_asked`; an unlimited budget leaves
    /// the flag for the next poll that has one).
    #[inline]
    pub(crate) fn spend(&mut self, ran: usize, core: &Core) -> bool {
        match &mut self.left {
            None => false,
            Some(left) => {
                *left = left.saturating_sub(ran);
                core.take_yield_asked() || *left == 0
            }
        }
    }
}
