//! The first coroutine on the event loop: `async def` makes it, `await` runs
//! it, and each `await asyncio.sleep(1)` hands the loop a timer.
//!
//! ```python
//! async def rocket():
//!     print(1)
//!     await asyncio.sleep(1)
//!     print(2)
//!     await asyncio.sleep(1)
//!     print(3)
//!     await asyncio.sleep(1)
//!     print("Go!")
//!
//! await rocket()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! 1
//! 2
//! 3
//! Go!
//! ```
//!
//! The seed's next cell, a bare `rocket()`, shows
//! `<coroutine object rocket at 0x79742decab90>`: calling an `async def`
//! only makes the coroutine. So does `rocket()` here: it builds the state
//! machine and runs none of it. The tour leaves that cell out.
//!
//! The notebook's top-level `await` runs on the notebook's loop;
//! [`Runtime::run`] is that loop here. It runs on the virtual clock, so the
//! three seconds pass at once: the tour adds a `#` line with the clock.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{sleep, Runtime};

use crate::asyncio::{say_clock, show_run, Coroutine, SECOND};
use crate::console::say;

/// `rocket()`: each print, then the sleep it awaits; `Go!` after the last.
fn rocket() -> impl Coroutine {
    lazy(|| {
        say!("{}", 1);
        sleep(SECOND)
    })
    .then(|()| {
        say!("{}", 2);
        sleep(SECOND)
    })
    .then(|()| {
        say!("{}", 3);
        sleep(SECOND)
    })
    .map_return(|()| say!("Go!"))
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(rocket()));
    say_clock(&rt);
}
