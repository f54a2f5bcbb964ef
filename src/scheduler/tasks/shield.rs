//! `asyncio.shield`: [`shield`].
//!
//! The task awaits an outer future that copies the inner task's outcome;
//! cancelling the waiting task cancels only the outer future, and the inner
//! task runs on.

use alloc::boxed::Box;
use alloc::rc::Rc;
use core::fmt;

use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::futures::{callback_id, Callback, FutureCell};
use crate::scheduler::request::Awaitable;
use crate::scheduler::{Awaited, IntoTask, Join, Request, Task, TaskError};

/// Waits for an awaitable that the waiter's cancellation cannot reach:
/// `await asyncio.shield(aw)`.
///
/// The awaitable runs as a task of its own (a [`Task`] passed in is used as
/// it is). If the waiting task is cancelled, the shield raises
/// [`TaskError::Cancelled`] in it at once, and the task inside runs on to
/// its end, unaware. If the task inside is cancelled by other means, the
/// shield is cancelled too.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{shield, sleep, Runtime};
///
/// let mut rt = Runtime::new();
/// // A task waits on a shielded 2 s job, and is cancelled before it ends.
/// let waiter = rt.spawn(shield(sleep(Duration::from_secs(2))));
/// rt.run_until_idle(); // the waiter spawned the job; both wait
/// waiter.cancel();
/// rt.run_all().unwrap();
/// assert!(waiter.cancelled());
/// assert_eq!(rt.time(), Duration::from_secs(2)); // the job still slept its 2 s
/// ```
pub fn shield<A: IntoTask>(awaitable: A) -> Shield<A> {
    Shield {
        stage: Stage::Start(awaitable),
    }
}

/// The awaitable of [`shield`].
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct Shield<A: IntoTask> {
    stage: Stage<A>,
}

enum Stage<A: IntoTask> {
    Start(A),
    /// The inner task was done already: `shield` returned it as it is.
    Inner(Join<A::Output>),
    /// Awaiting the outer future.
    Outer(Rc<FutureCell<A::Output>>, bool),
    Done,
}

impl<A> Shield<A>
where
    A: IntoTask,
    A::Output: Clone + 'static,
{
    /// `shield(arg)`: the inner task and, unless it is done, the outer
    /// future with the two callbacks that tie them.
    fn start(inner: Task<A::Output>) -> Stage<A> {
        if inner.done() {
            return Stage::Inner(inner.join());
        }
        let core = Rc::clone(inner.shared().core());
        let outer = Rc::new(FutureCell::new(
            crate::scheduler::Blocker::other("shield"),
            Some(Rc::clone(&core)),
        ));
        let inner_callback = callback_id();
        let shielded = Rc::clone(&outer);
        inner.add_callback(Callback::call(
            inner_callback,
            Box::new(move |inner: &FutureCell<A::Output>| copy_outcome(inner, &shielded)),
        ));
        let weak_inner = Rc::downgrade(inner.shared());
        let outer_callback = Box::new(move |_: &FutureCell<A::Output>| {
            // _outer_done_callback
            if let Some(inner) = weak_inner.upgrade() {
                if !inner.future().done() {
                    inner.future().remove_done_callback(inner_callback);
                }
            }
        });
        outer.add_done_callback(&outer, &core, Callback::call(callback_id(), outer_callback));
        Stage::Outer(outer, false)
    }
}

/// `_inner_done_callback`: the inner task's outcome goes to the outer
/// future, unless that was cancelled.
fn copy_outcome<T: Clone + 'static>(inner: &FutureCell<T>, outer: &Rc<FutureCell<T>>) {
    if outer.cancelled() {
        if !inner.cancelled() {
            inner.exception(); // marks the error retrieved
        }
        return;
    }
    if inner.cancelled() {
        outer.cancel_future(outer, None);
        return;
    }
    match inner.exception() {
        Some(error) => {
            let _ = outer.set_exception(outer, error);
        }
        None => {
            if let Some(Ok(value)) = inner.result() {
                let _ = outer.set_result(outer, value);
            }
        }
    }
}

impl<A> Generator for Shield<A>
where
    A: IntoTask,
    A::Output: Clone + 'static,
{
    type Yield = Request;
    type Return = A::Output;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, A::Output, TaskError> {
        if let Stage::Start(_) = self.stage {
            input.sent()?;
            let Stage::Start(awaitable) = core::mem::replace(&mut self.stage, Stage::Done) else {
                unreachable!("checked above");
            };
            self.stage = Self::start(awaitable.into_task());
            return self.resume(Resume::Next);
        }
        match &mut self.stage {
            Stage::Inner(join) => join.resume(input),
            Stage::Outer(outer, yielded) => {
                input.sent()?;
                if !*yielded && !outer.done() {
                    *yielded = true;
                    let future: Rc<dyn Awaitable> = Rc::clone(outer) as Rc<dyn Awaitable>;
                    return Ok(GeneratorState::Yielded(Request::Await(Awaited::new(
                        future,
                    ))));
                }
                match outer.result() {
                    Some(Ok(value)) => Ok(GeneratorState::Complete(value)),
                    Some(Err(error)) => Err(Exception::Raised(error)),
                    None => unreachable!("resumed only when the outer future is done"),
                }
            }
            Stage::Start(_) | Stage::Done => panic!("`Shield` resumed after it finished"),
        }
    }
}

impl<A: IntoTask> fmt::Debug for Shield<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = match self.stage {
            Stage::Start(_) => "start",
            Stage::Inner(_) => "inner done",
            Stage::Outer(..) => "waiting",
            Stage::Done => "done",
        };
        f.debug_struct("Shield").field("stage", &stage).finish()
    }
}
