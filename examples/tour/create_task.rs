//! Tasks start on their own: `create_task` schedules a coroutine, and it
//! runs as soon as the creating coroutine awaits anything, before anyone
//! awaits the task.
//!
//! ```python
//! import asyncio
//!
//! async def task(name, delay):
//!     print(f"{name} started")
//!     await asyncio.sleep(delay)
//!     print(f"{name} completed")
//!
//! async def main():
//!     task1 = asyncio.create_task(task("Task 1", 6))
//!     task2 = asyncio.create_task(task("Task 2", 3))
//!     await asyncio.sleep(6) # 3, 4, 6
//!     print("Началось ли выполнение?")
//!     await task1
//!     await task2
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Task 1 started
//! Task 2 started
//! Task 2 completed
//! Началось ли выполнение?
//! Task 1 completed
//! ```
//!
//! Both tasks started during `main`'s sleep, and task 2 is already done
//! when `main` wakes. At 6 s two timers are due, `main`'s and task 1's;
//! they fire in the order they were set, and `main` set its own first
//! (it ran before the tasks it created), so the question is printed before
//! `Task 1 completed`.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{sleep, spawn, Runtime};

use crate::asyncio::{secs, show_run, Coroutine};
use crate::console::say;

/// `task(name, delay)`.
fn job(name: &'static str, delay: u64) -> impl Coroutine {
    lazy(move || {
        say!("{name} started");
        sleep(secs(delay))
    })
    .map_return(move |()| say!("{name} completed"))
}

/// `main()`: sleeping, then awaiting the tasks one by one.
fn main_task() -> impl Coroutine {
    lazy(|| {
        let task1 = spawn(job("Task 1", 6));
        let task2 = spawn(job("Task 2", 3));
        sleep(secs(6)).then(move |()| {
            say!("Началось ли выполнение?");
            task1.join().then(move |()| task2.join())
        })
    })
}

pub(crate) fn run() {
    show_run(Runtime::new().run(main_task()));
}
