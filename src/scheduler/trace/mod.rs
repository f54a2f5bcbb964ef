//! A record of every switch the loop made, and three ways to look at it:
//! text lines, an SVG chart, and Chrome's trace-event JSON for Perfetto.
//!
//! The loop records instants ([`events`]); the pictures regroup them per
//! task into intervals ([`lanes`]): a task's life, its steps, the spans it
//! spent asleep or waiting.

mod chrome;
mod events;
mod lanes;
mod svg;
mod text;
mod time;

use alloc::string::String;
use alloc::vec::Vec;
use core::time::Duration;

pub(crate) use self::events::Outcome;
pub use self::events::{TraceEvent, TraceKind};

/// Every spawn, step, wake-up and finish of a run, in order: what a learner
/// needs to see how the loop interleaves tasks.
///
/// Turn it on with
/// [`Runtime::record_trace`](crate::scheduler::Runtime::record_trace). Read
/// it as text with [`timeline`](Trace::timeline), draw it with
/// [`svg`](Trace::svg), or open it in Perfetto with
/// [`chrome_json`](Trace::chrome_json). Each takes a function that names a
/// task by its number; the [`Runtime`](crate::scheduler::Runtime) methods of
/// the same names pass the tasks' own names.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, Runtime};
///
/// let mut rt = Runtime::new();
/// rt.record_trace();
/// // `run_until_complete`, not `run`: `asyncio.run`'s shutdown would add
/// // the two short tasks it runs (`Task-2`, `Task-3`).
/// rt.run_until_complete(sleep(Duration::from_secs(1))).unwrap().unwrap();
/// let timeline = rt.trace().unwrap().timeline(|n| format!("Task-{n}"));
/// assert_eq!(
///     timeline.lines().collect::<Vec<_>>(),
///     [
///         "   0.000s  Task-1  spawned",
///         "   0.000s  Task-1  ran, sleeps 1s",
///         "   1.000s  Task-1  ran, returned",
///     ]
/// );
/// ```
#[derive(Clone, Default, Debug)]
pub struct Trace {
    events: Vec<TraceEvent>,
}

impl Trace {
    pub(crate) fn record(&mut self, nanos: u64, task: u64, kind: TraceKind) {
        self.events.push(TraceEvent {
            at: Duration::from_nanos(nanos),
            task,
            kind,
        });
    }

    /// The events, in the order they happened.
    pub fn events(&self) -> &[TraceEvent] {
        &self.events
    }

    /// One line per event: time, task name (from `name`), what happened.
    /// Wake-ups are left out: the next "ran" line of the task says it. A
    /// task waited for is named by `name` too.
    pub fn timeline(&self, name: impl Fn(u64) -> String) -> String {
        text::timeline(self, &name)
    }

    /// An SVG chart of the run, to write to a file and open in a browser:
    ///
    /// - a legend of the marks;
    /// - one lane per task, in the order they appear, labelled with its name
    ///   (from `name`);
    /// - on each lane, a grey line while the task is alive, a dot at each
    ///   step, a blue bar while it sleeps (labelled `sleep 1s`), an orange
    ///   bar while it waits (labelled with what for: `Task-2`, `Lock-1`), a
    ///   square where it ended: green if it returned, red if it raised,
    ///   purple if a cancellation ended it. Hover over a mark for the whole
    ///   story (`Task-1 waits for Task-2: 0 s to 1 s`);
    /// - a time axis, with a tick every 1, 2 or 5 × 10ⁿ of a unit: four to
    ///   eight intervals, whatever the length of the run (from 8 ns on).
    ///
    /// Plain SVG 1.1 with every name escaped, no script, no style sheet:
    /// valid XML, and HTML can inline it (the scheduler's module docs do).
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// rt.record_trace();
    /// rt.run_until_complete(sleep(Duration::from_secs(2))).unwrap().unwrap();
    /// let svg = rt.trace().unwrap().svg(|n| format!("<task {n}>"));
    /// assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    /// assert!(svg.contains(">&lt;task 1&gt;</text>"), "the lane's name, escaped");
    /// assert!(svg.contains(">sleep 2s</text>"), "the bar's label");
    /// let ticks = ["0 s", "0.5 s", "1 s", "1.5 s", "2 s"];
    /// assert!(ticks.iter().all(|tick| svg.contains(&format!(">{tick}</text>"))));
    /// ```
    pub fn svg(&self, name: impl Fn(u64) -> String) -> String {
        svg::svg(self, &name)
    }

    /// The run in Chrome's trace-event format (the JSON object form), to
    /// open in [Perfetto](https://ui.perfetto.dev) or `chrome://tracing`.
    ///
    /// The run is one process and each task a thread, named with `name`
    /// (metadata events, `"ph":"M"`). On its thread, complete events
    /// (`"ph":"X"`, times in microseconds):
    ///
    /// - the task's life, named after it, from its spawn to its last step,
    ///   `args.ended` saying how it ended (`returned`, `raised`,
    ///   `cancelled`);
    /// - inside it, each sleep (`sleep 1s`) and each wait (`wait for
    ///   Task-2`), from the step that suspended the task to its wake-up;
    /// - each `step`, with `args.then` saying what it did (`sleeps 1s`,
    ///   `returned`): steps take no time on the virtual clock, so they
    ///   show as instants.
    ///
    /// Slices come in time order, a longer one first where two begin
    /// together.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// rt.record_trace();
    /// rt.run_until_complete(sleep(Duration::from_secs(1))).unwrap().unwrap();
    /// let json = rt.trace().unwrap().chrome_json(|n| format!("Task-{n}"));
    /// assert!(json.starts_with("{\"traceEvents\":["));
    /// assert!(json.contains(r#"{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"Task-1"}}"#));
    /// assert!(json.contains(r#"{"name":"sleep 1s","cat":"sleep","ph":"X","ts":0,"dur":1000000,"#));
    /// ```
    pub fn chrome_json(&self, name: impl Fn(u64) -> String) -> String {
        chrome::chrome_json(self, &name)
    }
}
