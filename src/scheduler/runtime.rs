//! The loop: a ready queue of task slots, a timer heap, and the inbox.

use alloc::boxed::Box;
use alloc::collections::BinaryHeap;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Reverse;
use core::fmt;
use core::time::Duration;

use super::core::{duration_nanos, Core, Enter, Event};
use super::ready::ReadyQueue;
use super::task::SharedTask;
use super::task_cell::{Status, Step, TaskDyn};
use super::trace::{Trace, TraceKind};
use super::{Blocker, Clock, Deadlock, Request, RunError, RunFuture, Task, TaskError};
use crate::generator::Generator;
use std::collections::HashMap;

/// A timer, 16 bytes: ordered by deadline, then by the order it was set,
/// so equal deadlines fire first-set-first (as asyncio's `call_at` does).
/// `token` is also the parking it was set for (see `Runtime::parked`).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Timer {
    deadline: u64,
    token: u32,
    slot: u32,
}

/// Why a loop that must not block stopped: what it would wait for.
pub(super) enum Stall {
    /// A thread holding a remote waker.
    Remote,
    /// The real clock reaching this deadline (nanoseconds on the loop's
    /// clock), or a thread, whichever comes first.
    Until(u64),
    /// Nothing: every task waits on another.
    Stuck,
}

/// Above this many entries, an empty ready queue gives its memory back when
/// the loop goes idle: a burst of spawns should not cost forever.
const READY_KEPT: usize = 1024;

/// The event loop: it owns the tasks, steps the ready ones in turn, and
/// moves time forward when all of them wait.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{sleep, Runtime};
///
/// // asyncio.run(asyncio.sleep(2)), on the virtual clock: no real waiting.
/// let mut rt = Runtime::new();
/// rt.run(sleep(Duration::from_secs(2))).unwrap();
/// assert_eq!(rt.now(), Duration::from_secs(2));
/// ```
///
/// # Stepping by hand
///
/// [`run`](Runtime::run) is `asyncio.run`. To watch the loop work, drive it
/// yourself: [`tick`](Runtime::tick) resumes one ready task,
/// [`run_until_idle`](Runtime::run_until_idle) resumes until none is ready,
/// and [`advance`](Runtime::advance) moves the clock to the next timer.
pub struct Runtime {
    core: Rc<Core>,
    /// The tasks, owned by their slot; `None` for a free slot.
    tasks: Vec<Option<Box<dyn TaskDyn>>>,
    /// By slot: 0 while the task is ready (or the slot free), else the
    /// token of its parking. A timer carries the token of the parking it
    /// was set for, so one left from an earlier parking is seen as stale.
    parked: Vec<u32>,
    free: Vec<u32>,
    ready: ReadyQueue,
    timers: BinaryHeap<Reverse<Timer>>,
    last_token: u32,
    /// What each task parked on `Request::Wait` waits for, by slot.
    blocked: HashMap<u32, Blocker>,
    live: usize,
    main: Option<u64>,
    main_done: bool,
    failed: Vec<Rc<dyn SharedTask>>,
    unretrieved: Vec<(String, String)>,
    trace: Option<Trace>,
    inbox: Vec<Event>,
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new()
    }
}

impl Runtime {
    /// A loop on the virtual clock: time jumps to the next timer whenever
    /// every task waits, so sleeps cost nothing and every run is the same.
    pub fn new() -> Self {
        Runtime::with_clock(Clock::Virtual)
    }

    /// A loop on the given clock; [`Clock::Real`] sleeps for real, as the
    /// lecture's programs do.
    pub fn with_clock(clock: Clock) -> Self {
        Runtime {
            core: Rc::new(Core::new(clock)),
            tasks: Vec::new(),
            parked: Vec::new(),
            free: Vec::new(),
            ready: ReadyQueue::new(),
            timers: BinaryHeap::new(),
            last_token: 0,
            blocked: HashMap::new(),
            live: 0,
            main: None,
            main_done: false,
            failed: Vec::new(),
            unretrieved: Vec::new(),
            trace: None,
            inbox: Vec::new(),
        }
    }

