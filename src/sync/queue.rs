//! [`Queue`]: `asyncio.Queue`.

use alloc::collections::VecDeque;
use alloc::rc::Rc;
use core::cell::RefCell;
use core::fmt;

use super::waiters::{park, resumed_after_done, Stage, WaitQueue};
use crate::generator::{Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{current_waker, Blocker, Request, TaskError};

struct State<T> {
    items: VecDeque<T>,
    /// 0 for no limit.
    maxsize: usize,
    /// Served with the item they get, which still takes its slot until
    /// the getter runs and takes it.
    getters: WaitQueue<T>,
    /// Served with a slot kept for them until they run and fill it.
    putters: WaitQueue<()>,
    /// Items put and not yet marked done with `task_done`.
    unfinished: usize,
    /// Served when `unfinished` drops to zero.
    joiners: WaitQueue<()>,
    blocker: Blocker,
}

impl<T> State<T> {
    /// Slots taken: items in the queue, items handed to getters that have
    /// not run yet, and slots kept for putters that have not run yet.
    fn occupied(&self) -> usize {
        self.items.len() + self.getters.served() + self.putters.served()
    }

    fn has_room(&self) -> bool {
        self.maxsize == 0 || self.occupied() < self.maxsize
    }

    /// Hands items to waiting getters and free slots to waiting putters,
    /// first come, first served; called after every change.
    fn balance(&mut self) {
        while self.getters.waiting() > 0 {
            let Some(item) = self.items.pop_front() else {
                break;
            };
            if let Err(item) = self.getters.serve(item) {
                self.items.push_front(item);
                break;
            }
        }
        while self.putters.waiting() > 0 && self.has_room() {
            let _ = self.putters.serve(());
        }
    }

    /// Adds an item at the back; the caller checked there is room.
    fn push(&mut self, item: T) {
        self.items.push_back(item);
        self.unfinished += 1;
        self.balance();
    }

    fn try_put(&mut self, item: T) -> Result<(), T> {
        if self.putters.waiting() > 0 || !self.has_room() {
            return Err(item);
        }
        self.push(item);
        Ok(())
    }

    fn try_get(&mut self) -> Option<T> {
        if self.getters.waiting() > 0 {
            return None;
        }
        let item = self.items.pop_front()?;
        self.balance();
        Some(item)
    }
}

/// A first-in, first-out queue for tasks: `asyncio.Queue(maxsize)`.
///
/// Producers [`put`](Queue::put) items, consumers [`get`](Queue::get)
/// them in the order they were put. With a `maxsize` (0 means none), a put
/// waits while the queue is full, which slows fast producers down to the
/// pace of the consumers. [`task_done`](Queue::task_done) and
/// [`join`](Queue::join) let a producer wait until every item it put was
/// processed. A handle is cheap to clone; clones are the same queue.
///
/// # Fairness
///
/// Getters and putters are each served first come, first served, with
/// hand-off: an item put while getters wait goes straight to the first of
/// them, and a slot freed while putters wait is kept for the first of
/// them. Such a handed item or kept slot counts as taken until its task
/// runs, so [`is_full`](Queue::is_full) can be `true` while
/// [`len`](Queue::len) is below `maxsize`, and nobody can jump the line.
///
/// # Cancel safety
///
/// Nothing is lost or duplicated:
///
/// - a waiting [`get`](Queue::get) that is cancelled, timed out, closed or
///   dropped leaves the line; if an item had already been handed to it,
///   the item goes to the next getter or back to the **front** of the
///   queue;
/// - a waiting [`put`](Queue::put) that is cancelled, timed out, closed or
///   dropped leaves the line, and its item is not put (it is dropped with
///   the awaitable); a slot kept for it goes to the next putter;
/// - [`try_put`](Queue::try_put) on a full queue hands the item back.
///
/// # Examples
///
/// ```python
/// queue = asyncio.Queue(maxsize=1)
/// await queue.put('a')
/// putter = asyncio.create_task(queue.put('b'))  # full: waits
/// await asyncio.sleep(0)
/// queue.get_nowait()   # 'a'; the putter is woken
/// await asyncio.sleep(0)
/// queue.get_nowait()   # 'b'
/// ```
///
/// ```
/// use resumable::{scheduler::Runtime, sync::Queue};
///
/// let queue = Queue::new(1);
/// let mut rt = Runtime::new();
/// assert_eq!(queue.try_put("a"), Ok(()));
/// let putter = rt.spawn(queue.put("b"));
/// rt.run_until_idle();
/// assert!(!putter.done() && queue.is_full());
///
/// assert_eq!(queue.try_get(), Some("a"));
/// assert_eq!(queue.try_put("c"), Err("c")); // the slot is kept for the putter
/// rt.run_until_idle();
/// assert!(putter.done());
/// assert_eq!(queue.try_get(), Some("b"));
/// ```
pub struct Queue<T> {
    state: Rc<RefCell<State<T>>>,
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
        Queue {
            state: Rc::new(RefCell::new(State {
                items: VecDeque::new(),
                maxsize,
                getters: WaitQueue::new(),
                putters: WaitQueue::new(),
                unfinished: 0,
                joiners: WaitQueue::new(),
                blocker: Blocker::fresh("Queue"),
            })),
        }
    }

    /// Puts `item` at the back, waiting while the queue is full:
    /// `await queue.put(item)`. See [`Put`].
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::Queue};
    ///
    /// let queue = Queue::new(1);
    /// Runtime::new().run(queue.put(7)).unwrap();
    /// assert_eq!(queue.try_get(), Some(7));
    /// ```
    pub fn put(&self, item: T) -> Put<T> {
        Put {
            state: Rc::clone(&self.state),
            item: Some(item),
            stage: Stage::Start,
        }
    }

    /// Takes the item at the front, waiting while the queue is empty:
    /// `await queue.get()`. See [`Get`].
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::Queue};
    ///
    /// let queue = Queue::new(0);
    /// assert_eq!(queue.try_put('x'), Ok(()));
    /// assert_eq!(Runtime::new().run(queue.get()).unwrap(), 'x');
    /// ```
    pub fn get(&self) -> Get<T> {
        Get {
            state: Rc::clone(&self.state),
            stage: Stage::Start,
        }
    }

    /// Puts `item` if there is room and no putter waits:
    /// `queue.put_nowait(item)`. On a full queue it hands the item back as
    /// `Err(item)`, where asyncio raises `QueueFull`.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// let queue = Queue::new(1);
    /// assert_eq!(queue.try_put(1), Ok(()));
    /// assert_eq!(queue.try_put(2), Err(2)); // full: nothing lost
    /// ```
    #[doc(alias = "put_nowait")]
    pub fn try_put(&self, item: T) -> Result<(), T> {
        self.state.borrow_mut().try_put(item)
    }

    /// Takes the item at the front if there is one and no getter waits:
    /// `queue.get_nowait()`, with `None` where asyncio raises `QueueEmpty`.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// let queue = Queue::new(0);
    /// assert_eq!(queue.try_get(), None);
    /// assert_eq!(queue.try_put("job"), Ok(()));
    /// assert_eq!(queue.try_get(), Some("job"));
    /// ```
    #[doc(alias = "get_nowait")]
    pub fn try_get(&self) -> Option<T> {
        self.state.borrow_mut().try_get()
    }

    /// Marks one item taken from the queue as processed:
    /// `queue.task_done()`. When every item put so far is marked, the
    /// tasks in [`join`](Queue::join) are woken.
    ///
    /// # Panics
    ///
    /// If called more times than items were put, as asyncio raises
    /// `ValueError('task_done() called too many times')`.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// let queue = Queue::new(0);
    /// assert_eq!(queue.try_put(1), Ok(()));
    /// assert_eq!(queue.try_get(), Some(1));
    /// queue.task_done();
    /// assert_eq!(queue.unfinished(), 0);
    /// ```
    ///
    /// ```should_panic
    /// resumable::sync::Queue::<u8>::new(0).task_done(); // nothing was put
    /// ```
    #[track_caller]
    pub fn task_done(&self) {
        let mut state = self.state.borrow_mut();
        if state.unfinished == 0 {
            let name = state.blocker;
            drop(state);
            panic!("task_done() called too many times on {name}");
        }
        state.unfinished -= 1;
        if state.unfinished == 0 {
            state.joiners.serve_many(usize::MAX);
        }
    }

    /// Waits until every item put was marked with
    /// [`task_done`](Queue::task_done): `await queue.join()`. See
    /// [`QueueJoin`].
    ///
    /// ```
    /// use resumable::{scheduler::Runtime, sync::Queue};
    ///
    /// let queue: Queue<u8> = Queue::new(0);
    /// Runtime::new().run(queue.join()).unwrap(); // nothing put: done at once
    /// ```
    pub fn join(&self) -> QueueJoin<T> {
        QueueJoin {
            state: Rc::clone(&self.state),
            stage: Stage::Start,
        }
    }

    /// The number of items in the queue: `queue.qsize()`. Items already
    /// handed to a woken getter are not counted.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// let queue = Queue::new(0);
    /// assert_eq!(queue.try_put(1), Ok(()));
    /// assert_eq!(queue.len(), 1);
    /// ```
    #[doc(alias = "qsize")]
    pub fn len(&self) -> usize {
        self.state.borrow().items.len()
    }

    /// `true` if there is no item to take: `queue.empty()`.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// assert!(Queue::<u8>::new(0).is_empty());
    /// ```
    #[doc(alias = "empty")]
    pub fn is_empty(&self) -> bool {
        self.state.borrow().items.is_empty()
    }

    /// `true` if a put would wait: `queue.full()`. Never for an unbounded
    /// queue. Slots kept for woken putters and items handed to woken
    /// getters count as taken.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// let queue = Queue::new(1);
    /// assert!(!queue.is_full());
    /// assert_eq!(queue.try_put(()), Ok(()));
    /// assert!(queue.is_full());
    /// ```
    #[doc(alias = "full")]
    pub fn is_full(&self) -> bool {
        let state = self.state.borrow();
        state.putters.waiting() > 0 || !state.has_room()
    }

    /// The limit given to [`new`](Queue::new), 0 for none:
    /// `queue.maxsize`.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// assert_eq!(Queue::<u8>::new(3).maxsize(), 3);
    /// ```
    pub fn maxsize(&self) -> usize {
        self.state.borrow().maxsize
    }

    /// Items put and not yet marked with [`task_done`](Queue::task_done):
    /// what [`join`](Queue::join) waits to see at zero.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// let queue = Queue::new(0);
    /// assert_eq!(queue.try_put('a'), Ok(()));
    /// assert_eq!(queue.try_get(), Some('a'));
    /// assert_eq!(queue.unfinished(), 1); // taken, not yet marked done
    /// ```
    pub fn unfinished(&self) -> usize {
        self.state.borrow().unfinished
    }

    /// The name a deadlock report gives this queue: `Queue-N`.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// assert_eq!(Queue::<u8>::new(0).blocker().kind(), "Queue");
    /// ```
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

