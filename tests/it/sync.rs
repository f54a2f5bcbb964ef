//! The synchronisation primitives, one behaviour per test: the state
//! between a wake-up and the woken task's step, FIFO order, cancellation
//! at each stage (waiting; woken but not yet run), closing, dropping,
//! deadlock reports and misuse.
//!
//! Tasks here are `Body`s (see `support.rs`): awaits and plain code in
//! order, like the body of an `async def`. The test body plays the main
//! program: it
//! releases, puts and cancels between turns of the loop. Where the order
//! of events is subtle, the expected value is what CPython 3.11 prints for
//! the Python quoted above the test, in which `settle()` is ten
//! `await asyncio.sleep(0)` (the loop running until idle).

use std::fmt::Display;
use std::rc::Rc;

use resumable::scheduler::{Request, RunError, Runtime, RuntimeError, Task, TaskError};
use resumable::sync::{
    BoundedSemaphore, Condition, ConditionWait, Event, LifoQueue, Lock, PriorityQueue, Queue,
    QueueEmpty, QueueFull, Semaphore,
};
use resumable::{yield_from, Exception, Generator, GeneratorState, Outcome, Resume};

use crate::support::{defer, note, run, spawn_body, wait, Body, Log, Step};

// ------------------------------------------------------------- helpers

/// `log.append(f"{name} got {await queue.get()}")`.
fn get_into<T: Display + 'static>(queue: &Queue<T>, log: &Log, name: &str) -> Step {
    let (log, name) = (log.clone(), name.to_owned());
    wait(
        queue
            .get()
            .map_return(move |item| log.push(format!("{name} got {item}"))),
    )
}

/// How a task lets go of an awaitable it does not finish.
#[derive(Clone, Copy, Debug)]
enum Exit {
    /// `coro.close()`: `GeneratorExit` inside.
    Close,
    /// Dropped unfinished (Python closes a coroutine it collects).
    Drop,
}

fn let_go<A: Generator<Yield = Request, Error = TaskError>>(awaitable: &mut Option<A>, exit: Exit) {
    match exit {
        Exit::Close => {
            let closed = awaitable.as_mut().map(|a| a.resume(Resume::Close));
            assert!(matches!(closed, Some(Err(Exception::GeneratorExit))));
        }
        Exit::Drop => *awaitable = None,
    }
}

/// A task that awaits `awaitable` and, once woken, lets go of it instead
/// of resuming it: a coroutine closed (or collected) after its wake-up.
fn let_go_when_woken<A>(
    awaitable: A,
    exit: Exit,
) -> impl Generator<Yield = Request, Return = (), Error = TaskError>
where
    A: Generator<Yield = Request, Error = TaskError>,
{
    let mut held = Some(awaitable);
    let mut started = false;
    resumable::generator::from_fn(move |input: Resume<(), TaskError>| {
        if !started {
            started = true;
            if let Some(awaitable) = held.as_mut() {
                if let GeneratorState::Yielded(request) = awaitable.resume(input)? {
                    return Ok(GeneratorState::Yielded(request));
                }
            }
            return Ok(GeneratorState::Complete(()));
        }
        input.sent()?;
        let_go(&mut held, exit);
        Ok(GeneratorState::Complete(()))
    })
}

/// A task that starts `awaitable` (so it joins its line) without awaiting
/// what it waits for, and a turn later lets go of it: a select that lost.
fn let_go_while_waiting<A>(
    awaitable: A,
    exit: Exit,
) -> impl Generator<Yield = Request, Return = (), Error = TaskError>
where
    A: Generator<Yield = Request, Error = TaskError>,
{
    let mut held = Some(awaitable);
    let mut started = false;
    resumable::generator::from_fn(move |input: Resume<(), TaskError>| {
        input.sent()?;
        if !started {
            started = true;
            if let Some(awaitable) = held.as_mut() {
                if awaitable.next()?.is_yielded() {
                    return Ok(GeneratorState::Yielded(Request::Yield));
                }
            }
            return Ok(GeneratorState::Complete(()));
        }
        let_go(&mut held, exit);
        Ok(GeneratorState::Complete(()))
    })
}

fn deadlock_report<T>(outcome: Result<T, RunError>) -> String {
    match outcome {
        Err(error @ RunError::Deadlock(_)) => error.to_string(),
        Err(error) => panic!("not a deadlock: {error}"),
        Ok(_) => panic!("not a deadlock: it finished"),
    }
}

fn deadlock_of(waits: &[(&str, String)]) -> String {
    let mut report = String::from("deadlock: no task can run and no timer is pending");
    for (task, blocker) in waits {
        report.push_str(&format!("\n  {task} waits for {blocker}"));
    }
    report
}

// ---------------------------------------------------------------- Lock

/// A task that takes `lock`, logs `name`, and releases it.
fn lock_user(rt: &mut Runtime, lock: &Lock, log: &Log, name: &str) -> Task<()> {
    let release = lock.clone();
    spawn_body(
        rt,
        [
            wait(lock.acquire()),
            note(log, name),
            run(move || release.release()),
        ],
    )
}

#[test]
fn lock_waiters_take_the_lock_in_arrival_order() {
    let (lock, log, mut rt) = (Lock::new(), Log::default(), Runtime::new());
    assert!(lock.try_acquire());
    for name in ["A", "B", "C"] {
        lock_user(&mut rt, &lock, &log, name).detach();
    }
    rt.run_until_idle();
    lock.release();
    rt.run_until_idle();
    assert_eq!(log.take(), ["A", "B", "C"]);
}

#[test]
fn lock_release_unlocks_until_the_woken_waiter_runs() {
    let (lock, mut rt) = (Lock::new(), Runtime::new());
    assert!(lock.try_acquire());
    let waiter = rt.spawn(lock.acquire());
    rt.run_until_idle();
    lock.release();
    assert!(
        !lock.locked(),
        "free between the wake-up and the waiter's step"
    );
    assert!(!waiter.done());
    rt.run_until_idle();
    assert!(waiter.done() && lock.locked());
}

#[test]
fn lock_newcomer_cannot_take_a_lock_whose_waiter_was_woken() {
    let (lock, mut rt) = (Lock::new(), Runtime::new());
    assert!(lock.try_acquire());
    let first = rt.spawn(lock.acquire());
    rt.run_until_idle();
    lock.release();
    assert!(!lock.try_acquire());
    let newcomer = rt.spawn(lock.acquire());
    rt.run_until_idle();
    assert!(first.done() && !newcomer.done());
}

