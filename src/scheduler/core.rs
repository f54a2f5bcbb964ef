//! The part of the loop that tasks reach while they run: the inbox of
//! spawns, wake-ups and cancellations, the clock, and the current task.
//!
//! The runner keeps its queues to itself and reads the inbox after each step,
//! so the hot path (a task that only yields) never touches a `RefCell`
//! shared with task code.

use alloc::collections::BTreeMap;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::time::Duration;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::task::Waker;
use std::time::Instant;

use super::task_cell::TaskDyn;
use super::Clock;

pub(crate) type DoneCallback = alloc::boxed::Box<dyn FnOnce()>;

/// Something task code asked of the loop during a step; the runner applies
/// these in order once the step is over.
pub(crate) enum Event {
    Spawn(alloc::boxed::Box<dyn TaskDyn>),
    Wake {
        slot: u32,
        number: u64,
    },
    Cancel {
        slot: u32,
        number: u64,
    },
    /// The task's handle was dropped: the loop may free the shared cell.
    Unheld {
        slot: u32,
        number: u64,
    },
}

pub(crate) struct Core {
    pub(crate) inbox: RefCell<Vec<Event>>,
    /// Set when the inbox has something, so the runner checks one `Cell`.
    pub(crate) pending: Cell<bool>,
    clock: Clock,
    started: Instant,
    virtual_now: Cell<u64>,
    next_task: Cell<u64>,
    /// The request of the last step that suspended other than by yielding.
    pub(crate) suspended: Cell<Option<super::Request>>,
    /// The slot and number of the task being stepped; slot `u32::MAX`
    /// before the first step (two stores per switch, not three).
    pub(crate) current: Cell<(u32, u64)>,
    pub(crate) names: RefCell<BTreeMap<u64, String>>,
    /// What to do when a task (by number) finishes: asyncio's done
    /// callbacks. Waiting for a task is a callback that wakes the waiter.
    pub(crate) joiners: RefCell<BTreeMap<u64, Vec<DoneCallback>>>,
    pub(crate) remote: Arc<Remote>,
}

impl Core {
    pub(crate) fn new(clock: Clock) -> Self {
        Core {
            inbox: RefCell::new(Vec::new()),
            pending: Cell::new(false),
            clock,
            started: Instant::now(),
            virtual_now: Cell::new(0),
            next_task: Cell::new(1),
            suspended: Cell::new(None),
            current: Cell::new((u32::MAX, 0)),
            names: RefCell::new(BTreeMap::new()),
            joiners: RefCell::new(BTreeMap::new()),
            remote: Arc::new(Remote::default()),
        }
    }

    pub(crate) fn clock(&self) -> Clock {
        self.clock
    }

    pub(crate) fn push(&self, event: Event) {
        self.inbox.borrow_mut().push(event);
        self.pending.set(true);
    }

    /// Nanoseconds since the loop was created.
    pub(crate) fn now_nanos(&self) -> u64 {
        match self.clock {
            Clock::Virtual => self.virtual_now.get(),
            Clock::Real => duration_nanos(self.started.elapsed()),
        }
    }

    /// The instant a real-clock deadline of `nanos` falls on.
    pub(crate) fn instant_at(&self, nanos: u64) -> Instant {
        self.started + Duration::from_nanos(nanos)
    }

    pub(crate) fn set_virtual_now(&self, nanos: u64) {
        self.virtual_now.set(nanos);
    }

    pub(crate) fn next_task_number(&self) -> u64 {
        let number = self.next_task.get();
        self.next_task.set(number + 1);
        number
    }

    pub(crate) fn task_name(&self, number: u64) -> String {
        match self.names.borrow().get(&number) {
            Some(name) => name.clone(),
            None => alloc::format!("Task-{number}"),
        }
    }

    pub(crate) fn current_waker(self: &Rc<Self>) -> Option<TaskWaker> {
        let (slot, number) = self.current.get();
        if slot == u32::MAX {
            return None;
        }
        Some(TaskWaker {
            core: Rc::clone(self),
            slot,
            number,
        })
    }
}

pub(crate) fn duration_nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

/// Wake-ups from other threads: a thread cannot touch the loop's `Rc`s, so
/// it leaves the task's slot and number here and signals the condvar.
#[derive(Default)]
pub(crate) struct Remote {
    wakes: Mutex<Vec<(u32, u64)>>,
    signal: Condvar,
    pending: AtomicBool,
    /// Remote wakers alive: while any is, a parked task may still be woken,
    /// so the loop waits instead of reporting a deadlock.
    outstanding: AtomicUsize,
    /// The waker of the executor polling the loop as a future, if one is:
    /// it is woken with the condvar, since that executor never waits on it.
    outer: Mutex<Option<Waker>>,
}

