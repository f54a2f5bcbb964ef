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
//! [`timeout`] is the `async with` block around its body, here the one
//! `await long_operation()`; the body runs inline, in `main`'s task. At 5 s
//! the timeout cancels that task where it waits (in `long_operation`'s
//! sleep), and the end of the block turns the `CancelledError` into the
//! `TimeoutError` that `main` catches. The tour adds a `#` line with the
//! loop's clock.

use resumable::scheduler::{sleep, timeout, Request, Runtime, Sleep, TaskError, Timeout};
use resumable::{yield_from, Exception, Generator, GeneratorState::Complete};

use crate::asyncio::{say_clock, secs, show_run, Input, Step};
use crate::console::say;

/// `long_operation()`: ten seconds, then `"done"`.
struct LongOperation {
    nap: Sleep,
}

impl Generator for LongOperation {
    type Yield = Request;
    type Return = &'static str;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<&'static str> {
        yield_from!(self.nap, input)?;
        Ok(Complete("done"))
    }
}

/// `main()`: the `try` around the block.
struct Main {
    block: Timeout<LongOperation>,
}

impl Generator for Main {
    type Yield = Request;
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
    let long_operation = LongOperation {
        nap: sleep(secs(10)),
    };
    let mut rt = Runtime::new();
    show_run(rt.run(Main {
        block: timeout(secs(5), long_operation),
    }));
    say_clock(&rt);
}
