//! `yield from` a generator: the subgenerator's values pass through the
//! delegating generator as if it yielded them itself.
//!
//! ```python
//! def subgenerator():
//!     yield 'World'
//!
//!
//! def generator():
//!     yield 'Hello,'
//!     yield from subgenerator()  # Запрашиваем значение из функции subgenerator()
//!     yield '!'
//!
//!
//! for i in generator():
//!     print(i, end=' ')
//! ```
//!
//! The seed prints (with a space after `!`, from the last `end=' '`):
//!
//! ```text
//! Hello, World !
//! ```
//!
//! Python leaves the line unfinished; the tour ends it, so the next program
//! starts on a line of its own.
//!
//! A body that only yields and delegates, one statement after another, is
//! [`chain`](resumable::Generator::chain): `a.chain(b)` is
//! `yield from a; yield from b`, and `once(v)` is a generator whose body is
//! `yield v`. The state machine Python builds for `generator()` (where it
//! is paused, with the subgenerator inside that state while it delegates)
//! is written out by hand in the crate docs, section 5, with
//! [`yield_from!`](resumable::yield_from!): this program is that machine,
//! assembled from parts.

use resumable::generator::{once, Once};
use resumable::Generator;

use crate::console::{say, say_inline};

/// `subgenerator()` yields one value, which is exactly what `once` is.
fn subgenerator() -> Once<&'static str> {
    once("World")
}

/// `generator()`: `yield 'Hello,'`, `yield from subgenerator()`, `yield '!'`.
fn generator(
) -> impl Generator<Yield = &'static str, Return = (), Error = core::convert::Infallible> {
    once("Hello,").chain(subgenerator()).chain(once("!"))
}

pub(crate) fn run() {
    for i in generator().iter() {
        say_inline!("{i} "); // print(i, end=' ')
    }
    say!();
}
