//! `_run_once`: one turn of the loop, and the running of one ready callback.

use alloc::boxed::Box;
use core::any::Any;
use core::time::Duration;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::drive::Stall;
use super::loop_core::{duration_nanos, Event, Status, TaskDyn, NO_TASK};
use super::others::{Other, OTHER};
use super::timers::Due;
use super::{Runtime, READY_KEPT};
use crate::scheduler::panics::{quietly, PanicError, Payload};
use crate::scheduler::trace::{Outcome, TraceKind};
use crate::scheduler::{Clock, TaskError};

impl Runtime {
    /// One turn of the loop, asyncio's `_run_once`: if nothing is ready,
    /// wait for the next timer (the virtual clock jumps to it); then queue
    /// the callbacks of other threads and the timers that came due, and
    /// run every callback that is ready now. What those schedule runs in
    /// the next turn.
    ///
    /// Returns what the loop would have to wait for, without running
    /// anything, if it cannot go on at once. How many callbacks ran is in
    /// `ran_last_turn` (not in the result: `Result<(), Stall>` comes back
    /// in registers, which the one-task turn measures at 5 instructions).
    pub(crate) fn try_run_once(&mut self) -> Result<(), Stall> {
        self.apply_outside_events();
        if self.ready.is_empty() && !self.core.stopping() {
            self.wait_or_stall()?;
        }
        self.queue_due_timers();
        // The batch is a local vector, its length and position in registers:
        // what the entries schedule goes to the queue's next batch.
        let batch = self.ready.begin_batch();
        self.ran_last_turn = batch.len();
        self.run_batch(&batch);
        self.ready.end_batch(batch);
        self.raise_panic();
        Ok(())
    }

    /// Runs the entries of a batch, each once, even if some panic: a panic
    /// is caught, its task finished as failed (see `panics`), and the
    /// entries after it run. One `catch_unwind` for the whole batch: the
    /// switch pays only for keeping its place in memory.
    #[inline(always)]
    fn run_batch(&mut self, batch: &[u32]) {
        let mut entries = batch.iter();
        while let Err(payload) = catch_unwind(AssertUnwindSafe(|| {
            for &entry in entries.by_ref() {
                self.run_entry(entry);
            }
        })) {
            self.recover(payload);
        }
    }

    /// After a panic in a callback or a task's step: the task, if it was
    /// one, is finished as failed; what the callback queued before it
    /// panicked is applied; the panic waits for the end of the turn.
    #[cold]
    #[inline(never)]
    pub(super) fn recover(&mut self, payload: Payload) {
        let slot = self.core.current_slot();
        self.core.set_current(NO_TASK);
        if let Some(slot) = slot {
            self.fail_panicked(slot, &*payload);
        }
        self.panic.keep(payload);
        self.apply_events();
    }

    /// The task in `slot` panicked: closed by the normal path, its future
    /// failed with a [`PanicError`], its slot freed.
    fn fail_panicked(&mut self, slot: u32, payload: &(dyn Any + Send)) {
        let Some(mut task) = self.tasks[slot as usize].take() else {
            return; // it had finished: the panic came from dropping it
        };
        let name = self.core.task_name(task.number());
        self.timers.wake(slot);
        task.fail(TaskError::raise(PanicError::new(name, payload)));
        self.free_slot(slot);
        if let Some(trace) = &mut self.trace {
            trace.record(self.core.now_nanos(), task.number(), TraceKind::Fail);
        }
        quietly(|| drop(task));
    }

    /// Raises the panic caught this turn, if there was one.
    #[inline]
    pub(super) fn raise_panic(&mut self) {
        if self.panic.is_kept() {
            self.panic.raise();
        }
    }