impl<T> fmt::Debug for Queue<T> {
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// let queue = Queue::new(2);
    /// assert_eq!(queue.try_put(5), Ok(()));
    /// assert_eq!(
    ///     format!("{queue:?}"),
    ///     "Queue { name: Queue-1, len: 1, maxsize: 2, getters: 0, putters: 0, unfinished: 1 }"
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Queue");
        if let Ok(state) = self.state.try_borrow() {
            out.field("name", &format_args!("{}", state.blocker))
                .field("len", &state.items.len())
                .field("maxsize", &state.maxsize)
                .field("getters", &state.getters.waiting())
                .field("putters", &state.putters.waiting())
                .field("unfinished", &state.unfinished);
        }
        out.finish()
    }
}

/// The awaitable of [`Queue::put`]: `await queue.put(item)`.
///
/// It puts the item at once if there is room and no putter is ahead;
/// otherwise it joins the putters' line, and puts the item when a slot is
/// kept for it.
///
/// # Cancel safety
///
/// Thrown an error or closed while it waits, it leaves the line and raises
/// the error; its item is **not** put, and a slot already kept for it goes
/// to the next putter. Dropped unfinished, the same. Either way the item
/// is dropped with the awaitable; take it back first with
/// [`into_item`](Put::into_item) if you need it.
///
/// ```
/// use resumable::{sync::Queue, Generator, GeneratorState::Complete};
///
/// let queue = Queue::new(0);
/// assert_eq!(queue.put(1).next().ok(), Some(Complete(()))); // room: put at once
/// assert_eq!(queue.len(), 1);
/// ```
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct Put<T> {
    state: Rc<RefCell<State<T>>>,
    item: Option<T>,
    stage: Stage,
}

