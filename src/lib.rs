//! Python's generators and coroutines — `next`, `send`, `throw`, `close` and
//! `yield from` — as explicit, hand-rolled Rust state machines.
//!
//! No `async` inside, no macros that rewrite your code, no stack switching:
//! a generator is a value with a [`resume`](Generator::resume) method, and
//! you can read every step it takes. The crate follows CPython's rules
//! (PEP 255, 342 and 380) and costs what the hand-written state machine
//! behind it costs: through the trait, and through ten levels of
//! `yield from`, the compiler emits the very same machine code (see
//! `docs/performance.md`).
//!
//! This page is a lesson in five steps, each beside the Python it mirrors.
//! `docs/python-to-rust.md` maps every construct of the lectures to this
//! crate, and `docs/design.md` explains why it is built this way.
//!
//! # 1. Iterators
//!
//! Python's `for` asks an iterator for `next` until `StopIteration`:
//!
//! ```python
//! itr = iter([1, 2])
//! next(itr)   # 1
//! next(itr)   # 2
//! next(itr)   # StopIteration
//! ```
//!
//! Rust's [`Iterator`] is the same protocol, with `None` for
//! `StopIteration`. Every iterator is also a generator: [`from_iter`](generator::from_iter) turns
//! any `IntoIterator` into one, which is Python's `yield from iterable`.
//!
//! ```
//! use resumable::{generator::from_iter, Generator, GeneratorState::{Complete, Yielded}};
//!
//! let mut itr = from_iter([1, 2]);
//! assert_eq!(itr.next(), Ok(Yielded(1)));
//! assert_eq!(itr.next(), Ok(Yielded(2)));
//! assert_eq!(itr.next(), Ok(Complete(()))); // StopIteration
//! ```
//!
//! # 2. Generators
//!
//! A generator function keeps its place between calls:
//!
//! ```python
//! def custom_range(number):
//!     index = 0
//!     while index < number:
//!         yield index
//!         index += 1
//! ```
//!
//! Here, the place is kept in a struct you write, and the body is its
//! [`resume`](Generator::resume) method. It gets the caller's request (a
//! [`Resume`]) and reports what happened (an [`Outcome`]): it
//! [`Yielded`](GeneratorState::Yielded) a value, or it
//! [`Complete`](GeneratorState::Complete)d with a return value.
//!
//! ```
//! use core::convert::Infallible;
//! use resumable::{Generator, GeneratorState::{Complete, Yielded}, Lifecycle, Outcome, Resume};
//!
//! struct CustomRange { index: u32, number: u32 }
//!
//! impl Generator for CustomRange {
//!     type Yield = u32;
//!     type Return = ();
//!     type Error = Infallible;
//!
//!     fn resume(&mut self, input: Resume) -> Outcome<u32> {
//!         input.sent()?;
//!         if self.index < self.number {
//!             self.index += 1;
//!             Ok(Yielded(self.index - 1))
//!         } else {
//!             Ok(Complete(()))
//!         }
//!     }
//! }
//!
//! fn custom_range(number: u32) -> CustomRange {
//!     CustomRange { index: 0, number }
//! }
//!
//! let numbers: Vec<u32> = custom_range(4).iter().collect(); // for i in custom_range(4)
//! assert_eq!(numbers, [0, 1, 2, 3]);
//!
//! // A generator object knows where it is: inspect.getgeneratorstate(gen).
//! let mut range_of_four = custom_range(4).tracked();
//! assert_eq!(range_of_four.state(), Lifecycle::Created);
//! assert_eq!(range_of_four.next(), Ok(Yielded(0)));
//! assert_eq!(range_of_four.state(), Lifecycle::Suspended);
//! ```
//!
//! `input.sent()?` is the one line a plain generator adds to an iterator's
//! `next`: it is the `yield` expression itself, and its `?` lets an error
//! thrown in, or a request to close, end the generator as Python would.
//!
//! [`Tracked`] is the generator *object* of Python: it records the
//! [`Lifecycle`] and refuses misuse with a clear panic, such as resuming a
//! generator that has finished. The state machine itself stays as small as
//! what you would write by hand.
//!
//! # 3. Sending values
//!
//! A generator that receives values is a coroutine (PEP 342). The lecture's
//! calculator keeps a history:
//!
//! ```python
//! def calc():
//!     history = []
//!     while True:
//!         x = yield
//!         if x == 'h':
//!             print(history)
//!             continue
//!         print(x)
//!         history.append(x)
//!
//! c = calc()
//! next(c)      # prime it: run to the first `yield`
//! c.send(1)
//! c.send(100)
//! c.send(666)
//! c.send('h')
//! c.close()
//! ```
//!
//! The sent type is the trait's parameter, `Generator<S>`. `input.sent()?`
//! is now `Some(value)` for `send(value)`, and `None` for `next()`, exactly
//! the `None` Python's `x = yield` receives from `next`.
//!
//! ```
//! use core::convert::Infallible;
//! use resumable::{Generator, GeneratorState::Yielded, Lifecycle, Outcome, Resume};
//!
//! enum Entry { Number(i64), History } // Python sends ints, or the string 'h'
//!
//! struct Calc { history: Vec<i64> }
//!
//! impl Generator<Entry> for Calc {
//!     type Yield = ();
//!     type Return = ();
//!     type Error = Infallible;
//!
//!     fn resume(&mut self, input: Resume<Entry>) -> Outcome<()> {
//!         match input.sent()? {
//!             Some(Entry::History) => println!("{:?}", self.history),
//!             Some(Entry::Number(x)) => {
//!                 println!("{x}");
//!                 self.history.push(x);
//!             }
//!             None => {} // next(c): the priming step
//!         }
//!         Ok(Yielded(()))
//!     }
//! }
//!
//! let mut c = Calc { history: Vec::new() }.tracked();
//! assert_eq!(c.next(), Ok(Yielded(())));
//! for x in [1, 100, 666] {
//!     assert_eq!(c.send(Entry::Number(x)), Ok(Yielded(())));
//! }
//! assert_eq!(c.send(Entry::History), Ok(Yielded(())));
//! assert_eq!(c.get_ref().history, [1, 100, 666]);
//! assert_eq!(c.close(), Ok(None));
//! assert_eq!(c.state(), Lifecycle::Closed);
//! ```
//!
//! Output:
//!
//! ```text
//! 1
//! 100
//! 666
//! [1, 100, 666]
//! ```
//!
//! The lecture's `@coroutine` decorator, which primes a coroutine so that
//! the first call can be `send`, is [`prime()`]:
//! `let mut c = prime(Calc { history: Vec::new() });`.
//!
//! # 4. Throwing in and closing
//!
//! [`throw`](Generator::throw) raises an error where the generator is
//! suspended, and [`close`](Generator::close) raises `GeneratorExit` there,
//! so that cleanup runs. A generator that handles them says so in its own
//! `match` on the input, as a Python generator says so with `try`:
//!
//! ```python
//! def reader():
//!     try:
//!         while True:
//!             try:
//!                 yield 'line'
//!             except ValueError:
//!                 yield 'skipped'
//!     finally:
//!         print('file closed')
//! ```
//!
//! ```
//! use resumable::{Exception, Generator, GeneratorState::Yielded, Outcome, Resume};
//!
//! #[derive(Debug, PartialEq)]
//! struct ValueError;
//!
//! struct Reader { started: bool }
//!
//! impl Generator for Reader {
//!     type Yield = &'static str;
//!     type Return = ();
//!     type Error = ValueError;
//!
//!     fn resume(&mut self, input: Resume<(), ValueError>) -> Outcome<&'static str, (), ValueError> {
//!         if !self.started {
//!             input.sent()?; // not in the `try` yet: nothing to clean up
//!             self.started = true;
//!             return Ok(Yielded("line"));
//!         }
//!         match input {
//!             Resume::Throw(ValueError) => Ok(Yielded("skipped")),
//!             Resume::Close => {
//!                 println!("file closed");
//!                 Err(Exception::GeneratorExit)
//!             }
//!             Resume::Next | Resume::Send(()) => Ok(Yielded("line")),
//!         }
//!     }
//! }
//!
//! let mut reader = Reader { started: false };
//! assert_eq!(reader.next(), Ok(Yielded("line")));
//! assert_eq!(reader.throw(ValueError), Ok(Yielded("skipped")));
//! assert_eq!(reader.close(), Ok(None));
//! ```
//!
//! Output:
//!
//! ```text
//! file closed
//! ```
//!
//! The rules are CPython's: an error thrown into a generator that has not
//! started is raised before any of its code runs; into a finished one, it
//! comes straight back; closing either does nothing. A generator that
//! yields while closing gets [`CloseError::IgnoredExit`], Python's
//! `RuntimeError: generator ignored GeneratorExit`; one that returns a value
//! while closing hands it back, as Python 3.13's `close()` does.
//!
//! **Dropping** a suspended generator does not run its cleanup: it is a Rust
//! value, and dropping it drops its fields. Python closes a generator when
//! it collects it; ask for that with
//! [`close_on_drop`](Generator::close_on_drop).
//!
//! # 5. `yield from`
//!
//! A generator can hand its caller over to another one (PEP 380):
//!
//! ```python
//! def subgenerator():
//!     yield 'World'
//!
//! def generator():
//!     yield 'Hello,'
//!     yield from subgenerator()
//!     yield '!'
//! ```
//!
//! Inside a hand-written `resume`, [`yield_from!`] is that `yield from`: it
//! passes the caller's input to the subgenerator, suspends with the
//! subgenerator's yields, and evaluates to the subgenerator's return value
//! when it is done. Throws reach the innermost generator first; closing
//! closes the innermost generator first.
//!
//! ```
//! use core::convert::Infallible;
//! use resumable::{generator::{once, Once}, yield_from, Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
//!
//! enum HelloWorld { Start, Hello, Sub(Once<&'static str>), Bang }
//!
//! impl Generator for HelloWorld {
//!     type Yield = &'static str;
//!     type Return = ();
//!     type Error = Infallible;
//!
//!     fn resume(&mut self, mut input: Resume) -> Outcome<&'static str> {
//!         loop {
//!             match self {
//!                 HelloWorld::Start => {
//!                     input.sent()?;
//!                     *self = HelloWorld::Hello;
//!                     return Ok(Yielded("Hello,"));
//!                 }
//!                 HelloWorld::Hello => {
//!                     input.sent()?;
//!                     *self = HelloWorld::Sub(once("World")); // subgenerator()
//!                     input = Resume::Next; // `yield from` starts with next(sub)
//!                 }
//!                 HelloWorld::Sub(sub) => {
//!                     yield_from!(sub, input)?;
//!                     *self = HelloWorld::Bang;
//!                     return Ok(Yielded("!"));
//!                 }
//!                 HelloWorld::Bang => {
//!                     input.sent()?;
//!                     return Ok(Complete(()));
//!                 }
//!             }
//!         }
//!     }
//! }
//!
//! let words: Vec<_> = HelloWorld::Start.iter().collect();
//! assert_eq!(words.join(" "), "Hello, World !");
//! ```
//!
//! When all a generator does is delegate, the adapters say it in one line:
//! `once("Hello,").chain(once("World")).chain(once("!"))` is the same
//! generator ([`chain`](Generator::chain)), and [`generator::yield_from()`] is
//! `def g(): return (yield from sub)`.
//!
//! # The three types
//!
//! | flows | Python | here |
//! |---|---|---|
//! | out, many times | `yield value` | [`Generator::Yield`], in `Ok(Yielded(value))` |
//! | in, many times | `x = yield` ← `gen.send(x)` | the parameter `S` of `Generator<S>`, from [`Resume::Send`] |
//! | out, once | `return value` → `StopIteration.value` | [`Generator::Return`], in `Ok(Complete(value))` |
//! | out, instead | `raise error` | [`Generator::Error`], in `Err(Exception::Raised(error))` |
//!
//! # Laziness
//!
//! Creating a generator runs none of its code; only resuming does. A
//! generator that is created and never resumed is almost always a bug —
//! Python warns "coroutine ... was never awaited" — so every generator type
//! here is `#[must_use]`, and the compiler warns when one is dropped unused:
//!
//! ```compile_fail
//! #![deny(unused_must_use)]
//! resumable::generator::once(1); // error: unused `Once` that must be used
//! ```
//!
//! # Cargo features
//!
//! - `std` (default): the [`scheduler`] and its `sync` primitives,
//!   `bridge::block_on`, and reports of a failed close-on-drop on stderr,
//!   as Python's "Exception ignored in" does. Implies `alloc`.
//! - `alloc`: `Box<dyn Generator>` is a generator, and the trampoline for
//!   deep delegation (`generator::Trampoline`) is there.
//!
//! With neither, the crate is `#![no_std]` and allocates nothing; the
//! protocol, its adapters and the [`bridge`]'s two adapters remain.
//!
//! # Comparison
//!
//! | | this crate | `Iterator` | nightly `Coroutine` | genawaiter | corosensei |
//! |---|---|---|---|---|---|
//! | a generator is | your state machine | your state machine | a `#[coroutine]` closure | an `async` block | a closure on its own stack |
//! | values sent in | yes | no | yes | yes | yes |
//! | `throw`, `close` with CPython's rules | yes | no | no | no | no |
//! | `yield from` with PEP 380's rules | [`yield_from!`] | no | no | no | no |
//! | stable Rust | yes | yes | no | yes | yes |
//!
//! # FAQ
//!
//! **Why not `async`/`await`?** Because the point is to see the state
//! machine. `async fn` compiles to a state machine much like the ones on
//! this page; writing it by hand shows what `await` (and `yield from`)
//! does; [`bridge`] turns one into the other, both ways.
//!
//! **Why does `Generator` take the send type as a parameter?** So that the
//! value sent in can borrow differently on each resume (as
//! `Generator<&mut Context<'_>>` will for futures); nightly's `Coroutine<R>`
//! does the same.
//!
//! **Can a generator be resumed while it runs?** No, and not because of a
//! runtime check: resuming takes `&mut self`, so it does not compile.
//! Python raises `ValueError: generator already executing`.
//!
//! # The bridge to `Future`
//!
//! An `async fn` is a state machine like the ones above, resumed by
//! `poll` as a coroutine is by `send(None)`. So a generator whose yields
//! mean "not ready yet" is a `Future` ([`bridge::to_future`], Python's
//! `@types.coroutine`), and a `Future` is a generator
//! ([`bridge::from_future`]; in a scheduler task, `scheduler::wrap_future`).
//! Both adapters are `no_std`; `bridge::block_on` needs `std`.
//!
//! ```
//! use resumable::bridge::{block_on, to_future};
//! use resumable::{generator::from_iter, Generator};
//!
//! // async def f(): await not_ready_yet(); await not_ready_yet(); return 123
//! let f = from_iter([(), ()]).map_return(|()| 123);
//! assert_eq!(block_on(async { to_future(f).await }), 123);
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![doc(test(attr(deny(warnings))))]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

// Generators as `Future`s and back: `no_std`, except `block_on`.
pub mod bridge;
pub mod generator;
#[cfg(feature = "std")]
pub mod scheduler;
#[cfg(feature = "std")]
pub mod sync;

// The function `generator::yield_from` is deliberately not re-exported
// here: at the root, `yield_from` is the macro alone, so that
// `use resumable::yield_from;` (the macro) and
// `use resumable::generator::yield_from;` (the function) can sit side by
// side in one file.
#[doc(inline)]
pub use crate::generator::{
    prime, prime_first, CloseError, Exception, Generator, GeneratorState, Lifecycle, Outcome,
    Resume, Tracked,
};

/// The README's examples run as doc tests, so that they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
