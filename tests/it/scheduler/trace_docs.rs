//! The chart in the scheduler's module docs: the SVG of the lecture's
//! `say_after` run, committed as `src/scheduler/trace/say_after.svg`, is
//! what the code draws today. Stale, the test fails; run it with
//! `RESUMABLE_BLESS=1` to write the file anew, then look at it.

use std::path::Path;

use super::trace_runs::say_after_run;

#[test]
fn the_chart_in_the_docs_is_what_the_code_draws() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/scheduler/trace/say_after.svg");
    let drawn = say_after_run().timeline_svg();
    if std::env::var_os("RESUMABLE_BLESS").is_some() {
        std::fs::write(&path, &drawn).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == drawn,
        "{} is stale: rerun with RESUMABLE_BLESS=1 and look at the new chart",
        path.display()
    );
}
