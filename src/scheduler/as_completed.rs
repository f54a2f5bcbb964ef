use alloc::collections::VecDeque;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::fmt;

use super::{current_waker, Blocker, IntoTask, Request, Task, TaskError};
use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Hands out the tasks' outcomes in the order they finish:
/// `for fut in asyncio.as_completed(aws): result = await fut`.
///
/// Each [`next`](AsCompleted::next) is an awaitable that waits for the next
/// task to finish and returns its outcome, or `None` once all were handed
/// out. The tasks are spawned at the first `next`.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{as_completed, sleep, Runtime, TaskError};
/// use resumable::{yield_from, Generator, GeneratorState, Outcome, Resume};
/// use resumable::scheduler::{AsCompleted, NextCompleted, Request};
///
/// type Nap = resumable::generator::MapReturn<resumable::scheduler::Sleep, fn(()) -> u64>;
/// fn nap(s: u64) -> Nap {
///     fn secs(_: ()) -> u64 { 0 }
///     sleep(Duration::from_secs(s)).map_return(secs as fn(()) -> u64)
/// }
///
/// /// for fut in as_completed([nap(3), nap(1), nap(2)]): order.append(now())
/// struct Collect { all: AsCompleted<Nap>, next: Option<NextCompleted<Nap>>, order: Vec<Duration> }
/// impl Generator for Collect {
///     type Yield = Request;
///     type Return = Vec<Duration>;
///     type Error = TaskError;
///     fn resume(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, Vec<Duration>, TaskError> {
///         loop {
///             let next = self.next.get_or_insert_with(|| self.all.next());
///             let outcome = yield_from!(next, input)?;
///             self.next = None;
///             input = Resume::Next;
///             match outcome {
///                 Some(_) => self.order.push(resumable::scheduler::now()),
///                 None => return Ok(GeneratorState::Complete(std::mem::take(&mut self.order))),
///             }
///         }
///     }
/// }
///
/// let mut rt = Runtime::new();
/// let all = as_completed([nap(3), nap(1), nap(2)]);
/// let order = rt.run(Collect { all, next: None, order: vec![] }).unwrap();
/// assert_eq!(order, [1, 2, 3].map(Duration::from_secs));
/// ```
pub fn as_completed<I>(tasks: I) -> AsCompleted<I::Item>
where
    I: IntoIterator,
    I::Item: IntoTask,
{
    AsCompleted {
        shared: Rc::new(RefCell::new(Shared {
            unspawned: tasks.into_iter().collect(),
            tasks: Vec::new(),
            finished: Rc::new(RefCell::new(VecDeque::new())),
            handed_out: 0,
        })),
    }
}

struct Shared<A: IntoTask> {
    unspawned: Vec<A>,
    tasks: Vec<Option<Task<A::Output>>>,
    /// Indices in finishing order, filled by done callbacks.
    finished: Rc<RefCell<VecDeque<usize>>>,
    handed_out: usize,
}

impl<A: IntoTask> Shared<A> {
    fn spawn_all(&mut self) {
        let waker = current_waker();
        for (index, awaitable) in core::mem::take(&mut self.unspawned).into_iter().enumerate() {
            let task = awaitable.into_task();
            let finished = Rc::clone(&self.finished);
            let waker = waker.clone();
            let registered = task.on_done(move || {
                finished.borrow_mut().push_back(index);
                waker.wake();
            });
            if !registered {
                self.finished.borrow_mut().push_back(index);
            }
            self.tasks.push(Some(task));
        }
    }

    fn next_outcome(&mut self) -> Option<Option<Result<A::Output, TaskError>>> {
        if !self.unspawned.is_empty() {
            self.spawn_all();
        }
        if self.handed_out == self.tasks.len() {
            return Some(None);
        }
        let index = self.finished.borrow_mut().pop_front()?;
        let task = self.tasks[index].take()?;
        self.handed_out += 1;
        Some(Some(task.result().unwrap_or(Err(TaskError::Cancelled))))
    }
}

/// The tasks of [`as_completed`]; [`next`](AsCompleted::next) awaits the
/// next one to finish.
pub struct AsCompleted<A: IntoTask> {
    shared: Rc<RefCell<Shared<A>>>,
}

impl<A: IntoTask> AsCompleted<A> {
    /// An awaitable for the next outcome in finishing order: `None` when
    /// every outcome was handed out.
    pub fn next(&self) -> NextCompleted<A> {
        NextCompleted {
            shared: Rc::clone(&self.shared),
        }
    }
}

/// The awaitable of [`AsCompleted::next`].
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct NextCompleted<A: IntoTask> {
    shared: Rc<RefCell<Shared<A>>>,
}

impl<A: IntoTask> Generator for NextCompleted<A> {
    type Yield = Request;
    type Return = Option<Result<A::Output, TaskError>>;
    type Error = TaskError;

    fn resume(
        &mut self,
        input: Resume<(), TaskError>,
    ) -> Outcome<Request, Self::Return, TaskError> {
        input.sent()?;
        let mut shared = self.shared.borrow_mut();
        if let Some(outcome) = shared.next_outcome() {
            return Ok(GeneratorState::Complete(outcome));
        }
        let on = shared
            .tasks
            .iter()
            .flatten()
            .next()
            .map_or(Blocker::other("as_completed"), |task| {
                Blocker::numbered("Task", task.number())
            });
        Ok(GeneratorState::Yielded(Request::Wait { on, timeout: None }))
    }
}

impl<A: IntoTask> fmt::Debug for AsCompleted<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shared = self.shared.borrow();
        f.debug_struct("AsCompleted")
            .field("handed_out", &shared.handed_out)
            .finish_non_exhaustive()
    }
}

impl<A: IntoTask> fmt::Debug for NextCompleted<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NextCompleted").finish_non_exhaustive()
    }
}
