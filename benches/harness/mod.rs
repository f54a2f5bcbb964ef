//! A small benchmark harness: ratios measured in one run, instruction counts
//! from callgrind, and a correctness check when run as a test.
//!
//! A bench binary describes [`Group`]s of [`Case`]s; each case runs `n` items
//! and returns a checksum. The binary's arguments choose the mode:
//!
//! - `cargo bench --bench NAME`: time every case; within a group the cases
//!   are run in turn, round after round, and each one's median is compared
//!   with the group's first case (its baseline).
//! - `cargo bench --bench NAME -- --instructions`: count instructions per
//!   item with `valgrind --tool=callgrind`, as (count at 2N − count at N) / N,
//!   so that setup cancels out. Repeatable to the instruction.
//! - `--run CASE N`: run one case once (what callgrind measures).
//! - no `--bench` flag (as under `cargo test --all-targets`): run every case
//!   on a few items and check that all cases of a group agree.
//!
//! Any further argument filters the cases by substring.
//!
//! A case may wrap its setup and teardown in [`untimed`]: their time is left
//! out of its time per item (instruction counts need no such help, since
//! setup cancels out of 2N − N).

use std::cell::Cell;
use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

/// One measured variant: runs `n` items and returns a checksum of them.
pub(crate) struct Case {
    pub(crate) name: &'static str,
    pub(crate) run: fn(u64) -> u64,
}

/// Variants of the same work, compared with the first one.
pub(crate) struct Group {
    pub(crate) name: &'static str,
    pub(crate) cases: Vec<Case>,
}

std::thread_local! {
    /// Time spent in [`untimed`] since the current run started.
    static UNTIMED: Cell<Duration> = const { Cell::new(Duration::ZERO) };
}

/// Runs `work` (a case's setup or teardown) with the clock stopped: its time
/// is subtracted from the case's time.
#[allow(dead_code)] // Not every bench binary has setup to leave out.
pub(crate) fn untimed<R>(work: impl FnOnce() -> R) -> R {
    let start = Instant::now();
    let result = work();
    UNTIMED.with(|untimed| untimed.set(untimed.get() + start.elapsed()));
    result
}

/// One run of `run` on `n` items: its time, less what it spent [`untimed`].
fn timed(run: fn(u64) -> u64, n: u64) -> Duration {
    UNTIMED.with(|untimed| untimed.set(Duration::ZERO));
    let start = Instant::now();
    black_box(run(black_box(n)));
    start
        .elapsed()
        .saturating_sub(UNTIMED.with(|untimed| untimed.get()))
}

/// How long the timing mode measures.
#[derive(Clone, Copy)]
pub(crate) struct Timing {
    /// Rounds of the group's cases, each case once per round.
    pub(crate) rounds: usize,
    /// How long one run of the group's first case should take.
    pub(crate) target: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            rounds: 101,
            target: Duration::from_millis(5),
        }
    }
}
const CALLGRIND_ITEMS: u64 = 100_000;

#[allow(dead_code)] // A binary that calls `main_with` instead.
pub(crate) fn main(groups: Vec<Group>) {
    main_with(groups, Timing::default());
}

/// [`main`] with longer (or shorter) timing runs: for cases whose items only
/// reach their steady cost after a while.
pub(crate) fn main_with(groups: Vec<Group>, timing: Timing) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filters: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with("--") && a.parse::<u64>().is_err())
        .collect();
    if let Some(at) = args.iter().position(|a| a == "--run") {
        let name = &args[at + 1];
        let n = args[at + 2].parse().expect("--run CASE N");
        let case = groups
            .iter()
            .flat_map(|g| &g.cases)
            .find(|c| c.name == *name);
        black_box((case.expect("no such case").run)(black_box(n)));
    } else if args.iter().any(|a| a == "--instructions") {
        count_instructions(&groups, &filters);
    } else if args.iter().any(|a| a == "--bench") {
        time(&groups, &filters, timing);
    } else {
        check(&groups);
    }
}

