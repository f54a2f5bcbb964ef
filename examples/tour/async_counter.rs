//! `async for` over a class whose `__anext__` awaits, and over an async
//! generator that awaits before each `yield`.
//!
//! ```python
//! import asyncio
//!
//!
//! class AsyncCounter:
//!     def __init__(self, stop):
//!         self.current = 0
//!         self.stop = stop
//!
//!     def __aiter__(self):
//!         return self
//!
//!     async def __anext__(self):
//!         if self.current >= self.stop:
//!             raise StopAsyncIteration
//!         await asyncio.sleep(0.5)  # Имитация асинхронной операции
//!         self.current += 1
//!         return self.current
//!
//!
//! async def main():
//!     async for number in AsyncCounter(5):
//!         print(number)
//!
//!
//! asyncio.run(main())
//!
//!
//! async def async_range(start, stop):
//!     for i in range(start, stop):
//!         await asyncio.sleep(0.1)
//!         yield i
//!
//!
//! async def main():
//!     async for num in async_range(1, 6):
//!         print(num)
//!
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints (the comment of its first cell):
//!
//! ```text
//! 1
//! 2
//! 3
//! 4
//! 5
//! ```
//!
//! and the second cell prints the same, faster: CPython 3.11 prints `1`
//! to `5`, a tenth of a second apart.
//!
//! `__anext__` is [`AsyncIterator::anext`], resumed as a task is: the
//! sleep of the call in flight is a field of the counter, made when a call
//! starts and awaited with `yield_from!`, and `Complete(None)` is `raise
//! StopAsyncIteration`. `async_range` is seed 002's `async_generator`
//! with a start (the `async_iterator` program): an
//! [`AsyncGenerator`](resumable::scheduler::AsyncGenerator) of the same
//! shape, with `Complete(Some(i))` for `yield i`.

use resumable::scheduler::{async_for, sleep, AsyncIterator, Runtime, Sleep};
use resumable::{yield_from, GeneratorState::Complete};

use crate::async_iterator::async_range;
use crate::asyncio::{millis, say_clock, show_run, Input, Step};
use crate::console::say;

/// `class AsyncCounter`, with the sleep its `__anext__` awaits.
struct AsyncCounter {
    current: u32,
    stop: u32,
    nap: Option<Sleep>,
}

impl AsyncIterator for AsyncCounter {
    type Item = u32;

    /// `async def __anext__(self)`.
    fn anext(&mut self, input: Input) -> Step<Option<u32>> {
        if self.current >= self.stop {
            return Ok(Complete(None)); // raise StopAsyncIteration
        }
        let nap = self.nap.get_or_insert_with(|| sleep(millis(500)));
        yield_from!(nap, input)?; // await asyncio.sleep(0.5)
        self.nap = None;
        self.current += 1;
        Ok(Complete(Some(self.current)))
    }
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    let counter = AsyncCounter {
        current: 0,
        stop: 5,
        nap: None,
    };
    show_run(rt.run(async_for(counter, |number| say!("{number}"))));
    say_clock(&rt);

    let mut rt = Runtime::new();
    let numbers = async_range(1..6, millis(100));
    show_run(rt.run(async_for(numbers, |num| say!("{num}"))));
    say_clock(&rt);
}
