//! The synchronisation primitives: FIFO order, hand-off, cancel safety,
//! drop cleanup, misuse, and deadlock reports.
//!
//! Tasks here are [`Script`]s: awaits and plain code run in order, like the
//! body of an `async def`. The test body plays the main program: it
//! releases, puts and cancels between `run_until_idle` calls.

use std::collections::VecDeque;
use std::fmt::Display;
use std::rc::Rc;
use std::time::Duration;

use resumable::generator::from_fn;
use resumable::scheduler::{wait_for, Request, RunError, Runtime, Task, TaskError};
use resumable::sync::{BoundedSemaphore, Condition, Event, Lock, Promise, Queue, Semaphore};
use resumable::{yield_from, Generator, GeneratorState, Outcome, Resume};

use crate::support::Log;

/// An awaitable whose result the script does not keep.
pub(crate) type Awaitable = Box<dyn Generator<Yield = Request, Return = (), Error = TaskError>>;

/// One line of a [`Script`]: `await something`, plain code, or code for
/// the script's `finally:`.
pub(crate) enum Step {
    Await(Awaitable),
    Run(Box<dyn FnOnce()>),
    Defer(Box<dyn FnOnce()>),
}

/// `await awaitable`, dropping its result.
pub(crate) fn wait<A>(awaitable: A) -> Step
where
    A: Generator<Yield = Request, Error = TaskError> + 'static,
{
    Step::Await(Box::new(awaitable.map_return(drop)))
}

/// Plain code between two awaits.
pub(crate) fn run(code: impl FnOnce() + 'static) -> Step {
    Step::Run(Box::new(code))
}

/// Code that runs when the script ends, however it ends: from here on,
/// the script is inside `try: ... finally: code()`, as `async with` is.
pub(crate) fn defer(code: impl FnOnce() + 'static) -> Step {
    Step::Defer(Box::new(code))
}

/// Logs `entry` when the script gets there.
pub(crate) fn note(log: &Log, entry: impl Into<String>) -> Step {
    let (log, entry) = (log.clone(), entry.into());
    run(move || log.push(entry))
}

/// A task that runs its steps in order: an `async def` body.
pub(crate) struct Script {
    steps: VecDeque<Step>,
    /// `finally:` blocks entered so far, innermost last.
    deferred: Vec<Box<dyn FnOnce()>>,
}

pub(crate) fn script(steps: impl IntoIterator<Item = Step>) -> Script {
    Script {
        steps: steps.into_iter().collect(),
        deferred: Vec::new(),
    }
}

impl Script {
    fn step(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        loop {
            match self.steps.front_mut() {
                Some(Step::Await(awaitable)) => {
                    yield_from!(awaitable, input)?;
                }
                Some(Step::Run(_) | Step::Defer(_)) | None => {
                    input.sent()?;
                }
            }
            match self.steps.pop_front() {
                Some(Step::Run(code)) => code(),
                Some(Step::Defer(code)) => self.deferred.push(code),
                Some(Step::Await(_)) => {}
                None => return Ok(GeneratorState::Complete(())),
            }
            input = Resume::Next;
        }
    }
}

impl Generator for Script {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        let outcome = self.step(input);
        if !matches!(outcome, Ok(GeneratorState::Yielded(_))) {
            while let Some(code) = self.deferred.pop() {
                code();
            }
        }
        outcome
    }
}

/// A task that starts `awaitable` (so it joins its line), lets every other
/// ready task run once, then drops it unfinished: a `select` that lost.
pub(crate) fn abandon<A>(
    awaitable: A,
) -> impl Generator<Yield = Request, Return = (), Error = TaskError>
where
    A: Generator<Yield = Request, Error = TaskError> + 'static,
{
    let mut held = Some(awaitable);
    let mut started = false;
    from_fn(move |input: Resume<(), TaskError>| {
        input.sent()?;
        if !started {
            started = true;
            if let Some(awaitable) = held.as_mut() {
                if awaitable.next()?.is_yielded() {
                    // Keep it in its line and come back after the others.
                    return Ok(GeneratorState::Yielded(Request::Yield));
                }
            }
        }
        held = None; // dropped unfinished
        Ok(GeneratorState::Complete(()))
    })
}

