use core::fmt;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Creates a generator that runs the generators of an iterator one after
/// the other: Python's
///
/// ```python
/// for aw in awaitables:
///     await aw          # in a generator: yield from aw
/// ```
///
/// Each generator is taken from the iterator only when the one before it
/// has returned, so an iterator that builds them (`(1..=3).map(step)`)
/// builds each when its turn comes, as the body of a Python `for` does. Their
/// return values are dropped, as an `await` statement drops its value; the
/// sequence returns `()`.
///
/// Sends, throws and closes reach the generator that is running, as through
/// [`yield_from!`](crate::yield_from!): if one raises, the sequence raises
/// and takes nothing more from the iterator.
///
/// # Examples
///
/// ```python
/// def countdowns():
///     for n in (2, 1):
///         yield from range(n, 0, -1)
/// ```
///
/// ```
/// use resumable::generator::{from_iter, sequence};
/// use resumable::{Generator, GeneratorState::{Complete, Yielded}};
///
/// let mut countdowns = sequence([2, 1].map(|n| from_iter((1..=n).rev())));
/// assert_eq!(countdowns.next(), Ok(Yielded(2)));
/// assert_eq!(countdowns.next(), Ok(Yielded(1)));
/// assert_eq!(countdowns.next(), Ok(Yielded(1)));
/// assert_eq!(countdowns.next(), Ok(Complete(())));
/// ```
pub fn sequence<I: IntoIterator>(awaitables: I) -> Sequence<I::IntoIter> {
    Sequence {
        awaitables: awaitables.into_iter(),
        running: None,
    }
}

/// Generator for the [`sequence()`] function.
///
/// This `struct` is created by [`sequence()`]. See its documentation for more.
#[derive(Clone)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct Sequence<I: Iterator> {
    awaitables: I,
    /// `None` only before the first input: afterwards, the one running (or
    /// the last one, once the sequence returned).
    running: Option<I::Item>,
}

impl<S, I> Generator<S> for Sequence<I>
where
    I: Iterator,
    I::Item: Generator<S>,
{
    type Yield = <I::Item as Generator<S>>::Yield;
    type Return = ();
    type Error = <I::Item as Generator<S>>::Error;

    #[inline]
    #[track_caller]
    fn resume(
        &mut self,
        mut input: Resume<S, Self::Error>,
    ) -> Outcome<Self::Yield, (), Self::Error> {
        loop {
            match &mut self.running {
                Some(awaitable) => {
                    crate::yield_from!(awaitable, input)?;
                }
                // Not started: a throw or close ends us before the loop begins.
                None => {
                    input.sent()?;
                }
            }
            input = Resume::Next;
            match self.awaitables.next() {
                Some(awaitable) => self.running = Some(awaitable),
                None => return Ok(GeneratorState::Complete(())),
            }
        }
    }
}

impl<I: Iterator + fmt::Debug> fmt::Debug for Sequence<I>
where
    I::Item: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sequence")
            .field("awaitables", &self.awaitables)
            .field("running", &self.running)
            .finish()
    }
}
