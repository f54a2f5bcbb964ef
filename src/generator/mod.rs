//! The generator protocol: [`Generator`], its inputs and outcomes, and the
//! sources and adapters built on it.
//!
//! This is the layer the rest of the crate stands on. It is `no_std` and
//! allocation-free (only the `Box` impl needs the `alloc` feature).
//!
//! # Map of the module
//!
//! | Python | here |
//! |---|---|
//! | a generator function's body | a type implementing [`Generator`] |
//! | the generator object (with `gi_frame`, its state) | [`Tracked`] |
//! | `next`, `send`, `throw`, `close` | [`Generator::next`], [`send`](Generator::send), [`throw`](Generator::throw), [`close`](Generator::close) |
//! | `inspect.getgeneratorstate` | [`Tracked::state`] → [`Lifecycle`] |
//! | `yield from sub` inside a body | [`yield_from!`](crate::yield_from!) (one step: [`delegate()`]) |
//! | `def g(): return (yield from sub)` | [`yield_from()`] → [`YieldFrom`] (this module's function; `resumable::yield_from` is the macro) |
//! | `yield from iterable` | [`from_iter()`] → [`FromIter`] |
//! | `yield value` once / a bare `return` | [`once()`], [`empty()`] |
//! | a generator written as one closure | [`from_fn()`] → [`FromFn`] |
//! | `for x in gen` | [`Generator::iter`] → [`Iter`] |
//! | `for x in gen` when `gen` may raise | [`Generator::try_iter`] → [`TryIter`] |
//! | `@coroutine` (prime to the first `yield`) | [`prime()`]; [`prime_first()`] hands back what it yielded |
//! | `yield from range(n)` in a coroutine sent values | [`Generator::without_send`] → [`WithoutSend`], [`AttributeError`] |
//! | garbage collection calling `close()` | [`Generator::close_on_drop`] → [`CloseOnDrop`] |
//! | a recursive generator (`yield from` itself, any depth) | a [`Frame`] run by [`trampoline()`] → [`Trampoline`] (`alloc`) |
//! | a plain generator under a recursive one | [`leaf()`] → [`Leaf`], a frame that never delegates (`alloc`) |
//!
//! Adapters that change a generator: [`map_yield`](Generator::map_yield),
//! [`map_return`](Generator::map_return), [`with_error`](Generator::with_error),
//! [`without_send`](Generator::without_send), [`chain`](Generator::chain).
//!
//! Combinators that sequence generators, so that a coroutine's body of
//! `await`s needs no hand-written stage enum:
//!
//! | Python | here |
//! |---|---|
//! | `r = await a; return await f(r)` | [`a.then(f)`](Generator::then) → [`Then`] |
//! | `r = await a; if bad: raise e; return await f(r)` | [`a.and_then(f)`](Generator::and_then) → [`AndThen`] |
//! | `return f(await a)` | [`a.map_return(f)`](Generator::map_return) → [`MapReturn`] |
//! | `try: return await a except E as e: raise f(e)` | [`a.map_err(f)`](Generator::map_err) → [`MapErr`] |
//! | `try: return await a except E as e: return await f(e)` | [`a.or_else(f)`](Generator::or_else) → [`OrElse`] |
//! | `try: return await a finally: f()` | [`a.finally(f)`](Generator::finally) → [`Finally`] |
//! | `for aw in aws: await aw` | [`sequence()`] → [`Sequence`] |
//! | `while ...: await body(state)` | [`loop_fn()`] → [`LoopFn`] |
//! | `async def f(): return v` | [`ready()`] → [`Ready`] |
//! | `async def f(): print(...); await g()` (code before the first `await`) | [`lazy()`] → [`Lazy`] |
//!
//! # Deep delegation
//!
//! Each `yield from` is a level the item passes through: a generator nested
//! a thousand deep behind `Box<dyn Generator>` is resumed through a thousand
//! calls per item, as a recursive Python generator is (CPython pays about
//! 26 ns per level). When the nesting is known at compile time, the compiler
//! flattens it and the levels cost nothing; when it is not (a tree walk, a
//! recursive parser), write the generator as a [`Frame`] and run it on a
//! [`trampoline()`]: a frame hands its subgenerator to the trampoline
//! ([`Suspend::YieldFrom`]) instead of running it, the trampoline keeps the
//! frames on a stack and resumes only the innermost, and an item costs the
//! same at depth 1 000 as at depth 1, with `send`, `throw`, `close` and
//! return values following PEP 380 exactly as [`yield_from!`](crate::yield_from!)
//! does. It is David Beazley's trampoline from his pyos scheduler.

mod adapters;
mod close_on_drop;
mod combinators;
mod lifecycle;
mod outcome;
mod prime;
mod resume;
mod sources;
mod tracked;
#[cfg(feature = "alloc")]
mod trampoline;

