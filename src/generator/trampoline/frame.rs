use core::fmt;

use crate::generator::{GeneratorState, Outcome, Resume};

/// One frame of a [`Trampoline`](super::Trampoline): the body of a generator
/// function that, instead of running its subgenerators itself, hands them
/// to the trampoline.
///
/// A frame is written like a [`Generator`](crate::Generator), with two
/// differences that say where Python's `yield from sub` is:
///
/// - it suspends with a [`Suspend`]: [`Yield(value)`](Suspend::Yield) is
///   Python's `yield value`, [`YieldFrom(sub)`](Suspend::YieldFrom) is
///   `yield from sub`, with `sub` a frame too;
/// - after a `YieldFrom`, it is resumed when `sub` is over, with what the
///   `yield from` expression gives: [`Send(Returned(r))`](Received::Returned)
///   when `sub` returned `r`, [`Throw(e)`](Resume::Throw) when it raised `e`,
///   [`Close`](Resume::Close) when `GeneratorExit` came out of it.
///
/// So `input.sent()?` still is the `yield` (and `yield from`) expression:
/// `None` for `next()`, `Some(Sent(v))` for `send(v)`,
/// `Some(Returned(r))` for a finished `yield from`, and `?` raises the rest.
///
/// The frames of one trampoline share `Yield` and `Error`. Under the root
/// frame, every frame on the stack has one type, the root's
/// [`Sub`](Frame::Sub): frames of one type (a recursive walk) use
/// `Sub = Self`; frames of different types are boxed, `Sub =`
/// [`BoxFrame`](super::BoxFrame); a plain [`Generator`](crate::Generator)
/// joins them as a [`leaf`](super::leaf()).
///
/// # Return types
///
/// What a frame *receives* from a `yield from` is its sub's return type,
/// `<Self::Sub as Frame<S>>::Return`, not its own `Return`, as in Python,
/// where `name = yield from person()` gets a string in a generator that
/// returns nothing. So:
///
/// - the root frame returns a type of its own (the trampoline's `Return`),
///   whatever its subs return;
/// - the frames under it meet in one type, their common `Return`; a frame
///   or generator that returns something else is converted on the way in,
///   with [`map_return`](Frame::map_return) (or
///   [`Generator::map_return`](crate::Generator::map_return) before
///   [`leaf`](super::leaf())), where it is yielded from.
///
/// # Examples
///
/// A recursive `yield from` chain, whose return values add up on the way
/// out:
///
/// ```python
/// def countdown(n):
///     if n == 0:
///         return 0
///     yield n
///     total = yield from countdown(n - 1)
///     return total + n
/// ```
///
/// ```
/// use core::convert::Infallible;
/// use resumable::generator::{trampoline, Frame, Received, Suspend};
/// use resumable::{Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
///
/// struct Countdown { n: u32, yielded: bool }
///
/// fn countdown(n: u32) -> Countdown {
///     Countdown { n, yielded: false }
/// }
///
/// impl Frame for Countdown {
///     type Yield = u32;
///     type Return = u32;
///     type Error = Infallible;
///     type Sub = Self;
///
///     fn resume(&mut self, input: Resume<Received<(), u32>>) -> Outcome<Suspend<u32, Self>, u32> {
///         match input.sent()? {
///             _ if self.n == 0 => Ok(Complete(0)),
///             None if !self.yielded => {
///                 self.yielded = true;
///                 Ok(Yielded(Suspend::Yield(self.n))) // yield n
///             }
///             // total = yield from countdown(n - 1)
///             None | Some(Received::Sent(())) => Ok(Yielded(Suspend::YieldFrom(countdown(self.n - 1)))),
///             Some(Received::Returned(total)) => Ok(Complete(total + self.n)), // return total + n
///         }
///     }
/// }
///
/// let mut gen = trampoline(countdown(3));
/// assert_eq!(gen.next(), Ok(Yielded(3)));
/// assert_eq!(gen.next(), Ok(Yielded(2)));
/// assert_eq!(gen.next(), Ok(Yielded(1)));
/// assert_eq!(gen.depth(), 3); // countdown(3) ← countdown(2) ← countdown(1)
/// assert_eq!(gen.next(), Ok(Complete(6))); // StopIteration(6)
/// ```
#[must_use = "frames are lazy and do nothing unless resumed"]
pub trait Frame<S = ()> {
    /// The type of values the frame yields (Python's `yield value`): the
    /// trampoline's yield type.
    type Yield;

    /// The type of value the frame returns: the value of its delegator's
    /// `yield from`, or the trampoline's return value for the root frame.
    type Return;

