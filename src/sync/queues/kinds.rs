//! [`LifoQueue`] and [`PriorityQueue`]: `asyncio.LifoQueue` and
//! `asyncio.PriorityQueue`, a [`Queue`] that keeps its items another way.

use alloc::vec::Vec;
use core::fmt;
use core::ops::Deref;

use super::items::Items;
use super::Queue;

/// A last-in, first-out queue for tasks: `asyncio.LifoQueue(maxsize)`.
///
/// A [`Queue`] in every other way (it derefs to one, as the Python class
/// is a subclass): the same methods, awaitables, waiting and cancel
/// safety. Only the order differs: a get takes the item put last.
///
/// ```
/// use resumable::sync::LifoQueue;
///
/// let stack = LifoQueue::new(0);
/// for item in [1, 2, 3] {
///     assert_eq!(stack.try_put(item), Ok(()));
/// }
/// assert_eq!(stack.try_get(), Ok(3));
/// assert_eq!(stack.blocker().to_string(), "LifoQueue-1");
/// ```
pub struct LifoQueue<T> {
    queue: Queue<T>,
}

impl<T> LifoQueue<T> {
    /// A stack holding at most `maxsize` items, or any number for 0, named
    /// `LifoQueue-N` in reports.
    pub fn new(maxsize: usize) -> Self {
        LifoQueue {
            queue: Queue::with_items(maxsize, Items::Lifo(Vec::new()), "LifoQueue"),
        }
    }
}

/// A queue for tasks that gives the smallest item first:
/// `asyncio.PriorityQueue(maxsize)`, kept as a binary heap by the moves of
/// Python's `heapq`, so that items that compare equal come out in the
/// order Python gives them.
///
/// A [`Queue`] in every other way (it derefs to one). Items are typically
/// `(priority, data)` tuples.
///
/// ```
/// use resumable::sync::PriorityQueue;
///
/// let queue = PriorityQueue::new(0);
/// for item in [(2, "write"), (0, "read"), (1, "think")] {
///     assert_eq!(queue.try_put(item), Ok(()));
/// }
/// assert_eq!(queue.try_get(), Ok((0, "read")));
/// assert_eq!(queue.try_get(), Ok((1, "think")));
/// ```
pub struct PriorityQueue<T> {
    queue: Queue<T>,
}

impl<T: Ord> PriorityQueue<T> {
    /// A priority queue holding at most `maxsize` items, or any number for
    /// 0, named `PriorityQueue-N` in reports.
    pub fn new(maxsize: usize) -> Self {
        let items = Items::Heap {
            heap: Vec::new(),
            less: |a: &T, b: &T| a < b,
        };
        PriorityQueue {
            queue: Queue::with_items(maxsize, items, "PriorityQueue"),
        }
    }
}

macro_rules! queue_kind {
    ($kind:ident, $($bound:ident)?) => {
        impl<T> Deref for $kind<T> {
            type Target = Queue<T>;

            fn deref(&self) -> &Queue<T> {
                &self.queue
            }
        }

        impl<T> Clone for $kind<T> {
            /// Another handle to the same queue.
            fn clone(&self) -> Self {
                $kind {
                    queue: self.queue.clone(),
                }
            }
        }

        impl<T $(: $bound)?> Default for $kind<T> {
            /// An unbounded queue.
            fn default() -> Self {
                $kind::new(0)
            }
        }

        impl<T> From<$kind<T>> for Queue<T> {
            /// The queue itself, as a plain [`Queue`] handle.
            fn from(kind: $kind<T>) -> Queue<T> {
                kind.queue
            }
        }

        impl<T: fmt::Debug> fmt::Debug for $kind<T> {
            /// As asyncio's `str` shows it: `<LifoQueue-1 maxsize=0 _queue=[1, 2]>`.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.queue, f)
            }
        }
    };
}

queue_kind!(LifoQueue,);
queue_kind!(PriorityQueue, Ord);