pub use self::adapters::{
    chain::Chain,
    delegate::delegate,
    iter::Iter,
    map_return::MapReturn,
    map_yield::MapYield,
    try_iter::TryIter,
    with_error::WithError,
    without_send::{AttributeError, WithoutSend},
    yield_from::{yield_from, YieldFrom},
};
pub(crate) use self::close_on_drop::report_failed_close;
pub use self::close_on_drop::CloseOnDrop;
pub use self::combinators::{
    and_then::AndThen,
    finally::Finally,
    lazy::{lazy, Lazy},
    loop_fn::{loop_fn, LoopFn},
    map_err::MapErr,
    or_else::OrElse,
    ready::{ready, Ready},
    sequence::{sequence, Sequence},
    then::Then,
};
pub use self::lifecycle::Lifecycle;
pub use self::outcome::{CloseError, Exception, GeneratorState, Outcome};
pub use self::prime::{prime, prime_first};
pub use self::resume::Resume;
pub use self::sources::{
    empty::{empty, Empty},
    from_fn::{from_fn, FromFn},
    from_iter::{from_iter, FromIter},
    once::{once, Once},
};
pub use self::tracked::Tracked;
#[cfg(feature = "alloc")]
pub use self::trampoline::{
    leaf, trampoline, BoxFrame, Frame, Leaf, MapFrameReturn, Received, Suspend, Trampoline,
};

#[doc(hidden)]
pub mod __private {
    pub use super::adapters::delegate::YieldFromStep;
}

use core::convert::Infallible;

/// A resumable computation with Python's generator protocol: it yields
/// values, receives values, can have errors thrown into it, can be asked to
/// close, and finally returns a value.
///
/// A type implementing `Generator` is the body of a Python generator function
/// written as an explicit state machine. Its one required method,
/// [`resume`](Generator::resume), is CPython's `gen_send_ex`: it gets a
/// [`Resume`] (next, send, throw or close) and runs to the next `yield`, a
/// `return`, or an exception, reported as an [`Outcome`].
///
/// # The three types
///
/// A generator talks to its caller through three values:
///
/// - it **yields** [`Yield`](Generator::Yield) values (Python's `yield v`),
/// - it **receives** `S` values (Python's `x = yield`, fed by `g.send(v)`),
/// - it **returns** one [`Return`](Generator::Return) value when it finishes
///   (Python's `return v`, seen as `StopIteration.value`).
///
/// and may **raise** an [`Error`](Generator::Error), which is also the type
/// of errors that can be thrown into it. Use [`Infallible`] when it raises
/// nothing: the error then costs nothing, neither in size nor in checks.
///
/// # Implementing
///
/// A plain generator needs no more than an [`Iterator`] does. Python's
///
/// ```python
/// def custom_range(number):
///     index = 0
///     while index < number:
///         yield index
///         index += 1
/// ```
///
/// is, as a hand-written state machine:
///
/// ```
/// use core::convert::Infallible;
/// use resumable::{Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
///
/// struct CustomRange { index: u32, number: u32 }
///
/// impl Generator for CustomRange {
///     type Yield = u32;
///     type Return = ();
///     type Error = Infallible;
///
///     fn resume(&mut self, input: Resume) -> Outcome<u32> {
///         input.sent()?; // a throw propagates and a close finishes us, as in Python
///         if self.index < self.number {
///             self.index += 1;
///             Ok(Yielded(self.index - 1))
///         } else {
///             Ok(Complete(()))
///         }
///     }
/// }
///
/// let mut range_of_four = CustomRange { index: 0, number: 4 };
/// assert_eq!(range_of_four.next(), Ok(Yielded(0)));
/// assert_eq!(range_of_four.next(), Ok(Yielded(1)));
/// assert_eq!(range_of_four.next(), Ok(Yielded(2)));
/// assert_eq!(range_of_four.next(), Ok(Yielded(3)));
/// assert_eq!(range_of_four.next(), Ok(Complete(()))); // Python: StopIteration
/// ```
///
/// A generator that cleans up or catches errors says so in its own `match`
/// on the input; see [`throw`](Generator::throw) and [`close`](Generator::close).
///
/// # The protocol
///
/// A caller of `resume` promises what CPython enforces for its generators:
///
/// - the first call is [`Next`](Resume::Next), [`Throw`](Resume::Throw) or
///   [`Close`](Resume::Close), never [`Send`](Resume::Send): a generator that
///   has not started has no `yield` to receive the value;
/// - after the generator finished (it returned, raised, or let
///   `GeneratorExit` out), it is not resumed again.
///
/// So a state machine needs no "finished" state of its own, and handles a
/// throw or close only where it can be suspended (or not yet started,
/// which `input.sent()?` does for it). Python's own rules around the edges
/// (the `TypeError` for sending to a just-started generator, `StopIteration`
/// after the end, `throw` and `close` on a finished generator) live in
/// [`Tracked`], the generator *object*, so that the state machine stays
/// exactly as small and fast as the code you would write by hand. Python's
/// `ValueError: generator already executing` has no counterpart: resuming
/// takes `&mut self`, so re-entering a running generator does not compile.
///
/// # After completion
///
/// [`Tracked`] panics with "generator resumed after completion" when it is
/// resumed with `Next` or `Send` once finished (Python raises
/// `StopIteration` again, but a typed return value cannot be produced
/// twice); throwing into it or closing it stays harmless, as in Python. A
/// bare state machine does whatever its code does: the crate's sources
/// ([`from_iter()`], [`once()`], [`empty()`]) complete again with `()`, which is
/// Python's behaviour for them. Wrap your own machines in [`Tracked`] (or
/// construct them through [`prime()`]) to get the guaranteed panic.
///
/// # Dropping
///
/// Dropping a suspended generator drops its state and runs no more of its
/// code: cleanup written for [`Close`](Resume::Close) does **not** run.
/// Python instead calls `close()` when a suspended generator is garbage
/// collected. To get that behaviour, ask for it with
/// [`close_on_drop`](Generator::close_on_drop).
///
/// # Object safety
///
/// `Box<dyn Generator<S, Yield = Y, Return = R, Error = E>>` is a generator
/// (with the `alloc` feature), and so is `&mut G` for any generator `G`.
#[must_use = "generators are lazy and do nothing unless resumed"]
pub trait Generator<S = ()> {
    /// The type of values this generator yields (Python's `yield value`).
    type Yield;

