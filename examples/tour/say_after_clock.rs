//! `say_after` as seeds 000 and 003 show it, with the time of day before
//! and after: awaited in turn it takes three seconds, as tasks two
//! (seed 000, lines 885 and 915; seed 003, lines 376 and 406).
//!
//! ```python
//! import asyncio
//! import time
//!
//!
//! async def say_after(delay, what):
//!     await asyncio.sleep(delay)
//!     print(what)
//!
//!
//! async def main():
//!     print(f"Started at {time.strftime('%X')}")
//!
//!     await say_after(1, 'hello,')
//!     await say_after(2, 'world')
//!
//!     print(f"finished at {time.strftime('%X')}")
//!
//!
//! asyncio.run(main())
//!
//!
//! async def main():
//!     task1 = asyncio.create_task(
//!         say_after(1, 'hello,'))
//!
//!     task2 = asyncio.create_task(
//!         say_after(2, 'world'))
//!
//!     print(f"started at {time.strftime('%X')}")
//!
//!     # Подождите, пока обе задачи не будут выполнены (должно пройти около 2 секунд.)
//!     await task1
//!     await task2
//!
//! asyncio.run(main())  # not in the seed
//! ```
//!
//! CPython 3.11 prints (the times of its run; the seed's first four lines
//! are the same, at 16:28:52 and 16:28:55):
//!
//! ```text
//! Started at 19:34:39
//! hello,
//! world
//! finished at 19:34:42
//! started at 19:34:42
//! hello,
//! world
//! ```
//!
//! The seeds' second cell only defines `main`, and prints nothing; the
//! tour runs it, as the lecture means, with the last line added above. It
//! prints no `finished at` line: the seed's second `main` has none.
//!
//! `time.strftime('%X')` is [`WallClock`], read from the loop's virtual
//! clock from the seed's first time: the tour prints the seed's times,
//! 16:28:52 and 16:28:55, and the second run starts where the first ended.
//! Seed 004's form of the same programs, printing `Time: 3.0`, is
//! `say_after`.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{spawn, Runtime};

use crate::asyncio::{show_run, Coroutine, WallClock};
use crate::console::say;
use crate::say_after::say_after;

/// The first `main()`: one `say_after` after the other.
fn sequential(clock: WallClock) -> impl Coroutine {
    lazy(move || {
        say!("Started at {}", clock.now());
        say_after(1, "hello,").then(|()| say_after(2, "world"))
    })
    .map_return(move |()| say!("finished at {}", clock.now()))
}

/// The second `main()`: both tasks created before anything is awaited.
fn with_tasks(clock: WallClock) -> impl Coroutine {
    lazy(move || {
        let task1 = spawn(say_after(1, "hello,"));
        let task2 = spawn(say_after(2, "world"));
        say!("started at {}", clock.now());
        task1.join().then(move |()| task2.join())
    })
}

pub(crate) fn run() {
    show_run(Runtime::new().run(sequential(WallClock::at(16, 28, 52))));
    show_run(Runtime::new().run(with_tasks(WallClock::at(16, 28, 55))));
}
