//! `asyncio/timeouts.py`: [`timeout`] and [`timeout_at`], `async with
//! asyncio.timeout(delay):`.
//!
//! Entering sets one loop callback for the deadline; if it fires, it
//! cancels the task (wherever it waits), and leaving the block turns that
//! cancellation into `TimeoutError` — unless someone else cancelled the
//! task too (`cancelling()` counts the requests).

use alloc::rc::Rc;
use core::cell::Cell;
use core::fmt;
use core::time::Duration;

use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{current_task, get_running_loop, AnyTask, Handle, Request};
use crate::scheduler::{ready, AsyncContextManager, Leaving, Ready, TaskError, TimerHandle};

/// Runs `body` with a deadline `delay` from when it starts:
/// `async with asyncio.timeout(delay): body`.
///
/// The body runs inline, in the waiting task. When the deadline passes the
/// task is cancelled where it waits, and the timeout raises
/// [`TaskError::TimedOut`] once the body has let the cancellation out. If
/// the body catches the cancellation and finishes anyway, its value is the
/// result (and [`expired`](Timeout::expired) says the time was up). `None`
/// means no deadline.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, timeout, RunError, Runtime, TaskError};
///
/// // async with asyncio.timeout(5): await asyncio.sleep(360)
/// let mut rt = Runtime::new();
/// let error = rt.run(timeout(Duration::from_secs(5), sleep(Duration::from_secs(360))));
/// assert!(matches!(error, Err(RunError::Task(TaskError::TimedOut))));
/// assert_eq!(rt.time(), Duration::from_secs(5));
/// ```
///
/// # Panics
///
/// If it is not run by a task (asyncio: "Timeout should be used inside a
/// task").
pub fn timeout<G>(delay: impl Into<Option<Duration>>, body: G) -> Timeout<G> {
    Timeout::new(Deadline::After(delay.into()), body)
}

/// Runs `body` with a deadline at `when` on the loop's clock:
/// `async with asyncio.timeout_at(when): body`. See [`timeout`].
pub fn timeout_at<G>(when: impl Into<Option<Duration>>, body: G) -> Timeout<G> {
    Timeout::new(Deadline::At(when.into()), body)
}

#[derive(Clone, Copy, Debug)]
enum Deadline {
    /// `timeout(delay)`: from when the block is entered.
    After(Option<Duration>),
    At(Option<Duration>),
}

/// `timeouts._State`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Created,
    Entered,
    Expiring,
    Expired,
    Exited,
}

enum Handler {
    Soon(Handle),
    At(TimerHandle),
}

impl Handler {
    fn cancel(&self) {
        match self {
            Handler::Soon(handle) => handle.cancel(),
            Handler::At(handle) => handle.cancel(),
        }
    }
}

/// The awaitable of [`timeout`] and [`timeout_at`]: the `async with` block.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct Timeout<G> {
    deadline: Deadline,
    body: G,
    state: Rc<Cell<State>>,
    handler: Option<Handler>,
    task: Option<AnyTask>,
    /// `task.cancelling()` when the block was entered.
    cancelling: u32,
    when: Option<Duration>,
}

impl<G> Timeout<G> {
    fn new(deadline: Deadline, body: G) -> Self {
        Timeout {
            deadline,
            body,
            state: Rc::new(Cell::new(State::Created)),
            handler: None,
            task: None,
            cancelling: 0,
            when: None,
        }
    }

    /// `cm.expired()`: the deadline passed (and the task was cancelled for
    /// it).
    pub fn expired(&self) -> bool {
        matches!(self.state.get(), State::Expiring | State::Expired)
    }

    /// `cm.when()`: the deadline on the loop's clock, once entered.
    pub fn when(&self) -> Option<Duration> {
        self.when
    }

    /// The body inside.
    pub fn get_ref(&self) -> &G {
        &self.body
    }

    /// `__aenter__`.
    #[track_caller]
    fn enter(&mut self) {
        let task = current_task().expect("Timeout should be used inside a task");
        let lp = get_running_loop();
        self.when = match self.deadline {
            Deadline::After(delay) => delay.map(|delay| lp.time().saturating_add(delay)),
            Deadline::At(when) => when,
        };
        self.state.set(State::Entered);
        self.cancelling = task.cancelling();
        self.task = Some(task);
        self.reschedule();
    }