fn spawn(rt: &mut Runtime, steps: impl IntoIterator<Item = Step>) -> Rc<Task<()>> {
    Rc::new(rt.spawn(script(steps)))
}

/// A task that gets one item from `queue` and logs it.
fn getter<T: Display + 'static>(queue: &Queue<T>, log: &Log, name: &str) -> Step {
    let (log, name) = (log.clone(), name.to_owned());
    wait(
        queue
            .get()
            .map_return(move |item| log.push(format!("{name} got {item}"))),
    )
}

// ---------------------------------------------------------------- Lock

#[test]
fn lock_waiters_get_the_lock_in_arrival_order() {
    let (lock, log, mut rt) = (Lock::new(), Log::default(), Runtime::new());
    assert!(lock.try_acquire());
    for name in ["A", "B", "C"] {
        let release = lock.clone();
        spawn(
            &mut rt,
            [
                wait(lock.acquire()),
                note(&log, name),
                run(move || release.release()),
            ],
        );
    }
    rt.run_until_idle();
    lock.release();
    rt.run_until_idle();
    assert_eq!(log.take(), ["A", "B", "C"]);
}

#[test]
fn lock_release_hands_the_lock_to_the_first_waiter() {
    let (lock, mut rt) = (Lock::new(), Runtime::new());
    assert!(lock.try_acquire());
    let _waiter = spawn(&mut rt, [wait(lock.acquire())]);
    rt.run_until_idle();
    lock.release();
    assert!(
        !lock.try_acquire(),
        "a newcomer must not take a lock handed to a waiter"
    );
}

#[test]
fn lock_cancelled_waiter_leaves_the_line() {
    let (lock, log, mut rt) = (Lock::new(), Log::default(), Runtime::new());
    assert!(lock.try_acquire());
    let first = spawn(&mut rt, [wait(lock.acquire()), note(&log, "A")]);
    let _second = spawn(&mut rt, [wait(lock.acquire()), note(&log, "B")]);
    rt.run_until_idle();
    first.cancel();
    rt.run_until_idle();
    lock.release();
    rt.run_until_idle();
    assert_eq!(log.take(), ["B"]);
}

#[test]
fn lock_cancelled_waiter_already_handed_the_lock_passes_it_on() {
    let (lock, log, mut rt) = (Lock::new(), Log::default(), Runtime::new());
    assert!(lock.try_acquire());
    let first = spawn(&mut rt, [wait(lock.acquire()), note(&log, "A")]);
    let _second = spawn(&mut rt, [wait(lock.acquire()), note(&log, "B")]);
    rt.run_until_idle();
    lock.release(); // handed to A …
    first.cancel(); // … who is cancelled before it runs
    rt.run_until_idle();
    assert_eq!(log.take(), ["B"]);
}

#[test]
fn lock_cancelled_last_waiter_already_handed_the_lock_unlocks_it() {
    let (lock, mut rt) = (Lock::new(), Runtime::new());
    assert!(lock.try_acquire());
    let waiter = spawn(&mut rt, [wait(lock.acquire())]);
    rt.run_until_idle();
    lock.release();
    waiter.cancel();
    rt.run_until_idle();
    assert!(!lock.locked());
}

#[test]
fn lock_dropped_acquire_already_handed_the_lock_passes_it_on() {
    let (lock, log, mut rt) = (Lock::new(), Log::default(), Runtime::new());
    assert!(lock.try_acquire());
    rt.spawn(abandon(lock.acquire())).detach(); // joins the line first
    let release = lock.clone();
    spawn(&mut rt, [run(move || release.release())]); // hands it to the abandoned one
    spawn(&mut rt, [wait(lock.acquire()), note(&log, "B")]);
    rt.run_until_idle();
    assert_eq!(log.take(), ["B"]);
}

#[test]
fn lock_dropped_waiting_acquire_leaves_the_line() {
    let (lock, mut rt) = (Lock::new(), Runtime::new());
    assert!(lock.try_acquire());
    rt.spawn(abandon(lock.acquire())).detach();
    rt.run_until_idle();
    lock.release();
    assert!(
        !lock.locked(),
        "the lock must not go to an acquire that was dropped"
    );
}