impl Remote {
    pub(crate) fn wake(&self, slot: u32, number: u64) {
        let mut wakes = self.wakes.lock().unwrap_or_else(PoisonError::into_inner);
        wakes.push((slot, number));
        self.pending.store(true, Ordering::Release);
        self.signal.notify_one();
        drop(wakes);
        self.wake_outer();
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

    /// The wake-ups left so far, without blocking if there are none.
    pub(crate) fn take(&self) -> Vec<(u32, u64)> {
        if !self.pending.load(Ordering::Acquire) {
            return Vec::new();
        }
        let mut wakes = self.wakes.lock().unwrap_or_else(PoisonError::into_inner);
        self.pending.store(false, Ordering::Release);
        core::mem::take(&mut *wakes)
    }

    pub(crate) fn outstanding(&self) -> usize {
        self.outstanding.load(Ordering::Acquire)
    }

    /// Blocks until a thread leaves a wake-up or `limit` passes.
    pub(crate) fn wait(&self, limit: Option<Duration>) {
        let wakes = self.wakes.lock().unwrap_or_else(PoisonError::into_inner);
        // Checked under the lock, which a dropped waker takes before it
        // signals: its signal cannot slip in between check and wait.
        if !wakes.is_empty() || (limit.is_none() && self.outstanding() == 0) {
            return;
        }
        match limit {
            Some(limit) => drop(self.signal.wait_timeout(wakes, limit)),
            None => drop(self.signal.wait(wakes)),
        }
    }
}

std::thread_local! {
    static RUNNING: RefCell<Option<Rc<Core>>> = const { RefCell::new(None) };
}

/// Makes `core` the running loop of this thread until dropped, restoring
/// the one before (loops may nest: a task may run a loop of its own).
pub(crate) struct Enter {
    previous: Option<Rc<Core>>,
}

impl Enter {
    pub(crate) fn new(core: &Rc<Core>) -> Self {
        let previous = RUNNING.with(|running| running.replace(Some(Rc::clone(core))));
        Enter { previous }
    }
}

impl Drop for Enter {
    fn drop(&mut self) {
        let previous = self.previous.take();
        RUNNING.with(|running| *running.borrow_mut() = previous);
    }
}

/// The loop running on this thread; panics with `what` in the message if
/// there is none.
#[track_caller]
pub(crate) fn running(what: &str) -> Rc<Core> {
    RUNNING
        .with(|running| running.borrow().clone())
        .unwrap_or_else(|| {
            panic!("{what} needs a running scheduler: call it from a task run by a `Runtime`")
        })
}

/// The handle that makes a parked task runnable again: what asyncio's
/// `Future.set_result` does for the task awaiting it.
///
/// Take it with [`current_waker`](crate::scheduler::current_waker) *before*
/// yielding [`Request::Wait`](crate::scheduler::Request::Wait); whoever
/// holds it calls [`wake`](TaskWaker::wake) when the task may go on. A wake
/// is good for the one wait it was taken for: waking a task that has since
/// moved on, or waking twice, does nothing.
#[derive(Clone)]
pub struct TaskWaker {
    core: Rc<Core>,
    slot: u32,
    number: u64,
}

impl TaskWaker {
    /// Makes the task runnable again, after the tasks already ready.
    pub fn wake(&self) {
        self.core.push(Event::Wake {
            slot: self.slot,
            number: self.number,
        });
    }

    /// A waker another thread can use: see [`RemoteWaker`].
    pub fn remote(&self) -> RemoteWaker {
        self.core.remote.outstanding.fetch_add(1, Ordering::AcqRel);
        RemoteWaker {
            remote: Arc::clone(&self.core.remote),
            slot: self.slot,
            number: self.number,
        }
    }

    /// `true` if both wake the same task for the same wait.
    pub fn will_wake(&self, other: &TaskWaker) -> bool {
        Rc::ptr_eq(&self.core, &other.core)
            && (self.slot, self.number) == (other.slot, other.number)
    }
}

impl core::fmt::Debug for TaskWaker {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("TaskWaker")
            .field("slot", &self.slot)
            .field("task", &self.number)
            .finish()
    }
}

/// A [`TaskWaker`] that can be sent to another thread: how
/// [`to_thread`](fn@crate::scheduler::to_thread) wakes its task when the work is
/// done. The loop, if it has nothing else to do, sleeps until one fires.
///
/// While a remote waker is alive the loop never reports a deadlock: the
/// thread holding it may still wake a task.
pub struct RemoteWaker {
    remote: Arc<Remote>,
    slot: u32,
    number: u64,
}

impl RemoteWaker {
    /// Makes the task runnable again, from any thread.
    pub fn wake(&self) {
        self.remote.wake(self.slot, self.number);
    }
}

impl Clone for RemoteWaker {
    fn clone(&self) -> Self {
        self.remote.outstanding.fetch_add(1, Ordering::AcqRel);
        RemoteWaker {
            remote: Arc::clone(&self.remote),
            slot: self.slot,
            number: self.number,
        }
    }
}

impl Drop for RemoteWaker {
    fn drop(&mut self) {
        self.remote.outstanding.fetch_sub(1, Ordering::AcqRel);
        // The loop may be asleep waiting for this waker: let it look again.
        let locked = self
            .remote
            .wakes
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        self.remote.signal.notify_one();
        drop(locked);
        self.remote.wake_outer();
    }
}

impl core::fmt::Debug for RemoteWaker {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RemoteWaker")
            .field("slot", &self.slot)
            .field("task", &self.number)
            .finish()
    }
}
