//! A generator function's call makes a generator object, a coroutine
//! function's call a coroutine object, and neither runs: the REPL shows
//! their `repr` (seed 001, lines 840 and 849; seed 004, line 102).
//!
//! ```python
//! def x():
//!     yield 1
//!
//! x()
//!
//! async def main():
//!     print(f'{time.ctime()} Hello!')
//!     await asyncio.sleep(3)
//!     print(f'{time.ctime()} Goodbye!')
//!
//! main()
//!
//! async def rocket():
//!     print(1)
//!     await asyncio.sleep(1)
//!     print(2)
//!     await asyncio.sleep(1)
//!     print(3)
//!     await asyncio.sleep(1)
//!     print("Go!")
//!
//! rocket()
//! ```
//!
//! The notebooks echo each call's value; CPython 3.11, printing them
//! (`print(x())`), prints the same, at addresses of its own:
//!
//! ```text
//! <generator object x at 0x7f843051f820>
//! <coroutine object main at 0x7f843055d3c0>
//! <coroutine object rocket at 0x79742decab90>
//! ```
//!
//! and, when the two coroutines are collected, warns on stderr that they
//! were never awaited. None of the bodies runs: no `Hello!`, no `1`.
//!
//! [`repr`] makes the same line from the function itself: calls it, names
//! it by its Rust name (`std::any::type_name` of the function, last
//! segment), calls the object a coroutine if it yields the loop's
//! [`Request`]s and a generator otherwise, and prints the address where the
//! object lives (on the heap, as Python's objects do). The addresses
//! differ from run to run, as Python's do; the test pins the shape. The
//! objects are dropped unrun, as the notebook drops them, without a
//! warning: the value was used, by `repr`.

use core::any::{type_name, TypeId};

use resumable::generator::{lazy, once, sequence, Generator};
use resumable::scheduler::{sleep, Request};

use crate::asyncio::{secs, Coroutine, Ctime, SECOND};
use crate::console::say;

/// `repr(f())`: `<generator object x at 0x...>`, `<coroutine object main at 0x...>`.
fn repr<G: Generator<Yield: 'static>>(f: impl FnOnce() -> G) -> String {
    let name = type_name_of(&f).rsplit("::").next().unwrap_or_default();
    let is_coroutine = TypeId::of::<G::Yield>() == TypeId::of::<Request>();
    let kind = if is_coroutine {
        "coroutine"
    } else {
        "generator"
    };
    // Boxed, to live on the heap as Python's objects do (and to have an
    // address of its own: a zero-sized value's need not be).
    format!("<{kind} object {name} at {:p}>", Box::new(f()))
}

/// The name of `f`'s type: for a function, its path.
fn type_name_of<T>(_: &T) -> &'static str {
    type_name::<T>()
}

/// `x()`.
fn x() -> impl Generator<Yield = u32> {
    once(1)
}

/// `main()` of seed 001.
fn main() -> impl Coroutine {
    let ctime = Ctime::starting_at(21, 2, 2);
    lazy(move || {
        say!("{} Hello!", ctime.now());
        sleep(secs(3))
    })
    .map_return(move |()| say!("{} Goodbye!", ctime.now()))
}

/// `rocket()` of seed 004.
fn rocket() -> impl Coroutine {
    let count = (1..=3).map(|i| {
        lazy(move || {
            say!("{i}");
            sleep(SECOND)
        })
    });
    sequence(count).map_return(|()| say!("Go!"))
}

pub(crate) fn run() {
    say!("{}", repr(x));
    say!("{}", repr(main));
    say!("{}", repr(rocket));
}
