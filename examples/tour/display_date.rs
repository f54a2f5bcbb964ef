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
//!
//! # seed 000, line 789 (seed 003, line 285): one generator deeper, fifty seconds
//! @types.coroutine
//! def my_sleep_func():
//!     yield from asyncio.sleep(random.randint(0, 5))
//!
//! async def display_date(num, loop):
//!     end_time = loop.time() + 50.0
//!     while True:
//!         print(f"Loop: {num} Time: {datetime.datetime.now()}")
//!         if (loop.time() + 1.0) >= end_time:
//!             break
//!         await my_sleep_func()
//!
//! loop = asyncio.get_event_loop()
//! asyncio.ensure_future(display_date(1, loop))
//! asyncio.ensure_future(display_date(2, loop))
//! loop.run_forever()
//! ```
//!
//! CPython 3.11 prints, for one draw of the random numbers (each form
//! the same kind of lines, for ten seconds, ten, and fifty):
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
//! seed's first time. `random` is [`Random`](crate::asyncio::Random), a seeded xorshift: the same
//! numbers every run, not the ones Python draws.
//!
//! Two differences. The seed's `loop.run_forever()` never returns: nothing
//! stops the loop when both coroutines are done, and CPython waits until it
//! is interrupted; the tour waits for the two tasks instead. And the
//! random numbers are the tour's own, so the lines come in another order
//! than the seed's (whose output for the third form is its own draw, with
//! `Loop: 2` twice at the same second after a `randint` of 0).
//!
//! The third form runs CPython 3.11 unchanged: `@types.coroutine` makes
//! `my_sleep_func` a generator the coroutine can await, and its `yield
//! from` delegates to `asyncio.sleep`. Here it is [`lazy`]: the random
//! draw is the generator's own code, run when `display_date` awaits it,
//! and the sleep the generator it delegates to. The seeds' `@asyncio.coroutine`
//! form (seed 000, line 702) does not run on CPython 3.11, where that
//! decorator is gone (`AttributeError`).
use core::ops::ControlFlow::{Break, Continue};
use core::time::Duration;
use std::time::Instant;

use resumable::generator::{lazy, loop_fn, sequence, Generator};
use resumable::scheduler::{gather, now, sleep, Clock, Runtime};

use crate::asyncio::{millis, show_run, Coroutine, Random};
use crate::console::say;

/// One lecture second on the real clock.
pub(crate) const SECOND: Duration = millis(50);

/// `loop.time()` in lecture seconds.
fn loop_time() -> f64 {
    now().as_secs_f64() / SECOND.as_secs_f64()
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

/// `await asyncio.sleep(random.randint(0, 5))`.
fn random_sleep(random: &Random) -> impl Coroutine {
    sleep(SECOND * random.randint(0, 5) as u32)
}

/// `my_sleep_func()`: a generator of its own around the same sleep.
fn my_sleep_func(random: Random) -> impl Coroutine {
    lazy(move || random_sleep(&random))
}

/// `display_date(num, ...)`, running `duration` seconds and stopping
/// `early` (the `+ 1.0` of seed 000's forms), awaiting `nap()` each round.
fn display_date<G: Coroutine>(
    num: u32,
    duration: f64,
    early: f64,
    now: Now,
    mut nap: impl FnMut() -> G,
) -> impl Coroutine {
    lazy(move || {
        let end_time = loop_time() + duration;
        loop_fn((), move |()| {
            say!("Loop: {num} Time: {}", now.datetime());
            let more = loop_time() + early < end_time; // else break
            sequence(more.then(&mut nap)).map_return(move |()| match more {
                true => Continue(()),
                false => Break(()),
            })
        })
    })
}

pub(crate) fn run() {
    let (now, random) = (Now::start(), Random::seeded(2023));
    let naps = || {
        let random = random.clone();
        move || random_sleep(&random)
    };
    // asyncio.run(main()), main gathering the two.
    let main = gather([1, 2].map(|num| display_date(num, 10.0, 0.0, now, naps())));
    show_run(Runtime::with_clock(Clock::Real).run(main));
    // ensure_future twice, then the loop; then the same with my_sleep_func.
    let mut rt = Runtime::with_clock(Clock::Real);
    let tasks = [1, 2].map(|num| rt.spawn(display_date(num, 10.0, 1.0, now, naps())));
    show_run(rt.run_until_complete(gather(tasks)));
    let mut rt = Runtime::with_clock(Clock::Real);
    let deeper = || {
        let random = random.clone();
        move || my_sleep_func(random.clone())
    };
    let tasks = [1, 2].map(|num| rt.spawn(display_date(num, 50.0, 1.0, now, deeper())));
    show_run(rt.run_until_complete(gather(tasks)));
}
