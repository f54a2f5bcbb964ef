//! `asyncio.timeout` (Python 3.11+): a time limit around a block, instead
//! of around one awaitable as with `wait_for`.
//!
//! ```python
//! import asyncio
//!
//!
//! async def long_operation():
//!     await asyncio.sleep(10)
//!     return "done"
//!
//!
//! async def main():
//!     try:
//!         async with asyncio.timeout(5):
//!             result = await long_operation()
//!     except TimeoutError:
//!         print("Операция превысила таймаут!")
//!
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints no output; Python prints:
//!
//! ```text
//! Операция превысила таймаут!
//! ```
//!
//! `async with asyncio.timeout(5):` is [`async_with`]`(timeout(secs(5), ()),
//! |()| body)`, here around the one `await long_operation()`; the body
//! runs inline, in `main`'s task. At 5 s the timeout cancels that task
//! where it waits (in `long_operation`'s sleep), and the end of the block
//! turns the `CancelledError` into the `TimeoutError` that `main` catches.
//! ([`timeout`]`(secs(5), body)` is the same block in one call.) The tour
//! adds a `#` line with the loop's clock.

use resumable::scheduler::{async_with, sleep, timeout, Runtime, TaskError};
use resumable::{yield_from, Exception, Generator, GeneratorState::Complete};

use crate::asyncio::{say_clock, secs, show_run, Coroutine, Input, Step};
use crate::console::say;

/// `long_operation()`: ten seconds, then `"done"`.
fn long_operation() -> impl Coroutine<&'static str> {
    sleep(secs(10)).map_return(|()| "done")
}

/// `main()`: the `try` around the block.
struct Main<B> {
    block: B,
}

impl<B: Coroutine<&'static str>> Generator for Main<B> {
    type Yield = resumable::scheduler::Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        match yield_from!(self.block, input) {
            Ok(_result) => {}
            Err(Exception::Raised(TaskError::TimedOut)) => say!("Операция превысила таймаут!"),
            Err(other) => return Err(other),
        }
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    let block = async_with(timeout(secs(5), ()), |()| long_operation());
    let mut rt = Runtime::new();
    show_run(rt.run(Main { block }));
    say_clock(&rt);
}
