use core::fmt;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// A generator that transforms the value another generator returns.
///
/// This `struct` is created by the [`map_return`](Generator::map_return)
/// method on [`Generator`]. See its documentation for more.
#[derive(Clone)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct MapReturn<G, F> {
    generator: G,
    f: F,
}

impl<G, F> MapReturn<G, F> {
    pub(crate) fn new(generator: G, f: F) -> Self {
        MapReturn { generator, f }
    }
}

impl<S, G: Generator<S>, F: FnMut(G::Return) -> T, T> Generator<S> for MapReturn<G, F> {
    type Yield = G::Yield;
    type Return = T;
    type Error = G::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, G::Error>) -> Outcome<G::Yield, T, G::Error> {
        Ok(match self.generator.resume(input)? {
            GeneratorState::Yielded(value) => GeneratorState::Yielded(value),
            GeneratorState::Complete(value) => GeneratorState::Complete((self.f)(value)),
        })
    }
}

impl<G: fmt::Debug, F> fmt::Debug for MapReturn<G, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapReturn")
            .field("generator", &self.generator)
            .finish_non_exhaustive()
    }
}
