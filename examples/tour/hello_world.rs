//! `yield from` a generator: the subgenerator's values pass through the
//! delegating generator as if it yielded them itself.
//!
//! ```python
//! def subgenerator():
//!     yield 'World'
//!
//!
//! def generator():
//!     yield 'Hello,'
//!     yield from subgenerator()  # Запрашиваем значение из функции subgenerator()
//!     yield '!'
//!
//!
//! for i in generator():
//!     print(i, end=' ')
//! ```
//!
//! The seed prints (with a space after `!`, from the last `end=' '`):
//!
//! ```text
//! Hello, World !
//! ```
//!
//! Python leaves the line unfinished; the tour ends it, so the next program
//! starts on a line of its own.

use core::convert::Infallible;

use resumable::{
    generator::{once, Once},
    yield_from, Generator,
    GeneratorState::{Complete, Yielded},
    Outcome, Resume,
};

use crate::console::{say, say_inline};

/// `subgenerator()` yields one value, which is exactly what `once` is.
fn subgenerator() -> Once<&'static str> {
    once("World")
}

/// Where `generator()` is paused. While it delegates, the subgenerator is
/// part of its state, as it is part of a Python frame's.
enum HelloWorld {
    Created,
    AtHello,
    InSubgenerator(Once<&'static str>),
    AtBang,
}

impl Generator for HelloWorld {
    type Yield = &'static str;
    type Return = ();
    type Error = Infallible;

    fn resume(&mut self, mut input: Resume) -> Outcome<&'static str> {
        // A loop, because starting the delegation and taking its first
        // step happen in one resume, as in Python.
        loop {
            match self {
                HelloWorld::Created => {
                    input.sent()?;
                    *self = HelloWorld::AtHello;
                    return Ok(Yielded("Hello,"));
                }
                HelloWorld::AtHello => {
                    input.sent()?;
                    *self = HelloWorld::InSubgenerator(subgenerator());
                    input = Resume::Next; // `yield from` starts with next(sub)
                }
                HelloWorld::InSubgenerator(sub) => {
                    // Returns `Yielded("World")` from `resume` while the
                    // subgenerator yields; goes on once it is exhausted.
                    yield_from!(sub, input)?;
                    *self = HelloWorld::AtBang;
                    return Ok(Yielded("!"));
                }
                HelloWorld::AtBang => {
                    input.sent()?;
                    return Ok(Complete(()));
                }
            }
        }
    }
}

pub(crate) fn run() {
    for i in HelloWorld::Created.iter() {
        say_inline!("{i} "); // print(i, end=' ')
    }
    say!();
}