#[test]
fn lock_dropping_the_runtime_leaves_no_lock_with_a_waiter() {
    let (lock, mut rt) = (Lock::new(), Runtime::new());
    assert!(lock.try_acquire());
    spawn(&mut rt, [wait(lock.acquire())]);
    spawn(&mut rt, [wait(lock.acquire())]);
    rt.run_until_idle();
    lock.release(); // handed to the first waiter, which never runs again
    drop(rt); // closes both waiters
    assert!(!lock.locked());
}

#[test]
fn lock_acquire_timed_out_leaves_the_line() {
    let (lock, mut rt) = (Lock::new(), Runtime::new());
    assert!(lock.try_acquire());
    let error = rt.run(wait_for(lock.acquire(), Duration::from_secs(1)));
    assert!(matches!(error, Err(RunError::Task(TaskError::TimedOut))));
    lock.release();
    assert!(
        !lock.locked(),
        "the lock must not go to an acquire that timed out"
    );
}

#[test]
fn lock_acquired_twice_by_one_task_is_reported_as_a_deadlock_naming_the_lock() {
    let lock = Lock::new();
    let error = Runtime::new().run(script([wait(lock.acquire()), wait(lock.acquire())]));
    let Err(RunError::Deadlock(report)) = error else {
        panic!("expected a deadlock, got {error:?}");
    };
    assert_eq!(report.blocked(), [("Task-1".to_owned(), lock.blocker())]);
}

#[test]
#[should_panic(expected = "is not acquired")]
fn lock_release_of_an_unlocked_lock_panics() {
    Lock::new().release();
}

#[test]
fn lock_acquire_of_a_free_lock_completes_at_the_first_step() {
    let lock = Lock::new();
    assert_eq!(
        lock.acquire().next().ok(),
        Some(GeneratorState::Complete(()))
    );
}

// ----------------------------------------------------------- Semaphore

#[test]
fn semaphore_lets_in_at_most_its_value() {
    let (sem, mut rt) = (Semaphore::new(2), Runtime::new());
    let tasks: Vec<_> = (0..3)
        .map(|_| spawn(&mut rt, [wait(sem.acquire())]))
        .collect();
    rt.run_until_idle();
    let done: Vec<bool> = tasks.iter().map(|task| task.done()).collect();
    assert_eq!(done, [true, true, false]);
}

#[test]
fn semaphore_waiters_get_permits_in_arrival_order() {
    let (sem, log, mut rt) = (Semaphore::new(0), Log::default(), Runtime::new());
    for name in ["A", "B", "C"] {
        spawn(&mut rt, [wait(sem.acquire()), note(&log, name)]);
    }
    rt.run_until_idle();
    for _ in 0..3 {
        sem.release();
        rt.run_until_idle();
    }
    assert_eq!(log.take(), ["A", "B", "C"]);
}

#[test]
fn semaphore_release_hands_the_permit_to_the_first_waiter() {
    let (sem, mut rt) = (Semaphore::new(0), Runtime::new());
    let _waiter = spawn(&mut rt, [wait(sem.acquire())]);
    rt.run_until_idle();
    sem.release();
    assert!(
        !sem.try_acquire(),
        "a newcomer must not take a permit handed to a waiter"
    );
}

#[test]
fn semaphore_cancelled_waiter_already_handed_a_permit_passes_it_on() {
    let (sem, log, mut rt) = (Semaphore::new(0), Log::default(), Runtime::new());
    let first = spawn(&mut rt, [wait(sem.acquire()), note(&log, "A")]);
    let _second = spawn(&mut rt, [wait(sem.acquire()), note(&log, "B")]);
    rt.run_until_idle();
    sem.release();
    first.cancel();
    rt.run_until_idle();
    assert_eq!(log.take(), ["B"]);
}

#[test]
fn semaphore_cancelled_waiter_returns_the_permit_to_the_count() {
    let (sem, mut rt) = (Semaphore::new(0), Runtime::new());
    let waiter = spawn(&mut rt, [wait(sem.acquire())]);
    rt.run_until_idle();
    sem.release();
    waiter.cancel();
    rt.run_until_idle();
    assert_eq!(sem.value(), 1);
}

#[test]
#[should_panic(expected = "released too many times")]
fn bounded_semaphore_extra_release_panics() {
    let sem = BoundedSemaphore::new(1);
    assert!(sem.try_acquire());
    sem.release();
    sem.release();
}

