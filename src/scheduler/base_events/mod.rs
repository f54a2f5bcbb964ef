//! `asyncio/base_events.py`: the event loop, [`Runtime`].
//!
//! asyncio's loop is a queue of ready callbacks and a heap of timers.
//! `_run_once` is one turn: wait until something is ready (on the virtual
//! clock, jump to the next timer), move the timers that came due to the end
//! of the ready queue, then run every callback that was ready when the turn
//! began — and only those: what they schedule waits for the next turn.
//! Everything else is built from that: a task's step is a callback, a task
//! waiting on a future has its wake-up among the future's done callbacks,
//! and `asyncio.run` stops the loop with a done callback of the main task.
//!
//! | asyncio | here |
//! |---|---|
//! | `_run_once` | [`Runtime::run_once`] |
//! | `run_forever`, `stop` | [`Runtime::run_forever`], [`EventLoop::stop`] |
//! | `run_until_complete` | [`Runtime::run_until_complete`] |
//! | `call_soon`, `call_later`, `call_at` | [`EventLoop::call_soon`], [`EventLoop::call_later`], [`EventLoop::call_at`] |
//! | `call_soon_threadsafe` | [`RemoteLoop::call_soon_threadsafe`] |
//! | `time` | [`EventLoop::time`] |
//! | `call_exception_handler` | [`Report`] |

mod budget;
mod deadlock;
mod drive;
mod event_loop;
mod external_waits;
mod loop_core;
mod others;
mod ready;
mod remote;
mod report;
mod run_once;
mod timers;

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

pub(crate) use self::loop_core::Enter;
use self::others::Others;
use self::ready::ReadyQueue;
use self::timers::Timers;
use super::events::{Handle, TimerHandle};
use super::panics::FirstPanic;
use super::trace::Trace;
use super::Clock;

pub(crate) use self::budget::Budget;
pub use self::deadlock::{Deadlock, RunError};
pub(crate) use self::drive::Stall;
pub use self::event_loop::{get_running_loop, EventLoop};
pub(crate) use self::external_waits::ExternalWaker;
pub(crate) use self::loop_core::{
    running, try_running, AsyncGenHooks, Core, Event, Status, TaskDyn, TaskId, TaskInfo,
};
pub(crate) use self::remote::Outstanding;
pub use self::remote::RemoteLoop;
pub use self::report::{Report, ReportKind};

/// Above this many entries, an empty ready queue gives its memory back when
/// the loop goes idle: a burst of spawns should not cost forever.
const READY_KEPT: usize = 1024;

/// The event loop: it owns the tasks, runs the ready callbacks in turns,
/// and moves time forward when nothing is ready.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, Runtime};
///
/// // asyncio.run(asyncio.sleep(2)), on the virtual clock: no real waiting.
/// let mut rt = Runtime::new();
/// rt.run(sleep(Duration::from_secs(2))).unwrap();
/// assert_eq!(rt.time(), Duration::from_secs(2));
/// ```
///
/// # Running it
///
/// [`run`](Runtime::run) is `asyncio.run`, and
/// [`run_until_complete`](Runtime::run_until_complete),
/// [`run_forever`](Runtime::run_forever) and [`run_once`](Runtime::run_once)
/// are the loop's own methods. To watch the loop work, drive it yourself:
/// [`tick`](Runtime::tick) runs one ready callback,
/// [`run_until_idle`](Runtime::run_until_idle) runs until none is ready,
/// [`advance`](Runtime::advance) moves the clock to the next timer, and
/// [`run_all`](Runtime::run_all) runs until every task has finished.
///
/// # Dropping it
///
/// A runtime dropped with tasks still alive closes them, in spawn order, so
/// their cleanup code runs (Python closes a coroutine that is garbage
/// collected unfinished). [`close`](Runtime::close) does the same and also
/// reports each one ("Task was destroyed but it is pending!"). A task whose
/// cleanup panics does not keep the others open; the first such panic is
/// raised once every task is closed and the loop is freed.
///
/// # A task that panics
///
/// A panic is a bug, not a Python exception, so it leaves the loop — but
/// only once the loop is consistent again. The task whose step panicked is
/// finished as failed: its generator is closed (its cleanup runs), every
/// task awaiting it is woken with a [`PanicError`](super::PanicError), and
/// its slot is freed. The rest of the turn runs, then the panic leaves
/// whichever method was running the loop (`run`, `run_all`, a poll of
/// [`RunFuture`](super::RunFuture), …) with its own payload, so a failed
/// `assert!` in a task fails the test that ran it. Catch it with
/// `std::panic::catch_unwind` and the runtime runs on: see
/// [`PanicError`](super::PanicError).
pub struct Runtime {
    core: Rc<Core>,
    /// The tasks, owned by their slot; `None` for a free slot.
    tasks: Vec<Option<Box<dyn TaskDyn>>>,
    ready: ReadyQueue,
    others: Others,
    timers: Timers,
    live: usize,
    trace: Option<Trace>,
    /// The inbox, swapped out while it is applied.
    events: Vec<Event>,
    /// A panic caught this turn, raised when the turn is over.
    panic: FirstPanic,
    /// How many callbacks the last turn ran, for a poll's [`Budget`].
    ran_last_turn: usize,
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new()
    }
}

