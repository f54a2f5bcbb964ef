use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// A generator that runs one generator to its end, then another: Python's
/// `yield from first; yield from second`.
///
/// This `struct` is created by the [`chain`](Generator::chain) method on
/// [`Generator`]. See its documentation for more.
///
/// Each part is delegated to as by [`yield_from!`](crate::yield_from!): a
/// throw or close while the first part runs reaches the first part, and if
/// that ends the chain, the second part never starts. When the first part
/// returns, the second starts in the same step, as the next statement of a
/// Python generator does.
#[derive(Clone, Debug)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct Chain<A, B> {
    first: Option<A>,
    second: B,
}

impl<A, B> Chain<A, B> {
    pub(crate) fn new(first: A, second: B) -> Self {
        Chain {
            first: Some(first),
            second,
        }
    }
}

impl<S, A, B> Generator<S> for Chain<A, B>
where
    A: Generator<S, Return = ()>,
    B: Generator<S, Yield = A::Yield, Error = A::Error>,
{
    type Yield = A::Yield;
    type Return = B::Return;
    type Error = A::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, mut input: Resume<S, A::Error>) -> Outcome<A::Yield, B::Return, A::Error> {
        if let Some(first) = &mut self.first {
            crate::yield_from!(first, input)?;
            self.first = None;
            input = Resume::Next;
        }
        let value = crate::yield_from!(self.second, input)?;
        Ok(GeneratorState::Complete(value))
    }
}