    /// What asyncio's `select(timeout)` does with nothing ready: find the
    /// next thing that can happen, and move the virtual clock to it.
    pub(super) fn wait_or_stall(&mut self) -> Result<(), Stall> {
        self.give_back_ready();
        if self.take_remote_calls() {
            return Ok(());
        }
        let threads = self.core.remote.outstanding() > 0;
        let next = self.timers.next_deadline();
        match (self.core.clock(), next) {
            // A thread's work takes no virtual time: wait for it first, so
            // that the order of events does not depend on the machine.
            (Clock::Virtual, _) if threads => Err(Stall::Remote),
            (Clock::Virtual, Some(deadline)) => self.move_clock_to(deadline),
            (Clock::Real, Some(deadline)) if deadline <= self.core.now_nanos() => Ok(()),
            (Clock::Real, Some(deadline)) => Err(Stall::Until(deadline)),
            (Clock::Real, None) if threads => Err(Stall::Remote),
            (_, None) if self.core.externals.any_wakeable() => Err(Stall::External),
            (_, None) => Err(Stall::Stuck),
        }
    }

    /// The virtual clock jumps to `deadline` — once wrapped futures that
    /// may still wake have had their grace period (see `external_waits`).
    fn move_clock_to(&mut self, deadline: u64) -> Result<(), Stall> {
        let externals = &self.core.externals;
        if externals.any_wakeable() && externals.grace_left() {
            return Err(Stall::Grace);
        }
        externals.reset_grace();
        if deadline > self.core.now_nanos() {
            self.core.set_virtual_now(deadline);
        }
        Ok(())
    }

    /// Runs one ready entry: a task's step (the hot path) or another
    /// callback. Always inlined: as a call, its prologue and epilogue cost
    /// more than the hot path's body.
    #[inline(always)]
    pub(super) fn run_entry(&mut self, entry: u32) {
        if entry & OTHER != 0 {
            return self.run_other(entry);
        }
        let slot = entry;
        let Some(task) = &mut self.tasks[slot as usize] else {
            return;
        };
        let status = task.step(&self.core, slot);
        if status == Status::Yielded && !self.core.needs_attention() {
            // The switch everything else is measured by: the task let the
            // others run, asked for nothing else, and goes to the back.
            self.ready.push_back(slot);
            return;
        }
        self.after_step(slot, status);
    }

    #[inline(never)]
    fn after_step(&mut self, slot: u32, status: Status) {
        // What the step asked for (spawns, callbacks, timers) goes first:
        // asyncio schedules them when asked, before the step's own
        // continuation.
        self.apply_events();
        self.record_step(slot, status);
        match status {
            Status::Yielded => self.ready.push_back(slot),
            Status::Sleep => {
                let duration = self.core.take_sleep();
                self.sleep(slot, duration);
            }
            Status::Awaiting => {}
            Status::Finished(_) => self.finish(slot),
        }
        self.core.set_current(NO_TASK);
    }

    fn record_step(&mut self, slot: u32, status: Status) {
        let Some(trace) = &mut self.trace else { return };
        let Some(task) = &self.tasks[slot as usize] else {
            return;
        };
        let kind = match status {
            Status::Yielded => TraceKind::Yield,
            Status::Sleep => TraceKind::Sleep(self.core.sleeping()),
            Status::Awaiting => match task.info().waits_for() {
                Some(on) => TraceKind::Wait(on),
                None => TraceKind::Yield,
            },
            Status::Finished(Outcome::Returned) => TraceKind::Finish,
            Status::Finished(Outcome::Raised) => TraceKind::Fail,
            Status::Finished(Outcome::Cancelled) => TraceKind::Cancel,
        };
        trace.record(self.core.now_nanos(), task.number(), kind);
    }

    /// `asyncio.sleep(duration)`: its future, and `call_later` to end it.
    fn sleep(&mut self, slot: u32, duration: Duration) {
        let deadline = self
            .core
            .now_nanos()
            .saturating_add(duration_nanos(duration));
        let token = self.timers.sleep(slot, deadline);
        if let Some(task) = &mut self.tasks[slot as usize] {
            task.sleeping(token);
        }
        // A cancellation that waited for this step ends the sleep at once.
        self.apply_events();
    }

    fn finish(&mut self, slot: u32) {
        let task = self.tasks[slot as usize]
            .take()
            .expect("a finished task has a slot");
        self.free_slot(slot);
        drop(task);
        // Dropping the task may have dropped the last handle of a future
        // that reports in its drop, or scheduled nothing at all.
        self.apply_events();
    }

    /// The slot of a task taken out of it (finished, failed, closed) is
    /// free for the next task, and the task no longer counts as alive.
    pub(super) fn free_slot(&mut self, slot: u32) {
        self.core.unregister(slot);
        self.live -= 1;
    }