impl Runtime {
    /// A loop on the virtual clock: time jumps to the next timer whenever
    /// nothing is ready, so sleeps cost nothing and every run is the same.
    pub fn new() -> Self {
        Runtime::with_clock(Clock::Virtual)
    }

    /// A loop on the given clock; [`Clock::Real`] sleeps for real, as the
    /// lecture's programs do.
    pub fn with_clock(clock: Clock) -> Self {
        Runtime {
            core: Rc::new(Core::new(clock)),
            tasks: Vec::new(),
            ready: ReadyQueue::new(),
            others: Others::default(),
            timers: Timers::default(),
            live: 0,
            trace: None,
            events: Vec::new(),
            panic: FirstPanic::default(),
            ran_last_turn: 0,
        }
    }

    /// The loop as code running inside it sees it, for the methods asyncio
    /// users call on `loop`.
    pub fn event_loop(&self) -> EventLoop {
        EventLoop::new(Rc::clone(&self.core))
    }

    /// Records every spawn, step, wake-up and finish from now on; read it
    /// with [`trace`](Runtime::trace).
    pub fn record_trace(&mut self) {
        self.trace.get_or_insert_with(Trace::default);
        self.core.set_tracing();
    }

    /// The trace recorded so far, if [`record_trace`](Runtime::record_trace)
    /// was called.
    pub fn trace(&self) -> Option<&Trace> {
        self.trace.as_ref()
    }

    /// The recorded trace as text, one line per event, with the tasks'
    /// names; empty if no trace was recorded.
    pub fn timeline(&self) -> String {
        self.trace
            .as_ref()
            .map(|trace| trace.timeline(|number| self.task_name(number)))
            .unwrap_or_default()
    }

    /// The recorded trace as an SVG chart (see [`Trace::svg`]), with the
    /// tasks' names.
    pub fn timeline_svg(&self) -> String {
        let empty = Trace::default();
        let trace = self.trace.as_ref().unwrap_or(&empty);
        trace.svg(|number| self.task_name(number))
    }

    /// The recorded trace as Chrome trace-event JSON for Perfetto (see
    /// [`Trace::chrome_json`]), with the tasks' names.
    pub fn timeline_json(&self) -> String {
        let empty = Trace::default();
        let trace = self.trace.as_ref().unwrap_or(&empty);
        trace.chrome_json(|number| self.task_name(number))
    }

    /// The loop's clock: time since the loop was created, `loop.time()`.
    pub fn time(&self) -> Duration {
        Duration::from_nanos(self.core.now_nanos())
    }

    /// Which clock the loop runs on.
    pub fn clock(&self) -> Clock {
        self.core.clock()
    }

    /// How long, on the virtual clock, the loop waits for a wrapped future
    /// ([`wrap_future`](fn@super::wrap_future)) to wake before it moves the
    /// clock to the next timer; 20 ms unless set. The real clock never
    /// waits for it: its timers fire when they are due.
    ///
    /// A wrapped future may be waiting for the loop itself (a oneshot whose
    /// sender is a task that sleeps first), so the clock cannot wait for it
    /// for ever, as it does for a thread; a future that wakes within the
    /// grace period is seen before the clock moves. The price: while a
    /// wrapped future waits, every move of the clock first waits the grace
    /// period, so a program with one pending through a thousand sleeps takes
    /// 20 s of real time. `Duration::ZERO` moves the clock at once.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::Runtime;
    ///
    /// let rt = Runtime::new();
    /// assert_eq!(rt.external_grace(), Duration::from_millis(20));
    /// rt.set_external_grace(Duration::from_millis(200)); // a slow service
    /// assert_eq!(rt.external_grace(), Duration::from_millis(200));
    /// ```
    pub fn set_external_grace(&self, grace: Duration) {
        self.core.externals.set_grace(grace);
    }

    /// The grace period of [`set_external_grace`](Runtime::set_external_grace).
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::Runtime;
    ///
    /// assert_eq!(Runtime::new().external_grace(), Duration::from_millis(20));
    /// ```
    pub fn external_grace(&self) -> Duration {
        self.core.externals.grace()
    }

    /// `loop.call_soon(callback)`: see [`EventLoop::call_soon`].
    pub fn call_soon(&mut self, callback: impl FnOnce() + 'static) -> Handle {
        self.event_loop().call_soon(callback)
    }

    /// `loop.call_later(delay, callback)`: see [`EventLoop::call_later`].
    pub fn call_later(
        &mut self,
        delay: Duration,
        callback: impl FnOnce() + 'static,
    ) -> TimerHandle {
        self.event_loop().call_later(delay, callback)
    }

    /// `loop.call_at(when, callback)`: see [`EventLoop::call_at`].
    pub fn call_at(&mut self, when: Duration, callback: impl FnOnce() + 'static) -> TimerHandle {
        self.event_loop().call_at(when, callback)
    }