#[test]
fn lock_cancelled_waiter_leaves_the_line() {
    let (lock, log, mut rt) = (Lock::new(), Log::default(), Runtime::new());
    assert!(lock.try_acquire());
    let first = lock_user(&mut rt, &lock, &log, "A");
    lock_user(&mut rt, &lock, &log, "B").detach();
    rt.run_until_idle();
    assert!(first.cancel());
    rt.run_until_idle();
    assert!(first.cancelled());
    assert_eq!(
        format!("{lock:?}"),
        format!("<{} [locked, waiters:1]>", lock.blocker())
    );
    lock.release();
    rt.run_until_idle();
    assert_eq!(log.take(), ["B"]);
}

/// ```python
/// lock = asyncio.Lock(); await lock.acquire(); log = []
/// async def waiter(name):
///     await lock.acquire(); log.append(name); lock.release()
/// a = asyncio.create_task(waiter("A")); b = asyncio.create_task(waiter("B"))
/// await asyncio.sleep(0)
/// lock.release()
/// log.append(f"locked={lock.locked()}")
/// a.cancel()
/// await settle()
/// log.append(f"a.cancelled={a.cancelled()} locked={lock.locked()}")
/// print(log)  # ['locked=False', 'B', 'a.cancelled=True locked=False']
/// ```
#[test]
fn lock_waiter_cancelled_after_its_wake_up_wakes_the_next() {
    let (lock, log, mut rt) = (Lock::new(), Log::default(), Runtime::new());
    assert!(lock.try_acquire());
    let a = lock_user(&mut rt, &lock, &log, "A");
    lock_user(&mut rt, &lock, &log, "B").detach();
    rt.run_until_idle();
    lock.release();
    log.push(format!("locked={}", lock.locked()));
    assert!(a.cancel());
    rt.run_until_idle();
    log.push(format!(
        "a.cancelled={} locked={}",
        a.cancelled(),
        lock.locked()
    ));
    assert_eq!(
        log.take(),
        ["locked=false", "B", "a.cancelled=true locked=false"]
    );
}

/// asyncio 3.11 loses the wake-up here (`coro.close()` after
/// `lock.release()` woke it leaves the lock free and the next waiter
/// asleep); this crate passes it on, as on a cancellation.
#[test]
fn lock_waiter_closed_after_its_wake_up_wakes_the_next() {
    let (lock, log, mut rt) = (Lock::new(), Log::default(), Runtime::new());
    assert!(lock.try_acquire());
    let a = rt.spawn(let_go_when_woken(lock.acquire(), Exit::Close));
    lock_user(&mut rt, &lock, &log, "B").detach();
    rt.run_until_idle();
    lock.release();
    rt.run_until_idle();
    assert!(a.done());
    assert_eq!(log.take(), ["B"]);
    assert!(!lock.locked());
}

#[test]
fn lock_waiter_dropped_after_its_wake_up_wakes_the_next() {
    let (lock, log, mut rt) = (Lock::new(), Log::default(), Runtime::new());
    assert!(lock.try_acquire());
    rt.spawn(let_go_when_woken(lock.acquire(), Exit::Drop))
        .detach();
    lock_user(&mut rt, &lock, &log, "B").detach();
    rt.run_until_idle();
    lock.release();
    rt.run_until_idle();
    assert_eq!(log.take(), ["B"]);
}

#[test]
fn lock_waiter_dropped_while_waiting_leaves_the_line() {
    let (lock, log, mut rt) = (Lock::new(), Log::default(), Runtime::new());
    assert!(lock.try_acquire());
    let dropped = rt.spawn(let_go_while_waiting(lock.acquire(), Exit::Drop));
    rt.run_until_idle();
    assert!(dropped.done());
    assert_eq!(
        format!("{lock:?}"),
        format!("<{} [locked]>", lock.blocker())
    );
    lock_user(&mut rt, &lock, &log, "B").detach();
    rt.run_until_idle();
    lock.release();
    rt.run_until_idle();
    assert_eq!(log.take(), ["B"]);
}

#[test]
fn lock_task_closed_by_its_loop_leaves_the_line() {
    let lock = Lock::new();
    assert!(lock.try_acquire());
    let mut rt = Runtime::new();
    rt.spawn(lock.acquire()).detach();
    rt.run_until_idle();
    drop(rt); // closes the waiting task
    assert_eq!(
        format!("{lock:?}"),
        format!("<{} [locked]>", lock.blocker())
    );
    lock.release();
    assert!(lock.try_acquire(), "nobody left in line");
}

#[test]
fn lock_deadlock_report_names_the_lock() {
    let lock = Lock::new();
    assert!(lock.try_acquire());
    let report = deadlock_report(Runtime::new().run(lock.acquire()));
    assert_eq!(
        report,
        deadlock_of(&[("Task-1", lock.blocker().to_string())])
    );
}

#[test]
#[should_panic(expected = "Lock is not acquired.")]
fn lock_release_of_an_unlocked_lock_panics() {
    Lock::new().release();
}

// --------------------------------------------------------------- Event

#[test]
fn event_set_wakes_every_waiter_in_arrival_order() {
    let (event, log, mut rt) = (Event::new(), Log::default(), Runtime::new());
    for name in ["A", "B", "C"] {
        spawn_body(&mut rt, [wait(event.wait()), note(&log, name)]).detach();
    }
    rt.run_until_idle();
    assert!(log.take().is_empty());
    event.set();
    rt.run_until_idle();
    assert_eq!(log.take(), ["A", "B", "C"]);
}

#[test]
fn event_woken_waiter_returns_even_if_cleared_before_it_runs() {
    let (event, mut rt) = (Event::new(), Runtime::new());
    let waiter = rt.spawn(event.wait());
    rt.run_until_idle();
    event.set();
    event.clear();
    rt.run_until_idle();
    assert!(waiter.done());
    assert!(!event.is_set());
}

#[test]
fn event_wait_on_a_set_event_does_not_wait() {
    let event = Event::new();
    event.set();
    assert_eq!(event.wait().next().ok(), Some(GeneratorState::Complete(())));
}

