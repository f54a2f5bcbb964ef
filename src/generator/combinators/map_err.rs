use core::fmt;

use crate::generator::{Exception, Generator, Outcome, Resume};

/// A generator that transforms the errors another generator raises.
///
/// This `struct` is created by the [`map_err`](Generator::map_err) method on
/// [`Generator`]. See its documentation for more.
///
/// An error thrown in is converted with [`Into`] and thrown into the inner
/// generator, so that it reaches the point where that generator is
/// suspended, as it would without the adapter; if it comes back out, the
/// closure transforms it like any other error it raises.
#[derive(Clone)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct MapErr<G, F> {
    generator: G,
    f: F,
}

impl<G, F> MapErr<G, F> {
    pub(crate) fn new(generator: G, f: F) -> Self {
        MapErr { generator, f }
    }
}

impl<S, G, F, E> Generator<S> for MapErr<G, F>
where
    G: Generator<S>,
    F: FnMut(G::Error) -> E,
    E: Into<G::Error>,
{
    type Yield = G::Yield;
    type Return = G::Return;
    type Error = E;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, E>) -> Outcome<G::Yield, G::Return, E> {
        let input = match input {
            Resume::Next => Resume::Next,
            Resume::Send(value) => Resume::Send(value),
            Resume::Throw(error) => Resume::Throw(error.into()),
            Resume::Close => Resume::Close,
        };
        self.generator
            .resume(input)
            .map_err(|exception| match exception {
                Exception::Raised(error) => Exception::Raised((self.f)(error)),
                Exception::GeneratorExit => Exception::GeneratorExit,
            })
    }
}

impl<G: fmt::Debug, F> fmt::Debug for MapErr<G, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapErr")
            .field("generator", &self.generator)
            .finish_non_exhaustive()
    }
}
