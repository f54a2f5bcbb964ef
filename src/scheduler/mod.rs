//! The event loop: tasks that are generators, and the asyncio toolbox built
//! on them.
//!
//! (The lesson is written in the module docs below this line; see
//! `docs/python-to-rust.md` for the table.)

mod as_completed;
mod core;
mod error;
mod gather;
mod manual_clock;
mod request;
mod round_robin;
mod runtime;
mod shield;
mod sleep;
mod task;
mod task_group;
mod thread;
mod trace;
mod wait;
mod wait_for;

/// Which clock a [`Runtime`] runs on.
///
/// ```
/// use resumable::scheduler::{Clock, Runtime};
///
/// assert_eq!(Runtime::new().clock(), Clock::Virtual);
/// assert_eq!(Runtime::with_clock(Clock::Real).clock(), Clock::Real);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Clock {
    /// Time stands still while tasks run and jumps to the next timer when
    /// they all wait: a three-second program finishes at once, the same way
    /// every run. The default, for tests and examples.
    #[default]
    Virtual,
    /// The wall clock: sleeping really waits, as in the lecture's programs.
    Real,
}

pub use self::as_completed::{as_completed, AsCompleted, NextCompleted};
pub use self::core::{RemoteWaker, TaskWaker};
pub use self::error::{Deadlock, RunError, TaskError};
pub use self::gather::{gather, Gather, GatherResults};
pub use self::manual_clock::{busy_sleep, BusySleep, ManualClock};
pub use self::request::{Blocker, Request};
pub use self::round_robin::RoundRobin;
pub use self::runtime::Runtime;
pub use self::shield::{shield, Shield};
pub use self::sleep::{current_waker, now, sleep, yield_now, Sleep};
pub use self::task::{spawn, IntoTask, Join, Task};
pub use self::task_group::{GroupJoin, TaskGroup};
pub use self::thread::{to_thread, ToThread};
pub use self::trace::{Trace, TraceEvent, TraceKind};
pub use self::wait::{wait, ReturnWhen, Wait};
pub use self::wait_for::{timeout, wait_for, WaitFor};
