//! Iterators: `for` over a list, then the same by hand with `iter()` and
//! `next()`, then `iter(iter1) is iter1`.
//!
//! ```python
//! num_list = [1, 2, 3, 4, 5]
//! for i in num_list:
//!     print(i)
//! 1
//! 2
//! 3
//! 4
//! 5
//! ```
//!
//! ```python
//! itr = iter(num_list)
//! print(next(itr))
//! 1
//! print(next(itr))
//! 2
//! print(next(itr))
//! 3
//! print(next(itr))
//! 4
//! print(next(itr))
//! 5
//! print(next(itr))
//! # Traceback(most recent call last):
//! # File "<pyshell#12>", line1, in < module > print(next(itr))
//! # StopIteration
//! ```
//!
//! ```python
//! numbers = [1,2,3,4,5]
//! iter1 = iter(numbers)
//! iter2 = iter(iter1)
//! next(iter1)
//! # 1
//! next(iter2)
//! # 2
//! iter1 is iter2
//! # True
//! ```
//!
//! The seed prints (the tour prints only a traceback's last line):
//!
//! ```text
//! 1
//! 2
//! 3
//! 4
//! 5
//! 1
//! 2
//! 3
//! 4
//! 5
//! StopIteration
//! 1
//! 2
//! True
//! ```
//!
//! Rust's `for` is the same protocol: `IntoIterator::into_iter` is `iter()`,
//! `Iterator::next` is `next()`, and `None` is `StopIteration`.

use crate::console::say;
use crate::python::{repr_bool, show_item};

pub(crate) fn run() {
    let num_list = [1, 2, 3, 4, 5];
    for i in num_list {
        say!("{i}");
    }

    let mut itr = num_list.iter();
    for _ in 0..6 {
        show_item(itr.next()); // print(next(itr)); the sixth is StopIteration
    }

    let numbers = [1, 2, 3, 4, 5];
    let mut iter1 = numbers.iter();
    // Where iter1 lives: what `is` compares. Only compared, never read.
    let iter1_identity: *const _ = &iter1;
    show_item(iter1.next()); // next(iter1)

    // iter2 = iter(iter1): not a new iterator but the same one, borrowed.
    // Rust lets one name advance it at a time, so iter2 comes after next(iter1).
    let iter2 = iter1.by_ref();
    show_item(iter2.next()); // next(iter2) goes on where iter1 stopped
    say!("{}", repr_bool(std::ptr::eq(iter1_identity, iter2))); // iter1 is iter2
}
