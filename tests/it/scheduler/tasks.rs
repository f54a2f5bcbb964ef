//! A task as asyncio's `Task`: `current_task`, `all_tasks`, `cancel(msg)`,
//! `cancelling`/`uncancel`, and the awaits asyncio refuses (a task of
//! another loop, the task itself).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use resumable::scheduler::{
    all_tasks, current_task, get_running_loop, sleep, spawn, yield_now, AnyTask, Promise, Runtime,
    RuntimeError, Task, TaskError,
};

use crate::support::{catch, later, repr, run, wait, Body, Log};

fn names(tasks: Vec<AnyTask>) -> String {
    let names: Vec<String> = tasks.iter().map(AnyTask::name).collect();
    names.join(" ")
}

/// ```python
/// async def child():
///     log.append(("child sees", asyncio.current_task().get_name()))
///     await asyncio.sleep(0)
/// async def main():
///     asyncio.get_running_loop().call_soon(
///         lambda: log.append(("callback sees", asyncio.current_task())))
///     t = asyncio.create_task(child())
///     log.append(("main sees", asyncio.current_task().get_name()))
///     log.append(("all", sorted(x.get_name() for x in asyncio.all_tasks())))
///     await t
///     log.append(("all", sorted(x.get_name() for x in asyncio.all_tasks())))
/// asyncio.run(main()); print(log)
/// # [('main sees', 'Task-1'), ('all', ['Task-1', 'Task-2']), ('callback sees', None),
/// #  ('child sees', 'Task-2'), ('all', ['Task-1'])]
/// ```
///
/// (Outside a loop Python's `current_task()` raises `RuntimeError: no
/// running event loop`; here it is `None`.)
#[test]
fn current_task_and_all_tasks_see_what_asyncio_sees() {
    let log = Log::default();
    let child = {
        let log = log.clone();
        move || {
            Body::new([
                run(move || {
                    let me = current_task().expect("inside a task").name();
                    log.push(format!("child sees {me}"));
                }),
                wait(yield_now()),
            ])
        }
    };
    let main = {
        let log = log.clone();
        let in_callback = log.clone();
        let after = log.clone();
        Body::new([
            run(move || {
                get_running_loop().call_soon(move || {
                    let seen = current_task().map(|task| task.name());
                    in_callback.push(format!("callback sees {seen:?}"));
                });
            }),
            wait(later(move || {
                let task = spawn(child());
                let me = current_task().expect("inside a task").name();
                log.push(format!("main sees {me}"));
                log.push(format!("all {}", names(all_tasks())));
                task.join()
            })),
            run(move || after.push(format!("all {}", names(all_tasks())))),
        ])
    };
    let mut rt = Runtime::new();
    rt.run(main).unwrap();
    assert_eq!(
        log.take(),
        [
            "main sees Task-1",
            "all Task-1 Task-2",
            "callback sees None",
            "child sees Task-2",
            "all Task-1",
        ]
    );
    assert!(current_task().is_none());
}

#[test]
fn the_runtime_lists_its_tasks_not_done_in_spawn_order() {
    let mut rt = Runtime::new();
    let first = rt.spawn(sleep(Duration::from_secs(2)));
    let second = rt.spawn(sleep(Duration::from_secs(1)));
    assert_eq!(rt.all_tasks(), [first.as_any(), second.as_any()]);
    rt.run_until_idle();
    rt.advance();
    rt.run_until_idle();
    assert_eq!(rt.all_tasks(), [first.as_any()]);
}

/// A task that sleeps 10 s and logs the cancellation it sees.
fn victim(log: &Log) -> Body {
    let log = log.clone();
    Body::new([wait(catch(sleep(Duration::from_secs(10)), move |error| {
        log.push(format!("victim {}", repr(&error)));
        Err(error)
    }))])
}

/// ```python
/// async def victim():
///     try: await asyncio.sleep(10)
///     except asyncio.CancelledError as e: log.append(("victim", repr(e))); raise
/// async def main():
///     t = asyncio.create_task(victim()); await asyncio.sleep(0)
///     t.cancel("bye")
///     try: await t
///     except asyncio.CancelledError as e: log.append(("await", repr(e)))
///     for _ in range(2):
///         try: t.result()
///         except asyncio.CancelledError as e: log.append(("result", repr(e)))
/// # ('victim', "CancelledError('bye')"), ('await', "CancelledError('bye')"),
/// # ('result', 'CancelledError()'), ('result', 'CancelledError()')
/// ```
#[test]
fn cancel_with_a_message_reaches_the_task_and_its_awaiter() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(victim(&log));
    let main = {
        let (log, task, after) = (log.clone(), task.clone(), log.clone());
        let cancelled = task.clone();
        Body::new([
            wait(yield_now()),
            run(move || assert!(cancelled.cancel_with("bye"))),
            wait(catch(task.join(), move |error| {
                log.push(format!("await {}", repr(&error)));
                Ok(())
            })),
            run(move || {
                for _ in 0..2 {
                    let error = task.result().expect("done").unwrap_err();
                    after.push(format!("result {}", repr(&error)));
                }
            }),
        ])
    };
    rt.run(main).unwrap();
    assert_eq!(
        log.take(),
        [
            "victim CancelledError('bye')",
            "await CancelledError('bye')",
            "result CancelledError()",
            "result CancelledError()",
        ]
    );
}

