//! The done callbacks of a future, in the order they were added.
//!
//! Most futures have one: the task awaiting them. asyncio's C future keeps
//! its first callback in a field of its own (`fut_callback0`) for that
//! reason, and so does this list: one callback costs no allocation.

use alloc::boxed::Box;
use alloc::vec::Vec;

use super::cell::FutureCell;
use crate::scheduler::base_events::TaskId;

/// A done callback: a task's wake-up, or any other function of the future.
pub(crate) enum Callback<T> {
    /// `task.__wakeup`: the task runs its next step.
    Wakeup(TaskId),
    /// Boxed whole, so that a callback is as small as a wake-up.
    Call(Box<Call<T>>),
}

pub(crate) struct Call<T> {
    pub(crate) id: u64,
    pub(crate) call: Box<dyn FnOnce(&FutureCell<T>)>,
}

impl<T> Callback<T> {
    pub(crate) fn call(id: u64, call: Box<dyn FnOnce(&FutureCell<T>)>) -> Self {
        Callback::Call(Box::new(Call { id, call }))
    }
}

/// The callbacks of a pending future, in 24 bytes: the first inline (most
/// often a task's wake-up), the others in a boxed vector (a `Vec` inline
/// would be 24 bytes more in every task, for the few futures with two).
#[allow(clippy::box_collection)]
pub(crate) struct Callbacks<T> {
    first: Option<Callback<T>>,
    rest: Option<Box<Vec<Callback<T>>>>,
}

impl<T> Default for Callbacks<T> {
    fn default() -> Self {
        Callbacks::new()
    }
}

impl<T> Callbacks<T> {
    pub(crate) const fn new() -> Self {
        Callbacks {
            first: None,
            rest: None,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.first.is_none() && self.rest.as_ref().map_or(true, |rest| rest.is_empty())
    }

    pub(crate) fn push(&mut self, callback: Callback<T>) {
        // After a removal the first place may be free while others wait:
        // then the new one goes last, to keep the order.
        if self.is_empty() {
            self.first = Some(callback);
        } else {
            self.rest.get_or_insert_with(Box::default).push(callback);
        }
    }

    /// Every callback, in order, leaving the list empty.
    pub(crate) fn take(&mut self) -> impl Iterator<Item = Callback<T>> {
        let first = self.first.take();
        let rest = self.rest.take().map(|rest| *rest).unwrap_or_default();
        first.into_iter().chain(rest)
    }

    /// Removes every callback with this id; returns how many.
    pub(crate) fn remove(&mut self, id: u64) -> usize {
        let matches =
            |callback: &Callback<T>| matches!(callback, Callback::Call(call) if call.id == id);
        let mut removed = 0;
        if self.first.as_ref().is_some_and(matches) {
            self.first = None;
            removed += 1;
        }
        if let Some(rest) = &mut self.rest {
            let before = rest.len();
            rest.retain(|callback| !matches(callback));
            removed += before - rest.len();
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::{Callback, Callbacks};
    use alloc::boxed::Box;
    use alloc::vec::Vec;

    fn call(id: u64) -> Callback<()> {
        Callback::call(id, Box::new(|_| {}))
    }

    fn ids(callbacks: &mut Callbacks<()>) -> Vec<u64> {
        callbacks
            .take()
            .map(|callback| match callback {
                Callback::Call(call) => call.id,
                Callback::Wakeup(id) => u64::from(id.slot) + 100,
            })
            .collect()
    }

    #[test]
    fn callbacks_keep_their_order_across_removals() {
        let mut callbacks = Callbacks::new();
        callbacks.push(call(1));
        callbacks.push(call(2));
        assert_eq!(callbacks.remove(1), 1);
        callbacks.push(call(3));
        callbacks.push(Callback::Wakeup(crate::scheduler::base_events::TaskId {
            slot: 4,
            generation: 1,
        }));
        assert_eq!(ids(&mut callbacks), [2, 3, 104]);
        assert_eq!(ids(&mut callbacks), Vec::<u64>::new());
    }

    #[test]
    fn removing_counts_every_callback_with_the_id() {
        let mut callbacks = Callbacks::new();
        for id in [7, 8, 7] {
            callbacks.push(call(id));
        }
        assert_eq!(callbacks.remove(7), 2);
        assert_eq!(ids(&mut callbacks), [8]);
    }
}
