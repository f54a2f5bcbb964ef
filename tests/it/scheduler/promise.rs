//! `Promise`, asyncio's `Future`: done callbacks, scheduled when it is set
//! and run in a later turn, in the order they were added.

use resumable::scheduler::{yield_now, Promise, Runtime};
use resumable::Generator as _;

use crate::support::{run, wait, Body, Log};

/// ```python
/// async def waiter(fut):
///     log.append(f"waiter got {await fut}")
/// async def main():
///     fut = asyncio.get_running_loop().create_future()
///     asyncio.create_task(waiter(fut)); await asyncio.sleep(0)
///     fut.add_done_callback(lambda f: log.append(f"callback saw {f.result()}"))
///     removed = lambda f: log.append("removed callback ran")
///     fut.add_done_callback(removed)
///     log.append(f"removed {fut.remove_done_callback(removed)}")
///     fut.set_result(7); log.append("set")
///     await asyncio.sleep(0)
///     log.append("main resumed")
///     fut.add_done_callback(lambda f: log.append("late callback"))
///     log.append("added late")
///     await asyncio.sleep(0)
/// asyncio.run(main()); print(log)
/// # ['removed 1', 'set', 'waiter got 7', 'callback saw 7', 'main resumed',
/// #  'added late', 'late callback']
/// ```
#[test]
fn done_callbacks_run_a_turn_after_the_promise_is_set_in_the_order_added() {
    let log = Log::default();
    let fut: Promise<u32> = Promise::new();
    let mut rt = Runtime::new();
    let waiter = {
        let log = log.clone();
        fut.wait()
            .map_return(move |value| log.push(format!("waiter got {value}")))
    };
    rt.spawn(waiter).detach();
    let set = {
        let (log, fut) = (log.clone(), fut.clone());
        move || {
            let seen = log.clone();
            fut.add_done_callback(move |done: &Promise<u32>| {
                let value = done.result().unwrap().unwrap();
                seen.push(format!("callback saw {value}"));
            });
            let ran = log.clone();
            let removed = fut.add_done_callback(move |_| ran.push("removed callback ran"));
            log.push(format!("removed {}", fut.remove_done_callback(removed)));
            fut.set_result(7).unwrap();
            log.push("set");
        }
    };
    let late = {
        let (log, fut) = (log.clone(), fut.clone());
        move || {
            log.push("main resumed");
            let ran = log.clone();
            fut.add_done_callback(move |_| ran.push("late callback"));
            log.push("added late");
        }
    };
    let main = Body::new([
        wait(yield_now()),
        run(set),
        wait(yield_now()),
        run(late),
        wait(yield_now()),
    ]);
    rt.run(main).unwrap();
    assert_eq!(
        log.take(),
        [
            "removed 1",
            "set",
            "waiter got 7",
            "callback saw 7",
            "main resumed",
            "added late",
            "late callback",
        ]
    );
}

/// ```python
/// loop = asyncio.new_event_loop(); log = []
/// fut = loop.create_future()
/// cb = lambda f: log.append("callback")
/// fut.add_done_callback(cb)
/// fut.set_result(None)
/// print(log, fut.remove_done_callback(cb))  # [] 0
/// loop.call_soon(loop.stop); loop.run_forever()
/// print(log)  # ['callback']
/// ```
#[test]
fn set_result_schedules_the_callbacks_and_they_can_no_longer_be_removed() {
    let log = Log::default();
    let mut rt = Runtime::new();
    let fut = rt.event_loop().create_future();
    let seen = log.clone();
    let id = fut.add_done_callback(move |_: &Promise<()>| seen.push("callback"));
    fut.set_result(()).unwrap();
    assert!(
        log.take().is_empty(),
        "scheduled with call_soon, not called"
    );
    assert_eq!(fut.remove_done_callback(id), 0);
    rt.run_once().unwrap();
    assert_eq!(log.take(), ["callback"]);
}