    /// Records every spawn, resume, suspension, wake-up and finish from now
    /// on; read it with [`trace`](Runtime::trace).
    pub fn record_trace(&mut self) {
        self.trace.get_or_insert_with(Trace::default);
    }

    /// The trace recorded so far, if [`record_trace`](Runtime::record_trace)
    /// was called.
    pub fn trace(&self) -> Option<&Trace> {
        self.trace.as_ref()
    }

    /// The recorded trace as text, one line per event, with the tasks'
    /// current names; empty if no trace was recorded.
    pub fn timeline(&self) -> String {
        self.trace
            .as_ref()
            .map(|trace| trace.timeline(|number| self.core.task_name(number)))
            .unwrap_or_default()
    }

    /// The recorded trace as an SVG chart (see [`Trace::svg`]).
    pub fn timeline_svg(&self) -> String {
        let empty = Trace::default();
        let trace = self.trace.as_ref().unwrap_or(&empty);
        trace.svg(|number| self.core.task_name(number))
    }

    /// The loop's clock: time since the loop was created (`loop.time()`).
    pub fn now(&self) -> Duration {
        Duration::from_nanos(self.core.now_nanos())
    }

    /// Which clock the loop runs on.
    pub fn clock(&self) -> Clock {
        self.core.clock()
    }

    /// Spawns a task: it runs after the tasks already ready, in spawn order.
    pub fn spawn<G>(&mut self, generator: G) -> Task<G::Return>
    where
        G: Generator<Yield = Request, Error = TaskError> + 'static,
    {
        let task = Task::spawn(&self.core, generator);
        self.drain_inbox();
        task
    }

    /// Runs `main` and everything it spawns until `main` finishes:
    /// `asyncio.run(main())`.
    ///
    /// Then, as `asyncio.run` does, the tasks still running are cancelled
    /// and run until they finish, and the errors of failed tasks nobody
    /// retrieved are reported (see [`unretrieved`](Runtime::unretrieved)).
    ///
    /// # Errors
    ///
    /// [`RunError::Task`] if `main` raised; [`RunError::Deadlock`] if every
    /// task waits with no timer pending and no thread working for them.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    /// use resumable::Generator as _;
    ///
    /// // asyncio.run(main()), where main sleeps 1 s and returns 42
    /// let mut rt = Runtime::new();
    /// let main = sleep(Duration::from_secs(1)).map_return(|()| 42);
    /// assert_eq!(rt.run(main).unwrap(), 42);
    /// ```
    pub fn run<G>(&mut self, main: G) -> Result<G::Return, RunError>
    where
        G: Generator<Yield = Request, Error = TaskError> + 'static,
    {
        let main = self.start_main(main);
        if let Err(deadlock) = self.drive(|rt| rt.main_done) {
            return Err(self.main_deadlocked(deadlock));
        }
        let outcome = self.main_finished(&main);
        // Tasks that ignore their cancellation and then deadlock are left
        // for the drop to close: the main result is what was asked for.
        let _ = self.drive(|rt| rt.live == 0);
        self.end_run(outcome)
    }

    /// `run`, as a future any executor can poll: see [`RunFuture`].
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::bridge::block_on;
    /// use resumable::scheduler::{sleep, Runtime};
    /// use resumable::Generator as _;
    ///
    /// // loop.run_until_complete(main()), awaited from another executor
    /// let mut rt = Runtime::new();
    /// let main = sleep(Duration::from_secs(2)).map_return(|()| "slept");
    /// assert_eq!(block_on(rt.run_as_future(main)).unwrap(), "slept");
    /// assert_eq!(rt.now(), Duration::from_secs(2));
    /// ```
    pub fn run_as_future<G>(&mut self, main: G) -> RunFuture<'_, G::Return>
    where
        G: Generator<Yield = Request, Error = TaskError> + 'static,
    {
        let main = self.start_main(main);
        RunFuture::new(self, main)
    }