#[test]
fn bounded_semaphore_release_with_a_waiter_hands_the_permit_over() {
    let (sem, mut rt) = (BoundedSemaphore::new(1), Runtime::new());
    assert!(sem.try_acquire());
    let waiter = spawn(&mut rt, [wait(sem.acquire())]);
    rt.run_until_idle();
    sem.release();
    rt.run_until_idle();
    assert!(waiter.done() && sem.value() == 0);
}

// --------------------------------------------------------------- Event

#[test]
fn event_set_wakes_every_waiter() {
    let (event, mut rt) = (Event::new(), Runtime::new());
    let waiters: Vec<_> = (0..3)
        .map(|_| spawn(&mut rt, [wait(event.wait())]))
        .collect();
    rt.run_until_idle();
    event.set();
    rt.run_until_idle();
    assert!(waiters.iter().all(|task| task.done()));
}

#[test]
fn event_waiter_woken_by_set_returns_even_if_cleared_before_it_runs() {
    let (event, mut rt) = (Event::new(), Runtime::new());
    let waiter = spawn(&mut rt, [wait(event.wait())]);
    rt.run_until_idle();
    event.set();
    event.clear();
    rt.run_until_idle();
    assert!(waiter.done());
}

#[test]
fn event_wait_on_a_cleared_event_waits_for_the_next_set() {
    let (event, mut rt) = (Event::new(), Runtime::new());
    event.set();
    event.clear();
    let waiter = spawn(&mut rt, [wait(event.wait())]);
    rt.run_until_idle();
    assert!(!waiter.done());
}

#[test]
fn event_cancelled_waiter_leaves_the_line() {
    let (event, mut rt) = (Event::new(), Runtime::new());
    let waiter = spawn(&mut rt, [wait(event.wait())]);
    rt.run_until_idle();
    waiter.cancel();
    rt.run_until_idle();
    assert!(format!("{event:?}").ends_with("waiting: 0 }"), "{event:?}");
}

// ----------------------------------------------------------- Condition

/// `async with cond: await cond.wait(); log(name)`.
fn cond_waiter(cond: &Condition, log: &Log, name: &str) -> Vec<Step> {
    let release = cond.clone();
    vec![
        wait(cond.acquire()), // async with cond:
        defer(move || release.release()),
        wait(cond.wait()),
        note(log, name),
    ]
}

/// Runs `code` with the lock of `cond` held, as `async with cond:`.
fn with_lock(cond: &Condition, code: impl FnOnce(&Condition)) {
    assert!(cond.try_acquire());
    code(cond);
    cond.release();
}

#[test]
fn condition_notify_n_wakes_n_waiters() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    for name in ["A", "B", "C"] {
        spawn(&mut rt, cond_waiter(&cond, &log, name));
    }
    rt.run_until_idle();
    with_lock(&cond, |cond| cond.notify(2));
    rt.run_until_idle();
    assert_eq!(log.take(), ["A", "B"]);
}

#[test]
fn condition_notify_all_wakes_every_waiter() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    for name in ["A", "B", "C"] {
        spawn(&mut rt, cond_waiter(&cond, &log, name));
    }
    rt.run_until_idle();
    with_lock(&cond, Condition::notify_all);
    rt.run_until_idle();
    assert_eq!(log.take(), ["A", "B", "C"]);
}

#[test]
fn condition_wait_releases_the_lock_while_it_waits() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    spawn(&mut rt, cond_waiter(&cond, &log, "A"));
    rt.run_until_idle();
    assert!(!cond.locked());
}

#[test]
fn condition_notified_waiter_returns_holding_the_lock() {
    let (cond, mut rt) = (Condition::new(), Runtime::new());
    let waiter = spawn(&mut rt, [wait(cond.acquire()), wait(cond.wait())]);
    rt.run_until_idle();
    with_lock(&cond, |cond| cond.notify(1));
    rt.run_until_idle();
    assert!(waiter.done() && cond.locked());
}

#[test]
fn condition_cancelled_wait_takes_the_lock_back_before_it_raises() {
    let (cond, mut rt) = (Condition::new(), Runtime::new());
    let waiter = spawn(&mut rt, [wait(cond.acquire()), wait(cond.wait())]);
    rt.run_until_idle();
    assert!(cond.try_acquire()); // someone else holds the lock …
    waiter.cancel();
    rt.run_until_idle();
    assert!(!waiter.done(), "the cancelled wait must wait for the lock");
    cond.release(); // … until now
    rt.run_until_idle();
    assert!(waiter.cancelled() && cond.locked());
}

