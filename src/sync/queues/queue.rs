//! [`Queue`]: `asyncio.Queue`, and the state its kinds and awaitables share.

use alloc::collections::VecDeque;
use alloc::rc::Rc;
use core::cell::RefCell;
use core::fmt;

use super::items::Items;
use super::{Get, Put, QueueEmpty, QueueFull, QueueJoin};
use crate::scheduler::{Blocker, Promise};
use crate::sync::waiter::leave_line;
use crate::sync::Event;

pub(super) type Shared<T> = Rc<RefCell<State<T>>>;

pub(super) struct State<T> {
    pub(super) items: Items<T>,
    /// 0 for no limit.
    pub(super) maxsize: usize,
    /// The futures of the gets waiting, in arrival order.
    pub(super) getters: VecDeque<Promise<()>>,
    /// The futures of the puts waiting, in arrival order.
    pub(super) putters: VecDeque<Promise<()>>,
    pub(super) unfinished: usize,
    /// Set while `unfinished` is zero: what `join` waits for.
    pub(super) finished: Event,
    pub(super) blocker: Blocker,
}

impl<T> State<T> {
    pub(super) fn empty(&self) -> bool {
        self.items.len() == 0
    }

    pub(super) fn full(&self) -> bool {
        self.maxsize > 0 && self.items.len() >= self.maxsize
    }

    /// `put_nowait`.
    pub(super) fn put_nowait(&mut self, item: T) -> Result<(), QueueFull<T>> {
        if self.full() {
            return Err(QueueFull(item));
        }
        self.items.push(item);
        self.unfinished += 1;
        self.finished.clear();
        wakeup_next(&mut self.getters);
        Ok(())
    }

    /// `get_nowait`.
    pub(super) fn get_nowait(&mut self) -> Result<T, QueueEmpty> {
        let item = self.items.pop().ok_or(QueueEmpty)?;
        wakeup_next(&mut self.putters);
        Ok(item)
    }
}

/// `_wakeup_next`: takes waiters off the front until one is not done, and
/// wakes that one. Inlined: most puts and gets find nobody waiting.
#[inline]
pub(super) fn wakeup_next(waiters: &mut VecDeque<Promise<()>>) {
    if !waiters.is_empty() {
        wake_first_pending(waiters);
    }
}

#[inline(never)]
fn wake_first_pending(waiters: &mut VecDeque<Promise<()>>) {
    while let Some(waiter) = waiters.pop_front() {
        if !waiter.done() {
            let _ = waiter.set_result(());
            break;
        }
    }
}

/// The `except:` around `await getter` and `await putter`: the waiter
/// leaves `line`, and if it had been woken and what it was woken for is
/// still there (`unused`: an item, or a free slot), wakes the next in line
/// instead of taking it.
pub(super) fn leave_and_pass_on(
    line: &mut VecDeque<Promise<()>>,
    waiter: &Promise<()>,
    unused: bool,
) {
    // getter.cancel()  # Just in case getter is not done yet.
    waiter.cancel();
    // try: self._getters.remove(getter) except ValueError: pass
    leave_line(line, waiter);
    // if not self.empty() and not getter.cancelled(): self._wakeup_next(self._getters)
    if unused && !waiter.cancelled() {
        wakeup_next(line);
    }
}