    pub(super) fn core(&self) -> &Rc<Core> {
        &self.core
    }

    pub(super) fn main_done(&self) -> bool {
        self.main_done
    }

    pub(super) fn start_main<G>(&mut self, main: G) -> Task<G::Return>
    where
        G: Generator<Yield = Request, Error = TaskError> + 'static,
    {
        let main = self.spawn(main);
        self.main = Some(main.number());
        self.main_done = false;
        main
    }

    pub(super) fn main_deadlocked(&mut self, deadlock: RunError) -> RunError {
        self.main = None;
        self.report_unretrieved();
        deadlock
    }

    /// Takes the main task's outcome (so its error is not reported as never
    /// retrieved) and cancels the tasks left.
    pub(super) fn main_finished<T>(&mut self, main: &Task<T>) -> Result<T, TaskError> {
        self.main = None;
        let outcome = main
            .result()
            .expect("the main task finished with an outcome nobody took");
        self.cancel_all();
        outcome
    }

    pub(super) fn end_run<T>(&mut self, outcome: Result<T, TaskError>) -> Result<T, RunError> {
        self.report_unretrieved();
        outcome.map_err(RunError::Task)
    }

    /// Runs until no task is left: every spawned task finished, failed or
    /// was cancelled.
    ///
    /// # Errors
    ///
    /// [`RunError::Deadlock`] if the remaining tasks all wait for each
    /// other.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// let short = rt.spawn(sleep(Duration::from_secs(1)));
    /// let long = rt.spawn(sleep(Duration::from_secs(2)));
    /// rt.run_until_complete().unwrap();
    /// assert!(short.done() && long.done());
    /// assert_eq!((rt.tasks(), rt.now()), (0, Duration::from_secs(2)));
    /// ```
    pub fn run_until_complete(&mut self) -> Result<(), RunError> {
        let ran = self.drive(|rt| rt.live == 0);
        self.report_unretrieved();
        ran
    }

    /// Resumes the first ready task once; `false` if none is ready.
    ///
    /// ```
    /// use resumable::scheduler::Runtime;
    ///
    /// assert!(!Runtime::new().tick()); // nothing spawned, nothing to run
    /// ```
    pub fn tick(&mut self) -> bool {
        self.take_outside_events();
        let Some(slot) = self.ready.pop_front() else {
            return false;
        };
        let _running = Enter::new(&self.core);
        self.step(slot);
        true
    }

    /// Resumes ready tasks until none is: everything that can run without
    /// time passing has run. Returns the number of steps taken.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// let task = rt.spawn(sleep(Duration::from_secs(1)));
    /// assert_eq!(rt.run_until_idle(), 1); // started, now waits for its timer
    /// assert!(rt.advance()); // the clock jumps to 1 s
    /// assert_eq!(rt.run_until_idle(), 1); // woke and returned
    /// assert!(task.done());
    /// assert!(!rt.advance()); // nothing left to wait for
    /// ```
    pub fn run_until_idle(&mut self) -> usize {
        let _running = Enter::new(&self.core);
        self.take_outside_events();
        let mut steps = 0;
        while let Some(slot) = self.ready.pop_front() {
            self.step(slot);
            steps += 1;
        }
        self.give_back_ready();
        steps
    }

    /// When no task is ready: moves the clock to the next timer and makes
    /// the tasks due then ready (the virtual clock jumps, the real one
    /// sleeps), or waits for a thread working for a task.
    ///
    /// Returns `false` if nothing can ever make a task ready.
    pub fn advance(&mut self) -> bool {
        self.take_outside_events();
        if !self.ready.is_empty() {
            return true;
        }
        self.give_back_ready();
        loop {
            match self.try_advance() {
                None => return true,
                Some(Stall::Stuck) => return false,
                Some(stall) => self.block_on_stall(&stall),
            }
        }
    }

