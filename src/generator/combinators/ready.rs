use core::fmt;
use core::marker::PhantomData;

use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};

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
pub fn ready<T, Y, E, S>(value: T) -> Ready<T, Y, E, S> {
    Ready {
        outcome: Some(Ok(value)),
        _types: PhantomData,
    }
}

/// Generator for the [`ready()`] function.
///
/// This `struct` is created by [`ready()`]. See its documentation for more.
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct Ready<T, Y, E, S = ()> {
    /// What the first resume reports; `None` once it has.
    outcome: Option<Result<T, E>>,
    /// The send type is part of the type, not only of the `Generator`
    /// impl, so that a `Ready` whose send type is known (a task's is `()`)
    /// leaves the compiler nothing to guess in `ready(x).map_return(...)`.
    _types: PhantomData<fn(S) -> Y>,
}

impl<T, Y, E, S> Ready<T, Y, E, S> {
    /// A generator that raises `error` at once, without yielding: a
    /// coroutine whose first line is `raise error`. An `__aexit__` that
    /// turns what it saw into an error is one
    /// ([`Timeout`](crate::scheduler::Timeout)'s is).
    ///
    /// ```
    /// use resumable::generator::{Generator, Ready};
    /// use resumable::Exception;
    ///
    /// // async def fail(): raise ValueError('no')
    /// let mut fail = Ready::<(), (), &str>::raise("no");
    /// assert_eq!(fail.next(), Err(Exception::Raised("no")));
    /// ```
    pub fn raise(error: E) -> Self {
        Ready {
            outcome: Some(Err(error)),
            _types: PhantomData,
        }
    }
}

impl<S, T, Y, E> Generator<S> for Ready<T, Y, E, S> {
    type Yield = Y;
    type Return = T;
    type Error = E;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, E>) -> Outcome<Y, T, E> {
        input.sent()?;
        match self.outcome.take() {
            Some(Ok(value)) => Ok(GeneratorState::Complete(value)),
            Some(Err(error)) => Err(Exception::Raised(error)),
            None => panic!("`ready` resumed after it returned"),
        }
    }
}

impl<T: fmt::Debug, Y, E: fmt::Debug, S> fmt::Debug for Ready<T, Y, E, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ready")
            .field("outcome", &self.outcome)
            .finish()
    }
}

impl<T: Clone, Y, E: Clone, S> Clone for Ready<T, Y, E, S> {
    fn clone(&self) -> Self {
        Ready {
            outcome: self.outcome.clone(),
            _types: PhantomData,
        }
    }
}