    /// The type of errors the frame raises, and of errors thrown into it.
    type Error;

    /// The type of the frames it yields from. `Self` when all frames are of
    /// one type, [`BoxFrame`](super::BoxFrame) when they differ. Their
    /// `Return` is what this frame's `yield from` evaluates to.
    type Sub: Frame<S>;

    /// Runs the frame until it yields, yields from a subframe, returns or
    /// raises, starting with `input` at the point where it is suspended.
    ///
    /// The rules are [`Generator::resume`](crate::Generator::resume)'s, and
    /// the trampoline keeps them for the frames it pushes: it starts each
    /// with `next`, and never resumes a finished frame again.
    ///
    /// # Return value
    ///
    /// - `Ok(Yielded(Suspend::Yield(y)))`: suspended; `y` goes to the caller.
    /// - `Ok(Yielded(Suspend::YieldFrom(sub)))`: suspended at
    ///   `yield from sub`; the trampoline runs `sub` and resumes this frame
    ///   when `sub` is over.
    /// - `Ok(Complete(r))`, `Err(exception)`: finished, as for a generator.
    fn resume(
        &mut self,
        input: Resume<Received<S, SubReturn<Self, S>>, Self::Error>,
    ) -> Outcome<Suspend<Self::Yield, Self::Sub>, Self::Return, Self::Error>;

    /// Transforms the value the frame returns with `f`, so that a frame
    /// can be yielded from by frames that expect another type: the
    /// conversion a `yield from` applies to what it gets back.
    ///
    /// ```python
    /// def count(n):          # returns an int ...
    ///     for i in range(n):
    ///         yield i
    ///     return n
    ///
    /// def report():          # ... where the stack carries strings
    ///     text = yield from describe(count(2))
    ///     return text
    /// ```
    ///
    /// ```
    /// use resumable::generator::{trampoline, BoxFrame, Frame, Received, Suspend};
    /// use resumable::{Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
    ///
    /// type Texts = BoxFrame<'static, u32, String>; // subs return `String`
    ///
    /// struct Count { i: u32, n: u32 }
    ///
    /// impl Frame for Count {
    ///     type Yield = u32;
    ///     type Return = u32; // its own return type
    ///     type Error = core::convert::Infallible;
    ///     type Sub = Texts;
    ///
    ///     fn resume(&mut self, input: Resume<Received<(), String>>) -> Outcome<Suspend<u32, Texts>, u32> {
    ///         input.sent()?;
    ///         self.i += 1;
    ///         Ok(if self.i <= self.n { Yielded(Suspend::Yield(self.i - 1)) } else { Complete(self.n) })
    ///     }
    /// }
    ///
    /// struct Report { started: bool }
    ///
    /// impl Frame for Report {
    ///     type Yield = u32;
    ///     type Return = String;
    ///     type Error = core::convert::Infallible;
    ///     type Sub = Texts;
    ///
    ///     fn resume(&mut self, input: Resume<Received<(), String>>) -> Outcome<Suspend<u32, Texts>, String> {
    ///         match input.sent()? {
    ///             Some(Received::Returned(text)) => Ok(Complete(text)),
    ///             _ if !self.started => {
    ///                 self.started = true;
    ///                 let count = Count { i: 0, n: 2 }.map_return(|n| format!("counted {n}"));
    ///                 Ok(Yielded(Suspend::YieldFrom(BoxFrame::new(count))))
    ///             }
    ///             _ => unreachable!("resumed only when `count` is over"),
    ///         }
    ///     }
    /// }
    ///
    /// let mut gen = trampoline(Report { started: false });
    /// assert_eq!(gen.next(), Ok(Yielded(0)));
    /// assert_eq!(gen.next(), Ok(Yielded(1)));
    /// assert_eq!(gen.next(), Ok(Complete("counted 2".to_string())));
    /// ```
    fn map_return<T, M>(self, f: M) -> MapFrameReturn<Self, M>
    where
        Self: Sized,
        M: FnMut(Self::Return) -> T,
    {
        MapFrameReturn { frame: self, f }
    }
}

/// What a frame's `yield from` evaluates to: the return type of the frames
/// it yields from.
pub(super) type SubReturn<F, S> = <<F as Frame<S>>::Sub as Frame<S>>::Return;

/// A frame that transforms the value another frame returns.
///
/// This `struct` is created by the [`map_return`](Frame::map_return) method
/// on [`Frame`]. See its documentation for more.
#[derive(Clone)]
#[must_use = "frames are lazy and do nothing unless resumed"]
pub struct MapFrameReturn<F, M> {
    frame: F,
    f: M,
}

