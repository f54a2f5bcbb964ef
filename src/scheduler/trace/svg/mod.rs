//! The trace as an SVG chart: a legend, one lane per task, a time axis.
//! Hand-written SVG 1.1 that any browser opens and rustdoc inlines.

mod axis;
mod legend;
mod marks;
mod xml;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;
use core::time::Duration;

use self::axis::Axis;
use self::marks::{Mark, Text};
use self::xml::{escape, fit};
use super::lanes::{Lane, Lanes, Why};
use super::time::{nanos, seconds};
use super::{Trace, TraceKind};

/// Margin around everything, and between the names and the plot.
const PAD: f64 = 12.0;
/// The width of a character of the chart's 12 px monospace font.
const CHAR: f64 = 7.2;
/// The legend's row, above the lanes.
const LEGEND: f64 = 40.0;
/// One task's lane.
const LANE: f64 = 30.0;
/// The plot, from time 0 to the axis's end.
const PLOT: f64 = 640.0;
/// The axis under the lanes: its line, its ticks, their labels.
const AXIS: f64 = 40.0;
/// Longer task names are cut, with the whole name as the tooltip.
const NAME: usize = 32;

pub(super) fn svg(trace: &Trace, name: &dyn Fn(u64) -> String) -> String {
    Chart::new(trace, name).render()
}

struct Chart<'n> {
    lanes: Lanes,
    name: &'n dyn Fn(u64) -> String,
    names: Vec<String>,
    axis: Axis,
    /// Where time 0 is.
    left: f64,
    width: f64,
    height: f64,
}

impl<'n> Chart<'n> {
    fn new(trace: &Trace, name: &'n dyn Fn(u64) -> String) -> Self {
        let lanes = Lanes::new(trace);
        let names: Vec<String> = lanes.lanes.iter().map(|lane| name(lane.task)).collect();
        let longest = names.iter().map(|n| n.chars().count().min(NAME)).max();
        let left = PAD + (longest.unwrap_or(0) as f64 * CHAR).max(48.0) + PAD;
        // Room on the right for half the last tick's label.
        let width = (left + PLOT + 3.0 * PAD).max(legend::width() + 2.0 * PAD);
        let height = LEGEND + lanes.lanes.len() as f64 * LANE + AXIS;
        Chart {
            axis: Axis::new(lanes.end),
            lanes,
            name,
            names,
            left,
            width,
            height,
        }
    }

    fn x(&self, at: Duration) -> f64 {
        match self.axis.end() {
            0 => self.left,
            end => self.left + nanos(at) as f64 / end as f64 * PLOT,
        }
    }

    /// The centre line of lane `index`.
    fn y(&self, index: usize) -> f64 {
        LEGEND + (index as f64 + 0.5) * LANE
    }

