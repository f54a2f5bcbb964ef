//! The time axis: a tick spacing that suits any length of run, and the
//! labels of the ticks.

use alloc::string::String;
use core::time::Duration;

use super::super::time::{decimal, nanos};

/// At most this many intervals between ticks: at the chart's width, room
/// for the longest label (`1500 ms`) under each tick.
const MAX_INTERVALS: u64 = 8;

/// The units a label can be in, largest first, in nanoseconds.
const UNITS: [(u64, &str); 4] = [
    (1_000_000_000, "s"),
    (1_000_000, "ms"),
    (1_000, "µs"),
    (1, "ns"),
];

/// Ticks every `step` from 0 to `end`, labelled in one unit.
pub(super) struct Axis {
    step: u64,
    end: u64,
    unit: (u64, &'static str),
}

impl Axis {
    /// An axis that covers `total`: the step is the smallest of 1, 2 or 5
    /// times a power of ten that cuts it into at most eight intervals (four
    /// to eight from 8 ns on), and the axis ends on the first tick at or after
    /// `total`. The unit is the largest one the end reaches: a run of 2 s
    /// is labelled `0 s`, `0.5 s` … `2 s`, one of 800 ms `0 ms` … `800 ms`.
    pub(super) fn new(total: Duration) -> Self {
        let total = nanos(total);
        if total == 0 {
            // One tick, at 0: nothing to divide.
            return Axis {
                step: 0,
                end: 0,
                unit: UNITS[0],
            };
        }
        let step = round_up(total.div_ceil(MAX_INTERVALS));
        let end = total.div_ceil(step).saturating_mul(step);
        let unit = UNITS
            .into_iter()
            .find(|&(unit, _)| end >= unit)
            .unwrap_or(UNITS[3]);
        Axis { step, end, unit }
    }

    /// The time at the right end of the chart, in nanoseconds.
    pub(super) fn end(&self) -> u64 {
        self.end
    }

    /// The times of the ticks, in nanoseconds, from 0 to the end.
    pub(super) fn ticks(&self) -> impl Iterator<Item = u64> + '_ {
        // A run that took no time has a step of 0, and one tick.
        let count = self.end.checked_div(self.step).unwrap_or(0);
        (0..=count).map(move |k| k * self.step)
    }

    /// A tick's label: `1.5 s`, exact (no float rounding).
    pub(super) fn label(&self, tick: u64) -> String {
        let (unit, name) = self.unit;
        alloc::format!("{} {name}", decimal(tick, unit))
    }
}

/// The smallest of 1, 2, 5 × 10^k that is at least `at_least`.
fn round_up(at_least: u64) -> u64 {
    let mut power: u64 = 1;
    loop {
        for multiple in [1, 2, 5] {
            let step = multiple * power;
            if step >= at_least {
                return step;
            }
        }
        power *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(total: Duration) -> alloc::vec::Vec<String> {
        let axis = Axis::new(total);
        axis.ticks().map(|tick| axis.label(tick)).collect()
    }

    #[test]
    fn two_seconds_are_cut_in_halves() {
        assert_eq!(
            labels(Duration::from_secs(2)),
            ["0 s", "0.5 s", "1 s", "1.5 s", "2 s"]
        );
    }

    #[test]
    fn ten_seconds_are_cut_every_two() {
        assert_eq!(
            labels(Duration::from_secs(10)),
            ["0 s", "2 s", "4 s", "6 s", "8 s", "10 s"]
        );
    }

    #[test]
    fn the_axis_ends_on_the_tick_after_the_end() {
        assert_eq!(Axis::new(Duration::from_millis(2100)).end(), 2_500_000_000);
    }

    #[test]
    fn a_short_run_is_labelled_in_a_small_unit() {
        assert_eq!(
            labels(Duration::from_micros(30)),
            ["0 µs", "5 µs", "10 µs", "15 µs", "20 µs", "25 µs", "30 µs"]
        );
    }

    fn intervals(nanos: u64) -> usize {
        Axis::new(Duration::from_nanos(nanos)).ticks().count() - 1
    }

    #[test]
    fn a_run_of_8_ns_or_more_gets_four_to_eight_intervals() {
        // Every length up to 100 µs, then a sweep up to 292 years (beyond,
        // the end's tick would not fit in a u64).
        let sweep = (8..100_000)
            .chain((5..19).flat_map(|k| [1, 2, 3, 4, 5, 7, 9].map(|m| m * 10u64.pow(k))));
        for nanos in sweep.chain([u64::MAX / 2]) {
            let n = intervals(nanos);
            assert!((4..=8).contains(&n), "{nanos} ns: {n} intervals");
        }
    }

    #[test]
    fn a_shorter_run_gets_a_tick_a_nanosecond() {
        assert_eq!(
            (1..8).map(intervals).collect::<alloc::vec::Vec<_>>(),
            [1, 2, 3, 4, 5, 6, 7]
        );
    }

    #[test]
    fn a_run_that_took_no_time_has_one_tick() {
        assert_eq!(labels(Duration::ZERO), ["0 s"]);
    }
}
