use core::fmt;

use super::Stage;
use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// A generator that runs one generator, then the generator a closure makes
/// of its return value: Python's `r = yield from a` (or `await a`) followed
/// by `return (yield from f(r))`.
///
/// This `struct` is created by the [`then`](Generator::then) method on
/// [`Generator`]. See its documentation for more.
///
/// Each stage is delegated to as by [`yield_from!`](crate::yield_from!): a
/// send, throw or close reaches the stage that is running, and if it ends
/// the first stage with an exception, the closure is never called. When the
/// first stage returns, the closure runs and the second stage starts in the
/// same step, as the next statement of a Python coroutine does.
#[derive(Clone)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct Then<A, F, B> {
    stage: Stage<A, F, B>,
}

impl<A, F, B> Then<A, F, B> {
    pub(crate) fn new(first: A, f: F) -> Self {
        Then {
            stage: Stage::first(first, f),
        }
    }
}

impl<S, A, F, B> Generator<S> for Then<A, F, B>
where
    A: Generator<S>,
    F: FnOnce(A::Return) -> B,
    B: Generator<S, Yield = A::Yield, Error = A::Error>,
{
    type Yield = A::Yield;
    type Return = B::Return;
    type Error = A::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, mut input: Resume<S, A::Error>) -> Outcome<A::Yield, B::Return, A::Error> {
        loop {
            match &mut self.stage {
                Stage::First(first, _) => {
                    let value = crate::yield_from!(first, input)?;
                    let f = self.stage.take_f();
                    self.stage = Stage::Second(f(value));
                    input = Resume::Next;
                }
                Stage::Second(second) => {
                    return Ok(GeneratorState::Complete(crate::yield_from!(second, input)?))
                }
            }
        }
    }
}

impl<A: fmt::Debug, F, B: fmt::Debug> fmt::Debug for Then<A, F, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Then")
            .field("stage", &self.stage)
            .finish_non_exhaustive()
    }
}