    /// The type of value this generator returns when it finishes (Python's
    /// `return value`, delivered as `StopIteration.value`).
    type Return;

    /// The type of errors this generator raises, and of errors that can be
    /// thrown into it. [`Infallible`] for a generator that raises nothing.
    type Error;

    /// Runs the generator until it yields, returns or raises, starting with
    /// `input` at the point where it is suspended.
    ///
    /// This is the one method to implement; [`next`](Generator::next),
    /// [`send`](Generator::send), [`throw`](Generator::throw) and
    /// [`close`](Generator::close) all call it.
    ///
    /// # Return value
    ///
    /// - `Ok(Yielded(y))`: the generator is suspended and may be resumed.
    /// - `Ok(Complete(r))`: it returned `r` and is finished.
    /// - `Err(Exception::Raised(e))`: it raised `e` and is finished.
    /// - `Err(Exception::GeneratorExit)`: it let `GeneratorExit` (from
    ///   [`Resume::Close`]) propagate and is finished.
    ///
    /// # Panics
    ///
    /// May panic if the caller breaks [the protocol](Generator#the-protocol);
    /// [`Tracked`] always does, with a message saying what went wrong.
    ///
    /// `#[track_caller]` is deliberately not part of this declaration: it
    /// would make every implementation report its own panics (an `unwrap`
    /// in your state machine) at its caller's line. The crate's own
    /// implementations carry it, so their misuse panics point at your code
    /// whenever the call is statically dispatched.
    fn resume(
        &mut self,
        input: Resume<S, Self::Error>,
    ) -> Outcome<Self::Yield, Self::Return, Self::Error>;

    /// Resumes without a value: Python's `next(gen)`, or `gen.send(None)`.
    ///
    /// This starts a generator, and resumes one whose `yield` expects no value.
    ///
    /// # Return value
    ///
    /// As for [`resume`](Generator::resume).
    ///
    /// # Panics
    ///
    /// [`Tracked`] panics if the generator has already finished.
    ///
    /// # Examples
    ///
    /// ```
    /// use resumable::{generator::from_iter, Generator, GeneratorState::{Complete, Yielded}};
    ///
    /// // Python: itr = iter([1, 2]); next(itr); next(itr); next(itr)
    /// let mut itr = from_iter([1, 2]);
    /// assert_eq!(itr.next(), Ok(Yielded(1)));
    /// assert_eq!(itr.next(), Ok(Yielded(2)));
    /// assert_eq!(itr.next(), Ok(Complete(()))); // StopIteration
    /// ```
    #[track_caller]
    fn next(&mut self) -> Outcome<Self::Yield, Self::Return, Self::Error> {
        self.resume(Resume::Next)
    }

    /// Resumes with a value, which becomes the result of the `yield` the
    /// generator is suspended at: Python's `gen.send(value)`.
    ///
    /// As in Python, where `send(None)` is `next()`, sending a value of a
    /// zero-sized type such as `()` resumes with [`Resume::Next`], whether
    /// the generator is created or suspended (see [`Resume::send`]).
    ///
    /// # Return value
    ///
    /// As for [`resume`](Generator::resume).
    ///
    /// # Panics
    ///
    /// [`Tracked`] panics if the generator has not been started (Python's
    /// `TypeError: can't send non-None value to a just-started generator`;
    /// start it with [`next`](Generator::next) or [`prime()`]) or has finished.
    ///
    /// # Examples
    ///
    /// ```
    /// use resumable::{generator::from_fn, Generator, GeneratorState::Yielded, Outcome, Resume};
    ///
    /// // Python: a running total.
    /// // def totals():
    /// //     total = 0
    /// //     while True:
    /// //         total += yield total
    /// let mut total = 0;
    /// let mut totals = from_fn(move |input: Resume<i32>| -> Outcome<i32> {
    ///     total += input.sent()?.unwrap_or(0);
    ///     Ok(Yielded(total))
    /// });
    /// assert_eq!(totals.next(), Ok(Yielded(0)));
    /// assert_eq!(totals.send(5), Ok(Yielded(5)));
    /// assert_eq!(totals.send(2), Ok(Yielded(7)));
    /// ```
    #[track_caller]
    fn send(&mut self, value: S) -> Outcome<Self::Yield, Self::Return, Self::Error> {
        self.resume(Resume::send(value))
    }

