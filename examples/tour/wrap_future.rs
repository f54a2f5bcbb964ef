//! A tokio task awaited by a scheduler task: `asyncio.wrap_future`.
//!
//! ```python
//! import asyncio
//! import concurrent.futures
//!
//! def compute():
//!     time.sleep(0.02)
//!     return sum(range(1, 101))
//!
//! async def main():
//!     print("main: waiting for the other world")
//!     with concurrent.futures.ThreadPoolExecutor() as pool:
//!         result = await asyncio.wrap_future(pool.submit(compute))
//!     print("main: got", result)
//!
//! asyncio.run(main())
//! ```
//!
//! Python prints (the seeds show the `run_in_executor` form of this, see
//! `to_thread`):
//!
//! ```text
//! main: waiting for the other world
//! main: got 5050
//! ```
//!
//! Here the other world is tokio: the work is a tokio task on tokio's own
//! threads, and the scheduler's task awaits its `JoinHandle`, which is a
//! `Future`, with [`wrap_future`]. The task gets a real waker and sleeps
//! (no polling) until tokio wakes it from its thread; meanwhile the loop's
//! other tasks run, here a ticker that counts while it waits. On the
//! virtual clock the wait takes no loop time, as for `to_thread`.

use resumable::generator::{lazy, ready, sequence, Generator};
use resumable::scheduler::{spawn, wrap_future, yield_now, Runtime, TaskError};

use crate::asyncio::{millis, say_clock, show_run, Coroutine};
use crate::console::say;

/// `main()`: starts the work on tokio, and awaits it.
fn main_task(tokio: tokio::runtime::Handle) -> impl Coroutine {
    lazy(move || {
        say!("main: waiting for the other world");
        let handle = tokio.spawn(async {
            tokio::time::sleep(millis(20)).await; // time.sleep(0.02)
            (1..=100).sum::<u32>()
        });
        spawn(ticker(3)).detach();
        wrap_future(handle)
    })
    .and_then(|joined| {
        let result = joined.map_err(TaskError::raise)?;
        say!("main: got {result}");
        Ok(ready(()))
    })
}

/// Another task of the loop, which runs while `main` waits.
fn ticker(ticks: u32) -> impl Coroutine {
    sequence((1..=ticks).rev().map(|left| {
        lazy(move || {
            say!("ticker: the loop is free ({left} left)");
            yield_now()
        })
    }))
}

pub(crate) fn run() {
    let tokio = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let mut rt = Runtime::new();
    show_run(rt.run(main_task(tokio.handle().clone())));
    say_clock(&rt);
}
