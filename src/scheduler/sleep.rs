use core::time::Duration;

use super::core::{duration_nanos, running};
use super::{Request, TaskError};
use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Suspends the task for `duration` of the loop's clock:
/// `await asyncio.sleep(seconds)`.
///
/// `sleep(Duration::ZERO)` is `asyncio.sleep(0)`: it lets every ready task
/// run once and comes back, without a timer.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, Runtime};
///
/// let mut rt = Runtime::new();
/// let slow = rt.spawn(sleep(Duration::from_secs(2)));
/// let fast = rt.spawn(sleep(Duration::from_secs(1)));
/// rt.run_until_idle(); // both start and park on their timers
/// assert!(rt.advance()); // the virtual clock jumps to 1 s
/// assert_eq!(rt.now(), Duration::from_secs(1));
/// rt.run_until_idle();
/// assert!(fast.done() && !slow.done());
/// ```
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        duration,
        deadline: None,
    }
}

/// Lets every other ready task run once, then goes on:
/// `await asyncio.sleep(0)`, the cheapest switch.
///
/// ```
/// use resumable::scheduler::{yield_now, Runtime};
///
/// let mut rt = Runtime::new();
/// let task = rt.spawn(yield_now());
/// assert!(rt.tick()); // first step: yields
/// assert!(!task.done());
/// assert!(rt.tick()); // second step: returns
/// assert!(task.done());
/// ```
pub fn yield_now() -> Sleep {
    sleep(Duration::ZERO)
}

/// The awaitable of [`sleep`] and [`yield_now`].
#[derive(Clone, Debug)]
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct Sleep {
    duration: Duration,
    /// Set at the first step, in nanoseconds of the loop's clock.
    deadline: Option<u64>,
}

impl Generator for Sleep {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    #[inline]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        input.sent()?;
        if self.duration.is_zero() {
            // Once suspended, done: asyncio.sleep(0) is one bare `yield`.
            return Ok(if self.deadline.replace(0).is_none() {
                GeneratorState::Yielded(Request::Yield)
            } else {
                GeneratorState::Complete(())
            });
        }
        let now = running("sleep").now_nanos();
        let deadline = *self
            .deadline
            .get_or_insert_with(|| now.saturating_add(duration_nanos(self.duration)));
        if now >= deadline {
            return Ok(GeneratorState::Complete(()));
        }
        // Resumed early (by a timeout around us, say): sleep the rest.
        Ok(GeneratorState::Yielded(Request::Sleep(
            Duration::from_nanos(deadline - now),
        )))
    }
}

/// The loop's clock, read from inside a task: `loop.time()`.
///
/// # Panics
///
/// If no [`Runtime`](crate::scheduler::Runtime) is running on this thread.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{now, sleep, Runtime};
/// use resumable::Generator as _;
///
/// let main = sleep(Duration::from_millis(1500)).map_return(|()| now());
/// assert_eq!(Runtime::new().run(main).unwrap(), Duration::from_millis(1500));
/// ```
#[track_caller]
pub fn now() -> Duration {
    Duration::from_nanos(running("now").now_nanos())
}

/// A waker for the running task: take it, hand it to whoever will signal
/// the event, then yield [`Request::Wait`].
///
/// # Panics
///
/// If called outside a task run by a [`Runtime`](crate::scheduler::Runtime).
///
/// A hand-made awaitable: wait until a flag is set. Whoever sets the flag
/// wakes the task; a resume without the flag set parks again.
///
/// ```
/// use std::{cell::{Cell, RefCell}, rc::Rc};
/// use resumable::scheduler::{current_waker, Blocker, Request, Runtime, TaskError, TaskWaker};
/// use resumable::{Generator, GeneratorState, Outcome, Resume};
///
/// struct WaitFlag {
///     flag: Rc<Cell<bool>>,
///     waker: Rc<RefCell<Option<TaskWaker>>>,
/// }
///
/// impl Generator for WaitFlag {
///     type Yield = Request;
///     type Return = ();
///     type Error = TaskError;
///
///     fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
///         input.sent()?;
///         if self.flag.get() {
///             return Ok(GeneratorState::Complete(()));
///         }
///         *self.waker.borrow_mut() = Some(current_waker());
///         Ok(GeneratorState::Yielded(Request::Wait { on: Blocker::other("the flag"), timeout: None }))
///     }
/// }
///
/// let (flag, waker) = (Rc::new(Cell::new(false)), Rc::new(RefCell::new(None)));
/// let mut rt = Runtime::new();
/// let task = rt.spawn(WaitFlag { flag: flag.clone(), waker: waker.clone() });
/// rt.run_until_idle();
/// assert!(!task.done()); // parked
/// flag.set(true);
/// if let Some(waker) = waker.borrow().as_ref() {
///     waker.wake(); // what an asyncio future's set_result does
/// }
/// rt.run_until_idle();
/// assert!(task.done());
/// ```
#[track_caller]
pub fn current_waker() -> super::TaskWaker {
    running("current_waker")
        .current_waker()
        .expect("current_waker needs a running task: call it from inside one")
}
