//! [`QueueEmpty`] and [`QueueFull`]: `asyncio.QueueEmpty`, `asyncio.QueueFull`.

use core::fmt;
use std::error::Error;

/// What [`Queue::try_get`](super::Queue::try_get) returns on an empty
/// queue: `asyncio.QueueEmpty`, raised by `get_nowait()`.
///
/// An error, so a task can raise it with `?` (through
/// [`TaskError::raise`](crate::scheduler::TaskError::raise)).
///
/// ```
/// use resumable::sync::{Queue, QueueEmpty};
///
/// let queue: Queue<u8> = Queue::new(0);
/// assert_eq!(queue.try_get(), Err(QueueEmpty));
/// assert_eq!(QueueEmpty.to_string(), "QueueEmpty");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct QueueEmpty;

impl fmt::Display for QueueEmpty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("QueueEmpty")
    }
}

impl Error for QueueEmpty {}

/// What [`Queue::try_put`](super::Queue::try_put) returns on a full queue:
/// `asyncio.QueueFull`, raised by `put_nowait(item)`, with the item handed
/// back so that nothing is lost.
///
/// ```
/// use resumable::sync::{Queue, QueueFull};
///
/// let queue = Queue::new(1);
/// assert_eq!(queue.try_put('a'), Ok(()));
/// let refused = queue.try_put('b').unwrap_err();
/// assert_eq!(refused, QueueFull('b'));
/// assert_eq!(refused.into_inner(), 'b');
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct QueueFull<T>(pub T);

impl<T> QueueFull<T> {
    /// The item that was not put.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for QueueFull<T> {
    /// `QueueFull(..)`: the item is not shown, so that any item can be
    /// raised.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("QueueFull(..)")
    }
}

impl<T> fmt::Display for QueueFull<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("QueueFull")
    }
}

impl<T> Error for QueueFull<T> {}
