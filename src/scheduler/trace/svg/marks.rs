//! The chart's marks: what each looks like and means. The legend is drawn
//! from the same table as the lanes, so the two cannot disagree.

use alloc::string::String;
use core::fmt::Write as _;

use super::xml::{escape, fit};
use crate::scheduler::trace::events::Outcome;

/// Bars and squares are this tall; lanes leave room around them.
pub(super) const BAR: f64 = 16.0;
/// The font of the text inside bars is smaller than the chart's 12 px:
/// this wide per character (monospace is 0.6 em).
const BAR_CHAR: f64 = 6.6;
/// A bar's label starts this far into it.
const LABEL_AT: f64 = 7.0;

/// One kind of mark on a lane.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Mark {
    /// A line from the spawn to the last step.
    Alive,
    /// A dot where a step ran (on the virtual clock a step takes no time).
    Step,
    /// A bar while the task sleeps, labelled with how long.
    Sleep,
    /// A bar while the task waits, labelled with what for.
    Wait,
    /// A square where the task returned.
    Returned,
    /// A square where the task raised.
    Raised,
    /// A square where a cancellation ended the task.
    Cancelled,
}

impl Mark {
    /// In the legend's order.
    pub(super) const ALL: [Mark; 7] = [
        Mark::Alive,
        Mark::Step,
        Mark::Sleep,
        Mark::Wait,
        Mark::Returned,
        Mark::Raised,
        Mark::Cancelled,
    ];

    /// How a task ended, as a mark.
    pub(super) fn ending(outcome: Outcome) -> Mark {
        match outcome {
            Outcome::Returned => Mark::Returned,
            Outcome::Raised => Mark::Raised,
            Outcome::Cancelled => Mark::Cancelled,
        }
    }

    /// Its `class` attribute, for tests and for a reader's own styles.
    pub(super) fn class(self) -> &'static str {
        match self {
            Mark::Alive => "alive",
            Mark::Step => "step",
            Mark::Sleep => "sleep",
            Mark::Wait => "wait",
            Mark::Returned => "returned",
            Mark::Raised => "raised",
            Mark::Cancelled => "cancelled",
        }
    }

    /// What the legend says it means.
    pub(super) fn meaning(self) -> &'static str {
        match self {
            Mark::Alive => "alive",
            Mark::Step => "ran a step",
            Mark::Sleep => "sleeping",
            Mark::Wait => "waiting for …",
            Mark::Returned => "returned",
            Mark::Raised => "raised",
            Mark::Cancelled => "cancelled",
        }
    }

    /// (fill, outline): light bars with dark outlines keep the dark text
    /// inside them readable.
    fn colours(self) -> (&'static str, &'static str) {
        match self {
            Mark::Alive => ("none", "#9e9e9e"),
            Mark::Step => ("#212121", "#212121"),
            Mark::Sleep => ("#bcdcf5", "#3b7dbf"),
            Mark::Wait => ("#fcd9a8", "#d9822b"),
            Mark::Returned => ("#2e7d32", "#1b5e20"),
            Mark::Raised => ("#c62828", "#8e0000"),
            Mark::Cancelled => ("#7b1fa2", "#4a0072"),
        }
    }

    /// Draws the mark on the line `y`, from `x1` to `x2` (a dot or a square
    /// at `x1`), with `title` as its tooltip and, on a bar, as much of
    /// `label` as fits inside. `dashed` outlines a bar that never ended.
    pub(super) fn draw(self, svg: &mut String, (x1, x2): (f64, f64), y: f64, text: Text<'_>) {
        let (fill, stroke) = self.colours();
        let _ = write!(
            svg,
            "<g class=\"{}\"><title>{}</title>",
            self.class(),
            escape(text.title)
        );
        let _ = match self {
            Mark::Alive => write!(
                svg,
                "<line x1=\"{x1:.1}\" y1=\"{y:.1}\" x2=\"{x2:.1}\" y2=\"{y:.1}\" stroke=\"{stroke}\" stroke-width=\"2\"/>"
            ),
            Mark::Step => write!(svg, "<circle cx=\"{x1:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{fill}\"/>"),
            Mark::Sleep | Mark::Wait => bar(svg, (x1, x2), y, (fill, stroke), text),
            Mark::Returned | Mark::Raised | Mark::Cancelled => write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{fill}\" stroke=\"{stroke}\"/>",
                x1 - 5.0,
                y - 5.0
            ),
        };
        svg.push_str("</g>\n");
    }
}

/// The words of a mark: its tooltip, and for a bar its label.
#[derive(Clone, Copy)]
pub(super) struct Text<'t> {
    pub(super) title: &'t str,
    pub(super) label: &'t str,
    /// The bar has no end: the task was still suspended when the trace
    /// ended.
    pub(super) open: bool,
}

fn bar(
    svg: &mut String,
    (x1, x2): (f64, f64),
    y: f64,
    (fill, stroke): (&str, &str),
    text: Text<'_>,
) -> core::fmt::Result {
    // A wait that began and ended in the same instant still shows.
    let width = (x2 - x1).max(2.0);
    let dash = if text.open {
        " stroke-dasharray=\"4 2\""
    } else {
        ""
    };
    write!(
        svg,
        "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{BAR}\" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\"{dash}/>",
        y - BAR / 2.0
    )?;
    // The text starts clear of the step's dot at the bar's start.
    let room = ((width - LABEL_AT - 4.0) / BAR_CHAR).max(0.0) as usize;
    let label = fit(text.label, room);
    if !label.is_empty() {
        write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#212121\">{}</text>",
            x1 + LABEL_AT,
            y + 4.0,
            escape(&label)
        )?;
    }
    Ok(())
}
