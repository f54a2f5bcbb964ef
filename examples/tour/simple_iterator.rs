//! A hand-made iterator: `SimpleIterator` gives out `limit` ones.
//!
//! ```python
//! class SimpleIterator:
//!     def __init__(self, limit):
//!         self.limit = limit
//!         self.counter = 0
//!
//!     def __next__(self):
//!         if self.counter < self.limit:
//!             self.counter += 1
//!             return 1
//!         raise StopIteration
//!
//!
//! s_iter1 = SimpleIterator(3)
//! print(next(s_iter1))
//! print(next(s_iter1))
//! print(next(s_iter1))
//! print(next(s_iter1))
//! ```
//!
//! ```python
//! class SimpleIterator:
//!     def __iter__(self):
//!         return self
//!
//!     def __init__(self, limit):
//!         self.limit = limit
//!         self.counter = 0
//!
//!     def __next__(self):
//!         if self.counter < self.limit:
//!             self.counter += 1
//!             return 1
//!         raise StopIteration
//!
//!
//! s_iter2 = SimpleIterator(5)
//! for i in s_iter2:
//!     print(i)
//! ```
//!
//! The seed prints no output; it says the fourth `next()` raises
//! `StopIteration`. Python prints:
//!
//! ```text
//! 1
//! 1
//! 1
//! StopIteration
//! 1
//! 1
//! 1
//! 1
//! 1
//! ```
//!
//! The tour then runs `s_iter1` again as a generator, under a `#` line.
//!
//! Rust needs no `__iter__`: every `Iterator` already works in a `for`.

use resumable::{generator::from_iter, Generator};

use crate::console::say;
use crate::python::{show, show_item};

struct SimpleIterator {
    limit: u32,
    counter: u32,
}

impl SimpleIterator {
    fn new(limit: u32) -> Self {
        SimpleIterator { limit, counter: 0 }
    }
}

impl Iterator for SimpleIterator {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.counter < self.limit {
            self.counter += 1;
            Some(1)
        } else {
            None // raise StopIteration
        }
    }
}

pub(crate) fn run() {
    let mut s_iter1 = SimpleIterator::new(3);
    for _ in 0..4 {
        show_item(s_iter1.next()); // print(next(s_iter1))
    }

    let s_iter2 = SimpleIterator::new(5);
    for i in s_iter2 {
        say!("{i}");
    }

    // Any iterator is also a generator: one that ignores what is sent to it.
    say!("# as a generator: from_iter(SimpleIterator(3))");
    let mut s_iter3 = from_iter(SimpleIterator::new(3));
    for _ in 0..4 {
        show(s_iter3.next());
    }
}
