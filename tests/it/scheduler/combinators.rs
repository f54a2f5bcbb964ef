//! gather, wait_for, wait, as_completed and task groups, one behaviour per
//! test.

use std::time::Duration;

use resumable::scheduler::{
    gather, spawn, timeout, wait, wait_for, yield_now, ExceptionGroup, Promise, ReturnWhen,
    RunError, Runtime, TaskError, TaskGroup,
};
use resumable::Generator as _;

use super::script::{Act, Script};
use crate::support::{self, note, run, Body, Log};

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn gather_returns_results_in_argument_order() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let slow = Script::new("slow", &[Act::Sleep(2000), Act::Yield], &log);
    let fast = Script::new("fast", &[Act::Sleep(1000)], &log);
    assert_eq!(rt.run(gather([slow, fast])).unwrap(), [2, 1]);
}

#[test]
fn gather_runs_its_awaitables_at_the_same_time() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let naps = [2000, 1000].map(|ms| Script::new("n", &[Act::Sleep(ms)], &log));
    rt.run(gather(naps)).unwrap();
    assert_eq!(rt.time(), secs(2));
}

#[test]
fn gather_raises_the_first_error_and_leaves_the_others_running() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let main = gather([
        Script::new("ok", &[Act::Sleep(1000)], &log),
        Script::new("bad", &[Act::Raise], &log),
    ]);
    let error = rt.run(main).unwrap_err();
    assert_eq!(error.to_string(), "the main task raised bad failed");
    // asyncio.run then cancels what is left: "ok" was still running.
    assert!(log.take().contains(&"ok:cancelled".to_string()));
}

#[test]
fn gather_with_return_exceptions_collects_every_outcome() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let main = gather([
        Script::new("ok", &[Act::Sleep(1000)], &log),
        Script::new("bad", &[Act::Raise], &log),
    ])
    .return_exceptions();
    let results = rt.run(main).unwrap();
    assert_eq!(results[0].as_ref().ok(), Some(&1));
    assert_eq!(results[1].as_ref().unwrap_err().to_string(), "bad failed");
}

#[test]
fn cancelling_a_gather_cancels_its_tasks() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let naps = ["a", "b"].map(|name| Script::new(name, &[Act::Sleep(1000)], &log));
    let task = rt.spawn(gather(naps));
    rt.run_until_idle();
    task.cancel();
    rt.run_all().unwrap();
    assert!(task.cancelled());
    assert_eq!(log.take(), ["a:0", "b:0", "a:cancelled", "b:cancelled"]);
}

#[test]
fn wait_for_cancels_late_work_then_raises_timed_out() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let late = Script::new("late", &[Act::Sleep(360_000)], &log);
    let error = rt.run(wait_for(late, secs(5))).unwrap_err();
    assert!(matches!(error, RunError::Task(TaskError::TimedOut)));
    assert_eq!(log.take(), ["late:0", "late:cancelled"]);
}

#[test]
fn wait_for_returns_the_value_of_work_done_in_time() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let quick = Script::new("quick", &[Act::Sleep(1000)], &log);
    assert_eq!(rt.run(wait_for(quick, secs(5))).unwrap(), 1);
    assert_eq!(rt.time(), secs(1));
}

#[test]
fn wait_for_lets_the_callers_own_cancellation_through() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(wait_for(
        Script::new("w", &[Act::Sleep(9000)], &log),
        secs(5),
    ));
    rt.run_until_idle();
    task.cancel();
    rt.run_all().unwrap();
    assert!(matches!(task.result(), Some(Err(TaskError::Cancelled(_)))));
}

#[test]
fn wait_for_returns_a_value_the_work_chose_after_catching_the_timeout() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let stubborn = Script::new("s", &[Act::Sleep(9000)], &log).catching();
    assert_eq!(rt.run(wait_for(stubborn, secs(1))).unwrap(), 0);
}

#[test]
fn timeout_none_never_expires() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let nap = Script::new("n", &[Act::Sleep(9000)], &log);
    assert_eq!(rt.run(timeout(None, nap)).unwrap(), 1);
}

#[test]
fn nested_timeouts_the_inner_one_fires_first() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let nap = Script::new("n", &[Act::Sleep(9000)], &log);
    let inner = wait_for(nap, secs(2)).map_return(|_| "inner ok");
    let error = rt.run(wait_for(inner, secs(5))).unwrap_err();
    assert!(matches!(error, RunError::Task(TaskError::TimedOut)));
    assert_eq!(rt.time(), secs(2));
}

#[test]
fn wait_first_exception_ignores_cancelled_tasks() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let tasks = [
        rt.spawn(Script::new("ok", &[Act::Sleep(1000)], &log)),
        rt.spawn(Script::new("bad", &[Act::Sleep(2000), Act::Raise], &log)),
    ];
    let main = wait(tasks).return_when(ReturnWhen::FirstException);
    let (done, pending) = rt.run(main).unwrap();
    assert_eq!((done.len(), pending.len()), (2, 0));
    assert_eq!(rt.time(), secs(2));
}

