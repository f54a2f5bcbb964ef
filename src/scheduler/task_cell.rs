//! The loop's side of a task: the generator, boxed and owned by its slot.
//!
//! The loop is the only one that resumes a task, so it owns it outright: no
//! `Rc`, no `RefCell` flag to check on every switch. The handle's side (the
//! outcome and the flags `done()` reads) is a separate [`Shared`] cell, made
//! at spawn for the handle and let go as soon as nobody holds the handle.

use alloc::rc::Rc;

use super::core::Core;
use super::task::{Shared, SharedTask};
use super::trace::Outcome;
use super::{Request, TaskError};
use crate::generator::{Exception, Generator, GeneratorState, Resume};

/// How a step ended, as the loop needs to know it.
pub(crate) enum Step {
    Suspended(Request),
    Finished(Outcome),
}

/// How a step ended, in one register: the loop's hot path needs no more.
/// The request of a `Suspended` step waits in `Core::suspended`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Status {
    /// Yielded to let the others run (`Request::Yield`, or a zero sleep).
    Yielded,
    Suspended,
    /// The outcome is delivered to the handle (if any) already.
    Finished(Outcome),
}

/// The loop's view of a task, whatever its types.
pub(crate) trait TaskDyn {
    /// Resumes the task once, as the task in `slot` of `core`.
    fn step(&mut self, core: &Core, slot: u32) -> Status;
    fn number(&self) -> u64;
    /// Throws [`TaskError::Cancelled`] into the task at its next step.
    fn request_cancel(&mut self);
    /// Python's `close()` on a task the loop is dropped with.
    fn close(&mut self);
    /// The handle's side, if a handle is held or an error waits for one.
    fn shared(&self) -> Option<Rc<dyn SharedTask>>;
    /// Takes a cancellation asked for before the loop admitted the task,
    /// and lets go of the handle's side if no handle holds it any more.
    fn settle_handle(&mut self);
}

/// The task number, with the top bit saying a cancellation is pending:
/// one word instead of two in every boxed task.
#[derive(Clone, Copy)]
struct Tag(u64);

impl Tag {
    const CANCEL: u64 = 1 << 63;

    fn number(self) -> u64 {
        self.0 & !Self::CANCEL
    }

    fn set_cancel(&mut self) {
        self.0 |= Self::CANCEL;
    }

    /// Whether a cancellation was pending; it is not any more.
    #[inline]
    fn take_cancel(&mut self) -> bool {
        // No store on the usual path: the tag is read on every switch.
        if self.0 & Self::CANCEL == 0 {
            return false;
        }
        self.0 &= !Self::CANCEL;
        true
    }
}

pub(crate) struct TaskCell<G: Generator> {
    tag: Tag,
    shared: Option<Rc<Shared<G::Return>>>,
    generator: G,
}

impl<G> TaskCell<G>
where
    G: Generator<Yield = Request, Error = TaskError>,
{
    pub(crate) fn new(generator: G, shared: Rc<Shared<G::Return>>) -> Self {
        let number = shared.meta().number();
        assert!(number & Tag::CANCEL == 0, "more than 2^63 tasks spawned");
        TaskCell {
            tag: Tag(number),
            shared: Some(shared),
            generator,
        }
    }

    /// Hands the outcome to the handle. An error with no handle to take it
    /// gets a cell of its own, so the loop can report it as never retrieved.
    fn deliver(&mut self, outcome: Result<G::Return, TaskError>) -> Outcome {
        let kind = match &outcome {
            Ok(_) => Outcome::Returned,
            Err(TaskError::Cancelled) => Outcome::Cancelled,
            Err(_) => Outcome::Raised,
        };
        if self.shared.is_none() && kind == Outcome::Raised {
            self.shared = Some(Rc::new(Shared::new(self.tag.number())));
        }
        if let Some(shared) = &self.shared {
            shared.deliver(outcome);
        }
        kind
    }
}

impl<G> TaskDyn for TaskCell<G>
where
    G: Generator<Yield = Request, Error = TaskError>,
    G::Return: 'static,
{
    #[inline]
    fn step(&mut self, core: &Core, slot: u32) -> Status {
        core.current.set((slot, self.tag.number()));
        let input = if self.tag.take_cancel() {
            Resume::Throw(TaskError::Cancelled)
        } else {
            Resume::Next
        };
        let outcome = match self.generator.resume(input) {
            Ok(GeneratorState::Yielded(Request::Yield)) => return Status::Yielded,
            Ok(GeneratorState::Yielded(Request::Sleep(pause))) if pause.is_zero() => {
                return Status::Yielded;
            }
            Ok(GeneratorState::Yielded(request)) => {
                core.suspended.set(Some(request));
                return Status::Suspended;
            }
            Ok(GeneratorState::Complete(value)) => Ok(value),
            Err(Exception::Raised(error)) => Err(error),
            // Only a closed generator raises GeneratorExit, and the loop
            // closes a task only when it drops it.
            Err(Exception::GeneratorExit) => Err(TaskError::Cancelled),
        };
        Status::Finished(self.deliver(outcome))
    }

    fn number(&self) -> u64 {
        self.tag.number()
    }

    fn request_cancel(&mut self) {
        self.tag.set_cancel();
    }

    fn close(&mut self) {
        // What the generator does in its `finally:` is all we want; an
        // error it raises while closing has nobody left to go to.
        let _ = self.generator.resume(Resume::Close);
        self.deliver(Err(TaskError::Cancelled));
    }

    fn shared(&self) -> Option<Rc<dyn SharedTask>> {
        let shared = self.shared.as_ref()?;
        Some(Rc::clone(shared) as Rc<dyn SharedTask>)
    }

    fn settle_handle(&mut self) {
        let Some(shared) = &self.shared else { return };
        if shared.meta().take_cancel_request() {
            self.tag.set_cancel();
        }
        if Rc::strong_count(shared) == 1 {
            self.shared = None;
        }
    }
}
