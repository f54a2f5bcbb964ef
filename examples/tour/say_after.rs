//! `await` runs coroutines one after the other; tasks run them at once.
//!
//! ```python
//! import time
//!
//!
//! async def say_after(delay, msg):
//!     await asyncio.sleep(delay)
//!     print(msg)
//!
//! async def main():
//!     started = time.time()
//!
//!     await say_after(1, 'hello')
//!     await say_after(2, ' world')
//!
//!     print(f"Time: {time.time() - started}")
//!
//! await main()
//!
//!
//! async def main():
//!     task1 = asyncio.create_task(
//!         say_after(1, 'hello'))
//!
//!     task2 = asyncio.create_task(
//!         say_after(2, 'world'))
//!
//!     started = time.time()
//!
//!     await task1
//!     await task2
//!
//!     print(f"Time: {time.time() - started}")
//!
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! hello
//!  world
//! Time: 3.003570079803467
//!
//! hello
//! world
//! Time: 2.002523422241211
//! ```
//!
//! The tour measures time on the loop's virtual clock, which only moves
//! when every task sleeps, and then exactly to the next timer: it prints
//! `Time: 3.0` and `Time: 2.0`, the seconds the programs wait for, without
//! the few milliseconds the notebook spent running Python. (On
//! `Runtime::with_clock(Clock::Real)` the tour would wait, and print times
//! like the seed's.)
//!
//! Seeds 000 and 003 show the first program with `time.strftime('%X')`
//! before and after (`Started at 16:28:52`, `finished at 16:28:55`): the
//! same three seconds.

use core::time::Duration;

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{now, sleep, spawn, Runtime};

use crate::asyncio::{secs, show_run, Coroutine};
use crate::console::say;

/// `say_after(delay, msg)`: one sleep, then the print.
pub(crate) fn say_after(delay: u64, msg: &'static str) -> impl Coroutine {
    sleep(secs(delay)).map_return(move |()| say!("{msg}"))
}

/// `print(f"Time: {time.time() - started}")`, on the loop's clock. Python
/// prints a float with its `repr`, which `{:?}` matches: `3.0`, not `3`.
fn print_time(started: Duration) {
    say!("Time: {:?}", (now() - started).as_secs_f64());
}

/// The first `main`: awaits one `say_after`, then the next.
fn sequential() -> impl Coroutine {
    lazy(|| {
        let started = now();
        say_after(1, "hello")
            .then(|()| say_after(2, " world"))
            .map_return(move |()| print_time(started))
    })
}

/// The second `main`: both tasks are created first, so both sleeps run
/// while `main` awaits the first.
pub(crate) fn with_tasks() -> impl Coroutine {
    lazy(|| {
        let task1 = spawn(say_after(1, "hello"));
        let task2 = spawn(say_after(2, "world"));
        let started = now();
        task1
            .join()
            .then(move |()| task2.join())
            .map_return(move |()| print_time(started))
    })
}

pub(crate) fn run() {
    show_run(Runtime::new().run(sequential()));
    show_run(Runtime::new().run(with_tasks()));
}
