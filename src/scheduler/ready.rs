//! The ready queue: slot numbers, first in, first out.
//!
//! A switch pops one slot and pushes one back. A ring (`VecDeque`, or one
//! with a power-of-two mask) spends about 23 instructions on that pair:
//! the counters live in memory across the task's call, and both ends wrap.
//! Here the queue is two plain vectors, as asyncio's `_run_once` takes the
//! ready tasks in batches: pops walk the batch being run, pushes append to
//! the next one, and the two swap when the first runs out. The order is a
//! deque's (the rest of this batch, then everything pushed since), a pop is
//! a compare and a load, a push is `Vec::push`. `tests` checks it against
//! `VecDeque`.

use alloc::vec::Vec;

pub(crate) struct ReadyQueue {
    /// The batch being run: `now[at..]` are still to go.
    now: Vec<u32>,
    at: usize,
    /// What became ready since the batch began, in order.
    next: Vec<u32>,
}

impl ReadyQueue {
    pub(crate) const fn new() -> Self {
        ReadyQueue {
            now: Vec::new(),
            at: 0,
            next: Vec::new(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.now.len() - self.at + self.next.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.at == self.now.len() && self.next.is_empty()
    }

    pub(crate) fn capacity(&self) -> usize {
        self.now.capacity() + self.next.capacity()
    }

    #[inline]
    pub(crate) fn push_back(&mut self, slot: u32) {
        self.next.push(slot);
    }

    #[inline]
    pub(crate) fn pop_front(&mut self) -> Option<u32> {
        if let Some(&slot) = self.now.get(self.at) {
            self.at += 1;
            return Some(slot);
        }
        self.next_batch()
    }

    /// The batch is over: the next one starts with the oldest slot pushed.
    #[cold]
    fn next_batch(&mut self) -> Option<u32> {
        if self.next.is_empty() {
            return None;
        }
        core::mem::swap(&mut self.now, &mut self.next);
        self.next.clear();
        self.at = 1;
        Some(self.now[0])
    }

    /// Gives memory back: each vector keeps room for `keep` slots (or what
    /// it holds, if more).
    pub(crate) fn shrink_to(&mut self, keep: usize) {
        self.now.drain(..self.at);
        self.at = 0;
        self.now.shrink_to(keep);
        self.next.shrink_to(keep);
    }
}

#[cfg(test)]
mod tests {
    use super::ReadyQueue;
    use alloc::collections::VecDeque;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Push(u32),
        Pop,
        Shrink(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            3 => any::<u32>().prop_map(Op::Push),
            2 => Just(Op::Pop),
            1 => (0usize..40).prop_map(Op::Shrink),
        ]
    }

    proptest! {
        /// Same answers as `VecDeque` for any mix of pushes, pops and
        /// shrinks: FIFO, nothing lost or duplicated, across every growth.
        #[test]
        fn behaves_like_a_vecdeque(ops in proptest::collection::vec(op(), 0..300)) {
            let mut ours = ReadyQueue::new();
            let mut model = VecDeque::new();
            for op in ops {
                match op {
                    Op::Push(slot) => {
                        ours.push_back(slot);
                        model.push_back(slot);
                    }
                    Op::Pop => prop_assert_eq!(ours.pop_front(), model.pop_front()),
                    Op::Shrink(keep) => ours.shrink_to(keep),
                }
                prop_assert_eq!(ours.len(), model.len());
                prop_assert!(ours.capacity() >= ours.len());
            }
            while let Some(slot) = model.pop_front() {
                prop_assert_eq!(ours.pop_front(), Some(slot));
            }
            prop_assert_eq!(ours.pop_front(), None);
        }
    }

    #[test]
    fn pushes_during_a_batch_come_after_it() {
        let mut queue = ReadyQueue::new();
        queue.push_back(1);
        queue.push_back(2);
        assert_eq!(queue.pop_front(), Some(1)); // the batch [1, 2] begins
        queue.push_back(3);
        assert_eq!(queue.pop_front(), Some(2));
        queue.push_back(4);
        let rest: alloc::vec::Vec<u32> = core::iter::from_fn(|| queue.pop_front()).collect();
        assert_eq!(rest, [3, 4]);
    }

    #[test]
    fn shrinking_keeps_what_is_queued() {
        let mut queue = ReadyQueue::new();
        for slot in 0..1000 {
            queue.push_back(slot);
        }
        for _ in 0..990 {
            queue.pop_front();
        }
        queue.shrink_to(4);
        assert!(queue.capacity() < 1000);
        let rest: alloc::vec::Vec<u32> = core::iter::from_fn(|| queue.pop_front()).collect();
        assert_eq!(rest, (990..1000).collect::<alloc::vec::Vec<_>>());
    }
}
