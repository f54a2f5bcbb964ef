//! `asyncio.as_completed`: [`as_completed`].
//!
//! Each task's done callback puts it into a queue (asyncio uses its own
//! `Queue`); each [`NextCompleted`] is a `get` from that queue, so a task
//! finishing reaches its awaiter in two hops, as in asyncio.

use alloc::boxed::Box;
use alloc::collections::VecDeque;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::fmt;
use core::time::Duration;

use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::base_events::{running, Core};
use crate::scheduler::futures::{callback_id, Callback, FutureCell};
use crate::scheduler::request::Awaitable;
use crate::scheduler::{
    Awaited, Blocker, CallbackId, EventLoop, IntoTask, Request, Task, TaskError, TimerHandle,
    ValueError,
};

/// Hands out the tasks' outcomes in the order they finish:
/// `for fut in asyncio.as_completed(aws, timeout=...): result = await fut`.
///
/// The awaitables become tasks at once (so call it inside a running loop);
/// [`next`](AsCompleted::next) hands out one awaitable per task, which
/// waits for the next task to finish and gives its value, or raises its
/// error. With a timeout, the awaitables still waiting when it passes raise
/// [`TaskError::TimedOut`]; nothing is cancelled.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{as_completed, now, sleep, AsCompleted, NextCompleted};
/// use resumable::scheduler::{Request, Runtime, TaskError};
/// use resumable::{yield_from, Generator, GeneratorState, Outcome, Resume};
///
/// /// for fut in as_completed([nap(3), nap(1), nap(2)]): order.append(loop.time())
/// struct Collect { all: Option<AsCompleted<()>>, next: Option<NextCompleted<()>>, order: Vec<Duration> }
///
/// impl Generator for Collect {
///     type Yield = Request;
///     type Return = Vec<Duration>;
///     type Error = TaskError;
///
///     fn resume(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, Vec<Duration>, TaskError> {
///         let secs = Duration::from_secs;
///         let all = self.all.get_or_insert_with(|| {
///             as_completed([sleep(secs(3)), sleep(secs(1)), sleep(secs(2))], None)
///         });
///         loop {
///             if self.next.is_none() {
///                 match all.next() {
///                     Some(next) => self.next = Some(next),
///                     None => return Ok(GeneratorState::Complete(std::mem::take(&mut self.order))),
///                 }
///             }
///             yield_from!(self.next.as_mut().unwrap(), input)?;
///             self.next = None;
///             input = Resume::Next;
///             self.order.push(now());
///         }
///     }
/// }
///
/// let mut rt = Runtime::new();
/// let order = rt.run(Collect { all: None, next: None, order: vec![] }).unwrap();
/// assert_eq!(order, [1, 2, 3].map(Duration::from_secs));
/// ```
///
/// # Errors
///
/// A [`Task`] of another runtime, done or not, is refused: the first
/// awaitable raises [`ValueError`] naming it and both runtimes, and is the
/// only one handed out (asyncio raises at the first `next`). The task is
/// left alone; the tasks spawned before it run on.
///
/// # Panics
///
/// If no loop is running.
#[track_caller]
pub fn as_completed<I>(
    awaitables: I,
    timeout: impl Into<Option<Duration>>,
) -> AsCompleted<<I::Item as IntoTask>::Output>
where
    I: IntoIterator,
    I::Item: IntoTask,
    <I::Item as IntoTask>::Output: Clone + 'static,
{
    let lp = EventLoop::new(running("as_completed"));
    let todo = match distinct_tasks(awaitables, lp.core()) {
        Ok(todo) => todo,
        Err(error) => return AsCompleted::refused(error),
    };
    let count = todo.len();
    let state = Rc::new(RefCell::new(State::new(None)));
    for task in &todo {
        let id = callback_id();
        let shared = Rc::clone(&state);
        let own = task.clone();
        task.add_callback(Callback::call(
            id,
            Box::new(move |_: &FutureCell<_>| on_completion(&shared, &own)),
        ));
        state.borrow_mut().todo.push((task.clone(), id));
    }
    if count > 0 {
        if let Some(limit) = timeout.into() {
            let shared = Rc::clone(&state);
            let timer = lp.call_later(limit, move || on_timeout(&shared));
            state.borrow_mut().timer = Some(timer);
        }
    }
    AsCompleted { state, left: count }
}