    /// `reschedule(self._when)`.
    fn reschedule(&mut self) {
        if let Some(handler) = self.handler.take() {
            handler.cancel();
        }
        let Some(when) = self.when else { return };
        let lp = get_running_loop();
        let (state, task) = (Rc::clone(&self.state), self.task.clone());
        let on_timeout = move || {
            // `_on_timeout`
            if let Some(task) = task {
                task.cancel();
            }
            state.set(State::Expiring);
        };
        self.handler = Some(if when <= lp.time() {
            Handler::Soon(lp.call_soon(on_timeout))
        } else {
            Handler::At(lp.call_at(when, on_timeout))
        });
    }

    /// `__aexit__`: the outcome of the block, with a cancellation turned
    /// into `TimeoutError` if the deadline caused it.
    fn exit<R>(
        &mut self,
        outcome: Result<R, Exception<TaskError>>,
    ) -> Result<R, Exception<TaskError>> {
        if let Some(handler) = self.handler.take() {
            handler.cancel();
        }
        match self.state.get() {
            State::Expiring => {
                self.state.set(State::Expired);
                let task = self.task.as_ref().expect("entered with a task");
                let left = task.uncancel();
                if let Err(Exception::Raised(TaskError::Cancelled(_))) = &outcome {
                    if left <= self.cancelling {
                        return Err(Exception::Raised(TaskError::TimedOut));
                    }
                }
            }
            State::Entered => self.state.set(State::Exited),
            _ => {}
        }
        outcome
    }
}

impl<G> Generator for Timeout<G>
where
    G: Generator<Yield = Request, Error = TaskError>,
{
    type Yield = Request;
    type Return = G::Return;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, G::Return, TaskError> {
        let input = match self.state.get() {
            State::Created => {
                input.sent()?;
                self.enter();
                Resume::Next
            }
            State::Entered | State::Expiring => input,
            State::Expired | State::Exited => panic!("`Timeout` resumed after it finished"),
        };
        let outcome = match self.body.resume(input) {
            Ok(GeneratorState::Yielded(request)) => return Ok(GeneratorState::Yielded(request)),
            Ok(GeneratorState::Complete(value)) => Ok(value),
            Err(error) => Err(error),
        };
        self.exit(outcome).map(GeneratorState::Complete)
    }
}

impl<G> Drop for Timeout<G> {
    fn drop(&mut self) {
        if let Some(handler) = self.handler.take() {
            handler.cancel();
        }
    }
}

impl<G: fmt::Debug> fmt::Debug for Timeout<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Timeout")
            .field("state", &self.state.get())
            .field("when", &self.when)
            .field("body", &self.body)
            .finish()
    }
}

/// `async with asyncio.timeout(delay):` with [`async_with`](crate::scheduler::async_with()):
/// `timeout(delay, ())` is the manager alone, without a body.
///
/// Entering sets the deadline, counted from then, and gives `()`; leaving
/// cancels it, and turns the cancellation it caused into
/// [`TaskError::TimedOut`] (`__aexit__` raising `TimeoutError`). After the
/// statement, [`AsyncWith::manager`](crate::scheduler::AsyncWith::manager)
/// is the timeout, for [`expired`](Timeout::expired).
///
/// ```python
/// async with asyncio.timeout(5):
///     await asyncio.sleep(360)
/// ```
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{async_with, sleep, timeout, RunError, Runtime, TaskError};
///
/// let block = async_with(timeout(Duration::from_secs(5), ()), |()| sleep(Duration::from_secs(360)));
/// let mut rt = Runtime::new();
/// assert!(matches!(rt.run(block), Err(RunError::Task(TaskError::TimedOut))));
/// assert_eq!(rt.time(), Duration::from_secs(5));
/// ```
///
/// # Panics
///
/// If it is not entered by a task (asyncio: "Timeout should be used
/// inside a task").
impl AsyncContextManager for Timeout<()> {
    type Value = ();
    type Enter = Ready<()>;
    type Exit = Ready<()>;

    #[track_caller]
    fn aenter(&mut self) -> Ready<()> {
        self.enter();
        ready(())
    }

    fn aexit(&mut self, leaving: &Leaving) -> Ready<()> {
        let outcome = match leaving {
            Leaving::Returned => Ok(()),
            Leaving::Raised(error) => Err(Exception::Raised(error.clone())),
            Leaving::Closed => Err(Exception::GeneratorExit),
        };
        match self.exit(outcome) {
            Err(Exception::Raised(TaskError::TimedOut)) if leaving.is_cancelled() => {
                Ready::raise(TaskError::TimedOut)
            }
            _ => ready(()),
        }
    }
}