    fn run_other(&mut self, entry: u32) {
        let Some(other) = self.others.take(entry) else {
            return;
        };
        self.core.set_current(NO_TASK);
        match other {
            Other::Call(callback) => callback(),
            Other::Handle(handle) => handle.run(),
            Other::SleepDone { slot, token } => {
                if let Some(task) = &mut self.tasks[slot as usize] {
                    task.sleep_done(token);
                }
            }
        }
        self.apply_events();
    }

    /// Applies what code inside the loop asked for, in order.
    pub(crate) fn apply_events(&mut self) {
        while self.core.has_pending() {
            let mut events = core::mem::take(&mut self.events);
            self.core.take_events(&mut events);
            for event in events.drain(..) {
                self.apply(event);
            }
            self.events = events;
        }
    }

    fn apply(&mut self, event: Event) {
        match event {
            Event::Step(id) => {
                if !self.core.is_alive(id) {
                    return; // the wake-up of a task that was closed
                }
                let slot = id.slot;
                self.timers.wake(slot);
                if let (Some(trace), Some(task)) = (&mut self.trace, &self.tasks[slot as usize]) {
                    trace.record(self.core.now_nanos(), task.number(), TraceKind::Wake);
                }
                self.ready.push_back(slot);
            }
            Event::Call(callback) => self.queue(Other::Call(callback)),
            Event::Handle(handle) => self.queue(Other::Handle(handle)),
            Event::Timer(handle) => self.timers.call_at(handle),
            Event::Spawn(slot, task) => self.admit(slot, task),
            Event::MustCancel(slot) => {
                if let Some(task) = &mut self.tasks[slot as usize] {
                    task.mark_cancel();
                }
            }
        }
    }

    fn queue(&mut self, other: Other) {
        let entry = self.others.insert(other);
        self.ready.push_back(entry);
    }

    /// A new task takes its slot, and its first step is queued.
    fn admit(&mut self, slot: u32, task: Box<dyn TaskDyn>) {
        let index = slot as usize;
        if index >= self.tasks.len() {
            self.tasks.resize_with(index + 1, || None);
        }
        if let Some(trace) = &mut self.trace {
            trace.record(self.core.now_nanos(), task.number(), TraceKind::Spawn);
        }
        self.tasks[index] = Some(task);
        self.live += 1;
        self.ready.push_back(slot);
    }

    /// Queues the timers that came due, in deadline order.
    #[inline]
    pub(super) fn queue_due_timers(&mut self) {
        if self.timers.is_empty() {
            return;
        }
        let now = self.core.now_nanos();
        while let Some(due) = self.timers.pop_due(now) {
            let other = match due {
                Due::Sleep { slot, token } => Other::SleepDone { slot, token },
                Due::Handle(handle) => Other::Handle(handle),
            };
            self.queue(other);
        }
    }

    /// Callbacks left by other threads, queued; `true` if there were any.
    #[inline(always)]
    fn take_remote_calls(&mut self) -> bool {
        // Checked on every turn: one atomic load here, the rest out of line.
        self.core.remote.has_calls() && self.queue_remote_calls()
    }

    /// The calls [`take_remote_calls`](Self::take_remote_calls) found,
    /// moved into the loop's queue.
    #[cold]
    #[inline(never)]
    fn queue_remote_calls(&mut self) -> bool {
        let calls = self.core.remote.take();
        let any = !calls.is_empty();
        self.core.externals.reset_grace();
        for call in calls {
            self.queue(Other::Call(call));
        }
        any
    }

    /// What happened while the loop did not run: calls from outside the
    /// loop (a task spawned from `main`, a cancel) and from other threads.
    #[inline]
    pub(super) fn apply_outside_events(&mut self) {
        if self.core.has_pending() {
            self.apply_events();
        }
        self.take_remote_calls();
    }

    /// An empty ready queue that grew large gives its memory back.
    fn give_back_ready(&mut self) {
        if self.ready.is_empty() && self.ready.capacity() > READY_KEPT {
            self.ready.shrink_to(READY_KEPT);
        }
    }
}
