//! Cancelling a coroutine: an exception thrown in at its `await` can be
//! caught there, like any other.
//!
//! ```python
//! async def f():
//!     try:
//!         while True:
//!             await asyncio.sleep(0)
//!     except asyncio.CancelledError:
//!         print('I was cancelled!')
//!     else:
//!         return 111
//!
//! coro = f()
//! coro.send(None)
//! coro.send(12345)
//! coro.throw(asyncio.CancelledError)
//! ```
//!
//! The seed prints:
//!
//! ```text
//! I was cancelled!
//!
//!
//! StopIteration:
//! ```
//!
//! The tour prints the two lines without the blank ones (the notebook's
//! spacing around a traceback). The coroutine catches the error, falls off
//! its end and so returns `None`: the `StopIteration` has no value.

use resumable::generator::{Generator, Outcome, Resume};
use resumable::GeneratorState::{Complete, Yielded};

use crate::console::say;
use crate::python::discard;

#[derive(Debug)]
struct CancelledError;

/// The body is one `try` around an endless loop, so all `f()` needs to
/// remember is whether it has entered the `try`: an error thrown in before
/// the first step is raised where nothing catches it.
struct F {
    in_try: bool,
}

impl Generator<i32> for F {
    /// `asyncio.sleep(0)` suspends with a bare `yield`.
    type Yield = ();
    // `None` from the `except` branch. The `else: return 111` would be
    // `Some(111)`, but it cannot run: only an exception leaves the loop.
    type Return = Option<i32>;
    type Error = CancelledError;

    fn resume(
        &mut self,
        input: Resume<i32, CancelledError>,
    ) -> Outcome<(), Option<i32>, CancelledError> {
        match input {
            Resume::Throw(CancelledError) if self.in_try => {
                say!("I was cancelled!"); // except asyncio.CancelledError
                Ok(Complete(None))
            }
            other => {
                // `sleep(0)` drops the sent 12345; close() still ends us here.
                other.sent()?;
                self.in_try = true;
                Ok(Yielded(())) // await asyncio.sleep(0)
            }
        }
    }
}

pub(crate) fn run() {
    let mut coro = F { in_try: false }; // coro = f()
    discard(coro.next()); // coro.send(None): sending None is next()
    discard(coro.send(12345));
    discard(coro.throw(CancelledError)); // prints, then StopIteration
}
