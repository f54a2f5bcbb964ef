use alloc::boxed::Box;
use core::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use super::{current_waker, Blocker, Request, TaskError};
use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Runs blocking work on a thread of its own and waits for it without
/// blocking the loop: `await asyncio.to_thread(func)` (and what
/// `loop.run_in_executor(None, func)` does).
///
/// The work starts at the first step. While it runs, the other tasks go on;
/// when it is done, the thread wakes the task. If the waiting task is
/// cancelled, it stops waiting at once, but the thread cannot be stopped: it
/// runs to its end and its result is dropped (as in Python).
///
/// A panic in the work becomes a [`TaskError::Failed`] in the task.
///
/// On the virtual clock, the work takes no time: when every task waits, the
/// loop waits for the thread before it moves the clock, so a run does not
/// depend on how fast the machine is.
///
/// ```
/// use resumable::scheduler::{to_thread, Runtime};
///
/// // result = await asyncio.to_thread(blocking_io)
/// let mut rt = Runtime::new();
/// let sum = rt.run(to_thread(|| (1..=100u32).sum::<u32>())).unwrap();
/// assert_eq!(sum, 5050);
/// ```
pub fn to_thread<F, R>(work: F) -> ToThread<R>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    ToThread {
        work: Some(Box::new(work)),
        result: Arc::new(Mutex::new(None)),
    }
}

type Work<R> = Box<dyn FnOnce() -> R + Send>;
type Slot<R> = Arc<Mutex<Option<thread::Result<R>>>>;

/// The awaitable of [`to_thread`].
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct ToThread<R> {
    work: Option<Work<R>>,
    result: Slot<R>,
}

impl<R: Send + 'static> ToThread<R> {
    fn start(&mut self, work: Work<R>) {
        let waker = current_waker().remote();
        let result = Arc::clone(&self.result);
        thread::spawn(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
            *result.lock().unwrap_or_else(PoisonError::into_inner) = Some(outcome);
            waker.wake();
        });
    }
}

impl<R: Send + 'static> Generator for ToThread<R> {
    type Yield = Request;
    type Return = R;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, R, TaskError> {
        input.sent()?;
        if let Some(work) = self.work.take() {
            self.start(work);
        }
        let finished = self
            .result
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        match finished {
            Some(Ok(value)) => Ok(GeneratorState::Complete(value)),
            Some(Err(_panic)) => Err(TaskError::from("the thread of to_thread panicked").into()),
            None => Ok(GeneratorState::Yielded(Request::Wait {
                on: Blocker::other("a thread"),
                timeout: None,
            })),
        }
    }
}

impl<R> fmt::Debug for ToThread<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ToThread")
            .field("started", &self.work.is_none())
            .finish_non_exhaustive()
    }
}
