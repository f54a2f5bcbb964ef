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

use std::{fs, path::Path};

use resumable::scheduler::Runtime;

use crate::asyncio::show_run;
use crate::console::{say, say_inline};
use crate::say_after::with_tasks;

pub(crate) fn run() {
    let mut rt = Runtime::new();
    rt.record_trace();
    show_run(rt.run(with_tasks()));

    say!("# rt.timeline():");
    say_inline!("{}", rt.timeline());

    write("svg", &rt.timeline_svg());
    write("json", &rt.timeline_json());
}

/// Writes `rt.timeline_{ext}()`, `contents`, to `tour-timeline.{ext}` in
/// the crate's `target/` directory, and says so, or why it could not.
fn write(ext: &str, contents: &str) {
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let file = format!("tour-timeline.{ext}");
    match fs::create_dir_all(&target).and_then(|()| fs::write(target.join(&file), contents)) {
        Ok(()) => say!("# rt.timeline_{ext}() written to target/{file}"),
        Err(error) => say!("# could not write target/{file}: {error}"),
    }
}