    /// Tasks whose error was never retrieved, as `(name, error)`: asyncio's
    /// "Task exception was never retrieved". Filled when a run ends.
    ///
    /// ```
    /// use resumable::generator::from_fn;
    /// use resumable::scheduler::{Request, Runtime, TaskError};
    /// use resumable::GeneratorState;
    ///
    /// let mut rt = Runtime::new();
    /// let fail = from_fn(|_| Err::<GeneratorState<Request, ()>, _>(TaskError::from("lost").into()));
    /// rt.spawn(fail).detach(); // nobody will look at its error
    /// rt.run_until_complete().unwrap();
    /// assert_eq!(rt.unretrieved(), [("Task-1".to_string(), "lost".to_string())]);
    /// ```
    pub fn unretrieved(&self) -> &[(String, String)] {
        &self.unretrieved
    }

    /// How many tasks are alive (spawned and not finished).
    pub fn tasks(&self) -> usize {
        self.live
    }

    fn drive(&mut self, done: impl Fn(&Self) -> bool) -> Result<(), RunError> {
        loop {
            match self.drive_without_blocking(&done) {
                Ok(()) => return Ok(()),
                Err(Stall::Stuck) => return Err(RunError::Deadlock(self.deadlock())),
                Err(stall) => self.block_on_stall(&stall),
            }
        }
    }

    /// Sleeps on the condvar until what `stall` names may have happened (a
    /// thread's wake-up, the deadline); `Stuck` has nothing to wait for.
    fn block_on_stall(&self, stall: &Stall) {
        let limit = match *stall {
            Stall::Remote => None,
            Stall::Until(deadline) => Some(Duration::from_nanos(
                deadline.saturating_sub(self.core.now_nanos()),
            )),
            Stall::Stuck => return,
        };
        self.core.remote.wait(limit);
    }

    /// Runs tasks, and moves the clock when it can do so at once, until
    /// `done` or until going on means waiting.
    pub(super) fn drive_without_blocking(
        &mut self,
        done: impl Fn(&Self) -> bool,
    ) -> Result<(), Stall> {
        let _running = Enter::new(&self.core);
        loop {
            self.take_outside_events();
            while let Some(slot) = self.ready.pop_front() {
                // A step that only yielded cannot have ended anything.
                if self.step(slot) && done(self) {
                    return Ok(());
                }
            }
            if done(self) {
                return Ok(());
            }
            self.give_back_ready();
            if let Some(stall) = self.try_advance() {
                return Err(stall);
            }
        }
    }

    /// Makes a task ready if that needs no waiting (a remote wake-up came,
    /// a virtual timer, a real timer already due); else says what to wait for.
    fn try_advance(&mut self) -> Option<Stall> {
        if self.take_remote_wakes() {
            return None;
        }
        let outstanding = self.core.remote.outstanding() > 0;
        let next = self.next_deadline();
        match (self.core.clock(), next) {
            // A thread's work takes no virtual time: wait for it first,
            // so the order of events does not depend on the machine.
            (Clock::Virtual, _) if outstanding => Some(Stall::Remote),
            (Clock::Virtual, Some(deadline)) => {
                self.core.set_virtual_now(deadline);
                self.fire_timers();
                None
            }
            (Clock::Real, Some(deadline)) if deadline <= self.core.now_nanos() => {
                self.fire_timers();
                None
            }
            (Clock::Real, Some(deadline)) => Some(Stall::Until(deadline)),
            (Clock::Real, None) if outstanding => Some(Stall::Remote),
            (_, None) => Some(Stall::Stuck),
        }
    }