    /// Raises `error` at the point where the generator is suspended: Python's
    /// `gen.throw(error)`.
    ///
    /// A generator that catches it may yield again or return; one that does
    /// not lets it propagate, and is finished. Thrown into a generator that
    /// has not started, the error is raised before any of its code runs;
    /// into a finished one, it comes straight back.
    ///
    /// # Return value
    ///
    /// As for [`resume`](Generator::resume).
    ///
    /// # Examples
    ///
    /// The lecture's coroutine that catches a cancellation:
    ///
    /// ```python
    /// async def f():
    ///     try:
    ///         while True:
    ///             await asyncio.sleep(0)
    ///     except asyncio.CancelledError:
    ///         print('I was cancelled!')
    ///     else:
    ///         return 111
    ///
    /// coro = f()
    /// coro.send(None)
    /// coro.send(12345)
    /// coro.throw(asyncio.CancelledError)   # prints, then StopIteration
    /// ```
    ///
    /// ```
    /// use resumable::{generator::from_fn, Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
    ///
    /// #[derive(Debug, PartialEq)]
    /// struct CancelledError;
    ///
    /// let mut coro = from_fn(|input: Resume<i32, CancelledError>| -> Outcome<(), Option<i32>, CancelledError> {
    ///     match input {
    ///         Resume::Throw(CancelledError) => {
    ///             println!("I was cancelled!");
    ///             Ok(Complete(None))
    ///         }
    ///         other => {
    ///             other.sent()?; // close still finishes us
    ///             Ok(Yielded(())) // `await asyncio.sleep(0)`
    ///         }
    ///     }
    /// });
    /// assert_eq!(coro.next(), Ok(Yielded(())));
    /// assert_eq!(coro.send(12345), Ok(Yielded(())));
    /// assert_eq!(coro.throw(CancelledError), Ok(Complete(None))); // StopIteration
    /// ```
    ///
    /// Output:
    ///
    /// ```text
    /// I was cancelled!
    /// ```
    #[track_caller]
    fn throw(&mut self, error: Self::Error) -> Outcome<Self::Yield, Self::Return, Self::Error> {
        self.resume(Resume::Throw(error))
    }

    /// Asks the generator to finish: Python's `gen.close()`.
    ///
    /// `GeneratorExit` is raised at the suspension point, so the generator's
    /// cleanup runs. Closing a generator that has not started does
    /// nothing, and neither does closing one that has finished, through
    /// [`Tracked`]; a bare state machine is not resumed at all once finished
    /// (see [the protocol](Generator#the-protocol)).
    ///
    /// # Return value
    ///
    /// - `Ok(None)`: the generator finished by letting `GeneratorExit` out.
    /// - `Ok(Some(r))`: it caught `GeneratorExit` and returned `r`; Python
    ///   3.13's `close()` returns that value too.
    /// - `Err(CloseError::IgnoredExit(y))`: it yielded `y` instead of
    ///   finishing (Python: `RuntimeError: generator ignored GeneratorExit`).
    ///   It is still suspended there.
    /// - `Err(CloseError::Raised(e))`: it raised `e` while closing.
    ///
    /// # Examples
    ///
    /// ```python
    /// def count_up():
    ///     try:
    ///         yield 1
    ///         yield 2
    ///     finally:
    ///         print("Generator closed")
    /// ```
    ///
    /// ```
    /// use core::convert::Infallible;
    /// use resumable::{Exception, Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
    ///
    /// struct CountUp(u32);
    ///
    /// impl Generator for CountUp {
    ///     type Yield = u32;
    ///     type Return = ();
    ///     type Error = Infallible;
    ///
    ///     fn resume(&mut self, input: Resume) -> Outcome<u32> {
    ///         if input.is_close() && self.0 > 0 {
    ///             // the `finally:` block; a created generator has not entered the `try`
    ///             println!("Generator closed");
    ///             return Err(Exception::GeneratorExit);
    ///         }
    ///         input.sent()?;
    ///         self.0 += 1;
    ///         Ok(if self.0 <= 2 { Yielded(self.0) } else { Complete(()) })
    ///     }
    /// }
    ///
    /// let mut counter = CountUp(0);
    /// assert_eq!(counter.next(), Ok(Yielded(1)));
    /// assert_eq!(counter.close(), Ok(None)); // prints "Generator closed"
    /// ```
    #[track_caller]
    fn close(&mut self) -> Result<Option<Self::Return>, CloseError<Self::Yield, Self::Error>> {
        match self.resume(Resume::Close) {
            Ok(GeneratorState::Yielded(value)) => Err(CloseError::IgnoredExit(value)),
            Ok(GeneratorState::Complete(value)) => Ok(Some(value)),
            Err(Exception::GeneratorExit) => Ok(None),
            Err(Exception::Raised(error)) => Err(CloseError::Raised(error)),
        }
    }