#[test]
fn wait_all_completed_waits_for_every_task() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let naps = [1000, 3000].map(|ms| rt.spawn(Script::new("n", &[Act::Sleep(ms)], &log)));
    let (done, pending) = rt.run(wait(naps)).unwrap();
    assert_eq!((done.len(), pending.len()), (2, 0));
    assert_eq!(rt.time(), secs(3));
}

#[test]
fn a_task_group_cancels_the_others_on_the_first_failure() {
    use resumable::scheduler::{Empty, GroupScope, Request};
    use resumable::{yield_from, Generator, GeneratorState, Outcome, Resume};

    /// async with asyncio.TaskGroup() as tg:
    ///     tg.create_task(sleeper()); tg.create_task(bad())
    struct Main {
        log: Log,
        join: Option<GroupScope<Empty>>,
    }
    impl Generator for Main {
        type Yield = Request;
        type Return = ();
        type Error = TaskError;
        fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
            let join = self.join.get_or_insert_with(|| {
                let log = &self.log;
                let group = TaskGroup::new();
                let sleeper = Script::new("sleeper", &[Act::Sleep(9000)], log);
                group.create_task(sleeper).detach();
                let failing = Script::new("bad", &[Act::Yield, Act::Raise], log);
                group.create_task(failing).detach();
                group.join()
            });
            yield_from!(join, input)?;
            Ok(GeneratorState::Complete(()))
        }
    }

    let log = Log::default();
    let mut rt = Runtime::new();
    let main = Main {
        log: log.clone(),
        join: None,
    };
    let RunError::Task(error) = rt.run(main).unwrap_err() else {
        panic!("the group raises");
    };
    let group = error
        .downcast_ref::<ExceptionGroup>()
        .expect("an ExceptionGroup");
    assert_eq!(
        group.to_string(),
        "unhandled errors in a TaskGroup (1 sub-exception)"
    );
    assert_eq!(group.exceptions()[0].to_string(), "bad failed");
    assert_eq!(
        log.take(),
        [
            "sleeper:0",
            "bad:0",
            "bad:1",
            "bad:raised",
            "sleeper:cancelled"
        ]
    );
}

/// ```python
/// async def main():
///     fut = asyncio.get_running_loop().create_future()
///     async def other():
///         for i in range(6):
///             print("other", i); await asyncio.sleep(0)
///     async def setter():
///         await asyncio.sleep(0); fut.set_result(1); print("set")
///     asyncio.create_task(other()); asyncio.create_task(setter())
///     print(await asyncio.gather(fut), "gathered")
/// asyncio.run(main())
/// # other 0 / other 1 / set / other 2 / other 3 / [1] gathered / other 4 / other 5
/// ```
///
/// A departure (docs/design.md, "Combinators take tasks"): the crate
/// gathers `fut.wait()`, a task of its own, so the result comes one turn
/// later than asyncio's, after `other 4`.
#[test]
fn a_promise_is_gathered_through_a_task_of_its_own_one_turn_later() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let fut = Promise::new();
    let other = Body::new(
        (0..6).flat_map(|i| [note(&log, format!("other {i}")), support::wait(yield_now())]),
    );
    let set = {
        let (fut, log) = (fut.clone(), log.clone());
        move || {
            fut.set_result(1).unwrap();
            log.push("set");
        }
    };
    let setter = Body::new([support::wait(yield_now()), run(set)]);
    let gathered = {
        let log = log.clone();
        gather([fut.wait()]).map_return(move |v| log.push(format!("{v:?} gathered")))
    };
    let main = Body::new([
        run(move || spawn(other).detach()),
        run(move || spawn(setter).detach()),
        support::wait(gathered),
    ]);
    rt.run(main).unwrap();
    let asyncio = [
        "other 0",
        "other 1",
        "set",
        "other 2",
        "other 3",
        "[1] gathered",
        "other 4",
        "other 5",
    ];
    let ours = [
        "other 0",
        "other 1",
        "set",
        "other 2",
        "other 3",
        "other 4",
        "[1] gathered",
        "other 5",
    ];
    let trace = log.take();
    assert_ne!(trace, asyncio);
    assert_eq!(trace, ours);
}

/// `for aw in asyncio.as_completed([sleep(2, 'slow'), sleep(1, 'fast')]):
///     print(await aw)` prints `fast`, then `slow`: `as_completed` is an
/// iterator of one awaitable per task, so `sequence` takes it as it is.
#[test]
fn as_completed_is_an_iterator_in_the_order_of_completion() {
    use resumable::generator::{lazy, sequence};
    use resumable::scheduler::{as_completed, sleep};

    let log = Log::default();
    let printed = log.clone();
    let main = lazy(move || {
        let after = |s, word| sleep(secs(s)).map_return(move |()| word);
        let each = as_completed([after(2, "slow"), after(1, "fast")], None);
        assert_eq!(each.len(), 2, "one awaitable per task");
        sequence(each.map(move |aw| {
            let printed = printed.clone();
            aw.map_return(move |result| printed.push(result))
        }))
    });
    Runtime::new().run(main).unwrap();
    assert_eq!(log.take(), ["fast", "slow"]);
}
