//! The trace regrouped by task: when each task lived, when it ran its
//! steps, and the spans it spent suspended. What the chart and the Chrome
//! export draw; the loop records instants, the pictures need intervals.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::time::Duration;

use super::events::{blocker_name, Outcome};
use super::{Trace, TraceKind};
use crate::scheduler::Blocker;

/// One task's life in the trace.
pub(super) struct Lane {
    pub(super) task: u64,
    /// Its first event: the spawn, unless the trace began after it.
    pub(super) born: Duration,
    /// Its last step and how it ended; `None` if it was alive when the
    /// trace ended.
    pub(super) ended: Option<(Duration, Outcome)>,
    /// Every step it ran, and what the step did.
    pub(super) steps: Vec<(Duration, TraceKind)>,
    pub(super) suspensions: Vec<Suspension>,
}

/// From the step that suspended the task to its wake-up.
pub(super) struct Suspension {
    pub(super) from: Duration,
    /// The wake-up, or the end of the trace if `open`.
    pub(super) to: Duration,
    /// Still suspended when the trace ended: no wake-up was recorded.
    pub(super) open: bool,
    pub(super) why: Why,
}

/// What a suspended task is waiting for.
#[derive(Clone, Copy)]
pub(super) enum Why {
    Sleep(Duration),
    Wait(Blocker),
}

impl Why {
    /// Short enough for a bar: `sleep 1s`, `Task-2`, `Lock-1`.
    pub(super) fn label(self, name: &dyn Fn(u64) -> String) -> String {
        match self {
            Why::Sleep(duration) => alloc::format!("sleep {duration:?}"),
            Why::Wait(on) => blocker_name(on, name),
        }
    }

    /// A sentence's verb: `sleeps 1s`, `waits for Task-2`.
    pub(super) fn verb(self, name: &dyn Fn(u64) -> String) -> String {
        match self {
            Why::Sleep(duration) => alloc::format!("sleeps {duration:?}"),
            Why::Wait(on) => alloc::format!("waits for {}", blocker_name(on, name)),
        }
    }
}

/// The lanes of a trace, in the order the tasks first appear, and the time
/// of its last event.
pub(super) struct Lanes {
    pub(super) lanes: Vec<Lane>,
    pub(super) end: Duration,
}

impl Lanes {
    pub(super) fn new(trace: &Trace) -> Self {
        let mut lanes: Vec<Lane> = Vec::new();
        let mut index: BTreeMap<u64, usize> = BTreeMap::new();
        for event in trace.events() {
            let at = *index.entry(event.task).or_insert_with(|| {
                lanes.push(Lane::new(event.task, event.at));
                lanes.len() - 1
            });
            lanes[at].add(event.at, event.kind);
        }
        let end = trace.events().last().map_or(Duration::ZERO, |e| e.at);
        for lane in &mut lanes {
            lane.close_open(end);
        }
        Lanes { lanes, end }
    }
}

impl Lane {
    fn new(task: u64, born: Duration) -> Self {
        Lane {
            task,
            born,
            ended: None,
            steps: Vec::new(),
            suspensions: Vec::new(),
        }
    }

    fn add(&mut self, at: Duration, kind: TraceKind) {
        let why = match kind {
            TraceKind::Spawn => return,
            TraceKind::Wake => return self.wake(at),
            TraceKind::Sleep(duration) => Some(Why::Sleep(duration)),
            TraceKind::Wait(on) => Some(Why::Wait(on)),
            TraceKind::Finish => self.end(at, Outcome::Returned),
            TraceKind::Fail => self.end(at, Outcome::Raised),
            TraceKind::Cancel => self.end(at, Outcome::Cancelled),
            TraceKind::Yield => None,
        };
        self.steps.push((at, kind));
        if let Some(why) = why {
            // Open until the wake-up; `to` is set then.
            self.suspensions.push(Suspension {
                from: at,
                to: at,
                open: true,
                why,
            });
        }
    }

    fn end(&mut self, at: Duration, outcome: Outcome) -> Option<Why> {
        self.ended = Some((at, outcome));
        None
    }

    fn wake(&mut self, at: Duration) {
        if let Some(last) = self.suspensions.last_mut().filter(|s| s.open) {
            last.to = at;
            last.open = false;
        }
    }

    /// A suspension nobody woke lasts to the end of the trace.
    fn close_open(&mut self, end: Duration) {
        if let Some(last) = self.suspensions.last_mut().filter(|s| s.open) {
            last.to = end;
        }
    }

    /// Where its line ends: its last step, or the end of the trace.
    pub(super) fn until(&self, end: Duration) -> Duration {
        self.ended.map_or(end, |(at, _)| at)
    }
}
