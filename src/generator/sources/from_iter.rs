use core::convert::Infallible;
use core::iter::Fuse;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Creates a generator that yields the items of `iterable`: Python's
/// `yield from iterable`.
///
/// Any [`IntoIterator`] becomes a generator this way. A plain iterator has
/// no `throw` or `close` of its own, so, as under Python's `yield from`,
/// a close simply finishes the generator, and it raises nothing (see
/// [`with_error`](Generator::with_error) to give it an error type). Once
/// the items run out it returns `()`, and keeps doing so if resumed again,
/// as Python keeps raising `StopIteration`.
///
/// # Examples
///
/// The lecture's two ways of writing `numbers_range`:
///
/// ```python
/// def numbers_range(n):
///     for i in range(n):
///         yield i
///
/// def numbers_range(n):
///     yield from range(n)
/// ```
///
/// ```
/// use resumable::{generator::{from_iter, FromIter}, Generator};
///
/// fn numbers_range(n: u32) -> FromIter<core::ops::Range<u32>> {
///     from_iter(0..n)
/// }
///
/// let numbers: Vec<u32> = numbers_range(4).iter().collect();
/// assert_eq!(numbers, [0, 1, 2, 3]);
/// ```
pub fn from_iter<I: IntoIterator>(iterable: I) -> FromIter<I::IntoIter> {
    FromIter {
        iter: iterable.into_iter().fuse(),
    }
}

/// Generator for the [`from_iter()`] function.
///
/// This `struct` is created by [`from_iter()`]. See its documentation for more.
#[derive(Clone, Debug)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct FromIter<I> {
    iter: Fuse<I>,
}

impl<I: Iterator> Generator for FromIter<I> {
    type Yield = I::Item;
    type Return = ();
    type Error = Infallible;

    #[inline]
    fn resume(&mut self, input: Resume) -> Outcome<I::Item> {
        input.sent()?;
        Ok(match self.iter.next() {
            Some(item) => GeneratorState::Yielded(item),
            None => GeneratorState::Complete(()),
        })
    }
}
