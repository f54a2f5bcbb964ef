//! Driving the loop: `run_forever`, and the ways to run it by hand.

use alloc::rc::Rc;
use core::time::Duration;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use super::budget::Budget;
use super::deadlock::RunError;
use super::loop_core::{Core, Enter, NO_TASK};
use super::Runtime;

/// `loop.is_running()` while `run_forever` runs, put back as it was when it
/// returns — or when a task's panic leaves it.
struct RunningFlag {
    core: Rc<Core>,
    was: bool,
}

impl RunningFlag {
    fn raise(core: &Rc<Core>) -> Self {
        let was = core.is_running();
        core.set_running(true);
        RunningFlag {
            core: Rc::clone(core),
            was,
        }
    }
}

impl Drop for RunningFlag {
    fn drop(&mut self) {
        self.core.set_running(self.was);
    }
}

/// Why the loop could not take its turn at once: what it would wait for.
pub(crate) enum Stall {
    /// A thread that will call back (`to_thread`, a `RemotePromise`).
    Remote,
    /// The real clock reaching this deadline (nanoseconds on the loop's
    /// clock), or a thread, whichever comes first.
    Until(u64),
    /// A wrapped future's wake-up, for as long as it takes.
    External,
    /// A wrapped future's wake-up, on the virtual clock, until the grace
    /// period ends (`ExternalWaits::grace_end`); then the clock moves to
    /// the next timer. (No `Instant` here: `Stall` stays two registers.)
    Grace,
    /// Nothing at all: asyncio would wait forever here.
    Stuck,
    /// Nothing to wait for: the poll's [`Budget`] is spent, and the loop
    /// goes on when polled again.
    Budget,
}

impl Runtime {
    /// One turn of the loop: asyncio's `_run_once`. If nothing is ready it
    /// first waits for the next timer (on the virtual clock, time jumps to
    /// it) or for a thread; then it runs every callback ready at that
    /// moment — task steps, done callbacks, `call_soon`s, timers that came
    /// due — and returns. What those schedule waits for the next turn.
    ///
    /// # Errors
    ///
    /// [`RunError::Deadlock`] if nothing is ready and nothing can become
    /// ready: no timer, no thread at work.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// let task = rt.spawn(sleep(Duration::from_secs(1)));
    /// rt.run_once().unwrap(); // the task's first step: it sets its timer
    /// rt.run_once().unwrap(); // the clock jumps to 1 s: the timer's callback ends the sleep
    /// rt.run_once().unwrap(); // the task's wake-up: it returns
    /// assert!(task.done());
    /// assert_eq!(rt.time(), Duration::from_secs(1));
    /// assert!(rt.run_once().is_err()); // nothing left: asyncio would wait forever
    /// ```
    pub fn run_once(&mut self) -> Result<(), RunError> {
        self.check_open();
        let _running = Enter::new(&self.core);
        let turn = self.turn();
        self.core.set_current(NO_TASK);
        turn
    }

    /// One turn, waiting as long as it takes; a deadlock is an error.
    fn turn(&mut self) -> Result<(), RunError> {
        loop {
            match self.try_run_once() {
                Ok(()) => return Ok(()),
                Err(Stall::Stuck) => return Err(RunError::Deadlock(self.deadlock())),
                Err(stall) => self.block_on_stall(&stall),
            }
        }
    }

    /// `loop.run_forever()`: runs turn after turn until
    /// [`stop`](super::EventLoop::stop) is called, and returns after the
    /// turn that called it.
    ///
    /// # Errors
    ///
    /// [`RunError::Deadlock`] when nothing is ready and nothing can become
    /// ready, where asyncio would wait forever.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::Runtime;
    ///
    /// let mut rt = Runtime::new();
    /// let lp = rt.event_loop();
    /// rt.call_later(Duration::from_secs(3), move || lp.stop());
    /// rt.run_forever().unwrap();
    /// assert_eq!(rt.time(), Duration::from_secs(3));
    /// ```
    pub fn run_forever(&mut self) -> Result<(), RunError> {
        self.check_open();
        loop {
            match self.run_until_stopped(&mut Budget::unlimited()) {
                Ok(()) => return Ok(()),
                Err(Stall::Stuck) => return Err(RunError::Deadlock(self.deadlock())),
                Err(stall) => self.block_on_stall(&stall),
            }
        }
    }

    /// `run_forever` up to the first wait: runs turns until `stop` (`Ok`)
    /// or until going on means waiting, and then says what for — or until
    /// `budget` is spent ([`Stall::Budget`]).
    pub(crate) fn run_until_stopped(&mut self, budget: &mut Budget) -> Result<(), Stall> {
        let _running = Enter::new(&self.core);
        let _flag = RunningFlag::raise(&self.core);
        let ran = loop {
            if let Err(stall) = self.try_run_once() {
                break Err(stall);
            }
            if self.core.take_stopping() {
                break Ok(());
            }
            if budget.spend(self.ran_last_turn, &self.core) {
                break Err(Stall::Budget);
            }
        };
        self.core.set_current(NO_TASK);
        ran
    }

