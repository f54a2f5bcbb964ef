//! `asyncio.wait_for`: [`wait_for`].
//!
//! A waiter future, released by a `call_later` timer or by the task's done
//! callback, whichever comes first; if the timer came first, the task is
//! cancelled and awaited (`_cancel_and_wait`) before `TimeoutError` is
//! raised. The timer is set once.

use alloc::boxed::Box;
use alloc::rc::Rc;
use core::fmt;
use core::time::Duration;

use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::base_events::running;
use crate::scheduler::futures::{callback_id, Callback, FutureCell};
use crate::scheduler::request::Awaitable;
use crate::scheduler::{
    Awaited, Blocker, EventLoop, IntoTask, Request, Task, TaskError, TimerHandle,
};

/// Waits for an awaitable with a time limit: `await asyncio.wait_for(aw, timeout)`.
///
/// The awaitable runs as a task of its own. When the limit passes, the task
/// is cancelled, and once it has let the cancellation out, the wait raises
/// [`TaskError::TimedOut`]. If it catches the cancellation and returns a
/// value anyway, or finishes in the same turn, that value is the result, as
/// in asyncio. A limit of zero cancels the task at once (unless it is done);
/// `None` waits without a limit, running a generator inline, with no task.
///
/// If the waiting task is cancelled, the task inside is cancelled too and
/// waited for, and the cancellation passes through (not as a timeout).
///
/// # Errors
///
/// Besides the timeout and the task's own error: with a limit, a
/// [`Task`] of another runtime, done or not, is refused at once with
/// [`ValueError`](crate::scheduler::ValueError) naming it and both
/// runtimes, as asyncio refuses a future of another loop; it is left
/// alone, never cancelled. Without a limit it is refused as
/// [`Task::join`] refuses it.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, wait_for, Runtime, TaskError, RunError};
///
/// // await asyncio.wait_for(asyncio.sleep(360), timeout=5.0)
/// let mut rt = Runtime::new();
/// let error = rt.run(wait_for(sleep(Duration::from_secs(360)), Duration::from_secs(5)));
/// assert!(matches!(error, Err(RunError::Task(TaskError::TimedOut))));
/// assert_eq!(rt.time(), Duration::from_secs(5)); // gave up at the limit
/// ```
pub fn wait_for<A: IntoTask>(awaitable: A, timeout: impl Into<Option<Duration>>) -> WaitFor<A> {
    WaitFor {
        stage: Stage::Start(awaitable),
        timeout: timeout.into(),
    }
}

/// The awaitable of [`wait_for`].
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct WaitFor<A: IntoTask> {
    stage: Stage<A>,
    timeout: Option<Duration>,
}

/// A future a timer or a callback releases: `_release_waiter`.
type Waiter = Rc<FutureCell<()>>;

enum Stage<A: IntoTask> {
    Start(A),
    /// `timeout is None`: `return await fut`.
    Inline(A::Awaitable),
    /// `await waiter`.
    Waiting {
        task: Task<A::Output>,
        released_by_task: u64,
        timer: TimerHandle,
    },
    /// `await _cancel_and_wait(fut)`, then `then`.
    Cancelling {
        task: Task<A::Output>,
        released_by_task: u64,
        timer: Option<TimerHandle>,
        then: Then,
    },
    Done,
}

/// What follows `_cancel_and_wait`.
enum Then {
    /// The waiting task was cancelled: re-raise its `CancelledError`.
    Reraise(TaskError),
    /// The time is up: the task's result, or `TimeoutError` if it let
    /// the cancellation out.
    TimeOut,
}

fn new_waiter(lp: &EventLoop) -> Waiter {
    Rc::new(FutureCell::new(
        Blocker::other("wait_for"),
        Some(Rc::clone(lp.core())),
    ))
}

fn release(waiter: &Waiter) {
    if !waiter.done() {
        let _ = waiter.set_result(waiter, ());
    }
}

/// `fut.add_done_callback(functools.partial(_release_waiter, waiter))`.
fn release_when_done<T: 'static>(task: &Task<T>, waiter: &Waiter) -> u64 {
    let id = callback_id();
    let waiter = Rc::clone(waiter);
    task.add_callback(Callback::call(
        id,
        Box::new(move |_: &FutureCell<T>| release(&waiter)),
    ));
    id
}

fn awaiting(waiter: &Waiter) -> Request {
    let future: Rc<dyn Awaitable> = Rc::clone(waiter) as Rc<dyn Awaitable>;
    Request::Await(Awaited::new(future))
}

