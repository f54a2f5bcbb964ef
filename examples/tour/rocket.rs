//! The first coroutine on the event loop: `async def` makes it, `await` runs
//! it, and each `await asyncio.sleep(1)` hands the loop a timer.
//!
//! ```python
//! async def rocket():
//!     print(1)
//!     await asyncio.sleep(1)
//!     print(2)
//!     await asyncio.sleep(1)
//!     print(3)
//!     await asyncio.sleep(1)
//!     print("Go!")
//!
//! await rocket()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! 1
//! 2
//! 3
//! Go!
//! ```
//!
//! The seed's next cell, a bare `rocket()`, shows
//! `<coroutine object rocket at 0x79742decab90>`: calling an `async def`
//! only makes the coroutine. So does `rocket()` here: it builds the state
//! machine and runs none of it. The tour leaves that cell out.
//!
//! The notebook's top-level `await` runs on the notebook's loop;
//! [`Runtime::run`] is that loop here. It runs on the virtual clock, so the
//! three seconds pass at once: the tour adds a `#` line with the clock.

use resumable::scheduler::{sleep, Request, Runtime, Sleep, TaskError};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, show_run, Input, Step, SECOND};
use crate::console::say;

/// Everything `rocket()` needs to remember: how far it has counted, and the
/// sleep it is awaiting, if any.
struct Rocket {
    printed: u32,
    nap: Option<Sleep>,
}

fn rocket() -> Rocket {
    Rocket {
        printed: 0,
        nap: None,
    }
}

impl Generator for Rocket {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match &mut self.nap {
                // await asyncio.sleep(1): suspends until the timer fires.
                Some(nap) => yield_from!(nap, input)?,
                // The first step: nothing awaited yet.
                None => {
                    input.sent()?;
                }
            }
            input = Resume::Next;
            if self.printed == 3 {
                say!("Go!");
                return Ok(Complete(()));
            }
            self.printed += 1;
            say!("{}", self.printed);
            self.nap = Some(sleep(SECOND));
        }
    }
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(rocket()));
    say_clock(&rt);
}