    /// Resumes the task in `slot`; `false` if it only yielded (the hot
    /// path, where nothing else can have changed). Always inlined: as a
    /// call, its prologue and epilogue cost more than its body.
    #[inline(always)]
    fn step(&mut self, slot: u32) -> bool {
        let Some(task) = &mut self.tasks[slot as usize] else {
            return true;
        };
        let status = task.step(&self.core, slot);
        if matches!(status, Status::Yielded) && self.trace.is_none() && !self.core.pending.get() {
            // The switch everything else is measured by: the task let the
            // others run, asked for nothing else, and goes to the back. Its
            // slot is still marked ready from when it was queued.
            self.ready.push_back(slot);
            return false;
        }
        self.after_step(slot, status);
        true
    }

    #[inline(never)]
    fn after_step(&mut self, slot: u32, status: Status) {
        let step = match status {
            Status::Yielded => Step::Suspended(Request::Yield),
            Status::Suspended => Step::Suspended(
                self.core
                    .suspended
                    .take()
                    .expect("a suspended step left its request"),
            ),
            Status::Finished(outcome) => Step::Finished(outcome),
        };
        let traced = match (&self.trace, &self.tasks[slot as usize]) {
            (Some(_), Some(task)) => Some(task.number()),
            _ => None,
        };
        // What the step asked for (spawns, wake-ups) goes first: asyncio
        // schedules them when asked, before this task's own continuation.
        if self.core.pending.get() {
            self.drain_inbox();
        }
        if let (Some(trace), Some(number)) = (&mut self.trace, traced) {
            trace.record_step(self.core.now_nanos(), number, &step);
        }
        match step {
            Step::Suspended(Request::Yield) => self.make_ready(slot),
            Step::Suspended(Request::Sleep(duration)) if duration.is_zero() => {
                self.make_ready(slot);
            }
            Step::Suspended(Request::Sleep(duration)) => self.park(slot, None, Some(duration)),
            Step::Suspended(Request::Wait { on, timeout }) => self.park(slot, Some(on), timeout),
            Step::Finished(_) => self.finish(slot),
        }
    }

    #[inline]
    fn make_ready(&mut self, slot: u32) {
        self.parked[slot as usize] = 0;
        self.ready.push_back(slot);
    }

    fn park(&mut self, slot: u32, on: Option<Blocker>, timeout: Option<Duration>) {
        let token = self.next_token();
        self.parked[slot as usize] = token;
        if let Some(on) = on {
            self.blocked.insert(slot, on);
        }
        if let Some(timeout) = timeout {
            let deadline = self
                .core
                .now_nanos()
                .saturating_add(duration_nanos(timeout));
            self.timers.push(Reverse(Timer {
                deadline,
                token,
                slot,
            }));
        }
    }

    /// A token for a new parking: never 0, increasing, so timers with equal
    /// deadlines fire in the order they were set.
    fn next_token(&mut self) -> u32 {
        if self.last_token == u32::MAX {
            self.renumber_timers();
        }
        self.last_token += 1;
        self.last_token
    }

    /// Once every 2^32 parkings the tokens run out: drop the stale timers
    /// and number the live ones again from 1, in the order they fire. Parked
    /// tasks without a timer keep their old token; no timer can match it.
    #[cold]
    fn renumber_timers(&mut self) {
        let mut live: Vec<Timer> = core::mem::take(&mut self.timers)
            .into_iter()
            .map(|Reverse(timer)| timer)
            .filter(|timer| self.is_live(timer))
            .collect();
        live.sort_unstable();
        let mut token = 0;
        for timer in &mut live {
            token += 1;
            timer.token = token;
            self.parked[timer.slot as usize] = token;
        }
        self.last_token = token;
        self.timers = live.into_iter().map(Reverse).collect();
    }

    fn finish(&mut self, slot: u32) {
        let task = self.tasks[slot as usize]
            .take()
            .expect("a finished task has a slot");
        self.parked[slot as usize] = 0;
        self.free.push(slot);
        self.live -= 1;
        if self.main == Some(task.number()) {
            self.main_done = true;
        }
        let Some(shared) = task.shared() else { return };
        drop(task);
        let meta = shared.meta();
        if meta.has_joiners() {
            let joiners = self.core.joiners.borrow_mut().remove(&meta.number());
            for callback in joiners.into_iter().flatten() {
                callback();
            }
            self.drain_inbox();
        }
        if meta.failed_unretrieved() {
            self.failed.push(shared);
        }
    }

