//! `asyncio.wrap_future`: [`wrap_future`], a Rust `Future` awaited by a task.
//!
//! The task polls the future with a real [`Waker`]; while it is pending the
//! task awaits a loop future (a *kick*) that the waker completes through
//! `call_soon_threadsafe`, so the task is polled again only after a wake.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::sync::{Arc, Weak};
use core::fmt;
use core::future::Future;
use core::task::{Poll, Waker};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::task::Wake;

use crate::bridge::{from_future, FromFuture};
use crate::generator::{Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::base_events::{running, Core, ExternalWaker, Outstanding};
use crate::scheduler::futures::FutureCell;
use crate::scheduler::request::Awaitable;
use crate::scheduler::{Awaited, Blocker, Request, TaskError};

/// Waits for any Rust [`Future`] — a tokio task's `JoinHandle`, a channel,
/// a timer of another runtime: `await asyncio.wrap_future(fut)`.
///
/// The task gets a real [`Waker`] and sleeps until the future wakes it;
/// the future may be woken from any thread. It is polled only after a
/// wake, never in a busy loop.
///
/// # Cancel safety
///
/// Cancelling the waiting task drops the future at once (how Rust cancels a
/// future), then raises the cancellation.
///
/// ```
/// use std::future::ready;
/// use resumable::scheduler::{wrap_future, Runtime};
///
/// assert_eq!(Runtime::new().run(wrap_future(ready(7))).unwrap(), 7);
/// ```
///
/// # On the virtual clock
///
/// Time does not pass for a wrapped future: the loop cannot know what it
/// waits for. When nothing is ready and a timer is pending, the loop gives
/// wrapped futures a grace period of real time to wake (20 ms, see
/// [`Runtime::set_external_grace`](crate::scheduler::Runtime::set_external_grace)),
/// then moves the clock to the timer — so a oneshot whose sender is a task
/// that sleeps first is received. With no timer it waits as long as it
/// takes; but a future that dropped its waker (`std::future::pending()`)
/// can never wake, and the loop reports a deadlock instead of hanging.
///
/// ```
/// use resumable::scheduler::{wrap_future, RunError, Runtime};
///
/// let error = Runtime::new().run(wrap_future(std::future::pending::<()>())).unwrap_err();
/// assert!(matches!(error, RunError::Deadlock(_)));
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
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct WrapFuture<F> {
    state: State<F>,
    blocker: Blocker,
}

enum State<F> {
    Created(F),
    Waiting {
        future: FromFuture<F>,
        wake: Arc<WakeTask>,
    },
    Done,
}

impl<F: Future + Unpin> WrapFuture<F> {
    fn start(&mut self) {
        if let State::Created(future) = core::mem::replace(&mut self.state, State::Done) {
            let wake = Arc::new(WakeTask::default());
            let future = from_future(future, Waker::from(Arc::clone(&wake)));
            // Held here and inside `future`: a third holder can wake it.
            let watched: Weak<WakeTask> = Arc::downgrade(&wake);
            running("wrap_future").externals.register(watched, 2);
            self.state = State::Waiting { future, wake };
        }
    }

    /// Drops the future and lets go of the loop.
    fn finish(&mut self) {
        if let State::Waiting { wake, .. } = core::mem::replace(&mut self.state, State::Done) {
            wake.disarm();
        }
    }

    /// Polls once; while pending, the kick the task awaits.
    fn poll(&mut self) -> Outcome<Request, F::Output, TaskError> {
        let State::Waiting { future, wake } = &mut self.state else {
            panic!("`WrapFuture` resumed after completion");
        };
        wake.woken.store(false, Ordering::Release);
        if let Poll::Ready(value) = future.poll_once() {
            self.finish();
            return Ok(GeneratorState::Complete(value));
        }
        let core = running("wrap_future");
        if wake.woken.load(Ordering::Acquire) {
            // Pending and awake at once: the executor asks for its thread.
            core.ask_to_yield();
        }
        let kick = Rc::new(FutureCell::new(self.blocker, Some(Rc::clone(&core))));
        wake.arm(&core, &kick);
        let awaited: Rc<dyn Awaitable> = kick;
        Ok(GeneratorState::Yielded(Request::Await(Awaited::new(
            awaited,
        ))))
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
        if matches!(self.state, State::Created(_)) {
            self.start();
        }
        self.poll()
    }
}

impl<F> Drop for WrapFuture<F> {
    fn drop(&mut self) {
        if let State::Waiting { wake, .. } = &self.state {
            wake.disarm();
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

/// The waker of a wrapped future: completes the task's kick, once per wait.
#[derive(Default)]
struct WakeTask {
    /// Woken since the last poll (a wake may come while polling, before
    /// the kick is armed).
    woken: AtomicBool,
    /// The kick to complete, by key on the loop's thread.
    armed: Mutex<Option<(u64, Outstanding)>>,
}

impl WakeTask {
    /// Sets the kick the next wake completes; if a wake came during the
    /// poll, completes it now.
    fn arm(&self, core: &Rc<Core>, kick: &Rc<FutureCell<()>>) {
        let key = core.keep_local(Box::new(Rc::clone(kick)));
        // The loop does not wait for a wrapped future as for a thread: see
        // `external_waits` for what it does.
        *self.lock() = Some((key, Outstanding::uncounted(&core.remote)));
        if self.woken.load(Ordering::Acquire) {
            if let Some((key, _outstanding)) = self.lock().take() {
                kick_now(core, key);
            }
        }
    }

    fn disarm(&self) {
        if let Some((key, outstanding)) = self.lock().take() {
            outstanding.drop_local(key);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(u64, Outstanding)>> {
        self.armed.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Completes the kick kept under `key`, on the loop's thread.
fn kick_now(core: &Core, key: u64) {
    let Some(kept) = core.take_local(key) else {
        return;
    };
    if let Ok(kick) = kept.downcast::<Rc<FutureCell<()>>>() {
        if !kick.done() {
            let _ = kick.set_result(&*kick, ());
        }
    }
}

impl ExternalWaker for WakeTask {
    fn waits(&self) -> bool {
        self.lock().is_some()
    }
}

impl Wake for WakeTask {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        if let Some((key, outstanding)) = self.lock().take() {
            outstanding.call_soon_threadsafe(Box::new(move || {
                let core = running("wrap_future");
                kick_now(&core, key);
            }));
        }
    }
}
