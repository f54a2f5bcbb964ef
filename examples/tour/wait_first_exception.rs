//! `asyncio.wait` with `FIRST_COMPLETED`, then `FIRST_EXCEPTION`, on the
//! same two tasks, and an exception nobody looks at.
//!
//! ```python
//! async def task1():
//!     await asyncio.sleep(2)
//!     print("Задача 1 завершилась")
//!
//!
//! async def task2():
//!     await asyncio.sleep(3)
//!     raise ValueError("Исключение в задаче 2")
//!
//!
//! async def main():
//!     tasks = {asyncio.create_task(task1()), asyncio.create_task(task2())}
//!
//!     # Вернуть управление после первой завершившейся задачи
//!     done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
//!     for task in done:
//!         print(f"Завершилась задача: {task.get_name()}")
//!
//!     # Вернуть управление после первого исключения
//!     _, exceptions = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
//!     for task, exception in exceptions:
//!         print(f"Исключение в задаче: {task.get_name()}, {exception}")
//!
//!
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Задача 1 завершилась
//! Завершилась задача: Task-113
//!
//!
//! ERROR:asyncio:Task exception was never retrieved
//! future: <Task finished name='Task-114' coro=<task2() done, defined at <ipython-input-50-ad6167489986>:6> exception=ValueError('Исключение в задаче 2')>
//! Traceback (most recent call last):
//!   File "<ipython-input-50-ad6167489986>", line 8, in task2
//!     raise ValueError("Исключение в задаче 2")
//! ValueError: Исключение в задаче 2
//! ```
//!
//! The second `wait` returns at 3 s, when `task2` raises. Its second set
//! is the tasks *pending*, here none, so the loop over `exceptions` (which
//! would not unpack a task into two names anyway) never runs: nobody looks
//! at `task2`'s exception. asyncio logs that when the task is destroyed,
//! when `main` returns and drops its `tasks`. So does this loop, when the
//! task's last handle goes: it writes a one-line report to stderr, as
//! asyncio's logging does, and keeps it in [`Runtime::reports`], which the
//! tour prints in the seed's form without the traceback's middle lines.
//!
//! The names are `Task-2` and `Task-3` where the seed has `Task-113` and
//! `Task-114`: `main` is `Task-1` here, and the notebook had run a hundred
//! tasks before. Python's set of two tasks happens to hold them in the
//! order created; the tour keeps them in that order.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{sleep, spawn, wait, Ready, ReturnWhen, Runtime};

use crate::asyncio::{secs, show_run, Coroutine, PyError};
use crate::console::say;

/// `task1()`: a sleep, then a print.
fn task1() -> impl Coroutine {
    sleep(secs(2)).map_return(|()| say!("Задача 1 завершилась"))
}

/// `task2()`: a sleep, then a raise.
fn task2() -> impl Coroutine {
    sleep(secs(3)).then(|()| Ready::raise(PyError::raise("ValueError", "Исключение в задаче 2")))
}

/// `main()`: the two `wait`s on the same `tasks`.
fn main_task() -> impl Coroutine {
    lazy(|| {
        let tasks = [spawn(task1()), spawn(task2())];
        wait(tasks.clone())
            .return_when(ReturnWhen::FirstCompleted)
            .then(move |(done, _)| {
                for task in &done {
                    say!("Завершилась задача: {}", task.name());
                }
                wait(tasks).return_when(ReturnWhen::FirstException)
            })
            .map_return(|(_, exceptions)| {
                for task in &exceptions {
                    say!("Исключение в задаче: {}", task.name()); // never runs
                }
            })
    })
}

/// `main()` in a notebook cell, then what asyncio logs: the one report,
/// task2's exception that nobody retrieved.
pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(main_task()));
    for report in rt.reports() {
        if let (Some(name), Some(error)) = (report.task(), report.error()) {
            say!("ERROR:asyncio:{}", report.kind().message());
            say!("future: <Task finished name='{name}'>");
            say!("{error}");
        }
    }
}