#[test]
fn event_cancelled_waiter_leaves_the_line() {
    let (event, mut rt) = (Event::new(), Runtime::new());
    let waiter = rt.spawn(event.wait());
    rt.run_until_idle();
    assert_eq!(
        format!("{event:?}"),
        format!("<{} [unset, waiters:1]>", event.blocker())
    );
    waiter.cancel();
    rt.run_until_idle();
    assert!(waiter.cancelled());
    assert_eq!(
        format!("{event:?}"),
        format!("<{} [unset]>", event.blocker())
    );
}

#[test]
fn event_waiter_dropped_while_waiting_leaves_the_line() {
    let (event, mut rt) = (Event::new(), Runtime::new());
    rt.spawn(let_go_while_waiting(event.wait(), Exit::Drop))
        .detach();
    rt.run_until_idle();
    assert_eq!(
        format!("{event:?}"),
        format!("<{} [unset]>", event.blocker())
    );
}

#[test]
fn event_deadlock_report_names_the_event() {
    let event = Event::new();
    let report = deadlock_report(Runtime::new().run(event.wait()));
    assert_eq!(
        report,
        deadlock_of(&[("Task-1", event.blocker().to_string())])
    );
}

// ----------------------------------------------------------- Condition

/// ```python
/// async with cond:
///     try:
///         await cond.wait()
///         log.append(name)
///     except CancelledError:
///         log.append(f"{name} cancelled, locked={cond.locked()}")
///         raise
/// ```
///
/// written out by hand, with the release only if the wait holds the lock
/// (as the `Condition` docs say), and a note when it is closed.
struct CondUser {
    cond: Condition,
    name: &'static str,
    log: Log,
    acquire: Option<resumable::sync::Acquire>,
    wait: Option<ConditionWait>,
}

fn cond_user(rt: &mut Runtime, cond: &Condition, log: &Log, name: &'static str) -> Task<()> {
    rt.spawn(CondUser {
        cond: cond.clone(),
        name,
        log: log.clone(),
        acquire: Some(cond.acquire()),
        wait: None,
    })
}

impl Generator for CondUser {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        if let Some(acquire) = &mut self.acquire {
            yield_from!(acquire, input)?;
            self.acquire = None;
            self.wait = Some(self.cond.wait());
            input = Resume::Next;
        }
        let wait = self.wait.as_mut().expect("waiting");
        let waited = yield_from!(wait, input);
        let (name, locked) = (self.name, self.cond.locked());
        match &waited {
            Ok(()) => self.log.push(name),
            Err(Exception::Raised(error)) if error.is_cancelled() => {
                self.log.push(format!("{name} cancelled, locked={locked}"));
            }
            Err(Exception::Raised(error)) => self.log.push(format!("{name} raised {error}")),
            Err(Exception::GeneratorExit) => {
                let holds = wait.holds_lock();
                self.log.push(format!("{name} closed, holds_lock={holds}"));
            }
        }
        if wait.holds_lock() {
            self.cond.release();
        }
        waited.map(GeneratorState::Complete)
    }
}

/// `async with cond: cond.notify(n)`, from the main program.
fn notify(cond: &Condition, n: usize) {
    assert!(cond.try_acquire());
    cond.notify(n);
    cond.release();
}

#[test]
fn condition_wait_releases_the_lock_until_notified() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    let user = cond_user(&mut rt, &cond, &log, "A");
    rt.run_until_idle();
    assert!(!cond.locked() && !user.done());
    notify(&cond, 1);
    rt.run_until_idle();
    assert!(user.done());
    assert_eq!(log.take(), ["A"]);
    assert!(!cond.locked());
}

#[test]
fn condition_notify_wakes_the_longest_waiting_first() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    for name in ["A", "B", "C"] {
        cond_user(&mut rt, &cond, &log, name).detach();
    }
    rt.run_until_idle();
    notify(&cond, 2);
    rt.run_until_idle();
    assert_eq!(log.take(), ["A", "B"]);
    assert_eq!(
        format!("{cond:?}"),
        format!("<{} [unlocked, waiters:1]>", cond.blocker())
    );
}

#[test]
fn condition_notify_all_wakes_every_waiter() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    for name in ["A", "B", "C"] {
        cond_user(&mut rt, &cond, &log, name).detach();
    }
    rt.run_until_idle();
    assert!(cond.try_acquire());
    cond.notify_all();
    cond.release();
    rt.run_until_idle();
    assert_eq!(log.take(), ["A", "B", "C"]);
}

/// ```python
/// ts = [asyncio.create_task(waiter(n)) for n in "ABC"]
/// await asyncio.sleep(0)
/// await cond.acquire()
/// l = asyncio.create_task(locker())   # async with cond: log.append("L")
/// await asyncio.sleep(0)              # L queues for the lock
/// cond.notify(2)
/// await asyncio.sleep(0)              # A, B wake and queue for the lock behind L
/// cond.release()
/// await settle()
/// log.append(f"C.done={ts[2].done()}")
/// print(log)  # ['L', 'A', 'B', 'C.done=False']
/// ```
#[test]
fn condition_woken_waiters_queue_for_the_lock_behind_its_waiters() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    let users: Vec<_> = ["A", "B", "C"]
        .into_iter()
        .map(|name| cond_user(&mut rt, &cond, &log, name))
        .collect();
    rt.run_until_idle();
    assert!(cond.try_acquire());
    let release = cond.clone();
    spawn_body(
        &mut rt,
        [
            wait(cond.acquire()),
            note(&log, "L"),
            run(move || release.release()),
        ],
    )
    .detach();
    rt.run_until_idle();
    cond.notify(2);
    rt.run_until_idle();
    cond.release();
    rt.run_until_idle();
    log.push(format!("C.done={}", users[2].done()));
    assert_eq!(log.take(), ["L", "A", "B", "C.done=false"]);
}

