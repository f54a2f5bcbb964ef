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

use core::convert::Infallible;

use resumable::{
    generator::from_fn,
    Exception, Generator,
    GeneratorState::{Complete, Yielded},
    Outcome, Resume,
};

use crate::console::say;

/// `f` has no `await`, so its first step runs it to the end: a generator
/// whose first resume completes, without ever yielding.
fn f() -> impl Generator<Yield = (), Return = &'static str, Error = Infallible> {
    from_fn(|input: Resume| -> Outcome<(), &'static str> {
        input.sent()?;
        Ok(Complete("abc"))
    })
}

pub(crate) fn run() {
    let mut coroutine = f();
    // coroutine.send(None): sending None is next()
    match coroutine.next() {
        // StopIteration, with .value "abc"
        Ok(Complete(value)) => say!("{value}"), // print(e.value)
        // No StopIteration: the `try` block ends quietly and nothing prints.
        Ok(Yielded(())) => {}
        Err(Exception::GeneratorExit) => say!("GeneratorExit"),
        Err(Exception::Raised(never)) => match never {},
    }
}