/// A first-in, first-out queue for tasks: `asyncio.Queue(maxsize)`.
///
/// Producers [`put`](Queue::put) items, consumers [`get`](Queue::get)
/// them in the order they were put. With a `maxsize` (0 means none), a put
/// waits while the queue is full. [`task_done`](Queue::task_done) and
/// [`join`](Queue::join) let a producer wait until every item it put was
/// processed. A handle is cheap to clone; clones are the same queue.
/// [`LifoQueue`](super::LifoQueue) and [`PriorityQueue`](super::PriorityQueue)
/// are the same queue, taking items in another order.
///
/// # Fairness, as asyncio has it
///
/// An item put while getters wait wakes the first of them (and takes it
/// out of the line); the item stays in the queue until that getter runs, a
/// turn later, and takes whatever is at the front then. In between,
/// [`len`](Queue::len) counts it, and a [`try_get`](Queue::try_get) may
/// take it first: the woken getter then finds the queue empty and queues
/// again, at the back of the line. Putters and freed slots go the same way.
///
/// # Cancel safety
///
/// Nothing is lost or duplicated:
///
/// - a waiting [`get`](Queue::get) that is cancelled, thrown an error,
///   closed or dropped leaves the line; if it had been woken and the queue
///   still has an item, it wakes the next getter;
/// - a waiting [`put`](Queue::put) likewise, with a free slot; its item is
///   not put (it is dropped with the awaitable: take it back first with
///   [`Put::into_item`]);
/// - [`try_put`](Queue::try_put) on a full queue hands the item back.
///
/// # Examples
///
/// ```python
/// queue = asyncio.Queue()
/// getter = asyncio.create_task(queue.get())
/// await asyncio.sleep(0)
/// queue.put_nowait('a')      # wakes the getter; the item stays until it runs
/// assert queue.qsize() == 1
/// queue.get_nowait()         # 'a': taken first
/// await asyncio.sleep(0)     # the getter finds nothing and waits again
/// assert not getter.done()
/// ```
///
/// ```
/// use resumable::{scheduler::Runtime, sync::Queue};
///
/// let queue = Queue::new(0);
/// let mut rt = Runtime::new();
/// let getter = rt.spawn(queue.get());
/// rt.run_until_idle();
///
/// assert_eq!(queue.try_put("a"), Ok(()));
/// assert_eq!(queue.len(), 1);
/// assert_eq!(queue.try_get(), Ok("a"));
/// rt.run_until_idle();
/// assert!(!getter.done());
///
/// assert_eq!(queue.try_put("b"), Ok(()));
/// rt.run_until_idle();
/// assert_eq!(getter.result().unwrap().ok(), Some("b"));
/// ```
pub struct Queue<T> {
    pub(super) state: Shared<T>,
}

impl<T> Queue<T> {
    /// A queue holding at most `maxsize` items, or any number for 0, named
    /// `Queue-N` in reports: `asyncio.Queue(maxsize)`. Works outside a
    /// loop.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// let queue: Queue<u8> = Queue::new(0);
    /// assert_eq!(queue.maxsize(), 0); // unbounded
    /// assert_eq!(queue.blocker().to_string(), "Queue-1");
    /// ```
    pub fn new(maxsize: usize) -> Self {
        Queue::with_items(maxsize, Items::Fifo(VecDeque::new()), "Queue")
    }

    pub(super) fn with_items(maxsize: usize, items: Items<T>, kind: &'static str) -> Self {
        let blocker = Blocker::fresh(kind);
        let finished = Event::labelled(blocker);
        finished.set();
        Queue {
            state: Rc::new(RefCell::new(State {
                items,
                maxsize,
                getters: VecDeque::new(),
                putters: VecDeque::new(),
                unfinished: 0,
                finished,
                blocker,
            })),
        }
    }

    /// Puts `item` in, waiting while the queue is full:
    /// `await queue.put(item)`. See [`Put`].
    pub fn put(&self, item: T) -> Put<T> {
        Put::new(Rc::clone(&self.state), item)
    }

    /// Takes an item out, waiting while the queue is empty:
    /// `await queue.get()`. See [`Get`].
    pub fn get(&self) -> Get<T> {
        Get::new(Rc::clone(&self.state))
    }

    /// Puts `item` in if the queue is not full: `queue.put_nowait(item)`.
    /// It does not look at the putters waiting (a slot freed for a woken
    /// putter can be taken here first). Wakes the first waiting getter.
    ///
    /// # Errors
    ///
    /// [`QueueFull`], with the item, if the queue is full.
    ///
    /// ```
    /// use resumable::sync::{Queue, QueueFull};
    ///
    /// let queue = Queue::new(1);
    /// assert_eq!(queue.try_put(1), Ok(()));
    /// assert_eq!(queue.try_put(2), Err(QueueFull(2))); // nothing lost
    /// ```
    #[doc(alias = "put_nowait")]
    pub fn try_put(&self, item: T) -> Result<(), QueueFull<T>> {
        self.state.borrow_mut().put_nowait(item)
    }

