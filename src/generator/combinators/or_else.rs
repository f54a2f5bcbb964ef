use core::fmt;

use super::Stage;
use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};

/// A generator that runs one generator and, if it raises, the handler a
/// closure makes of the error: Python's
///
/// ```python
/// try:
///     return await a
/// except E as e:
///     return await handler(e)
/// ```
///
/// This `struct` is created by the [`or_else`](Generator::or_else) method
/// on [`Generator`]. See its documentation for more.
///
/// It catches what Python's `except` catches: an error the first stage
/// raises, including one thrown into it that it let through. It never
/// catches `GeneratorExit`: closing it closes the stage that is running,
/// and the close goes on out.
#[derive(Clone)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct OrElse<A, F, B> {
    stage: Stage<A, F, B>,
}

impl<A, F, B> OrElse<A, F, B> {
    pub(crate) fn new(first: A, f: F) -> Self {
        OrElse {
            stage: Stage::first(first, f),
        }
    }
}

impl<S, A, F, B> Generator<S> for OrElse<A, F, B>
where
    A: Generator<S>,
    F: FnOnce(A::Error) -> Result<B, A::Error>,
    B: Generator<S, Yield = A::Yield, Return = A::Return, Error = A::Error>,
{
    type Yield = A::Yield;
    type Return = A::Return;
    type Error = A::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, mut input: Resume<S, A::Error>) -> Outcome<A::Yield, A::Return, A::Error> {
        loop {
            match &mut self.stage {
                Stage::First(first, _) => match crate::yield_from!(first, input) {
                    Ok(value) => return Ok(GeneratorState::Complete(value)),
                    Err(Exception::Raised(error)) => {
                        let f = self.stage.take_f();
                        self.stage = Stage::Second(f(error)?);
                        input = Resume::Next;
                    }
                    Err(Exception::GeneratorExit) => return Err(Exception::GeneratorExit),
                },
                Stage::Second(handler) => {
                    return Ok(GeneratorState::Complete(crate::yield_from!(
                        handler, input
                    )?))
                }
            }
        }
    }
}

impl<A: fmt::Debug, F, B: fmt::Debug> fmt::Debug for OrElse<A, F, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OrElse")
            .field("stage", &self.stage)
            .finish_non_exhaustive()
    }
}
