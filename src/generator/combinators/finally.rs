use core::fmt;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// A generator that runs a closure once another generator has finished,
/// however it finished: Python's
///
/// ```python
/// try:
///     return (yield from g)
/// finally:
///     cleanup()
/// ```
///
/// This `struct` is created by the [`finally`](Generator::finally) method on
/// [`Generator`]. See its documentation for more.
///
/// Every input goes to the inner generator unchanged, and every outcome
/// comes back unchanged; the closure runs after the inner generator
/// returned, raised, or let `GeneratorExit` out. It does not run when the
/// inner generator yields while being closed (it is still suspended), nor
/// when the first input is a throw or a close: like a Python `finally:`
/// whose `try` was never entered, because the generator had not started.
/// Dropping a suspended `Finally` runs no code, as for every generator;
/// see [`close_on_drop`](Generator::close_on_drop).
#[derive(Clone)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct Finally<G, F> {
    generator: G,
    cleanup: Option<F>,
    started: bool,
}

impl<G, F> Finally<G, F> {
    pub(crate) fn new(generator: G, cleanup: F) -> Self {
        Finally {
            generator,
            cleanup: Some(cleanup),
            started: false,
        }
    }
}

impl<S, G: Generator<S>, F: FnOnce()> Generator<S> for Finally<G, F> {
    type Yield = G::Yield;
    type Return = G::Return;
    type Error = G::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, G::Error>) -> Outcome<G::Yield, G::Return, G::Error> {
        if !self.started {
            if matches!(input, Resume::Throw(_) | Resume::Close) {
                // The `try` was never entered: nothing to clean up.
                self.cleanup = None;
                return self.generator.resume(input);
            }
            self.started = true;
        }
        let outcome = self.generator.resume(input);
        if !matches!(outcome, Ok(GeneratorState::Yielded(_))) {
            if let Some(cleanup) = self.cleanup.take() {
                cleanup();
            }
        }
        outcome
    }
}

impl<G: fmt::Debug, F> fmt::Debug for Finally<G, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Finally")
            .field("generator", &self.generator)
            .finish_non_exhaustive()
    }
}