/// ```python
/// t = asyncio.create_task(waiter())   # async with cond: await cond.wait()
/// await asyncio.sleep(0)
/// await cond.acquire()
/// t.cancel()
/// await settle()
/// log.append(f"t.done={t.done()}")
/// cond.release()
/// await settle()
/// log.append(f"t.cancelled={t.cancelled()} locked={cond.locked()}")
/// print(log)  # ['t.done=False', 'cancelled, locked=True', 't.cancelled=True locked=False']
/// ```
#[test]
fn condition_cancelled_wait_takes_the_lock_back_before_it_raises() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    let t = cond_user(&mut rt, &cond, &log, "t");
    rt.run_until_idle();
    assert!(cond.try_acquire());
    t.cancel();
    rt.run_until_idle();
    log.push(format!("t.done={}", t.done()));
    cond.release();
    rt.run_until_idle();
    log.push(format!(
        "t.cancelled={} locked={}",
        t.cancelled(),
        cond.locked()
    ));
    assert_eq!(
        log.take(),
        [
            "t.done=false",
            "t cancelled, locked=true",
            "t.cancelled=true locked=false"
        ]
    );
}

/// ```python
/// t = asyncio.create_task(waiter())   # async with cond: await cond.wait()
/// await asyncio.sleep(0)
/// await cond.acquire()
/// cond.notify()
/// await asyncio.sleep(0)    # t wakes, queues for the lock
/// t.cancel()                # cancels its acquire
/// await settle()
/// log.append(f"t.done={t.done()}")
/// cond.release()
/// await settle()
/// log.append(f"t.cancelled={t.cancelled()} locked={cond.locked()}")
/// print(log)  # ['t.done=False', 'cancelled, locked=True', 't.cancelled=True locked=False']
/// ```
#[test]
fn condition_wait_cancelled_while_taking_the_lock_back_raises_once_it_holds_it() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    let t = cond_user(&mut rt, &cond, &log, "t");
    rt.run_until_idle();
    assert!(cond.try_acquire());
    cond.notify(1);
    rt.run_until_idle();
    t.cancel();
    rt.run_until_idle();
    log.push(format!("t.done={}", t.done()));
    cond.release();
    rt.run_until_idle();
    log.push(format!(
        "t.cancelled={} locked={}",
        t.cancelled(),
        cond.locked()
    ));
    assert_eq!(
        log.take(),
        [
            "t.done=false",
            "t cancelled, locked=true",
            "t.cancelled=true locked=false"
        ]
    );
}

/// asyncio 3.11: the notification is not passed on.
///
/// ```python
/// a = asyncio.create_task(waiter("A")); b = asyncio.create_task(waiter("B"))
/// await asyncio.sleep(0)
/// async with cond:
///     cond.notify(1)
/// a.cancel()
/// await settle()
/// log.append(f"a.cancelled={a.cancelled()} b.done={b.done()}")
/// print(log)  # ['a.cancelled=True b.done=False']
/// ```
#[test]
fn condition_notification_of_a_waiter_cancelled_before_it_runs_is_lost() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    let a = cond_user(&mut rt, &cond, &log, "A");
    let b = cond_user(&mut rt, &cond, &log, "B");
    rt.run_until_idle();
    notify(&cond, 1);
    a.cancel();
    rt.run_until_idle();
    assert_eq!(log.take(), ["A cancelled, locked=true"]);
    assert!(a.cancelled() && !b.done());
}

#[test]
fn condition_wait_closed_takes_a_free_lock_back() {
    let (cond, log) = (Condition::new(), Log::default());
    let mut rt = Runtime::new();
    cond_user(&mut rt, &cond, &log, "A").detach();
    rt.run_until_idle();
    drop(rt); // closes the task in its wait; the lock is free
    assert_eq!(log.take(), ["A closed, holds_lock=true"]);
    assert!(!cond.locked(), "taken back, then released by the task");
}

#[test]
fn condition_wait_closed_while_the_lock_is_held_elsewhere_takes_nothing() {
    let (cond, log) = (Condition::new(), Log::default());
    let mut rt = Runtime::new();
    cond_user(&mut rt, &cond, &log, "A").detach();
    rt.run_until_idle();
    assert!(cond.try_acquire());
    drop(rt);
    assert_eq!(log.take(), ["A closed, holds_lock=false"]);
    assert!(cond.locked(), "still the main program's");
    assert_eq!(
        format!("{cond:?}"),
        format!("<{} [locked]>", cond.blocker())
    );
}

#[test]
fn condition_wait_closed_while_taking_the_lock_back_leaves_the_lock_line() {
    let (cond, log) = (Condition::new(), Log::default());
    let mut rt = Runtime::new();
    cond_user(&mut rt, &cond, &log, "A").detach();
    rt.run_until_idle();
    assert!(cond.try_acquire());
    cond.notify(1);
    rt.run_until_idle(); // woken: it queues for the lock
    assert_eq!(
        format!("{:?}", cond.lock()),
        format!("<{} [locked, waiters:1]>", cond.lock().blocker())
    );
    drop(rt);
    assert_eq!(log.take(), ["A closed, holds_lock=false"]);
    assert_eq!(
        format!("{:?}", cond.lock()),
        format!("<{} [locked]>", cond.lock().blocker())
    );
}

#[test]
fn condition_wait_dropped_while_waiting_leaves_the_line_and_takes_nothing() {
    let (cond, mut rt) = (Condition::new(), Runtime::new());
    assert!(cond.try_acquire());
    rt.spawn(let_go_while_waiting(cond.wait(), Exit::Drop))
        .detach();
    rt.run_until_idle();
    assert!(
        !cond.locked(),
        "the wait released it, and took nothing back"
    );
    assert_eq!(
        format!("{cond:?}"),
        format!("<{} [unlocked]>", cond.blocker())
    );
}

#[test]
fn condition_wait_without_the_lock_raises_runtime_error() {
    let cond = Condition::new();
    let Err(RunError::Task(error)) = Runtime::new().run(cond.wait()) else {
        panic!("the wait must raise");
    };
    let error = error
        .downcast_ref::<RuntimeError>()
        .expect("a RuntimeError");
    assert_eq!(error.message(), "cannot wait on un-acquired lock");
}

#[test]
#[should_panic(expected = "cannot notify on un-acquired lock")]
fn condition_notify_without_the_lock_panics() {
    Condition::new().notify(1);
}

#[test]
fn condition_wait_for_checks_the_predicate_after_each_wake_up() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    let count = Rc::new(std::cell::Cell::new(0));
    let seen = Rc::clone(&count);
    let release = cond.clone();
    spawn_body(
        &mut rt,
        [
            wait(cond.acquire()),
            defer(move || release.release()),
            wait(cond.wait_for(move || seen.get() >= 2)),
            note(&log, "done"),
        ],
    )
    .detach();
    rt.run_until_idle();
    for _ in 0..2 {
        assert!(log.take().is_empty());
        count.set(count.get() + 1);
        notify(&cond, 1);
        rt.run_until_idle();
    }
    assert_eq!(log.take(), ["done"]);
    assert!(!cond.locked());
}

