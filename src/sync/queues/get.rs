//! [`Get`]: `await queue.get()`.

use core::fmt;

use super::queue::{leave_and_pass_on, Shared};
use crate::generator::{Generator, Outcome, Resume};
use crate::scheduler::{Promise, Request, TaskError};
use crate::sync::waiter::{join_line, Line, Waiter};

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
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct Get<T> {
    waiter: Waiter<GetLine<T>>,
}

/// The getters' line of a queue, as one get sees it.
struct GetLine<T> {
    state: Shared<T>,
}

impl<T> Get<T> {
    pub(super) fn new(state: Shared<T>) -> Self {
        Get {
            waiter: Waiter::new(GetLine { state }),
        }
    }
}

impl<T> Line for GetLine<T> {
    const AWAITABLE: &'static str = "Get";
    type Wake = ();
    type Return = T;

    #[inline]
    fn try_now(&mut self) -> Option<T> {
        // while self.empty(): ...; return self.get_nowait()
        self.state.borrow_mut().get_nowait().ok()
    }

    fn join(&mut self) -> Promise<()> {
        let mut state = self.state.borrow_mut();
        join_line(state.blocker, &mut state.getters)
    }

    /// Look again: `_wakeup_next` took the getter out of the line.
    fn woken(&mut self, _getter: &Promise<()>) -> Option<T> {
        None
    }

    /// The `except:` around `await getter`.
    fn give_up(&mut self, getter: &Promise<()>) {
        let Ok(mut state) = self.state.try_borrow_mut() else {
            return;
        };
        let item_left = !state.empty();
        leave_and_pass_on(&mut state.getters, getter, item_left);
    }
}

impl<T> Generator for Get<T> {
    type Yield = Request;
    type Return = T;
    type Error = TaskError;

    #[inline]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, T, TaskError> {
        self.waiter.resume(input)
    }
}

impl<T> fmt::Debug for Get<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Get");
        if let Ok(state) = self.waiter.line().state.try_borrow() {
            out.field("queue", &format_args!("{}", state.blocker));
        }
        out.field("stage", &self.waiter.stage()).finish()
    }
}
