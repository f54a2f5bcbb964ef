//! `asyncio/threads.py`: [`to_thread`].
//!
//! The work runs on a thread of its own; the task awaits a future that the
//! thread completes through `call_soon_threadsafe`, as asyncio's executor
//! future is chained to the loop's.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use core::fmt;
use std::thread;

use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::base_events::{running, Outstanding};
use crate::scheduler::futures::FutureCell;
use crate::scheduler::request::Awaitable;
use crate::scheduler::{Awaited, Blocker, Request, TaskError};

/// Runs blocking work on another thread and waits for its result:
/// `await asyncio.to_thread(work)`.
///
/// The loop goes on with other tasks meanwhile. On the virtual clock the
/// work takes no time: when nothing else is ready, the loop waits for the
/// thread before it moves the clock, so a run does not depend on how fast
/// the machine is. If the work panics, the task raises an error with the
/// panic's message.
///
/// # Cancel safety
///
/// Cancelling the waiting task does not stop the thread (nothing can): the
/// task raises `CancelledError` at once, and the thread's result is dropped
/// when it comes.
///
/// ```
/// use resumable::scheduler::{to_thread, Runtime};
///
/// let sum = Runtime::new().run(to_thread(|| (1..=100).sum::<u32>())).unwrap();
/// assert_eq!(sum, 5050);
/// ```
pub fn to_thread<F, R>(work: F) -> ToThread<R>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    ToThread {
        stage: Stage::Start(Box::new(work)),
    }
}

type Work<R> = Box<dyn FnOnce() -> R + Send>;

/// The awaitable of [`to_thread`].
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct ToThread<R> {
    stage: Stage<R>,
}

enum Stage<R> {
    Start(Work<R>),
    Waiting(Rc<FutureCell<R>>),
    Done,
}

impl<R: Send + 'static> ToThread<R> {
    /// Starts the thread; returns the future it will complete.
    fn start(work: Work<R>) -> Rc<FutureCell<R>> {
        let core = running("to_thread");
        let future = Rc::new(FutureCell::new(
            Blocker::other("a thread"),
            Some(Rc::clone(&core)),
        ));
        let key = core.keep_local(Box::new(Rc::clone(&future)));
        let outstanding = Outstanding::new(&core.remote);
        thread::spawn(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                .map_err(|panic| panic_message(&*panic));
            outstanding.call_soon_threadsafe(Box::new(move || deliver(key, outcome)));
        });
        future
    }
}

/// `_set_state(future, result)` on the loop's thread: unless the waiting
/// task gave up (cancelled the future).
fn deliver<R: 'static>(key: u64, outcome: Result<R, String>) {
    let core = running("to_thread");
    let Some(kept) = core.take_local(key) else {
        return;
    };
    let Ok(future) = kept.downcast::<Rc<FutureCell<R>>>() else {
        return;
    };
    if future.cancelled() {
        return;
    }
    let _ = match outcome {
        Ok(value) => future.set_result(&*future, value).map_err(drop),
        Err(message) => future
            .set_exception(&*future, TaskError::from(message))
            .map_err(drop),
    };
}

/// The message of a panic, as the panic hook would print it.
pub(crate) fn panic_message(panic: &(dyn core::any::Any + Send)) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|text| String::from(*text))
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| String::from("Box<dyn Any>"));
    alloc::format!("the thread of to_thread panicked: {text}")
}

impl<R: Send + 'static> Generator for ToThread<R> {
    type Yield = Request;
    type Return = R;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, R, TaskError> {
        if let Err(exception) = input.sent() {
            self.stage = Stage::Done;
            return Err(exception);
        }
        match core::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Start(work) => {
                let future = Self::start(work);
                let awaited: Rc<dyn Awaitable> = Rc::clone(&future) as Rc<dyn Awaitable>;
                self.stage = Stage::Waiting(future);
                Ok(GeneratorState::Yielded(Request::Await(Awaited::new(
                    awaited,
                ))))
            }
            Stage::Waiting(future) => match future.take_result() {
                Some(Ok(value)) => Ok(GeneratorState::Complete(value)),
                Some(Err(error)) => Err(Exception::Raised(error)),
                None => unreachable!("resumed once the thread is done"),
            },
            Stage::Done => panic!("`ToThread` resumed after it finished"),
        }
    }
}

impl<R> fmt::Debug for ToThread<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = match self.stage {
            Stage::Start(_) => "start",
            Stage::Waiting(_) => "waiting",
            Stage::Done => "done",
        };
        f.debug_struct("ToThread").field("stage", &stage).finish()
    }
}
