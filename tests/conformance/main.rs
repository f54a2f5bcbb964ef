//! The conformance corpus: random concurrent programs, recorded on CPython
//! 3.11's asyncio (`conformance/python/`), replayed on this crate, trace
//! for trace.
//!
//! `conformance/LANGUAGE.md` defines the script language and the trace;
//! `conformance/corpus/*.txt` holds each program with the trace CPython
//! printed. This test runs every program on the crate and compares.
//!
//! To look at one program: `CONFORMANCE=0042 cargo test --test conformance
//! -- --nocapture` prints it with both traces.

mod exec;
mod script;
mod value;
mod world;

use std::path::Path;

use resumable::scheduler::{ReportKind, RunError, Runtime};

use crate::exec::Coro;
use crate::value::repr;
use crate::world::World;

/// One program of the corpus and the trace CPython printed for it.
struct Recorded {
    name: String,
    program: String,
    trace: Vec<String>,
}

/// The recorded programs: `conformance/corpus`, or the folder
/// `CONFORMANCE_CORPUS` names (a corpus being recorded).
fn corpus() -> Vec<Recorded> {
    let dir = match std::env::var_os("CONFORMANCE_CORPUS") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/corpus"),
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .map(|entry| entry.expect("a corpus file").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    let mut recorded = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable corpus file");
        recorded.extend(split(&text));
    }
    recorded
}

/// The programs of one corpus file.
fn split(text: &str) -> Vec<Recorded> {
    let mut recorded = Vec::new();
    for chunk in text.split("=== program ").skip(1) {
        let (header, rest) = chunk.split_once('\n').expect("a header line");
        let name = header.split(' ').next().expect("a number").to_owned();
        let (program, trace) = rest
            .split_once("--- trace\n")
            .expect("a program, then its trace");
        recorded.push(Recorded {
            name,
            program: program.to_owned(),
            trace: trace.lines().map(String::from).collect(),
        });
    }
    recorded
}

/// The trace of `program` on the crate, in the format CPython's is.
fn run(program: &str) -> Vec<String> {
    let world = World::new(script::parse(program));
    let mut rt = Runtime::new();
    let ran = rt.run(Coro::new(&world, "main"));
    world.tracing.set(false);
    let mut out = world.out.borrow().clone();
    let result = match ran {
        Err(RunError::Deadlock(deadlock)) => {
            let names: Vec<&str> = deadlock
                .blocked()
                .iter()
                .map(|(name, _)| name.as_str())
                .collect();
            out.push(format!("DEADLOCK pending=[{}]", names.join(" ")));
            return out;
        }
        Ok(value) => format!("result {}", value.repr()),
        Err(RunError::Task(error)) => format!("result ! {}", repr(&error)),
        Err(other) => panic!("unexpected {other}"),
    };
    let time = rt.time().as_secs();
    // What the program holds goes, as Python's garbage collector takes it
    // at the end; reports come from what that drops.
    world.tasks.borrow_mut().clear();
    drop(world);
    out.push(result);
    let mut reports: Vec<String> = rt.reports().iter().map(report_line).collect();
    reports.sort();
    out.extend(reports);
    out.push(format!("time {time}"));
    out
}

fn report_line(report: &resumable::scheduler::Report) -> String {
    let kind = match report.kind() {
        ReportKind::TaskNeverRetrieved => "never-retrieved",
        ReportKind::FutureNeverRetrieved => "future-never-retrieved",
        ReportKind::ShutdownError => "shutdown-error",
        ReportKind::DestroyedPending => "destroyed-pending",
        ReportKind::GroupOrphan => "group-orphan",
        _ => "other",
    };
    let who = match report.kind() {
        ReportKind::FutureNeverRetrieved => "-",
        _ => report.task().unwrap_or("-"),
    };
    let what = report.error().map_or_else(|| "-".to_owned(), repr);
    format!("report {kind} {who}: {what}")
}

/// Where two traces part, for the failure message.
fn first_difference(expected: &[String], got: &[String]) -> String {
    let at = expected
        .iter()
        .zip(got)
        .position(|(expected, got)| expected != got)
        .unwrap_or(expected.len().min(got.len()));
    let show = |lines: &[String]| lines.get(at).cloned().unwrap_or_else(|| "<end>".to_owned());
    format!(
        "line {}:\n  CPython: {}\n  crate:   {}",
        at + 1,
        show(expected),
        show(got)
    )
}

#[test]
fn every_program_runs_as_on_cpython() {
    let only = std::env::var("CONFORMANCE").ok();
    let corpus = corpus();
    if std::env::var_os("CONFORMANCE_CORPUS").is_none() {
        assert!(
            corpus.len() >= 2000,
            "the corpus has {} programs",
            corpus.len()
        );
    }
    let mut failures = Vec::new();
    for recorded in &corpus {
        if only.as_ref().is_some_and(|only| *only != recorded.name) {
            continue;
        }
        let got = run(&recorded.program);
        if only.is_some() {
            println!(
                "{}\n--- CPython\n{}\n--- crate\n{}",
                recorded.program,
                recorded.trace.join("\n"),
                got.join("\n")
            );
        }
        if got != recorded.trace {
            failures.push(format!(
                "program {}: {}",
                recorded.name,
                first_difference(&recorded.trace, &got)
            ));
        }
    }
    let shown: Vec<&String> = failures.iter().take(20).collect();
    assert!(
        failures.is_empty(),
        "{} of {} programs differ from CPython; the first:\n{}",
        failures.len(),
        corpus.len(),
        shown
            .iter()
            .map(|failure| failure.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}
