//! Async comprehensions: a list, a dict and a set, each filled by an
//! `async for` over an async generator.
//!
//! ```python
//! import asyncio
//!
//!
//! async def doubler(n):
//!     for i in range(n):
//!         yield i, i * 2
//!         await asyncio.sleep(1)
//!
//!
//! async def main():
//!     result = [x async for x in doubler(5)]
//!     print(result)
//!
//!     result = {x: y async for x, y in doubler(3)}
//!     print(result)
//!
//!     result = {x async for x in doubler(3)}
//!     print(result)
//!
//!
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! [(0, 0), (1, 2), (2, 4), (3, 6), (4, 8)]
//! {0: 0, 1: 2, 2: 4}
//! {(2, 4), (1, 2), (0, 0)}
//! ```
//!
//! A comprehension is [`AsyncIterator::collect`] into the collection:
//! `Vec` for the list; for the dict a `BTreeMap` (a dict prints in the
//! order its keys went in, which here is their order); for the set
//! [`PySet`](crate::python::PySet), the tour's copy of CPython's hash
//! table, so that the set prints in CPython's order, which is its hashes'.
//! A `HashSet` collects the same three pairs (Rust randomises its order).
//! The three comprehensions take 5 + 3 + 3 seconds of the virtual clock.

use std::collections::BTreeMap;
use std::ops::Range;

use resumable::scheduler::{
    async_gen, sleep, AsyncGen, AsyncGenerator, AsyncIterator, Runtime, Sleep,
};
use resumable::{yield_from, Generator as _, GeneratorState::Complete};

use crate::asyncio::{say_clock, show_run, Input, Step, SECOND};
use crate::console::say;
use crate::python::PySet;

/// `doubler(n)`: the `for` loop's `range`, and the sleep it awaits.
struct Doubler {
    range: Range<u32>,
    nap: Option<Sleep>,
}

fn doubler(n: u32) -> AsyncGen<Doubler> {
    async_gen(Doubler {
        range: 0..n,
        nap: None,
    })
}

impl AsyncGenerator for Doubler {
    type Item = (u32, u32);

    fn resume(&mut self, input: Input) -> Step<Option<(u32, u32)>> {
        match &mut self.nap {
            Some(nap) => yield_from!(nap, input)?, // await asyncio.sleep(1)
            None => _ = input.sent()?,
        }
        self.nap = Some(sleep(SECOND)); // what comes after the `yield`
        Ok(Complete(self.range.next().map(|i| (i, i * 2)))) // yield i, i * 2; `None`: the end
    }
}

/// `print(result)`: Rust's `Debug` of a `Vec`, a `BTreeMap` of numbers or
/// a [`PySet`] is Python's `repr`.
fn print(result: impl std::fmt::Debug) {
    say!("{result:?}");
}

pub(crate) fn run() {
    let list = doubler(5).collect::<Vec<_>>().map_return(print); // [x async for x in doubler(5)]
    let dict = doubler(3).collect::<BTreeMap<_, _>>().map_return(print); // {x: y async for x, y in ...}
    let set = doubler(3).collect::<PySet<_>>().map_return(print); // {x async for x in doubler(3)}
    let mut rt = Runtime::new();
    show_run(rt.run(list.chain(dict).chain(set)));
    say_clock(&rt);
}
