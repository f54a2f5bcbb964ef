//! Property tests: random task programs, with cancellations at random
//! turns, against a model of asyncio's structure; and the invariants the
//! issue names (no task lost or run twice, round-robin fairness, the same
//! trace every run).

use std::collections::{BTreeMap, VecDeque};

use proptest::prelude::*;
use resumable::scheduler::{Runtime, Task, TaskError, TraceKind};

use super::script::{Act, Script};
use crate::support::Log;

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        4 => Just(Act::Yield),
        3 => (0u64..4).prop_map(|tenths| Act::Sleep(tenths * 100)),
        1 => Just(Act::Raise),
    ]
}

fn program() -> impl Strategy<Value = Vec<Vec<Act>>> {
    prop::collection::vec(prop::collection::vec(act(), 0..6), 1..8)
}

/// A task of a [`Program`]: its acts, and whether it catches a
/// cancellation (and returns 0) or lets it out.
#[derive(Clone, Debug)]
struct Tasked {
    acts: Vec<Act>,
    catches: bool,
}

/// The tasks, and `(task, turn)`: cancel that task before that turn.
type Program = (Vec<Tasked>, Vec<(usize, usize)>);

fn tasked_program() -> impl Strategy<Value = Program> {
    let task = (
        prop::collection::vec(act(), 0..6),
        prop::bool::weighted(0.3),
    )
        .prop_map(|(acts, catches)| Tasked { acts, catches });
    let tasks = prop::collection::vec(task, 1..8);
    let cancels = prop::collection::vec((0usize..8, 0usize..16), 0..5);
    (tasks, cancels)
}

