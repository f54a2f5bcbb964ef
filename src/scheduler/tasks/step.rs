//! The loop's side of a task: its generator, and `Task.__step` /
//! `Task.__wakeup`, the callback that resumes it.
//!
//! The loop is the only one that resumes a task, so it owns the generator
//! outright, boxed in the task's slot: no `Rc`, no `RefCell` flag between
//! the loop and the generator. Two bits say whether this step is anything
//! but the plain one — a wake-up from a wait, or a cancellation waiting to
//! be thrown — so a task that only yields reads nothing else.

use alloc::rc::Rc;
use core::time::Duration;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::shared::{SleepState, TaskShared, Waiter};
use crate::generator::{Exception, Generator, GeneratorState, Resume};
use crate::scheduler::base_events::{Core, Event, Status, TaskDyn, TaskInfo};
use crate::scheduler::futures::attached_to_a_different_loop;
use crate::scheduler::panics::Payload;
use crate::scheduler::trace::Outcome;
use crate::scheduler::{Awaited, CancelledError, Request, RuntimeError, TaskError};

/// The step is a wake-up: the task waited on a future or a sleep.
const WAITING: u8 = 1;
/// A cancellation found nothing to cancel; it is thrown at this step.
const CANCEL: u8 = 1 << 1;

pub(crate) struct TaskCell<G: Generator> {
    flags: u8,
    shared: Rc<TaskShared<G::Return>>,
    generator: G,
}

impl<G> TaskCell<G>
where
    G: Generator<Yield = Request, Error = TaskError>,
    G::Return: 'static,
{
    pub(crate) fn new(generator: G, shared: Rc<TaskShared<G::Return>>) -> Self {
        TaskCell {
            flags: 0,
            shared,
            generator,
        }
    }

    /// What this step resumes the generator with, when it is not the plain
    /// `send(None)`: `__wakeup`'s `future.result()`, and `__step`'s
    /// `_must_cancel`.
    fn wake_input(&mut self) -> Resume<(), TaskError> {
        let waiting = self.flags & WAITING != 0;
        self.flags = 0;
        // `self._fut_waiter = None`
        let waiter = self.shared.take_waiter();
        let mut error = match (waiting, waiter) {
            (false, _) | (true, Waiter::None) => None,
            (true, Waiter::Sleep { state, .. }) => match state {
                SleepState::Cancelled => {
                    let message = self.shared.future().take_sleep_message();
                    Some(TaskError::Cancelled(CancelledError::from_message(message)))
                }
                SleepState::Pending | SleepState::Done => None,
            },
            (true, Waiter::Future(future)) => future.wakeup_error(),
            (true, Waiter::Error(error)) => Some(*error),
        };
        if self.shared.take_must_cancel() && !matches!(error, Some(TaskError::Cancelled(_))) {
            error = Some(TaskError::Cancelled(self.shared.make_cancelled_error()));
        }
        match error {
            Some(error) => Resume::Throw(error),
            None => Resume::Next,
        }
    }

    /// The task yielded a future: `result.add_done_callback(self.__wakeup)`,
    /// `self._fut_waiter = result`, and a cancellation that waited for this
    /// cancels the future at once.
    fn await_future(&mut self, awaited: Awaited) -> Status {
        self.flags |= WAITING;
        let future = awaited.future;
        let core = self.shared.core();
        let itself = Rc::as_ptr(&future).cast::<()>() == Rc::as_ptr(&self.shared).cast::<()>();
        if itself {
            let number = self.shared.number();
            let error = RuntimeError::new(alloc::format!(
                "Task cannot await on itself: <Task pending name='{}'>",
                core.task_name(number)
            ));
            return self.raise_at_next_step(error);
        }
        if !Rc::clone(&future).add_wakeup(core, self.shared.id()) {
            let error = attached_to_a_different_loop(core, self.shared.number(), &*future);
            return self.raise_at_next_step(error);
        }
        self.shared.set_waiter(Waiter::Future(future));
        if self.shared.must_cancel() {
            let message = self.shared.future().cancel_message();
            if self.shared.cancel_waiter(message) {
                self.shared.take_must_cancel();
            }
        }
        Status::Awaiting
    }

    /// `call_soon(self.__step, RuntimeError(...))`.
    fn raise_at_next_step(&mut self, error: RuntimeError) -> Status {
        self.shared
            .set_waiter(Waiter::Error(alloc::boxed::Box::new(TaskError::raise(
                error,
            ))));
        self.shared.core().push(Event::Step(self.shared.id()));
        Status::Awaiting
    }

    /// `__wakeup` (or `__step` with a cancellation): the step that is not
    /// the plain one.
    #[inline(never)]
    fn wake(&mut self, core: &Core, slot: u32) -> Status {
        let input = self.wake_input();
        core.set_current(slot);
        let outcome = self.generator.resume(input);
        self.settle(core, outcome)
    }

    /// `gen.close()`: what the generator does in its `finally:` is all we
    /// want; an error it raises while closing has nobody left to go to,
    /// and a panic is caught and handed back.
    fn close_generator(&mut self) -> Option<Payload> {
        let generator = &mut self.generator;
        catch_unwind(AssertUnwindSafe(|| drop(generator.resume(Resume::Close)))).err()
    }

    /// What the step's yield or end means for the task.
    #[inline(never)]
    fn settle(
        &mut self,
        core: &Core,
        outcome: crate::generator::Outcome<Request, G::Return, TaskError>,
    ) -> Status {
        match outcome {
            Ok(GeneratorState::Yielded(Request::Yield)) => Status::Yielded,
            Ok(GeneratorState::Yielded(Request::Sleep(pause))) => sleep_status(core, pause),
            Ok(GeneratorState::Yielded(Request::Await(awaited))) => self.await_future(awaited),
            Ok(GeneratorState::Complete(value)) => self.finish(Ok(value)),
            Err(Exception::Raised(error)) => self.finish(Err(error)),
            // Only a closed generator raises GeneratorExit, and the loop
            // closes a task only when it lets it go.
            Err(Exception::GeneratorExit) => self.finish(Err(TaskError::cancelled())),
        }
    }

    /// The generator returned or raised: the task's future is done.
    fn finish(&mut self, outcome: Result<G::Return, TaskError>) -> Status {
        let shared = &self.shared;
        let future = shared.future();
        let kind = match outcome {
            // "Task is cancelled right before coro stops."
            Ok(_) if shared.take_must_cancel() => {
                future.cancel_future(shared, future.cancel_message());
                Outcome::Cancelled
            }
            Ok(value) => {
                let _ = future.set_result(shared, value);
                Outcome::Returned
            }
            Err(TaskError::Cancelled(error)) => {
                future.set_cancelled_exc(error);
                future.cancel_future(shared, None);
                Outcome::Cancelled
            }
            Err(error) => {
                let _ = future.set_exception(shared, error);
                Outcome::Raised
            }
        };
        Status::Finished(kind)
    }
}

