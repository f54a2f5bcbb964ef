//! A generator that ends: after its last `yield`, `next()` raises
//! `StopIteration`.
//!
//! ```python
//! >>> def custom_range(number):
//! ...     index = 0
//! ...     while index < number:
//! ...         yield index
//! ...         index += 1
//! ...
//! >>> range_of_four = custom_range(4)
//! >>> next(range_of_four)
//! 0
//! >>> next(range_of_four)
//! 1
//! >>> next(range_of_four)
//! 2
//! >>> next(range_of_four)
//! 3
//! >>> next(range_of_four)
//! Traceback (most recent call last):
//!   File "<stdin>", line 1, in <module>
//! StopIteration
//! ```
//!
//! The seed prints (the tour prints only a traceback's last line):
//!
//! ```text
//! 0
//! 1
//! 2
//! 3
//! StopIteration
//! ```
//!
//! A plain generator, one that is never sent anything, needs no more code
//! than an `Iterator`: `Yielded(v)` is `Some(v)`, `Complete(())` is `None`.

use core::convert::Infallible;

use resumable::{
    Generator,
    GeneratorState::{Complete, Yielded},
    Outcome, Resume,
};

use crate::python::show;

struct CustomRange {
    index: u32,
    number: u32,
}

fn custom_range(number: u32) -> CustomRange {
    CustomRange { index: 0, number }
}

impl Generator for CustomRange {
    type Yield = u32;
    type Return = ();
    type Error = Infallible;

    fn resume(&mut self, input: Resume) -> Outcome<u32> {
        input.sent()?; // a throw propagates and a close finishes us, as in Python
        if self.index < self.number {
            self.index += 1; // the `index += 1` after the yield, done before it
            Ok(Yielded(self.index - 1))
        } else {
            Ok(Complete(()))
        }
    }
}

pub(crate) fn run() {
    let mut range_of_four = custom_range(4);
    for _ in 0..5 {
        show(range_of_four.next()); // >>> next(range_of_four)
    }
}
