//! The simplest event loop: a queue of generators, each resumed once in
//! turn. A generator that yields gives the others their turn.
//!
//! ```python
//! import time
//! queue = []
//!
//! def counter():
//!     cnt = 0
//!     while True:
//!         print(cnt)
//!         cnt += 1
//!         yield
//!
//!
//! def printer():
//!     cnt = 1
//!     while True:
//!         if cnt%3 == 0:
//!             print("Go!")
//!         cnt += 1
//!         yield
//!
//!
//! g1 = counter()
//! queue.append(g1)
//!
//! g2 = printer()
//! queue.append(g2)
//!
//! i = 0
//! while True:
//!     g = queue.pop(0)
//!     time.sleep(0.5)
//!     next(g)
//!     queue.append(g)
//!     i += 1
//!     if i == 100: break
//! ```
//!
//! The seed prints no output. The 100 steps are 50 of each generator, so
//! Python prints the counter's 0 to 49, with a `Go!` after every third
//! number (the printer's steps 3, 6, …, 48):
//!
//! ```text
//! 0
//! 1
//! 2
//! Go!
//! 3
//! ...
//! 47
//! Go!
//! 48
//! 49
//! ```
//!
//! [`RoundRobin`] is that queue: [`step`](RoundRobin::step) pops the first
//! generator, resumes it, and appends it again. The seed's
//! `time.sleep(0.5)` only paces the printing; here it is a
//! [`ManualClock`] the loop moves by half a second per step, so the 100
//! steps take 50 s of its time and none of ours.

use core::convert::Infallible;

use resumable::scheduler::{ManualClock, RoundRobin};
use resumable::{Generator, GeneratorState::Yielded, Outcome, Resume};

use crate::asyncio::millis;
use crate::console::say;

/// Two different generators in one queue: Python's list holds anything, a
/// Rust queue holds one type, so both are boxed as the same trait object.
type Coroutine = Box<dyn Generator<Yield = (), Return = (), Error = Infallible>>;

/// `counter()`: every step prints the count and counts on.
struct Counter {
    cnt: u32,
}

impl Generator for Counter {
    type Yield = ();
    type Return = (); // `while True` never returns
    type Error = Infallible;

    fn resume(&mut self, input: Resume) -> Outcome<()> {
        input.sent()?;
        say!("{}", self.cnt);
        self.cnt += 1;
        Ok(Yielded(()))
    }
}

/// `printer()`: every third step prints `Go!`.
struct Printer {
    cnt: u32,
}

impl Generator for Printer {
    type Yield = ();
    type Return = ();
    type Error = Infallible;

    fn resume(&mut self, input: Resume) -> Outcome<()> {
        input.sent()?;
        if self.cnt % 3 == 0 {
            say!("Go!");
        }
        self.cnt += 1;
        Ok(Yielded(()))
    }
}

pub(crate) fn run() {
    let clock = ManualClock::stepped(millis(500)); // time.sleep(0.5) per step
    let mut queue: RoundRobin<Coroutine> = RoundRobin::with_clock(&clock);
    queue.push(Box::new(Counter { cnt: 0 }));
    queue.push(Box::new(Printer { cnt: 1 }));
    for _ in 0..100 {
        // g = queue.pop(0); next(g); queue.append(g). Neither ever returns.
        queue.step();
    }
}
