//! Faults from outside the protocol: a task that panics, a runtime dropped
//! while closing tasks panics, a run left by a panic, a sleep past the
//! clock's range, a wrapped future on the virtual clock. Each case of issue
//! 11 is a test here or named here; a case that would abort the process (a
//! second panic while unwinding) runs in a child process, so that the abort
//! it guards against cannot take the whole test binary with it.
//!
//! Elsewhere: case 1 (tokio's budget) in `run_future.rs`; cases 6, 8 and 9
//! (`to_thread` cancelled, tasks of another runtime, a thread's panic) in
//! `faults_threads.rs`; the property test in `panic_props.rs`; the leak
//! check in `tests/leaks.rs`.

use std::process::Command;

use resumable::generator::from_fn;
use resumable::scheduler::{
    sleep, wrap_future, yield_now, Clock, PanicError, Request, RunError, Runtime, Task, TaskError,
};
use resumable::sync::Lock;
use resumable::{GeneratorState, Outcome, Resume};

use crate::support::{catch, defer, note, panics, run, spawn_body, wait, Body, Log, Watchdog};

/// A task that panics at every resume, whatever it is resumed with: an
/// `assert!` at the top of a body that closing runs again.
fn always_panics() -> impl resumable::Generator<Yield = Request, Return = (), Error = TaskError> {
    from_fn(
        |_: Resume<(), TaskError>| -> Outcome<Request, (), TaskError> {
            let sum = std::hint::black_box(1 + 1);
            assert!(sum == 3, "arithmetic is broken");
            Ok(GeneratorState::Complete(()))
        },
    )
}

/// The error a task that panicked finished with.
fn panic_error(task: &Task<()>) -> PanicError {
    let error = task.exception().expect("the task failed");
    error
        .downcast_ref::<PanicError>()
        .expect("with a PanicError")
        .clone()
}

