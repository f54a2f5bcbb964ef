//! `call_soon_threadsafe`: callbacks from other threads, and the loop's way
//! of waiting for them.
//!
//! A thread cannot touch the loop's `Rc`s, so it leaves a `Send` callback
//! here and signals the condvar; the loop takes the callbacks at the start
//! of its next iteration (asyncio's `_write_to_self` wakes its selector the
//! same way). A thread that *will* call back holds an [`Outstanding`]: while
//! one is alive the loop waits for it rather than reporting a deadlock, and
//! on the virtual clock it waits for it before moving time, so that a run
//! does not depend on the machine's speed.

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};
use std::task::Waker;

type Call = Box<dyn FnOnce() + Send>;

#[derive(Default)]
pub(crate) struct Remote {
    calls: Mutex<Vec<Call>>,
    signal: Condvar,
    pending: AtomicBool,
    outstanding: AtomicUsize,
    /// The waker of the executor polling the loop as a future, if one is:
    /// it never waits on the condvar, so it is woken too.
    outer: Mutex<Option<Waker>>,
    /// The loop was closed: a call can no longer run.
    closed: AtomicBool,
}

impl Remote {
    /// Queues `call` for the loop's thread, or hands it back if the loop
    /// is closed (asyncio's `_check_closed`).
    pub(crate) fn call_soon_threadsafe(&self, call: Call) -> Result<(), Call> {
        let mut calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        // Read under the lock that `close` takes: a call queued here is
        // either run or dropped by the loop, never left behind.
        if self.closed.load(Ordering::Acquire) {
            return Err(call);
        }
        calls.push(call);
        self.pending.store(true, Ordering::Release);
        self.signal.notify_one();
        drop(calls);
        self.wake_outer();
        Ok(())
    }

    /// The loop closes: later calls are refused, and the calls queued and
    /// never run are handed back, to be dropped on the loop's thread.
    pub(crate) fn close(&self) -> Vec<Call> {
        let mut calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        self.closed.store(true, Ordering::Release);
        self.pending.store(false, Ordering::Release);
        core::mem::take(&mut *calls)
    }

    /// Whether a thread left a callback since the last [`take`](Self::take).
    #[inline]
    pub(crate) fn has_calls(&self) -> bool {
        self.pending.load(Ordering::Acquire)
    }

    /// The callbacks left so far, without blocking if there are none.
    pub(crate) fn take(&self) -> Vec<Call> {
        if !self.pending.load(Ordering::Acquire) {
            return Vec::new();
        }
        let mut calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        self.pending.store(false, Ordering::Release);
        core::mem::take(&mut *calls)
    }

    pub(crate) fn outstanding(&self) -> usize {
        self.outstanding.load(Ordering::Acquire)
    }

    /// Blocks until a thread leaves a callback or lets go of its
    /// [`Outstanding`], or `limit` passes (`None`: no limit). With
    /// `for_calls`, only a callback ends an unlimited wait: a wrapped
    /// future's wake always comes as one.
    pub(crate) fn wait(&self, limit: Option<Duration>, for_calls: bool) {
        let calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        // Checked under the lock, which a thread takes before it signals:
        // its signal cannot slip in between the check and the wait.
        let nothing_to_wait_for = limit.is_none() && !for_calls && self.outstanding() == 0;
        if !calls.is_empty() || nothing_to_wait_for {
            return;
        }
        match limit {
            Some(limit) => drop(self.signal.wait_timeout(calls, limit)),
            None => drop(self.signal.wait(calls)),
        }
    }

    pub(crate) fn set_outer(&self, waker: Option<&Waker>) {
        let mut outer = self.outer.lock().unwrap_or_else(PoisonError::into_inner);
        match (waker, &mut *outer) {
            (Some(new), Some(old)) if old.will_wake(new) => {}
            (waker, outer) => *outer = waker.cloned(),
        }
    }

    fn wake_outer(&self) {
        let outer = self.outer.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(waker) = &*outer {
            waker.wake_by_ref();
        }
    }
}

/// A promise, held by a thread, to call back into the loop: while it is
/// alive the loop waits for the thread instead of reporting a deadlock.
pub(crate) struct Outstanding {
    remote: Arc<Remote>,
    /// Whether the loop waits for it (a thread at work) or only lets it
    /// call back (a wrapped future's waker: see `Core::external_waits`).
    counted: bool,
}

