use core::fmt;
use core::marker::PhantomData;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Creates a generator that returns `value` at once, without yielding:
/// Python's coroutine with no `await` in it,
///
/// ```python
/// async def ready(value):
///     return value
/// ```
///
/// It is what a step of a [`then`](Generator::then),
/// [`or_else`](Generator::or_else) or [`loop_fn`](crate::generator::loop_fn())
/// chain returns when it has nothing to wait for, like futures'
/// `future::ready`. Its yield and error types are whatever the chain
/// needs. Thrown into before it starts, an error comes straight back, as
/// from any generator that has not started.
///
/// # Panics
///
/// Resumed again after it returned, it panics: the value is gone.
///
/// # Examples
///
/// ```
/// use resumable::generator::{once, ready, Generator};
/// use resumable::GeneratorState::{Complete, Yielded};
///
/// // r = yield 'a'; return 'finished'
/// let mut gen = once("a").then(|()| ready("finished"));
/// assert_eq!(gen.next(), Ok(Yielded("a")));
/// assert_eq!(gen.next(), Ok(Complete("finished")));
/// ```
pub fn ready<T, Y, E>(value: T) -> Ready<T, Y, E> {
    Ready {
        value: Some(value),
        _types: PhantomData,
    }
}

/// Generator for the [`ready()`] function.
///
/// This `struct` is created by [`ready()`]. See its documentation for more.
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct Ready<T, Y, E> {
    value: Option<T>,
    _types: PhantomData<fn() -> (Y, E)>,
}

impl<S, T, Y, E> Generator<S> for Ready<T, Y, E> {
    type Yield = Y;
    type Return = T;
    type Error = E;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, E>) -> Outcome<Y, T, E> {
        input.sent()?;
        let value = self
            .value
            .take()
            .expect("`ready` resumed after it returned");
        Ok(GeneratorState::Complete(value))
    }
}

impl<T: fmt::Debug, Y, E> fmt::Debug for Ready<T, Y, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ready").field("value", &self.value).finish()
    }
}

impl<T: Clone, Y, E> Clone for Ready<T, Y, E> {
    fn clone(&self) -> Self {
        Ready {
            value: self.value.clone(),
            _types: PhantomData,
        }
    }
}
