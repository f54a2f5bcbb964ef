//! A generator with several `yield`s: each `next()` runs the body up to the
//! following one.
//!
//! ```python
//! def testGen():
//!     x = 2
//!     print('Первый yield')
//!     yield x
//!
//!     x *= 1
//!     print('Второй yield')
//!     yield x
//!
//!     x *= 1
//!     print('Последний yield')
//!     yield x
//!
//!
//! # Вызов генератора
//! iter = testGen()
//!
//! # Вызов первого yield
//! next(iter)
//!
//! # Вызов второго yield
//! next(iter)
//!
//! # Вызов последнего yield
//! next(iter)
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Первый yield
//! Второй yield
//! Последний yield
//! ```
//!
//! As a state machine, the body is cut at each `yield`: the enum says where
//! it is paused and keeps the locals that are still needed there (`x`).

use resumable::generator::{Generator, Outcome, Resume};
use resumable::GeneratorState::{Complete, Yielded};

use crate::console::say;
use crate::python::discard;

/// Where `testGen`'s body is paused, with the locals still needed there.
enum TestGen {
    /// `testGen()` was called; none of the body has run.
    Created,
    AtFirstYield {
        x: i32,
    },
    AtSecondYield {
        x: i32,
    },
    /// Nothing after the last `yield` uses `x`, so it is not kept.
    AtLastYield,
}

impl Generator for TestGen {
    type Yield = i32;
    type Return = ();
    type Error = core::convert::Infallible;

    /// One call runs the body from where it is paused to the next `yield`.
    /// (`x *= 1` leaves `x` as it is, so the code below keeps `x` unchanged.)
    fn resume(&mut self, input: Resume) -> Outcome<i32> {
        input.sent()?; // no `try` in testGen: throw and close end it where it is
        let (next, x) = match *self {
            TestGen::Created => {
                say!("Первый yield"); // x = 2
                (TestGen::AtFirstYield { x: 2 }, 2)
            }
            TestGen::AtFirstYield { x } => {
                say!("Второй yield");
                (TestGen::AtSecondYield { x }, x)
            }
            TestGen::AtSecondYield { x } => {
                say!("Последний yield");
                (TestGen::AtLastYield, x)
            }
            // Falling off the end of the body: `return None`, StopIteration.
            TestGen::AtLastYield => return Ok(Complete(())),
        };
        *self = next;
        Ok(Yielded(x))
    }
}

pub(crate) fn run() {
    let mut iter = TestGen::Created; // iter = testGen()
    discard(iter.next()); // the first yield; the seed drops the yielded 2
    discard(iter.next()); // the second yield
    discard(iter.next()); // the last yield
}