impl Outstanding {
    pub(crate) fn new(remote: &Arc<Remote>) -> Self {
        remote.outstanding.fetch_add(1, Ordering::AcqRel);
        Outstanding {
            remote: Arc::clone(remote),
            counted: true,
        }
    }

    /// A way to call back that the loop does not wait for by itself.
    pub(crate) fn uncounted(remote: &Arc<Remote>) -> Self {
        Outstanding {
            remote: Arc::clone(remote),
            counted: false,
        }
    }

    /// Queues `call` for the loop's thread. On a closed loop the call is
    /// dropped here, on this thread, with what it carries: Python 3.11's
    /// `_call_set_state` does nothing when the loop is closed.
    pub(crate) fn call_soon_threadsafe(&self, call: Call) {
        drop(self.remote.call_soon_threadsafe(call));
    }

    /// Gives up the call back: what the loop keeps under `key` for this
    /// thread (see `Core::keep_local`) is dropped on the loop's thread, where
    /// its `Rc`s live.
    pub(crate) fn drop_local(self, key: u64) {
        self.call_soon_threadsafe(Box::new(move || {
            if let Some(core) = super::try_running() {
                drop(core.take_local(key));
            }
        }));
    }
}

impl Drop for Outstanding {
    fn drop(&mut self) {
        if !self.counted {
            return;
        }
        self.remote.outstanding.fetch_sub(1, Ordering::AcqRel);
        // The loop may be asleep waiting for this thread: let it look again.
        let calls = self
            .remote
            .calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        self.remote.signal.notify_one();
        drop(calls);
        self.remote.wake_outer();
    }
}

/// The loop, as another thread may use it: `loop.call_soon_threadsafe`.
///
/// Get one with [`EventLoop::remote`](crate::scheduler::EventLoop::remote)
/// or [`Runtime::remote`](crate::scheduler::Runtime::remote); it is `Send`
/// and `Sync`, unlike the loop itself.
///
/// ```
/// use std::sync::mpsc;
/// use resumable::scheduler::Runtime;
///
/// let mut rt = Runtime::new();
/// let remote = rt.remote();
/// let (sent, received) = mpsc::channel();
/// std::thread::spawn(move || {
///     remote.call_soon_threadsafe(move || sent.send("on the loop's thread").unwrap());
/// })
/// .join()
/// .unwrap();
/// rt.run_until_idle();
/// assert_eq!(received.try_recv(), Ok("on the loop's thread"));
/// ```
#[derive(Clone)]
pub struct RemoteLoop {
    remote: Arc<Remote>,
}

impl RemoteLoop {
    pub(crate) fn new(remote: &Arc<Remote>) -> Self {
        RemoteLoop {
            remote: Arc::clone(remote),
        }
    }

    /// Schedules `callback` to run on the loop's thread, at the start of
    /// the loop's next iteration: `loop.call_soon_threadsafe(callback)`.
    ///
    /// A loop waiting for its next timer wakes up for it. A loop with
    /// nothing left to do does not wait for calls that may never come: it
    /// reports a deadlock where asyncio would wait. To hand a task a result
    /// from a thread, `loop.call_soon_threadsafe(fut.set_result, value)`,
    /// use [`Promise::remote`](crate::scheduler::Promise::remote): the loop
    /// waits for that one.
    ///
    /// # Panics
    ///
    /// If the loop is closed: asyncio raises `RuntimeError('Event loop is
    /// closed')`.
    ///
    /// ```should_panic
    /// use resumable::scheduler::Runtime;
    ///
    /// let mut rt = Runtime::new();
    /// let remote = rt.remote();
    /// rt.close();
    /// remote.call_soon_threadsafe(|| {}); // Event loop is closed
    /// ```
    #[track_caller]
    pub fn call_soon_threadsafe(&self, callback: impl FnOnce() + Send + 'static) {
        if self
            .remote
            .call_soon_threadsafe(Box::new(callback))
            .is_err()
        {
            panic!("Event loop is closed");
        }
    }
}

impl fmt::Debug for RemoteLoop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RemoteLoop").finish_non_exhaustive()
    }
}
