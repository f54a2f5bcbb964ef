use crate::generator::{Outcome, Resume};

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
/// Every frame of one trampoline has the same types: the same `Yield`,
/// `Return` and `Error`, and [`Sub`](Frame::Sub), the type of the frames it
/// yields from, which is the trampoline's frame type. Frames of one type
/// (a recursive walk) use `Sub = Self`; frames of different types are
/// boxed, `Sub =` [`BoxFrame`](super::BoxFrame).
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
    /// one type, [`BoxFrame`](super::BoxFrame) when they differ.
    type Sub;

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
        input: Resume<Received<S, Self::Return>, Self::Error>,
    ) -> Outcome<Suspend<Self::Yield, Self::Sub>, Self::Return, Self::Error>;
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
