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
//! `main` and `f` are hand-written generators, `main` delegating to `f`
//! with `yield_from!` (Python's `await`): one task, the state machine of
//! `main` holding that of `f`. The loop is a [`Runtime`]:
//! [`Runtime::spawn`] is `loop.create_task`, and [`Runtime::run_forever`]
//! runs turn after turn until `f` calls `loop.stop()` on
//! [`get_running_loop`]. The loop stops at the end of that turn, so `main`,
//! which `f` returns to within the same step, still prints `main end 123`.
//! The tour then prints the task's result and the loop's clock.

use resumable::scheduler::{get_running_loop, sleep, Request, Runtime, Sleep, TaskError};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, show_run, Input, Step, SECOND};
use crate::console::say;

/// `f()`: suspended only inside its sleep.
enum F {
    Start,
    Sleeping(Sleep),
}

impl Generator for F {
    type Yield = Request;
    type Return = u32;
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step<u32> {
        if let F::Start = self {
            input.sent()?;
            say!("f");
            *self = F::Sleeping(sleep(SECOND));
            input = Resume::Next;
        }
        let F::Sleeping(nap) = self else {
            unreachable!("set above")
        };
        yield_from!(nap, input)?; // await asyncio.sleep(1.0)
        say!("f end");
        get_running_loop().stop(); // loop.stop()
        Ok(Complete(123))
    }
}

/// `main()`: awaits `f()` and returns its result.
enum Main {
    Start,
    Awaiting(F),
}

impl Generator for Main {
    type Yield = Request;
    type Return = u32;
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step<u32> {
        if let Main::Start = self {
            input.sent()?;
            say!("main");
            *self = Main::Awaiting(F::Start);
            input = Resume::Next;
        }
        let Main::Awaiting(f) = self else {
            unreachable!("set above")
        };
        let result = yield_from!(f, input)?; // result = await f()
        say!("main end {result}");
        Ok(Complete(result))
    }
}

pub(crate) fn run() {
    let mut rt = Runtime::new(); // loop = asyncio.new_event_loop()
    let task = rt.spawn(Main::Start); // loop.create_task(main())
    show_run(rt.run_forever());
    if let Some(Ok(result)) = task.result() {
        say!("# the task's result: {result}");
    }
    say_clock(&rt);
}