#[test]
fn condition_deadlock_report_names_the_condition() {
    let cond = Condition::new();
    let release = cond.clone();
    let main = Body::new([
        wait(cond.acquire()),
        defer(move || release.release()),
        wait(cond.wait()),
    ]);
    let report = deadlock_report(Runtime::new().run(main));
    assert_eq!(
        report,
        deadlock_of(&[("Task-1", cond.blocker().to_string())])
    );
}

// ----------------------------------------------------------- Semaphore

/// A task that takes a permit of `sem` and logs `name`, keeping it.
fn sem_user(rt: &mut Runtime, sem: &Semaphore, log: &Log, name: &str) -> Task<()> {
    spawn_body(rt, [wait(sem.acquire()), note(log, name)])
}

#[test]
fn semaphore_waiters_take_permits_in_arrival_order() {
    let (sem, log, mut rt) = (Semaphore::new(0), Log::default(), Runtime::new());
    for name in ["A", "B", "C"] {
        sem_user(&mut rt, &sem, &log, name).detach();
    }
    rt.run_until_idle();
    for _ in 0..3 {
        sem.release();
        rt.run_until_idle();
    }
    assert_eq!(log.take(), ["A", "B", "C"]);
}

#[test]
fn semaphore_release_gives_the_permit_to_the_woken_waiter_at_once() {
    let (sem, mut rt) = (Semaphore::new(0), Runtime::new());
    let waiter = rt.spawn(sem.acquire());
    rt.run_until_idle();
    sem.release();
    assert_eq!(sem.value(), 0, "the permit is the waiter's already");
    assert!(sem.locked() && !sem.try_acquire());
    let newcomer = rt.spawn(sem.acquire());
    rt.run_until_idle();
    assert!(waiter.done() && !newcomer.done());
}

#[test]
fn semaphore_cancelled_waiter_leaves_the_line() {
    let (sem, log, mut rt) = (Semaphore::new(0), Log::default(), Runtime::new());
    let a = sem_user(&mut rt, &sem, &log, "A");
    sem_user(&mut rt, &sem, &log, "B").detach();
    rt.run_until_idle();
    a.cancel();
    rt.run_until_idle();
    assert!(a.cancelled());
    sem.release();
    rt.run_until_idle();
    assert_eq!(log.take(), ["B"]);
    assert_eq!(sem.value(), 0);
}

/// ```python
/// sem = asyncio.Semaphore(0); log = []
/// async def waiter(name):
///     await sem.acquire(); log.append(name)
/// a = asyncio.create_task(waiter("A")); b = asyncio.create_task(waiter("B"))
/// await asyncio.sleep(0)
/// sem.release()
/// log.append(f"value={sem._value}")
/// a.cancel()
/// await settle()
/// log.append(f"a.cancelled={a.cancelled()} value={sem._value}")
/// print(log)  # ['value=0', 'B', 'a.cancelled=True value=0']
/// ```
#[test]
fn semaphore_waiter_cancelled_after_its_wake_up_passes_the_permit_on() {
    let (sem, log, mut rt) = (Semaphore::new(0), Log::default(), Runtime::new());
    let a = sem_user(&mut rt, &sem, &log, "A");
    sem_user(&mut rt, &sem, &log, "B").detach();
    rt.run_until_idle();
    sem.release();
    log.push(format!("value={}", sem.value()));
    a.cancel();
    rt.run_until_idle();
    log.push(format!(
        "a.cancelled={} value={}",
        a.cancelled(),
        sem.value()
    ));
    assert_eq!(log.take(), ["value=0", "B", "a.cancelled=true value=0"]);
}

/// ```python
/// a = asyncio.create_task(waiter("A"))
/// await asyncio.sleep(0)
/// c = asyncio.create_task(waiter("C"))
/// sem.release(); sem.release()
/// log.append(f"value={sem._value} locked={sem.locked()}")
/// await settle()
/// log.append(f"value={sem._value} c.done={c.done()}")
/// print(log)  # ['value=1 locked=True', 'A', 'C', 'value=0 c.done=True']
/// ```
///
/// C queues behind the woken A although a permit is free; A, taking its
/// permit, wakes C.
#[test]
fn semaphore_woken_waiter_wakes_the_next_while_permits_are_left() {
    let (sem, log, mut rt) = (Semaphore::new(0), Log::default(), Runtime::new());
    sem_user(&mut rt, &sem, &log, "A").detach();
    rt.run_until_idle();
    let c = sem_user(&mut rt, &sem, &log, "C");
    sem.release();
    sem.release();
    log.push(format!("value={} locked={}", sem.value(), sem.locked()));
    rt.run_until_idle();
    log.push(format!("value={} c.done={}", sem.value(), c.done()));
    assert_eq!(
        log.take(),
        ["value=1 locked=true", "A", "C", "value=0 c.done=true"]
    );
}

/// asyncio 3.11 loses the permit here:
///
/// ```python
/// sem = asyncio.Semaphore(0)
/// c = sem.acquire(); fut = c.send(None)
/// sem.release()
/// c.close()
/// print(sem._value, sem.locked())  # 0 True
/// ```
///
/// This crate gives it back, as on a cancellation.
#[test]
fn semaphore_waiter_closed_after_its_wake_up_gives_the_permit_back() {
    let (sem, mut rt) = (Semaphore::new(0), Runtime::new());
    let a = rt.spawn(let_go_when_woken(sem.acquire(), Exit::Close));
    rt.run_until_idle();
    sem.release();
    rt.run_until_idle();
    assert!(a.done());
    assert_eq!(sem.value(), 1);
    assert!(!sem.locked());
}

#[test]
fn semaphore_waiter_dropped_after_its_wake_up_passes_the_permit_on() {
    let (sem, log, mut rt) = (Semaphore::new(0), Log::default(), Runtime::new());
    rt.spawn(let_go_when_woken(sem.acquire(), Exit::Drop))
        .detach();
    sem_user(&mut rt, &sem, &log, "B").detach();
    rt.run_until_idle();
    sem.release();
    rt.run_until_idle();
    assert_eq!(log.take(), ["B"]);
    assert_eq!(sem.value(), 0);
}

