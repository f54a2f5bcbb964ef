//! [`QueueJoin`]: `await queue.join()`.

use core::fmt;

use super::queue::Shared;
use crate::generator::{Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{Request, TaskError};
use crate::sync::EventWait;

/// The awaitable of [`Queue::join`](super::Queue::join): `await
/// queue.join()`, which is
///
/// ```python
/// if self._unfinished_tasks > 0:
///     await self._finished.wait()
/// ```
///
/// `_finished` is an [`Event`](crate::sync::Event) set when the count of
/// unfinished items drops to zero: every joiner is woken, and returns even
/// if new items are put before it runs. Reports name the queue.
///
/// ```
/// use resumable::{sync::Queue, Generator, GeneratorState::Complete};
///
/// let queue: Queue<u8> = Queue::new(0);
/// assert_eq!(queue.join().next().ok(), Some(Complete(()))); // nothing put
/// ```
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct QueueJoin<T> {
    state: Shared<T>,
    stage: Stage,
}

enum Stage {
    Start,
    Waiting(EventWait),
    Done,
}

impl<T> QueueJoin<T> {
    pub(super) fn new(state: Shared<T>) -> Self {
        QueueJoin {
            state,
            stage: Stage::Start,
        }
    }
}

impl<T> Generator for QueueJoin<T> {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        let input = match &self.stage {
            Stage::Start => {
                input.sent()?;
                let state = self.state.borrow();
                if state.unfinished == 0 {
                    drop(state);
                    self.stage = Stage::Done;
                    return Ok(GeneratorState::Complete(()));
                }
                let wait = state.finished.wait();
                drop(state);
                self.stage = Stage::Waiting(wait);
                Resume::Next
            }
            Stage::Waiting(_) => input,
            Stage::Done => panic!("`QueueJoin` resumed after it finished"),
        };
        let Stage::Waiting(wait) = &mut self.stage else {
            unreachable!("waiting from here on");
        };
        let outcome = wait.resume(input);
        if !matches!(outcome, Ok(GeneratorState::Yielded(_))) {
            self.stage = Stage::Done;
        }
        outcome
    }
}

impl<T> fmt::Debug for QueueJoin<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = match self.stage {
            Stage::Start => "start",
            Stage::Waiting(_) => "waiting",
            Stage::Done => "done",
        };
        let mut out = f.debug_struct("QueueJoin");
        if let Ok(state) = self.state.try_borrow() {
            out.field("queue", &format_args!("{}", state.blocker));
        }
        out.field("stage", &stage).finish()
    }
}
