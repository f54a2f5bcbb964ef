use core::convert::Infallible;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Creates a generator that yields `value` once and returns: Python's
///
/// ```python
/// def once(value):
///     yield value
/// ```
///
/// # Examples
///
/// ```
/// use resumable::{generator::once, Generator, GeneratorState::{Complete, Yielded}};
///
/// let mut world = once("World");
/// assert_eq!(world.next(), Ok(Yielded("World")));
/// assert_eq!(world.next(), Ok(Complete(())));
/// ```
pub fn once<T>(value: T) -> Once<T> {
    Once { value: Some(value) }
}

/// Generator for the [`once()`] function.
///
/// This `struct` is created by [`once()`]. See its documentation for more.
#[derive(Clone, Debug)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct Once<T> {
    value: Option<T>,
}

impl<T> Generator for Once<T> {
    type Yield = T;
    type Return = ();
    type Error = Infallible;

    #[inline]
    fn resume(&mut self, input: Resume) -> Outcome<T> {
        // A throw or close before the first step also drops the value unseen.
        let value = self.value.take();
        input.sent()?;
        Ok(match value {
            Some(value) => GeneratorState::Yielded(value),
            None => GeneratorState::Complete(()),
        })
    }
}
