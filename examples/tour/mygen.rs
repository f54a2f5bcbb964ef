//! `async for` over an async generator: `mygen` yields a number, then
//! sleeps; while it sleeps, another task runs; two generators, each in a
//! task, interleave.
//!
//! ```python
//! import asyncio
//!
//!
//! async def mygen(u: int = 10):
//!     i = 0
//!     while i < u:
//!         yield i
//!         i += 1
//!         await asyncio.sleep(1)
//!
//!
//! async def main():
//!     async for i in mygen(15):
//!         print(i)
//!     print("after async for")
//!
//! asyncio.gather(main(), return_exceptions=True)
//!
//!
//! async def main():
//!     async for i in mygen(15):
//!         print(i)
//!
//!
//! async def sth_else():
//!     for j in 'abcdefghjklmnop':
//!         print(j)
//!         await asyncio.sleep(0.5)
//!
//! loop = asyncio.get_event_loop()
//!
//! t1 = loop.create_task(main())
//! t2 = loop.create_task(sth_else())
//!
//! group = asyncio.gather(t1, t2, return_exceptions=True)
//!
//!
//! async def generator(name, delay, max_):
//!     for i in range(max_):
//!         yield f"{name}: {i}"
//!         await asyncio.sleep(delay)
//!
//! async def run(name, delay):
//!     async for i in generator(name, delay, 5):
//!         print(i)
//!
//!
//! asyncio.gather(run("gen1", 1), run("gen2", 2))
//! ```
//!
//! The seed prints `0` to `14` and `after async for`, one number a second,
//! then, for the second cell:
//!
//! ```text
//! 0
//! a
//! b
//! 1
//! c
//! d
//! 2
//! ...
//! 7
//! p
//! 8
//! 9
//! ...
//! 14
//! ```
//!
//! and for the third:
//!
//! ```text
//! gen1: 0
//! gen2: 0
//! gen1: 1
//! gen2: 1
//! gen1: 2
//! gen1: 3
//! gen2: 2
//! gen1: 4
//! gen2: 3
//! gen2: 4
//! ```
//!
//! "The asynchrony is not in the order of the items, but in that other
//! code runs between them", as the lecture puts it: `mygen`'s sleeps let
//! `sth_else` print two letters each. At the whole seconds both sleeps end
//! at once, and the one set first wakes first: `mygen`'s, so its number
//! comes before the letter. So with the two generators: at 2 s `gen2`'s
//! sleep, set at 0 s, ends before `gen1`'s, set at 1 s.
//!
//! `mygen` is an [`AsyncGenerator`]: its `resume` reports `yield i` as
//! `Complete(Some(i))` and awaits its sleep with `yield_from!`, as a task
//! does; [`async_gen`] makes the generator object and [`async_for`] is the
//! `async for`; `generator` walks its `range` as Python's `for` does. The
//! notebook's `asyncio.gather` runs on the notebook's loop; here
//! [`Runtime::run`] runs each cell, on the virtual clock.

use resumable::scheduler::{
    async_for, async_gen, gather, sleep, AsyncFor, AsyncGen, AsyncGenerator, Request, Runtime,
    Sleep, TaskError,
};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{millis, say_clock, secs, show_run, Input, Step, SECOND};
use crate::console::say;

/// `mygen(u)`: where the `while` loop is, and the sleep it awaits.
pub(crate) struct MyGen {
    i: u32,
    u: u32,
    nap: Option<Sleep>,
}

pub(crate) fn mygen(u: u32) -> AsyncGen<MyGen> {
    async_gen(MyGen { i: 0, u, nap: None })
}

impl AsyncGenerator for MyGen {
    type Item = u32;

    fn resume(&mut self, input: Input) -> Step<Option<u32>> {
        match &mut self.nap {
            // What `yield i` receives goes on into the sleep, which raises
            // a throw or a close, as the `yield` would.
            Some(nap) => {
                yield_from!(nap, input)?; // i += 1; await asyncio.sleep(1)
                self.i += 1;
            }
            None => _ = input.sent()?, // the first step: nothing to await
        }
        if self.i == self.u {
            return Ok(Complete(None)); // the loop ends, and the generator
        }
        self.nap = Some(sleep(SECOND));
        Ok(Complete(Some(self.i))) // yield i
    }
}

/// `sth_else()`: a plain `for` over the letters, a sleep after each.
struct SthElse {
    letters: std::str::Chars<'static>,
    nap: Option<Sleep>,
}

impl Generator for SthElse {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match &mut self.nap {
                Some(nap) => yield_from!(nap, input)?, // await asyncio.sleep(0.5)
                None => _ = input.sent()?,
            }
            let Some(j) = self.letters.next() else {
                return Ok(Complete(()));
            };
            say!("{j}");
            self.nap = Some(sleep(millis(500)));
            input = Resume::Next;
        }
    }
}

/// `generator(name, delay, max_)`: its `range`, and the sleep it awaits.
struct Labelled {
    name: &'static str,
    delay: u64,
    range: std::ops::Range<u32>,
    nap: Option<Sleep>,
}

impl AsyncGenerator for Labelled {
    type Item = String;

    fn resume(&mut self, input: Input) -> Step<Option<String>> {
        match &mut self.nap {
            Some(nap) => yield_from!(nap, input)?, // await asyncio.sleep(delay)
            None => _ = input.sent()?,
        }
        let Some(i) = self.range.next() else {
            return Ok(Complete(None));
        };
        self.nap = Some(sleep(secs(self.delay)));
        Ok(Complete(Some(format!("{}: {i}", self.name)))) // yield f"{name}: {i}"
    }
}

/// `run(name, delay)`: an `async for` over `generator(name, delay, 5)`.
fn run_gen(name: &'static str, delay: u64) -> AsyncFor<AsyncGen<Labelled>, impl FnMut(String)> {
    let generator = async_gen(Labelled {
        name,
        delay,
        range: 0..5,
        nap: None,
    });
    async_for(generator, |i| say!("{i}"))
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    let main = async_for(mygen(15), |i| say!("{i}")).map_return(|()| say!("after async for"));
    show_run(rt.run(main));
    say_clock(&rt);

    let mut rt = Runtime::new();
    let t1 = rt.spawn(async_for(mygen(15), |i| say!("{i}")));
    let letters = "abcdefghjklmnop".chars();
    let t2 = rt.spawn(SthElse { letters, nap: None });
    show_run(rt.run(gather([t1, t2]).return_exceptions()));
    say_clock(&rt);

    let mut rt = Runtime::new();
    show_run(rt.run(gather([run_gen("gen1", 1), run_gen("gen2", 2)])));
    say_clock(&rt);
}