fn selected<'a>(groups: &'a [Group], filters: &[&str]) -> Vec<&'a Group> {
    groups
        .iter()
        .filter(|g| filters.is_empty() || filters.iter().any(|f| g.name.contains(f)))
        .collect()
}

/// Every case of a group must compute the same thing, or the comparison is void.
fn check(groups: &[Group]) {
    for group in groups {
        let baseline = (group.cases[0].run)(1000);
        for case in &group.cases {
            assert_eq!(
                (case.run)(1000),
                baseline,
                "{}: {} disagrees",
                group.name,
                case.name
            );
        }
        println!(
            "bench group {} ok ({} cases agree)",
            group.name,
            group.cases.len()
        );
    }
}

fn time(groups: &[Group], filters: &[&str], timing: Timing) {
    println!("| group | case | ns/item (best) | ratio to first (median of rounds) |");
    println!("|---|---|---:|---:|");
    for group in selected(groups, filters) {
        let n = calibrate(group.cases[0].run, timing.target);
        let cases = group.cases.len();
        let mut nanos = vec![Vec::with_capacity(timing.rounds); cases];
        for round in 0..timing.rounds {
            // Rotating the order keeps any one case from always running
            // first (cold) or right after the same neighbour.
            for k in 0..cases {
                let index = (round + k) % cases;
                let elapsed = timed(group.cases[index].run, n);
                nanos[index].push(elapsed.as_secs_f64() * 1e9 / n as f64);
            }
        }
        for (case, times) in group.cases.iter().zip(&nanos) {
            // A slow moment of a shared machine slows the whole round, so
            // each round's ratio is fairer than a ratio of two medians.
            let mut ratios: Vec<f64> = times.iter().zip(&nanos[0]).map(|(t, b)| t / b).collect();
            let best = times.iter().copied().fold(f64::INFINITY, f64::min);
            println!(
                "| {} | {} | {:.3} | {:.3} |",
                group.name,
                case.name,
                best,
                median(&mut ratios)
            );
        }
    }
}

/// Items per run so that one run of the baseline takes about `target`.
fn calibrate(run: fn(u64) -> u64, target: Duration) -> u64 {
    let mut n = 1_000;
    loop {
        let elapsed = timed(run, n);
        if elapsed >= target / 4 || n >= 1 << 32 {
            let per_item = elapsed.as_secs_f64() / n as f64;
            return ((target.as_secs_f64() / per_item) as u64).max(1);
        }
        n *= 4;
    }
}

fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn count_instructions(groups: &[Group], filters: &[&str]) {
    let exe = std::env::current_exe().expect("the bench binary's path");
    println!("| group | case | instructions/item | ratio to first |");
    println!("|---|---|---:|---:|");
    for group in selected(groups, filters) {
        let counts: Vec<f64> = group
            .cases
            .iter()
            .map(|case| {
                let once = callgrind(&exe, case.name, CALLGRIND_ITEMS);
                let twice = callgrind(&exe, case.name, 2 * CALLGRIND_ITEMS);
                (twice - once) as f64 / CALLGRIND_ITEMS as f64
            })
            .collect();
        for (case, count) in group.cases.iter().zip(&counts) {
            println!(
                "| {} | {} | {:.2} | {:.3} |",
                group.name,
                case.name,
                count,
                count / counts[0]
            );
        }
    }
}

fn callgrind(exe: &std::path::Path, case: &str, n: u64) -> u64 {
    let output = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .args(["--run", case, &n.to_string()])
        .output()
        .expect("valgrind must be installed for --instructions");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = stderr
        .lines()
        .find(|l| l.contains("Collected :"))
        .unwrap_or_else(|| panic!("no callgrind total for {case}:\n{stderr}"));
    line.rsplit(':')
        .next()
        .and_then(|count| count.trim().parse().ok())
        .expect("a number of instructions")
}