    /// An [`Iterator`] over the yielded values that resumes this generator
    /// with [`next`](Generator::next): Python's `for x in gen`.
    ///
    /// It borrows the generator, so a generator can be iterated in part and
    /// picked up again, as a Python generator object can. The return value
    /// is dropped, as Python's `for` loop drops `StopIteration.value`.
    ///
    /// # Examples
    ///
    /// A generator is used up as it is iterated: Python's
    /// `gen = (x for x in range(0, 100 * 10000)); 100 in gen; 100 in gen`.
    ///
    /// ```
    /// use resumable::{generator::from_iter, Generator};
    ///
    /// let mut gen = from_iter(0..100 * 10000);
    /// assert!(gen.iter().any(|x| x == 100)); // True
    /// assert!(!gen.iter().any(|x| x == 100)); // False: 0..=100 are gone
    /// ```
    fn iter(&mut self) -> Iter<&mut Self>
    where
        Self: Generator<(), Error = Infallible> + Sized,
    {
        Iter::new(self)
    }

    /// Borrows the generator, so that adapters can take it without taking
    /// ownership; like [`Iterator::by_ref`].
    ///
    /// ```
    /// use resumable::{generator::from_iter, Generator, GeneratorState::Yielded};
    ///
    /// let mut numbers = from_iter(1..=3);
    /// let mut doubled = numbers.by_ref().map_yield(|n| n * 2);
    /// assert_eq!(doubled.next(), Ok(Yielded(2)));
    /// assert_eq!(numbers.next(), Ok(Yielded(2)));
    /// ```
    fn by_ref(&mut self) -> &mut Self
    where
        Self: Sized,
    {
        self
    }

    /// An [`Iterator`] over the yielded values of a generator that may
    /// raise, each one a `Result`: Python's `for x in gen` or `list(gen)`
    /// when `gen` raises. See [`TryIter`].
    ///
    /// [`iter`](Generator::iter) takes only generators that cannot fail;
    /// this one takes any error type. The iterator yields `Ok(value)` for
    /// each yield and `Err(error)` for the error that ends the generator,
    /// then stops, so `collect::<Result<Vec<_>, _>>()` is `list(gen)`: the
    /// values, or the first error.
    ///
    /// ```python
    /// def numbers():
    ///     yield 1
    ///     yield 2
    ///     raise ValueError('bad')
    ///
    /// list(numbers())   # ValueError: bad
    /// ```
    ///
    /// ```
    /// use resumable::generator::{from_fn, from_iter};
    /// use resumable::{Exception, Generator, GeneratorState::Yielded, Outcome, Resume};
    ///
    /// fn numbers() -> impl Generator<Yield = i32, Return = (), Error = &'static str> {
    ///     let mut count = 0;
    ///     from_fn(move |input: Resume<(), &'static str>| -> Outcome<i32, (), &'static str> {
    ///         input.sent()?;
    ///         count += 1;
    ///         match count {
    ///             1 | 2 => Ok(Yielded(count)),
    ///             _ => Err(Exception::Raised("bad")), // raise ValueError('bad')
    ///         }
    ///     })
    /// }
    ///
    /// let all: Result<Vec<i32>, _> = numbers().try_iter().collect(); // list(numbers())
    /// assert_eq!(all, Err("bad"));
    /// let seen: Vec<_> = numbers().try_iter().collect(); // what the loop sees
    /// assert_eq!(seen, [Ok(1), Ok(2), Err("bad")]);
    ///
    /// // A generator that returns ends the iterator, as StopIteration does.
    /// let fine: Result<Vec<i32>, &str> = from_iter([1, 2]).with_error().try_iter().collect();
    /// assert_eq!(fine, Ok(vec![1, 2]));
    /// ```
    fn try_iter(&mut self) -> TryIter<&mut Self>
    where
        Self: Generator<()> + Sized,
    {
        TryIter::new(self)
    }

