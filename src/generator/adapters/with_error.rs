use core::convert::Infallible;
use core::fmt;
use core::marker::PhantomData;

use crate::generator::{Exception, Generator, Outcome, Resume};

/// A generator that raises nothing, given an error type so that it can be
/// delegated to by a generator that has one.
///
/// This `struct` is created by the [`with_error`](Generator::with_error)
/// method on [`Generator`]. See its documentation for more.
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct WithError<G, E> {
    generator: G,
    _error: PhantomData<fn() -> E>,
}

impl<G, E> WithError<G, E> {
    pub(crate) fn new(generator: G) -> Self {
        WithError {
            generator,
            _error: PhantomData,
        }
    }
}

impl<S, G: Generator<S, Error = Infallible>, E> Generator<S> for WithError<G, E> {
    type Yield = G::Yield;
    type Return = G::Return;
    type Error = E;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, E>) -> Outcome<G::Yield, G::Return, E> {
        let input = match input {
            Resume::Next => Resume::Next,
            Resume::Send(value) => Resume::Send(value),
            Resume::Close => Resume::Close,
            // The inner generator cannot catch an `E`: close it so its
            // cleanup runs, then let the error pass, unless the cleanup
            // itself returned or yielded (as a Python `finally:` may).
            Resume::Throw(error) => {
                return match self.generator.resume(Resume::Close) {
                    Err(Exception::GeneratorExit) => Err(Exception::Raised(error)),
                    other => other.map_err(lift),
                }
            }
        };
        self.generator.resume(input).map_err(lift)
    }
}

fn lift<E>(exception: Exception<Infallible>) -> Exception<E> {
    match exception {
        Exception::GeneratorExit => Exception::GeneratorExit,
        Exception::Raised(never) => match never {},
    }
}

impl<G: fmt::Debug, E> fmt::Debug for WithError<G, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WithError")
            .field("generator", &self.generator)
            .finish()
    }
}

impl<G: Clone, E> Clone for WithError<G, E> {
    fn clone(&self) -> Self {
        WithError::new(self.generator.clone())
    }
}