impl<A> WaitFor<A>
where
    A: IntoTask,
    A::Output: Clone + 'static,
{
    fn start(&mut self, awaitable: A) -> Outcome<Request, A::Output, TaskError> {
        let Some(timeout) = self.timeout else {
            self.stage = Stage::Inline(awaitable.into_awaitable());
            let Stage::Inline(inline) = &mut self.stage else {
                unreachable!("just set");
            };
            return inline.resume(Resume::Next);
        };
        let lp = EventLoop::new(running("wait_for"));
        // `ensure_future(fut, loop=loop)`, before any timer: a task of
        // another runtime is refused at once, and never cancelled.
        let task = awaitable.into_task();
        if let Err(error) = task.check_loop(lp.core()) {
            return Err(Exception::Raised(TaskError::raise(error)));
        }
        if timeout.is_zero() {
            if task.done() {
                return finished(&task);
            }
            return self.cancel_and_wait(&lp, task, None, Then::TimeOut);
        }
        let waiter = new_waiter(&lp);
        let released = Rc::clone(&waiter);
        let timer = lp.call_later(timeout, move || release(&released));
        let released_by_task = release_when_done(&task, &waiter);
        let request = awaiting(&waiter);
        self.stage = Stage::Waiting {
            task,
            released_by_task,
            timer,
        };
        Ok(GeneratorState::Yielded(request))
    }

    /// `_cancel_and_wait(fut)`: cancel the task and wait until it is done.
    fn cancel_and_wait(
        &mut self,
        lp: &EventLoop,
        task: Task<A::Output>,
        timer: Option<TimerHandle>,
        then: Then,
    ) -> Outcome<Request, A::Output, TaskError> {
        let waiter = new_waiter(lp);
        let released_by_task = release_when_done(&task, &waiter);
        task.cancel();
        let request = awaiting(&waiter);
        self.stage = Stage::Cancelling {
            task,
            released_by_task,
            timer,
            then,
        };
        Ok(GeneratorState::Yielded(request))
    }

    /// `await waiter` ended: with the task done, or the time up, or the
    /// waiting task cancelled.
    fn waited(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, A::Output, TaskError> {
        let Stage::Waiting {
            task,
            released_by_task,
            timer,
            ..
        } = core::mem::replace(&mut self.stage, Stage::Done)
        else {
            unreachable!("called while waiting");
        };
        let then = match input {
            Resume::Next | Resume::Send(()) => Then::TimeOut,
            Resume::Throw(error @ TaskError::Cancelled(_)) => Then::Reraise(error),
            Resume::Throw(error) => {
                timer.cancel();
                return Err(Exception::Raised(error));
            }
            Resume::Close => {
                timer.cancel();
                return Err(Exception::GeneratorExit);
            }
        };
        if task.done() {
            timer.cancel();
            return finished(&task);
        }
        task.remove_done_callback(crate::scheduler::CallbackId(released_by_task));
        let lp = EventLoop::new(Rc::clone(task.shared().core()));
        self.cancel_and_wait(&lp, task, Some(timer), then)
    }

    /// `_cancel_and_wait` ended.
    fn cancelled(
        &mut self,
        input: Resume<(), TaskError>,
    ) -> Outcome<Request, A::Output, TaskError> {
        let Stage::Cancelling {
            task,
            released_by_task,
            timer,
            then,
            ..
        } = core::mem::replace(&mut self.stage, Stage::Done)
        else {
            unreachable!("called while cancelling");
        };
        task.remove_done_callback(crate::scheduler::CallbackId(released_by_task));
        if let Some(timer) = &timer {
            timer.cancel();
        }
        input.sent()?;
        match then {
            Then::Reraise(error) => Err(Exception::Raised(error)),
            Then::TimeOut => match task.result() {
                Some(Err(TaskError::Cancelled(_))) => Err(Exception::Raised(TaskError::TimedOut)),
                Some(Ok(value)) => Ok(GeneratorState::Complete(value)),
                Some(Err(error)) => Err(Exception::Raised(error)),
                None => unreachable!("the task is done once the waiter is released"),
            },
        }
    }
}

/// `return fut.result()`.
fn finished<T: Clone>(task: &Task<T>) -> Outcome<Request, T, TaskError> {
    match task.result() {
        Some(Ok(value)) => Ok(GeneratorState::Complete(value)),
        Some(Err(error)) => Err(Exception::Raised(error)),
        None => unreachable!("called on a task that is done"),
    }
}

impl<A> Generator for WaitFor<A>
where
    A: IntoTask,
    A::Output: Clone + 'static,
{
    type Yield = Request;
    type Return = A::Output;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, A::Output, TaskError> {
        match &mut self.stage {
            Stage::Start(_) => {
                input.sent()?;
                let Stage::Start(awaitable) = core::mem::replace(&mut self.stage, Stage::Done)
                else {
                    unreachable!("checked above");
                };
                self.start(awaitable)
            }
            Stage::Inline(inline) => inline.resume(input),
            Stage::Waiting { .. } => self.waited(input),
            Stage::Cancelling { .. } => self.cancelled(input),
            Stage::Done => panic!("`WaitFor` resumed after it finished"),
        }
    }
}

impl<A: IntoTask> Drop for WaitFor<A> {
    /// The `finally` of a coroutine dropped while it waits: the timer goes.
    fn drop(&mut self) {
        match &self.stage {
            Stage::Waiting { timer, .. } => timer.cancel(),
            Stage::Cancelling {
                timer: Some(timer), ..
            } => timer.cancel(),
            _ => {}
        }
    }
}

impl<A: IntoTask> fmt::Debug for WaitFor<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = match self.stage {
            Stage::Start(_) => "start",
            Stage::Inline(_) => "awaiting without a limit",
            Stage::Waiting { .. } => "waiting",
            Stage::Cancelling { .. } => "cancelling",
            Stage::Done => "done",
        };
        f.debug_struct("WaitFor")
            .field("timeout", &self.timeout)
            .field("stage", &stage)
            .finish()
    }
}
