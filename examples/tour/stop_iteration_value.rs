//! A coroutine's return value: it comes out as `StopIteration.value`.
//!
//! ```python
//! async def f():
//!     return "abc"
//!
//! coroutine = f()
//! try:
//!     coroutine.send(None)
//! except StopIteration as e:
//!     print(e.value)
//! ```
//!
//! The seed prints:
//!
//! ```text
//! abc
//! ```
//!
//! An `async def` runs like a generator: `send(None)` starts it, and its
//! `return` ends it with `StopIteration`. Here that ending is an ordinary
//! value, `Ok(Complete("abc"))`, so the `try`/`except` becomes a `match`.

use resumable::generator::{from_fn, Generator, Resume};
use resumable::GeneratorState::Complete;

use crate::console::say;

/// `f` has no `await`, so its first step runs it to the end: a generator
/// whose first resume completes, without ever yielding.
fn f() -> impl Generator<Yield = (), Return = &'static str, Error = core::convert::Infallible> {
    from_fn(|input: Resume| {
        input.sent()?;
        Ok(Complete("abc")) // return "abc"
    })
}

pub(crate) fn run() {
    let mut coroutine = f();
    // coroutine.send(None), which is next(): StopIteration, with .value "abc"
    if let Ok(Complete(value)) = coroutine.next() {
        say!("{value}"); // print(e.value)
    }
    // Any other outcome is no StopIteration: the `try` block ends quietly.
}
