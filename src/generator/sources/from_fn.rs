use core::fmt;
use core::marker::PhantomData;

use crate::generator::{Generator, Outcome, Resume};

/// Creates a generator whose `resume` is the closure `f`.
///
/// The closure gets each [`Resume`] and returns the [`Outcome`] of the step,
/// exactly like a hand-written [`Generator::resume`]; its captured variables
/// are the generator's state. Good for small generators and for tests.
///
/// # Examples
///
/// Python's `custom_range` from the lecture, as one closure:
///
/// ```
/// use core::convert::Infallible;
/// use resumable::{generator::from_fn, Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
///
/// fn custom_range(number: u32) -> impl Generator<Yield = u32, Return = (), Error = Infallible> {
///     let mut index = 0;
///     from_fn(move |input: Resume| -> Outcome<u32> {
///         input.sent()?;
///         if index < number {
///             index += 1;
///             Ok(Yielded(index - 1))
///         } else {
///             Ok(Complete(()))
///         }
///     })
/// }
///
/// let mut range_of_four = custom_range(4);
/// assert_eq!(range_of_four.next(), Ok(Yielded(0)));
/// assert_eq!(range_of_four.next(), Ok(Yielded(1)));
/// assert_eq!(range_of_four.next(), Ok(Yielded(2)));
/// assert_eq!(range_of_four.next(), Ok(Yielded(3)));
/// assert_eq!(range_of_four.next(), Ok(Complete(())));
/// ```
pub fn from_fn<S, Y, R, E, F>(f: F) -> FromFn<F, E>
where
    F: FnMut(Resume<S, E>) -> Outcome<Y, R, E>,
{
    FromFn {
        f,
        _error: PhantomData,
    }
}

/// Generator for the [`from_fn()`] function.
///
/// This `struct` is created by [`from_fn()`]. See its documentation for more.
///
/// The error type `E` is part of the type because it appears only in the
/// closure's argument, which Rust cannot read an associated type from.
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct FromFn<F, E> {
    f: F,
    _error: PhantomData<fn(E) -> E>,
}

impl<S, Y, R, E, F> Generator<S> for FromFn<F, E>
where
    F: FnMut(Resume<S, E>) -> Outcome<Y, R, E>,
{
    type Yield = Y;
    type Return = R;
    type Error = E;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, E>) -> Outcome<Y, R, E> {
        (self.f)(input)
    }
}

impl<F, E> fmt::Debug for FromFn<F, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FromFn").finish_non_exhaustive()
    }
}

impl<F: Clone, E> Clone for FromFn<F, E> {
    fn clone(&self) -> Self {
        FromFn {
            f: self.f.clone(),
            _error: PhantomData,
        }
    }
}
