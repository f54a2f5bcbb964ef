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
//! closure around the loop's iterator, and the second, whose whole body is
//! `yield from range(n)`, is `from_iter(0..n)` itself, called in its place.

use resumable::generator::{from_fn, from_iter, Generator, Resume};
use resumable::GeneratorState::{Complete, Yielded};

use crate::console::say;

/// `for i in range(n): yield i`: the `for` loop's iterator is the state kept
/// between resumes; each resume is one turn of the loop.
fn numbers_range_loop(n: u32) -> impl Generator<Yield = u32, Error = core::convert::Infallible> {
    let mut range = 0..n;
    from_fn(move |input: Resume| {
        input.sent()?;
        Ok(range.next().map_or(Complete(()), Yielded))
    })
}

pub(crate) fn run() {
    // print(list(numbers_range(4))), with the first definition, then the second
    say!("{:?}", numbers_range_loop(4).iter().collect::<Vec<_>>());
    say!("{:?}", from_iter(0..4).iter().collect::<Vec<_>>()); // yield from range(4)
}
