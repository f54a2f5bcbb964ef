use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::fmt;

use super::{current_waker, Blocker, IntoTask, Request, Task, TaskError};
use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};

/// Runs awaitables as tasks at once and waits for all of them:
/// `await asyncio.gather(*aws)`.
///
/// The results come back in argument order, whatever order the tasks
/// finish in. The first error is raised as soon as it happens; the other
/// tasks are *not* cancelled and run on (asyncio's
/// `return_exceptions=False`). For every outcome, errors included, use
/// [`return_exceptions`](Gather::return_exceptions).
///
/// If the task awaiting the gather is cancelled, every task of the gather
/// still running is cancelled too.
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
/// assert_eq!(rt.now(), Duration::from_secs(2)); // not 3: they overlapped
/// ```
pub fn gather<I>(awaitables: I) -> Gather<I::Item>
where
    I: IntoIterator,
    I::Item: IntoTask,
{
    Gather {
        collect: Collect::new(awaitables.into_iter().collect(), true),
    }
}

/// The awaitable of [`gather`].
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
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
        collect.fail_fast = false;
        GatherResults { collect }
    }
}

impl<A: IntoTask> Generator for Gather<A> {
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
        // Fail-fast mode returned early on the first error, so all are Ok.
        let values = results.into_iter().filter_map(Result::ok).collect();
        Ok(GeneratorState::Complete(values))
    }
}

/// The awaitable of [`Gather::return_exceptions`]: every outcome, in
/// argument order.
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct GatherResults<A: IntoTask> {
    collect: Collect<A>,
}

impl<A: IntoTask> Generator for GatherResults<A> {
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

/// The machine behind both gathers.
struct Collect<A: IntoTask> {
    /// The awaitables, spawned at the first step (inside the loop).
    unspawned: Vec<A>,
    tasks: Vec<Option<Task<A::Output>>>,
    results: Vec<Option<Result<A::Output, TaskError>>>,
    /// Indices of tasks that finished since the last step, in the order
    /// they finished: filled by their done callbacks.
    finished: Rc<RefCell<Vec<usize>>>,
    collected: usize,
    fail_fast: bool,
    cancelling: bool,
}

impl<A: IntoTask> Collect<A> {
    fn new(unspawned: Vec<A>, fail_fast: bool) -> Self {
        Collect {
            unspawned,
            tasks: Vec::new(),
            results: Vec::new(),
            finished: Rc::new(RefCell::new(Vec::new())),
            collected: 0,
            fail_fast,
            cancelling: false,
        }
    }

    fn spawn_all(&mut self) {
        let waker = current_waker();
        for (index, awaitable) in core::mem::take(&mut self.unspawned).into_iter().enumerate() {
            let task = awaitable.into_task();
            let finished = Rc::clone(&self.finished);
            let waker = waker.clone();
            let registered = task.on_done(move || {
                finished.borrow_mut().push(index);
                waker.wake();
            });
            if !registered {
                self.finished.borrow_mut().push(index);
            }
            self.tasks.push(Some(task));
            self.results.push(None);
        }
    }

    fn cancel_running(&self) {
        for task in self.tasks.iter().flatten() {
            task.cancel();
        }
    }

    fn resume(
        &mut self,
        input: Resume<(), TaskError>,
    ) -> Outcome<Request, Vec<Result<A::Output, TaskError>>, TaskError> {
        match input {
            Resume::Close => {
                self.cancel_running();
                return Err(Exception::GeneratorExit);
            }
            Resume::Throw(TaskError::Cancelled) if !self.tasks.is_empty() => {
                self.cancel_running();
                self.cancelling = true;
            }
            Resume::Throw(error) => return Err(Exception::Raised(error)),
            Resume::Next | Resume::Send(()) => {}
        }
        if self.tasks.is_empty() && !self.unspawned.is_empty() {
            self.spawn_all();
        }
        let finished = core::mem::take(&mut *self.finished.borrow_mut());
        for index in finished {
            let Some(task) = self.tasks[index].take() else {
                continue;
            };
            let outcome = task.result().unwrap_or(Err(TaskError::Cancelled));
            if self.fail_fast && !self.cancelling {
                if let Err(error) = outcome {
                    return Err(Exception::Raised(error));
                }
            }
            self.results[index] = Some(outcome);
            self.collected += 1;
        }
        if self.collected < self.results.len() {
            let first = self.tasks.iter().flatten().next();
            let on = first.map_or(Blocker::other("gather"), |task| {
                Blocker::numbered("Task", task.number())
            });
            return Ok(GeneratorState::Yielded(Request::Wait { on, timeout: None }));
        }
        if self.cancelling {
            return Err(Exception::Raised(TaskError::Cancelled));
        }
        let results = self.results.iter_mut().filter_map(Option::take).collect();
        Ok(GeneratorState::Complete(results))
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
    f.debug_struct(name)
        .field("tasks", &(collect.unspawned.len() + collect.tasks.len()))
        .field("collected", &collect.collected)
        .finish_non_exhaustive()
}