    fn drain_inbox(&mut self) {
        core::mem::swap(&mut *self.core.inbox.borrow_mut(), &mut self.inbox);
        self.core.pending.set(false);
        let mut events = core::mem::take(&mut self.inbox);
        for event in events.drain(..) {
            match event {
                Event::Spawn(task) => self.admit(task),
                Event::Wake { slot, number } => self.wake(slot, number),
                Event::Cancel { slot, number } => self.cancel(slot, number),
                Event::Unheld { slot, number } => {
                    if let Some(task) = self.task_mut(slot, number) {
                        task.settle_handle();
                    }
                }
            }
        }
        self.inbox = events;
        // A woken task may have been woken from the inbox it just emptied.
        if self.core.pending.get() {
            self.drain_inbox();
        }
    }

    fn admit(&mut self, mut task: Box<dyn TaskDyn>) {
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                let slot = u32::try_from(self.tasks.len()).expect("more than 2^32 tasks at once");
                self.tasks.push(None);
                self.parked.push(0);
                slot
            }
        };
        if let Some(shared) = task.shared() {
            shared.meta().set_slot(slot);
        }
        task.settle_handle();
        if let Some(trace) = &mut self.trace {
            trace.record(self.core.now_nanos(), task.number(), TraceKind::Spawn);
        }
        self.tasks[slot as usize] = Some(task);
        self.live += 1;
        self.make_ready(slot);
    }

    /// The task in `slot` if it is still the one numbered `number`.
    fn task_mut(&mut self, slot: u32, number: u64) -> Option<&mut Box<dyn TaskDyn>> {
        self.tasks
            .get_mut(slot as usize)?
            .as_mut()
            .filter(|task| task.number() == number)
    }

    fn cancel(&mut self, slot: u32, number: u64) {
        if let Some(task) = self.task_mut(slot, number) {
            task.request_cancel();
            self.wake(slot, number);
        }
    }

    fn wake(&mut self, slot: u32, number: u64) {
        if self.task_mut(slot, number).is_none() || self.parked[slot as usize] == 0 {
            return;
        }
        // Timers set for this parking are now stale.
        self.blocked.remove(&slot);
        if let Some(trace) = &mut self.trace {
            trace.record(self.core.now_nanos(), number, TraceKind::Wake);
        }
        self.make_ready(slot);
    }

    /// An empty ready queue that grew large gives its memory back.
    fn give_back_ready(&mut self) {
        if self.ready.is_empty() && self.ready.capacity() > READY_KEPT {
            self.ready.shrink_to(READY_KEPT);
        }
    }

    /// What happened while no task ran: cancellations and wake-ups from
    /// code outside the loop, and from other threads.
    fn take_outside_events(&mut self) {
        if self.core.pending.get() {
            self.drain_inbox();
        }
        self.take_remote_wakes();
    }

    fn take_remote_wakes(&mut self) -> bool {
        let wakes = self.core.remote.take();
        let any = !wakes.is_empty();
        for (slot, number) in wakes {
            self.wake(slot, number);
        }
        any
    }

    fn is_live(&self, timer: &Timer) -> bool {
        self.parked[timer.slot as usize] == timer.token
    }

    /// The earliest deadline of a timer that still matters, dropping stale
    /// ones on the way.
    fn next_deadline(&mut self) -> Option<u64> {
        while let Some(Reverse(timer)) = self.timers.peek() {
            if self.is_live(timer) {
                return Some(timer.deadline);
            }
            self.timers.pop();
        }
        None
    }

    /// Makes the tasks whose timers are due ready, in deadline order.
    fn fire_timers(&mut self) {
        let now = self.core.now_nanos();
        while let Some(Reverse(timer)) = self.timers.peek() {
            if timer.deadline > now {
                break;
            }
            let Some(Reverse(timer)) = self.timers.pop() else {
                break;
            };
            if self.is_live(&timer) {
                self.blocked.remove(&timer.slot);
                if let (Some(trace), Some(task)) =
                    (&mut self.trace, &self.tasks[timer.slot as usize])
                {
                    trace.record(now, task.number(), TraceKind::Wake);
                }
                self.make_ready(timer.slot);
            }
        }
    }

    fn cancel_all(&mut self) {
        self.drain_inbox();
        for slot in 0..self.tasks.len() {
            let Some(task) = &mut self.tasks[slot] else {
                continue;
            };
            task.request_cancel();
            let number = task.number();
            self.wake(slot as u32, number);
        }
    }

    pub(super) fn deadlock(&self) -> Deadlock {
        let mut blocked: Vec<(u64, Blocker)> = self
            .blocked
            .iter()
            .filter_map(|(&slot, &on)| {
                let task = self.tasks[slot as usize].as_ref()?;
                Some((task.number(), on))
            })
            .collect();
        blocked.sort_by_key(|&(number, _)| number);
        Deadlock::new(
            blocked
                .into_iter()
                .map(|(number, on)| (self.core.task_name(number), on))
                .collect(),
        )
    }

    fn report_unretrieved(&mut self) {
        for task in core::mem::take(&mut self.failed) {
            if !task.meta().failed_unretrieved() {
                continue;
            }
            let name = self.core.task_name(task.meta().number());
            let error = task.error_message().unwrap_or_default();
            std::eprintln!("Task exception was never retrieved: {name}: {error}");
            self.unretrieved.push((name, error));
        }
    }
}

