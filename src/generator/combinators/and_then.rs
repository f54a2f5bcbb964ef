use core::fmt;

use super::Stage;
use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};

/// A generator that runs one generator, then asks a closure what comes
/// next: another generator to run, or an error to raise. Python's
/// `r = await a`, then `if bad(r): raise E` or `return await f(r)`.
///
/// This `struct` is created by the [`and_then`](Generator::and_then) method
/// on [`Generator`]. See its documentation for more.
///
/// Sends, throws and closes reach the stage that is running, as in
/// [`Then`](crate::generator::Then).
#[derive(Clone)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct AndThen<A, F, B> {
    stage: Stage<A, F, B>,
}

impl<A, F, B> AndThen<A, F, B> {
    pub(crate) fn new(first: A, f: F) -> Self {
        AndThen {
            stage: Stage::first(first, f),
        }
    }
}

impl<S, A, F, B> Generator<S> for AndThen<A, F, B>
where
    A: Generator<S>,
    F: FnOnce(A::Return) -> Result<B, A::Error>,
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
                    self.stage = Stage::Second(f(value).map_err(Exception::Raised)?);
                    input = Resume::Next;
                }
                Stage::Second(second) => {
                    return Ok(GeneratorState::Complete(crate::yield_from!(second, input)?))
                }
            }
        }
    }
}

impl<A: fmt::Debug, F, B: fmt::Debug> fmt::Debug for AndThen<A, F, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AndThen")
            .field("stage", &self.stage)
            .finish_non_exhaustive()
    }
}
