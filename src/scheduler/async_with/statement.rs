//! [`async_with`] and [`AsyncWith`]: the statement itself, PEP 492's
//! expansion as a state machine.

use core::fmt;
use core::mem;

use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};
use crate::scheduler::{Request, TaskError};

use super::{AsyncContextManager, Leaving, Suppress};

/// `async with manager as value: body`: awaits `manager`'s `__aenter__`,
/// then the body that `body(value)` makes, then `__aexit__` on every way
/// out of the body.
///
/// `body` runs right after entering, in the same step: it is the block's
/// code up to its first `await`, and the awaitable it returns is the rest.
/// The statement's value is the body's (see [`Suppress`] for managers that
/// can swallow an error). Everything it awaits runs inline, in the task
/// that delegates to it with [`yield_from!`](crate::yield_from!).
///
/// This is PEP 492's expansion, and each of its lines is a stage of
/// [`AsyncWith`]:
///
/// ```python
/// value = await manager.__aenter__()      # raises? no body, no __aexit__
/// try:
///     body(value)                         # the awaitable the closure returns
/// except BaseException as e:              # an error, a CancelledError, GeneratorExit
///     if not await manager.__aexit__(type(e), e, e.__traceback__):
///         raise                           # __aexit__ raising replaces e
/// else:
///     await manager.__aexit__(None, None, None)
/// ```
///
/// # Examples
///
/// `async with lock:` around a body that awaits, three times at once: the
/// lock is released on the way out of each, so each waits its turn.
///
/// ```python
/// async def worker(lock, name):
///     async with lock:
///         print(f"{name} in")
///         await asyncio.sleep(1)
/// ```
///
/// ```
/// use std::time::Duration;
/// use resumable::scheduler::{async_with, gather, sleep, Runtime};
/// use resumable::sync::Lock;
///
/// let lock = Lock::new();
/// let worker = |name| {
///     async_with(lock.clone(), move |()| {
///         println!("{name} in");
///         sleep(Duration::from_secs(1))
///     })
/// };
/// let mut rt = Runtime::new();
/// rt.run(gather([worker("a"), worker("b"), worker("c")])).unwrap();
/// assert_eq!(rt.time(), Duration::from_secs(3)); // one at a time
/// assert!(!lock.locked()); // released by each
/// ```
///
/// [`AsyncContextManager::with`] is the same as a method:
/// `lock.clone().with(|()| body)`.
///
/// # Cancel safety
///
/// A cancellation (or any error) thrown in goes where the statement waits:
/// into `__aenter__`'s awaitable (which gives up what it waited for; the
/// body and `__aexit__` never run), into the body (then `__aexit__` runs
/// and sees it), or into `__aexit__`'s awaitable (its error, the
/// cancellation if it lets it out, replaces the body's outcome, as in
/// Python).
///
/// # Closing
///
/// A task that is closed cannot wait any more (see the crate's design
/// notes, "Closing cannot wait"). A close that reaches the body gives
/// `__aexit__` [`Leaving::Closed`] and runs its awaitable's first step: a
/// lock's release happens there. If that awaitable would wait, it is
/// closed instead (Python raises "coroutine ignored GeneratorExit" there
/// and closes it later), and the statement lets `GeneratorExit` out. A
/// close while `__aenter__` waits closes it, and exits at once if it
/// entered anyway.
///
/// Dropping a suspended `AsyncWith` runs none of this, as dropping any
/// generator runs none of its code: `close_on_drop()` gives Python's
/// behaviour, and a [`Runtime`](crate::scheduler::Runtime) closes the
/// tasks it still has when it ends.
pub fn async_with<M, F, B>(manager: M, body: F) -> AsyncWith<M, F, B>
where
    M: AsyncContextManager,
    F: FnOnce(M::Value) -> B,
    B: Generator<Yield = Request, Error = TaskError>,
{
    AsyncWith {
        manager,
        stage: Stage::Start(body),
    }
}

/// The awaitable of [`async_with`] and [`AsyncContextManager::with`]: an
/// `async with` statement.
///
/// This `struct` is created by the [`async_with`] function. See its
/// documentation for more.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct AsyncWith<M, F, B>
where
    M: AsyncContextManager,
    B: Generator,
{
    manager: M,
    stage: Stage<M, F, B>,
}

enum Stage<M: AsyncContextManager, F, B: Generator> {
    /// Not started: nothing entered yet.
    Start(F),
    /// `await manager.__aenter__()`.
    Entering(M::Enter, F),
    /// The block.
    Body(B),
    /// `await manager.__aexit__(...)`, with what the body left with.
    Exiting {
        exit: M::Exit,
        leaving: Leaving,
        value: Option<B::Return>,
    },
    Done,
}

