//! Shared state without a lock: between two `await`s a coroutine runs
//! alone, so a read-modify-write with no `await` inside it cannot be torn.
//!
//! ```python
//! class DbUpdate:
//!     def __init__(self):
//!         self.value = 0
//!
//!     async def update(self):
//!         logging.info("Update Started")
//!         logging.info("Sleeping")
//!         await asyncio.sleep(2)
//!         logging.info(f"Reading Value From Db: {self.value}")
//!         tmp = self.value + 1
//!         logging.info("Updating Value")
//!         self.value = tmp
//!         logging.info("Update Finished")
//!
//! async def main():
//!     db = DbUpdate()
//!     await asyncio.gather(*[db.update() for _ in range(2)])
//!     logging.info(f"Final value is {db.value}")
//!
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! 17:24:06:MainThread:Update Started
//! 17:24:06:MainThread:Sleeping
//! 17:24:06:MainThread:Update Started
//! 17:24:06:MainThread:Sleeping
//! 17:24:08:MainThread:Reading Value From Db: 0
//! 17:24:08:MainThread:Updating Value
//! 17:24:08:MainThread:Update Finished
//! 17:24:08:MainThread:Reading Value From Db: 1
//! 17:24:08:MainThread:Updating Value
//! 17:24:08:MainThread:Update Finished
//! 17:24:08:MainThread:Final value is 2
//! ```
//!
//! The same class with threads, just before it in the seed, ends with
//! `Final value is 1`: a thread can be switched out between the read and
//! the write, and that needs a `threading.Lock`. A coroutine is only ever
//! switched out at an `await`. (The tour shows asyncio's programs; for a
//! race between coroutines, with an `await` in the middle, see
//! `race_condition`.)
//!
//! The timestamps are the loop's virtual clock from the seed's start time.
//! `self.value` is shared by both coroutines: in Rust, an `Rc` to a `Cell`.

use std::cell::Cell;
use std::rc::Rc;

use resumable::scheduler::{gather, sleep, Gather, Request, Runtime, Sleep, TaskError};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{log_info, secs, show_run, Input, Step, WallClock};

const CLOCK: WallClock = WallClock::at(17, 24, 6);

/// The database: one value, shared.
#[derive(Default)]
struct DbUpdate {
    value: Cell<u32>,
}

impl DbUpdate {
    /// `db.update()`: the coroutine the method returns.
    fn update(self: &Rc<Self>) -> Update {
        Update {
            db: Rc::clone(self),
            nap: None,
        }
    }
}

struct Update {
    db: Rc<DbUpdate>,
    nap: Option<Sleep>,
}

impl Generator for Update {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let nap = match &mut self.nap {
            Some(nap) => nap,
            None => {
                input.sent()?;
                input = Resume::Next;
                log_info!(CLOCK, "Update Started");
                log_info!(CLOCK, "Sleeping");
                self.nap.insert(sleep(secs(2)))
            }
        };
        yield_from!(nap, input)?;
        // From here to the end there is no await: no other task can run.
        log_info!(CLOCK, "Reading Value From Db: {}", self.db.value.get());
        let tmp = self.db.value.get() + 1;
        log_info!(CLOCK, "Updating Value");
        self.db.value.set(tmp);
        log_info!(CLOCK, "Update Finished");
        Ok(Complete(()))
    }
}

struct Main {
    db: Rc<DbUpdate>,
    gather: Gather<Update>,
}

fn main() -> Main {
    let db = Rc::new(DbUpdate::default());
    let gather = gather([db.update(), db.update()]);
    Main { db, gather }
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        yield_from!(self.gather, input)?;
        log_info!(CLOCK, "Final value is {}", self.db.value.get());
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    show_run(Runtime::new().run(main()));
}