#[test]
fn condition_cancelled_waiter_already_notified_passes_the_notification_on() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    let first = spawn(&mut rt, cond_waiter(&cond, &log, "A"));
    spawn(&mut rt, cond_waiter(&cond, &log, "B"));
    rt.run_until_idle();
    with_lock(&cond, |cond| cond.notify(1)); // notifies A …
    first.cancel(); // … who is cancelled before it runs
    rt.run_until_idle();
    assert_eq!(log.take(), ["B"]);
}

#[test]
fn condition_wait_for_rechecks_the_predicate_after_each_notification() {
    let (cond, mut rt) = (Condition::new(), Runtime::new());
    let count = Rc::new(std::cell::Cell::new(0));
    let seen = Rc::clone(&count);
    let waiter = spawn(
        &mut rt,
        [
            wait(cond.acquire()),
            wait(cond.wait_for(move || seen.get() >= 2)),
        ],
    );
    rt.run_until_idle();
    for _ in 0..2 {
        assert!(!waiter.done());
        with_lock(&cond, |cond| {
            count.set(count.get() + 1);
            cond.notify_all();
        });
        rt.run_until_idle();
    }
    assert!(waiter.done());
}

#[test]
fn condition_wait_timed_out_raises_with_the_lock_held() {
    let cond = Condition::new();
    let timed_wait = wait_for(cond.wait(), Duration::from_secs(1));
    let error = Runtime::new().run(script([wait(cond.acquire()), wait(timed_wait)]));
    assert!(matches!(error, Err(RunError::Task(TaskError::TimedOut))) && cond.locked());
}

#[test]
fn condition_dropping_the_runtime_with_waiters_leaves_the_lock_free() {
    let (cond, log, mut rt) = (Condition::new(), Log::default(), Runtime::new());
    spawn(&mut rt, cond_waiter(&cond, &log, "A"));
    spawn(&mut rt, cond_waiter(&cond, &log, "B"));
    rt.run_until_idle();
    drop(rt); // each closed wait takes the free lock back; `async with` releases it
    assert!(!cond.locked());
}

#[test]
#[should_panic(expected = "cannot wait on un-acquired lock")]
fn condition_wait_without_the_lock_panics() {
    let _ = Condition::new().wait().next();
}

#[test]
#[should_panic(expected = "cannot notify on un-acquired lock")]
fn condition_notify_without_the_lock_panics() {
    Condition::new().notify(1);
}

#[test]
fn condition_dropped_waiting_wait_leaves_the_line() {
    let (cond, mut rt) = (Condition::new(), Runtime::new());
    assert!(cond.try_acquire());
    let release = cond.clone();
    // The abandoned wait releases the lock at its first step.
    rt.spawn(abandon(cond.wait())).detach();
    rt.run_until_idle();
    assert!(release.try_acquire());
    assert!(format!("{cond:?}").ends_with("waiting: 0 }"), "{cond:?}");
}

// --------------------------------------------------------------- Queue

#[test]
fn queue_items_come_out_in_the_order_they_went_in() {
    let queue = Queue::new(0);
    for item in 1..=3 {
        assert_eq!(queue.try_put(item), Ok(()));
    }
    let out: Vec<_> = std::iter::from_fn(|| queue.try_get()).collect();
    assert_eq!(out, [1, 2, 3]);
}

#[test]
fn queue_maxsize_makes_putters_wait() {
    let (queue, mut rt) = (Queue::new(1), Runtime::new());
    let first = spawn(&mut rt, [wait(queue.put(1))]);
    let second = spawn(&mut rt, [wait(queue.put(2))]);
    rt.run_until_idle();
    assert_eq!((first.done(), second.done(), queue.len()), (true, false, 1));
}

#[test]
fn queue_putters_fill_freed_slots_in_arrival_order() {
    let (queue, mut rt) = (Queue::new(1), Runtime::new());
    assert_eq!(queue.try_put(0), Ok(()));
    for item in 1..=3 {
        spawn(&mut rt, [wait(queue.put(item))]);
    }
    rt.run_until_idle();
    let mut out = Vec::new();
    while let Some(item) = queue.try_get() {
        out.push(item);
        rt.run_until_idle();
    }
    assert_eq!(out, [0, 1, 2, 3]);
}