    /// Lets a generator that takes no values (a plain iterator, say) be
    /// delegated to by a coroutine that takes `T`s and raises `E`s: Python's
    /// `yield from range(3)` inside a coroutine. See [`WithoutSend`].
    ///
    /// `next` reaches the generator; a real `send(v)` cannot, because a
    /// plain iterator has no `send`, so it raises [`AttributeError`] (in
    /// `E`, through `From`), as CPython does; a throw closes the generator
    /// and raises the error, as [`with_error`](Generator::with_error) does.
    /// Sending `()` (or any zero-sized value) is `next()`, as `send(None)` is.
    ///
    /// ```python
    /// def g():
    ///     yield from range(3)
    ///
    /// x = g()
    /// next(x)     # 0
    /// x.send(5)   # AttributeError: 'range_iterator' object has no attribute 'send'
    /// next(x)     # StopIteration: g is finished
    /// ```
    ///
    /// ```
    /// use resumable::generator::{from_iter, yield_from, AttributeError};
    /// use resumable::{Exception, Generator, GeneratorState::Yielded};
    ///
    /// // g() receives i32s; its sub is a range, which receives nothing.
    /// let mut x = yield_from(from_iter(0..3).without_send::<i32, AttributeError>()).tracked();
    /// assert_eq!(x.next(), Ok(Yielded(0)));
    /// let Err(Exception::Raised(error)) = x.send(5) else { unreachable!() };
    /// assert!(error.to_string().ends_with("object has no attribute 'send'"));
    /// assert!(x.state().is_closed());
    /// ```
    fn without_send<T, E>(self) -> WithoutSend<Self, T, E>
    where
        Self: Generator<(), Error = Infallible> + Sized,
        E: From<AttributeError>,
    {
        WithoutSend::new(self)
    }