/// What the loop will run: a task's step (`__step`/`__wakeup`), or the
/// callback of a sleep's timer (`_set_result_unless_cancelled`).
#[derive(Clone, Copy, Debug)]
enum Entry {
    Step(usize),
    SleepDone(usize, u64),
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum State {
    /// Its step is in the ready queue.
    Ready,
    /// In `asyncio.sleep`, on the timer numbered so.
    Sleeping(u64),
    Done,
}

/// asyncio's structure, written as plainly as possible, for programs of
/// [`Script`]s: a ready queue run in turns (`_run_once` runs what was ready
/// when the turn began); a sleep is a future and a timer whose callback
/// sets it, and the future's done callback queues the task's step, so a
/// sleeping task runs two callbacks after its timer is due; timers by
/// deadline, then by the order set; the clock jumps to the next timer only
/// when nothing is ready. `Task.cancel()` cancels the sleep the task is in
/// (its step is queued at once and throws `CancelledError`, the timer is
/// dropped), or else makes the task's next step throw it. Each turn ends
/// with a `|` in the log.
fn model((tasks, cancels): &Program) -> Vec<String> {
    let mut log = Vec::new();
    let n = tasks.len();
    let mut at = vec![0; n];
    let mut state = vec![State::Ready; n];
    let mut must_cancel = vec![false; n];
    let mut sleep_cancelled = vec![false; n];
    let mut ready: VecDeque<Entry> = (0..n).map(Entry::Step).collect();
    let mut timers: BTreeMap<(u64, u64), (usize, u64)> = BTreeMap::new();
    let (mut now, mut set) = (0, 0);
    let mut turn = 0;
    while state.iter().any(|&s| s != State::Done) {
        for &(task, _) in cancels.iter().filter(|&&(_, when)| when == turn) {
            let Some(&task_state) = state.get(task) else {
                continue;
            };
            match task_state {
                State::Done => {}
                State::Sleeping(token) if !sleep_cancelled[task] => {
                    sleep_cancelled[task] = true;
                    timers.retain(|_, &mut (_, t)| t != token);
                    ready.push_back(Entry::Step(task));
                }
                _ => must_cancel[task] = true,
            }
        }
        if ready.is_empty() {
            let (&(deadline, _), _) = timers.first_key_value().expect("a timer is pending");
            now = deadline;
        }
        while let Some(entry) = timers.first_entry() {
            if entry.key().0 > now {
                break;
            }
            let (task, token) = entry.remove();
            ready.push_back(Entry::SleepDone(task, token));
        }
        for _ in 0..ready.len() {
            match ready.pop_front().expect("counted") {
                Entry::SleepDone(task, token) => {
                    if state[task] == State::Sleeping(token) && !sleep_cancelled[task] {
                        state[task] = State::Ready;
                        ready.push_back(Entry::Step(task));
                    }
                }
                Entry::Step(task) => {
                    let name = format!("t{task}");
                    let throw = std::mem::take(&mut sleep_cancelled[task])
                        | std::mem::take(&mut must_cancel[task]);
                    if throw {
                        let end = if tasks[task].catches {
                            "caught"
                        } else {
                            "cancelled"
                        };
                        log.push(format!("{name}:{end}"));
                        state[task] = State::Done;
                        continue;
                    }
                    let Some(&act) = tasks[task].acts.get(at[task]) else {
                        log.push(format!("{name}:returned"));
                        state[task] = State::Done;
                        continue;
                    };
                    log.push(format!("{name}:{}", at[task]));
                    at[task] += 1;
                    match act {
                        Act::Yield | Act::Sleep(0) => ready.push_back(Entry::Step(task)),
                        Act::Sleep(ms) => {
                            set += 1;
                            timers.insert((now + ms, set), (task, set));
                            state[task] = State::Sleeping(set);
                        }
                        Act::Raise => {
                            log.push(format!("{name}:raised"));
                            state[task] = State::Done;
                        }
                    }
                }
            }
        }
        log.push("|".to_string());
        turn += 1;
    }
    log
}

/// The program on the crate's loop, one `run_once` per turn, the
/// cancellations made between turns.
fn run_turns((tasks, cancels): &Program) -> Vec<String> {
    let log = Log::default();
    let mut rt = Runtime::new();
    let handles: Vec<Task<usize>> = tasks
        .iter()
        .enumerate()
        .map(|(i, task)| {
            let script = Script::new(format!("t{i}"), &task.acts, &log);
            rt.spawn(if task.catches {
                script.catching()
            } else {
                script
            })
        })
        .collect();
    let mut turn = 0;
    while rt.tasks() > 0 {
        for &(task, _) in cancels.iter().filter(|&&(_, when)| when == turn) {
            if let Some(task) = handles.get(task) {
                task.cancel();
            }
        }
        rt.run_once().unwrap();
        log.push("|");
        turn += 1;
    }
    log.take()
}

fn run(program: &[Vec<Act>]) -> (Vec<String>, String, Vec<Task<usize>>) {
    let log = Log::default();
    let mut rt = Runtime::new();
    rt.record_trace();
    let tasks = program
        .iter()
        .enumerate()
        .map(|(i, acts)| rt.spawn(Script::new(format!("t{i}"), acts, &log)))
        .collect();
    rt.run_all().unwrap();
    (log.take(), rt.timeline(), tasks)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn the_order_is_asyncios(program in tasked_program()) {
        prop_assert_eq!(run_turns(&program), model(&program));
    }

    #[test]
    fn every_task_ends_exactly_once_even_under_cancellation(
        program in program(),
        cancels in prop::collection::vec((0usize..8, 0usize..20), 0..6),
    ) {
        let log = Log::default();
        let mut rt = Runtime::new();
        let tasks: Vec<Task<usize>> = program
            .iter()
            .enumerate()
            .map(|(i, acts)| rt.spawn(Script::new(format!("t{i}"), acts, &log)))
            .collect();
        let mut steps = 0;
        let mut cancels = cancels;
        cancels.sort_by_key(|&(_, at)| at);
        let mut cancels = cancels.into_iter().peekable();
        loop {
            while let Some(&(task, _)) = cancels.peek().filter(|&&(_, at)| at <= steps) {
                if let Some(task) = tasks.get(task) {
                    task.cancel();
                }
                cancels.next();
            }
            if rt.tick() {
                steps += 1;
            } else if !rt.advance() {
                break;
            }
        }
        let lines = log.take();
        for (i, task) in tasks.iter().enumerate() {
            let name = format!("t{i}:");
            let ends: Vec<&str> = lines
                .iter()
                .filter_map(|line| line.strip_prefix(&name))
                .filter(|what| ["returned", "raised", "cancelled"].contains(what))
                .collect();
            prop_assert_eq!(ends.len(), 1, "t{} ended {:?}", i, ends);
            prop_assert!(task.done());
            prop_assert_eq!(task.cancelled(), ends[0] == "cancelled");
            let outcome = task.result().expect("a done task has an outcome");
            match ends[0] {
                "returned" => prop_assert_eq!(outcome.ok(), Some(program[i].len())),
                "raised" => prop_assert!(matches!(outcome, Err(TaskError::Failed(_)))),
                _ => prop_assert!(matches!(outcome, Err(TaskError::Cancelled(_)))),
            }
        }
    }

    #[test]
    fn a_runnable_task_runs_within_n_switches(program in program()) {
        let log = Log::default();
        let mut rt = Runtime::new();
        rt.record_trace();
        for (i, acts) in program.iter().enumerate() {
            rt.spawn(Script::new(format!("t{i}"), acts, &log)).detach();
        }
        rt.run_all().unwrap();
        // For each ready task, the step count when it became ready.
        let mut ready_since: BTreeMap<u64, usize> = BTreeMap::new();
        let mut steps = 0;
        for event in rt.trace().unwrap().events() {
            if matches!(event.kind, TraceKind::Spawn | TraceKind::Wake) {
                ready_since.insert(event.task, steps);
                continue;
            }
            let since = ready_since.remove(&event.task);
            prop_assert!(since.is_some(), "Task-{} ran without being ready", event.task);
            let waited = steps - since.unwrap_or(steps);
            prop_assert!(waited < program.len(), "Task-{} waited {} steps", event.task, waited);
            steps += 1;
            if event.kind == TraceKind::Yield {
                ready_since.insert(event.task, steps);
            }
        }
    }

    #[test]
    fn the_same_program_gives_the_same_trace(program in program()) {
        let (first_log, first_trace, _) = run(&program);
        let (second_log, second_trace, _) = run(&program);
        prop_assert_eq!(first_log, second_log);
        prop_assert_eq!(first_trace, second_trace);
    }
}