impl<G> TaskDyn for TaskCell<G>
where
    G: Generator<Yield = Request, Error = TaskError>,
    G::Return: 'static,
{
    #[inline]
    fn step(&mut self, core: &Core, slot: u32) -> Status {
        if self.flags != 0 {
            return self.wake(core, slot);
        }
        core.set_current(slot);
        match self.generator.resume(Resume::Next) {
            Ok(GeneratorState::Yielded(Request::Yield)) => Status::Yielded,
            // No call on the path above: the switch needs no stack frame.
            other => self.settle(core, other),
        }
    }

    fn sleeping(&mut self, token: u32) {
        self.flags |= WAITING;
        let state = SleepState::Pending;
        self.shared.set_waiter(Waiter::Sleep { token, state });
        if self.shared.must_cancel() {
            let message = self.shared.future().cancel_message();
            if self.shared.cancel_waiter(message) {
                self.shared.take_must_cancel();
            }
        }
    }

    fn sleep_done(&mut self, token: u32) {
        self.shared.sleep_done(token);
    }

    fn mark_cancel(&mut self) {
        self.flags |= CANCEL;
    }

    fn close(&mut self) -> Option<Payload> {
        let panic = self.close_generator();
        self.shared.take_waiter();
        let future = self.shared.future();
        future.cancel_future(&self.shared, None);
        panic
    }

    fn fail(&mut self, error: TaskError) {
        // The step's own panic is the one that counts.
        drop(self.close_generator());
        self.flags = 0;
        self.shared.take_waiter();
        self.shared.take_must_cancel();
        let _ = self.shared.future().set_exception(&self.shared, error);
    }

    fn number(&self) -> u64 {
        self.shared.number()
    }

    fn info(&self) -> Rc<dyn TaskInfo> {
        Rc::clone(&self.shared) as Rc<dyn TaskInfo>
    }
}

/// `asyncio.sleep(0)` is a bare `yield`.
#[inline]
fn sleep_status(core: &Core, pause: Duration) -> Status {
    if pause.is_zero() {
        Status::Yielded
    } else {
        core.set_sleep(pause);
        Status::Sleep
    }
}