#[test]
fn semaphore_waiter_dropped_while_waiting_leaves_the_line() {
    let (sem, mut rt) = (Semaphore::new(0), Runtime::new());
    rt.spawn(let_go_while_waiting(sem.acquire(), Exit::Drop))
        .detach();
    rt.run_until_idle();
    assert_eq!(format!("{sem:?}"), format!("<{} [locked]>", sem.blocker()));
    sem.release();
    assert_eq!(sem.value(), 1, "nobody to give it to");
}

#[test]
fn semaphore_deadlock_report_names_the_semaphore() {
    let sem = Semaphore::new(0);
    let report = deadlock_report(Runtime::new().run(sem.acquire()));
    assert_eq!(
        report,
        deadlock_of(&[("Task-1", sem.blocker().to_string())])
    );
}

#[test]
fn semaphore_shows_like_asyncio() {
    let (sem, mut rt) = (Semaphore::new(1), Runtime::new());
    assert_eq!(
        format!("{sem:?}"),
        format!("<{} [unlocked, value:1]>", sem.blocker())
    );
    assert!(sem.try_acquire());
    rt.spawn(sem.acquire()).detach();
    rt.run_until_idle();
    assert_eq!(
        format!("{sem:?}"),
        format!("<{} [locked, waiters:1]>", sem.blocker())
    );
}

#[test]
fn bounded_semaphore_waiter_is_woken_by_a_release() {
    let (sem, mut rt) = (BoundedSemaphore::new(1), Runtime::new());
    assert!(sem.try_acquire());
    let waiter = rt.spawn(sem.acquire());
    rt.run_until_idle();
    sem.release();
    rt.run_until_idle();
    assert!(waiter.done());
    assert_eq!((sem.value(), sem.bound()), (0, 1));
}

#[test]
#[should_panic(expected = "BoundedSemaphore released too many times")]
fn bounded_semaphore_released_too_many_times_panics() {
    let sem = BoundedSemaphore::new(1);
    assert!(sem.try_acquire());
    sem.release();
    sem.release();
}

#[test]
fn bounded_semaphore_deadlock_report_names_it() {
    let sem = BoundedSemaphore::new(0);
    let report = deadlock_report(Runtime::new().run(sem.acquire()));
    assert_eq!(
        report,
        deadlock_of(&[("Task-1", sem.blocker().to_string())])
    );
    assert_eq!(sem.blocker().kind(), "BoundedSemaphore");
}

// --------------------------------------------------------------- Queue

/// A task that puts `item` and logs it once put.
fn putter<T: Display + Clone + 'static>(
    rt: &mut Runtime,
    queue: &Queue<T>,
    log: &Log,
    item: T,
) -> Task<()> {
    let shown = item.to_string();
    spawn_body(
        rt,
        [wait(queue.put(item)), note(log, format!("put {shown}"))],
    )
}

#[test]
fn queue_put_for_a_waiting_getter_stays_in_the_queue_until_the_getter_runs() {
    let (queue, log, mut rt) = (Queue::new(0), Log::default(), Runtime::new());
    spawn_body(&mut rt, [get_into(&queue, &log, "G")]).detach();
    rt.run_until_idle();
    assert_eq!(queue.try_put("a"), Ok(()));
    assert_eq!(queue.len(), 1, "the woken getter has not taken it yet");
    assert_eq!(
        format!("{queue:?}"),
        format!("<{} maxsize=0 _queue=[\"a\"] tasks=1>", queue.blocker())
    );
    rt.run_until_idle();
    assert_eq!(log.take(), ["G got a"]);
    assert!(queue.is_empty());
}

/// ```python
/// q = asyncio.Queue(); log = []
/// async def getter(name):
///     log.append(f"{name} got {await q.get()}")
/// g1 = asyncio.create_task(getter("G1")); g2 = asyncio.create_task(getter("G2"))
/// await asyncio.sleep(0)
/// q.put_nowait("a")
/// log.append(f"qsize={q.qsize()}")
/// log.append(f"main got {q.get_nowait()}")
/// await asyncio.sleep(0)
/// log.append(f"getters={len(q._getters)}")
/// q.put_nowait("b")
/// await asyncio.sleep(0)
/// q.put_nowait("c")
/// await settle()
/// print(log)  # ['qsize=1', 'main got a', 'getters=2', 'G2 got b', 'G1 got c']
/// ```
#[test]
fn queue_getter_overtaken_by_a_try_get_waits_again_at_the_back() {
    let (queue, log, mut rt) = (Queue::new(0), Log::default(), Runtime::new());
    spawn_body(&mut rt, [get_into(&queue, &log, "G1")]).detach();
    spawn_body(&mut rt, [get_into(&queue, &log, "G2")]).detach();
    rt.run_until_idle();
    assert_eq!(queue.try_put("a"), Ok(()));
    log.push(format!("qsize={}", queue.len()));
    log.push(format!("main got {}", queue.try_get().unwrap()));
    rt.run_until_idle();
    let getters = format!("{queue:?}").contains("_getters[2]");
    log.push(format!("getters=2: {getters}"));
    assert_eq!(queue.try_put("b"), Ok(()));
    rt.run_until_idle();
    assert_eq!(queue.try_put("c"), Ok(()));
    rt.run_until_idle();
    assert_eq!(
        log.take(),
        [
            "qsize=1",
            "main got a",
            "getters=2: true",
            "G2 got b",
            "G1 got c"
        ]
    );
}

#[test]
fn queue_getters_are_served_in_arrival_order() {
    let (queue, log, mut rt) = (Queue::new(0), Log::default(), Runtime::new());
    for name in ["A", "B", "C"] {
        spawn_body(&mut rt, [get_into(&queue, &log, name)]).detach();
    }
    rt.run_until_idle();
    for item in 1..=3 {
        assert_eq!(queue.try_put(item), Ok(()));
    }
    rt.run_until_idle();
    assert_eq!(log.take(), ["A got 1", "B got 2", "C got 3"]);
}

