//! `asyncio.TaskGroup` (Python 3.11+): the tasks created in the `async with`
//! block are all done when it ends; if one fails, the others are cancelled.
//!
//! ```python
//! import asyncio
//!
//!
//! async def fetch(url):
//!     await asyncio.sleep(1)
//!     return f"Result from {url}"
//!
//!
//! async def main():
//!     async with asyncio.TaskGroup() as tg:
//!         task1 = tg.create_task(fetch("/a"))
//!         task2 = tg.create_task(fetch("/b"))
//!
//!     # После выхода из контекста все задачи гарантированно завершены
//!     print(task1.result(), task2.result())
//!
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints no output; Python prints:
//!
//! ```text
//! Result from /a Result from /b
//! ```
//!
//! `async with asyncio.TaskGroup() as tg:` is [`async_with`]`(TaskGroup::new(),
//! |tg| body)`: making the group inside `main` enters it (`main` is the
//! group's parent), the body creates the tasks with
//! [`TaskGroup::create_task`], and leaving the block waits for both. The
//! body returns the two tasks, so that `main` has them after the block.
//! The two fetches sleep together: the run takes 1 s, and the tour adds a
//! `#` line that says so.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{async_with, ready, sleep, Runtime, TaskGroup};

use crate::asyncio::{say_clock, show_run, Coroutine, SECOND};
use crate::console::say;

/// `fetch(url)`: a second, then the result.
fn fetch(url: &'static str) -> impl Coroutine<String> {
    sleep(SECOND).map_return(move |()| format!("Result from {url}"))
}

/// `main()`: the block's body creates the tasks and hands them to the
/// code after the block.
fn main_task() -> impl Coroutine {
    lazy(|| {
        async_with(TaskGroup::new(), |tg| {
            let task1 = tg.create_task(fetch("/a"));
            let task2 = tg.create_task(fetch("/b"));
            ready((task1, task2))
        })
        .map_return(|(task1, task2)| {
            // После выхода из контекста все задачи гарантированно завершены
            let (Some(Ok(result1)), Some(Ok(result2))) = (task1.result(), task2.result()) else {
                unreachable!("the block raises unless both tasks returned")
            };
            say!("{result1} {result2}");
        })
    })
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(main_task()));
    say_clock(&rt);
}
