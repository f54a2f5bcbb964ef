//! `loop.call_soon_threadsafe(fut.set_result, value)`: [`RemotePromise`],
//! a promise that another thread completes.
//!
//! A [`Promise`] is an `Rc` and stays on its loop's thread. The thread gets a
//! key instead: the promise waits among the loop's locals, and the outcome
//! crosses over in a `call_soon_threadsafe` callback that takes it out by
//! key, on the loop's thread. The handle holds an [`Outstanding`], so the
//! loop waits for it rather than reporting a deadlock or moving the virtual
//! clock ahead of it.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::ToString;
use core::fmt;
use core::marker::PhantomData;

use super::promise::Promise;
use crate::scheduler::base_events::{running, Core, Outstanding};
use crate::scheduler::{Report, ReportKind, TaskError};

/// A [`Promise`] as another thread holds it, made by
/// [`Promise::remote`]: the thread sets the outcome, and the promise takes
/// it on its loop's thread at the loop's next turn, as
/// `loop.call_soon_threadsafe(fut.set_result, value)` does.
///
/// While the handle is alive the loop counts on it: with nothing else to
/// do it waits for the outcome instead of reporting a deadlock, and on the
/// virtual clock it does not move time until the outcome has come (so the
/// run is the same however slow the thread is). Setting the outcome or
/// dropping the handle lets the loop go on; a promise dropped unset stays
/// pending.
///
/// An outcome that comes after the promise was done (cancelled, say, by a
/// `wait_for` that timed out) is dropped and reported as
/// [`ReportKind::InvalidState`], as asyncio logs the `InvalidStateError`
/// its callback raises; a late error is kept in the report.
///
/// # Examples
///
/// ```python
/// async def main():
///     loop = asyncio.get_running_loop()
///     fut = loop.create_future()
///     def work():
///         loop.call_soon_threadsafe(fut.set_result, 6 * 7)
///     threading.Thread(target=work).start()
///     return await fut
///
/// assert asyncio.run(main()) == 42
/// ```
///
/// ```
/// use resumable::scheduler::Runtime;
///
/// let mut rt = Runtime::new();
/// let fut = rt.event_loop().create_future();
/// let remote = fut.remote();
/// std::thread::spawn(move || remote.set_result(6 * 7));
/// assert_eq!(rt.run(fut.wait()).unwrap(), 42);
/// ```
pub struct RemotePromise<T> {
    /// The promise's key among its loop's locals.
    key: u64,
    /// Keeps the loop waiting; taken when the outcome is sent.
    outstanding: Option<Outstanding>,
    /// Only the outcome, a `T`, crosses threads.
    value: PhantomData<fn(T)>,
}

impl<T: Send + 'static> Promise<T> {
    /// A handle to set this promise from another thread: see
    /// [`RemotePromise`].
    ///
    /// ```
    /// use resumable::scheduler::{RemotePromise, Runtime};
    ///
    /// // fut = loop.create_future(); a thread will call_soon_threadsafe(fut.set_result, ...)
    /// let rt = Runtime::new();
    /// let fut = rt.event_loop().create_future::<u8>();
    /// let remote: RemotePromise<u8> = fut.remote();
    /// assert!(std::thread::spawn(move || drop(remote)).join().is_ok()); // it is `Send`
    /// assert!(!fut.done()); // dropped unset: still pending
    /// ```
    ///
    /// # Panics
    ///
    /// If the promise belongs to no loop yet and no loop is running: make
    /// it with [`EventLoop::create_future`](crate::scheduler::EventLoop::create_future),
    /// or call this from a task.
    #[track_caller]
    pub fn remote(&self) -> RemotePromise<T> {
        let core = match self.cell().core() {
            Some(core) => core,
            None => {
                let core = running("`Promise::remote` on a promise of no loop");
                self.cell().bind(&core);
                core
            }
        };
        RemotePromise::new(&core, self.clone())
    }
}

impl<T: Send + 'static> RemotePromise<T> {
    fn new(core: &Rc<Core>, promise: Promise<T>) -> Self {
        RemotePromise {
            key: core.keep_local(Box::new(promise)),
            outstanding: Some(Outstanding::new(&core.remote)),
            value: PhantomData,
        }
    }

    /// `loop.call_soon_threadsafe(fut.set_result, value)`.
    pub fn set_result(mut self, value: T) {
        self.send(Ok(value));
    }

    /// `loop.call_soon_threadsafe(fut.set_exception, error)`.
    ///
    /// ```
    /// use resumable::scheduler::{RunError, Runtime, TaskError};
    ///
    /// let mut rt = Runtime::new();
    /// let fut = rt.event_loop().create_future::<u8>();
    /// let remote = fut.remote();
    /// std::thread::spawn(move || remote.set_exception(TaskError::from("disk full")));
    /// let Err(RunError::Task(error)) = rt.run(fut.wait()) else {
    ///     panic!("the thread's error is raised in the awaiter");
    /// };
    /// assert_eq!(error.to_string(), "disk full");
    /// ```
    pub fn set_exception(mut self, error: TaskError) {
        self.send(Err(error));
    }

    fn send(&mut self, outcome: Result<T, TaskError>) {
        let key = self.key;
        if let Some(outstanding) = self.outstanding.take() {
            outstanding.call_soon_threadsafe(Box::new(move || complete::<T>(key, outcome)));
        }
    }
}

/// The callback on the loop's thread: the outcome reaches the promise.
fn complete<T: 'static>(key: u64, outcome: Result<T, TaskError>) {
    let core = running("a remote promise's outcome");
    let Some(kept) = core.take_local(key) else {
        return;
    };
    let Ok(promise) = kept.downcast::<Promise<T>>() else {
        unreachable!("the key was made for a `Promise<T>`");
    };
    let late = match outcome {
        Ok(value) => promise.set_result(value).err().map(|_| None),
        Err(error) => promise.set_exception(error).err().map(Some),
    };
    if let Some(error) = late {
        let name = Some(promise.blocker().to_string());
        core.report(Report::new(ReportKind::InvalidState, name, error));
    }
}

impl<T> Drop for RemotePromise<T> {
    /// Unset: the loop stops counting on it, and lets the promise go from
    /// its locals on its own thread.
    fn drop(&mut self) {
        if let Some(outstanding) = self.outstanding.take() {
            outstanding.drop_local(self.key);
        }
    }
}

impl<T> fmt::Debug for RemotePromise<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RemotePromise")
            .field("sent", &self.outstanding.is_none())
            .finish()
    }
}