    /// Transforms each yielded value with `f`.
    ///
    /// ```
    /// use resumable::{generator::from_iter, Generator, GeneratorState::{Complete, Yielded}};
    ///
    /// // Python: (n * n for n in range(3))
    /// let mut squares = from_iter(0..3).map_yield(|n| n * n);
    /// assert_eq!(squares.next(), Ok(Yielded(0)));
    /// assert_eq!(squares.next(), Ok(Yielded(1)));
    /// assert_eq!(squares.next(), Ok(Yielded(4)));
    /// assert_eq!(squares.next(), Ok(Complete(())));
    /// ```
    fn map_yield<F, T>(self, f: F) -> MapYield<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Yield) -> T,
    {
        MapYield::new(self, f)
    }

    /// Transforms the return value with `f`: Python's `return f(await self)`.
    ///
    /// This is the `map` of futures and of [`Result::map`], under the name
    /// that says which of the generator's values it maps.
    ///
    /// ```
    /// use resumable::{generator::from_iter, Generator, GeneratorState::{Complete, Yielded}};
    ///
    /// let mut counted = from_iter(["a"]).map_return(|()| "done");
    /// assert_eq!(counted.next(), Ok(Yielded("a")));
    /// assert_eq!(counted.next(), Ok(Complete("done")));
    /// ```
    #[doc(alias = "map")]
    fn map_return<F, T>(self, f: F) -> MapReturn<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Return) -> T,
    {
        MapReturn::new(self, f)
    }

    /// Gives a generator that raises nothing the error type `E`, so that a
    /// generator whose error type is `E` can delegate to it.
    ///
    /// It still raises no `E` of its own. An `E` thrown in cannot be caught
    /// by it: it is closed first, so its cleanup runs (as a Python `finally:`
    /// runs when an exception passes through), and then the error
    /// propagates. This is how a plain iterator, which has no `throw`, sits
    /// under a `yield from` in Python.
    ///
    /// ```
    /// use resumable::{generator::from_iter, Exception, Generator, GeneratorState::Yielded};
    ///
    /// let mut numbers = from_iter(0..3).with_error::<&str>();
    /// assert_eq!(numbers.next(), Ok(Yielded(0)));
    /// assert_eq!(numbers.throw("stop"), Err(Exception::Raised("stop")));
    /// ```
    fn with_error<E>(self) -> WithError<Self, E>
    where
        Self: Generator<S, Error = Infallible> + Sized,
    {
        WithError::new(self)
    }

    /// Runs this generator to its end, then `next`: Python's
    /// `yield from self; yield from next`.
    ///
    /// ```
    /// use resumable::{generator::once, Generator};
    ///
    /// // The lecture's `yield 'Hello,'; yield from subgenerator(); yield '!'`
    /// let mut hello = once("Hello,").chain(once("World")).chain(once("!"));
    /// let words: Vec<_> = hello.iter().collect();
    /// assert_eq!(words.join(" "), "Hello, World !");
    /// ```
    fn chain<G>(self, next: G) -> Chain<Self, G>
    where
        Self: Generator<S, Return = ()> + Sized,
        G: Generator<S, Yield = Self::Yield, Error = Self::Error>,
    {
        Chain::new(self, next)
    }

    /// Runs this generator, then the generator `f` makes of its return
    /// value, and returns what that one returns: Python's
    ///
    /// ```python
    /// r = await self          # in a generator: r = yield from self
    /// return await f(r)
    /// ```
    ///
    /// It sequences awaitables without a hand-written stage enum: a task's
    /// `await asyncio.sleep(1); print(x); await q.put(x)` is
    /// `sleep(SECOND).then(move |()| { println!("{x}"); q.put(x) })`. A send,
    /// throw or close reaches the stage that is running; if the first stage
    /// raises, `f` is never called. When the first stage returns, `f` runs
    /// and the second stage starts in the same step. This is
    /// `FutureExt::then` of the futures crate: the return value is the
    /// generator's output, since errors travel apart from it.
    ///
    /// # Examples
    ///
    /// ```python
    /// def numbers():
    ///     total = yield from summed([1, 2])   # yields 1 and 2, returns 3
    ///     yield total
    /// ```
    ///
    /// ```
    /// use resumable::generator::{from_iter, once, Generator};
    /// use resumable::GeneratorState::{Complete, Yielded};
    ///
    /// let summed = |items: [u32; 2]| from_iter(items).map_return(move |()| items.iter().sum());
    /// let mut numbers = summed([1, 2]).then(|total| once(total));
    /// assert_eq!(numbers.next(), Ok(Yielded(1)));
    /// assert_eq!(numbers.next(), Ok(Yielded(2)));
    /// assert_eq!(numbers.next(), Ok(Yielded(3)));
    /// assert_eq!(numbers.next(), Ok(Complete(())));
    /// ```
    fn then<F, B>(self, f: F) -> Then<Self, F, B>
    where
        Self: Sized,
        F: FnOnce(Self::Return) -> B,
        B: Generator<S, Yield = Self::Yield, Error = Self::Error>,
    {
        Then::new(self, f)
    }

    /// Runs this generator, then lets `f` decide from its return value:
    /// `Ok(next)` runs the generator `next` and returns what it returns,
    /// `Err(e)` raises `e`. Python's
    ///
    /// ```python
    /// r = await self
    /// if not ok(r):
    ///     raise E(r)
    /// return await f(r)
    /// ```
    ///
    /// Like [`then`](Generator::then), with a way to raise between the two
    /// stages; the shape of [`Result::and_then`]. Wrap a plain value in
    /// [`ready()`] when there is nothing more to await.
    ///
    /// # Examples
    ///
    /// ```
    /// use resumable::generator::{from_iter, ready, Generator};
    /// use resumable::{Exception, GeneratorState::{Complete, Yielded}};
    ///
    /// // def checked(): n = yield from count(); if n == 0: raise "empty"; return n
    /// let checked = |items: &'static [u8]| {
    ///     from_iter(items).with_error().map_return(|()| items.len()).and_then(|n| {
    ///         if n == 0 { Err("empty") } else { Ok(ready(n)) }
    ///     })
    /// };
    /// let mut one = checked(&[7]);
    /// assert_eq!(one.next(), Ok(Yielded(&7)));
    /// assert_eq!(one.next(), Ok(Complete(1)));
    /// assert_eq!(checked(&[]).next(), Err(Exception::Raised("empty")));
    /// ```
    fn and_then<F, B>(self, f: F) -> AndThen<Self, F, B>
    where
        Self: Sized,
        F: FnOnce(Self::Return) -> Result<B, Self::Error>,
        B: Generator<S, Yield = Self::Yield, Error = Self::Error>,
    {
        AndThen::new(self, f)
    }

    /// Transforms each error this generator raises with `f`; an error
    /// thrown in is converted with [`Into`] and reaches the generator where
    /// it is suspended. Python's
    ///
    /// ```python
    /// try:
    ///     return await self
    /// except E as e:
    ///     raise f(e)
    /// ```
    ///
    /// [`GeneratorExit`](Exception::GeneratorExit) passes unchanged. To give
    /// a generator that raises nothing an error type, use
    /// [`with_error`](Generator::with_error).
    ///
    /// # Examples
    ///
    /// ```
    /// use resumable::generator::{from_iter, Generator};
    /// use resumable::{Exception, GeneratorState::Yielded};
    ///
    /// let mut numbers = from_iter([1, 2]).with_error::<i32>().map_err(|code| code * 100);
    /// assert_eq!(numbers.next(), Ok(Yielded(1)));
    /// // The thrown 4 reaches `from_iter`, which cannot catch it; it comes out as 400.
    /// assert_eq!(numbers.throw(4), Err(Exception::Raised(400)));
    /// ```
    fn map_err<F, E>(self, f: F) -> MapErr<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Error) -> E,
        E: Into<Self::Error>,
    {
        MapErr::new(self, f)
    }

    /// Catches an error this generator raises: `f` makes a handler of it
    /// (`Ok(handler)`, whose return value becomes this one's) or raises it
    /// again (`Err(e)`, an `except` clause that does not match). Python's
    ///
    /// ```python
    /// try:
    ///     return await self
    /// except E as e:
    ///     return await handler(e)
    /// ```
    ///
    /// It catches what Python's `except` catches: an error the generator
    /// raises, including one thrown into it that it let out. It never
    /// catches `GeneratorExit`: a close closes the stage that is running and
    /// goes on out. In a task, hand a cancellation back with `Err(e)` unless
    /// you mean to swallow it, as Python's `except Exception` leaves
    /// `CancelledError` alone. Its shape is [`Result::or_else`]'s.
    ///
    /// # Examples
    ///
    /// ```
    /// use resumable::generator::{from_fn, ready, Generator};
    /// use resumable::{Exception, GeneratorState::{Complete, Yielded}, Outcome, Resume};
    ///
    /// // try: return (yield from fetch()) except ValueError: return "fallback"
    /// let fetch = || {
    ///     from_fn(|input: Resume<(), &str>| -> Outcome<u8, &str, &str> {
    ///         input.sent()?; // a thrown error propagates
    ///         Ok(Yielded(1))
    ///     })
    /// };
    /// let guarded = || {
    ///     fetch().or_else(|error| match error {
    ///         "ValueError" => Ok(ready("fallback")),
    ///         other => Err(other), // not ours: raised again
    ///     })
    /// };
    /// let mut caught = guarded();
    /// assert_eq!(caught.next(), Ok(Yielded(1)));
    /// assert_eq!(caught.throw("ValueError"), Ok(Complete("fallback")));
    /// let mut passed_on = guarded();
    /// assert_eq!(passed_on.next(), Ok(Yielded(1)));
    /// assert_eq!(passed_on.throw("KeyError"), Err(Exception::Raised("KeyError")));
    /// ```
    #[doc(alias = "catch")]
    #[doc(alias = "except")]
    fn or_else<F, B>(self, f: F) -> OrElse<Self, F, B>
    where
        Self: Sized,
        F: FnOnce(Self::Error) -> Result<B, Self::Error>,
        B: Generator<S, Yield = Self::Yield, Return = Self::Return, Error = Self::Error>,
    {
        OrElse::new(self, f)
    }

    /// Runs `cleanup` once this generator has finished, whether it
    /// returned, raised, or was closed: Python's
    ///
    /// ```python
    /// try:
    ///     return (yield from self)
    /// finally:
    ///     cleanup()
    /// ```
    ///
    /// Inputs and outcomes pass through unchanged. `cleanup` does not run
    /// when the generator had not started (a throw or close as the first
    /// input never entered the `try`), and not when it is dropped while
    /// suspended, since dropping runs no code; ask for that with
    /// [`close_on_drop`](Generator::close_on_drop). See [`Finally`].
    ///
    /// # Examples
    ///
    /// ```
    /// use std::cell::Cell;
    /// use resumable::generator::{from_iter, Generator};
    /// use resumable::{Exception, GeneratorState::Yielded};
    ///
    /// let cleaned = Cell::new(0);
    /// let mut numbers = from_iter([1, 2]).with_error::<&str>().finally(|| cleaned.set(cleaned.get() + 1));
    /// assert_eq!(numbers.next(), Ok(Yielded(1)));
    /// assert_eq!(cleaned.get(), 0);
    /// assert_eq!(numbers.throw("stop"), Err(Exception::Raised("stop")));
    /// assert_eq!(cleaned.get(), 1, "ran once, on the way out");
    /// ```
    fn finally<F>(self, cleanup: F) -> Finally<Self, F>
    where
        Self: Sized,
        F: FnOnce(),
    {
        Finally::new(self, cleanup)
    }

    /// Wraps the generator in the Python generator object's bookkeeping:
    /// its [`Lifecycle`] becomes observable and misuse panics with a clear
    /// message. See [`Tracked`].
    ///
    /// ```
    /// use resumable::{generator::{from_iter, Lifecycle}, Generator};
    ///
    /// let mut gen = from_iter([1]).tracked();
    /// assert_eq!(gen.state(), Lifecycle::Created);
    /// let _ = gen.next();
    /// assert_eq!(gen.state(), Lifecycle::Suspended);
    /// ```
    fn tracked(self) -> Tracked<Self>
    where
        Self: Sized,
    {
        Tracked::new(self)
    }

    /// Closes the generator when it is dropped while suspended, so that its
    /// cleanup runs: what Python does when it collects a generator. See
    /// [`CloseOnDrop`].
    ///
    /// ```
    /// use resumable::{generator::from_fn, Exception, Generator, GeneratorState::Yielded, Resume, Outcome};
    /// use std::cell::Cell;
    ///
    /// let cleaned = Cell::new(false);
    /// let mut gen = from_fn(|input: Resume| -> Outcome<()> {
    ///     if input.is_close() {
    ///         cleaned.set(true);
    ///         return Err(Exception::GeneratorExit);
    ///     }
    ///     Ok(Yielded(()))
    /// })
    /// .close_on_drop();
    /// assert_eq!(gen.next(), Ok(Yielded(())));
    /// drop(gen);
    /// assert!(cleaned.get());
    /// ```
    fn close_on_drop(self) -> CloseOnDrop<Self, S>
    where
        Self: Sized,
    {
        CloseOnDrop::new(self)
    }
}

impl<S, G: Generator<S> + ?Sized> Generator<S> for &mut G {
    type Yield = G::Yield;
    type Return = G::Return;
    type Error = G::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, G::Error>) -> Outcome<G::Yield, G::Return, G::Error> {
        (**self).resume(input)
    }
}

#[cfg(feature = "alloc")]
impl<S, G: Generator<S> + ?Sized> Generator<S> for alloc::boxed::Box<G> {
    type Yield = G::Yield;
    type Return = G::Return;
    type Error = G::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, G::Error>) -> Outcome<G::Yield, G::Return, G::Error> {
        (**self).resume(input)
    }
}