#[test]
fn queue_putters_are_served_in_arrival_order() {
    let (queue, log, mut rt) = (Queue::new(1), Log::default(), Runtime::new());
    assert_eq!(queue.try_put(0), Ok(()));
    for item in 1..=3 {
        putter(&mut rt, &queue, &log, item).detach();
    }
    rt.run_until_idle();
    let mut got = Vec::new();
    for _ in 0..4 {
        got.push(queue.try_get().unwrap());
        rt.run_until_idle();
    }
    assert_eq!(got, [0, 1, 2, 3]);
    assert_eq!(log.take(), ["put 1", "put 2", "put 3"]);
}

/// ```python
/// q = asyncio.Queue(1); log = []
/// q.put_nowait("a")
/// async def putter(item):
///     await q.put(item); log.append(f"put {item}")
/// p = asyncio.create_task(putter("p"))
/// await asyncio.sleep(0)
/// log.append(f"main got {q.get_nowait()}")
/// q.put_nowait("x")      # takes the slot freed for the putter
/// await asyncio.sleep(0)
/// log.append(f"p.done={p.done()} full={q.full()}")
/// log.append(f"main got {q.get_nowait()}")
/// await settle()
/// log.append(f"main got {q.get_nowait()}")
/// print(log)  # ['main got a', 'p.done=False full=True', 'main got x', 'put p', 'main got p']
/// ```
#[test]
fn queue_putter_overtaken_by_a_try_put_waits_again() {
    let (queue, log, mut rt) = (Queue::new(1), Log::default(), Runtime::new());
    assert_eq!(queue.try_put("a"), Ok(()));
    let p = putter(&mut rt, &queue, &log, "p");
    rt.run_until_idle();
    log.push(format!("main got {}", queue.try_get().unwrap()));
    assert_eq!(queue.try_put("x"), Ok(()));
    rt.run_until_idle();
    log.push(format!("p.done={} full={}", p.done(), queue.is_full()));
    log.push(format!("main got {}", queue.try_get().unwrap()));
    rt.run_until_idle();
    log.push(format!("main got {}", queue.try_get().unwrap()));
    assert_eq!(
        log.take(),
        [
            "main got a",
            "p.done=false full=true",
            "main got x",
            "put p",
            "main got p"
        ]
    );
}

#[test]
fn queue_try_put_on_a_full_queue_hands_the_item_back() {
    let queue = Queue::new(1);
    assert_eq!(queue.try_put(String::from("kept")), Ok(()));
    let refused = queue.try_put(String::from("back"));
    assert_eq!(refused, Err(QueueFull(String::from("back"))));
    assert_eq!(refused.unwrap_err().into_inner(), "back");
    assert_eq!((queue.len(), queue.unfinished()), (1, 1));
}

#[test]
fn queue_try_get_on_an_empty_queue_is_queue_empty() {
    let queue: Queue<u8> = Queue::new(0);
    assert_eq!(queue.try_get(), Err(QueueEmpty));
}

#[test]
fn queue_cancelled_getter_leaves_the_line() {
    let (queue, log, mut rt) = (Queue::new(0), Log::default(), Runtime::new());
    let a = spawn_body(&mut rt, [get_into(&queue, &log, "A")]);
    spawn_body(&mut rt, [get_into(&queue, &log, "B")]).detach();
    rt.run_until_idle();
    a.cancel();
    rt.run_until_idle();
    assert!(a.cancelled());
    assert_eq!(queue.try_put(1), Ok(()));
    rt.run_until_idle();
    assert_eq!(log.take(), ["B got 1"]);
}

/// ```python
/// g1 = asyncio.create_task(getter("G1")); g2 = asyncio.create_task(getter("G2"))
/// await asyncio.sleep(0)
/// q.put_nowait("a")
/// g1.cancel()
/// await settle()
/// log.append(f"g1.cancelled={g1.cancelled()} qsize={q.qsize()}")
/// print(log)  # ['G2 got a', 'g1.cancelled=True qsize=0']
/// ```
#[test]
fn queue_getter_cancelled_after_its_wake_up_wakes_the_next() {
    let (queue, log, mut rt) = (Queue::new(0), Log::default(), Runtime::new());
    let g1 = spawn_body(&mut rt, [get_into(&queue, &log, "G1")]);
    spawn_body(&mut rt, [get_into(&queue, &log, "G2")]).detach();
    rt.run_until_idle();
    assert_eq!(queue.try_put("a"), Ok(()));
    g1.cancel();
    rt.run_until_idle();
    log.push(format!(
        "g1.cancelled={} qsize={}",
        g1.cancelled(),
        queue.len()
    ));
    assert_eq!(log.take(), ["G2 got a", "g1.cancelled=true qsize=0"]);
}

/// ```python
/// q = asyncio.Queue(1); q.put_nowait("a")
/// p1 = asyncio.create_task(putter("p1")); p2 = asyncio.create_task(putter("p2"))
/// await asyncio.sleep(0)
/// log.append(f"main got {q.get_nowait()}")
/// p1.cancel()
/// await settle()
/// log.append(f"p1.cancelled={p1.cancelled()} queue={list(q._queue)}")
/// print(log)  # ['main got a', 'put p2', "p1.cancelled=True queue=['p2']"]
/// ```
#[test]
fn queue_putter_cancelled_after_its_wake_up_wakes_the_next() {
    let (queue, log, mut rt) = (Queue::new(1), Log::default(), Runtime::new());
    assert_eq!(queue.try_put("a"), Ok(()));
    let p1 = putter(&mut rt, &queue, &log, "p1");
    putter(&mut rt, &queue, &log, "p2").detach();
    rt.run_until_idle();
    log.push(format!("main got {}", queue.try_get().unwrap()));
    p1.cancel();
    rt.run_until_idle();
    log.push(format!("p1.cancelled={} queue={:?}", p1.cancelled(), queue));
    let shown = format!("<{} maxsize=1 _queue=[\"p2\"] tasks=2>", queue.blocker());
    assert_eq!(
        log.take(),
        [
            "main got a",
            "put p2",
            &format!("p1.cancelled=true queue={shown}")
        ]
    );
}

/// asyncio's `except:` catches `GeneratorExit` too: a getter closed after
/// its wake-up wakes the next, as on a cancellation.
#[test]
fn queue_getter_closed_after_its_wake_up_wakes_the_next() {
    let (queue, log, mut rt) = (Queue::new(0), Log::default(), Runtime::new());
    rt.spawn(let_go_when_woken(queue.get(), Exit::Close))
        .detach();
    spawn_body(&mut rt, [get_into(&queue, &log, "G2")]).detach();
    rt.run_until_idle();
    assert_eq!(queue.try_put(7), Ok(()));
    rt.run_until_idle();
    assert_eq!(log.take(), ["G2 got 7"]);
}

