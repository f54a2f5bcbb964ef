//! A bare `asyncio.Future`, set by a task and awaited by `main` (seed 002,
//! line 1445, the Python twin of C++'s `std::promise` and `std::future`).
//!
//! ```python
//! import asyncio
//!
//! async def set_future(fut):
//!     await asyncio.sleep(1)
//!     fut.set_result(42)
//!
//! async def main():
//!     fut = asyncio.Future()
//!     asyncio.create_task(set_future(fut))
//!     result = await fut
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
//! The future is a [`Promise`]: `set_result` on one side,
//! [`Promise::wait`] (`await fut`) on the other. `main` lets go of its
//! task handle as Python drops the task `create_task` returns, with
//! [`detach`](resumable::scheduler::Task::detach), which says so (the task
//! runs on either way). `future` shows the same with a string, and several
//! futures at once.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{sleep, spawn, Promise, Runtime};

use crate::asyncio::{say_clock, show_run, Coroutine, SECOND};
use crate::console::say;

/// `set_future(fut)`.
fn set_future(fut: Promise<u32>) -> impl Coroutine {
    // Set once only: asyncio would raise InvalidStateError on a second.
    sleep(SECOND).map_return(move |()| _ = fut.set_result(42))
}

/// `main()`.
fn main_task() -> impl Coroutine {
    lazy(|| {
        let fut = Promise::new();
        spawn(set_future(fut.clone())).detach();
        fut.wait()
    })
    .map_return(|result| say!("{result}"))
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(main_task()));
    say_clock(&rt);
}
