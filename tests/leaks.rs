//! Nothing leaked: runtimes dropped with tasks pending (sleeping, waiting
//! on a lock, a promise, a wrapped future, a task), failed, cancelled and
//! panicked give back every byte they took.
//!
//! A test binary of its own, without the test harness, so that nothing else
//! allocates while the bytes are counted: the global allocator counts every
//! allocation and free, and each scenario must end where it began. Each runs
//! once before it is measured, so that what the standard library sets up
//! once per thread (the panic hook's output, thread-locals) is not counted.
//!
//! `cargo test --test leaks`; under valgrind, `valgrind --leak-check=full
//! --errors-for-leak-kinds=definite,indirect --error-exitcode=1
//! target/debug/deps/leaks-*` (0 bytes lost). To see it fail, make `Runtime`'s drop skip
//! `discard_scheduled`: the callbacks left in the inbox hold the loop, the
//! loop holds them, and 28 allocations (2 382 bytes) stay.

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::time::Duration;

use resumable::generator::from_fn;
use resumable::scheduler::{
    gather, sleep, spawn, wrap_future, yield_now, Promise, Request, Runtime, Task, TaskError,
};
use resumable::sync::{Lock, Queue};
use resumable::{Generator, GeneratorState, Outcome, Resume};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static ALLOCATOR: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// Bytes held at the end of `scenario` that were not held before it, on its
/// second run.
fn bytes_kept(scenario: fn()) -> isize {
    scenario();
    let region = Region::new(ALLOCATOR);
    scenario();
    let change = region.change();
    // A realloc counts its growth as allocated, its shrinking as freed.
    assert_eq!(change.allocations, change.deallocations, "{change:?}");
    change.bytes_allocated as isize - change.bytes_deallocated as isize
}

/// A task that sleeps a minute, then panics.
fn panics_later() -> impl Generator<Yield = Request, Return = (), Error = TaskError> {
    let mut slept = false;
    from_fn(
        move |input: Resume<(), TaskError>| -> Outcome<Request, (), TaskError> {
            input.sent()?;
            if !slept {
                slept = true;
                return Ok(GeneratorState::Yielded(Request::Sleep(
                    Duration::from_secs(1),
                )));
            }
            panic!("a task panicked");
        },
    )
}

/// A task that raises.
fn raises() -> impl Generator<Yield = Request, Return = (), Error = TaskError> {
    from_fn(
        |_: Resume<(), TaskError>| -> Outcome<Request, (), TaskError> {
            Err(resumable::Exception::Raised(TaskError::from("it failed")))
        },
    )
}

/// Every kind of task left pending, and tasks that failed, were cancelled,
/// and panicked, in a runtime dropped while they wait.
fn pending_failed_and_panicked() {
    let lock = Lock::new();
    let queue: Queue<u32> = Queue::new(0);
    let promise: Promise<u32> = Promise::new();
    let mut rt = Runtime::new();
    rt.record_trace();
    assert!(lock.try_acquire());
    let sleeper = rt.spawn(sleep(Duration::from_secs(3600)));
    rt.spawn(lock.acquire()).detach();
    rt.spawn(queue.get()).detach();
    rt.spawn(promise.wait()).detach();
    rt.spawn(wrap_future(std::future::pending::<()>())).detach();
    rt.spawn(sleeper.join()).detach();
    rt.spawn(gather(vec![sleeper.clone()])).detach();
    rt.spawn(raises()).detach();
    let cancelled = rt.spawn(yield_now());
    cancelled.cancel();
    rt.spawn(panics_later()).detach();
    let panic = catch_unwind(AssertUnwindSafe(|| rt.run_all()));
    assert!(panic.is_err(), "the task panicked");
    assert!(cancelled.cancelled());
    let spawner: Task<()> = rt.spawn(from_fn(|input: Resume<(), TaskError>| {
        input.sent()?;
        spawn(sleep(Duration::from_secs(60))).detach();
        Ok(GeneratorState::Complete(()))
    }));
    rt.run_until_idle();
    assert!(spawner.done());
    drop(rt);
}

/// A runtime whose run ended (with a deadlock report), then closed.
fn a_run_that_deadlocked_then_closed() {
    let lock = Lock::new();
    assert!(lock.try_acquire());
    let kept = Rc::new(RefCell::new(Vec::new()));
    let mut rt = Runtime::new();
    let error = rt.run(lock.acquire()).unwrap_err();
    kept.borrow_mut().push(error.to_string());
    rt.spawn(sleep(Duration::from_secs(5))).detach();
    rt.close();
    drop(rt);
}

fn main() {
    let scenarios: [(&str, fn()); 2] = [
        (
            "pending, failed, cancelled and panicked tasks",
            pending_failed_and_panicked,
        ),
        (
            "a run that deadlocked, then close",
            a_run_that_deadlocked_then_closed,
        ),
    ];
    // The scenario's own panic is expected: keep the hook quiet about it.
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if info.payload().downcast_ref::<&str>() != Some(&"a task panicked") {
            default(info);
        }
    }));
    let mut failed = false;
    for (name, scenario) in scenarios {
        let kept = bytes_kept(scenario);
        println!("{name}: {kept} bytes kept");
        failed |= kept != 0;
    }
    assert!(!failed, "a runtime leaked");
}
