//! `asyncio.sleep`: [`sleep`] and [`yield_now`] (`asyncio.sleep(0)`, an
//! awaitable of its own so that the documented switch is the cheap one).

use core::time::Duration;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::base_events::running;
use crate::scheduler::{Request, TaskError};

/// Suspends the task for `duration` of the loop's clock:
/// `await asyncio.sleep(seconds)`.
///
/// `sleep(Duration::ZERO)` is `asyncio.sleep(0)`: a bare `yield`, which
/// lets every callback ready now run once and comes back, without a timer.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, Runtime};
///
/// let mut rt = Runtime::new();
/// let slow = rt.spawn(sleep(Duration::from_secs(2)));
/// let fast = rt.spawn(sleep(Duration::from_secs(1)));
/// rt.run_until_idle(); // both start and set their timers
/// assert!(rt.advance()); // the virtual clock jumps to 1 s
/// assert_eq!(rt.time(), Duration::from_secs(1));
/// rt.run_until_idle();
/// assert!(fast.done() && !slow.done());
/// ```
///
/// # Cancel safety
///
/// Cancelling a sleeping task ends the sleep at once with
/// [`TaskError::Cancelled`]; its timer is dropped.
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        duration,
        slept: false,
    }
}

/// Lets every other ready callback run once, then goes on:
/// `await asyncio.sleep(0)`, the cheapest switch. Its awaitable is one
/// byte, so a task awaiting it with `yield_from!` costs 1.2× a task that
/// yields [`Request::Yield`] itself (53 instructions per switch against 44;
/// `sleep(Duration::ZERO)` does the same at 2.3×).
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
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// The awaitable of [`yield_now`]: `asyncio.sleep(0)`, one byte, a bare
/// `yield` and nothing else — so that awaiting it with `yield_from!` costs
/// what yielding [`Request::Yield`] by hand does.
///
/// ```
/// use resumable::scheduler::{yield_now, Request};
/// use resumable::{Generator, GeneratorState};
///
/// // `await asyncio.sleep(0)`: one bare yield, then done.
/// let mut nap = yield_now();
/// assert!(matches!(nap.next(), Ok(GeneratorState::Yielded(Request::Yield))));
/// assert!(matches!(nap.next(), Ok(GeneratorState::Complete(()))));
/// ```
#[derive(Clone, Debug)]
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct YieldNow {
    yielded: bool,
}

impl Generator for YieldNow {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    #[inline(always)]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        input.sent()?;
        if self.yielded {
            return Ok(GeneratorState::Complete(()));
        }
        self.yielded = true;
        Ok(GeneratorState::Yielded(Request::Yield))
    }
}

/// The awaitable of [`sleep`].
#[derive(Clone, Debug)]
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct Sleep {
    duration: Duration,
    slept: bool,
}

impl Generator for Sleep {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    #[inline]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        input.sent()?;
        // Once suspended, done: the loop resumes the task only when the
        // sleep is over (or throws the cancellation in).
        if self.slept {
            return Ok(GeneratorState::Complete(()));
        }
        self.slept = true;
        if self.duration.is_zero() {
            return Ok(GeneratorState::Yielded(Request::Yield));
        }
        Ok(GeneratorState::Yielded(Request::Sleep(self.duration)))
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