#[test]
fn queue_freed_slot_is_kept_for_the_waiting_putter() {
    let (queue, mut rt) = (Queue::new(1), Runtime::new());
    assert_eq!(queue.try_put(1), Ok(()));
    spawn(&mut rt, [wait(queue.put(2))]);
    rt.run_until_idle();
    assert_eq!(queue.try_get(), Some(1));
    assert_eq!(
        queue.try_put(3),
        Err(3),
        "a newcomer must not take the slot kept for a putter"
    );
}

#[test]
fn queue_getters_are_handed_items_in_arrival_order() {
    let (queue, log, mut rt) = (Queue::new(0), Log::default(), Runtime::new());
    for name in ["A", "B"] {
        spawn(&mut rt, [getter(&queue, &log, name)]);
    }
    rt.run_until_idle();
    assert_eq!(queue.try_put("x"), Ok(()));
    assert_eq!(queue.try_put("y"), Ok(()));
    rt.run_until_idle();
    assert_eq!(log.take(), ["A got x", "B got y"]);
}

#[test]
fn queue_item_put_while_getters_wait_is_handed_over_not_queued() {
    let (queue, log, mut rt) = (Queue::new(0), Log::default(), Runtime::new());
    spawn(&mut rt, [getter(&queue, &log, "A")]);
    rt.run_until_idle();
    assert_eq!(queue.try_put("x"), Ok(()));
    assert_eq!(
        queue.try_get(),
        None,
        "a newcomer must not take an item handed to a getter"
    );
}

#[test]
fn queue_cancelled_getter_handed_an_item_gives_it_to_the_next_getter() {
    let (queue, log, mut rt) = (Queue::new(0), Log::default(), Runtime::new());
    let first = spawn(&mut rt, [getter(&queue, &log, "A")]);
    spawn(&mut rt, [getter(&queue, &log, "B")]);
    rt.run_until_idle();
    assert_eq!(queue.try_put("x"), Ok(())); // handed to A …
    first.cancel(); // … who is cancelled before it runs
    rt.run_until_idle();
    assert_eq!(log.take(), ["B got x"]);
}

#[test]
fn queue_cancelled_getter_handed_an_item_puts_it_back_at_the_front() {
    let (queue, log, mut rt) = (Queue::new(0), Log::default(), Runtime::new());
    let only = spawn(&mut rt, [getter(&queue, &log, "A")]);
    rt.run_until_idle();
    assert_eq!(queue.try_put("x"), Ok(())); // handed to A
    assert_eq!(queue.try_put("y"), Ok(())); // queued behind it
    only.cancel();
    rt.run_until_idle();
    let out: Vec<_> = std::iter::from_fn(|| queue.try_get()).collect();
    assert_eq!(out, ["x", "y"]);
}

#[test]
fn queue_item_returned_by_a_cancelled_getter_never_exceeds_maxsize() {
    let (queue, log, mut rt) = (Queue::new(1), Log::default(), Runtime::new());
    let only = spawn(&mut rt, [getter(&queue, &log, "A")]);
    rt.run_until_idle();
    assert_eq!(queue.try_put("x"), Ok(())); // handed to A, still takes the slot
    assert_eq!(queue.try_put("y"), Err("y"));
    only.cancel();
    rt.run_until_idle();
    assert_eq!(queue.len(), 1);
}

#[test]
fn queue_dropped_get_handed_an_item_puts_it_back() {
    let (queue, mut rt) = (Queue::new(0), Runtime::new());
    rt.spawn(abandon(queue.get())).detach();
    let putter = queue.clone();
    spawn(
        &mut rt,
        [run(move || assert_eq!(putter.try_put(7), Ok(())))],
    );
    rt.run_until_idle();
    assert_eq!(queue.try_get(), Some(7));
}

#[test]
fn queue_cancelled_putter_does_not_put_and_passes_its_slot_on() {
    let (queue, mut rt) = (Queue::new(1), Runtime::new());
    assert_eq!(queue.try_put(1), Ok(()));
    let first = spawn(&mut rt, [wait(queue.put(2))]);
    spawn(&mut rt, [wait(queue.put(3))]);
    rt.run_until_idle();
    assert_eq!(queue.try_get(), Some(1)); // the slot is kept for the first putter …
    first.cancel(); // … who is cancelled before it runs
    rt.run_until_idle();
    assert_eq!(queue.try_get(), Some(3));
}