impl<T> Put<T> {
    /// The item not put yet, taking the awaitable apart (it leaves the
    /// line, as a drop does). `None` once the item is in the queue.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// let queue = Queue::new(0);
    /// assert_eq!(queue.put("kept").into_item(), Some("kept"));
    /// assert!(queue.is_empty());
    /// ```
    pub fn into_item(mut self) -> Option<T> {
        self.give_up();
        self.item.take()
    }

    /// Leaves the line; a slot kept for us goes to the next putter.
    fn give_up(&mut self) {
        let Some(ticket) = self.stage.finish() else {
            return;
        };
        if let Ok(mut state) = self.state.try_borrow_mut() {
            if state.putters.leave(ticket).is_some() {
                state.balance();
            }
        }
    }
}

impl<T> Generator for Put<T> {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        if let Err(exception) = input.sent() {
            self.give_up();
            return Err(exception);
        }
        if self.stage == Stage::Done {
            resumed_after_done("queue put");
        }
        let mut state = self.state.borrow_mut();
        let item = self
            .item
            .take()
            .expect("a put holds its item until it is put");
        let rejected = match self.stage {
            Stage::Waiting(ticket) if state.putters.take(ticket).is_some() => {
                // The slot kept for us is ours to fill.
                state.push(item);
                None
            }
            Stage::Waiting(_) => Some(item),
            Stage::Start | Stage::Done => state.try_put(item).err(),
        };
        let Some(item) = rejected else {
            self.stage = Stage::Done;
            return Ok(GeneratorState::Complete(()));
        };
        self.item = Some(item);
        if self.stage == Stage::Start {
            self.stage = Stage::Waiting(state.putters.join(current_waker()));
        }
        park(state.blocker)
    }
}

