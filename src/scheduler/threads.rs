//! `asyncio/threads.py`: [`to_thread`].
//!
//! The work runs on a thread of its own; the task awaits a future that the
//! thread completes through `call_soon_threadsafe`, as asyncio's executor
//! future is chained to the loop's. A cancelled wait detaches the thread:
//! the loop stops waiting for it, and its outcome is dropped where it is.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::sync::Arc;
use core::fmt;
use std::sync::{Mutex, PoisonError};
use std::thread;

use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::base_events::{running, Outstanding};
use crate::scheduler::futures::FutureCell;
use crate::scheduler::request::Awaitable;
use crate::scheduler::{Awaited, Blocker, PanicError, Request, TaskError};

/// Runs blocking work on another thread and waits for its result:
/// `await asyncio.to_thread(work)`.
///
/// The loop goes on with other tasks meanwhile. On the virtual clock the
/// work takes no time: when nothing else is ready, the loop waits for the
/// thread before it moves the clock, so a run does not depend on how fast
/// the machine is. If the work panics, the task raises a
/// [`PanicError`] with the panic's message.
///
/// ```
/// use resumable::scheduler::{to_thread, Runtime};
///
/// let sum = Runtime::new().run(to_thread(|| (1..=100).sum::<u32>())).unwrap();
/// assert_eq!(sum, 5050);
/// ```
///
/// # Cancel safety
///
/// Nothing can stop a thread, so a cancelled `to_thread` lets go of it.
/// When the waiting task is cancelled (or the [`ToThread`] is closed or
/// dropped while it waits), the task raises `CancelledError` at once and
/// the thread is *detached*: the loop no longer waits for it — the clock
/// moves on, and a loop with nothing else to do reports a deadlock — and
/// what the work returns, or the panic it raises, is dropped on the thread
/// when it comes (on the loop's thread if it came in the short while
/// between the cancel and the task's next step). A `to_thread` that is not
/// cancelled keeps the loop waiting, however long the thread takes.
///
/// asyncio's loop lets go of the thread in the same way, but
/// `asyncio.run` waits for its executor's threads as it shuts down (for as
/// long as they take, in Python 3.11); [`Runtime::run`](crate::scheduler::Runtime::run)
/// does not, so a detached thread may outlive the run.
///
/// On the virtual clock a timeout never fires while a `to_thread` it
/// guards is at work, since the work takes no time: a
/// [`wait_for`](fn@crate::scheduler::wait_for) there waits for the thread.
/// Cancel from another task, or run on the real clock.
///
/// ```
/// use std::sync::mpsc;
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, to_thread, Runtime};
///
/// let (release, released) = mpsc::channel::<()>();
/// let mut rt = Runtime::new();
/// // Blocks until `release` is dropped: after the run below.
/// let worker = rt.spawn(to_thread(move || released.recv()));
/// rt.run_once().unwrap(); // the worker's first step: the thread starts
/// worker.cancel();
/// rt.run(sleep(Duration::from_secs(1))).unwrap();
/// assert!(worker.cancelled());
/// assert_eq!(rt.time(), Duration::from_secs(1)); // what the timer says: not held by the thread
/// drop(release); // the thread ends; what it returns is dropped there
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
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct ToThread<R> {
    stage: Stage<R>,
}

enum Stage<R> {
    Start(Work<R>),
    Waiting {
        future: Rc<FutureCell<R>>,
        claim: Arc<Claim>,
    },
    Done,
}

/// What the thread and its awaitable share: the key the future is kept
/// under on the loop's thread, and the loop's wait for the thread. Whoever
/// takes it first decides, under the lock: the thread to deliver its
/// outcome, the awaitable to detach the thread. So the outcome is never
/// delivered twice, nor lost while someone waits for it. `run_in_executor`
/// shares it the same way.
pub(super) struct Claim(Mutex<Option<(u64, Outstanding)>>);

impl Claim {
    /// The loop waits for the thread until the claim is taken.
    pub(super) fn new(key: u64, outstanding: Outstanding) -> Self {
        Claim(Mutex::new(Some((key, outstanding))))
    }

