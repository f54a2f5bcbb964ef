//! The trace in Chrome's trace-event format, the JSON object form that
//! Perfetto (ui.perfetto.dev) and `chrome://tracing` open: the run is one
//! process, each task a thread named after it, and what the task did a
//! slice on that thread.

use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Reverse;
use core::fmt::Write as _;

use super::events::Outcome;
use super::lanes::{Lane, Lanes, Why};
use super::time::{decimal, nanos};
use super::Trace;

/// The run's process id: one loop, one process.
const PID: u32 = 1;

pub(super) fn chrome_json(trace: &Trace, name: &dyn Fn(u64) -> String) -> String {
    let lanes = Lanes::new(trace);
    let mut events = Vec::new();
    events.push(alloc::format!(
        "{{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":{PID},\"tid\":0,\"args\":{{\"name\":\"resumable\"}}}}"
    ));
    let mut slices = Vec::new();
    for lane in &lanes.lanes {
        events.extend(thread_names(lane.task, &name(lane.task)));
        slices.extend(lane_slices(lane, lanes.end, name));
    }
    // In time order, and at one time the longer slice first, so that a
    // viewer reading in order meets a parent before its children.
    slices.sort_by_key(|slice| (slice.ts, Reverse(slice.dur)));
    events.extend(slices.iter().map(Slice::json));
    alloc::format!(
        "{{\"traceEvents\":[\n{}\n],\n\"displayTimeUnit\":\"ms\"}}\n",
        events.join(",\n")
    )
}

/// The metadata that names a task's thread and sorts the threads in the
/// order of the tasks' numbers.
fn thread_names(task: u64, name: &str) -> [String; 2] {
    [
        alloc::format!(
            "{{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":{PID},\"tid\":{task},\"args\":{{\"name\":{}}}}}",
            string(name)
        ),
        alloc::format!(
            "{{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":{PID},\"tid\":{task},\"args\":{{\"sort_index\":{task}}}}}"
        ),
    ]
}

/// A complete event (`"ph":"X"`): a span of time on a task's thread.
struct Slice {
    name: String,
    cat: &'static str,
    /// Nanoseconds: the JSON has microseconds, with decimals.
    ts: u64,
    dur: u64,
    tid: u64,
    args: Vec<(&'static str, String)>,
}

impl Slice {
    fn json(&self) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|(key, value)| alloc::format!("{}:{}", string(key), string(value)))
            .collect();
        alloc::format!(
            "{{\"name\":{},\"cat\":\"{}\",\"ph\":\"X\",\"ts\":{},\"dur\":{},\"pid\":{PID},\"tid\":{},\"args\":{{{}}}}}",
            string(&self.name),
            self.cat,
            decimal(self.ts, 1_000),
            decimal(self.dur, 1_000),
            self.tid,
            args.join(",")
        )
    }
}

/// A task's slices: its whole life (named after it), each suspension
/// inside it, and each step, an instant on the virtual clock.
fn lane_slices(lane: &Lane, end: core::time::Duration, name: &dyn Fn(u64) -> String) -> Vec<Slice> {
    let born = nanos(lane.born);
    let ended = match lane.ended {
        Some((_, Outcome::Returned)) => "returned",
        Some((_, Outcome::Raised)) => "raised",
        Some((_, Outcome::Cancelled)) => "cancelled",
        None => "alive at the end of the trace",
    };
    let mut slices = alloc::vec![Slice {
        name: name(lane.task),
        cat: "task",
        ts: born,
        dur: nanos(lane.until(end)) - born,
        tid: lane.task,
        args: alloc::vec![("ended", String::from(ended))],
    }];
    for suspension in &lane.suspensions {
        let (what, cat) = match suspension.why {
            Why::Sleep(_) => (suspension.why.label(name), "sleep"),
            Why::Wait(_) => (
                alloc::format!("wait for {}", suspension.why.label(name)),
                "wait",
            ),
        };
        let args = match suspension.open {
            true => alloc::vec![("woken", String::from("not before the end of the trace"))],
            false => Vec::new(),
        };
        let from = nanos(suspension.from);
        slices.push(Slice {
            name: what,
            cat,
            ts: from,
            dur: nanos(suspension.to) - from,
            tid: lane.task,
            args,
        });
    }
    for &(at, kind) in &lane.steps {
        let then = kind.step(name).unwrap_or_default();
        slices.push(Slice {
            name: String::from("step"),
            cat: "step",
            ts: nanos(at),
            dur: 0,
            tid: lane.task,
            args: alloc::vec![("then", then)],
        });
    }
    slices
}

/// `text` as a JSON string, quotes included: `"` and `\` escaped, control
/// characters as `\n` or `\u00XX`; the rest is UTF-8, which JSON allows.
fn string(text: &str) -> String {
    let mut json = String::with_capacity(text.len() + 2);
    json.push('"');
    for c in text.chars() {
        match c {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            '\n' => json.push_str("\\n"),
            '\r' => json.push_str("\\r"),
            '\t' => json.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(json, "\\u{:04x}", u32::from(c));
            }
            c => json.push(c),
        }
    }
    json.push('"');
    json
}
