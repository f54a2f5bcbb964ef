//! The order asyncio promises, which the seeds' printed interleavings rely
//! on: spawn order, FIFO wake-ups, timers in deadline-then-setting order.

use std::time::Duration;

use resumable::scheduler::{Clock, Runtime};

use super::script::{Act, Script};
use crate::support::Log;

#[test]
fn new_tasks_first_run_in_spawn_order() {
    let log = Log::default();
    let mut rt = Runtime::new();
    for name in ["a", "b", "c"] {
        rt.spawn(Script::new(name, &[], &log)).detach();
    }
    rt.run_all().unwrap();
    assert_eq!(log.take(), ["a:returned", "b:returned", "c:returned"]);
}

#[test]
fn yielding_tasks_take_turns() {
    let log = Log::default();
    let mut rt = Runtime::new();
    rt.spawn(Script::new("a", &[Act::Yield, Act::Yield], &log))
        .detach();
    rt.spawn(Script::new("b", &[Act::Yield], &log)).detach();
    rt.run_all().unwrap();
    assert_eq!(
        log.take(),
        ["a:0", "b:0", "a:1", "b:returned", "a:returned"]
    );
}

#[test]
fn earlier_deadline_wakes_first() {
    let log = Log::default();
    let mut rt = Runtime::new();
    rt.spawn(Script::new("slow", &[Act::Sleep(2000)], &log))
        .detach();
    rt.spawn(Script::new("fast", &[Act::Sleep(1000)], &log))
        .detach();
    rt.run_all().unwrap();
    assert_eq!(
        log.take(),
        ["slow:0", "fast:0", "fast:returned", "slow:returned"]
    );
}

#[test]
fn equal_deadlines_fire_in_the_order_they_were_set() {
    let log = Log::default();
    let mut rt = Runtime::new();
    for name in ["a", "b", "c"] {
        rt.spawn(Script::new(name, &[Act::Sleep(500)], &log))
            .detach();
    }
    rt.run_all().unwrap();
    let finished: Vec<_> = log
        .take()
        .into_iter()
        .filter(|line| line.ends_with("returned"))
        .collect();
    assert_eq!(finished, ["a:returned", "b:returned", "c:returned"]);
}

#[test]
fn virtual_time_jumps_to_the_next_timer() {
    let log = Log::default();
    let mut rt = Runtime::new();
    rt.spawn(Script::new("a", &[Act::Sleep(1500), Act::Sleep(500)], &log))
        .detach();
    rt.run_until_idle();
    assert_eq!(rt.time(), Duration::ZERO);
    assert!(rt.advance());
    assert_eq!(rt.time(), Duration::from_millis(1500));
    rt.run_all().unwrap();
    assert_eq!(rt.time(), Duration::from_secs(2));
}

#[test]
fn the_real_clock_really_waits() {
    let log = Log::default();
    let mut rt = Runtime::with_clock(Clock::Real);
    let started = std::time::Instant::now();
    rt.spawn(Script::new("a", &[Act::Sleep(30)], &log)).detach();
    rt.run_all().unwrap();
    assert!(started.elapsed() >= Duration::from_millis(30));
    assert!(rt.time() >= Duration::from_millis(30));
}

#[test]
fn tick_runs_exactly_one_step() {
    let log = Log::default();
    let mut rt = Runtime::new();
    rt.spawn(Script::new("a", &[Act::Yield], &log)).detach();
    rt.spawn(Script::new("b", &[Act::Yield], &log)).detach();
    assert!(rt.tick());
    assert_eq!(log.take(), ["a:0"]);
    assert_eq!(rt.run_until_idle(), 3);
    assert!(!rt.tick());
    assert_eq!(rt.tasks(), 0);
}

#[test]
fn advance_reports_when_nothing_can_ever_run() {
    let mut rt = Runtime::new();
    assert!(!rt.advance());
}
