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

use resumable::scheduler::{gather, get_running_loop, sleep, AnyTask, Clock, Request, Runtime};
use resumable::scheduler::{Sleep, TaskError};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{Ctime, Input, Step, LECTURE_SECOND};
use crate::console::say;

/// `main()`: hello, sleep `seconds`, goodbye, `loop.stop()`.
pub(crate) struct Main {
    pub(crate) clock: Ctime,
    pub(crate) seconds: u32,
    pub(crate) nap: Option<Sleep>,
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let nap = match &mut self.nap {
            Some(nap) => nap,
            None => {
                input.sent()?;
                input = Resume::Next;
                say!("{} Hello!", self.clock.now());
                self.nap.insert(sleep(LECTURE_SECOND * self.seconds))
            }
        };
        yield_from!(nap, input)?;
        say!("{} Goodbye!", self.clock.now());
        get_running_loop().stop();
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    let clock = Ctime::starting_at(20, 48, 54);
    let mut rt = Runtime::with_clock(Clock::Real);
    say!("Created loop");
    let nap = None;
    rt.spawn(Main {
        clock,
        seconds: 1,
        nap,
    })
    .detach();
    say!("Created task main and now run loop");
    rt.run_forever().expect("main stops the loop");
    let pending = rt.all_tasks();
    let group = gather(pending.iter().map(AnyTask::join)).return_exceptions();
    say!("Gathered tasks");
    rt.run_until_complete(group)
        .expect("nothing is left to wait for")
        .ok();
    rt.close();
}
