use core::convert::Infallible;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::generator::report_failed_close;
use crate::generator::{Exception, Generator, GeneratorState, Lifecycle, Resume};

/// Turns a generator whose yields mean "not ready yet" into a [`Future`]:
/// what Python's `@types.coroutine` does, so that `await` accepts it.
///
/// Polling resumes the generator with [`next`](Generator::next), Python's
/// `coroutine.send(None)`:
///
/// - a yield wakes the task at once (`cx.waker().wake_by_ref()`) and is
///   [`Poll::Pending`]: the generator cannot register a waker of its own, so
///   "not ready yet" means "poll me again after the others", as a bare
///   `yield` in a `types.coroutine` means `asyncio.sleep(0)`;
/// - the return value is [`Poll::Ready`]: Python's `StopIteration.value`.
///
/// No allocation, no `unsafe` and no `std`: the generator must be [`Unpin`]
/// (every hand-written state machine is), so polling is `Pin::new`.
///
/// # What `async fn` desugars to
///
/// The lecture shows how the event loop runs a coroutine:
///
/// ```python
/// async def f():
///     return "abc"
///
/// coroutine = f()
/// try:
///     coroutine.send(None)
/// except StopIteration as e:
///     print(e.value)          # abc
/// ```
///
/// Rust's `async fn` is a state machine of the same kind, and `poll` is its
/// `send(None)`. The generator below is `f`, and `to_future` makes it the
/// future that `async fn f()` would be:
///
/// ```
/// use core::future::Future;
/// use core::task::{Context, Poll, Waker};
/// use resumable::bridge::to_future;
/// use resumable::{generator::from_fn, GeneratorState::Complete, Outcome, Resume};
///
/// // async def f(): return "abc"
/// let f = || from_fn(|input: Resume| -> Outcome<(), &str> {
///     input.sent()?;
///     Ok(Complete("abc")) // return "abc"
/// });
///
/// // An executor's first poll is the event loop's coroutine.send(None):
/// let waker = Waker::from(std::sync::Arc::new(Ignore));
/// let mut coroutine = to_future(f());
/// let step = core::pin::Pin::new(&mut coroutine).poll(&mut Context::from_waker(&waker));
/// assert_eq!(step, Poll::Ready("abc")); // StopIteration.value
///
/// // The same, through `async`/`.await` and an executor:
/// async fn g() -> &'static str { "abc" }
/// assert_eq!(resumable::bridge::block_on(to_future(f())), "abc");
/// assert_eq!(resumable::bridge::block_on(g()), "abc");
/// # struct Ignore;
/// # impl std::task::Wake for Ignore { fn wake(self: std::sync::Arc<Self>) {} }
/// ```
///
/// # Dropping
///
/// Dropping a pending `ToFuture` (an executor cancelling it: tokio's
/// `JoinHandle::abort`, a `select!` that lost) [closes](Generator::close)
/// the generator, so its cleanup runs, as Python closes a coroutine it
/// collects (as [`close_on_drop`](Generator::close_on_drop) does, and with
/// the same report on stderr if the close fails). One that has not been
/// polled, or has finished, has nothing to clean up.
///
/// # Panics
///
/// Polling it again after it returned [`Poll::Ready`] panics with
/// "`ToFuture` polled after completion" (a `Future` may panic there; a
/// return value cannot be produced twice).
///
/// # Examples
///
/// ```python
/// @types.coroutine
/// def simple_sleep(ticks):
///     for _ in range(ticks):
///         yield
///
/// async def my_coroutine():
///     await simple_sleep(3)
///     return 1
/// ```
///
/// ```
/// use resumable::bridge::{block_on, to_future};
/// use resumable::generator::from_iter;
///
/// let simple_sleep = |ticks| from_iter((0..ticks).map(|_| ()));
/// let my_coroutine = async {
///     to_future(simple_sleep(3)).await; // three times "not ready yet"
///     1
/// };
/// assert_eq!(block_on(my_coroutine), 1);
/// ```
pub fn to_future<G>(generator: G) -> ToFuture<G>
where
    G: Generator<Yield = (), Error = Infallible> + Unpin,
{
    ToFuture {
        generator,
        stage: Lifecycle::Created,
    }
}

/// Future for the [`to_future()`] function.
///
/// This `struct` is created by [`to_future()`]. See its documentation for
/// more. It is [`Send`] when the generator is, so tokio can run it on any
/// of its threads.
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct ToFuture<G: Generator> {
    generator: G,
    /// The generator's lifecycle, kept here rather than by `Tracked` so
    /// that a poll of a suspended generator checks one byte and stores
    /// nothing: the shim then costs what a hand-written future costs.
    stage: Lifecycle,
}

impl<G> ToFuture<G>
where
    G: Generator<Yield = (), Error = Infallible> + Unpin,
{
    /// Where the generator is in its life: [`Lifecycle::Suspended`] while
    /// the future is pending, [`Lifecycle::Closed`] once it is ready.
    ///
    /// ```
    /// use resumable::bridge::{block_on, to_future};
    /// use resumable::{generator::once, Lifecycle};
    ///
    /// let mut future = to_future(once(()));
    /// assert_eq!(future.state(), Lifecycle::Created);
    /// block_on(&mut future);
    /// assert_eq!(future.state(), Lifecycle::Closed);
    /// ```
    pub fn state(&self) -> Lifecycle {
        self.stage
    }

    /// The first poll, or one after the end: off the hot path. (Kept
    /// inline: out of line, the compiler no longer hoists the check out
    /// of an executor's loop, and a poll costs 6 more instructions.)
    #[cold]
    #[track_caller]
    fn start(&mut self) {
        if self.stage == Lifecycle::Closed {
            panic!("`ToFuture` polled after completion");
        }
        self.stage = Lifecycle::Suspended;
    }
}

impl<G> Future for ToFuture<G>
where
    G: Generator<Yield = (), Error = Infallible> + Unpin,
{
    type Output = G::Return;

    #[inline]
    #[track_caller]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<G::Return> {
        let this = self.get_mut();
        if this.stage != Lifecycle::Suspended {
            this.start();
        }
        match this.generator.resume(Resume::Next) {
            Ok(GeneratorState::Yielded(())) => {
                // Nothing else will wake us: "not ready yet" means "again".
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            Ok(GeneratorState::Complete(value)) => {
                this.stage = Lifecycle::Closed;
                Poll::Ready(value)
            }
            Err(Exception::Raised(never)) => match never {},
            Err(Exception::GeneratorExit) => {
                this.stage = Lifecycle::Closed;
                panic!("the generator let GeneratorExit out, but only close() raises it")
            }
        }
    }
}

impl<G: Generator> Drop for ToFuture<G> {
    /// Python closes a suspended coroutine it collects; so does this.
    fn drop(&mut self) {
        if self.stage != Lifecycle::Suspended {
            return; // never started, or finished: nothing to clean up
        }
        self.stage = Lifecycle::Closed;
        if let Err(error) = self.generator.close() {
            report_failed_close::<G, _, _>("coroutine", &error);
        }
    }
}

impl<G: Generator + fmt::Debug> fmt::Debug for ToFuture<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ToFuture")
            .field("generator", &self.generator)
            .field("state", &self.stage)
            .finish()
    }
}
