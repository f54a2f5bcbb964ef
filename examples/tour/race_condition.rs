//! A race between coroutines: an `await` between reading a shared value
//! and writing it back lets every other coroutine read the old value. An
//! `asyncio.Lock` around the read and the write serialises them.
//!
//! ```python
//! async def increment_counter():
//!     global counter
//!     current = counter
//!     await asyncio.sleep(0)
//!     current += 1
//!     await asyncio.sleep(0)
//!     counter = current
//!
//!
//! async def main():
//!     global counter
//!     counter = 0
//!     coroutines = [increment_counter() for _ in range(10000)] # создаем корутины для обновления counter
//!     await asyncio.gather(*coroutines) # запускаем их
//!     print(counter)
//!
//!
//! await main()
//!
//!
//! async def increment_counter(lock):
//!     global counter
//!     async with lock:
//!         current = counter
//!         await asyncio.sleep(0)
//!         current += 1
//!         await asyncio.sleep(0)
//!         counter = current
//!
//!
//! async def main():
//!     global counter
//!     counter = 0
//!     lock = asyncio.Lock()
//!     coroutines = [increment_counter(lock) for _ in range(10000)]  # создаем корутины для обновления counter
//!     await asyncio.gather(*coroutines)  # запускаем их
//!     print(counter)
//!
//!
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! 10000
//!
//! 10000
//! ```
//!
//! The first `10000` is a mistake in the seed: its own text says the
//! program printed 1, and explains why. Every coroutine reads `counter`
//! (0) before any of them writes, so all write 1. CPython 3.11 prints 1,
//! and so does the tour. With the lock, one coroutine at a time does its
//! read, its two awaits and its write: 10000.
//!
//! `global counter` is an `Rc<Cell<u32>>` shared by the coroutines.
//! `async with lock:` is [`Lock::acquire`], the block, and
//! [`Lock::release`] on every way out of the block, which a hand-written
//! coroutine writes out: it releases the lock also when a cancellation
//! arrives in one of its awaits.

use std::cell::Cell;
use std::rc::Rc;

use resumable::scheduler::{gather, yield_now, Gather, Request, Runtime, TaskError, YieldNow};
use resumable::sync::{Acquire, Lock};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{show_run, Input, Step};
use crate::console::say;

/// How far `increment_counter` is.
enum Stage {
    Start,
    /// `async with lock:`, waiting for the lock.
    Acquiring(Acquire),
    /// `await asyncio.sleep(0)`, the first (`current` read) or the second
    /// (`current` incremented).
    Napping {
        current: u32,
        second: bool,
        nap: YieldNow,
    },
}

/// `increment_counter()` or `increment_counter(lock)`.
struct IncrementCounter {
    counter: Rc<Cell<u32>>,
    lock: Option<Lock>,
    stage: Stage,
}

impl IncrementCounter {
    /// The end of `async with lock:`, on every way out; nothing without a
    /// lock.
    fn release(&self) {
        if let Some(lock) = &self.lock {
            lock.release();
        }
    }
}

impl Generator for IncrementCounter {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match &mut self.stage {
                Stage::Start => {
                    input.sent()?;
                    if let Some(lock) = &self.lock {
                        self.stage = Stage::Acquiring(lock.acquire());
                        input = Resume::Next;
                        continue;
                    }
                }
                Stage::Acquiring(acquire) => yield_from!(acquire, input)?,
                Stage::Napping {
                    current,
                    second,
                    nap,
                } => {
                    if let Err(error) = yield_from!(nap, input) {
                        self.release();
                        return Err(error);
                    }
                    if *second {
                        self.counter.set(*current); // counter = current
                        self.release();
                        return Ok(Complete(()));
                    }
                    self.stage = Stage::Napping {
                        current: *current + 1, // current += 1
                        second: true,
                        nap: yield_now(),
                    };
                    input = Resume::Next;
                    continue;
                }
            }
            // Here from the start, or with the lock just taken.
            self.stage = Stage::Napping {
                current: self.counter.get(), // current = counter
                second: false,
                nap: yield_now(),
            };
            input = Resume::Next;
        }
    }
}

/// `main()`: the gather, then the print.
struct Main {
    counter: Rc<Cell<u32>>,
    gather: Gather<IncrementCounter>,
}

fn main(lock: Option<Lock>) -> Main {
    let counter = Rc::new(Cell::new(0));
    let coroutines = (0..10_000).map(|_| IncrementCounter {
        counter: Rc::clone(&counter),
        lock: lock.clone(),
        stage: Stage::Start,
    });
    Main {
        gather: gather(coroutines.collect::<Vec<_>>()),
        counter,
    }
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        yield_from!(self.gather, input)?;
        say!("{}", self.counter.get());
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    show_run(Runtime::new().run(main(None)));
    show_run(Runtime::new().run(main(Some(Lock::new()))));
}