/// `todo = {ensure_future(f, loop=loop) for f in set(fs)}`: the tasks,
/// without repeats, or asyncio's `ValueError` at the first task of another
/// loop (those spawned before it run on, as in asyncio).
fn distinct_tasks<I>(
    awaitables: I,
    core: &Rc<Core>,
) -> Result<Vec<Task<<I::Item as IntoTask>::Output>>, ValueError>
where
    I: IntoIterator,
    I::Item: IntoTask,
    <I::Item as IntoTask>::Output: 'static,
{
    let mut todo: Vec<Task<<I::Item as IntoTask>::Output>> = Vec::new();
    for awaitable in awaitables {
        let task = awaitable.into_task();
        task.check_loop(core)?;
        if !todo.contains(&task) {
            todo.push(task);
        }
    }
    Ok(todo)
}

struct State<T> {
    /// The tasks not yet done, each with its `_on_completion` callback.
    todo: Vec<(Task<T>, u64)>,
    /// The queue: finished tasks, `None` for each one the timeout gave up on.
    done: VecDeque<Option<Task<T>>>,
    getters: VecDeque<Rc<FutureCell<()>>>,
    timer: Option<TimerHandle>,
    /// The error the first awaitable raises: a task was of another loop.
    refused: Option<ValueError>,
}

impl<T> State<T> {
    fn new(refused: Option<ValueError>) -> Self {
        State {
            todo: Vec::new(),
            done: VecDeque::new(),
            getters: VecDeque::new(),
            timer: None,
            refused,
        }
    }

    /// `done.put_nowait(item)`: wakes the first getter still waiting.
    fn put(&mut self, item: Option<Task<T>>) {
        self.done.push_back(item);
        wakeup_next(&mut self.getters);
    }
}

/// `Queue._wakeup_next`.
fn wakeup_next(getters: &mut VecDeque<Rc<FutureCell<()>>>) {
    while let Some(getter) = getters.pop_front() {
        if !getter.done() {
            let _ = getter.set_result(&getter, ());
            break;
        }
    }
}

/// `_on_completion(f)`.
fn on_completion<T>(state: &Rc<RefCell<State<T>>>, task: &Task<T>) {
    let mut state = state.borrow_mut();
    if state.todo.is_empty() {
        return; // the timeout came first
    }
    state.todo.retain(|(own, _)| own != task);
    state.put(Some(task.clone()));
    if state.todo.is_empty() {
        if let Some(timer) = &state.timer {
            timer.cancel();
        }
    }
}

/// `_on_timeout()`.
fn on_timeout<T: 'static>(state: &Rc<RefCell<State<T>>>) {
    let mut state = state.borrow_mut();
    let todo = core::mem::take(&mut state.todo);
    for (task, id) in todo {
        task.remove_done_callback(CallbackId(id));
        state.put(None);
    }
}

/// The iterator of [`as_completed`]: one awaitable per task.
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct AsCompleted<T> {
    state: Rc<RefCell<State<T>>>,
    left: usize,
}

impl<T> AsCompleted<T> {
    /// One awaitable, which raises `error`: asyncio's generator raises it
    /// at the first `next`, and is over.
    fn refused(error: ValueError) -> Self {
        AsCompleted {
            state: Rc::new(RefCell::new(State::new(Some(error)))),
            left: 1,
        }
    }

    /// How many awaitables are left to hand out.
    pub fn len(&self) -> usize {
        self.left
    }

    /// `true` once every awaitable was handed out.
    pub fn is_empty(&self) -> bool {
        self.left == 0
    }
}

