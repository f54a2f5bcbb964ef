//! `loop.run_in_executor(None, func)` (`asyncio/base_events.py`):
//! blocking work on a thread, as a future that is not a task.
//!
//! asyncio submits `func` to the loop's default executor at once and
//! returns `wrap_future(executor.submit(func))`: a plain `asyncio.Future`
//! that the thread completes through `call_soon_threadsafe` (`_chain_future`
//! in `futures.py`). It is not a task, so [`all_tasks`](super::all_tasks)
//! does not list it, and a loop that gathers its tasks before closing does
//! not wait for it — the lecture's pitfall. Here the future is a
//! [`Promise`], the thread starts at the call, and the thread hands its
//! outcome over the way [`to_thread`](super::to_thread)'s does (see
//! `threads.rs`).

use alloc::boxed::Box;
use alloc::sync::Arc;

use super::base_events::{running, Outstanding};
use super::threads::Claim;
use super::{EventLoop, PanicError, Promise, Runtime, TaskError};

impl EventLoop {
    /// Starts `work` on a thread of its own now, and returns the future of
    /// what it returns: `loop.run_in_executor(None, work)`.
    ///
    /// The future is a [`Promise`], not a task: [`all_tasks`](super::all_tasks)
    /// does not list it, and nothing waits for it unless something awaits
    /// it ([`Promise::wait`]) or gathers it. That is asyncio's behaviour and
    /// the lecture's pitfall: a script that runs the loop until its tasks
    /// are done, then closes it, does not wait for the thread (see
    /// "Closing the loop first" below).
    ///
    /// ```python
    /// async def main():
    ///     loop = asyncio.get_running_loop()
    ///     return await loop.run_in_executor(None, lambda: sum(range(1, 101)))
    ///
    /// assert asyncio.run(main()) == 5050
    /// ```
    ///
    /// ```
    /// use resumable::scheduler::{get_running_loop, Runtime};
    /// use resumable::generator::from_fn;
    /// use resumable::yield_from;
    /// use resumable::GeneratorState::Complete;
    ///
    /// let mut started = None;
    /// let main = from_fn(move |input| {
    ///     let thread = started.get_or_insert_with(|| {
    ///         get_running_loop().run_in_executor(|| (1..=100).sum::<u32>()).wait()
    ///     });
    ///     Ok(Complete(yield_from!(thread, input)?))
    /// });
    /// assert_eq!(Runtime::new().run(main).unwrap(), 5050);
    /// ```
    ///
    /// There is only the default executor (`None`): each call starts a
    /// thread, where asyncio reuses the threads of a pool. If the work
    /// panics, the future's exception is a [`PanicError`] with the panic's
    /// message.
    ///
    /// # The loop and the thread
    ///
    /// While the thread works, a loop with nothing else to do waits for it
    /// instead of reporting a deadlock; on the virtual clock the work takes
    /// no time, so the loop waits for the thread before it moves the clock
    /// (as with [`to_thread`](super::to_thread)). Cancelling the future
    /// lets go of the thread: the loop stops waiting for it, and what the
    /// work returns is dropped (asyncio's `_set_state` ignores a cancelled
    /// future).
    ///
    /// # Closing the loop first
    ///
    /// A loop closed before the thread is done never takes its outcome:
    /// what the work returns is dropped on the thread, when it ends. The
    /// thread itself runs to its end. Python 3.11 drops the outcome in
    /// the same way (`_call_set_state` returns when the loop is closed;
    /// Python 3.8 raised `RuntimeError: Event loop is closed` there, which
    /// is what the lecture shows); Python's process then waits for the
    /// executor's threads before it exits, where a Rust program that
    /// returns from `main` does not.
    ///
    /// ```
    /// use std::sync::mpsc;
    /// use resumable::scheduler::Runtime;
    ///
    /// let (release, released) = mpsc::channel::<()>();
    /// let (finished, thread_finished) = mpsc::channel();
    /// let mut rt = Runtime::new();
    /// let future = rt.run_in_executor(move || {
    ///     released.recv().ok(); // blocking(): until released
    ///     finished.send("Hello from a thread!").unwrap();
    /// });
    /// assert!(rt.all_tasks().is_empty()); // not a task
    /// rt.close(); // the loop does not wait for it
    /// drop(release);
    /// assert_eq!(thread_finished.recv(), Ok("Hello from a thread!"));
    /// assert!(!future.done()); // its outcome never came
    /// ```
    ///
    /// # Panics
    ///
    /// If the loop is closed: asyncio raises `RuntimeError('Event loop is
    /// closed')`.
    #[track_caller]
    pub fn run_in_executor<F, R>(&self, work: F) -> Promise<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        assert!(!self.is_closed(), "Event loop is closed");
        let core = self.core();
        let future = self.create_future::<R>();
        let key = core.keep_local(Box::new(future.clone()));
        let claim = Arc::new(Claim::new(key, Outstanding::new(&core.remote)));
        let on_cancel = Arc::clone(&claim);
        future.add_done_callback(move |future| {
            if future.cancelled() {
                on_cancel.let_go();
            }
        });
        claim.run_on_thread("the thread of run_in_executor", work, deliver::<R>);
        future
    }
}

impl Runtime {
    /// [`EventLoop::run_in_executor`] on this runtime's loop, from outside
    /// it: `loop.run_in_executor(None, work)` before `loop.run_forever()`.
    ///
    /// ```
    /// use resumable::scheduler::Runtime;
    ///
    /// let mut rt = Runtime::new();
    /// let future = rt.run_in_executor(|| 6 * 7);
    /// assert_eq!(rt.run_until_complete(future.wait()).unwrap().unwrap(), 42);
    /// ```
    ///
    /// # Panics
    ///
    /// If the runtime is closed.
    #[track_caller]
    pub fn run_in_executor<F, R>(&self, work: F) -> Promise<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        self.event_loop().run_in_executor(work)
    }
}

/// `_set_state(future, result)` on the loop's thread, unless the future
/// was cancelled in the meantime.
fn deliver<R: 'static>(key: u64, outcome: Result<R, PanicError>) {
    let core = running("run_in_executor");
    let Some(kept) = core.take_local(key) else {
        return;
    };
    let Ok(future) = kept.downcast::<Promise<R>>() else {
        unreachable!("the key was made for a `Promise<R>`");
    };
    if future.cancelled() {
        return;
    }
    let _ = match outcome {
        Ok(value) => future.set_result(value).map_err(drop),
        Err(panic) => future.set_exception(TaskError::raise(panic)).map_err(drop),
    };
}