    /// Takes an item out if there is one: `queue.get_nowait()`. It does
    /// not look at the getters waiting (an item put for a woken getter can
    /// be taken here first). Wakes the first waiting putter.
    ///
    /// # Errors
    ///
    /// [`QueueEmpty`] if the queue is empty.
    ///
    /// ```
    /// use resumable::sync::{Queue, QueueEmpty};
    ///
    /// let queue = Queue::new(0);
    /// assert_eq!(queue.try_get(), Err(QueueEmpty));
    /// assert_eq!(queue.try_put("job"), Ok(()));
    /// assert_eq!(queue.try_get(), Ok("job"));
    /// ```
    #[doc(alias = "get_nowait")]
    pub fn try_get(&self) -> Result<T, QueueEmpty> {
        self.state.borrow_mut().get_nowait()
    }

    /// Marks one item taken from the queue as processed:
    /// `queue.task_done()`. When every item put so far is marked, the
    /// tasks in [`join`](Queue::join) are woken.
    ///
    /// # Panics
    ///
    /// If called more times than items were put, with asyncio's message:
    /// `ValueError('task_done() called too many times')` there.
    ///
    /// ```should_panic
    /// resumable::sync::Queue::<u8>::new(0).task_done(); // nothing was put
    /// ```
    #[track_caller]
    pub fn task_done(&self) {
        let mut state = self.state.borrow_mut();
        assert!(state.unfinished > 0, "task_done() called too many times");
        state.unfinished -= 1;
        if state.unfinished == 0 {
            state.finished.set();
        }
    }

    /// Waits until every item put was marked with
    /// [`task_done`](Queue::task_done): `await queue.join()`. See
    /// [`QueueJoin`].
    pub fn join(&self) -> QueueJoin<T> {
        QueueJoin::new(Rc::clone(&self.state))
    }

    /// The number of items in the queue: `queue.qsize()`. An item a woken
    /// getter has not taken yet is counted.
    #[doc(alias = "qsize")]
    pub fn len(&self) -> usize {
        self.state.borrow().items.len()
    }

    /// `true` if there is no item: `queue.empty()`.
    #[doc(alias = "empty")]
    pub fn is_empty(&self) -> bool {
        self.state.borrow().empty()
    }

    /// `true` if there are `maxsize` items: `queue.full()`. Never for an
    /// unbounded queue.
    #[doc(alias = "full")]
    pub fn is_full(&self) -> bool {
        self.state.borrow().full()
    }

    /// The limit given to [`new`](Queue::new), 0 for none: `queue.maxsize`.
    pub fn maxsize(&self) -> usize {
        self.state.borrow().maxsize
    }

    /// Items put and not yet marked with [`task_done`](Queue::task_done):
    /// what [`join`](Queue::join) waits to see at zero.
    pub fn unfinished(&self) -> usize {
        self.state.borrow().unfinished
    }

    /// What reports call this queue: `Queue-1`, `LifoQueue-1`,
    /// `PriorityQueue-1`.
    pub fn blocker(&self) -> Blocker {
        self.state.borrow().blocker
    }
}

impl<T> Clone for Queue<T> {
    /// Another handle to the same queue (no `T: Clone` needed).
    fn clone(&self) -> Self {
        Queue {
            state: Rc::clone(&self.state),
        }
    }
}

impl<T> Default for Queue<T> {
    /// An unbounded queue: `asyncio.Queue()`.
    fn default() -> Self {
        Queue::new(0)
    }
}

impl<T: fmt::Debug> fmt::Debug for Queue<T> {
    /// As asyncio's `str` shows it: `<Queue-1 maxsize=2 _queue=[5]
    /// _getters[1] _putters[1] tasks=1>`.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// let queue = Queue::new(2);
    /// assert_eq!(queue.try_put(5), Ok(()));
    /// assert_eq!(format!("{queue:?}"), "<Queue-1 maxsize=2 _queue=[5] tasks=1>");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state.borrow();
        write!(f, "<{} maxsize={}", state.blocker, state.maxsize)?;
        if !state.empty() {
            write!(f, " _queue={:?}", state.items)?;
        }
        if !state.getters.is_empty() {
            write!(f, " _getters[{}]", state.getters.len())?;
        }
        if !state.putters.is_empty() {
            write!(f, " _putters[{}]", state.putters.len())?;
        }
        if state.unfinished > 0 {
            write!(f, " tasks={}", state.unfinished)?;
        }
        f.write_str(">")
    }
}
