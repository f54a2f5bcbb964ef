//! The timer heap: `call_at` handles and the timers of sleeping tasks,
//! ordered by deadline, then by the order they were set.
//!
//! asyncio's heap orders its `TimerHandle`s by deadline alone; on the real
//! clock two deadlines are never equal (time passes between two `call_at`s),
//! so timers fire in the order they were set. The virtual clock stands
//! still while tasks run, so equal deadlines are common, and this heap
//! breaks the tie as a real run would: first set, first fired.
//!
//! A timer is 16 bytes. Each carries a *token*, increasing, which orders
//! equal deadlines. A sleeping task's timer also names its slot, and
//! `parked[slot]` holds the token of the sleep the task is in (0: none), so
//! a timer left from an earlier sleep is seen as stale without a search: it
//! is how asyncio's `sleep` cancels its handle in its `finally`. A `call_at`
//! handle's timer has no slot; its handle is kept by token.

use alloc::collections::BinaryHeap;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cmp::Reverse;
use std::collections::HashMap;

use super::loop_core::NEVER;
use crate::scheduler::events::HandleCell;

/// The slot of a timer that belongs to a `call_at` handle.
const HANDLE: u32 = u32::MAX;

/// Above this many timers, a heap more than half stale is rebuilt without
/// them (asyncio's `_MIN_SCHEDULED_TIMER_HANDLES` and its fraction).
const REBUILD_ABOVE: usize = 100;

#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Timer {
    deadline: u64,
    token: u32,
    slot: u32,
}

/// A timer that came due.
pub(crate) enum Due {
    /// A task's sleep: `_set_result_unless_cancelled` on its future.
    Sleep {
        slot: u32,
        token: u32,
    },
    Handle(Rc<HandleCell>),
}

#[derive(Default)]
pub(crate) struct Timers {
    heap: BinaryHeap<Reverse<Timer>>,
    handles: HashMap<u32, Rc<HandleCell>>,
    /// By slot: the token of the task's sleep, 0 if it does not sleep.
    parked: Vec<u32>,
    last_token: u32,
    /// Sleeps that ended early (their timers are stale but still queued).
    stale: usize,
}

impl Timers {
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.heap.len()
    }

    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Sets the timer of the sleep the task in `slot` begins; returns its
    /// token.
    pub(crate) fn sleep(&mut self, slot: u32, deadline: u64) -> u32 {
        let token = self.next_token();
        let index = slot as usize;
        if index >= self.parked.len() {
            self.parked.resize(index + 1, 0);
        }
        self.parked[index] = token;
        self.heap.push(Reverse(Timer {
            deadline,
            token,
            slot,
        }));
        token
    }

    /// The task in `slot` is awake: the timer of its sleep, if still
    /// queued, is stale (asyncio's `h.cancel()` in `sleep`'s `finally`).
    #[inline]
    pub(crate) fn wake(&mut self, slot: u32) {
        if let Some(token) = self.parked.get_mut(slot as usize) {
            if *token != 0 {
                *token = 0;
                self.stale += 1;
            }
        }
    }

    /// `call_at`: queues the handle for its deadline.
    pub(crate) fn call_at(&mut self, handle: Rc<HandleCell>) {
        let token = self.next_token();
        let deadline = handle.when();
        self.handles.insert(token, handle);
        self.heap.push(Reverse(Timer {
            deadline,
            token,
            slot: HANDLE,
        }));
    }

    /// The earliest deadline of a timer that still matters, dropping stale
    /// and cancelled ones from the head on the way (as `_run_once` does);
    /// `None` if there is none, or only timers set for [`NEVER`].
    pub(crate) fn next_deadline(&mut self) -> Option<u64> {
        self.rebuild_if_stale();
        loop {
            let Reverse(timer) = self.heap.peek()?;
            if self.is_live(timer) {
                return Some(timer.deadline).filter(|&deadline| deadline != NEVER);
            }
            self.pop_timer();
        }
    }

    /// The next timer due at `now`, in deadline order, skipping stale ones.
    pub(crate) fn pop_due(&mut self, now: u64) -> Option<Due> {
        loop {
            let Reverse(timer) = self.heap.peek()?;
            if timer.deadline > now {
                return None;
            }
            let live = self.is_live(timer);
            let (slot, token) = (timer.slot, timer.token);
            let handle = self.pop_timer();
            match (live, handle) {
                (false, _) => {}
                (true, Some(handle)) => return Some(Due::Handle(handle)),
                (true, None) => {
                    self.parked[slot as usize] = 0;
                    return Some(Due::Sleep { slot, token });
                }
            }
        }
    }

    /// Removes the head of the heap and its handle, if it has one.
    fn pop_timer(&mut self) -> Option<Rc<HandleCell>> {
        let Reverse(timer) = self.heap.pop()?;
        if timer.slot == HANDLE {
            return self.handles.remove(&timer.token);
        }
        if self.parked.get(timer.slot as usize) != Some(&timer.token) {
            self.stale = self.stale.saturating_sub(1);
        }
        None
    }

    fn is_live(&self, timer: &Timer) -> bool {
        if timer.slot == HANDLE {
            return self
                .handles
                .get(&timer.token)
                .is_some_and(|handle| !handle.is_cancelled());
        }
        self.parked.get(timer.slot as usize) == Some(&timer.token)
    }

    /// A token for a new timer: never 0, increasing, so timers with equal
    /// deadlines fire in the order they were set.
    fn next_token(&mut self) -> u32 {
        if self.last_token == u32::MAX {
            self.renumber();
        }
        self.last_token += 1;
        self.last_token
    }

    /// Once every 2^32 timers the tokens run out: drop the stale timers and
    /// number the live ones again from 1, in the order they fire.
    #[cold]
    fn renumber(&mut self) {
        let mut live: Vec<Timer> = core::mem::take(&mut self.heap)
            .into_iter()
            .map(|Reverse(timer)| timer)
            .filter(|timer| self.is_live(timer))
            .collect();
        live.sort_unstable();
        let mut handles = HashMap::new();
        let mut token = 0;
        for timer in &mut live {
            token += 1;
            if timer.slot == HANDLE {
                if let Some(handle) = self.handles.remove(&timer.token) {
                    handles.insert(token, handle);
                }
            } else {
                self.parked[timer.slot as usize] = token;
            }
            timer.token = token;
        }
        // Tasks that slept without a live timer keep a token no timer has.
        for parked in &mut self.parked {
            if *parked > token {
                *parked = 0;
            }
        }
        self.handles = handles;
        self.last_token = token;
        self.stale = 0;
        self.heap = live.into_iter().map(Reverse).collect();
    }

    /// asyncio's cleanup: a heap that is mostly stale is rebuilt, so sleeps
    /// and timeouts that ended early do not pile up.
    fn rebuild_if_stale(&mut self) {
        if self.heap.len() <= REBUILD_ABOVE || self.stale * 2 <= self.heap.len() {
            return;
        }
        let timers = core::mem::take(&mut self.heap);
        let mut live = Vec::with_capacity(timers.len() - self.stale.min(timers.len()));
        for Reverse(timer) in timers {
            if self.is_live(&timer) {
                live.push(Reverse(timer));
            } else if timer.slot == HANDLE {
                self.handles.remove(&timer.token);
            }
        }
        self.stale = 0;
        self.heap = BinaryHeap::from(live);
    }
}

