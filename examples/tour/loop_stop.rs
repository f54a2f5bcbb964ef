//! The loop by hand: `create_task`, `run_forever` until a task calls
//! `loop.stop()`, then `all_tasks`, `gather` and `run_until_complete` for
//! whatever is left (seed 001, "Asyncio API", `08/asyncio1.py`).
//!
//! ```python
//! async def main():
//!     print(f'{time.ctime()} Hello!')
//!     await asyncio.sleep(1.0)
//!     print(f'{time.ctime()} Goodbye!')
//!     loop.stop()
//!
//! loop = get_or_create_loop()
//! print("Created loop")
//! loop.create_task(main())
//! print("Created task main and now run loop")
//! loop.run_forever()
//! pending = asyncio.all_tasks(loop=loop)
//! group = asyncio.gather(*pending, return_exceptions=True)
//! print("Gathered tasks")
//! loop.run_until_complete(group)
//! loop.close()
//! ```
//!
//! The seed prints, and CPython 3.11 too (up to the times):
//!
//! ```text
//! Created loop
//! Created task main and now run loop
//! Wed Dec 21 20:48:54 2022 Hello!
//! Wed Dec 21 20:48:55 2022 Goodbye!
//! Gathered tasks
//! ```
//!
//! The seed's first run, in the notebook, fails with `RuntimeError: This
//! event loop is already running` (Jupyter runs a loop already); the
//! script's run above is what Python prints. `get_or_create_loop` is
//! [`Runtime::new`]. The program runs on the real clock ([`Clock::Real`]),
//! a lecture second being [`LECTURE_SECOND`], and prints the seed's times:
//! [`Ctime`] counts from the seed's first one.
//!
//! `main` stops the loop in its last step, so nothing is pending when
//! `run_forever` returns: the gather has nothing to wait for.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{gather, get_running_loop, sleep, AnyTask, Clock, Runtime};

use crate::asyncio::{Coroutine, Ctime, LECTURE_SECOND};
use crate::console::say;

/// `main()`: hello, sleep `seconds`, goodbye, `loop.stop()`.
pub(crate) fn main_task(clock: Ctime, seconds: u32) -> impl Coroutine {
    lazy(move || {
        say!("{} Hello!", clock.now());
        sleep(LECTURE_SECOND * seconds)
    })
    .map_return(move |()| {
        say!("{} Goodbye!", clock.now());
        get_running_loop().stop();
    })
}

pub(crate) fn run() {
    let clock = Ctime::starting_at(20, 48, 54);
    let mut rt = Runtime::with_clock(Clock::Real);
    say!("Created loop");
    rt.spawn(main_task(clock, 1)).detach();
    say!("Created task main and now run loop");
    rt.run_forever().expect("main stops the loop");
    let pending = rt.all_tasks();
    let group = gather(pending.iter().map(AnyTask::join)).return_exceptions();
    say!("Gathered tasks");
    rt.run_until_complete(group).expect("nothing is left").ok();
    rt.close();
}