impl<M, F, B> AsyncWith<M, F, B>
where
    M: AsyncContextManager,
    F: FnOnce(M::Value) -> B,
    B: Generator<Yield = Request, Error = TaskError>,
    <M::Exit as Generator>::Return: Suppress<B::Return>,
{
    /// The manager: after the statement, what it holds (a `Connection`'s
    /// state, a timeout's `expired()`).
    pub fn manager(&self) -> &M {
        &self.manager
    }

    /// The body has left: make `__aexit__`'s awaitable.
    fn leave(&mut self, leaving: Leaving, value: Option<B::Return>) {
        let exit = self.manager.aexit(&leaving);
        self.stage = Stage::Exiting {
            exit,
            leaving,
            value,
        };
    }

    /// `__aexit__` returned `verdict`: what the statement ends with.
    fn finish(&mut self, verdict: ExitReturn<M>) -> Step<M, B> {
        let Stage::Exiting { leaving, value, .. } = mem::replace(&mut self.stage, Stage::Done)
        else {
            unreachable!("finishing after the exit");
        };
        let raised = match leaving {
            Leaving::Returned => {
                let value = value.expect("a body that returned left its value");
                let value = <ExitReturn<M> as Suppress<B::Return>>::returned(value);
                return Ok(GeneratorState::Complete(value));
            }
            Leaving::Raised(error) => Exception::Raised(error),
            Leaving::Closed => Exception::GeneratorExit,
        };
        match verdict.suppressed() {
            Some(swallowed) => Ok(GeneratorState::Complete(swallowed)),
            None => Err(raised),
        }
    }
}

/// What one step of the statement ends with.
type Step<M, B> = Outcome<Request, Value<M, B>, TaskError>;

/// The statement's value: the body's, or `Option` of it if the exit may
/// swallow an error.
type Value<M, B> = <ExitReturn<M> as Suppress<<B as Generator>::Return>>::Output;

/// What `__aexit__`'s awaitable returns: `()` or `bool`.
type ExitReturn<M> = <<M as AsyncContextManager>::Exit as Generator>::Return;

impl<M, F, B> Generator for AsyncWith<M, F, B>
where
    M: AsyncContextManager,
    F: FnOnce(M::Value) -> B,
    B: Generator<Yield = Request, Error = TaskError>,
    <M::Exit as Generator>::Return: Suppress<B::Return>,
{
    type Yield = Request;
    type Return = Value<M, B>;
    type Error = TaskError;

    /// # Panics
    ///
    /// If it is resumed after it finished.
    fn resume(&mut self, mut input: Resume<(), TaskError>) -> Step<M, B> {
        // A close must finish the statement in this step: nothing may wait.
        let closing = matches!(input, Resume::Close);
        loop {
            match &mut self.stage {
                Stage::Start(_) => {
                    // Thrown in before it started: raised before any code.
                    if let Err(exception) = input.sent() {
                        self.stage = Stage::Done;
                        return Err(exception);
                    }
                    let Stage::Start(body) = mem::replace(&mut self.stage, Stage::Done) else {
                        unreachable!("just matched");
                    };
                    self.stage = Stage::Entering(self.manager.aenter(), body);
                }
                Stage::Entering(enter, _) => match enter.resume(input) {
                    Ok(GeneratorState::Yielded(request)) => {
                        return Ok(GeneratorState::Yielded(request))
                    }
                    Ok(GeneratorState::Complete(value)) => {
                        let Stage::Entering(_, body) = mem::replace(&mut self.stage, Stage::Done)
                        else {
                            unreachable!("just matched");
                        };
                        self.stage = Stage::Body(body(value));
                        // Entered while being closed: the body starts closed.
                        if closing {
                            input = Resume::Close;
                            continue;
                        }
                    }
                    Err(exception) => {
                        // `__aenter__` raised: no body, no `__aexit__`.
                        self.stage = Stage::Done;
                        return Err(exception);
                    }
                },
                Stage::Body(body) => match body.resume(input) {
                    Ok(GeneratorState::Yielded(request)) => {
                        return Ok(GeneratorState::Yielded(request))
                    }
                    Ok(GeneratorState::Complete(value)) => {
                        self.leave(Leaving::Returned, Some(value))
                    }
                    Err(Exception::Raised(error)) => self.leave(Leaving::Raised(error), None),
                    Err(Exception::GeneratorExit) => self.leave(Leaving::Closed, None),
                },
                Stage::Exiting { exit, .. } => match exit.resume(input) {
                    Ok(GeneratorState::Yielded(_)) if closing => {
                        // The exit would wait while the task is closed: it
                        // is closed instead, and so is the statement.
                        let closed = exit.resume(Resume::Close);
                        self.stage = Stage::Done;
                        return match closed {
                            Err(Exception::Raised(error)) => Err(Exception::Raised(error)),
                            _ => Err(Exception::GeneratorExit),
                        };
                    }
                    Ok(GeneratorState::Yielded(request)) => {
                        return Ok(GeneratorState::Yielded(request))
                    }
                    Ok(GeneratorState::Complete(verdict)) => return self.finish(verdict),
                    Err(exception) => {
                        // `__aexit__` raised: its error replaces the body's.
                        self.stage = Stage::Done;
                        return Err(exception);
                    }
                },
                Stage::Done => panic!("`AsyncWith` resumed after it finished"),
            }
            input = Resume::Next;
        }
    }
}

impl<M, F, B> fmt::Debug for AsyncWith<M, F, B>
where
    M: AsyncContextManager,
    B: Generator,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = match &self.stage {
            Stage::Start(_) => "start",
            Stage::Entering(..) => "entering",
            Stage::Body(_) => "body",
            Stage::Exiting { .. } => "exiting",
            Stage::Done => "done",
        };
        f.debug_struct("AsyncWith").field("stage", &stage).finish()
    }
}