#[cfg(test)]
mod tests {
    use super::{Due, Timers};
    use crate::scheduler::events::HandleCell;
    use alloc::boxed::Box;
    use alloc::vec::Vec;

    fn due(timers: &mut Timers, now: u64) -> Vec<(u32, bool)> {
        core::iter::from_fn(|| timers.pop_due(now))
            .map(|due| match due {
                Due::Sleep { slot, .. } => (slot, true),
                Due::Handle(handle) => (handle.when() as u32, false),
            })
            .collect()
    }

    #[test]
    fn equal_deadlines_fire_in_the_order_they_were_set() {
        let mut timers = Timers::default();
        for slot in 0..6 {
            timers.sleep(slot, 10);
        }
        assert_eq!(
            due(&mut timers, 10),
            (0..6).map(|slot| (slot, true)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_woken_sleeper_leaves_a_stale_timer_behind() {
        let mut timers = Timers::default();
        timers.sleep(0, 5);
        timers.sleep(1, 7);
        timers.wake(0);
        assert_eq!(timers.next_deadline(), Some(7));
        assert_eq!(due(&mut timers, 7), [(1, true)]);
    }

    #[test]
    fn a_cancelled_handle_does_not_count() {
        let mut timers = Timers::default();
        let handle = HandleCell::new(Box::new(|| {}), 3);
        timers.call_at(handle.clone());
        crate::scheduler::TimerHandle::new(handle).cancel();
        assert_eq!(timers.next_deadline(), None);
    }

    /// Tasks parked across the end of the tokens still wake in the order
    /// their timers were set, and the stale timers are dropped.
    #[test]
    fn timers_keep_their_order_when_the_tokens_run_out() {
        let mut timers = Timers {
            last_token: u32::MAX - 3,
            ..Timers::default()
        };
        timers.sleep(9, 10);
        for slot in 0..6 {
            timers.sleep(slot, 10);
            if slot == 1 {
                timers.wake(9);
            }
        }
        assert!(timers.last_token < 10, "the tokens were numbered again");
        assert_eq!(timers.len(), 6, "the stale timer is gone");
        assert_eq!(
            due(&mut timers, 10),
            (0..6).map(|slot| (slot, true)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_heap_mostly_stale_is_rebuilt() {
        let mut timers = Timers::default();
        for slot in 0..200 {
            timers.sleep(slot, 100 + u64::from(slot));
        }
        for slot in 0..150 {
            timers.wake(slot);
        }
        assert_eq!(timers.next_deadline(), Some(250));
        assert_eq!(timers.len(), 50);
    }
}
