//! [`Waiter`]: one task's turn at a primitive, the awaitable that
//! `asyncio/locks.py` and `asyncio/queues.py` spell out in every `acquire`,
//! `wait`, `get` and `put`:
//!
//! ```python
//! if <it can be done at once>:
//!     return <do it>
//! fut = self._get_loop().create_future()
//! self._waiters.append(fut)
//! try:
//!     await fut
//! finally:                        # `except:` in the queues
//!     self._waiters.remove(fut)
//!     <pass the wake-up on if it goes unused>
//! return <take what it waited for> # the queues look again instead
//! ```
//!
//! The primitive fills in the parts in angle brackets through [`Line`];
//! the rest, and leaving the line when the awaitable is dropped, is here.

use alloc::collections::VecDeque;
use core::mem;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{Blocker, Promise, PromiseWait, Request, TaskError};

/// What differs between the primitives' waits: a primitive's line, as one
/// waiter in it sees it.
pub(super) trait Line {
    /// The public awaitable's name, for the panic when it is resumed after
    /// it finished.
    const AWAITABLE: &'static str;
    /// What the futures in the line are set to when a waiter is woken.
    type Wake: Clone + 'static;
    /// What the awaitable returns.
    type Return;

    /// Does it at once, without waiting, if it can.
    fn try_now(&mut self) -> Option<Self::Return>;

    /// Puts a new future at the back of the line, and returns it (usually
    /// with [`join_line`]).
    fn join(&mut self) -> Promise<Self::Wake>;

    /// `await fut` returned: takes what it waited for, or `None` to look
    /// again with [`try_now`](Line::try_now) (and wait anew if someone was
    /// quicker).
    fn woken(&mut self, future: &Promise<Self::Wake>) -> Option<Self::Return>;

    /// Leaves the line without taking anything: `await fut` raised, the
    /// awaitable was closed, or it was dropped while it waited. Where the
    /// primitive needs it, passes on a wake-up it had been given, so that
    /// nobody is left asleep for it. Must not panic: it runs in `drop`.
    fn give_up(&mut self, future: &Promise<Self::Wake>);
}

/// `fut = self._get_loop().create_future(); self._waiters.append(fut)`:
/// the future is named after the primitive, so a deadlock report says what
/// each task waits for.
pub(super) fn join_line<W: 'static>(
    blocker: Blocker,
    line: &mut VecDeque<Promise<W>>,
) -> Promise<W> {
    let future = Promise::labelled(blocker);
    line.push_back(future.clone());
    future
}

/// `self._waiters.remove(fut)`, for a future that may be out of the line
/// already (the queues' `except ValueError: pass`).
pub(super) fn leave_line<W>(line: &mut VecDeque<Promise<W>>, future: &Promise<W>) {
    if let Some(at) = line.iter().position(|own| own == future) {
        line.remove(at);
    }
}

/// The awaitable of a wait at a primitive: tries at once, else waits in
/// the primitive's line (see the module).
pub(super) struct Waiter<L: Line> {
    /// The primitive's part.
    line: L,
    /// Where the wait is.
    stage: Stage<L::Wake>,
}

/// Where a [`Waiter`] is.
enum Stage<W> {
    /// Not resumed yet.
    Start,
    /// In line, awaiting this future.
    Waiting(Promise<W>, PromiseWait<W>),
    /// Returned, raised or closed.
    Done,
}

impl<L: Line> Waiter<L> {
    /// A wait at `line`, not started.
    pub(super) fn new(line: L) -> Self {
        Waiter {
            line,
            stage: Stage::Start,
        }
    }

    /// The primitive's part.
    pub(super) fn line(&self) -> &L {
        &self.line
    }

    /// The primitive's part, to take something back from it.
    pub(super) fn line_mut(&mut self) -> &mut L {
        &mut self.line
    }

    /// `start`, `waiting` or `done`, for the awaitables' `Debug`.
    pub(super) fn stage(&self) -> &'static str {
        match self.stage {
            Stage::Start => "start",
            Stage::Waiting(..) => "waiting",
            Stage::Done => "done",
        }
    }

    /// Ends the wait as a close does: if in line, leaves it through
    /// [`Line::give_up`].
    pub(super) fn give_up(&mut self) {
        if let Stage::Waiting(future, _) = mem::replace(&mut self.stage, Stage::Done) {
            self.line.give_up(&future);
        }
    }

    /// Finishes with `value`.
    fn complete(&mut self, value: L::Return) -> Outcome<Request, L::Return, TaskError> {
        self.stage = Stage::Done;
        Ok(GeneratorState::Complete(value))
    }

    /// Resumes the `await fut`: `Some` when the wait is over, `None` to
    /// look again.
    fn wait(
        &mut self,
        input: Resume<(), TaskError>,
    ) -> Option<Outcome<Request, L::Return, TaskError>> {
        let Stage::Waiting(future, wait) = &mut self.stage else {
            unreachable!("only a waiter in line waits");
        };
        // try: await fut
        match wait.resume(input) {
            Ok(GeneratorState::Yielded(request)) => Some(Ok(GeneratorState::Yielded(request))),
            Ok(GeneratorState::Complete(_)) => {
                let value = self.line.woken(future)?;
                Some(self.complete(value))
            }
            Err(exception) => {
                self.give_up();
                Some(Err(exception))
            }
        }
    }
}

impl<L: Line> Generator for Waiter<L> {
    type Yield = Request;
    type Return = L::Return;
    type Error = TaskError;

    /// The wait that need not wait (a free lock, a set event, an item in
    /// the queue) is inlined into the task that awaits it; the rest of the
    /// protocol is out of line.
    #[inline]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, L::Return, TaskError> {
        let plain = matches!(input, Resume::Next | Resume::Send(()));
        if plain && matches!(self.stage, Stage::Start) {
            if let Some(value) = self.line.try_now() {
                return self.complete(value);
            }
            return self.resume_slow(input, true);
        }
        self.resume_slow(input, false)
    }
}

impl<L: Line> Waiter<L> {
    /// `resume`, past the fast path; `tried` says `try_now` just failed.
    #[inline(never)]
    fn resume_slow(
        &mut self,
        mut input: Resume<(), TaskError>,
        mut tried: bool,
    ) -> Outcome<Request, L::Return, TaskError> {
        loop {
            match self.stage {
                Stage::Start => {
                    if let Err(exception) = input.sent() {
                        self.stage = Stage::Done;
                        return Err(exception);
                    }
                }
                Stage::Waiting(..) => {
                    if let Some(outcome) = self.wait(input) {
                        return outcome;
                    }
                }
                Stage::Done => panic!("`{}` resumed after it finished", L::AWAITABLE),
            }
            if !mem::take(&mut tried) {
                if let Some(value) = self.line.try_now() {
                    return self.complete(value);
                }
            }
            // fut = self._get_loop().create_future(); self._waiters.append(fut)
            let future = self.line.join();
            let wait = future.wait();
            self.stage = Stage::Waiting(future, wait);
            input = Resume::Next;
        }
    }
}

impl<L: Line> Drop for Waiter<L> {
    /// Leaves the line, as a close does.
    #[inline]
    fn drop(&mut self) {
        if matches!(self.stage, Stage::Waiting(..)) {
            self.give_up();
        }
    }
}
