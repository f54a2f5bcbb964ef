//! `await f()`: a coroutine awaiting another, and the value it returns,
//! through nested generators run as one `Future`.
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
//! `main`, `f` and the sleep are three hand-written generators, each
//! delegating to the next with `yield_from!` (Python's `await`). Their
//! yields mean "not ready yet", so [`to_future`] makes the outermost one a
//! `Future`, and [`block_on`] is the event loop: it polls (`send(None)`)
//! until the future is ready, whose value is `StopIteration.value`. The
//! sleep is the lecture's `types.coroutine` sleep, a generator that yields
//! until the time is up, shortened to 10 ms; `loop.stop()` and
//! `run_forever` are what `block_on` does for one future.

use core::convert::Infallible;
use std::time::{Duration, Instant};

use resumable::bridge::{block_on, to_future};
use resumable::{
    yield_from, Generator, GeneratorState::Complete, GeneratorState::Yielded, Outcome, Resume,
};

use crate::console::say;

/// `asyncio.sleep(seconds)` as a generator: yield until the time is up.
struct Sleep {
    until: Option<Instant>,
    duration: Duration,
}

fn sleep(duration: Duration) -> Sleep {
    Sleep {
        until: None,
        duration,
    }
}

impl Generator for Sleep {
    type Yield = ();
    type Return = ();
    type Error = Infallible;

    fn resume(&mut self, input: Resume) -> Outcome<()> {
        input.sent()?;
        let until = *self
            .until
            .get_or_insert_with(|| Instant::now() + self.duration);
        Ok(if Instant::now() < until {
            Yielded(())
        } else {
            Complete(())
        })
    }
}

/// `f()`: suspended only inside its sleep.
enum F {
    Start,
    Sleeping(Sleep),
}

impl Generator for F {
    type Yield = ();
    type Return = u32;
    type Error = Infallible;

    fn resume(&mut self, mut input: Resume) -> Outcome<(), u32> {
        if let F::Start = self {
            input.sent()?;
            say!("f");
            *self = F::Sleeping(sleep(Duration::from_millis(10))); // 1.0 s, shortened
            input = Resume::Next;
        }
        let F::Sleeping(nap) = self else {
            unreachable!("set above")
        };
        yield_from!(nap, input)?; // await asyncio.sleep(1.0)
        say!("f end");
        Ok(Complete(123))
    }
}

/// `main()`: awaits `f()` and returns its result.
enum Main {
    Start,
    Awaiting(F),
}

impl Generator for Main {
    type Yield = ();
    type Return = u32;
    type Error = Infallible;

    fn resume(&mut self, mut input: Resume) -> Outcome<(), u32> {
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
    let result = block_on(to_future(Main::Start));
    say!("# block_on returned {result}");
}
