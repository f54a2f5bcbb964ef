//! The `@coroutine` decorator: prime a coroutine once, where it is made, so
//! nobody has to remember the `next(c)`.
//!
//! ```python
//! def coroutine(f):
//!     def wrap(*args, **kwargs):
//!         gen = f(*args, **kwargs)
//!         gen.send(None)
//!         return gen
//!
//!     return wrap
//!
//!
//! @coroutine
//! def calc():
//!     history = []
//!     while True:
//!         x, y = (yield)
//!         if x == 'h':
//!             print(history)
//!             continue
//!         result = x + y
//!         print(result)
//!         history.append(result)
//! ```
//!
//! The seed shows only the definitions. Sent what the second calculator was
//! sent, without the `next(c)`, it prints what that one printed:
//!
//! ```text
//! 3
//! 130
//! 666
//! [3, 130, 666]
//! ```
//!
//! `prime` is the decorator: it runs the coroutine to its first `yield` and
//! hands it back as a generator object, already suspended.

use resumable::{generator::prime, Generator};

use crate::calculator::{pair_calc, Entry};
use crate::python::{discard, discard_close};

pub(crate) fn run() {
    // c = calc() with the decorator: the send(None) has already happened.
    let mut c = prime(pair_calc());
    discard(c.send((Entry::Number(1), 2)));
    discard(c.send((Entry::Number(100), 30)));
    discard(c.send((Entry::Number(666), 0)));
    discard(c.send((Entry::History, 0)));
    discard_close(c.close());
}
