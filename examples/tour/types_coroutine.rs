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

use std::time::{Duration, Instant};

use resumable::bridge::to_future;
use resumable::generator::{from_fn, from_iter, Generator, Resume};
use resumable::GeneratorState::{Complete, Yielded};

use crate::console::say;

/// `simple_sleep(seconds)`: yields until the time is up. The clock starts
/// at the first resume, as Python's body starts at the first `send(None)`.
fn simple_sleep(
    duration: Duration,
) -> impl Generator<Yield = (), Error = core::convert::Infallible> + Send + Unpin {
    let mut start = None;
    from_fn(move |input: Resume| {
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

pub(crate) fn run() {
    let tokio = tokio::runtime::Runtime::new().expect("a multi-threaded tokio runtime");
    // asyncio.run(main()): main runs on this thread, where it prints.
    tokio.block_on(async {
        let result = my_coroutine().await;
        say!("{result}");

        // Work for tokio's threads: a generator that yields `n - 1` times
        // (`yield from range(1, n)`, each item dropped: a bare `yield`),
        // then returns the sum of 1..=n.
        let count_to = |n: u64| {
            from_iter(1..n)
                .map_yield(drop)
                .map_return(move |()| n * (n + 1) / 2)
        };
        let handles: Vec<_> = [10, 100, 1000]
            .map(|n| tokio::spawn(to_future(count_to(n))))
            .into();
        for (n, handle) in [10, 100, 1000].into_iter().zip(handles) {
            let sum = handle.await.expect("the task did not panic");
            say!("# sum(1..={n}) = {sum}, on a tokio worker");
        }
    });
}
