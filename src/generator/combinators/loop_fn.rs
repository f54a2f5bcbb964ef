use core::fmt;
use core::ops::ControlFlow;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Creates a generator that runs a loop whose body is a generator: the body
/// is made from the loop's state, run to its end, and its return value says
/// whether to go round again with a new state ([`ControlFlow::Continue`]) or
/// to return ([`ControlFlow::Break`]). Python's
///
/// ```python
/// state = initial
/// while True:
///     flow = await body(state)    # in a generator: yield from body(state)
///     if flow is a break: return flow.value
///     state = flow.value
/// ```
///
/// which is every `while` loop with an `await` in it: the state is what the
/// loop's variables hold between rounds. It is futures 0.1's `loop_fn`.
///
/// Sends, throws and closes reach the body that is running, as through
/// [`yield_from!`](crate::yield_from!): if it raises, the loop raises.
///
/// # Examples
///
/// ```python
/// def blast_off(n):
///     while n > 0:
///         yield n
///         n -= 1
///     return "liftoff"
/// ```
///
/// ```
/// use core::ops::ControlFlow::{Break, Continue};
/// use resumable::generator::{loop_fn, once, Generator};
/// use resumable::GeneratorState::{Complete, Yielded};
///
/// let mut countdown = loop_fn(2, |n| {
///     once(n).map_return(move |()| if n > 1 { Continue(n - 1) } else { Break("liftoff") })
/// });
/// assert_eq!(countdown.next(), Ok(Yielded(2)));
/// assert_eq!(countdown.next(), Ok(Yielded(1)));
/// assert_eq!(countdown.next(), Ok(Complete("liftoff")));
/// ```
pub fn loop_fn<St, F, G>(initial: St, body: F) -> LoopFn<St, F, G>
where
    F: FnMut(St) -> G,
{
    LoopFn {
        initial: Some(initial),
        body,
        running: None,
    }
}

/// Generator for the [`loop_fn()`] function.
///
/// This `struct` is created by [`loop_fn()`]. See its documentation for more.
#[derive(Clone)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct LoopFn<St, F, G> {
    /// The state of the first round, until it starts.
    initial: Option<St>,
    body: F,
    /// The round that is running; `None` before the first input.
    running: Option<G>,
}

impl<S, St, F, G, R> Generator<S> for LoopFn<St, F, G>
where
    F: FnMut(St) -> G,
    G: Generator<S, Return = ControlFlow<R, St>>,
{
    type Yield = G::Yield;
    type Return = R;
    type Error = G::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, mut input: Resume<S, G::Error>) -> Outcome<G::Yield, R, G::Error> {
        loop {
            let state = match &mut self.running {
                Some(round) => match crate::yield_from!(round, input)? {
                    ControlFlow::Continue(state) => state,
                    ControlFlow::Break(value) => return Ok(GeneratorState::Complete(value)),
                },
                // Not started: a throw or close ends us before the loop begins.
                None => {
                    input.sent()?;
                    self.initial.take().expect("the loop starts once")
                }
            };
            self.running = Some((self.body)(state));
            input = Resume::Next;
        }
    }
}

impl<St: fmt::Debug, F, G: fmt::Debug> fmt::Debug for LoopFn<St, F, G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoopFn")
            .field("initial", &self.initial)
            .field("running", &self.running)
            .finish_non_exhaustive()
    }
}
