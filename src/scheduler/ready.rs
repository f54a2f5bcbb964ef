//! The ready queue: slot numbers in a ring whose size is a power of two.
//!
//! A switch pops one slot and pushes one back. `VecDeque` spends about 20
//! instructions on that pair (wrap-around arithmetic on both ends, a
//! capacity check); with free-running counters and a mask it is about 10.
//! `tests` checks it against `VecDeque`.

use alloc::vec;
use alloc::vec::Vec;

/// First-in, first-out slot numbers.
pub(crate) struct ReadyQueue {
    /// `ring.len()` is 0 or a power of two.
    ring: Vec<u32>,
    /// Counters that only grow (wrapping); `tail - head` items are queued,
    /// the oldest at `head & mask`.
    head: usize,
    tail: usize,
}

impl ReadyQueue {
    pub(crate) const fn new() -> Self {
        ReadyQueue {
            ring: Vec::new(),
            head: 0,
            tail: 0,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.tail.wrapping_sub(self.head)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.head == self.tail
    }

    pub(crate) fn capacity(&self) -> usize {
        self.ring.len()
    }

    #[inline]
    fn mask(&self) -> usize {
        self.ring.len().wrapping_sub(1)
    }

    #[inline]
    pub(crate) fn push_back(&mut self, slot: u32) {
        if self.len() == self.ring.len() {
            self.grow();
        }
        let at = self.tail & self.mask();
        self.ring[at] = slot;
        self.tail = self.tail.wrapping_add(1);
    }

    #[inline]
    pub(crate) fn pop_front(&mut self) -> Option<u32> {
        if self.is_empty() {
            return None;
        }
        let slot = self.ring[self.head & self.mask()];
        self.head = self.head.wrapping_add(1);
        Some(slot)
    }

    #[cold]
    fn grow(&mut self) {
        self.resize((self.ring.len() * 2).max(8));
    }

    /// Gives memory back: the ring shrinks to the smallest power of two
    /// that holds both the queued slots and `keep`.
    pub(crate) fn shrink_to(&mut self, keep: usize) {
        let size = keep.max(self.len()).max(1).next_power_of_two();
        if size < self.ring.len() {
            self.resize(size);
        }
    }

    /// Moves the queued slots, oldest first, to a new ring of `size`.
    fn resize(&mut self, size: usize) {
        debug_assert!(size.is_power_of_two() && size >= self.len());
        let mut ring = vec![0; size];
        let len = self.len();
        for (place, offset) in ring.iter_mut().zip(0..len) {
            *place = self.ring[self.head.wrapping_add(offset) & self.mask()];
        }
        self.ring = ring;
        self.head = 0;
        self.tail = len;
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
    fn counters_that_wrap_keep_the_order() {
        let mut queue = ReadyQueue::new();
        queue.push_back(0);
        queue.pop_front();
        // Empty, so any equal counters are valid: put them near the wrap,
        // where the pushes below and the growths they cause must cross it.
        queue.head = usize::MAX - 2;
        queue.tail = usize::MAX - 2;
        for slot in 0..20 {
            queue.push_back(slot);
        }
        let popped: alloc::vec::Vec<u32> = core::iter::from_fn(|| queue.pop_front()).collect();
        assert_eq!(popped, (0..20).collect::<alloc::vec::Vec<_>>());
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
        assert_eq!(queue.capacity(), 16);
        let rest: alloc::vec::Vec<u32> = core::iter::from_fn(|| queue.pop_front()).collect();
        assert_eq!(rest, (990..1000).collect::<alloc::vec::Vec<_>>());
    }
}
