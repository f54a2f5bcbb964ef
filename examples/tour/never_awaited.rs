//! A coroutine that is created and never awaited runs none of its body;
//! the type of a coroutine function and of the coroutine it makes
//! (seed 000, line 932, and seed 003, line 423; seed 001, line 156).
//!
//! ```python
//! import asyncio
//!
//! async def nested():
//!     return 42
//!
//! async def main():
//!     # Ничего не произойдет, если мы просто вызовем "nested()".
//!     nested()
//!
//!     # Let's do it differently now and await it:
//!     print(await nested())  # will print "42".
//!
//! print(type(nested))
//! print(type(nested()))
//! asyncio.run(main())
//! ```
//!
//! CPython 3.11 prints the two types and 42:
//!
//! ```text
//! <class 'function'>
//! <class 'coroutine'>
//! 42
//! ```
//!
//! and on stderr it warns as each unawaited coroutine is collected (at
//! once, before the 42):
//!
//! ```text
//! main.py:14: RuntimeWarning: coroutine 'nested' was never awaited
//!   print(type(nested()))
//! main.py:8: RuntimeWarning: coroutine 'nested' was never awaited
//!   nested()
//! ```
//!
//! The seeds show no output for `nested`; seed 001 asks the two types of
//! its `delay_message` and gets `<class 'function'>`, `<class 'coroutine'>`
//! and the same warning. Here the types are Rust's: a function returning
//! the generator, and the generator ([`type_of`]). The warning comes from
//! the compiler, before the program runs: `Nested` is `#[must_use]` with
//! Python's words, so a bare `nested();` gives
//!
//! ```text
//! warning: unused `Nested` that must be used
//!    = note: coroutine 'nested' was never awaited
//! ```
//!
//! The library's own awaitables (`sleep`, `gather`, `Task::join`, ...) say
//! "this awaitable is never awaited". The program writes `let _ =
//! nested();`, which tells the compiler that dropping it is meant.

use resumable::generator::{lazy, Generator, GeneratorState::Complete};
use resumable::scheduler::{Input, Request, Runtime, Step, TaskError};

use crate::asyncio::{show_run, type_of};
use crate::console::say;

/// `nested()`: returns 42 at its first step.
#[must_use = "coroutine 'nested' was never awaited"]
struct Nested;

impl Generator for Nested {
    type Yield = Request;
    type Return = u32;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<u32> {
        input.sent().map(|_| Complete(42))
    }
}

fn nested() -> Nested {
    Nested
}

pub(crate) fn run() {
    say!("{}", type_of(&(nested as fn() -> Nested)));
    say!("{}", type_of(&nested()));
    // main(): one `nested()` dropped, one awaited.
    let main = lazy(|| {
        let _ = nested(); // created, dropped, never run
        nested()
    });
    show_run(Runtime::new().run(main.map_return(|answer| say!("{answer}"))));
}
