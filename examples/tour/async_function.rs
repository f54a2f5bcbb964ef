//! `await asyncio.create_task(...)`: a task's result is what its coroutine
//! returns (seed 002, line 1406, the Python twin of C++'s `std::async`).
//!
//! ```python
//! import asyncio
//!
//! async def async_function():
//!     await asyncio.sleep(1)
//!     return 42
//!
//! async def main():
//!     result = await asyncio.create_task(async_function())
//!     print(result)
//!
//! asyncio.run(main())
//! ```
//!
//! The seed shows no output; CPython 3.11 prints:
//!
//! ```text
//! 42
//! ```
//!
//! [`spawn`] is `create_task`, [`Task::join`](resumable::scheduler::Task::join)
//! awaits the task and hands back its coroutine's return value. The
//! tour's `#` line says the second the task slept.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{sleep, spawn, Runtime};

use crate::asyncio::{say_clock, show_run, Coroutine, SECOND};
use crate::console::say;

/// `async_function()`.
fn async_function() -> impl Coroutine<u32> {
    sleep(SECOND).map_return(|()| 42)
}

/// `main()`.
fn main_task() -> impl Coroutine {
    lazy(|| spawn(async_function()).join()).map_return(|result| say!("{result}"))
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(main_task()));
    say_clock(&rt);
}
