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

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{gather, sleep, Runtime};

use crate::asyncio::{log_info, secs, show_run, Coroutine, WallClock};

const CLOCK: WallClock = WallClock::at(17, 24, 6);

/// The database: one value, shared.
#[derive(Default)]
struct DbUpdate {
    value: Cell<u32>,
}

impl DbUpdate {
    /// `db.update()`: the coroutine the method returns.
    fn update(self: &Rc<Self>) -> impl Coroutine {
        let db = Rc::clone(self);
        lazy(|| {
            log_info!(CLOCK, "Update Started");
            log_info!(CLOCK, "Sleeping");
            sleep(secs(2))
        })
        .map_return(move |()| {
            // From here to the end there is no await: no other task can run.
            log_info!(CLOCK, "Reading Value From Db: {}", db.value.get());
            let tmp = db.value.get() + 1;
            log_info!(CLOCK, "Updating Value");
            db.value.set(tmp);
            log_info!(CLOCK, "Update Finished");
        })
    }
}

/// `main()`.
fn main_task() -> impl Coroutine {
    lazy(|| {
        let db = Rc::new(DbUpdate::default());
        gather((0..2).map(|_| db.update()))
            .map_return(move |_| log_info!(CLOCK, "Final value is {}", db.value.get()))
    })
}

pub(crate) fn run() {
    show_run(Runtime::new().run(main_task()));
}
