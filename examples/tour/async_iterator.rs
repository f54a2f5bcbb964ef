//! The async iterator protocol, as a class and as an async generator.
//!
//! ```python
//! import asyncio
//!
//! class AsyncIterator:
//!     def __init__(self):
//!         self.count = 0
//!
//!     def __aiter__(self):
//!         return self
//!
//!     async def __anext__(self):
//!         if self.count < 3:
//!             self.count += 1
//!             return self.count
//!         else:
//!             raise StopAsyncIteration
//!
//! async def main():
//!     async for number in AsyncIterator():
//!         print(number)
//!
//! asyncio.run(main())
//!
//!
//! async def async_generator():
//!     for i in range(3):
//!         await asyncio.sleep(1)
//!         yield i
//!
//! async def main():
//!     async for value in async_generator():
//!         print(value)
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints:
//!
//! ```text
//! 1
//! 2
//! 3
//! ```
//!
//! and, one a second:
//!
//! ```text
//! 0
//! 1
//! 2
//! ```
//!
//! The class implements [`AsyncIterator`](resumable::scheduler::AsyncIterator):
//! its `anext` is `__anext__`, resumed as a task is, with `Complete(None)`
//! for `raise StopAsyncIteration`; `__aiter__` returning `self` comes with
//! the trait ([`AsyncIterable`](resumable::scheduler::AsyncIterable)).
//! This `__anext__` awaits nothing, so each call is done in one step. The
//! generator sleeps before it yields: its sleep is made when a call
//! starts, and awaited with `yield_from!`. Seed 003's `async_range` (the
//! `async_counter` program) is the same generator with a start and a
//! shorter sleep.

use core::ops::Range;
use core::time::Duration;

use resumable::scheduler::{async_for, async_gen, sleep, AsyncGen, AsyncGenerator, Runtime, Sleep};
use resumable::{yield_from, GeneratorState::Complete};

use crate::asyncio::{say_clock, show_run, Input, Step, SECOND};
use crate::console::say;

/// `class AsyncIterator`.
struct AsyncIterator {
    count: u32,
}

impl resumable::scheduler::AsyncIterator for AsyncIterator {
    type Item = u32;

    /// `async def __anext__(self)`.
    fn anext(&mut self, input: Input) -> Step<Option<u32>> {
        input.sent()?;
        if self.count < 3 {
            self.count += 1;
            Ok(Complete(Some(self.count)))
        } else {
            Ok(Complete(None)) // raise StopAsyncIteration
        }
    }
}

/// `async_generator()` (and seed 003's `async_range(start, stop)`): a
/// `for` over a range that sleeps before each `yield`.
pub(crate) struct AsyncRange {
    range: Range<u32>,
    delay: Duration,
    nap: Option<Sleep>,
}

pub(crate) fn async_range(range: Range<u32>, delay: Duration) -> AsyncGen<AsyncRange> {
    async_gen(AsyncRange {
        range,
        delay,
        nap: None,
    })
}

impl AsyncGenerator for AsyncRange {
    type Item = u32;

    fn resume(&mut self, mut input: Input) -> Step<Option<u32>> {
        if self.nap.is_none() {
            input.sent()?; // the start, or what `yield i` received
            if self.range.is_empty() {
                return Ok(Complete(None)); // the end of the `for`
            }
            input = Input::Next;
        }
        let nap = self.nap.get_or_insert_with(|| sleep(self.delay));
        yield_from!(nap, input)?; // await asyncio.sleep(1), or 0.1
        self.nap = None;
        Ok(Complete(self.range.next())) // yield i
    }
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    let main = async_for(AsyncIterator { count: 0 }, |number| say!("{number}"));
    show_run(rt.run(main));

    let mut rt = Runtime::new();
    let async_generator = async_range(0..3, SECOND);
    show_run(rt.run(async_for(async_generator, |value| say!("{value}"))));
    say_clock(&rt);
}
