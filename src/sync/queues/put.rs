//! [`Put`]: `await queue.put(item)`.

use core::fmt;

use super::queue::{wakeup_next, Shared};
use super::QueueFull;
use crate::generator::{Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{Promise, PromiseWait, Request, TaskError};

/// The awaitable of [`Queue::put`](super::Queue::put): `await
/// queue.put(item)`. This Python:
///
/// ```python
/// while self.full():
///     putter = self._get_loop().create_future()
///     self._putters.append(putter)
///     try:
///         await putter
///     except:
///         putter.cancel()  # Just in case putter is not done yet.
///         try:
///             self._putters.remove(putter)
///         except ValueError:
///             pass
///         if not self.full() and not putter.cancelled():
///             self._wakeup_next(self._putters)
///         raise
/// return self.put_nowait(item)
/// ```
///
/// Woken, it looks again: if another task filled the slot in between, it
/// queues again, at the back. Its `except:` runs for every way out,
/// closing and dropping included; the item is then not put, and goes with
/// the awaitable unless taken back with [`into_item`](Put::into_item).
///
/// ```
/// use resumable::{sync::Queue, Generator, GeneratorState::Complete};
///
/// let queue = Queue::new(0);
/// assert_eq!(queue.put(1).next().ok(), Some(Complete(()))); // room: put at once
/// assert_eq!(queue.len(), 1);
/// ```
#[must_use = "an awaitable does nothing until a task delegates to it with `yield_from!`"]
pub struct Put<T> {
    state: Shared<T>,
    /// The item, until it is put.
    item: Option<T>,
    stage: Stage,
}

enum Stage {
    Start,
    /// In the putters' line, awaiting this future.
    Waiting(Promise<()>, PromiseWait<()>),
    Done,
}

impl<T> Put<T> {
    pub(super) fn new(state: Shared<T>, item: T) -> Self {
        Put {
            state,
            item: Some(item),
            stage: Stage::Start,
        }
    }

    /// The item, if it was not put, taking the awaitable apart (it leaves
    /// the line, as a drop does). `None` once the item is in the queue.
    ///
    /// ```
    /// use resumable::sync::Queue;
    ///
    /// let queue = Queue::new(0);
    /// assert_eq!(queue.put("kept").into_item(), Some("kept"));
    /// assert!(queue.is_empty());
    /// ```
    pub fn into_item(mut self) -> Option<T> {
        if let Stage::Waiting(putter, _) = &self.stage {
            let putter = putter.clone();
            self.stage = Stage::Done;
            self.give_up(&putter);
        }
        self.item.take()
    }

    /// The `except:` around `await putter`.
    fn give_up(&self, putter: &Promise<()>) {
        let Ok(mut state) = self.state.try_borrow_mut() else {
            return;
        };
        putter.cancel();
        if let Some(at) = state.putters.iter().position(|own| own == putter) {
            state.putters.remove(at);
        }
        if !state.full() && !putter.cancelled() {
            // Woken by a get, but leaving: wake the next in line.
            wakeup_next(&mut state.putters);
        }
    }
}

impl<T> Generator for Put<T> {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        loop {
            match &mut self.stage {
                Stage::Start => {
                    if let Err(exception) = input.sent() {
                        self.stage = Stage::Done;
                        return Err(exception);
                    }
                }
                Stage::Waiting(putter, wait) => match wait.resume(input) {
                    Ok(GeneratorState::Yielded(request)) => {
                        return Ok(GeneratorState::Yielded(request))
                    }
                    Ok(GeneratorState::Complete(())) => {}
                    Err(exception) => {
                        let putter = putter.clone();
                        self.stage = Stage::Done;
                        self.give_up(&putter);
                        return Err(exception);
                    }
                },
                Stage::Done => panic!("`Put` resumed after it finished"),
            }
            // while self.full(): ...; return self.put_nowait(item)
            let mut state = self.state.borrow_mut();
            let item = self
                .item
                .take()
                .expect("a put holds its item until it is put");
            let Err(QueueFull(item)) = state.put_nowait(item) else {
                self.stage = Stage::Done;
                return Ok(GeneratorState::Complete(()));
            };
            self.item = Some(item);
            let putter = Promise::labelled(state.blocker);
            state.putters.push_back(putter.clone());
            let wait = putter.wait();
            self.stage = Stage::Waiting(putter, wait);
            input = Resume::Next;
        }
    }
}

impl<T> Drop for Put<T> {
    /// Runs the `except:`, as a close does.
    fn drop(&mut self) {
        if let Stage::Waiting(putter, _) = &self.stage {
            self.give_up(putter);
        }
    }
}

impl<T> fmt::Debug for Put<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = match self.stage {
            Stage::Start => "start",
            Stage::Waiting(..) => "waiting",
            Stage::Done => "done",
        };
        let mut out = f.debug_struct("Put");
        if let Ok(state) = self.state.try_borrow() {
            out.field("queue", &format_args!("{}", state.blocker));
        }
        out.field("stage", &stage).finish_non_exhaustive()
    }
}