impl Drop for Runtime {
    /// Closes the tasks still alive, in spawn order, so their cleanup code
    /// runs: Python closes a coroutine that is garbage-collected unfinished.
    fn drop(&mut self) {
        let _running = Enter::new(&self.core);
        let mut alive: Vec<Box<dyn TaskDyn>> =
            self.tasks.iter_mut().filter_map(Option::take).collect();
        alive.sort_by_key(|task| task.number());
        for mut task in alive {
            task.close();
        }
        self.core.inbox.borrow_mut().clear();
        self.core.joiners.borrow_mut().clear();
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("clock", &self.core.clock())
            .field("now", &self.now())
            .field("tasks", &self.live)
            .field("ready", &self.ready.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::Runtime;
    use crate::generator::Generator as _;
    use crate::scheduler::sleep;
    use alloc::rc::Rc;
    use alloc::vec::Vec;
    use core::cell::RefCell;
    use core::time::Duration;

    /// Tasks parked across the end of the tokens still wake in the order
    /// their timers were set, and the stale timers are dropped.
    #[test]
    fn timers_keep_their_order_when_the_tokens_run_out() {
        let mut rt = Runtime::new();
        rt.last_token = u32::MAX - 3;
        let woke = Rc::new(RefCell::new(Vec::new()));
        let cancelled = rt.spawn(sleep(Duration::from_secs(1)));
        for task in 0..6 {
            let woke = Rc::clone(&woke);
            let nap =
                sleep(Duration::from_secs(1)).map_return(move |()| woke.borrow_mut().push(task));
            rt.spawn(nap).detach();
            if task == 1 {
                rt.run_until_idle();
                cancelled.cancel(); // its timer goes stale
            }
        }
        rt.run_until_idle();
        assert!(rt.last_token < 10, "the tokens were numbered again");
        assert_eq!(rt.timers.len(), 6, "the stale timer is gone");
        rt.run_until_complete().unwrap();
        assert_eq!(*woke.borrow(), [0, 1, 2, 3, 4, 5]);
        assert!(cancelled.cancelled());
    }
}
