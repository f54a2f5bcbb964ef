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
//! `await asyncio.sleep(0)` is [`yield_now`]. `async with lock:` is
//! [`async_with`]`(lock, |()| block)`, and the block is the first
//! program's coroutine: the lock is taken before it, and released on every
//! way out of it, also when a cancellation arrives in one of its awaits.

use std::cell::Cell;
use std::rc::Rc;

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{async_with, gather, yield_now, Runtime};
use resumable::sync::Lock;

use crate::asyncio::{show_run, Coroutine};
use crate::console::say;

/// The first `increment_counter()`: a read, two awaits, a write.
fn increment_counter(counter: &Rc<Cell<u32>>) -> impl Coroutine {
    let counter = Rc::clone(counter);
    lazy(move || {
        let mut current = counter.get();
        yield_now().then(move |()| {
            current += 1;
            yield_now().map_return(move |()| counter.set(current))
        })
    })
}

/// The second `increment_counter(lock)`: the same, inside `async with lock:`.
fn increment_counter_locked(lock: &Lock, counter: &Rc<Cell<u32>>) -> impl Coroutine {
    let counter = Rc::clone(counter);
    async_with(lock.clone(), move |()| increment_counter(&counter))
}

/// The first `main()`: the gather, then the print.
fn main_task() -> impl Coroutine {
    lazy(|| {
        let counter = Rc::new(Cell::new(0));
        let coroutines = (0..10_000).map(|_| increment_counter(&counter));
        gather(coroutines).map_return(move |_| say!("{}", counter.get()))
    })
}

/// The second `main()`, with the lock.
fn main_with_lock() -> impl Coroutine {
    lazy(|| {
        let counter = Rc::new(Cell::new(0));
        let lock = Lock::new();
        let coroutines = (0..10_000).map(|_| increment_counter_locked(&lock, &counter));
        gather(coroutines).map_return(move |_| say!("{}", counter.get()))
    })
}

pub(crate) fn run() {
    show_run(Runtime::new().run(main_task()));
    show_run(Runtime::new().run(main_with_lock()));
}
