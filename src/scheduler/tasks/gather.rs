//! `asyncio.gather`: [`gather`] and its `_GatheringFuture`.
//!
//! Each child gets a done callback; the callback of the child that
//! completes the gather sets the outer future, and the outer future's own
//! done callback wakes the awaiting task: two hops after the last child,
//! as in asyncio. Cancelling the outer future cancels every child.

use alloc::rc::Rc;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::cell::{Cell, OnceCell};
use core::fmt;

use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::base_events::{running, Core, TaskId};
use crate::scheduler::futures::{callback_id, Callback, FutureCell, Owner};
use crate::scheduler::request::Awaitable;
use crate::scheduler::{
    Awaited, Blocker, CancelledError, IntoTask, Request, Task, TaskError, ValueError,
};

/// Runs awaitables as tasks at once and waits for all of them:
/// `await asyncio.gather(*aws)`.
///
/// The results come back in argument order, whatever order the tasks
/// finish in. The first error is raised as soon as it happens; the other
/// tasks are *not* cancelled and run on (asyncio's
/// `return_exceptions=False`). For every outcome, errors included, use
/// [`return_exceptions`](Gather::return_exceptions).
///
/// If the task awaiting the gather is cancelled, every child still running
/// is cancelled; the gather then raises `CancelledError` when they are all
/// done. A child that is cancelled by itself counts as an error
/// (`CancelledError`), not as a cancellation of the gather.
///
/// # Errors
///
/// Besides the children's errors, [`Task`]s of another runtime (done or
/// not) are refused, naming both runtimes, and left alone, as in asyncio,
/// where the gather belongs to its first child's loop: if that is another
/// runtime, the awaiting task raises
/// [`RuntimeError`](crate::scheduler::RuntimeError) ("attached to a
/// different loop"); a later child of another runtime than the first
/// raises [`ValueError`]. The children spawned before it run on.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{gather, sleep, Runtime};
/// use resumable::Generator as _;
///
/// // async def nap(s): await asyncio.sleep(s); return s
/// // await gather(nap(2), nap(1)): both run at once.
/// let nap = |s: u64| sleep(Duration::from_secs(s)).map_return(move |()| s);
/// let mut rt = Runtime::new();
/// let results = rt.run(gather([nap(2), nap(1)])).unwrap();
/// assert_eq!(results, [2, 1]); // argument order, not finishing order
/// assert_eq!(rt.time(), Duration::from_secs(2)); // not 3: they overlapped
/// ```
pub fn gather<I>(awaitables: I) -> Gather<I::Item>
where
    I: IntoIterator,
    I::Item: IntoTask,
    <I::Item as IntoTask>::Output: Clone + 'static,
{
    Gather {
        collect: Collect::new(awaitables.into_iter().collect(), false),
    }
}

/// The awaitable of [`gather`].
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct Gather<A: IntoTask> {
    collect: Collect<A>,
}

impl<A: IntoTask> Gather<A> {
    /// Collects every outcome, errors included, instead of raising the
    /// first: `gather(*aws, return_exceptions=True)`.
    ///
    /// ```
    /// use resumable::generator::from_fn;
    /// use resumable::scheduler::{gather, Runtime, TaskError};
    /// use resumable::GeneratorState::Complete;
    ///
    /// // async def connect(id): if id == 4: raise OSError(...); return id
    /// let connect = |id: u32| {
    ///     from_fn(move |_| match id {
    ///         4 => Err(TaskError::from(format!("Не могу подключиться к {id}")).into()),
    ///         _ => Ok(Complete(id)),
    ///     })
    /// };
    /// let mut rt = Runtime::new();
    /// let results = rt.run(gather((1..=4).map(connect)).return_exceptions()).unwrap();
    /// assert_eq!(results[0].as_ref().ok(), Some(&1));
    /// assert_eq!(results[3].as_ref().unwrap_err().to_string(), "Не могу подключиться к 4");
    ///
    /// // Without it, the first error is raised.
    /// let error = rt.run(gather((1..=4).map(connect))).unwrap_err();
    /// assert_eq!(error.to_string(), "the main task raised Не могу подключиться к 4");
    /// ```
    pub fn return_exceptions(self) -> GatherResults<A> {
        let mut collect = self.collect;
        collect.return_exceptions = true;
        GatherResults { collect }
    }
}

