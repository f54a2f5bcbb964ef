//! [`Get`]: `await queue.get()`.

use core::fmt;

use super::queue::{wakeup_next, Shared};
use crate::generator::{Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{Promise, PromiseWait, Request, TaskError};

/// The awaitable of [`Queue::get`](super::Queue::get): `await queue.get()`,
/// which returns the item. This Python:
///
/// ```python
/// while self.empty():
///     getter = self._get_loop().create_future()
///     self._getters.append(getter)
///     try:
///         await getter
///     except:
///         getter.cancel()  # Just in case getter is not done yet.
///         try:
///             self._getters.remove(getter)
///         except ValueError:
///             pass
///         if not self.empty() and not getter.cancelled():
///             self._wakeup_next(self._getters)
///         raise
/// return self.get_nowait()
/// ```
///
/// Woken, it looks again: if another task took the item in between, it
/// queues again, at the back. Its `except:` runs for every way out,
/// closing and dropping included.
///
/// ```
/// use resumable::{sync::Queue, Generator, GeneratorState::Complete};
///
/// let queue = Queue::new(0);
/// assert_eq!(queue.try_put('a'), Ok(()));
/// assert_eq!(queue.get().next().ok(), Some(Complete('a')));
/// ```
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct Get<T> {
    state: Shared<T>,
    stage: Stage,
}

enum Stage {
    Start,
    /// In the getters' line, awaiting this future.
    Waiting(Promise<()>, PromiseWait<()>),
    Done,
}

impl<T> Get<T> {
    pub(super) fn new(state: Shared<T>) -> Self {
        Get {
            state,
            stage: Stage::Start,
        }
    }

    /// The `except:` around `await getter`.
    fn give_up(&self, getter: &Promise<()>) {
        let Ok(mut state) = self.state.try_borrow_mut() else {
            return;
        };
        getter.cancel();
        if let Some(at) = state.getters.iter().position(|own| own == getter) {
            state.getters.remove(at);
        }
        if !state.empty() && !getter.cancelled() {
            // Woken by a put, but leaving: wake the next in line.
            wakeup_next(&mut state.getters);
        }
    }
}

impl<T> Generator for Get<T> {
    type Yield = Request;
    type Return = T;
    type Error = TaskError;

    fn resume(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, T, TaskError> {
        loop {
            match &mut self.stage {
                Stage::Start => {
                    if let Err(exception) = input.sent() {
                        self.stage = Stage::Done;
                        return Err(exception);
                    }
                }
                Stage::Waiting(getter, wait) => match wait.resume(input) {
                    Ok(GeneratorState::Yielded(request)) => {
                        return Ok(GeneratorState::Yielded(request))
                    }
                    Ok(GeneratorState::Complete(())) => {}
                    Err(exception) => {
                        let getter = getter.clone();
                        self.stage = Stage::Done;
                        self.give_up(&getter);
                        return Err(exception);
                    }
                },
                Stage::Done => panic!("`Get` resumed after it finished"),
            }
            // while self.empty(): ...; return self.get_nowait()
            let mut state = self.state.borrow_mut();
            if let Ok(item) = state.get_nowait() {
                self.stage = Stage::Done;
                return Ok(GeneratorState::Complete(item));
            }
            let getter = Promise::labelled(state.blocker);
            state.getters.push_back(getter.clone());
            let wait = getter.wait();
            self.stage = Stage::Waiting(getter, wait);
            input = Resume::Next;
        }
    }
}

impl<T> Drop for Get<T> {
    /// Runs the `except:`, as a close does.
    fn drop(&mut self) {
        if let Stage::Waiting(getter, _) = &self.stage {
            self.give_up(getter);
        }
    }
}

impl<T> fmt::Debug for Get<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = match self.stage {
            Stage::Start => "start",
            Stage::Waiting(..) => "waiting",
            Stage::Done => "done",
        };
        let mut out = f.debug_struct("Get");
        if let Ok(state) = self.state.try_borrow() {
            out.field("queue", &format_args!("{}", state.blocker));
        }
        out.field("stage", &stage).finish()
    }
}
