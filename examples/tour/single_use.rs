//! A generator is used up as it is read: asking `100 in gen` twice gives
//! two different answers.
//!
//! ```python
//! gen = (x for x in range(0, 100 * 10000))
//! 100 in gen
//! True
//! 100 in gen
//! False
//! ```
//!
//! The seed prints:
//!
//! ```text
//! True
//! False
//! ```
//!
//! The first `in` reads `0..=100` and stops at the match; those values are
//! gone, so the second `in` reads on from 101 to the end and finds nothing.

use resumable::{generator::from_iter, Generator};

use crate::console::say;
use crate::python::repr_bool;

pub(crate) fn run() {
    // `(x for x in iterable)` adds nothing to the iterable but laziness,
    // which a Rust range already has.
    let mut gen = from_iter(0..100 * 10000);
    // `iter()` borrows the generator, so the second search resumes the same
    // one, as Python's second `in` does.
    say!("{}", repr_bool(gen.iter().any(|x| x == 100))); // 100 in gen
    say!("{}", repr_bool(gen.iter().any(|x| x == 100))); // 100 in gen
}
