//! The FIFO line of parked tasks that every primitive keeps, and the
//! bookkeeping its awaitables share.

use alloc::collections::VecDeque;

use crate::generator::{GeneratorState, Outcome};
use crate::scheduler::{Blocker, Request, TaskError, TaskWaker};

/// A place in a [`WaitQueue`]: the awaitable keeps it to find its entry
/// again. Tickets only grow, so the line stays sorted by them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Ticket(u64);

struct Entry<T> {
    ticket: u64,
    waker: TaskWaker,
    /// What the waiter was served (the lock, a permit, an item), waiting
    /// for it to run and take it.
    grant: Option<T>,
}

/// Parked tasks in arrival order. Serving hands a value to the first
/// waiter not yet served and wakes it; the entry stays until the waiter
/// runs and takes the value, or leaves (cancelled) and gives it back.
///
/// Served entries are always the first `served` ones: grants go in order
/// and removals keep the order.
pub(crate) struct WaitQueue<T> {
    entries: VecDeque<Entry<T>>,
    served: usize,
    next: u64,
}

impl<T> WaitQueue<T> {
    pub(crate) const fn new() -> Self {
        WaitQueue {
            entries: VecDeque::new(),
            served: 0,
            next: 0,
        }
    }

    /// Joins the end of the line.
    pub(crate) fn join(&mut self, waker: TaskWaker) -> Ticket {
        let ticket = self.next;
        self.next += 1;
        self.entries.push_back(Entry {
            ticket,
            waker,
            grant: None,
        });
        Ticket(ticket)
    }

    /// How many wait and have not been served yet.
    pub(crate) fn waiting(&self) -> usize {
        self.entries.len() - self.served
    }

    /// How many were served and have not run yet.
    pub(crate) fn served(&self) -> usize {
        self.served
    }

    /// Hands `value` to the first waiter not yet served and wakes it;
    /// gives `value` back if nobody waits.
    pub(crate) fn serve(&mut self, value: T) -> Result<(), T> {
        let Some(entry) = self.entries.get_mut(self.served) else {
            return Err(value);
        };
        entry.grant = Some(value);
        entry.waker.wake();
        self.served += 1;
        Ok(())
    }

    /// Serves up to `n` waiters with `T::default()`; returns how many.
    pub(crate) fn serve_many(&mut self, n: usize) -> usize
    where
        T: Default,
    {
        let mut count = 0;
        while count < n && self.serve(T::default()).is_ok() {
            count += 1;
        }
        count
    }

    /// The value served to `ticket`, leaving the line with it; `None` (and
    /// still in line) if it has not been served.
    pub(crate) fn take(&mut self, ticket: Ticket) -> Option<T> {
        let index = self.index(ticket).filter(|&index| index < self.served)?;
        self.served -= 1;
        self.entries.remove(index)?.grant
    }

    /// Leaves the line, giving back what `ticket` was served, if anything,
    /// so the caller can pass it on.
    pub(crate) fn leave(&mut self, ticket: Ticket) -> Option<T> {
        let index = self.index(ticket)?;
        if index < self.served {
            self.served -= 1;
        }
        self.entries.remove(index)?.grant
    }

    fn index(&self, ticket: Ticket) -> Option<usize> {
        self.entries
            .binary_search_by_key(&ticket.0, |entry| entry.ticket)
            .ok()
    }
}

/// Where an awaitable is in its life.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Stage {
    /// Not resumed yet: it has not looked at the primitive.
    Start,
    /// In the primitive's line with this ticket.
    Waiting(Ticket),
    /// Finished, or gave up: nothing of it is left in the primitive.
    Done,
}

impl Stage {
    /// Marks the awaitable done, and gives the ticket it waited with, if
    /// it was in a line: what a cancel or a drop must clean up.
    pub(crate) fn finish(&mut self) -> Option<Ticket> {
        match core::mem::replace(self, Stage::Done) {
            Stage::Waiting(ticket) => Some(ticket),
            Stage::Start | Stage::Done => None,
        }
    }
}

/// The step that parks the task until it is served.
pub(crate) fn park<R>(on: Blocker) -> Outcome<Request, R, TaskError> {
    Ok(GeneratorState::Yielded(Request::Wait { on, timeout: None }))
}

/// Panics for an awaitable resumed after it finished: it has nothing left
/// to give, and pretending would hand out a lock or an item twice.
#[track_caller]
pub(crate) fn resumed_after_done(what: &str) -> ! {
    panic!("{what} resumed after it finished: an awaitable completes once")
}
