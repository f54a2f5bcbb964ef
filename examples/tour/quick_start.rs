//! `asyncio.gather` as a quick start: three coroutines at once, and a
//! coroutine that awaits another one and uses what it returns.
//!
//! ```python
//! async def task(name, delay):
//!     print(f"Task {name} started")
//!     await asyncio.sleep(delay)
//!     print(f"Task {name} finished")
//!
//! async def main():
//!     await asyncio.gather(
//!         task("A", 2),
//!         task("B", 1),
//!         task("C", 3),
//!     )
//!
//! asyncio.run(main())
//!
//!
//! import asyncio
//!
//! async def fetch_data(name, delay):
//!     print(f"{name}: fetching data...")
//!     await asyncio.sleep(delay)
//!     print(f"{name}: data received!")
//!     return f"{name}: data"
//!
//! async def process_data(name, delay):
//!     print(f"{name}: processing data...")
//!     data = await fetch_data(name, delay)
//!     print(f"{name}: processed {data}")
//!
//! async def main():
//!     await asyncio.gather(
//!         process_data("Task1", 2),
//!         process_data("Task2", 1),
//!         process_data("Task3", 3)
//!     )
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Task A started
//! Task B started
//! Task C started
//! Task B finished
//! Task A finished
//! Task C finished
//!
//! Task1: processing data...
//! Task1: fetching data...
//! Task2: processing data...
//! Task2: fetching data...
//! Task3: processing data...
//! Task3: fetching data...
//! Task2: data received!
//! Task2: processed Task2: data
//! Task1: data received!
//! Task1: processed Task1: data
//! Task3: data received!
//! Task3: processed Task3: data
//! ```
//!
//! The seed runs the second program twice, the second time with a
//! top-level `await main()`; the output is the same, and the tour runs it
//! once. Both `main`s only await the gather, so the tour runs the gather as
//! the main coroutine. `process_data` awaits `fetch_data` directly, without
//! a task: its state machine holds `fetch_data`'s, and `yield_from!` passes
//! each step down and the returned `data` back up.
//!
//! This program is the tour's reference for a task written fully by hand:
//! every coroutine here is a state machine with its stages spelled out, as
//! the combinators (`then`, `lazy`, `sequence`, ...) write them for the
//! other programs. `process_data` with them would read
//! `lazy(|| { say!(...); fetch_data(name, delay) }).map_return(|data| say!(...))`.

use resumable::scheduler::{gather, sleep, Request, Runtime, Sleep, TaskError};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{secs, show_run, Input, Step};
use crate::console::say;

/// `task(name, delay)`.
struct Task {
    name: &'static str,
    delay: u64,
    nap: Option<Sleep>,
}

fn task(name: &'static str, delay: u64) -> Task {
    Task {
        name,
        delay,
        nap: None,
    }
}

impl Generator for Task {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let nap = match &mut self.nap {
            Some(nap) => nap,
            None => {
                input.sent()?;
                input = Resume::Next;
                say!("Task {} started", self.name);
                self.nap.insert(sleep(secs(self.delay)))
            }
        };
        yield_from!(nap, input)?;
        say!("Task {} finished", self.name);
        Ok(Complete(()))
    }
}

/// `fetch_data(name, delay)`: returns the data it fetched.
struct FetchData {
    name: &'static str,
    delay: u64,
    nap: Option<Sleep>,
}

impl Generator for FetchData {
    type Yield = Request;
    type Return = String;
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step<String> {
        let nap = match &mut self.nap {
            Some(nap) => nap,
            None => {
                input.sent()?;
                input = Resume::Next;
                say!("{}: fetching data...", self.name);
                self.nap.insert(sleep(secs(self.delay)))
            }
        };
        yield_from!(nap, input)?;
        say!("{}: data received!", self.name);
        Ok(Complete(format!("{}: data", self.name)))
    }
}

/// `process_data(name, delay)`: before its `await`, or inside it.
struct ProcessData {
    name: &'static str,
    delay: u64,
    fetching: Option<FetchData>,
}

fn process_data(name: &'static str, delay: u64) -> ProcessData {
    ProcessData {
        name,
        delay,
        fetching: None,
    }
}

impl Generator for ProcessData {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let fetching = match &mut self.fetching {
            Some(fetching) => fetching,
            None => {
                input.sent()?;
                input = Resume::Next; // await starts the coroutine
                say!("{}: processing data...", self.name);
                self.fetching.insert(FetchData {
                    name: self.name,
                    delay: self.delay,
                    nap: None,
                })
            }
        };
        let data = yield_from!(fetching, input)?; // data = await fetch_data(...)
        say!("{}: processed {data}", self.name);
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    let tasks = [task("A", 2), task("B", 1), task("C", 3)];
    show_run(Runtime::new().run(gather(tasks)));

    let processes = [
        process_data("Task1", 2),
        process_data("Task2", 1),
        process_data("Task3", 3),
    ];
    show_run(Runtime::new().run(gather(processes)));
}
