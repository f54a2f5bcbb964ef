//! The loop as a future: `Runtime::run_as_future`.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use super::alarm::Alarm;
use super::runtime::Stall;
use super::{RunError, Runtime, Task, TaskError};

/// [`Runtime::run`] as a [`Future`], made by
/// [`Runtime::run_as_future`]: an executor polls it, and each poll runs
/// the loop as far as it can go without waiting.
///
/// - On the virtual clock, time jumps as in `run`, so one poll runs the
///   program until it waits for a thread or a future from outside.
/// - On the real clock, a poll returns `Pending` when every task sleeps,
///   and a helper thread wakes the executor when the next timer is due.
/// - A task woken from another thread (a [`RemoteWaker`](super::RemoteWaker),
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
    main: Task<T>,
    stage: Stage<T>,
    alarm: Alarm,
}

enum Stage<T> {
    Main,
    /// The main task finished; the tasks left are being cancelled.
    Cleanup(Option<Result<T, TaskError>>),
    Resolved,
}

impl<'rt, T> RunFuture<'rt, T> {
    pub(super) fn new(rt: &'rt mut Runtime, main: Task<T>) -> Self {
        RunFuture {
            rt,
            main,
            stage: Stage::Main,
            alarm: Alarm::default(),
        }
    }

    /// Arranges to be polled again when what the loop waits for happens.
    fn wait(&mut self, stall: Stall, cx: &Context<'_>) -> Poll<Result<T, RunError>> {
        if let Stall::Until(deadline) = stall {
            self.alarm
                .set(self.rt.core().instant_at(deadline), cx.waker());
        }
        Poll::Pending
    }

    fn resolve(&mut self, outcome: Result<T, RunError>) -> Poll<Result<T, RunError>> {
        self.rt.core().remote.set_outer(None);
        self.stage = Stage::Resolved;
        Poll::Ready(outcome)
    }
}

// `T` is only ever behind `Option` moves, never pinned.
impl<T> Unpin for RunFuture<'_, T> {}

impl<T> Future for RunFuture<'_, T> {
    type Output = Result<T, RunError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        // Before looking: a thread waking a task from now on wakes us too.
        this.rt.core().remote.set_outer(Some(cx.waker()));
        loop {
            match &mut this.stage {
                Stage::Main => match this.rt.drive_without_blocking(|rt| rt.main_done()) {
                    Ok(()) => {
                        let outcome = this.rt.main_finished(&this.main);
                        this.stage = Stage::Cleanup(Some(outcome));
                    }
                    Err(Stall::Stuck) => {
                        let deadlock = RunError::Deadlock(this.rt.deadlock());
                        let error = this.rt.main_deadlocked(deadlock);
                        return this.resolve(Err(error));
                    }
                    Err(stall) => return this.wait(stall, cx),
                },
                Stage::Cleanup(outcome) => {
                    match this.rt.drive_without_blocking(|rt| rt.tasks() == 0) {
                        // As in `run`, tasks that ignore their cancellation and
                        // deadlock are left for the loop's drop to close.
                        Ok(()) | Err(Stall::Stuck) => {
                            let outcome = outcome.take().expect("taken only here");
                            let ended = this.rt.end_run(outcome);
                            return this.resolve(ended);
                        }
                        Err(stall) => return this.wait(stall, cx),
                    }
                }
                Stage::Resolved => panic!("a RunFuture was polled after it resolved"),
            }
        }
    }
}

impl<T> core::fmt::Debug for RunFuture<'_, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let stage = match self.stage {
            Stage::Main => "running main",
            Stage::Cleanup(_) => "cancelling the tasks left",
            Stage::Resolved => "resolved",
        };
        f.debug_struct("RunFuture")
            .field("stage", &stage)
            .field("runtime", &self.rt)
            .finish()
    }
}
