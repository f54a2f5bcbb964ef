//! The trace as text: one line per event.

use alloc::string::String;
use core::fmt::Write as _;

use super::{Trace, TraceKind};

/// One line per spawn and step: time, task name, what happened. Wake-ups
/// are left out: the next "ran" line of the task says it.
pub(super) fn timeline(trace: &Trace, name: &dyn Fn(u64) -> String) -> String {
    let mut text = String::new();
    for event in trace.events() {
        let what = match event.kind {
            TraceKind::Spawn => String::from("spawned"),
            kind => match kind.step(name) {
                Some(step) => alloc::format!("ran, {step}"),
                None => continue,
            },
        };
        let seconds = event.at.as_secs_f64();
        let _ = writeln!(text, "{seconds:8.3}s  {}  {what}", name(event.task));
    }
    text
}