#[test]
fn queue_put_taken_apart_gives_its_item_back() {
    let queue = Queue::new(1);
    assert_eq!(queue.try_put(1), Ok(()));
    assert_eq!(queue.put(2).into_item(), Some(2));
}

#[test]
fn queue_try_put_on_a_full_queue_hands_the_item_back() {
    let queue = Queue::new(1);
    assert_eq!(queue.try_put("a"), Ok(()));
    assert_eq!(queue.try_put("b"), Err("b"));
}

#[test]
fn queue_join_waits_until_every_item_is_marked_done() {
    let (queue, mut rt) = (Queue::new(0), Runtime::new());
    assert_eq!(queue.try_put(1), Ok(()));
    assert_eq!(queue.try_put(2), Ok(()));
    let joiner = spawn(&mut rt, [wait(queue.join())]);
    let mut seen = Vec::new();
    while queue.try_get().is_some() {
        rt.run_until_idle();
        seen.push(joiner.done());
        queue.task_done();
    }
    rt.run_until_idle();
    seen.push(joiner.done());
    assert_eq!(seen, [false, false, true]);
}

#[test]
#[should_panic(expected = "task_done() called too many times")]
fn queue_task_done_more_often_than_items_panics() {
    let queue = Queue::new(0);
    assert_eq!(queue.try_put(()), Ok(()));
    queue.task_done();
    queue.task_done();
}

#[test]
fn queue_get_on_an_empty_queue_is_reported_in_a_deadlock() {
    let queue: Queue<u8> = Queue::new(0);
    let error = Runtime::new().run(queue.get());
    let Err(RunError::Deadlock(report)) = error else {
        panic!("expected a deadlock, got {error:?}");
    };
    assert_eq!(report.blocked(), [("Task-1".to_owned(), queue.blocker())]);
}

// ------------------------------------------------------------- Promise

#[test]
fn promise_waiter_gets_the_value_set_later() {
    let (promise, mut rt) = (Promise::new(), Runtime::new());
    let waiter = rt.spawn(promise.wait());
    rt.run_until_idle();
    assert_eq!(promise.set_result(5), Ok(()));
    rt.run_until_idle();
    assert_eq!(waiter.result().map(Result::ok), Some(Some(5)));
}

#[test]
fn promise_exception_is_raised_in_the_waiter() {
    let (promise, mut rt) = (Promise::<u8>::new(), Runtime::new());
    let waiter = rt.spawn(promise.wait());
    rt.run_until_idle();
    assert!(promise.set_exception(TaskError::from("refused")).is_ok());
    rt.run_until_idle();
    let error = waiter
        .result()
        .and_then(Result::err)
        .map(|error| error.to_string());
    assert_eq!(error.as_deref(), Some("refused"));
}

#[test]
fn promise_cancel_cancels_the_waiter() {
    let (promise, mut rt) = (Promise::<u8>::new(), Runtime::new());
    let waiter = rt.spawn(promise.wait());
    rt.run_until_idle();
    assert!(promise.cancel());
    rt.run_until_idle();
    assert!(waiter.cancelled());
}

#[test]
fn promise_second_set_hands_the_value_back() {
    let promise = Promise::new();
    assert_eq!(promise.set_result(1), Ok(()));
    assert_eq!(promise.set_result(2), Err(2));
}

#[test]
fn promise_outcome_survives_a_cancelled_waiter() {
    let (promise, mut rt) = (Promise::new(), Runtime::new());
    let waiter = rt.spawn(promise.wait());
    rt.run_until_idle();
    assert_eq!(promise.set_result('v'), Ok(()));
    waiter.cancel();
    rt.run_until_idle();
    assert_eq!(promise.result().map(Result::ok), Some(Some('v')));
}

#[test]
#[should_panic(expected = "already taken")]
fn promise_outcome_is_delivered_once() {
    let promise = Promise::new();
    assert_eq!(promise.set_result(()), Ok(()));
    let _ = promise.result();
    let _ = promise.wait().next();
}
