//! [`Put`]: `await queue.put(item)`.

use core::fmt;

use super::queue::{leave_and_pass_on, Shared};
use super::QueueFull;
use crate::generator::{Generator, Outcome, Resume};
use crate::scheduler::{Promise, Request, TaskError};
use crate::sync::waiter::{join_line, Line, Waiter};

/// The awaitable of [`Queue::put`](super::Queue::put): `await
/// queue.put(item)`. This Python:
///
/// ```python
/// while self.full():
///     putter = self._get_loop().create_future()
///     self._putters.append(putter)
///     try:
///         await putter
///     except:
///         putter.cancel()  # Just in case putter is not done yet.
///         try:
///             self._putters.remove(putter)
///         except ValueError:
///             pass
///         if not self.full() and not putter.cancelled():
///             self._wakeup_next(self._putters)
///         raise
/// return self.put_nowait(item)
/// ```
///
/// Woken, it looks again: if another task filled the slot in between, it
/// queues again, at the back. Its `except:` runs for every way out,
/// closing and dropping included; the item is then not put, and goes with
/// the awaitable unless taken back with [`into_item`](Put::into_item).
///
/// ```
/// use resumable::{sync::Queue, Generator, GeneratorState::Complete};
///
/// let queue = Queue::new(0);
/// assert_eq!(queue.put(1).next().ok(), Some(Complete(()))); // room: put at once
/// assert_eq!(queue.len(), 1);
/// ```
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct Put<T> {
    waiter: Waiter<PutLine<T>>,
}

/// The putters' line of a queue, as one put sees it.
struct PutLine<T> {
    state: Shared<T>,
    /// The item, until it is put.
    item: Option<T>,
}

impl<T> Put<T> {
    pub(super) fn new(state: Shared<T>, item: T) -> Self {
        Put {
            waiter: Waiter::new(PutLine {
                state,
                item: Some(item),
            }),
        }
    }

    /// The item, if it was not put, taking the awaitable apart (it leaves
    /// the line, as a drop does). `None` once the item is in the queue.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// let queue = Queue::new(0);
    /// assert_eq!(queue.put("kept").into_item(), Some("kept"));
    /// assert!(queue.is_empty());
    /// ```
    pub fn into_item(mut self) -> Option<T> {
        self.waiter.give_up();
        self.waiter.line_mut().item.take()
    }
}

impl<T> Line for PutLine<T> {
    const AWAITABLE: &'static str = "Put";
    type Wake = ();
    type Return = ();

    #[inline]
    fn try_now(&mut self) -> Option<()> {
        let item = self
            .item
            .take()
            .expect("a put holds its item until it is put");
        // while self.full(): ...; return self.put_nowait(item)
        let Err(QueueFull(item)) = self.state.borrow_mut().put_nowait(item) else {
            return Some(());
        };
        self.item = Some(item);
        None
    }

    fn join(&mut self) -> Promise<()> {
        let mut state = self.state.borrow_mut();
        join_line(state.blocker, &mut state.putters)
    }

    /// Look again: `_wakeup_next` took the putter out of the line.
    fn woken(&mut self, _putter: &Promise<()>) -> Option<()> {
        None
    }

    /// The `except:` around `await putter`.
    fn give_up(&mut self, putter: &Promise<()>) {
        let Ok(mut state) = self.state.try_borrow_mut() else {
            return;
        };
        let slot_free = !state.full();
        leave_and_pass_on(&mut state.putters, putter, slot_free);
    }
}

impl<T> Generator for Put<T> {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    #[inline]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        self.waiter.resume(input)
    }
}

impl<T> fmt::Debug for Put<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Put");
        if let Ok(state) = self.waiter.line().state.try_borrow() {
            out.field("queue", &format_args!("{}", state.blocker));
        }
        out.field("stage", &self.waiter.stage())
            .finish_non_exhaustive()
    }
}
