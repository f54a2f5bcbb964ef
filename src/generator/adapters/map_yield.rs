use core::fmt;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// A generator that transforms each value another generator yields.
///
/// This `struct` is created by the [`map_yield`](Generator::map_yield) method
/// on [`Generator`]. See its documentation for more.
#[derive(Clone)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct MapYield<G, F> {
    generator: G,
    f: F,
}

impl<G, F> MapYield<G, F> {
    pub(crate) fn new(generator: G, f: F) -> Self {
        MapYield { generator, f }
    }
}

impl<S, G: Generator<S>, F: FnMut(G::Yield) -> T, T> Generator<S> for MapYield<G, F> {
    type Yield = T;
    type Return = G::Return;
    type Error = G::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, G::Error>) -> Outcome<T, G::Return, G::Error> {
        Ok(match self.generator.resume(input)? {
            GeneratorState::Yielded(value) => GeneratorState::Yielded((self.f)(value)),
            GeneratorState::Complete(value) => GeneratorState::Complete(value),
        })
    }
}

impl<G: fmt::Debug, F> fmt::Debug for MapYield<G, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapYield")
            .field("generator", &self.generator)
            .finish_non_exhaustive()
    }
}
