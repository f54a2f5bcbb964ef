//! `asyncio.as_completed`: results in the order the coroutines finish, not
//! the order they were given.
//!
//! ```python
//! import asyncio
//!
//! async def fetch_data(task_name, delay):
//!     await asyncio.sleep(delay)
//!     return f"{task_name} data fetched after {delay} seconds"
//!
//! async def main():
//!     tasks = [fetch_data("Task 1", 3), fetch_data("Task 2", 1), fetch_data("Task 3", 2)]
//!
//!     for task in asyncio.as_completed(tasks):
//!         result = await task
//!         print(result)
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Task 2 data fetched after 1 seconds
//! Task 3 data fetched after 2 seconds
//! Task 1 data fetched after 3 seconds
//! ```
//!
//! [`as_completed`] runs each coroutine as a task at once (so `main` calls
//! it, inside the loop); each [`next`](resumable::scheduler::AsCompleted::next) is an awaitable
//! for the next one to finish, `None` when all were handed out: the end of
//! the `for`.

use resumable::generator::{lazy, sequence, Generator};
use resumable::scheduler::{as_completed, sleep, Runtime};

use crate::asyncio::{secs, show_run, Coroutine};
use crate::console::say;

/// `fetch_data(task_name, delay)`.
fn fetch_data(task_name: &'static str, delay: u64) -> impl Coroutine<String> {
    sleep(secs(delay))
        .map_return(move |()| format!("{task_name} data fetched after {delay} seconds"))
}

/// `main()`: the coroutines, then the `for` loop, one `await` at a time.
fn main_task() -> impl Coroutine {
    lazy(|| {
        let tasks = [("Task 1", 3), ("Task 2", 1), ("Task 3", 2)];
        let tasks = as_completed(tasks.map(|(name, delay)| fetch_data(name, delay)), None);
        // for task in as_completed(tasks): result = await task; print(result)
        sequence(tasks.map(|task| task.map_return(|result| say!("{result}"))))
    })
}

pub(crate) fn run() {
    show_run(Runtime::new().run(main_task()));
}
