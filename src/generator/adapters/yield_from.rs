use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// A generator that delegates to `sub` and returns what `sub` returns:
/// Python's
///
/// ```python
/// def delegator():
///     return (yield from sub)
/// ```
///
/// Every yield of `sub` passes through, every value sent reaches `sub`,
/// throws reach `sub` first, and closing closes `sub` before the delegator
/// sees `GeneratorExit` (see [`delegate`](fn@crate::generator::delegate) for the
/// exact rules). It differs from `sub` itself in one way, as in Python: a
/// value `sub` returns while being closed does not come out.
///
/// To delegate from the middle of your own generator, use the
/// [`yield_from!`](crate::yield_from!) macro, which this adapter is built on.
///
/// # Examples
///
/// PEP 380's `averager`: the values sent to the delegator reach the
/// subgenerator, and its return value comes out of the delegator.
///
/// ```
/// use resumable::{generator::{from_fn, yield_from}, Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
///
/// // def averager():
/// //     total, count = 0, 0
/// //     while (value := (yield)) is not None:
/// //         total += value; count += 1
/// //     return total / count
/// let (mut total, mut count) = (0.0, 0.0);
/// let averager = from_fn(move |input: Resume<f64>| -> Outcome<(), f64> {
///     Ok(match input.sent()? {
///         Some(value) => { total += value; count += 1.0; Yielded(()) }
///         None if count == 0.0 => Yielded(()), // the first next()
///         None => Complete(total / count),
///     })
/// });
///
/// let mut delegator = yield_from(averager);
/// assert_eq!(delegator.next(), Ok(Yielded(())));
/// assert_eq!(delegator.send(10.0), Ok(Yielded(())));
/// assert_eq!(delegator.send(20.0), Ok(Yielded(())));
/// assert_eq!(delegator.next(), Ok(Complete(15.0)));
/// ```
pub fn yield_from<S, G: Generator<S>>(sub: G) -> YieldFrom<G> {
    YieldFrom { sub }
}

/// Generator for the [`yield_from()`] function.
///
/// This `struct` is created by [`yield_from()`]. See its documentation for more.
#[derive(Clone, Debug)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct YieldFrom<G> {
    sub: G,
}

impl<G> YieldFrom<G> {
    /// The subgenerator being delegated to.
    ///
    /// ```
    /// use resumable::generator::{once, yield_from};
    ///
    /// let gen = yield_from(once(7));
    /// assert_eq!(format!("{:?}", gen.get_ref()), "Once { value: Some(7) }");
    /// ```
    pub fn get_ref(&self) -> &G {
        &self.sub
    }

    /// The subgenerator, as it is now.
    ///
    /// ```
    /// use resumable::{generator::{from_iter, yield_from}, Generator, GeneratorState::Yielded};
    ///
    /// let mut gen = yield_from(from_iter([1, 2]));
    /// assert_eq!(gen.next(), Ok(Yielded(1)));
    /// let mut sub = gen.into_inner(); // picks up where the delegation stopped
    /// assert_eq!(sub.next(), Ok(Yielded(2)));
    /// ```
    pub fn into_inner(self) -> G {
        self.sub
    }
}

impl<S, G: Generator<S>> Generator<S> for YieldFrom<G> {
    type Yield = G::Yield;
    type Return = G::Return;
    type Error = G::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, G::Error>) -> Outcome<G::Yield, G::Return, G::Error> {
        let value = crate::yield_from!(self.sub, input)?;
        Ok(GeneratorState::Complete(value))
    }
}
