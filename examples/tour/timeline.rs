//! What the loop did, step by step: the second `say_after` program again,
//! with the loop recording every spawn, step and suspension.
//!
//! ```python
//! async def main():
//!     task1 = asyncio.create_task(
//!         say_after(1, 'hello'))
//!
//!     task2 = asyncio.create_task(
//!         say_after(2, 'world'))
//!
//!     started = time.time()
//!
//!     await task1
//!     await task2
//!
//!     print(f"Time: {time.time() - started}")
//! ```
//!
//! The seed prints:
//!
//! ```text
//! hello
//! world
//! Time: 2.002523422241211
//! ```
//!
//! The program is Python's; the trace is not, there is no such thing in
//! asyncio. After the program's three lines (with the virtual `Time: 2.0`,
//! see `say_after`), the tour prints [`Runtime::timeline`]: `Task-1` is
//! `main`, which runs first, creates the two tasks and waits for the first;
//! `Task-2` and `Task-3` go to sleep at once, so their two sleeps overlap
//! and the whole run takes 2 s, not 3. (The loop writes a step's line when
//! the step is over, after the spawns the step asked for: so the two tasks
//! show as spawned just before the line of the `main` step that spawned
//! them.) When `main` has returned, `asyncio.run` shuts the loop down
//! with two short tasks of its own, asyncio's `shutdown_asyncgens()` and
//! `shutdown_default_executor()`: `Task-4` and `Task-5`, as in CPython.
//! Then the tour writes the same trace twice more, beside the crate's
//! `target/` directory's other files:
//!
//! - as an SVG chart ([`Runtime::timeline_svg`]) to
//!   `target/tour-timeline.svg`, to open in a browser: a legend, a lane
//!   per task, a bar while it sleeps (`sleep 1s`) or waits (`Task-2`), a
//!   square where it returns, a time axis; hover over a mark for its
//!   story;
//! - in Chrome's trace-event format ([`Runtime::timeline_json`]) to
//!   `target/tour-timeline.json`, to drop on <https://ui.perfetto.dev>:
//!   each task a thread, its sleeps and waits slices on it.

use std::path::Path;

use resumable::scheduler::Runtime;

use crate::asyncio::show_run;
use crate::console::{say, say_inline};
use crate::say_after::with_tasks;

/// Where the chart and the trace-event file go, relative to the crate's
/// directory.
const SVG: &str = "target/tour-timeline.svg";
const JSON: &str = "target/tour-timeline.json";

pub(crate) fn run() {
    let mut rt = Runtime::new();
    rt.record_trace();
    show_run(rt.run(with_tasks()));

    say!("# rt.timeline():");
    say_inline!("{}", rt.timeline());

    write(SVG, "rt.timeline_svg()", &rt.timeline_svg());
    write(JSON, "rt.timeline_json()", &rt.timeline_json());
}

/// Writes `contents` to `file` (relative to the crate's directory) and says
/// where `what` went, or why it could not.
fn write(file: &str, what: &str, contents: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, contents));
    match written {
        Ok(()) => say!("# {what} written to {file}"),
        Err(error) => say!("# could not write {file}: {error}"),
    }
}
