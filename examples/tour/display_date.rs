//! Two coroutines that print the time and sleep a random number of
//! seconds, until ten seconds have passed: the lecture's first program on
//! the event loop (seed 000, line 752; seed 003, line 244).
//!
//! ```python
//! async def display_date(num, duration=10):
//!     start_time = asyncio.get_event_loop().time()
//!     end_time = start_time + duration
//!     while True:
//!         print(f"Loop: {num} Time: {datetime.datetime.now()}")
//!         if asyncio.get_event_loop().time() >= end_time:
//!             break
//!         await asyncio.sleep(random.randint(0, 5))
//!
//! async def main():
//!     await asyncio.gather(display_date(1, 10), display_date(2, 10))
//!
//! asyncio.run(main())
//!
//! # seed 000: the older form, stopping a second early
//! async def display_date(num, loop):
//!     end_time = loop.time() + 10.0
//!     while True:
//!         print(f"Loop: {num} Time: {datetime.datetime.now()}")
//!         if (loop.time() + 1.0) >= end_time:
//!             break
//!         await asyncio.sleep(random.randint(0, 5))
//!
//! loop = asyncio.get_event_loop()
//! asyncio.ensure_future(display_date(1, loop))
//! asyncio.ensure_future(display_date(2, loop))
//! loop.run_forever()
//! ```
//!
//! CPython 3.11 prints, for one draw of the random numbers:
//!
//! ```text
//! Loop: 1 Time: 2023-08-14 16:26:35.231695
//! Loop: 2 Time: 2023-08-14 16:26:35.231792
//! Loop: 1 Time: 2023-08-14 16:26:37.233039
//! Loop: 2 Time: 2023-08-14 16:26:38.234310
//! ...
//! ```
//!
//! The programs run on the real clock ([`Clock::Real`]), a lecture second
//! being [`SECOND`] (a twentieth of a real one, so that ten seconds pass in
//! half a real one), and `datetime.now()` ([`Now`]) counts lecture seconds from the
//! seed's first time. `random` is [`Random`], a seeded xorshift: the same
//! numbers every run, not the ones Python draws.
//!
//! Two differences. The seed's `loop.run_forever()` never returns: nothing
//! stops the loop when both coroutines are done, and CPython waits until it
//! is interrupted; the tour waits for the two tasks instead. The seeds'
//! third form, with `@types.coroutine def my_sleep_func()` and fifty
//! seconds, prints the same lines (its sleeps are the same
//! `asyncio.sleep(random.randint(0, 5))`, one generator deeper); its
//! `@asyncio.coroutine` form does not run on CPython 3.11, where that
//! decorator is gone (`AttributeError`).

use core::cell::Cell;
use core::time::Duration;
use std::rc::Rc;
use std::time::Instant;

use resumable::scheduler::{gather, now, sleep, Clock, Request, Runtime, Sleep, TaskError};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{millis, show_run, Input, Step};
use crate::console::say;

/// One lecture second on the real clock.
pub(crate) const SECOND: Duration = millis(50);

/// `loop.time()` in lecture seconds.
fn loop_time() -> f64 {
    now().as_secs_f64() / SECOND.as_secs_f64()
}

/// Python's `random`, seeded: a xorshift64, shared by the tasks as the
/// module's one generator is.
#[derive(Clone, Debug)]
pub(crate) struct Random(Rc<Cell<u64>>);

impl Random {
    pub(crate) fn seeded(seed: u64) -> Self {
        Random(Rc::new(Cell::new(seed.max(1))))
    }

    fn next(&self) -> u64 {
        let mut x = self.0.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0.set(x);
        x
    }

    /// `random.randint(a, b)`: from `a` to `b`, both included.
    pub(crate) fn randint(&self, a: u64, b: u64) -> u64 {
        a + self.next() % (b - a + 1)
    }
}

/// `datetime.datetime.now()`, in lecture seconds since the seed's first
/// printed time, `2023-08-14 16:26:35`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Now(Instant);

impl Now {
    pub(crate) fn start() -> Self {
        Now(Instant::now())
    }

    pub(crate) fn datetime(self) -> String {
        let micros = (self.0.elapsed().as_secs_f64() / SECOND.as_secs_f64() * 1e6) as u64;
        let at = 16 * 3600 + 26 * 60 + 35 + micros / 1_000_000;
        let (h, m, s) = (at / 3600, at / 60 % 60, at % 60);
        format!("2023-08-14 {h:02}:{m:02}:{s:02}.{:06}", micros % 1_000_000)
    }
}

/// `display_date(num, duration)`; `early` is the seed 000 form's `+ 1.0`.
struct DisplayDate {
    num: u32,
    duration: f64,
    early: f64,
    end_time: f64,
    now: Now,
    random: Random,
    nap: Option<Sleep>,
}

impl Generator for DisplayDate {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match &mut self.nap {
                Some(nap) => yield_from!(nap, input)?,
                None => {
                    input.sent()?;
                    self.end_time = loop_time() + self.duration;
                }
            }
            input = Resume::Next;
            say!("Loop: {} Time: {}", self.num, self.now.datetime());
            if loop_time() + self.early >= self.end_time {
                return Ok(Complete(()));
            }
            self.nap = Some(sleep(SECOND * self.random.randint(0, 5) as u32));
        }
    }
}

fn display_date(num: u32, early: f64, now: Now, random: &Random) -> DisplayDate {
    let (duration, end_time, nap, random) = (10.0, 0.0, None, random.clone());
    DisplayDate {
        num,
        duration,
        early,
        end_time,
        now,
        random,
        nap,
    }
}

pub(crate) fn run() {
    let (now, random) = (Now::start(), Random::seeded(2023));
    // asyncio.run(main()), main gathering the two.
    let main = gather(vec![
        display_date(1, 0.0, now, &random),
        display_date(2, 0.0, now, &random),
    ]);
    show_run(Runtime::with_clock(Clock::Real).run(main));
    // ensure_future twice, then the loop.
    let mut rt = Runtime::with_clock(Clock::Real);
    let tasks = [1, 2].map(|num| rt.spawn(display_date(num, 1.0, now, &random)));
    show_run(rt.run_until_complete(gather(tasks.to_vec())));
}
