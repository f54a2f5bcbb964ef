//! Deadlocks: tasks that wait for something that can never happen. asyncio
//! waits forever (the seed's cells end with the `CancelledError` of the
//! notebook's stop button); this loop notices that no task can ever run
//! again and stops with a report of who waits for what.
//!
//! ```python
//! async def task(lock):
//!     print('Task acquiring lock...')
//!     # acquire the lock
//!     async with lock:
//!         print('Task acquiring lock again...')
//!         # acquire the lock
//!         async with lock:
//!             # will never get here
//!             pass
//!
//! async def main():
//!     # create the shared lock
//!     lock = asyncio.Lock()
//!     # execute and await the coroutine
//!     await task(lock)
//!
//!
//! await main()
//!
//!
//! async def task(number, lock1, lock2):
//!     print(f'Task {number} acquiring lock 1...')
//!     async with lock1:
//!         await asyncio.sleep(1)
//!         print(f'Task {number} acquiring lock 2...')
//!         async with lock2:
//!             pass
//!
//!
//! async def main():
//!     lock1 = asyncio.Lock()
//!     lock2 = asyncio.Lock()
//!     coro1 = task(1, lock1, lock2)
//!     coro2 = task(2, lock2, lock1)
//!     await asyncio.gather(coro1, coro2)
//!
//! await main()
//!
//!
//! async def task(lock):
//!     # acquire the lock
//!     print('Task acquiring lock...')
//!     await lock.acquire()
//!     # fail
//!     raise Exception('Something bad happened')
//!     # release the lock (never gets here)
//!     print('Task releasing lock...')
//!     lock.release()
//!
//!
//! async def main():
//!     # create the mutex lock
//!     lock = asyncio.Lock()
//!     # create and start the new task
//!     asyncio.create_task(task(lock))
//!     # wait a moment
//!     await asyncio.sleep(1)
//!     # acquire the lock
//!     print('Main acquiring lock...')
//!     await lock.acquire()
//!     # do something...
//!     # release lock (never gets here)
//!     lock.release()
//!
//! await main()
//! ```
//!
//! The seed prints (the third program's output is not shown):
//!
//! ```text
//! Task acquiring lock...
//! Task acquiring lock again...
//!
//!
//! CancelledError:
//!
//! Task 1 acquiring lock 1...
//! Task 2 acquiring lock 1...
//! Task 1 acquiring lock 2...
//! Task 2 acquiring lock 2...
//!
//!
//! CancelledError:
//! ```
//!
//! CPython 3.11 prints, for the third program, before it hangs:
//!
//! ```text
//! Task acquiring lock...
//! Task exception was never retrieved
//! future: <Task finished name='Task-2' coro=<task() done, defined at deadlock.py:2> exception=Exception('Something bad happened')>
//! Traceback (most recent call last):
//!   ...
//! Exception: Something bad happened
//! Main acquiring lock...
//! ```
//!
//! The tour prints the programs' lines and then, in place of the
//! `CancelledError`, the loop's [`Deadlock`](resumable::scheduler::Deadlock)
//! report: each blocked task and what it waits for. In the second program
//! `main` only awaits the gather, so the tour runs the gather as `main`:
//! `Task-1` waits for the gather's future, whose `Task-2` holds `Lock-1`
//! and waits for `Lock-2`, which `Task-3` holds while it waits for
//! `Lock-1`.
//!
//! In the third program the task raises while it holds the lock, so the
//! lock is never released, and `main` waits for it forever. asyncio logs
//! the task's exception when the failed task is garbage-collected, just
//! after it raised. This loop reports it at that moment too, when the last
//! handle of the failed task goes, on stderr as asyncio's logging does; a
//! program cannot print it in line with its own output, so the tour prints
//! the loop's [`reports`](resumable::scheduler::Runtime::reports) after the
//! run, after the deadlock report.
//!
//! Each program runs on a thread of its own, because locks are numbered per
//! thread: so the report says `Lock-1` for the first lock of each program,
//! whether it runs alone or in the whole tour.
//!
//! Seed 001 shows another "deadlock", `foo()` awaiting `boo()` awaiting
//! `foo()`, which ends in a `RecursionError`: that is endless recursion, not
//! tasks waiting for each other. A Rust state machine that contains itself
//! has no size and does not compile (boxed, it would overflow the stack),
//! so the tour leaves it out.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{async_with, gather, ready, sleep, spawn, Ready, Runtime};
use resumable::sync::Lock;

use crate::asyncio::{show_run, Coroutine, PyError, SECOND};
use crate::console::{on_fresh_thread, say};

/// The first `task(lock)`: `async with lock:` inside `async with lock:`.
fn take_twice(lock: Lock) -> impl Coroutine {
    lazy(move || {
        say!("Task acquiring lock...");
        async_with(lock.clone(), move |()| {
            say!("Task acquiring lock again...");
            async_with(lock, |()| ready(())) // will never get here: pass
        })
    })
}

/// The second `task(number, lock1, lock2)`: takes one lock, sleeps, takes
/// the other.
fn take_in_order(number: u32, lock1: Lock, lock2: Lock) -> impl Coroutine {
    lazy(move || {
        say!("Task {number} acquiring lock 1...");
        async_with(lock1, move |()| {
            sleep(SECOND).then(move |()| {
                say!("Task {number} acquiring lock 2...");
                async_with(lock2, |()| ready(())) // pass
            })
        })
    })
}

/// The third `task(lock)`: takes the lock, and raises.
fn fail_holding(lock: Lock) -> impl Coroutine {
    lazy(move || {
        say!("Task acquiring lock...");
        lock.acquire()
    })
    .then(|()| Ready::raise(PyError::raise("Exception", "Something bad happened")))
    // print('Task releasing lock...') and lock.release(): never reached
}

/// The third `main()`.
fn fail_main() -> impl Coroutine {
    lazy(|| {
        let lock = Lock::new();
        spawn(fail_holding(lock.clone())).detach();
        sleep(SECOND).then(move |()| {
            say!("Main acquiring lock...");
            lock.acquire().map_return(move |()| lock.release()) // never gets here
        })
    })
}

fn take_twice_main() {
    // main() only awaits task(lock): the tour runs task(lock) as main.
    show_run(Runtime::new().run(take_twice(Lock::new())));
}

fn opposite_order() {
    let (lock1, lock2) = (Lock::new(), Lock::new());
    let coro1 = take_in_order(1, lock1.clone(), lock2.clone());
    let coro2 = take_in_order(2, lock2, lock1);
    show_run(Runtime::new().run(gather([coro1, coro2])));
}

fn never_released() {
    let mut rt = Runtime::new();
    show_run(rt.run(fail_main()));
    for report in rt.reports() {
        say!("{report}");
    }
}

pub(crate) fn run() {
    on_fresh_thread(take_twice_main);
    on_fresh_thread(opposite_order);
    on_fresh_thread(never_released);
}