/// ```python
/// async def main():
///     t = asyncio.create_task(victim()); await asyncio.sleep(0)
///     t.cancel("bye")
///     await asyncio.sleep(0); await asyncio.sleep(0)
///     for _ in range(3):
///         try: t.result()
///         except asyncio.CancelledError as e: print("result", repr(e))
/// # result CancelledError('bye')
/// # result CancelledError()
/// # result CancelledError()
/// ```
#[test]
fn only_the_first_result_of_a_cancelled_task_carries_the_message() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let task = rt.spawn(victim(&log));
    rt.run_until_idle();
    task.cancel_with("bye");
    rt.run_until_idle();
    assert!(task.cancelled());
    let results: Vec<String> = (0..3)
        .map(|_| repr(&task.result().expect("done").unwrap_err()))
        .collect();
    assert_eq!(
        results,
        [
            "CancelledError('bye')",
            "CancelledError()",
            "CancelledError()"
        ]
    );
}

/// ```python
/// async def main():
///     t = asyncio.create_task(asyncio.sleep(10)); await asyncio.sleep(0)
///     print(t.cancelling())                    # 0
///     t.cancel(); t.cancel()
///     print(t.cancelling())                    # 2
///     print(t.uncancel())                      # 1
///     print(t.cancelling())                    # 1
///     await asyncio.sleep(0); await asyncio.sleep(0)
///     print(t.cancelled(), t.cancelling())     # True 1
/// ```
#[test]
fn cancelling_counts_the_requests_and_uncancel_withdraws_one() {
    let mut rt = Runtime::new();
    let task = rt.spawn(sleep(Duration::from_secs(10)));
    rt.run_until_idle();
    assert_eq!(task.cancelling(), 0);
    assert!(task.cancel());
    assert!(task.cancel());
    assert_eq!(task.cancelling(), 2);
    assert_eq!(task.uncancel(), 1);
    assert_eq!(task.cancelling(), 1);
    rt.run_until_idle();
    assert!(task.cancelled());
    assert_eq!(task.cancelling(), 1);
    assert_eq!(rt.time(), Duration::ZERO);
}

/// ```python
/// loop1 = asyncio.new_event_loop()
/// t = loop1.create_task(asyncio.sleep(1))
/// async def main():
///     try: await t
///     except RuntimeError as e: print(e)
///     return "caught"
/// print(asyncio.new_event_loop().run_until_complete(main()))
/// # Task <Task pending name='Task-2' coro=<main() ...>> got Future
/// #   <Task pending name='Task-1' coro=<sleep() ...>> attached to a different loop
/// # caught
/// ```
#[test]
fn awaiting_a_task_of_another_loop_raises_runtime_error_in_the_awaiter() {
    let mut other = Runtime::new();
    let foreign = other.spawn(sleep(Duration::from_secs(1)));
    let log = Log::default();
    let main = {
        let log = log.clone();
        Body::new([wait(catch(foreign.join(), move |error| {
            assert!(error.downcast_ref::<RuntimeError>().is_some());
            log.push(error.to_string());
            Ok(())
        }))])
    };
    let mut rt = Runtime::new();
    rt.run(main).unwrap();
    assert_eq!(
        log.take(),
        [format!(
            "RuntimeError: Task Task-1 of {} got Future Task-1 of {} attached to a different loop",
            rt.event_loop(),
            other.event_loop()
        )]
    );
    assert!(!foreign.done(), "the other loop's task is left alone");
    other.run_all().unwrap();
    assert!(foreign.done() && !foreign.cancelled());
}

/// ```python
/// async def main():
///     me = asyncio.current_task()
///     try: await me
///     except RuntimeError as e: print(e)
///     return "caught"
/// print(asyncio.run(main()))
/// # Task cannot await on itself: <Task pending name='Task-1' coro=<main() ...>>
/// # caught
/// ```
#[test]
fn a_task_awaiting_itself_gets_runtime_error() {
    let me: Rc<RefCell<Option<Task<()>>>> = Rc::default();
    let log = Log::default();
    let main = {
        let (me, log) = (Rc::clone(&me), log.clone());
        Body::new([wait(later(move || {
            let itself = me.borrow().clone().expect("set before it runs");
            catch(itself.join(), move |error: TaskError| {
                assert!(error.downcast_ref::<RuntimeError>().is_some());
                log.push(error.to_string());
                Ok(())
            })
        }))])
    };
    let mut rt = Runtime::new();
    let task = rt.spawn(main);
    *me.borrow_mut() = Some(task.clone());
    rt.run_all().unwrap();
    me.borrow_mut().take();
    assert_eq!(
        log.take(),
        ["RuntimeError: Task cannot await on itself: <Task pending name='Task-1'>"]
    );
    assert_eq!(task.result().map(Result::ok), Some(Some(())));
}

#[test]
fn waits_for_names_the_future_until_the_task_takes_its_wake_up() {
    // task._fut_waiter: set when the task suspends on a future, cleared
    // by the step its wake-up runs, not by the future finishing.
    let mut rt = Runtime::new();
    let promise = Promise::new();
    let task = rt.spawn(promise.wait());
    assert_eq!(task.waits_for(), None, "not started");
    rt.run_once().unwrap();
    assert_eq!(task.as_any().waits_for(), Some(promise.blocker()));
    promise.set_result(7).unwrap();
    assert_eq!(task.waits_for(), Some(promise.blocker()), "woken, not run");
    rt.run_once().unwrap();
    assert!(task.done());
    assert_eq!(task.waits_for(), None);
}
