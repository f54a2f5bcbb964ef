//! Times as the renderings print them: exact decimals of whole
//! nanoseconds, never a float's rounding.

use alloc::string::String;
use core::time::Duration;

/// The time in nanoseconds (a run of more than 584 years saturates).
pub(super) fn nanos(at: Duration) -> u64 {
    u64::try_from(at.as_nanos()).unwrap_or(u64::MAX)
}

/// A time in seconds, as a tooltip says it: `0 s`, `1.5 s`.
pub(super) fn seconds(at: Duration) -> String {
    alloc::format!("{} s", decimal(nanos(at), 1_000_000_000))
}

/// `value / unit` in decimal, without trailing zeros: `decimal(1500, 1000)`
/// is `1.5`, `decimal(2000, 1000)` is `2`. `unit` is a power of ten.
pub(super) fn decimal(value: u64, unit: u64) -> String {
    let (whole, mut fraction) = (value / unit, value % unit);
    if fraction == 0 {
        return alloc::format!("{whole}");
    }
    // As many digits as the unit has zeros, less the trailing zeros.
    let mut digits = unit.ilog10() as usize;
    while fraction % 10 == 0 {
        fraction /= 10;
        digits -= 1;
    }
    alloc::format!("{whole}.{fraction:0digits$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_exact_and_trimmed() {
        assert_eq!(decimal(1_000_000_001, 1_000_000_000), "1.000000001");
        assert_eq!(decimal(250, 1_000), "0.25");
        assert_eq!(decimal(7_000, 1_000), "7");
        assert_eq!(decimal(42, 1), "42");
    }

    #[test]
    fn seconds_say_their_unit() {
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(seconds(Duration::ZERO), "0 s");
    }
}