/// Runs this test's `child` half in a fresh process (the test binary
/// itself, filtered to `name`), and returns its exit status and stderr.
fn in_child_process(name: &str) -> (std::process::ExitStatus, String) {
    let output = Command::new(std::env::current_exe().expect("the test binary"))
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env("RESUMABLE_FAULTS_CHILD", "1")
        .output()
        .expect("the child ran");
    (
        output.status,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn is_child() -> bool {
    std::env::var_os("RESUMABLE_FAULTS_CHILD").is_some()
}

/// Case 2: a failed `assert!` inside a task, in a body that panics again
/// when it is closed. The panic leaves `run_all`, the runtime is dropped
/// while it unwinds: before, that drop closed the task, whose body panicked
/// a second time, and the process aborted ("panic in a destructor during
/// cleanup"). Now the task is finished (closed once, the second panic
/// caught) before the first panic leaves the loop.
#[test]
fn a_panicking_task_never_aborts_the_process() {
    if is_child() {
        let message = panics(|| {
            let mut rt = Runtime::new();
            rt.spawn(always_panics()).detach();
            let _ = rt.run_all();
        });
        assert_eq!(message, "arithmetic is broken");
        return;
    }
    let (status, stderr) =
        in_child_process("scheduler::faults::a_panicking_task_never_aborts_the_process");
    assert!(status.success(), "the child failed: {status}\n{stderr}");
    assert!(!stderr.contains("panic in a destructor"), "{stderr}");
}

/// Case 2, from `run`: the main task panics; the same, through `run`'s own
/// shutdown path.
#[test]
fn a_panicking_main_task_leaves_run_with_its_panic() {
    let mut rt = Runtime::new();
    let message = panics(|| drop(rt.run(always_panics())));
    assert_eq!(message, "arithmetic is broken");
    assert_eq!(rt.tasks(), 0);
}

/// Case 3: after the panic, the task is done, failed with the panic's
/// message, no longer counted, and its joiner gets the error when the loop
/// runs again.
///
/// ```python
/// async def bad():
///     await asyncio.sleep(0)
///     raise AssertionError("boom")       # the panic
/// async def joiner(t):
///     try: await t
///     except AssertionError as e: print("joiner got", e)
/// ```
#[test]
fn a_panicked_task_is_done_and_its_joiner_gets_the_error() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let bad = spawn_body(
        &mut rt,
        [
            wait(yield_now()),
            run(|| panic!("boom at step {}", 2)),
            note(&log, "unreachable"),
        ],
    );
    let joiner = {
        let (log, bad) = (log.clone(), bad.clone());
        spawn_body(
            &mut rt,
            [wait(catch(bad.join(), move |error| {
                log.push(format!("joiner got {error}"));
                Ok(())
            }))],
        )
    };
    let message = panics(|| drop(rt.run_all()));
    assert_eq!(message, "boom at step 2");
    assert!(bad.done(), "the task that panicked is done");
    assert_eq!(panic_error(&bad).message(), "boom at step 2");
    assert_eq!(panic_error(&bad).who(), "Task-1");
    assert_eq!(rt.tasks(), 1, "only the joiner is alive");
    rt.run_all()
        .expect("the joiner is woken, nothing deadlocks");
    assert!(joiner.done());
    assert_eq!(log.take(), ["joiner got Task-1 panicked: boom at step 2"]);
}

/// The report of a detached task that panicked names the task once: the
/// panic already says who it was.
#[test]
fn the_report_of_a_panicked_task_names_it_once() {
    let mut rt = Runtime::new();
    spawn_body(&mut rt, [run(|| panic!("boom"))]).detach();
    assert_eq!(panics(|| drop(rt.run_all())), "boom");
    let reports: Vec<String> = rt.reports().iter().map(ToString::to_string).collect();
    assert_eq!(
        reports,
        ["Task exception was never retrieved: Task-1 panicked: boom"]
    );
}

/// Case 4: a lock held by a task that panics is released by the task's
/// `finally:` — the normal close path — and the task waiting for it gets it.
///
/// ```python
/// async def holder():
///     async with lock:
///         await asyncio.sleep(1)
///         raise AssertionError("inside the lock")
/// ```
#[test]
fn a_lock_held_by_a_panicking_task_is_released_by_its_cleanup() {
    let lock = Lock::new();
    let log = Log::default();
    let mut rt = Runtime::new();
    let release = lock.clone();
    spawn_body(
        &mut rt,
        [
            wait(lock.acquire()),
            defer(move || release.release()),
            wait(sleep(std::time::Duration::from_secs(1))),
            run(|| panic!("inside the lock")),
        ],
    )
    .detach();
    let waiter = spawn_body(&mut rt, [wait(lock.acquire()), note(&log, "waiter has it")]);
    assert_eq!(panics(|| drop(rt.run_all())), "inside the lock");
    assert!(
        !lock.locked(),
        "released when the task that panicked closed"
    );
    rt.run_all().unwrap();
    assert!(waiter.done());
    assert_eq!(log.take(), ["waiter has it"]);
}

/// Case 5: a runtime dropped with three tasks whose cleanup panics closes
/// all three (before, the first panic skipped the others), and raises the
/// first panic once it is done.
#[test]
fn dropping_a_runtime_closes_every_task_even_if_some_panic() {
    let log = Log::default();
    let mut rt = Runtime::new();
    for n in 1..=3 {
        let log = log.clone();
        spawn_body(
            &mut rt,
            [
                defer(move || {
                    log.push(format!("closing {n}"));
                    panic!("cleanup {n} failed");
                }),
                wait(sleep(std::time::Duration::from_secs(60))),
            ],
        )
        .detach();
    }
    rt.run_until_idle();
    assert_eq!(panics(move || drop(rt)), "cleanup 1 failed");
    assert_eq!(log.take(), ["closing 1", "closing 2", "closing 3"]);
}

/// Case 5, while unwinding: the same drop during another panic keeps its
/// panics to itself rather than abort the process.
#[test]
fn a_runtime_dropped_by_a_panic_closes_its_tasks_without_aborting() {
    if is_child() {
        let log = Log::default();
        let message = panics(|| {
            let mut rt = Runtime::new();
            for n in 1..=2 {
                let log = log.clone();
                spawn_body(
                    &mut rt,
                    [
                        defer(move || {
                            log.push(format!("closing {n}"));
                            panic!("cleanup {n} failed");
                        }),
                        wait(sleep(std::time::Duration::from_secs(60))),
                    ],
                )
                .detach();
            }
            rt.run_until_idle();
            panic!("the test's own panic");
        });
        assert_eq!(message, "the test's own panic");
        assert_eq!(log.take(), ["closing 1", "closing 2"]);
        return;
    }
    let name = "scheduler::faults::a_runtime_dropped_by_a_panic_closes_its_tasks_without_aborting";
    let (status, stderr) = in_child_process(name);
    assert!(status.success(), "the child failed: {status}\n{stderr}");
}

/// A panic in a callback (no task to blame) leaves the loop the same way,
/// after the rest of the turn ran.
#[test]
fn a_panicking_callback_leaves_the_loop_after_its_turn() {
    let log = Log::default();
    let mut rt = Runtime::new();
    rt.call_soon(|| panic!("callback"));
    let after = log.clone();
    rt.call_soon(move || after.push("the next callback of the turn ran"));
    assert_eq!(
        panics(|| {
            rt.run_until_idle();
        }),
        "callback"
    );
    assert_eq!(log.take(), ["the next callback of the turn ran"]);
}

/// A run left by its main task's panic does not stop the next run when the
/// done callbacks it left behind come due.
#[test]
fn a_run_left_by_a_panic_does_not_stop_the_next_one() {
    let mut rt = Runtime::new();
    let _ = panics(|| drop(rt.run(always_panics())));
    let main = Body::new([
        wait(yield_now()),
        wait(sleep(std::time::Duration::from_secs(1))),
    ]);
    rt.run(main).expect("runs to its end");
    assert_eq!(rt.time(), std::time::Duration::from_secs(1));
    assert!(!rt.is_running());
}

/// Case 10: `sleep(Duration::MAX)` is a sleep for ever, as asyncio's
/// `sleep(1e300)` is (its selector waits a day at a time, for ever). Before,
/// the virtual clock jumped to 584 years, and every later sleep, saturated
/// there, took no time. Now the clock never moves to it, the program
/// around it keeps its times, and the sleeper is in the deadlock report.
#[test]
fn a_sleep_past_the_clock_range_never_fires() {
    let second = std::time::Duration::from_secs(1);
    let mut rt = Runtime::new();
    let forever = rt.spawn(sleep(std::time::Duration::MAX));
    rt.run(sleep(second)).unwrap();
    assert_eq!(rt.time(), second);
    let forever_again = rt.spawn(sleep(std::time::Duration::MAX));
    let error = rt.run_all().expect_err("only a sleep for ever is left");
    assert_eq!(
        rt.time(),
        second,
        "the clock did not jump to the end of time"
    );
    assert!(
        error
            .to_string()
            .ends_with("Task-5 waits for a sleep that never ends"),
        "{error}"
    );
    rt.run(sleep(second)).unwrap();
    assert_eq!(rt.time(), 2 * second, "a later sleep takes its time");
    assert!(
        forever.cancelled() && forever_again.cancelled(),
        "by the runs' shutdown"
    );
}

/// Case 7: a task awaits a wrapped oneshot whose sender is another task of
/// the same loop, which sleeps 1 s first. Before, the virtual clock waited
/// for the wrapped future before it moved, the sleep never ended, and the
/// program hung at 0 % CPU. Now the clock moves after the wrapped future's
/// grace period, the sender sends, the receiver gets it at 1 s.
///
/// ```python
/// async def sender(fut):
///     await asyncio.sleep(1); fut.set_result(7)
/// async def main():
///     fut = loop.create_future()
///     asyncio.create_task(sender(fut))
///     return await fut                   # 7, at loop.time() == 1
/// ```
#[test]
fn a_wrapped_future_woken_by_a_sleeping_task_of_the_same_loop() {
    let _watchdog = Watchdog::new("wrapped oneshot", 60);
    let (sender, receiver) = tokio::sync::oneshot::channel::<i32>();
    let mut rt = Runtime::new();
    let mut sender = Some(sender);
    spawn_body(
        &mut rt,
        [
            wait(sleep(std::time::Duration::from_secs(1))),
            run(move || sender.take().unwrap().send(7).unwrap()),
        ],
    )
    .detach();
    let got = rt.run(wrap_future(receiver)).unwrap();
    assert_eq!(got, Ok(7));
    assert_eq!(rt.time(), std::time::Duration::from_secs(1));
}

/// Case 7: a wrapped future that dropped its waker can never wake. Before,
/// the loop waited for it for ever; now, with nothing else to wait for, it
/// reports a deadlock naming the future — on either clock.
#[test]
fn a_wrapped_future_nothing_can_wake_is_a_deadlock() {
    let _watchdog = Watchdog::new("wrap_future(pending())", 60);
    for clock in [Clock::Virtual, Clock::Real] {
        let mut rt = Runtime::with_clock(clock);
        let error = rt
            .run(wrap_future(std::future::pending::<()>()))
            .unwrap_err();
        let RunError::Deadlock(deadlock) = error else {
            panic!("{clock:?}: {error}");
        };
        assert_eq!(deadlock.blocked().len(), 1);
        let on = deadlock.blocked()[0].1.to_string();
        assert!(on.starts_with("Future-"), "{on}");
    }
}

/// Case 7: a future woken from another thread within the grace period is
/// seen before the clock moves: the receiver finishes at 0 s, before the
/// 1 s timer of another task. (The grace is long here so that a slow
/// machine cannot change the outcome; the thread sends after 10 ms.)
#[test]
fn the_clock_waits_for_a_wrapped_future_during_its_grace_period() {
    let _watchdog = Watchdog::new("grace period", 60);
    let (sender, receiver) = tokio::sync::oneshot::channel::<&str>();
    let mut rt = Runtime::new();
    rt.set_external_grace(std::time::Duration::from_secs(30));
    let sleeper = rt.spawn(sleep(std::time::Duration::from_secs(1)));
    let thread = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(10));
        sender.send("from the thread").unwrap();
    });
    let got = rt
        .run_until_complete(wrap_future(receiver))
        .unwrap()
        .unwrap();
    assert_eq!(got, Ok("from the thread"));
    assert_eq!(rt.time(), std::time::Duration::ZERO, "before the timer");
    assert!(!sleeper.done());
    thread.join().unwrap();
}