#[test]
fn queue_getter_dropped_after_its_wake_up_wakes_the_next() {
    let (queue, log, mut rt) = (Queue::new(0), Log::default(), Runtime::new());
    rt.spawn(let_go_when_woken(queue.get(), Exit::Drop))
        .detach();
    spawn_body(&mut rt, [get_into(&queue, &log, "G2")]).detach();
    rt.run_until_idle();
    assert_eq!(queue.try_put(7), Ok(()));
    rt.run_until_idle();
    assert_eq!(log.take(), ["G2 got 7"]);
}

#[test]
fn queue_getter_closed_by_its_loop_leaves_the_line() {
    let queue: Queue<u8> = Queue::new(0);
    let mut rt = Runtime::new();
    rt.spawn(queue.get()).detach();
    rt.run_until_idle();
    assert_eq!(
        format!("{queue:?}"),
        format!("<{} maxsize=0 _getters[1]>", queue.blocker())
    );
    drop(rt);
    assert_eq!(
        format!("{queue:?}"),
        format!("<{} maxsize=0>", queue.blocker())
    );
}

#[test]
fn queue_put_taken_apart_while_waiting_hands_the_item_back_and_leaves_the_line() {
    let queue = Queue::new(1);
    assert_eq!(queue.try_put('a'), Ok(()));
    let mut put = queue.put('b');
    assert!(put.next().unwrap().is_yielded(), "full: it waits");
    assert!(format!("{queue:?}").contains("_putters[1]"));
    assert_eq!(put.into_item(), Some('b'));
    assert!(!format!("{queue:?}").contains("_putters"));
    assert_eq!(queue.len(), 1);
}

#[test]
fn queue_join_waits_until_every_item_is_done() {
    let (queue, log, mut rt) = (Queue::new(0), Log::default(), Runtime::new());
    for item in [1, 2] {
        assert_eq!(queue.try_put(item), Ok(()));
    }
    spawn_body(&mut rt, [wait(queue.join()), note(&log, "joined")]).detach();
    rt.run_until_idle();
    for _ in 0..2 {
        queue.try_get().unwrap();
    }
    queue.task_done();
    rt.run_until_idle();
    assert!(log.take().is_empty(), "one item still unfinished");
    queue.task_done();
    rt.run_until_idle();
    assert_eq!(log.take(), ["joined"]);
}

#[test]
fn queue_joiner_woken_returns_even_if_an_item_is_put_before_it_runs() {
    let (queue, mut rt) = (Queue::new(0), Runtime::new());
    assert_eq!(queue.try_put(1), Ok(()));
    let joiner = rt.spawn(queue.join());
    rt.run_until_idle();
    queue.try_get().unwrap();
    queue.task_done();
    assert_eq!(queue.try_put(2), Ok(()));
    rt.run_until_idle();
    assert!(joiner.done());
    assert_eq!(queue.unfinished(), 1);
}

#[test]
#[should_panic(expected = "task_done() called too many times")]
fn queue_task_done_too_many_times_panics() {
    let queue = Queue::new(0);
    assert_eq!(queue.try_put(()), Ok(()));
    queue.task_done();
    queue.task_done();
}

#[test]
fn queue_deadlock_report_names_the_queue_for_get_put_and_join() {
    let queue = Queue::new(1);
    assert_eq!(queue.try_put(0), Ok(()));
    let mut rt = Runtime::new();
    rt.spawn(queue.put(1)).detach();
    rt.spawn(queue.join()).detach();
    let empty: Queue<u8> = Queue::new(0);
    rt.spawn(empty.get()).detach();
    let report = deadlock_report(rt.run_all());
    let (full, empty) = (queue.blocker().to_string(), empty.blocker().to_string());
    assert_eq!(
        report,
        deadlock_of(&[
            ("Task-1", full.clone()),
            ("Task-2", full),
            ("Task-3", empty)
        ])
    );
}

#[test]
fn lifo_queue_gives_the_last_item_put_first() {
    let (stack, log, mut rt) = (LifoQueue::new(0), Log::default(), Runtime::new());
    for item in 1..=3 {
        assert_eq!(stack.try_put(item), Ok(()));
    }
    for name in ["A", "B", "C"] {
        spawn_body(&mut rt, [get_into(&stack, &log, name)]).detach();
    }
    rt.run_until_idle();
    assert_eq!(log.take(), ["A got 3", "B got 2", "C got 1"]);
    assert_eq!(stack.blocker().kind(), "LifoQueue");
}

/// Items that compare on their priority only, to see which of the equal
/// ones comes first:
///
/// ```python
/// class P:
///     def __init__(s, p, n): s.p, s.n = p, n
///     def __lt__(s, o): return s.p < o.p
/// q = asyncio.PriorityQueue()
/// for n, p in enumerate([1, 0, 1, 0, 1, 0, 1]): q.put_nowait(P(p, n))
/// print([q.get_nowait().n for _ in range(7)])  # [1, 5, 3, 2, 6, 4, 0]
/// ```
#[test]
fn priority_queue_gives_equal_items_in_heapq_order() {
    #[derive(Debug)]
    struct P(u8, usize);
    impl PartialEq for P {
        fn eq(&self, other: &Self) -> bool {
            self.0 == other.0
        }
    }
    impl Eq for P {}
    impl PartialOrd for P {
        fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for P {
        fn cmp(&self, other: &Self) -> std::cmp::Ordering {
            self.0.cmp(&other.0)
        }
    }
    let queue = PriorityQueue::new(0);
    for (n, p) in [1, 0, 1, 0, 1, 0, 1].into_iter().enumerate() {
        assert!(queue.try_put(P(p, n)).is_ok());
    }
    let order: Vec<usize> = std::iter::from_fn(|| queue.try_get().ok())
        .map(|p| p.1)
        .collect();
    assert_eq!(order, [1, 5, 3, 2, 6, 4, 0]);
}

#[test]
fn sync_still_exports_promise() {
    let promise: resumable::sync::Promise<u8> = resumable::sync::Promise::new();
    assert_eq!(promise.set_result(1), Ok(()));
}
