use core::convert::Infallible;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// Makes a generator of a [`Future`]: each resume polls it once with
/// `waker`; it yields `()` while the future is pending and returns the
/// future's output. Python's `__await__`: an `asyncio.Future` yields itself
/// until it is done, and `yield from future` evaluates to its result.
///
/// `waker` is what the future will wake when it can make progress; whoever
/// drives the generator should resume it only then. `no_std` and
/// allocation-free: a `Waker` is a `core` type, and so is the [`Context`]
/// built from it on each resume. With `std`, the scheduler's
/// [`wrap_future`](fn@crate::scheduler::wrap_future) builds the waker for you
/// and parks the task until it fires, and [`block_on`](super::block_on())
/// parks the thread.
///
/// A future that is not [`Unpin`] (an `async` block) can be pinned first,
/// with `core::pin::pin!` on the stack or `Box::pin`.
///
/// Closing the generator (or dropping it) drops the future, which is how a
/// future is cancelled in Rust. It raises nothing itself; under a delegator
/// with an error type, [`with_error`](Generator::with_error) lets it sit there
/// (a thrown error then closes it, dropping the future, and propagates).
///
/// # Examples
///
/// ```python
/// fut = loop.create_future()
/// it = fut.__await__()
/// next(it)              # yields: not done yet
/// fut.set_result(42)
/// next(it)              # StopIteration(42)
/// ```
///
/// ```
/// use core::future::poll_fn;
/// use core::task::{Poll, Waker};
/// use resumable::bridge::from_future;
/// use resumable::{Generator, GeneratorState::{Complete, Yielded}};
/// use std::{cell::Cell, sync::Arc};
///
/// # struct Ignore;
/// # impl std::task::Wake for Ignore { fn wake(self: Arc<Self>) {} }
/// let waker = Waker::from(Arc::new(Ignore));
/// let result = Cell::new(None);
/// let fut = poll_fn(|_| match result.get() {
///     Some(value) => Poll::Ready(value),
///     None => Poll::Pending,
/// });
/// let mut it = from_future(fut, waker);
/// assert_eq!(it.next(), Ok(Yielded(()))); // not done yet
/// result.set(Some(42)); // fut.set_result(42)
/// assert_eq!(it.next(), Ok(Complete(42)));
/// ```
pub fn from_future<F>(future: F, waker: Waker) -> FromFuture<F>
where
    F: Future + Unpin,
{
    FromFuture { future, waker }
}

/// Generator for the [`from_future()`] function.
///
/// This `struct` is created by [`from_future()`]. See its documentation for
/// more.
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct FromFuture<F> {
    future: F,
    waker: Waker,
}

impl<F: Future + Unpin> FromFuture<F> {
    /// Polls the future once: the whole of a step, once the input allowed it.
    #[inline]
    pub(crate) fn poll_once(&mut self) -> Poll<F::Output> {
        Pin::new(&mut self.future).poll(&mut Context::from_waker(&self.waker))
    }
}

impl<F: Future + Unpin> Generator for FromFuture<F> {
    type Yield = ();
    type Return = F::Output;
    type Error = Infallible;

    #[inline]
    fn resume(&mut self, input: Resume) -> Outcome<(), F::Output> {
        input.sent()?; // close: GeneratorExit, and the owner drops the future
        Ok(match self.poll_once() {
            Poll::Pending => GeneratorState::Yielded(()),
            Poll::Ready(value) => GeneratorState::Complete(value),
        })
    }
}

impl<F> fmt::Debug for FromFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FromFuture").finish_non_exhaustive()
    }
}