impl<A> Generator for Gather<A>
where
    A: IntoTask,
    A::Output: Clone + 'static,
{
    type Yield = Request;
    type Return = Vec<A::Output>;
    type Error = TaskError;

    fn resume(
        &mut self,
        input: Resume<(), TaskError>,
    ) -> Outcome<Request, Vec<A::Output>, TaskError> {
        let results = match self.collect.resume(input)? {
            GeneratorState::Yielded(request) => return Ok(GeneratorState::Yielded(request)),
            GeneratorState::Complete(results) => results,
        };
        // Without return_exceptions the first error was raised: all are Ok.
        let values = results.into_iter().filter_map(Result::ok).collect();
        Ok(GeneratorState::Complete(values))
    }
}

/// The awaitable of [`Gather::return_exceptions`]: every outcome, in
/// argument order.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct GatherResults<A: IntoTask> {
    collect: Collect<A>,
}

impl<A> Generator for GatherResults<A>
where
    A: IntoTask,
    A::Output: Clone + 'static,
{
    type Yield = Request;
    type Return = Vec<Result<A::Output, TaskError>>;
    type Error = TaskError;

    fn resume(
        &mut self,
        input: Resume<(), TaskError>,
    ) -> Outcome<Request, Vec<Result<A::Output, TaskError>>, TaskError> {
        self.collect.resume(input)
    }
}

type Results<T> = Vec<Result<T, TaskError>>;

/// `_GatheringFuture`: the outer future, with its children.
struct Gathering<T> {
    future: FutureCell<Results<T>>,
    children: Vec<Task<T>>,
    /// `_cancel_requested`
    cancel_requested: Cell<bool>,
    return_exceptions: bool,
    /// `nfuts`, `nfinished`
    distinct: usize,
    finished: Cell<usize>,
}

impl<T: Clone + 'static> Gathering<T> {
    /// `_done_callback(fut)`.
    fn child_done(&self, me: &Rc<Self>, child: &FutureCell<T>) {
        self.finished.set(self.finished.get() + 1);
        let outer = &self.future;
        if outer.done() {
            if !child.cancelled() {
                child.exception(); // marks the error retrieved
            }
            return;
        }
        if !self.return_exceptions {
            if child.cancelled() {
                let error = TaskError::Cancelled(child.make_cancelled_error());
                let _ = outer.set_exception(me, error);
                return;
            }
            if let Some(error) = child.exception() {
                let _ = outer.set_exception(me, error);
                return;
            }
        }
        if self.finished.get() == self.distinct {
            self.complete(me);
        }
    }

    /// Every child is done: the results in argument order.
    fn complete(&self, me: &Rc<Self>) {
        let mut results = Vec::with_capacity(self.children.len());
        for child in &self.children {
            let future = child.shared().future();
            let result = if future.cancelled() {
                let message = future.cancel_message().unwrap_or_else(|| Arc::from(""));
                Err(TaskError::Cancelled(CancelledError::with_message(message)))
            } else {
                match future.exception() {
                    Some(error) => Err(error),
                    None => future.result().expect("every child is done"),
                }
            };
            results.push(result);
        }
        let outer = &self.future;
        if self.cancel_requested.get() {
            // asyncio takes the error of the last child of its loop.
            let last = self.children.last().expect("a gather has children");
            let error = last.shared().future().make_cancelled_error();
            let _ = outer.set_exception(me, TaskError::Cancelled(error));
        } else {
            let _ = outer.set_result(me, results);
        }
    }
}

impl<T> Owner<Results<T>> for Gathering<T> {
    fn cell(&self) -> &FutureCell<Results<T>> {
        &self.future
    }
}

impl<T: 'static> Awaitable for Gathering<T> {
    /// `_GatheringFuture.cancel`: cancels the children; it is cancelled
    /// itself only by what that does.
    fn cancel(self: Rc<Self>, message: Option<Arc<str>>) -> bool {
        if self.future.done() {
            return false;
        }
        let mut cancelled = false;
        for child in &self.children {
            if child.shared().cancel_task(message.clone()) {
                cancelled = true;
            }
        }
        if cancelled {
            self.cancel_requested.set(true);
        }
        cancelled
    }

    fn add_wakeup(self: Rc<Self>, core: &Rc<Core>, id: TaskId) -> bool {
        self.future
            .add_done_callback(&self, core, Callback::Wakeup(id))
    }

    fn wakeup_error(&self) -> Option<TaskError> {
        self.future.wakeup_error()
    }

    fn blocker(&self) -> Blocker {
        self.future.blocker()
    }

    fn owner(&self) -> Option<Rc<Core>> {
        self.future.core()
    }
}

