use core::fmt;
use core::future::Future;
use core::task::{Poll, Waker};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::Wake;

use super::{current_waker, Blocker, RemoteWaker, Request, TaskError};
use crate::bridge::{from_future, FromFuture};
use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Waits for any [`Future`] inside a task: `await asyncio.wrap_future(fut)`,
/// for a future of another world (a thread's result, a channel of another
/// crate, a tokio task's `JoinHandle`).
///
/// The task gets a real [`Waker`] and is parked ([`Request::Wait`]) until
/// the future wakes it: no busy polling. The future is polled at the first
/// step, then only after it woke the waker: a task resumed for another
/// reason (a timeout around it, say) parks again without polling. The waker
/// works from any thread, and a wake that comes while the future is being
/// polled, before the task parks, is kept: the task runs again at once.
///
/// While it waits, the loop counts it as work in progress elsewhere (as
/// [`to_thread`](fn@super::to_thread)): it never reports a deadlock, and on
/// the virtual clock it waits for the future before it moves the clock.
///
/// # Cancel safety
///
/// Cancelling the task (or closing the awaitable) drops the future at once,
/// which is how a Rust future is cancelled: a `JoinHandle` detaches its
/// task, a channel receiver closes.
///
/// # Panics
///
/// At the first step, if it is not run by a task of a
/// [`Runtime`](super::Runtime).
///
/// # Examples
///
/// A scheduler task waits for a thread that answers through a channel
/// (`std::sync::mpsc` cannot wake anyone, so a `Future` made with
/// `poll_fn` stands in for an async channel here):
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use std::task::{Poll, Waker};
/// use resumable::scheduler::{wrap_future, Runtime};
///
/// #[derive(Default)]
/// struct Slot { value: Option<u32>, waker: Option<Waker> }
///
/// let slot = Arc::new(Mutex::new(Slot::default()));
/// let answer = {
///     let slot = Arc::clone(&slot);
///     std::future::poll_fn(move |cx| {
///         let mut slot = slot.lock().unwrap();
///         match slot.value.take() {
///             Some(value) => Poll::Ready(value),
///             None => {
///                 slot.waker = Some(cx.waker().clone());
///                 Poll::Pending
///             }
///         }
///     })
/// };
/// let thread = std::thread::spawn(move || {
///     std::thread::sleep(std::time::Duration::from_millis(10));
///     let mut slot = slot.lock().unwrap();
///     slot.value = Some(42);
///     if let Some(waker) = slot.waker.take() {
///         waker.wake();
///     }
/// });
/// // result = await asyncio.wrap_future(executor.submit(...))
/// let result = Runtime::new().run(wrap_future(answer)).unwrap();
/// assert_eq!(result, 42);
/// thread.join().unwrap();
/// ```
pub fn wrap_future<F>(future: F) -> WrapFuture<F>
where
    F: Future + Unpin,
{
    WrapFuture {
        state: State::Created(future),
        blocker: Blocker::fresh("Future"),
    }
}

/// The awaitable of [`wrap_future`].
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct WrapFuture<F> {
    state: State<F>,
    blocker: Blocker,
}

enum State<F> {
    /// Not polled yet: the task's waker is only known at the first step.
    Created(F),
    /// Polled and pending, with the waker it was polled with.
    Waiting {
        future: FromFuture<F>,
        wake: Arc<WakeTask>,
    },
    /// Ready, cancelled or closed: the future is gone.
    Done,
}

impl<F: Future + Unpin> WrapFuture<F> {
    /// What the task yields while the future is pending.
    fn park(&self) -> Outcome<Request, F::Output, TaskError> {
        Ok(GeneratorState::Yielded(Request::Wait {
            on: self.blocker,
            timeout: None,
        }))
    }

    /// The first step: the task is known now, so the waker can be made.
    fn start(&mut self) {
        if let State::Created(future) = core::mem::replace(&mut self.state, State::Done) {
            let wake = Arc::new(WakeTask::new(current_waker().remote()));
            let future = from_future(future, Waker::from(Arc::clone(&wake)));
            self.state = State::Waiting { future, wake };
        }
    }

    /// Drops the future, and lets go of the task: a waker the future gave
    /// away may live on, but it no longer keeps the loop waiting.
    fn finish(&mut self) {
        if let State::Waiting { wake, .. } = core::mem::replace(&mut self.state, State::Done) {
            wake.release();
        }
    }
}

impl<F: Future + Unpin> Generator for WrapFuture<F> {
    type Yield = Request;
    type Return = F::Output;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, F::Output, TaskError> {
        if let Err(exception) = input.sent() {
            self.finish(); // cancelled or closed: the future is dropped now
            return Err(exception);
        }
        let first = matches!(self.state, State::Created(_));
        if first {
            self.start();
        }
        let State::Waiting { future, wake } = &mut self.state else {
            panic!("`WrapFuture` resumed after completion");
        };
        if !first && !wake.take_woken() {
            // Resumed without a wake (a timer, another waker): not ready.
            return self.park();
        }
        let poll = future.poll_once();
        match poll {
            Poll::Ready(value) => {
                self.finish();
                Ok(GeneratorState::Complete(value))
            }
            Poll::Pending => self.park(),
        }
    }
}

impl<F> Drop for WrapFuture<F> {
    fn drop(&mut self) {
        if let State::Waiting { wake, .. } = &self.state {
            wake.release();
        }
    }
}

impl<F> fmt::Debug for WrapFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            State::Created(_) => "created",
            State::Waiting { .. } => "waiting",
            State::Done => "done",
        };
        f.debug_struct("WrapFuture")
            .field("on", &self.blocker)
            .field("state", &state)
            .finish()
    }
}

/// The waker a wrapped future gets: it wakes the task from any thread,
/// once per poll.
struct WakeTask {
    /// Set by a wake, cleared when the task polls: a task is polled only
    /// after a wake, and many wakes before a poll cost one wake-up.
    woken: AtomicBool,
    /// `None` once the awaitable is done: the loop stops counting it.
    task: Mutex<Option<RemoteWaker>>,
}

impl WakeTask {
    fn new(task: RemoteWaker) -> Self {
        WakeTask {
            woken: AtomicBool::new(false),
            task: Mutex::new(Some(task)),
        }
    }

    /// Whether a wake came since the last call.
    fn take_woken(&self) -> bool {
        self.woken.swap(false, Ordering::AcqRel)
    }

    fn release(&self) {
        drop(self.lock().take());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<RemoteWaker>> {
        self.task.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Wake for WakeTask {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if self.woken.swap(true, Ordering::AcqRel) {
            return; // already woken, not polled since
        }
        // A remote wake is taken by the loop only between steps, so one
        // sent while the future is polled reaches the task after it parked.
        if let Some(task) = self.lock().as_ref() {
            task.wake();
        }
    }
}
