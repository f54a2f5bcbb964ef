use alloc::boxed::Box;
use core::convert::Infallible;
use core::fmt;

use super::{Frame, Received, Suspend};
use crate::generator::{Outcome, Resume};

/// A boxed [`Frame`] of any type, so that frames of different types can
/// share one [`Trampoline`](super::Trampoline): Python does not care which
/// generator a `yield from` delegates to, and neither does a stack of
/// `BoxFrame`s.
///
/// The frames in it yield from `BoxFrame`s too (`Sub = BoxFrame<…>`). Its
/// type parameters are the frames' `Yield`, `Return`, `Error` and send
/// type, in the order of [`Outcome`]'s, with the same defaults. The root
/// frame is not boxed and returns a type of its own; a frame that returns
/// another type is boxed with [`Frame::map_return`], a plain generator
/// with [`leaf`](super::leaf()).
///
/// # Examples
///
/// ```python
/// def greeting():
///     yield 'Hello,'
///     name = yield from person()
///     yield f'{name}!'
///
/// def person():
///     yield 'dear'
///     return 'World'
/// ```
///
/// ```
/// use resumable::generator::{trampoline, BoxFrame, Frame, Received, Suspend};
/// use resumable::{Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
///
/// // Frames that yield strings and return a string (the name).
/// type Words = BoxFrame<'static, String, String>;
///
/// struct Greeting { line: u8 }
/// struct Person { said_dear: bool }
///
/// impl Frame for Greeting {
///     type Yield = String;
///     type Return = (); // the root returns nothing, its sub a name
///     type Error = core::convert::Infallible;
///     type Sub = Words;
///
///     fn resume(&mut self, input: Resume<Received<(), String>>) -> Outcome<Suspend<String, Words>> {
///         let received = input.sent()?;
///         self.line += 1;
///         Ok(match (self.line, received) {
///             (1, _) => Yielded(Suspend::Yield("Hello,".into())),
///             (2, _) => Yielded(Suspend::YieldFrom(BoxFrame::new(Person { said_dear: false }))),
///             (3, Some(Received::Returned(name))) => Yielded(Suspend::Yield(format!("{name}!"))),
///             _ => Complete(()),
///         })
///     }
/// }
///
/// impl Frame for Person {
///     type Yield = String;
///     type Return = String;
///     type Error = core::convert::Infallible;
///     type Sub = Words;
///
///     fn resume(&mut self, input: Resume<Received<(), String>>) -> Outcome<Suspend<String, Words>, String> {
///         input.sent()?;
///         if self.said_dear {
///             return Ok(Complete("World".into()));
///         }
///         self.said_dear = true;
///         Ok(Yielded(Suspend::Yield("dear".into())))
///     }
/// }
///
/// let words: Vec<String> = trampoline(Greeting { line: 0 }).iter().collect();
/// assert_eq!(words.join(" "), "Hello, dear World!");
/// ```
#[must_use = "frames are lazy and do nothing unless resumed"]
pub struct BoxFrame<'a, Y, R = (), E = Infallible, S = ()> {
    frame: Box<dyn Frame<S, Yield = Y, Return = R, Error = E, Sub = Self> + 'a>,
}

impl<'a, Y, R, E, S> BoxFrame<'a, Y, R, E, S> {
    /// Boxes `frame`.
    ///
    /// ```
    /// use resumable::generator::{trampoline, BoxFrame, Frame, Received, Suspend};
    /// use resumable::{Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
    ///
    /// struct Once(Option<u8>); // yield 7
    ///
    /// impl Frame for Once {
    ///     type Yield = u8;
    ///     type Return = ();
    ///     type Error = core::convert::Infallible;
    ///     type Sub = BoxFrame<'static, u8>;
    ///
    ///     fn resume(&mut self, input: Resume<Received<(), ()>>) -> Outcome<Suspend<u8, Self::Sub>> {
    ///         input.sent()?;
    ///         Ok(self.0.take().map_or(Complete(()), |value| Yielded(Suspend::Yield(value))))
    ///     }
    /// }
    ///
    /// let mut gen = trampoline(BoxFrame::new(Once(Some(7))));
    /// assert_eq!(gen.next(), Ok(Yielded(7)));
    /// assert_eq!(gen.next(), Ok(Complete(())));
    /// ```
    pub fn new(frame: impl Frame<S, Yield = Y, Return = R, Error = E, Sub = Self> + 'a) -> Self {
        BoxFrame {
            frame: Box::new(frame),
        }
    }
}

impl<Y, R, E, S> Frame<S> for BoxFrame<'_, Y, R, E, S> {
    type Yield = Y;
    type Return = R;
    type Error = E;
    type Sub = Self;

    #[inline]
    fn resume(&mut self, input: Resume<Received<S, R>, E>) -> Outcome<Suspend<Y, Self>, R, E> {
        self.frame.resume(input)
    }
}

impl<Y, R, E, S> fmt::Debug for BoxFrame<'_, Y, R, E, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BoxFrame").finish_non_exhaustive()
    }
}
