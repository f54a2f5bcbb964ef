//! The event loop: tasks that are generators, and the asyncio toolbox built
//! on them.
//!
//! (The lesson is written in the module docs below this line; see
//! `docs/python-to-rust.md` for the table.)

mod core;
mod error;
mod gather;
mod request;
mod runtime;
mod sleep;
mod task;
mod trace;

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

pub use self::core::{RemoteWaker, TaskWaker};
pub use self::error::{Deadlock, RunError, TaskError};
pub use self::request::{Blocker, Request};
pub use self::runtime::Runtime;
pub use self::sleep::{current_waker, now, sleep, yield_now, Sleep};
pub use self::gather::{gather, Gather, GatherResults};
pub use self::task::{spawn, IntoTask, Join, Task};
pub use self::trace::{Trace, TraceEvent, TraceKind};
