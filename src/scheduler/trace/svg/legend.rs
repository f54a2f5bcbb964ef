//! The legend: a sample of each mark and what it means, in one row.

use alloc::string::String;
use core::fmt::Write as _;

use super::marks::{Mark, Text};
use super::xml::escape;
use super::CHAR;

/// A sample bar or line is this wide.
const SAMPLE: f64 = 22.0;
/// Between a sample and its words, and after the words.
const GAP: f64 = 6.0;
const AFTER: f64 = 18.0;

/// How wide the legend is.
pub(super) fn width() -> f64 {
    Mark::ALL.iter().map(|&mark| entry_width(mark)).sum::<f64>() - AFTER
}

/// Draws the legend from `x` along the line `y`.
pub(super) fn draw(svg: &mut String, mut x: f64, y: f64) {
    svg.push_str("<g class=\"legend\">\n");
    for mark in Mark::ALL {
        let sample = match mark {
            // Dots and squares are centred on their time: move them in.
            Mark::Step | Mark::Returned | Mark::Raised | Mark::Cancelled => {
                (x + SAMPLE / 2.0, x + SAMPLE / 2.0)
            }
            Mark::Alive | Mark::Sleep | Mark::Wait => (x, x + SAMPLE),
        };
        let text = Text {
            title: mark.meaning(),
            label: "",
            open: false,
        };
        mark.draw(svg, sample, y, text);
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + SAMPLE + GAP,
            y + 4.0,
            escape(mark.meaning())
        );
        x += entry_width(mark);
    }
    svg.push_str("</g>\n");
}

fn entry_width(mark: Mark) -> f64 {
    SAMPLE + GAP + mark.meaning().chars().count() as f64 * CHAR + AFTER
}
