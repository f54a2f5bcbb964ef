use core::convert::Infallible;
use core::fmt;
use core::marker::PhantomData;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Creates a generator that yields nothing and returns `()`: Python's
///
/// ```python
/// def empty():
///     return
///     yield
/// ```
///
/// # Examples
///
/// ```
/// use resumable::{generator::empty, Generator, GeneratorState::Complete};
///
/// let mut nothing = empty::<u8>();
/// assert_eq!(nothing.next(), Ok(Complete(())));
/// ```
pub fn empty<T>() -> Empty<T> {
    Empty {
        _yield: PhantomData,
    }
}

/// Generator for the [`empty()`] function.
///
/// This `struct` is created by [`empty()`]. See its documentation for more.
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct Empty<T> {
    _yield: PhantomData<fn() -> T>,
}

impl<T> Generator for Empty<T> {
    type Yield = T;
    type Return = ();
    type Error = Infallible;

    #[inline]
    fn resume(&mut self, input: Resume) -> Outcome<T> {
        input.sent()?;
        Ok(GeneratorState::Complete(()))
    }
}

impl<T> fmt::Debug for Empty<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Empty")
    }
}

impl<T> Clone for Empty<T> {
    fn clone(&self) -> Self {
        empty()
    }
}