    /// Runs turns until nothing is left to do: every task finished, no
    /// callback or timer pending.
    ///
    /// # Errors
    ///
    /// [`RunError::Deadlock`] if tasks are left that all wait for something
    /// nothing will ever do.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// let short = rt.spawn(sleep(Duration::from_secs(1)));
    /// let long = rt.spawn(sleep(Duration::from_secs(2)));
    /// rt.run_all().unwrap();
    /// assert!(short.done() && long.done());
    /// assert_eq!((rt.tasks(), rt.time()), (0, Duration::from_secs(2)));
    /// ```
    pub fn run_all(&mut self) -> Result<(), RunError> {
        self.check_open();
        let _running = Enter::new(&self.core);
        let ran = loop {
            match self.try_run_once() {
                Ok(()) => {}
                Err(Stall::Stuck) if self.live == 0 => break Ok(()),
                Err(Stall::Stuck) => break Err(RunError::Deadlock(self.deadlock())),
                Err(stall) => self.block_on_stall(&stall),
            }
        };
        self.core.set_current(NO_TASK);
        ran
    }

    /// Runs turns while something is ready, without moving the clock:
    /// everything that can happen now, happens. Returns how many callbacks
    /// (task steps included) ran.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// let task = rt.spawn(sleep(Duration::from_secs(1)));
    /// assert_eq!(rt.run_until_idle(), 1); // started, now waits for its timer
    /// assert!(rt.advance()); // the clock jumps to 1 s
    /// assert_eq!(rt.run_until_idle(), 2); // the timer's callback, then the task
    /// assert!(task.done());
    /// assert!(!rt.advance()); // nothing left to wait for
    /// ```
    pub fn run_until_idle(&mut self) -> usize {
        self.check_open();
        let _running = Enter::new(&self.core);
        let mut ran = 0;
        loop {
            self.apply_outside_events();
            self.queue_due_timers();
            if self.ready.is_empty() {
                break;
            }
            self.ready.start_batch();
            ran += self.run_started_batch();
            self.raise_panic();
        }
        self.core.set_current(NO_TASK);
        ran
    }

    /// Runs the oldest ready callback (a task's step, most often); `false`
    /// if none is ready.
    ///
    /// ```
    /// use resumable::scheduler::{yield_now, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// let task = rt.spawn(yield_now());
    /// assert!(rt.tick()); // first step: yields
    /// assert!(!task.done());
    /// assert!(rt.tick()); // second step: returns
    /// assert!(task.done());
    /// assert!(!rt.tick()); // nothing ready
    /// ```
    pub fn tick(&mut self) -> bool {
        self.check_open();
        let _running = Enter::new(&self.core);
        self.apply_outside_events();
        self.queue_due_timers();
        let Some(entry) = self.ready.pop_front() else {
            return false;
        };
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| self.run_entry(entry))) {
            self.recover(payload);
        }
        self.core.set_current(NO_TASK);
        self.raise_panic();
        true
    }

    /// Runs what is left of the batch begun, catching panics as
    /// `try_run_once` does; returns how many entries ran.
    fn run_started_batch(&mut self) -> usize {
        let mut ran = 0;
        while let Err(payload) = catch_unwind(AssertUnwindSafe(|| {
            while let Some(entry) = self.ready.pop_batch() {
                ran += 1;
                self.run_entry(entry);
            }
        })) {
            self.recover(payload);
        }
        ran
    }

    /// When nothing is ready: moves the clock to the next timer and queues
    /// the callbacks due then (the virtual clock jumps, the real one
    /// sleeps), or waits for a thread working for a task.
    ///
    /// Returns `false` if nothing can ever become ready.
    pub fn advance(&mut self) -> bool {
        self.check_open();
        let _running = Enter::new(&self.core);
        self.apply_outside_events();
        loop {
            if !self.ready.is_empty() {
                return true;
            }
            match self.wait_or_stall() {
                Ok(()) => {
                    self.queue_due_timers();
                    return true;
                }
                Err(Stall::Stuck) => return false,
                Err(stall) => self.block_on_stall(&stall),
            }
        }
    }

    /// Sleeps on the condvar until what `stall` names may have happened (a
    /// thread's callback, the deadline); `Stuck` has nothing to wait for.
    pub(crate) fn block_on_stall(&self, stall: &Stall) {
        let (limit, for_calls) = match *stall {
            Stall::Remote => (None, false),
            Stall::External => (None, true),
            Stall::Until(deadline) => {
                let left = deadline.saturating_sub(self.core.now_nanos());
                (Some(Duration::from_nanos(left)), false)
            }
            Stall::Grace => {
                let end = self.core.externals.grace_end();
                let left = end.map_or(Duration::ZERO, |end| {
                    end.saturating_duration_since(Instant::now())
                });
                (Some(left), true)
            }
            Stall::Stuck | Stall::Budget => return,
        };
        self.core.remote.wait(limit, for_calls);
    }
}
