//! The ready queue: what `_run_once` runs, first in, first out, in batches.
//!
//! asyncio's `_run_once` runs the callbacks that are ready when it starts
//! (`ntodo = len(self._ready)`); what they schedule waits for the next
//! iteration, behind the timers that come due then. Here the queue is two
//! plain vectors: the batch being run and the next one. A pop is a compare
//! and a load, a push is `Vec::push`, and a batch begins by swapping the two.
//! (A ring spent about 12 instructions more per switch; `tests` checks the
//! order against `VecDeque`.)
//!
//! The entries are `u32`s: a task's slot for the hot path (its step), or
//! the index of another callback (see `Entry`).

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
    pub(crate) fn push_back(&mut self, entry: u32) {
        self.next.push(entry);
    }

    /// The next entry of the batch being run, if it has any left.
    #[inline]
    pub(crate) fn pop_batch(&mut self) -> Option<u32> {
        let entry = *self.now.get(self.at)?;
        self.at += 1;
        Some(entry)
    }

    /// Begins a batch with everything queued: what is left of the last
    /// batch (if it was cut short), then everything pushed since.
    pub(crate) fn start_batch(&mut self) {
        if self.at == self.now.len() {
            core::mem::swap(&mut self.now, &mut self.next);
            self.next.clear();
        } else {
            self.now.drain(..self.at);
            self.now.append(&mut self.next);
        }
        self.at = 0;
    }

    /// Begins a batch and hands it over whole, for the caller to run and
    /// then give back with [`end_batch`](Self::end_batch), so that its
    /// memory is used again. Entries pushed meanwhile go to the next batch.
    pub(crate) fn begin_batch(&mut self) -> Vec<u32> {
        if self.at < self.now.len() {
            // A batch cut short (by `tick`): what is left of it goes first.
            self.start_batch();
            return core::mem::take(&mut self.now);
        }
        let mut spent = core::mem::take(&mut self.now);
        spent.clear();
        self.at = 0;
        core::mem::replace(&mut self.next, spent)
    }

    /// Takes back the vector of a batch run to its end.
    pub(crate) fn end_batch(&mut self, mut batch: Vec<u32>) {
        batch.clear();
        self.now = batch;
        self.at = 0;
    }

    /// The oldest entry, beginning a new batch if this one is over.
    pub(crate) fn pop_front(&mut self) -> Option<u32> {
        if let Some(entry) = self.pop_batch() {
            return Some(entry);
        }
        self.start_batch();
        self.pop_batch()
    }

    /// Gives memory back: each vector keeps room for `keep` entries (or
    /// what it holds, if more).
    pub(crate) fn shrink_to(&mut self, keep: usize) {
        self.now.drain(..self.at);
        self.at = 0;
        self.now.shrink_to(keep);
        self.next.shrink_to(keep);
    }

    /// Every entry still queued, oldest first, leaving the queue empty.
    pub(crate) fn drain_all(&mut self) -> Vec<u32> {
        let mut all: Vec<u32> = self.now.drain(self.at..).collect();
        all.append(&mut self.next);
        self.now.clear();
        self.at = 0;
        all
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
    fn a_batch_is_what_was_queued_when_it_began() {
        let mut queue = ReadyQueue::new();
        queue.push_back(1);
        queue.push_back(2);
        queue.start_batch();
        assert_eq!(queue.pop_batch(), Some(1));
        queue.push_back(3);
        assert_eq!(queue.pop_batch(), Some(2));
        assert_eq!(queue.pop_batch(), None, "3 came after the batch began");
        queue.start_batch();
        assert_eq!(queue.pop_batch(), Some(3));
    }

    #[test]
    fn a_batch_cut_short_goes_first_in_the_next() {
        let mut queue = ReadyQueue::new();
        for entry in 1..=3 {
            queue.push_back(entry);
        }
        queue.start_batch();
        assert_eq!(queue.pop_batch(), Some(1));
        queue.push_back(4);
        queue.start_batch();
        let rest: alloc::vec::Vec<u32> = core::iter::from_fn(|| queue.pop_batch()).collect();
        assert_eq!(rest, [2, 3, 4]);
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
