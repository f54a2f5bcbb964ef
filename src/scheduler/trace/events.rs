//! [`TraceEvent`] and [`TraceKind`]: one line of the record, as the loop
//! writes it.

use alloc::string::String;
use core::time::Duration;

use super::super::Blocker;

/// What happened to a task at one moment of a [`Trace`](super::Trace).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum TraceKind {
    /// The task was spawned and queued to run.
    Spawn,
    /// The task ran one step and yielded to let the others run.
    Yield,
    /// The task ran one step and went to sleep for this long.
    Sleep(Duration),
    /// The task ran one step and parked, waiting for this.
    Wait(Blocker),
    /// A parked task was woken and queued to run.
    Wake,
    /// The task ran its last step and returned.
    Finish,
    /// The task ran its last step and raised an error.
    Fail,
    /// The task ran its last step and let a cancellation out.
    Cancel,
}

impl TraceKind {
    /// What a step did, in the words of the text timeline: `sleeps 1s`,
    /// `waits for Task-2`, `returned`. `None` for what is not a step (a
    /// spawn, a wake-up).
    pub(super) fn step(&self, name: &dyn Fn(u64) -> String) -> Option<String> {
        Some(match self {
            TraceKind::Spawn | TraceKind::Wake => return None,
            TraceKind::Yield => String::from("yields"),
            TraceKind::Sleep(duration) => alloc::format!("sleeps {duration:?}"),
            TraceKind::Wait(on) => alloc::format!("waits for {}", blocker_name(*on, name)),
            TraceKind::Finish => String::from("returned"),
            TraceKind::Fail => String::from("raised"),
            TraceKind::Cancel => String::from("cancelled"),
        })
    }
}

/// One entry of a [`Trace`](super::Trace): at this time, this task, this
/// happened.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TraceEvent {
    /// The loop's clock.
    pub at: Duration,
    /// The task's number (`Task-N`).
    pub task: u64,
    /// What happened.
    pub kind: TraceKind,
}

/// How a finished task ended, for the trace.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Outcome {
    Returned,
    Raised,
    Cancelled,
}

/// What a waiting task waits for, as the renderings name it: a task by its
/// name (which `set_name` may have changed since the blocker was made),
/// anything else as its blocker prints.
pub(super) fn blocker_name(on: Blocker, name: &dyn Fn(u64) -> String) -> String {
    match (on.kind(), on.number()) {
        ("Task", number) if number != 0 => name(number),
        _ => alloc::string::ToString::to_string(&on),
    }
}
