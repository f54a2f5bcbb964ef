//! Where a queue keeps its items: the `_init`, `_put` and `_get` that
//! `Queue`, `LifoQueue` and `PriorityQueue` override.

use alloc::collections::VecDeque;
use alloc::vec::Vec;
use core::fmt;

pub(super) enum Items<T> {
    /// `Queue`: `collections.deque`, `append` and `popleft`.
    Fifo(VecDeque<T>),
    /// `LifoQueue`: a list, `append` and `pop`.
    Lifo(Vec<T>),
    /// `PriorityQueue`: a list kept as a heap by `heapq`, with `less` as
    /// its `<`.
    Heap {
        heap: Vec<T>,
        less: fn(&T, &T) -> bool,
    },
}

impl<T> Items<T> {
    pub(super) fn len(&self) -> usize {
        match self {
            Items::Fifo(items) => items.len(),
            Items::Lifo(items) => items.len(),
            Items::Heap { heap, .. } => heap.len(),
        }
    }

    /// `_put`.
    pub(super) fn push(&mut self, item: T) {
        match self {
            Items::Fifo(items) => items.push_back(item),
            Items::Lifo(items) => items.push(item),
            Items::Heap { heap, less } => heappush(heap, *less, item),
        }
    }

    /// `_get`; `None` if empty (the caller checked).
    pub(super) fn pop(&mut self) -> Option<T> {
        match self {
            Items::Fifo(items) => items.pop_front(),
            Items::Lifo(items) => items.pop(),
            Items::Heap { heap, less } => heappop(heap, *less),
        }
    }

    /// The items in the order they are kept: `list(self._queue)`.
    fn as_list(&self) -> Vec<&T> {
        match self {
            Items::Fifo(items) => items.iter().collect(),
            Items::Lifo(items) | Items::Heap { heap: items, .. } => items.iter().collect(),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_list()).finish()
    }
}

/// `heapq.heappush`: the same moves, so that equal items come out in
/// Python's order.
fn heappush<T>(heap: &mut Vec<T>, less: fn(&T, &T) -> bool, item: T) {
    heap.push(item);
    let last = heap.len() - 1;
    siftdown(heap, less, 0, last);
}

/// `heapq.heappop`.
fn heappop<T>(heap: &mut Vec<T>, less: fn(&T, &T) -> bool) -> Option<T> {
    let last = heap.pop()?;
    if heap.is_empty() {
        return Some(last);
    }
    let first = core::mem::replace(&mut heap[0], last);
    siftup(heap, less, 0);
    Some(first)
}

/// `heapq._siftdown`: the item at `pos` moves up while it is less than its
/// parent.
fn siftdown<T>(heap: &mut [T], less: fn(&T, &T) -> bool, start: usize, mut pos: usize) {
    while pos > start {
        let parent = (pos - 1) >> 1;
        if !less(&heap[pos], &heap[parent]) {
            break;
        }
        heap.swap(pos, parent);
        pos = parent;
    }
}

/// `heapq._siftup`: the item at `pos` goes down to a leaf along the smaller
/// children, then back up with `_siftdown`.
fn siftup<T>(heap: &mut [T], less: fn(&T, &T) -> bool, mut pos: usize) {
    let end = heap.len();
    let start = pos;
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end && !less(&heap[child], &heap[right]) {
            child = right;
        }
        heap.swap(pos, child);
        pos = child;
        child = 2 * pos + 1;
    }
    siftdown(heap, less, start, pos);
}
