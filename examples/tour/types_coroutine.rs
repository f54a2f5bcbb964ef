//! `@types.coroutine`: a generator awaited by `async` code, on tokio's
//! multi-threaded runtime.
//!
//! ```python
//! import types
//! import time
//! import asyncio
//!
//! @types.coroutine
//! def simple_sleep(seconds):
//!     start_time = time.time()
//!     while time.time() - start_time < seconds:
//!         yield
//!
//! async def my_coroutine():
//!     await simple_sleep(1)
//!     return 1
//!
//! async def main():
//!     result = await my_coroutine()
//!     print(result)
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints:
//!
//! ```text
//! 1
//! ```
//!
//! `simple_sleep` is a generator whose bare `yield` means "not ready yet";
//! [`to_future`] is `@types.coroutine`: it makes the generator a `Future`
//! that `async fn my_coroutine` can `.await`. tokio is `asyncio.run`. The
//! sleep is shortened to 10 ms.
//!
//! Then the part asyncio cannot do: the same generator-futures spread over
//! tokio's worker threads with `tokio::spawn` (they are `Send`), and their
//! results collected in order.

use core::convert::Infallible;
use std::time::{Duration, Instant};

use resumable::bridge::to_future;
use resumable::generator::from_fn;
use resumable::{Generator, GeneratorState::Complete, GeneratorState::Yielded, Outcome, Resume};

use crate::console::say;

/// `simple_sleep(seconds)`: yields until the time is up.
fn simple_sleep(
    duration: Duration,
) -> impl Generator<Yield = (), Return = (), Error = Infallible> + Send + Unpin {
    let mut start = None;
    from_fn(move |input: Resume| -> Outcome<()> {
        input.sent()?;
        let start_time = *start.get_or_insert_with(Instant::now);
        Ok(if start_time.elapsed() < duration {
            Yielded(())
        } else {
            Complete(())
        })
    })
}

/// `my_coroutine()`.
async fn my_coroutine() -> u32 {
    to_future(simple_sleep(Duration::from_millis(10))).await; // 1 s, shortened
    1
}

/// A generator that counts to `n`, yielding between steps: work for tokio's
/// threads.
fn count_to(n: u64) -> impl Generator<Yield = (), Return = u64, Error = Infallible> + Send + Unpin {
    let mut i = 0;
    from_fn(move |input: Resume| -> Outcome<(), u64> {
        input.sent()?;
        i += 1;
        Ok(if i < n {
            Yielded(())
        } else {
            Complete(n * (n + 1) / 2)
        })
    })
}

pub(crate) fn run() {
    let tokio = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    // asyncio.run(main()): main runs on this thread, where it prints.
    tokio.block_on(async {
        let result = my_coroutine().await;
        say!("{result}");

        let handles: Vec<_> = [10, 100, 1000]
            .into_iter()
            .map(|n| tokio::spawn(to_future(count_to(n))))
            .collect();
        for (n, handle) in [10, 100, 1000].into_iter().zip(handles) {
            let sum = handle.await.expect("the task did not panic");
            say!("# sum(1..={n}) = {sum}, on a tokio worker");
        }
    });
}
