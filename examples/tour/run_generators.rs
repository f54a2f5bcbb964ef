//! Asynchrony by hand: a sleep that yields until its time is up, tasks that
//! `yield from` it, and a loop that resumes every task in turn. Then the
//! same tasks on the event loop, where `await asyncio.sleep` replaces the
//! busy wait.
//!
//! ```python
//! import time
//!
//! def sleep_generator(seconds):
//!     start_time = time.time()
//!     while time.time() - start_time < seconds:
//!         yield
//!
//! def fetch_data(task_name, delay):
//!     print(f"{task_name}: Начало загрузки данных")
//!     yield from sleep_generator(delay)  # Симулируем задержку
//!     print(f"{task_name}: Данные загружены после {delay} секунд")
//!
//! def run_generators(generators):
//!     tasks = list(generators)
//!     while tasks:
//!         for task in tasks.copy():
//!             try:
//!                 next(task)
//!             except StopIteration:
//!                 tasks.remove(task)
//!
//! run_generators([
//!     fetch_data("Задача 1", 4),
//!     fetch_data("Задача 2", 3)
//! ])
//! ```
//!
//! ```python
//! import asyncio
//!
//! async def async_sleep(seconds):
//!     await asyncio.sleep(seconds)
//!
//! async def fetch_data(task_name, delay):
//!     print(f"{task_name}: Начало загрузки данных")
//!     await async_sleep(delay)
//!     print(f"{task_name}: Данные загружены после {delay} секунд")
//!
//! async def main():
//!     await asyncio.gather(
//!         fetch_data("Задача 1", 4),
//!         fetch_data("Задача 2", 3)
//!     )
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints, for each (and for the `@types.coroutine` and
//! `@asyncio.coroutine` forms between them, which the tour leaves out):
//!
//! ```text
//! Задача 1: Начало загрузки данных
//! Задача 2: Начало загрузки данных
//! Задача 2: Данные загружены после 3 секунд
//! Задача 1: Данные загружены после 4 секунд
//! ```
//!
//! Task 2 starts second but sleeps a second less, so it finishes first.
//!
//! The hand-written loop is [`RoundRobin::run`], and `sleep_generator` is
//! [`busy_sleep`]: it reads a clock at every step. Python reads the wall
//! clock, so its loop spins for four real seconds. Here the clock is a
//! [`ManualClock::stepped`] one that the loop moves by half a second per
//! step: nine steps, no waiting, the same order every run. (With
//! `ManualClock::real()` and `RoundRobin::new()` it spins for real, as in
//! the seed.) The event loop version sleeps on the [`Runtime`]'s virtual
//! clock instead, and ends at 4 s.
//!
//! Both forms of `fetch_data` are written the same way, a print and then
//! the sleep ([`lazy`]), and the print after it
//! ([`map_return`](Generator::map_return)): only the sleep differs.

use core::convert::Infallible;
use core::time::Duration;

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{busy_sleep, gather, sleep, ManualClock, RoundRobin, Runtime};

use crate::asyncio::{millis, secs, show_run, Coroutine};
use crate::console::say;

/// The generator form of `fetch_data`: `yield from sleep_generator(delay)`
/// is a [`busy_sleep`] on `clock`.
fn fetch_data(
    clock: &ManualClock,
    task_name: &'static str,
    delay: u64,
) -> impl Generator<Yield = (), Return = (), Error = Infallible> {
    let clock = clock.clone();
    lazy(move || {
        say!("{task_name}: Начало загрузки данных");
        busy_sleep(&clock, secs(delay)) // Симулируем задержку
    })
    .map_return(move |()| say!("{task_name}: Данные загружены после {delay} секунд"))
}

/// The coroutine form: `await async_sleep(delay)` delegates to the loop's
/// sleep, which suspends once with a timer instead of spinning.
/// (`async_sleep` only awaits `asyncio.sleep`, so it is [`sleep`] itself.)
fn async_fetch_data(task_name: &'static str, delay: u64) -> impl Coroutine {
    lazy(move || {
        say!("{task_name}: Начало загрузки данных");
        sleep(secs(delay))
    })
    .map_return(move |()| say!("{task_name}: Данные загружены после {delay} секунд"))
}

pub(crate) fn run() {
    // run_generators([...]): steps every generator until all returned.
    let clock = ManualClock::stepped(millis(500));
    let mut tasks = RoundRobin::with_clock(&clock);
    tasks.push(fetch_data(&clock, "Задача 1", 4));
    tasks.push(fetch_data(&clock, "Задача 2", 3));
    tasks.run().unwrap_or_else(|never| match never {});
    debug_assert_eq!(clock.now(), Duration::from_millis(4500)); // nine steps

    // asyncio.run(main()), main being `await asyncio.gather(...)`.
    let mut rt = Runtime::new();
    show_run(rt.run(gather([
        async_fetch_data("Задача 1", 4),
        async_fetch_data("Задача 2", 3),
    ])));
    debug_assert_eq!(rt.time(), secs(4));
}