    fn take(&self) -> Option<(u64, Outstanding)> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// Runs `work` on a thread of its own. Unless the claim is let go
    /// first, its outcome goes to `deliver` on the loop's thread, with a
    /// panic as a [`PanicError`] of `who`; let go, the outcome is dropped
    /// on the worker thread (the loop's thread may be busy, or gone).
    pub(super) fn run_on_thread<R: Send + 'static>(
        self: Arc<Self>,
        who: &'static str,
        work: impl FnOnce() -> R + Send + 'static,
        deliver: fn(u64, Result<R, PanicError>),
    ) {
        thread::spawn(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                .map_err(|panic| PanicError::new(String::from(who), &*panic));
            if let Some((key, outstanding)) = self.take() {
                outstanding.call_soon_threadsafe(Box::new(move || deliver(key, outcome)));
            }
        });
    }

    /// Lets go of the thread, unless it has delivered already: the loop
    /// stops waiting for it and drops what it kept for it.
    pub(super) fn let_go(&self) {
        if let Some((key, outstanding)) = self.take() {
            outstanding.drop_local(key);
        }
    }
}

impl<R: Send + 'static> ToThread<R> {
    /// Starts the thread; returns the future it will complete, and what
    /// it shares with the awaitable.
    fn start(work: Work<R>) -> (Rc<FutureCell<R>>, Arc<Claim>) {
        let core = running("to_thread");
        let future = Rc::new(FutureCell::new(
            Blocker::other("a thread"),
            Some(Rc::clone(&core)),
        ));
        let key = core.keep_local(Box::new(Rc::clone(&future)));
        let claim = Arc::new(Claim::new(key, Outstanding::new(&core.remote)));
        Arc::clone(&claim).run_on_thread("the thread of to_thread", work, deliver::<R>);
        (future, claim)
    }
}

impl<R> ToThread<R> {
    /// Lets go of the thread, unless it has delivered already: the loop
    /// stops waiting for it and drops the future it kept for it.
    fn detach(&mut self) {
        if let Stage::Waiting { claim, .. } = core::mem::replace(&mut self.stage, Stage::Done) {
            claim.let_go();
        }
    }
}

/// `_set_state(future, result)` on the loop's thread: unless the waiting
/// task gave up (its future was cancelled, and the cancellation has not
/// reached the awaitable yet to detach the thread).
fn deliver<R: 'static>(key: u64, outcome: Result<R, PanicError>) {
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
        Err(panic) => future
            .set_exception(&*future, TaskError::raise(panic))
            .map_err(drop),
    };
}

impl<R: Send + 'static> Generator for ToThread<R> {
    type Yield = Request;
    type Return = R;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, R, TaskError> {
        if let Err(exception) = input.sent() {
            self.detach(); // cancelled or closed
            return Err(exception);
        }
        match core::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Start(work) => {
                let (future, claim) = Self::start(work);
                let awaited: Rc<dyn Awaitable> = Rc::clone(&future) as Rc<dyn Awaitable>;
                self.stage = Stage::Waiting { future, claim };
                Ok(GeneratorState::Yielded(Request::Await(Awaited::new(
                    awaited,
                ))))
            }
            Stage::Waiting { future, .. } => match future.take_result() {
                Some(Ok(value)) => Ok(GeneratorState::Complete(value)),
                Some(Err(error)) => Err(Exception::Raised(error)),
                None => unreachable!("resumed once the thread is done"),
            },
            Stage::Done => panic!("`ToThread` resumed after it finished"),
        }
    }
}

impl<R> Drop for ToThread<R> {
    /// Dropped while it waits: detached, as when cancelled.
    fn drop(&mut self) {
        self.detach();
    }
}

impl<R> fmt::Debug for ToThread<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = match self.stage {
            Stage::Start(_) => "start",
            Stage::Waiting { .. } => "waiting",
            Stage::Done => "done",
        };
        f.debug_struct("ToThread").field("stage", &stage).finish()
    }
}