/// `fut.add_done_callback(_done_callback)`: the child's end reaches the
/// outer future in `slot`, once it is there.
fn watch<T: Clone + 'static>(task: &Task<T>, slot: &Rc<OnceCell<Rc<Gathering<T>>>>) {
    let outer = Rc::clone(slot);
    let call = alloc::boxed::Box::new(move |child: &FutureCell<T>| {
        if let Some(outer) = outer.get() {
            outer.child_done(outer, child);
        }
    });
    task.add_callback(Callback::call(callback_id(), call));
}

/// The machine behind both gathers: `gather(...)`, then `await outer`.
struct Collect<A: IntoTask> {
    unspawned: Vec<A>,
    outer: Option<Rc<Gathering<A::Output>>>,
    return_exceptions: bool,
    yielded: bool,
}

impl<A: IntoTask> Collect<A>
where
    A::Output: Clone + 'static,
{
    fn new(unspawned: Vec<A>, return_exceptions: bool) -> Self {
        Collect {
            unspawned,
            outer: None,
            return_exceptions,
            yielded: false,
        }
    }

    /// `gather(*aws)`: for each awaitable, its task (one for each
    /// distinct task) and the done callback; then the outer future, which
    /// the callbacks find when they run (asyncio's closure over `outer`).
    ///
    /// The outer future belongs to the first child's loop, as in asyncio:
    /// if that is another runtime, the awaiting task meets a future
    /// "attached to a different loop" (and no callback goes on a task of
    /// that runtime); a later child of another loop than the first is
    /// asyncio's `ValueError`.
    fn start(&mut self) -> Result<Rc<Gathering<A::Output>>, ValueError> {
        let running = running("gather");
        let slot: Rc<OnceCell<Rc<Gathering<A::Output>>>> = Rc::new(OnceCell::new());
        let mut children: Vec<Task<A::Output>> = Vec::new();
        let mut distinct = 0;
        let mut watched = true;
        for awaitable in core::mem::take(&mut self.unspawned) {
            let task = awaitable.into_task();
            match children.first() {
                None => watched = Rc::ptr_eq(task.shared().core(), &running),
                Some(first) => task.check_loop(first.shared().core())?,
            }
            if !children.contains(&task) {
                distinct += 1;
                if watched {
                    watch(&task, &slot);
                }
            }
            children.push(task);
        }
        let core = children
            .first()
            .map_or(running, |first| Rc::clone(first.shared().core()));
        let outer = self.outer_future(core, children, distinct);
        let _ = slot.set(Rc::clone(&outer));
        Ok(outer)
    }

    /// The outer future, of `core`'s loop, done at once without children.
    fn outer_future(
        &self,
        core: Rc<Core>,
        children: Vec<Task<A::Output>>,
        distinct: usize,
    ) -> Rc<Gathering<A::Output>> {
        let outer = Rc::new(Gathering {
            future: FutureCell::new(Blocker::other("gather"), Some(core)),
            children,
            cancel_requested: Cell::new(false),
            return_exceptions: self.return_exceptions,
            distinct,
            finished: Cell::new(0),
        });
        if outer.children.is_empty() {
            let _ = outer.future.set_result(&outer, Vec::new());
        }
        outer
    }

    fn resume(
        &mut self,
        input: Resume<(), TaskError>,
    ) -> Outcome<Request, Results<A::Output>, TaskError> {
        input.sent()?;
        let outer = match &self.outer {
            Some(outer) => Rc::clone(outer),
            None => {
                let outer = self
                    .start()
                    .map_err(|error| Exception::Raised(TaskError::raise(error)))?;
                self.outer = Some(Rc::clone(&outer));
                outer
            }
        };
        if !self.yielded && !outer.future.done() {
            self.yielded = true;
            let future: Rc<dyn Awaitable> = outer;
            return Ok(GeneratorState::Yielded(Request::Await(Awaited::new(
                future,
            ))));
        }
        match outer.future.take_result() {
            Some(Ok(results)) => Ok(GeneratorState::Complete(results)),
            Some(Err(error)) => Err(Exception::Raised(error)),
            None => panic!("a gather was resumed after it finished"),
        }
    }
}

impl<A: IntoTask> fmt::Debug for Gather<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_collect(&self.collect, "Gather", f)
    }
}

impl<A: IntoTask> fmt::Debug for GatherResults<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_collect(&self.collect, "GatherResults", f)
    }
}

fn debug_collect<A: IntoTask>(
    collect: &Collect<A>,
    name: &str,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let children = collect
        .outer
        .as_ref()
        .map_or(collect.unspawned.len(), |outer| outer.children.len());
    f.debug_struct(name)
        .field("children", &children)
        .field("started", &collect.outer.is_some())
        .finish_non_exhaustive()
}
