//! The loop as a future: `Runtime::run_as_future`.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::time::Instant;

use super::alarm::Alarm;
use super::base_events::{Budget, Stall};
use super::runners::Run;
use super::{Request, RunError, Runtime, TaskError};
use crate::generator::Generator;

impl Runtime {
    /// `run` as a future any executor can poll: see [`RunFuture`].
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::bridge::block_on;
    /// use resumable::scheduler::{sleep, Runtime};
    /// use resumable::Generator as _;
    ///
    /// // asyncio.run(main()), awaited from another executor
    /// let mut rt = Runtime::new();
    /// let main = sleep(Duration::from_secs(2)).map_return(|()| "slept");
    /// assert_eq!(block_on(rt.run_as_future(main)).unwrap(), "slept");
    /// assert_eq!(rt.time(), Duration::from_secs(2));
    /// ```
    pub fn run_as_future<G>(&mut self, main: G) -> RunFuture<'_, G::Return>
    where
        G: Generator<Yield = Request, Error = TaskError> + 'static,
    {
        let run = Run::start(self, main);
        RunFuture::new(self, run)
    }
}

/// [`Runtime::run`] as a [`Future`], made by
/// [`Runtime::run_as_future`]: an executor polls it, and each poll runs
/// the loop as far as it can go without waiting.
///
/// - On the virtual clock, time jumps as in `run`, so a poll runs the
///   program until it waits for a thread or a future from outside.
/// - A poll yields to the executor (returns `Pending`, having woken it)
///   after about a thousand callbacks, or after the turn in which a
///   wrapped future woke itself while it was polled — tokio's way of
///   asking for its thread back once a task's budget is spent. So a poll
///   is short, and no executor spins on it.
/// - On the real clock, a poll returns `Pending` when every task sleeps,
///   and a helper thread wakes the executor when the next timer is due.
/// - A callback from another thread ([`RemoteLoop`](super::RemoteLoop),
///   [`to_thread`](fn@super::to_thread), [`wrap_future`](fn@super::wrap_future))
///   wakes the executor too.
///
/// The loop is not `Send`: poll it on one thread, with a current-thread
/// executor, tokio's `LocalSet`, or [`block_on`](crate::bridge::block_on).
/// It resolves to what `run` returns.
///
/// # Panics
///
/// If polled again after it resolved.
#[must_use = "a future does nothing until it is polled"]
pub struct RunFuture<'rt, T> {
    rt: &'rt mut Runtime,
    run: Run<T>,
    resolved: bool,
    alarm: Alarm,
}

impl<'rt, T> RunFuture<'rt, T> {
    pub(super) fn new(rt: &'rt mut Runtime, run: Run<T>) -> Self {
        RunFuture {
            rt,
            run,
            resolved: false,
            alarm: Alarm::default(),
        }
    }
}

// `T` is only ever behind `Option` moves, never pinned.
impl<T> Unpin for RunFuture<'_, T> {}

impl<T: 'static> Future for RunFuture<'_, T> {
    type Output = Result<T, RunError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        assert!(!this.resolved, "a RunFuture was polled after it resolved");
        // Before looking: a thread calling back from now on wakes us too.
        this.rt.core().remote.set_outer(Some(cx.waker()));
        match this.run.poll(this.rt, &mut Budget::per_poll()) {
            Ok(outcome) => {
                this.rt.core().remote.set_outer(None);
                this.resolved = true;
                Poll::Ready(outcome)
            }
            Err(Stall::Until(deadline)) => {
                let at = this.rt.core().instant_at(deadline);
                this.alarm.set(at, cx.waker());
                Poll::Pending
            }
            Err(Stall::Grace) => {
                let end = this.rt.core().externals.grace_end();
                this.alarm.set(end.unwrap_or_else(Instant::now), cx.waker());
                Poll::Pending
            }
            Err(Stall::Budget) => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            Err(_) => Poll::Pending,
        }
    }
}

impl<T> core::fmt::Debug for RunFuture<'_, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RunFuture")
            .field("resolved", &self.resolved)
            .field("runtime", &self.rt)
            .finish()
    }
}
