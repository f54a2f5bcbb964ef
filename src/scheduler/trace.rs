//! A record of every switch the loop made, and two ways to look at it.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;
use core::time::Duration;

use super::Blocker;

/// What happened to a task at one moment of a [`Trace`].
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

/// One entry of a [`Trace`]: at this time, this task, this happened.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TraceEvent {
    /// The loop's clock.
    pub at: Duration,
    /// The task's number (`Task-N`).
    pub task: u64,
    /// What happened.
    pub kind: TraceKind,
}

/// Every spawn, step, wake-up and finish of a run, in order: what a learner
/// needs to see how the loop interleaves tasks.
///
/// Turn it on with
/// [`Runtime::record_trace`](crate::scheduler::Runtime::record_trace). Render
/// it with [`timeline`](Trace::timeline) (text) or [`svg`](Trace::svg).
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
    /// Wake-ups are left out: the next "ran" line of the task says it.
    pub fn timeline(&self, name: impl Fn(u64) -> String) -> String {
        let mut text = String::new();
        for event in &self.events {
            let what = match event.kind {
                TraceKind::Spawn => String::from("spawned"),
                TraceKind::Yield => String::from("ran, yields"),
                TraceKind::Sleep(duration) => alloc::format!("ran, sleeps {duration:?}"),
                TraceKind::Wait(on) => alloc::format!("ran, waits for {on}"),
                TraceKind::Wake => continue,
                TraceKind::Finish => String::from("ran, returned"),
                TraceKind::Fail => String::from("ran, raised"),
                TraceKind::Cancel => String::from("ran, cancelled"),
            };
            let seconds = event.at.as_secs_f64();
            let _ = writeln!(text, "{seconds:8.3}s  {}  {what}", name(event.task));
        }
        text
    }

    /// An SVG chart of the run: one lane per task, a bar while it sleeps
    /// (blue) or waits (orange), a dot at each step, a square where it
    /// ended. Write it to a file and open it in a browser.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// rt.record_trace();
    /// rt.run(sleep(Duration::from_secs(1))).unwrap();
    /// let svg = rt.trace().unwrap().svg(|n| format!("Task-{n}"));
    /// assert!(svg.starts_with("<svg") && svg.contains("Task-1"));
    /// ```
    pub fn svg(&self, name: impl Fn(u64) -> String) -> String {
        Chart::new(self).render(&name)
    }
}

/// How a finished task ended, for the trace.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Outcome {
    Returned,
    Raised,
    Cancelled,
}

const LANE: f64 = 28.0;
const LABEL: f64 = 110.0;
const WIDTH: f64 = 640.0;

struct Chart<'t> {
    trace: &'t Trace,
    lanes: BTreeMap<u64, usize>,
    end: f64,
}

impl<'t> Chart<'t> {
    fn new(trace: &'t Trace) -> Self {
        let mut lanes = BTreeMap::new();
        for event in &trace.events {
            let next = lanes.len();
            lanes.entry(event.task).or_insert(next);
        }
        let end = trace
            .events
            .last()
            .map_or(0.0, |event| event.at.as_secs_f64());
        Chart { trace, lanes, end }
    }

    fn x(&self, at: Duration) -> f64 {
        let scale = if self.end > 0.0 {
            WIDTH / self.end
        } else {
            0.0
        };
        LABEL + at.as_secs_f64() * scale
    }

    fn y(&self, task: u64) -> f64 {
        LANE * (self.lanes[&task] as f64 + 1.0)
    }

    fn render(&self, name: &dyn Fn(u64) -> String) -> String {
        let height = LANE * (self.lanes.len() as f64 + 2.0);
        let width = LABEL + WIDTH + 20.0;
        let mut svg = alloc::format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"monospace\" font-size=\"12\">\n"
        );
        for &task in self.lanes.keys() {
            let y = self.y(task);
            let _ = writeln!(
                svg,
                "<text x=\"4\" y=\"{:.1}\">{}</text><line x1=\"{LABEL}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#ccc\"/>",
                y + 4.0,
                escape(&name(task)),
                LABEL + WIDTH
            );
        }
        self.render_bars(&mut svg);
        self.render_marks(&mut svg);
        let _ = writeln!(
            svg,
            "<text x=\"{LABEL}\" y=\"{:.1}\">0 s</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{:.3} s</text>\n</svg>",
            height - 8.0,
            LABEL + WIDTH,
            height - 8.0,
            self.end
        );
        svg
    }

    /// A bar from each suspension to the task's next wake-up.
    fn render_bars(&self, svg: &mut String) {
        let mut open: BTreeMap<u64, (Duration, &str)> = BTreeMap::new();
        for event in &self.trace.events {
            match event.kind {
                TraceKind::Sleep(_) => {
                    open.insert(event.task, (event.at, "#4a90d9"));
                }
                TraceKind::Wait(_) => {
                    open.insert(event.task, (event.at, "#e8a33d"));
                }
                TraceKind::Wake => {
                    if let Some((from, colour)) = open.remove(&event.task) {
                        self.bar(svg, event.task, from, event.at, colour);
                    }
                }
                _ => {}
            }
        }
    }

    fn bar(&self, svg: &mut String, task: u64, from: Duration, to: Duration, colour: &str) {
        let (x1, x2, y) = (self.x(from), self.x(to), self.y(task));
        let _ = writeln!(
            svg,
            "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\" fill=\"{colour}\"/>",
            y - 5.0,
            (x2 - x1).max(1.0)
        );
    }

    fn render_marks(&self, svg: &mut String) {
        for event in &self.trace.events {
            let (x, y) = (self.x(event.at), self.y(event.task));
            let mark = match event.kind {
                TraceKind::Spawn | TraceKind::Wake => continue,
                TraceKind::Finish => "#2e7d32",
                TraceKind::Fail => "#c62828",
                TraceKind::Cancel => "#6a1b9a",
                _ => {
                    let _ = writeln!(svg, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\"/>");
                    continue;
                }
            };
            let _ = writeln!(
                svg,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\" fill=\"{mark}\"/>",
                x - 4.0,
                y - 4.0
            );
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
