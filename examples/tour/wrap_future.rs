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

use std::time::Duration;

use resumable::scheduler::{
    spawn, wrap_future, yield_now, Request, Runtime, TaskError, WrapFuture, YieldNow,
};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};
use tokio::task::JoinHandle;

use crate::asyncio::{say_clock, show_run, Input, Step};
use crate::console::say;

/// `main()`: starts the work on tokio, and awaits it.
struct Main {
    tokio: tokio::runtime::Handle,
    work: Option<WrapFuture<JoinHandle<u32>>>,
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let work = match &mut self.work {
            Some(work) => work,
            None => {
                input.sent()?;
                input = Resume::Next;
                say!("main: waiting for the other world");
                let handle = self.tokio.spawn(async {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    (1..=100).sum::<u32>()
                });
                spawn(Ticker { left: 3, nap: None }).detach();
                self.work.insert(wrap_future(handle))
            }
        };
        let result = yield_from!(work, input)?.map_err(TaskError::raise)?;
        say!("main: got {result}");
        Ok(Complete(()))
    }
}

/// Another task of the loop, which runs while `main` waits.
struct Ticker {
    left: u32,
    nap: Option<YieldNow>,
}

impl Generator for Ticker {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            if let Some(nap) = &mut self.nap {
                yield_from!(nap, input)?;
                self.nap = None;
            } else {
                input.sent()?;
            }
            if self.left == 0 {
                return Ok(Complete(()));
            }
            say!("ticker: the loop is free ({} left)", self.left);
            self.left -= 1;
            self.nap = Some(yield_now());
            input = Resume::Next;
        }
    }
}

pub(crate) fn run() {
    let tokio = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let mut rt = Runtime::new();
    show_run(rt.run(Main {
        tokio: tokio.handle().clone(),
        work: None,
    }));
    say_clock(&rt);
}