impl<T> Drop for Put<T> {
    fn drop(&mut self) {
        self.give_up();
    }
}

impl<T> fmt::Debug for Put<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Put");
        if let Ok(state) = self.state.try_borrow() {
            out.field("on", &format_args!("{}", state.blocker));
        }
        out.field("stage", &self.stage).finish_non_exhaustive()
    }
}

/// The awaitable of [`Queue::get`]: `await queue.get()`, which returns the
/// item.
///
/// It takes the front item at once if there is one and no getter is
/// ahead; otherwise it joins the getters' line, and an item put later is
/// handed to it directly.
///
/// # Cancel safety
///
/// Thrown an error or closed while it waits, it leaves the line and raises
/// the error; if an item had already been handed to it, the item goes to
/// the next getter, or back to the front of the queue. Dropped unfinished,
/// the same. No item is lost.
///
/// ```
/// use resumable::{sync::Queue, Generator, GeneratorState::Complete};
///
/// let queue = Queue::new(0);
/// assert_eq!(queue.try_put('a'), Ok(()));
/// assert_eq!(queue.get().next().ok(), Some(Complete('a')));
/// ```
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct Get<T> {
    state: Rc<RefCell<State<T>>>,
    stage: Stage,
}

impl<T> Get<T> {
    /// Leaves the line; an item handed to us goes to the next getter or
    /// back to the front.
    fn give_up(&mut self) {
        let Some(ticket) = self.stage.finish() else {
            return;
        };
        if let Ok(mut state) = self.state.try_borrow_mut() {
            if let Some(item) = state.getters.leave(ticket) {
                state.items.push_front(item);
                state.balance();
            }
        }
    }
}

