//! `yield from`, first met as a shorthand: a loop of `yield`s over an
//! iterable is `yield from` that iterable.
//!
//! ```python
//! # Обычный yield
//! def numbers_range(n):
//!     for i in range(n):
//!         yield i
//!
//!
//! # yield from
//! def numbers_range(n):
//!     yield from range(n)
//! ```
//!
//! The seed calls neither. Printing `list(numbers_range(4))` for each gives:
//!
//! ```text
//! [0, 1, 2, 3]
//! [0, 1, 2, 3]
//! ```
//!
//! Both are trivial, so neither is written as a state machine: the first is a
//! closure around the loop's iterator, the second is `from_iter` itself.

use core::convert::Infallible;
use core::ops::Range;

use resumable::{
    generator::{from_fn, from_iter, FromIter},
    Generator,
    GeneratorState::{Complete, Yielded},
    Outcome, Resume,
};

use crate::console::say;

/// `for i in range(n): yield i`
fn numbers_range_loop(n: u32) -> impl Generator<Yield = u32, Return = (), Error = Infallible> {
    let mut range = 0..n; // the `for` loop's iterator, kept between resumes
    from_fn(move |input: Resume| -> Outcome<u32> {
        input.sent()?;
        Ok(match range.next() {
            Some(i) => Yielded(i),
            None => Complete(()),
        })
    })
}

/// `yield from range(n)`
fn numbers_range(n: u32) -> FromIter<Range<u32>> {
    from_iter(0..n)
}

pub(crate) fn run() {
    let looped: Vec<u32> = numbers_range_loop(4).iter().collect();
    say!("{looped:?}"); // print(list(numbers_range(4))), the first definition
    let delegated: Vec<u32> = numbers_range(4).iter().collect();
    say!("{delegated:?}"); // the same, with the second definition
}