impl<S, F: Frame<S>, M: FnMut(F::Return) -> T, T> Frame<S> for MapFrameReturn<F, M> {
    type Yield = F::Yield;
    type Return = T;
    type Error = F::Error;
    type Sub = F::Sub;

    #[inline]
    fn resume(
        &mut self,
        input: Resume<Received<S, SubReturn<F, S>>, F::Error>,
    ) -> Outcome<Suspend<F::Yield, F::Sub>, T, F::Error> {
        Ok(match self.frame.resume(input)? {
            GeneratorState::Yielded(step) => GeneratorState::Yielded(step),
            GeneratorState::Complete(value) => GeneratorState::Complete((self.f)(value)),
        })
    }
}

impl<F: fmt::Debug, M> fmt::Debug for MapFrameReturn<F, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapFrameReturn")
            .field("frame", &self.frame)
            .finish_non_exhaustive()
    }
}

/// How a [`Frame`] suspends: it yields a value, or it yields from a subframe.
///
/// # Examples
///
/// ```
/// use resumable::generator::Suspend;
///
/// let step: Suspend<u8, &str> = Suspend::Yield(1); // yield 1
/// assert_eq!(step.yielded(), Some(1));
/// assert_eq!(Suspend::<u8, &str>::YieldFrom("sub").yielded(), None); // yield from sub
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Suspend<Y, F> {
    /// Python's `yield value`: the value goes out of the trampoline.
    Yield(Y),

    /// Python's `yield from sub`: the trampoline pushes `sub` and resumes
    /// only it until it is over.
    YieldFrom(F),
}

impl<Y, F> Suspend<Y, F> {
    /// The yielded value, or `None` for a [`YieldFrom`](Suspend::YieldFrom).
    ///
    /// ```
    /// use resumable::generator::Suspend;
    ///
    /// assert_eq!(Suspend::<u8, ()>::Yield(3).yielded(), Some(3));
    /// assert_eq!(Suspend::<u8, ()>::YieldFrom(()).yielded(), None);
    /// ```
    pub fn yielded(self) -> Option<Y> {
        match self {
            Suspend::Yield(value) => Some(value),
            Suspend::YieldFrom(_) => None,
        }
    }
}

/// The value a [`Frame`] is resumed with, inside [`Resume::Send`]: a value
/// sent by the caller, or the return value of the subframe it yielded from.
///
/// | Python | a frame gets |
/// |---|---|
/// | `x = yield` ← `gen.send(v)` | `Resume::Send(Received::Sent(v))` |
/// | `x = yield` ← `next(gen)` | `Resume::Next` |
/// | `r = yield from sub`, `sub` returned `r` | `Resume::Send(Received::Returned(r))` |
/// | `yield from sub`, `sub` raised `e` | `Resume::Throw(e)` |
/// | `yield from sub`, `GeneratorExit` came out | `Resume::Close` |
///
/// # Examples
///
/// ```
/// use resumable::{generator::Received, Resume};
///
/// let input: Resume<Received<i32, &str>> = Resume::Send(Received::Returned("done"));
/// assert_eq!(input.sent(), Ok(Some(Received::Returned("done"))));
/// assert_eq!(Received::<i32, &str>::Sent(7).into_sent(), Some(7));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Received<S, R> {
    /// The caller's `send(value)`.
    Sent(S),

    /// The return value of the subframe this frame yielded from: the value
    /// of its `yield from` expression.
    Returned(R),
}

impl<S, R> Received<S, R> {
    /// The value sent, or `None` for a return value.
    ///
    /// ```
    /// use resumable::generator::Received;
    ///
    /// assert_eq!(Received::<u8, ()>::Sent(1).into_sent(), Some(1));
    /// assert_eq!(Received::<u8, ()>::Returned(()).into_sent(), None);
    /// ```
    pub fn into_sent(self) -> Option<S> {
        match self {
            Received::Sent(value) => Some(value),
            Received::Returned(_) => None,
        }
    }

    /// The subframe's return value, or `None` for a value sent.
    ///
    /// ```
    /// use resumable::generator::Received;
    ///
    /// assert_eq!(Received::<(), u8>::Returned(2).into_returned(), Some(2));
    /// assert_eq!(Received::<(), u8>::Sent(()).into_returned(), None);
    /// ```
    pub fn into_returned(self) -> Option<R> {
        match self {
            Received::Sent(_) => None,
            Received::Returned(value) => Some(value),
        }
    }
}
