//! `await f()`: a coroutine awaiting another, and the value it returns; a
//! loop that runs until a coroutine stops it.
//!
//! ```python
//! async def f():
//!     print("f")
//!     await asyncio.sleep(1.0)
//!     print("f end")
//!     loop.stop()
//!     return 123
//!
//! async def main():
//!     print("main")
//!     result = await f()
//!     print("main end", result)
//!     return result
//!
//! loop = asyncio.new_event_loop()
//! asyncio.set_event_loop(loop)
//! loop.create_task(main())
//! loop.run_forever()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! main
//! f
//! f end
//! main end 123
//! ```
//!
//! `main` awaits `f` with [`then`](Generator::then) (Python's
//! `result = await f()`): one task, the state machine of `main` holding
//! that of `f`. The loop is a [`Runtime`]:
//! [`Runtime::spawn`] is `loop.create_task`, and [`Runtime::run_forever`]
//! runs turn after turn until `f` calls `loop.stop()` on
//! [`get_running_loop`]. The loop stops at the end of that turn, so `main`,
//! which `f` returns to within the same step, still prints `main end 123`.
//! The tour then prints the task's result and the loop's clock.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{get_running_loop, sleep, Runtime};

use crate::asyncio::{say_clock, show_run, Coroutine, SECOND};
use crate::console::say;

/// `f()`.
fn f() -> impl Coroutine<u32> {
    lazy(|| {
        say!("f");
        sleep(SECOND) // await asyncio.sleep(1.0)
    })
    .map_return(|()| {
        say!("f end");
        get_running_loop().stop(); // loop.stop()
        123
    })
}

/// `main()`: awaits `f()` and returns its result.
fn main_task() -> impl Coroutine<u32> {
    lazy(|| {
        say!("main");
        f() // result = await f()
    })
    .map_return(|result| {
        say!("main end {result}");
        result
    })
}

pub(crate) fn run() {
    let mut rt = Runtime::new(); // loop = asyncio.new_event_loop()
    let task = rt.spawn(main_task()); // loop.create_task(main())
    show_run(rt.run_forever());
    if let Some(Ok(result)) = task.result() {
        say!("# the task's result: {result}");
    }
    say_clock(&rt);
}
