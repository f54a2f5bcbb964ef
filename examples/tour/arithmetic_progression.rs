//! An arithmetic progression twice: as an iterator class, then as a
//! generator, which needs less bookkeeping.
//!
//! ```python
//! class AP:
//!     def __init__(self, a1, d, size):
//!         self.ele = a1
//!         self.diff = d
//!         self.len = size
//!         self.count = 0
//!
//!     def __iter__(self):
//!         return self
//!
//!     def __next__(self):
//!         if self.count >= self.len:
//!             raise StopIteration
//!         elif self.count == 0:
//!             self.count += 1
//!             return self.ele
//!         else:
//!             self.count += 1
//!             self.ele += self.diff
//!             return self.ele
//!
//!
//! for ele in AP(1, 2, 10):
//!     print(ele)
//! ```
//!
//! ```python
//! def ap(a1, d, size):
//!     count = 1
//!     while count <= size:
//!         yield a1
//!         a1 += d
//!         count += 1
//!
//!
//! for ele in ap(1, 2, 10):
//!     print(ele)
//! ```
//!
//! The seed prints no output; each loop prints the ten terms `1 3 5 … 19`,
//! one per line:
//!
//! ```text
//! 1
//! 3
//! 5
//! 7
//! 9
//! 11
//! 13
//! 15
//! 17
//! 19
//! ```
//!
//! The generator's state machine keeps only what the Python function keeps,
//! plus one flag: whether it is paused at `yield a1`, with the rest of the
//! loop body still to run.

use core::convert::Infallible;

use resumable::{
    Generator,
    GeneratorState::{Complete, Yielded},
    Outcome, Resume,
};

use crate::console::say;

struct AP {
    ele: i64,
    diff: i64,
    len: u32,
    count: u32,
}

impl AP {
    fn new(a1: i64, d: i64, size: u32) -> Self {
        AP {
            ele: a1,
            diff: d,
            len: size,
            count: 0,
        }
    }
}

impl Iterator for AP {
    type Item = i64;

    fn next(&mut self) -> Option<i64> {
        if self.count >= self.len {
            None // raise StopIteration
        } else if self.count == 0 {
            self.count += 1;
            Some(self.ele)
        } else {
            self.count += 1;
            self.ele += self.diff;
            Some(self.ele)
        }
    }
}

struct Ap {
    a1: i64,
    d: i64,
    size: u32,
    count: u32,
    paused_at_yield: bool,
}

fn ap(a1: i64, d: i64, size: u32) -> Ap {
    Ap {
        a1,
        d,
        size,
        count: 1,
        paused_at_yield: false,
    }
}

impl Generator for Ap {
    type Yield = i64;
    type Return = ();
    type Error = Infallible;

    fn resume(&mut self, input: Resume) -> Outcome<i64> {
        input.sent()?;
        if self.paused_at_yield {
            // The rest of the loop body, after `yield a1`.
            self.a1 += self.d;
            self.count += 1;
        }
        if self.count <= self.size {
            self.paused_at_yield = true;
            Ok(Yielded(self.a1))
        } else {
            Ok(Complete(()))
        }
    }
}

pub(crate) fn run() {
    for ele in AP::new(1, 2, 10) {
        say!("{ele}");
    }
    for ele in ap(1, 2, 10).iter() {
        say!("{ele}");
    }
}
