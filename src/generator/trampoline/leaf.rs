use core::fmt;
use core::marker::PhantomData;

use super::frame::SubReturn;
use super::{Frame, Received, Suspend};
use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Makes a plain [`Generator`] a [`Frame`] that never delegates, so that
/// a frame can `yield from` it on a [`trampoline`](super::trampoline()):
/// an iterator, a source of this crate, or any generator you already have,
/// without rewriting it as a frame.
///
/// `F` is the frame type of the stack it joins (the `Sub` of the frame
/// that yields from it), usually inferred. The leaf receives what the
/// generator receives, and its yields, return value and errors are the
/// generator's. Since it never yields from a subframe, the trampoline
/// never hands it a return value.
///
/// # Examples
///
/// ```python
/// def outer():
///     yield 'start'
///     yield from range(3)     # a plain iterator under a recursive frame
///     yield 'end'
/// ```
///
/// ```
/// use resumable::generator::{from_iter, leaf, trampoline, BoxFrame, Frame, Received, Suspend};
/// use resumable::{Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
///
/// type Sub = BoxFrame<'static, String>;
///
/// struct Outer { line: u8 }
///
/// impl Frame for Outer {
///     type Yield = String;
///     type Return = ();
///     type Error = core::convert::Infallible;
///     type Sub = Sub;
///
///     fn resume(&mut self, input: Resume<Received<(), ()>>) -> Outcome<Suspend<String, Sub>> {
///         input.sent()?;
///         self.line += 1;
///         Ok(Yielded(match self.line {
///             1 => Suspend::Yield("start".into()),
///             2 => Suspend::YieldFrom(BoxFrame::new(leaf(from_iter(0..3).map_yield(|i| i.to_string())))),
///             3 => Suspend::Yield("end".into()),
///             _ => return Ok(Complete(())),
///         }))
///     }
/// }
///
/// let lines: Vec<String> = trampoline(Outer { line: 0 }).iter().collect();
/// assert_eq!(lines, ["start", "0", "1", "2", "end"]);
/// ```
pub fn leaf<S, G: Generator<S>, F>(generator: G) -> Leaf<G, F> {
    Leaf {
        generator,
        _sub: PhantomData,
    }
}

/// Frame for the [`leaf()`] function.
///
/// This `struct` is created by [`leaf()`]. See its documentation for more.
#[must_use = "frames are lazy and do nothing unless resumed"]
pub struct Leaf<G, F> {
    generator: G,
    _sub: PhantomData<fn() -> F>,
}

impl<S, G: Generator<S>, F: Frame<S>> Frame<S> for Leaf<G, F> {
    type Yield = G::Yield;
    type Return = G::Return;
    type Error = G::Error;
    type Sub = F;

    #[inline]
    #[track_caller]
    fn resume(
        &mut self,
        input: Resume<Received<S, SubReturn<Self, S>>, G::Error>,
    ) -> Outcome<Suspend<G::Yield, F>, G::Return, G::Error> {
        let input = match input {
            Resume::Next => Resume::Next,
            Resume::Send(Received::Sent(value)) => Resume::Send(value),
            Resume::Send(Received::Returned(_)) => {
                unreachable!("a leaf never yields from a subframe, so none returns into it")
            }
            Resume::Throw(error) => Resume::Throw(error),
            Resume::Close => Resume::Close,
        };
        Ok(match self.generator.resume(input)? {
            GeneratorState::Yielded(value) => GeneratorState::Yielded(Suspend::Yield(value)),
            GeneratorState::Complete(value) => GeneratorState::Complete(value),
        })
    }
}

impl<G: fmt::Debug, F> fmt::Debug for Leaf<G, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Leaf")
            .field("generator", &self.generator)
            .finish()
    }
}

impl<G: Clone, F> Clone for Leaf<G, F> {
    fn clone(&self) -> Self {
        Leaf {
            generator: self.generator.clone(),
            _sub: PhantomData,
        }
    }
}
