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

use core::convert::Infallible;

use resumable::{
    Generator,
    GeneratorState::{Complete, Yielded},
    Outcome, Resume,
};

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

#[expect(
    clippy::identity_op,
    reason = "`x * 1` is the seed's `x *= 1`, kept so the two read side by side"
)]
impl Generator for TestGen {
    type Yield = i32;
    type Return = ();
    type Error = Infallible;

    fn resume(&mut self, input: Resume) -> Outcome<i32> {
        input.sent()?; // no `try` in testGen: throw and close end it where it is
        match *self {
            TestGen::Created => {
                let x = 2;
                say!("Первый yield");
                *self = TestGen::AtFirstYield { x };
                Ok(Yielded(x))
            }
            TestGen::AtFirstYield { x } => {
                let x = x * 1;
                say!("Второй yield");
                *self = TestGen::AtSecondYield { x };
                Ok(Yielded(x))
            }
            TestGen::AtSecondYield { x } => {
                let x = x * 1;
                say!("Последний yield");
                *self = TestGen::AtLastYield;
                Ok(Yielded(x))
            }
            // Falling off the end of the body: `return None`, StopIteration.
            TestGen::AtLastYield => Ok(Complete(())),
        }
    }
}

pub(crate) fn run() {
    let mut iter = TestGen::Created; // iter = testGen()
    discard(iter.next()); // the first yield; the seed drops the yielded 2
    discard(iter.next()); // the second yield
    discard(iter.next()); // the last yield
}