    /// A handle other threads can schedule callbacks with.
    pub fn remote(&self) -> RemoteLoop {
        RemoteLoop::new(&self.core.remote)
    }

    /// `loop.stop()`: the loop stops at the end of its current turn.
    pub fn stop(&self) {
        self.core.stop();
    }

    /// `loop.is_running()`: `true` inside `run_forever` (and everything
    /// built on it), `false` while you hold the runtime between runs.
    pub fn is_running(&self) -> bool {
        self.core.is_running()
    }

    /// `loop.is_closed()`.
    pub fn is_closed(&self) -> bool {
        self.core.is_closed()
    }

    /// Everything the loop reported so far, in order: errors nobody
    /// retrieved, tasks destroyed pending, errors during shutdown.
    pub fn reports(&self) -> Vec<Report> {
        self.core.reports().clone()
    }

    /// How many tasks are alive (spawned and not finished).
    pub fn tasks(&self) -> usize {
        self.live
    }

    pub(crate) fn core(&self) -> &Rc<Core> {
        &self.core
    }

    fn task_name(&self, number: u64) -> String {
        self.core.task_name(number)
    }

    /// Closes every task still alive, in spawn order; `report` says whether
    /// each is reported as destroyed pending. A panic while closing one
    /// does not keep the others open: the first is kept in `panics`.
    pub(crate) fn close_tasks(&mut self, report: bool, panics: &mut FirstPanic) {
        let _running = Enter::new(&self.core);
        let mut alive: Vec<(u32, Box<dyn TaskDyn>)> = self
            .tasks
            .iter_mut()
            .enumerate()
            .filter_map(|(slot, task)| Some((slot as u32, task.take()?)))
            .collect();
        alive.sort_by_key(|(_, task)| task.number());
        for (slot, mut task) in alive {
            if report {
                let name = self.core.task_name(task.number());
                let kind = ReportKind::DestroyedPending;
                self.core.report(Report::new(kind, Some(name), None));
            }
            self.timers.wake(slot);
            if let Some(payload) = task.close() {
                panics.keep(payload);
            }
            self.free_slot(slot);
            panics.catch(|| drop(task));
        }
    }

    /// `loop.close()`: drops what is scheduled, and closes the tasks still
    /// alive, reporting each ("Task was destroyed but it is pending!").
    /// Running a closed loop panics.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, ReportKind, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// rt.spawn(sleep(Duration::from_secs(60))).detach();
    /// rt.run_until_idle();
    /// rt.close();
    /// assert!(rt.is_closed());
    /// assert_eq!(rt.reports()[0].kind(), ReportKind::DestroyedPending);
    /// ```
    pub fn close(&mut self) {
        if self.core.is_closed() {
            return;
        }
        let mut panics = FirstPanic::default();
        self.release_all(true, &mut panics);
        self.core.set_closed();
        panics.raise();
    }

    /// What `close` and the drop both do: closes every task (reporting the
    /// pending ones if `report`), drops everything scheduled and what is
    /// kept for threads (it may hold the loop: a cycle), and refuses the
    /// threads' later calls, dropping the ones queued. A panic on the way is
    /// kept in `panics`.
    fn release_all(&mut self, report: bool, panics: &mut FirstPanic) {
        self.close_tasks(report, panics);
        self.discard_scheduled(panics);
        panics.catch(|| self.core.clear_locals());
        let queued = self.core.remote.close();
        panics.catch(|| drop(queued));
    }

    /// Closes every task alive and drops everything scheduled, at the end
    /// of a run; a panic while doing so is raised once it is all done.
    pub(crate) fn close_all(&mut self, report: bool) {
        let mut panics = FirstPanic::default();
        self.close_tasks(report, &mut panics);
        self.discard_scheduled(&mut panics);
        panics.raise();
    }

    /// Drops every callback, timer and event scheduled; what they own is
    /// dropped too, and a panic in a drop is kept in `panics`.
    pub(crate) fn discard_scheduled(&mut self, panics: &mut FirstPanic) {
        panics.catch(|| self.core.clear_events());
        self.ready.drain_all();
        panics.catch(|| self.others.clear());
        panics.catch(|| self.timers = Timers::default());
    }

    #[track_caller]
    pub(crate) fn check_open(&self) {
        assert!(!self.core.is_closed(), "Event loop is closed");
    }
}

impl Drop for Runtime {
    /// Closes the tasks still alive, in spawn order, so their cleanup code
    /// runs: Python closes a coroutine that is garbage-collected unfinished.
    ///
    /// A panic while closing a task does not stop the others from closing,
    /// nor the loop from being freed; the first is raised at the end,
    /// unless the runtime is dropped by a panic on its way out already.
    fn drop(&mut self) {
        let mut panics = FirstPanic::default();
        self.release_all(false, &mut panics);
        panics.raise();
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("loop", &format_args!("{}", self.core))
            .field("clock", &self.core.clock())
            .field("time", &self.time())
            .field("tasks", &self.live)
            .field("ready", &self.ready.len())
            .finish_non_exhaustive()
    }
}
