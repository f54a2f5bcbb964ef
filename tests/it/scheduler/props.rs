//! Property tests: random task programs against a model of asyncio's
//! scheduling order, and the invariants the issue names (no task lost or
//! run twice, round-robin fairness, the same trace every run).

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

/// asyncio's order, written as plainly as possible: a FIFO of ready tasks,
/// timers by (deadline, order set), time jumping to the next deadline.
fn model(program: &[Vec<Act>]) -> Vec<String> {
    let mut log = Vec::new();
    let mut at = vec![0; program.len()];
    let mut ready: VecDeque<usize> = (0..program.len()).collect();
    let mut timers: BTreeMap<(u64, u64), usize> = BTreeMap::new();
    let (mut now, mut set) = (0, 0);
    loop {
        while let Some(task) = ready.pop_front() {
            // One step: the next act, which suspends, raises or returns.
            let Some(&act) = program[task].get(at[task]) else {
                log.push(format!("t{task}:returned"));
                continue;
            };
            log.push(format!("t{task}:{}", at[task]));
            at[task] += 1;
            match act {
                Act::Yield | Act::Sleep(0) => ready.push_back(task),
                Act::Sleep(ms) => {
                    set += 1;
                    timers.insert((now + ms, set), task);
                }
                Act::Raise => log.push(format!("t{task}:raised")),
            }
        }
        let Some((&(deadline, _), _)) = timers.first_key_value() else {
            return log;
        };
        now = deadline;
        while let Some(entry) = timers.first_entry() {
            if entry.key().0 > now {
                break;
            }
            ready.push_back(entry.remove());
        }
    }
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
    rt.run_until_complete().unwrap();
    (log.take(), rt.timeline(), tasks)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn the_order_is_asyncios(program in program()) {
        let (log, _, _) = run(&program);
        prop_assert_eq!(log, model(&program));
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
                _ => prop_assert!(matches!(outcome, Err(TaskError::Cancelled))),
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
        rt.run_until_complete().unwrap();
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
