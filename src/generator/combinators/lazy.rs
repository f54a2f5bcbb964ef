use core::fmt;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Creates a generator whose body starts with plain code: on its first
/// resume it calls `f`, then runs the generator `f` returns and returns
/// what that one returns. Python's coroutine that does something before its
/// first `await`:
///
/// ```python
/// async def job(name, delay):
///     print(f"{name} started")
///     await asyncio.sleep(delay)
/// ```
///
/// Nothing runs when the generator is created, as nothing of a Python
/// coroutine runs until it is awaited; a throw or close before the start
/// ends it without calling `f`. Sends, throws and closes afterwards reach
/// the generator `f` returned, as through [`yield_from!`](crate::yield_from!).
/// It is futures' `future::lazy`.
///
/// # Examples
///
/// ```
/// use std::cell::Cell;
/// use resumable::generator::{lazy, once, Generator};
/// use resumable::GeneratorState::{Complete, Yielded};
///
/// let started = Cell::new(false);
/// let mut job = lazy(|| {
///     started.set(true); // print(f"{name} started")
///     once("sleeping")
/// });
/// assert!(!started.get(), "created, not started");
/// assert_eq!(job.next(), Ok(Yielded("sleeping")));
/// assert!(started.get());
/// assert_eq!(job.next(), Ok(Complete(())));
/// ```
pub fn lazy<F, G>(f: F) -> Lazy<F, G>
where
    F: FnOnce() -> G,
{
    Lazy {
        f: Some(f),
        running: None,
    }
}

/// Generator for the [`lazy()`] function.
///
/// This `struct` is created by [`lazy()`]. See its documentation for more.
#[derive(Clone)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct Lazy<F, G> {
    f: Option<F>,
    /// The generator `f` made; `None` before the first input.
    running: Option<G>,
}

impl<S, F, G> Generator<S> for Lazy<F, G>
where
    F: FnOnce() -> G,
    G: Generator<S>,
{
    type Yield = G::Yield;
    type Return = G::Return;
    type Error = G::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, mut input: Resume<S, G::Error>) -> Outcome<G::Yield, G::Return, G::Error> {
        let running = match &mut self.running {
            Some(running) => running,
            None => {
                input.sent()?; // a throw or close before the start
                input = Resume::Next;
                let f = self.f.take().expect("`lazy` starts once");
                self.running.insert(f())
            }
        };
        Ok(GeneratorState::Complete(crate::yield_from!(
            running, input
        )?))
    }
}

impl<F, G: fmt::Debug> fmt::Debug for Lazy<F, G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lazy")
            .field("running", &self.running)
            .finish_non_exhaustive()
    }
}