    fn render(&self) -> String {
        let (width, height) = (self.width, self.height);
        // The opening tag alone on its line, and no blank line anywhere:
        // what Markdown needs to pass the chart through as HTML.
        let mut svg = alloc::format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"monospace\" font-size=\"12\" style=\"max-width:100%;height:auto\">\n"
        );
        let _ = writeln!(
            svg,
            "<rect width=\"{width:.0}\" height=\"{height:.0}\" fill=\"#ffffff\"/>"
        );
        legend::draw(&mut svg, PAD, PAD + 8.0);
        self.render_stripes(&mut svg);
        self.render_axis(&mut svg);
        for (index, lane) in self.lanes.lanes.iter().enumerate() {
            self.render_lane(&mut svg, index, lane);
        }
        svg.push_str("</svg>\n");
        svg
    }

    /// Every other lane shaded, so that a lane's marks line up with its
    /// name across the chart.
    fn render_stripes(&self, svg: &mut String) {
        for index in (1..self.lanes.lanes.len()).step_by(2) {
            let _ = writeln!(
                svg,
                "<rect x=\"0\" y=\"{:.1}\" width=\"{:.0}\" height=\"{LANE}\" fill=\"#f3f3f3\"/>",
                self.y(index) - LANE / 2.0,
                self.width
            );
        }
    }

    /// A grid line across the lanes at each tick, the axis under them, the
    /// tick marks and their labels.
    fn render_axis(&self, svg: &mut String) {
        let (top, bottom) = (LEGEND, self.height - AXIS);
        let right = self.x(Duration::from_nanos(self.axis.end()));
        svg.push_str("<g class=\"axis\">\n");
        for tick in self.axis.ticks() {
            let x = self.x(Duration::from_nanos(tick));
            let _ = writeln!(
                svg,
                "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#dddddd\"/><line x1=\"{x:.1}\" y1=\"{bottom:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#212121\"/><text class=\"tick\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                bottom + 4.0,
                bottom + 9.0,
                bottom + 22.0,
                escape(&self.axis.label(tick))
            );
        }
        let _ = writeln!(
            svg,
            "<line x1=\"{:.1}\" y1=\"{bottom:.1}\" x2=\"{right:.1}\" y2=\"{bottom:.1}\" stroke=\"#212121\"/>\n</g>",
            self.left
        );
    }

    fn render_lane(&self, svg: &mut String, index: usize, lane: &Lane) {
        let (y, name) = (self.y(index), &self.names[index]);
        let _ = writeln!(
            svg,
            "<text class=\"lane\" x=\"{PAD}\" y=\"{:.1}\"><title>{}</title>{}</text>",
            y + 4.0,
            escape(name),
            escape(&fit(name, NAME))
        );
        self.render_alive(svg, y, name, lane);
        for suspension in &lane.suspensions {
            let (label, verb) = (
                suspension.why.label(self.name),
                suspension.why.verb(self.name),
            );
            let until = match suspension.open {
                true => String::from("still at the end"),
                false => seconds(suspension.to),
            };
            let title = alloc::format!("{name} {verb}: {} to {until}", seconds(suspension.from));
            let mark = match suspension.why {
                Why::Sleep(_) => Mark::Sleep,
                Why::Wait(_) => Mark::Wait,
            };
            let text = Text {
                title: &title,
                label: &label,
                open: suspension.open,
            };
            mark.draw(
                svg,
                (self.x(suspension.from), self.x(suspension.to)),
                y,
                text,
            );
        }
        self.render_steps(svg, y, name, lane);
    }

    /// The line of the task's life, from its spawn to its last step.
    fn render_alive(&self, svg: &mut String, y: f64, name: &str, lane: &Lane) {
        let until = lane.until(self.lanes.end);
        let title = match lane.ended {
            Some(_) => alloc::format!(
                "{name}: alive from {} to {}",
                seconds(lane.born),
                seconds(until)
            ),
            None => alloc::format!(
                "{name}: alive from {}, still at the end",
                seconds(lane.born)
            ),
        };
        let text = Text {
            title: &title,
            label: "",
            open: false,
        };
        Mark::Alive.draw(svg, (self.x(lane.born), self.x(until)), y, text);
    }

    /// A dot per step, a square for the last one.
    fn render_steps(&self, svg: &mut String, y: f64, name: &str, lane: &Lane) {
        for &(at, kind) in &lane.steps {
            if matches!(
                kind,
                TraceKind::Finish | TraceKind::Fail | TraceKind::Cancel
            ) {
                continue; // the square below says it
            }
            let step = kind.step(self.name).unwrap_or_default();
            let title = alloc::format!("{name} at {}: ran, {step}", seconds(at));
            let text = Text {
                title: &title,
                label: "",
                open: false,
            };
            Mark::Step.draw(svg, (self.x(at), self.x(at)), y, text);
        }
        if let Some((at, outcome)) = lane.ended {
            let mark = Mark::ending(outcome);
            let title = alloc::format!("{name} {} at {}", mark.meaning(), seconds(at));
            let text = Text {
                title: &title,
                label: "",
                open: false,
            };
            mark.draw(svg, (self.x(at), self.x(at)), y, text);
        }
    }
}
