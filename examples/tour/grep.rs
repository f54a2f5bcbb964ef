//! A coroutine as a filter: lines are sent in, and only the matching ones
//! come out (printed).
//!
//! ```python
//! def grep(pattern):
//!     print("Searching for", pattern)
//!     while True:
//!         line = (yield)
//!         if pattern in line:
//!             print(line)
//!
//!
//! search = grep('coroutine')
//! print("grep:", type(grep))
//! print("search:", type(search))
//! print()
//!
//! next(search)
//! search.send("I love you")
//! search.send("Don't you love me?")
//! search.send("I love coroutines instead!")
//! search.close()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! grep: <class 'function'>
//! search: <class 'generator'>
//!
//! Searching for coroutine
//! I love coroutines instead!
//! ```
//!
//! The tour prints the last two lines. The `type(...)` lines have no Rust
//! counterpart: a type is known when the program is compiled, not asked
//! for while it runs (it is `fn(&str) -> Grep` and `Grep`). The `print()`
//! only separated those lines from the rest, so it goes with them.

use core::convert::Infallible;

use resumable::{Generator, GeneratorState::Yielded, Outcome, Resume};

use crate::console::say;
use crate::python::{discard, discard_close};

struct Grep {
    pattern: &'static str,
    /// Whether the body has printed its greeting and reached the `yield`.
    searching: bool,
}

fn grep(pattern: &'static str) -> Grep {
    Grep {
        pattern,
        searching: false,
    }
}

impl<'line> Generator<&'line str> for Grep {
    type Yield = ();
    type Return = ();
    type Error = Infallible;

    fn resume(&mut self, input: Resume<&'line str>) -> Outcome<()> {
        let line = input.sent()?; // line = (yield)
        if !self.searching {
            say!("Searching for {}", self.pattern);
            self.searching = true;
        } else if let Some(line) = line {
            // A `next()` here would make Python's `in` fail on None; the
            // seed never does it, so a line-less resume just waits again.
            if line.contains(self.pattern) {
                say!("{line}");
            }
        }
        Ok(Yielded(()))
    }
}

pub(crate) fn run() {
    let mut search = grep("coroutine");
    discard(search.next());
    discard(search.send("I love you"));
    discard(search.send("Don't you love me?"));
    discard(search.send("I love coroutines instead!"));
    discard_close(search.close());
}