/// Python's `for aw in as_completed(aws)`: an iterator like asyncio's, one
/// awaitable per task, so a `for` loop or
/// [`sequence`](crate::generator::sequence()) takes it as it is.
///
/// ```python
/// async def main():
///     for aw in asyncio.as_completed([after(2, 'slow'), after(1, 'fast')]):
///         print(await aw)          # fast, then slow
/// ```
///
/// ```
/// use core::time::Duration;
/// use resumable::generator::{lazy, sequence};
/// use resumable::scheduler::{as_completed, sleep, Runtime};
/// use resumable::Generator;
///
/// let after = |s, word| sleep(Duration::from_secs(s)).map_return(move |()| word);
/// let main = lazy(move || {
///     let each = as_completed([after(2, "slow"), after(1, "fast")], None);
///     assert_eq!(each.len(), 2); // one awaitable per task
///     sequence(each.map(|aw| aw.map_return(|word| println!("{word}"))))
/// });
/// let mut rt = Runtime::new();
/// rt.run(main).unwrap();
/// assert_eq!(rt.time(), Duration::from_secs(2));
/// ```
impl<T> Iterator for AsCompleted<T> {
    type Item = NextCompleted<T>;

    /// The next awaitable, `_wait_for_one()`; `None` once there was one per
    /// task.
    fn next(&mut self) -> Option<NextCompleted<T>> {
        self.left = self.left.checked_sub(1)?;
        Some(NextCompleted {
            state: Rc::clone(&self.state),
            getter: None,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<T> ExactSizeIterator for AsCompleted<T> {}

impl<T> core::iter::FusedIterator for AsCompleted<T> {}

impl<T> fmt::Debug for AsCompleted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsCompleted")
            .field("left", &self.left)
            .finish_non_exhaustive()
    }
}

/// The awaitable of [`AsCompleted::next`]: `await done.get()`, then the
/// task's result.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct NextCompleted<T> {
    state: Rc<RefCell<State<T>>>,
    getter: Option<Rc<FutureCell<()>>>,
}

impl<T: Clone + 'static> NextCompleted<T> {
    /// `Queue.get`'s `except:` — leaves the line, passing a wake-up on.
    fn give_up(&mut self) {
        let Some(getter) = self.getter.take() else {
            return;
        };
        getter.cancel_future(&getter, None);
        let mut state = self.state.borrow_mut();
        state.getters.retain(|own| !Rc::ptr_eq(own, &getter));
        if !state.done.is_empty() && !getter.cancelled() {
            wakeup_next(&mut state.getters);
        }
    }
}

impl<T: Clone + 'static> Generator for NextCompleted<T> {
    type Yield = Request;
    type Return = T;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, T, TaskError> {
        if let Err(exception) = input.sent() {
            self.give_up();
            return Err(exception);
        }
        self.getter = None;
        let mut state = self.state.borrow_mut();
        if let Some(error) = state.refused.take() {
            return Err(Exception::Raised(TaskError::raise(error)));
        }
        let Some(item) = state.done.pop_front() else {
            // while self.empty(): await a getter
            let getter = Rc::new(FutureCell::new(Blocker::other("as_completed"), None));
            state.getters.push_back(Rc::clone(&getter));
            self.getter = Some(Rc::clone(&getter));
            let future: Rc<dyn Awaitable> = getter;
            return Ok(GeneratorState::Yielded(Request::Await(Awaited::new(
                future,
            ))));
        };
        drop(state);
        let Some(task) = item else {
            return Err(Exception::Raised(TaskError::TimedOut));
        };
        match task.result() {
            Some(Ok(value)) => Ok(GeneratorState::Complete(value)),
            Some(Err(error)) => Err(Exception::Raised(error)),
            None => unreachable!("only tasks that are done are queued"),
        }
    }
}

impl<T> fmt::Debug for NextCompleted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NextCompleted")
            .field("waiting", &self.getter.is_some())
            .finish_non_exhaustive()
    }
}