impl<T> Generator for Get<T> {
    type Yield = Request;
    type Return = T;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, T, TaskError> {
        if let Err(exception) = input.sent() {
            self.give_up();
            return Err(exception);
        }
        let mut state = self.state.borrow_mut();
        let item = match self.stage {
            Stage::Start => state.try_get(),
            Stage::Waiting(ticket) => state.getters.take(ticket),
            Stage::Done => resumed_after_done("queue get"),
        };
        if let Some(item) = item {
            // Our item no longer takes a slot: a waiting putter may fill it.
            state.balance();
            self.stage = Stage::Done;
            return Ok(GeneratorState::Complete(item));
        }
        if self.stage == Stage::Start {
            self.stage = Stage::Waiting(state.getters.join(current_waker()));
        }
        park(state.blocker)
    }
}

impl<T> Drop for Get<T> {
    fn drop(&mut self) {
        self.give_up();
    }
}

impl<T> fmt::Debug for Get<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Get");
        if let Ok(state) = self.state.try_borrow() {
            out.field("on", &format_args!("{}", state.blocker));
        }
        out.field("stage", &self.stage).finish()
    }
}

/// The awaitable of [`Queue::join`]: `await queue.join()`.
///
/// It returns at once if no item is unfinished; otherwise it waits until
/// [`task_done`](Queue::task_done) has been called for every item put. A
/// waiter woken that way returns even if new items are put before it
/// runs, as in asyncio.
///
/// # Cancel safety
///
/// Thrown an error or closed while it waits, it leaves the line and raises
/// the error; dropped, it leaves the line. There is nothing to pass on:
/// every joiner is woken together.
///
/// ```
/// use resumable::{sync::Queue, Generator, GeneratorState::Complete};
///
/// let queue: Queue<u8> = Queue::new(0);
/// assert_eq!(queue.join().next().ok(), Some(Complete(())));
/// ```
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct QueueJoin<T> {
    state: Rc<RefCell<State<T>>>,
    stage: Stage,
}

impl<T> QueueJoin<T> {
    fn give_up(&mut self) {
        let Some(ticket) = self.stage.finish() else {
            return;
        };
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.joiners.leave(ticket);
        }
    }
}

impl<T> Generator for QueueJoin<T> {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        if let Err(exception) = input.sent() {
            self.give_up();
            return Err(exception);
        }
        let mut state = self.state.borrow_mut();
        let done = match self.stage {
            Stage::Start => state.unfinished == 0,
            Stage::Waiting(ticket) => state.joiners.take(ticket).is_some(),
            Stage::Done => resumed_after_done("queue join"),
        };
        if done {
            self.stage = Stage::Done;
            return Ok(GeneratorState::Complete(()));
        }
        if self.stage == Stage::Start {
            self.stage = Stage::Waiting(state.joiners.join(current_waker()));
        }
        park(state.blocker)
    }
}

impl<T> Drop for QueueJoin<T> {
    fn drop(&mut self) {
        self.give_up();
    }
}

impl<T> fmt::Debug for QueueJoin<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("QueueJoin");
        if let Ok(state) = self.state.try_borrow() {
            out.field("on", &format_args!("{}", state.blocker));
        }
        out.field("stage", &self.stage).finish()
    }
}
