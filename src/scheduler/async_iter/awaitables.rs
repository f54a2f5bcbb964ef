//! The awaitables of an async generator object: [`ASend`] (`asend`,
//! `__anext__`), [`AThrow`] (`athrow`) and [`AClose`] (`aclose`), ported
//! from CPython's `async_gen_asend_*` and `async_gen_athrow_*`.
//!
//! Each is a task-shaped generator: it resumes the body, passes its awaits
//! up to the task, and returns when the body yields an item or finishes.
//! Like CPython's, each has a state of its own (`AWAITABLE_STATE_INIT`,
//! `_ITER`, `_CLOSED`): it can be awaited once, and only one awaitable of
//! a generator may run the body at a time.

use alloc::rc::Rc;
use core::fmt;

use super::async_gen::{runtime_error, Frame};
use super::{AsyncGen, AsyncGenerator, StopAsyncIteration};
use crate::generator::{Exception, Generator, GeneratorState, Lifecycle, Resume};
use crate::scheduler::{Input, Request, Step, TaskError};

/// `AWAITABLE_STATE_*`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum AwaitState {
    /// Made, not awaited yet.
    Init,
    /// Running the body.
    Iter,
    /// Done: awaiting it again is an error.
    Closed,
}

/// The loop's input, for the body.
fn forward<S>(input: Input) -> Resume<S, TaskError> {
    match input {
        Resume::Next | Resume::Send(()) => Resume::Next,
        Resume::Throw(error) => Resume::Throw(error),
        Resume::Close => Resume::Close,
    }
}

/// `async_gen_asend_send`, `_throw` and `_close` (CPython 3.12's, which
/// marks the generator running when a throw starts the awaitable):
/// `Some(item)`, or `None` for `StopAsyncIteration`.
///
/// Closing the awaitable while it runs the body closes the body, so that
/// its cleanup runs as far as its first `await` (CPython 3.11 marks only
/// the awaitable closed and leaves the generator running for ever).
pub(super) fn asend_step<G, S>(
    frame: &Rc<Frame<G, S>>,
    state: &mut AwaitState,
    value: Option<S>,
    input: Input,
) -> Step<Option<G::Item>>
where
    G: AsyncGenerator<S> + 'static,
    S: 'static,
{
    let closing = input.is_close();
    let input = match *state {
        AwaitState::Closed => {
            return Err(Exception::Raised(runtime_error(
                "cannot reuse already awaited __anext__()/asend()",
            )))
        }
        AwaitState::Iter => forward(input),
        AwaitState::Init => {
            frame.init_hooks();
            if closing {
                *state = AwaitState::Closed;
                return Err(Exception::GeneratorExit);
            }
            if frame.running.get() {
                *state = AwaitState::Closed;
                return Err(Exception::Raised(runtime_error(
                    "anext(): asynchronous generator is already running",
                )));
            }
            *state = AwaitState::Iter;
            frame.running.set(true);
            match input {
                Resume::Throw(error) => Resume::Throw(error),
                _ => value.map_or(Resume::Next, Resume::Send),
            }
        }
    };
    let outcome = frame.step(input);
    if !matches!(outcome, Ok(GeneratorState::Yielded(_))) {
        *state = AwaitState::Closed;
        return outcome;
    }
    if closing {
        return Err(closed_mid_await(frame, state));
    }
    outcome
}

/// The awaitable was closed while the body awaited, and the body's cleanup
/// awaits in turn: closing cannot wait, so the awaitable ends here and
/// leaves the body suspended in its cleanup, no longer running, for a
/// later `aclose()` (or the loop's finaliser) to finish.
fn closed_mid_await<G, S>(frame: &Frame<G, S>, state: &mut AwaitState) -> Exception<TaskError> {
    frame.running.set(false);
    *state = AwaitState::Closed;
    Exception::GeneratorExit
}

/// `async_gen_athrow_send`, `_throw` and `_close`; `error` is what
/// `athrow` raises, `None` in `aclose()` mode (it is only read when the
/// awaitable starts). Returns `Some(item)` for an item (never in
/// `aclose()` mode, where an item is the ignored `GeneratorExit`), and
/// `None` when the generator had finished before (`StopIteration`:
/// Python's `None`) or, in `aclose()` mode, finished now.
fn athrow_step<G, S>(
    frame: &Rc<Frame<G, S>>,
    state: &mut AwaitState,
    aclose: bool,
    error: Option<TaskError>,
    input: Input,
) -> Step<Option<G::Item>>
where
    G: AsyncGenerator<S> + 'static,
    S: 'static,
{
    let name = if aclose { "aclose()" } else { "athrow()" };
    if *state == AwaitState::Closed {
        return Err(Exception::Raised(runtime_error(
            "cannot reuse already awaited aclose()/athrow()",
        )));
    }
    let sent = matches!(input, Resume::Next | Resume::Send(()));
    let closing = input.is_close();
    if sent && frame.lifecycle() == Lifecycle::Closed {
        *state = AwaitState::Closed;
        return Ok(GeneratorState::Complete(None));
    }
    let input = match *state {
        AwaitState::Closed | AwaitState::Iter => forward(input),
        AwaitState::Init => {
            frame.init_hooks();
            if closing {
                *state = AwaitState::Closed;
                return Err(Exception::GeneratorExit);
            }
            if frame.running.get() {
                *state = AwaitState::Closed;
                return Err(Exception::Raised(runtime_error(&alloc::format!(
                    "{name}: asynchronous generator is already running"
                ))));
            }
            if sent && frame.closed.get() {
                *state = AwaitState::Closed;
                return Err(stop_async_iteration());
            }
            *state = AwaitState::Iter;
            frame.running.set(true);
            match (input, error) {
                // A throw into the awaitable before it started (a task
                // cancelled before its first step) goes into the body in
                // place of its own (CPython 3.12).
                (Resume::Throw(thrown), _) => Resume::Throw(thrown),
                (_, Some(error)) => Resume::Throw(error),
                (_, None) => {
                    frame.closed.set(true);
                    Resume::Close
                }
            }
        }
    };
    let outcome = frame.step(input);
    if matches!(outcome, Ok(GeneratorState::Yielded(_))) {
        if closing {
            return Err(closed_mid_await(frame, state));
        }
        return outcome;
    }
    *state = AwaitState::Closed;
    match outcome {
        Ok(GeneratorState::Complete(Some(_))) if aclose => Err(Exception::Raised(runtime_error(
            "async generator ignored GeneratorExit",
        ))),
        // aclose() does not propagate StopAsyncIteration or GeneratorExit:
        // it is done.
        Ok(GeneratorState::Complete(None)) | Err(Exception::GeneratorExit) if aclose => {
            Ok(GeneratorState::Complete(None))
        }
        Ok(GeneratorState::Complete(None)) => Err(stop_async_iteration()),
        outcome => outcome,
    }
}

/// The awaitable of [`AsyncGen::asend`]: `ag.asend(value)`, or
/// `ag.__anext__()` for `asend(None)`.
///
/// Returns the next item; raises [`StopAsyncIteration`] at the end.
///
/// ```python
/// async def echo():
///     received = yield 'ready'
///     while True:
///         received = yield f'got {received}'
///
/// async def main():
///     ag = echo()
///     print(await ag.asend(None))   # ready
///     print(await ag.asend(42))     # got 42
/// ```
///
/// ```
/// use resumable::scheduler::{async_gen, gather, AsyncGen, AsyncGenerator, Runtime, Step, TaskError};
/// use resumable::{GeneratorState::Complete, Resume};
///
/// struct Echo;
///
/// impl AsyncGenerator<i64> for Echo {
///     type Item = String;
///     fn resume(&mut self, input: Resume<i64, TaskError>) -> Step<Option<String>> {
///         Ok(Complete(Some(match input.sent()? {
///             None => "ready".to_owned(), // the start, or asend(None)
///             Some(received) => format!("got {received}"),
///         })))
///     }
/// }
///
/// let ag: AsyncGen<Echo, i64> = async_gen(Echo);
/// // Each awaited in a task of its own, one after the other.
/// let replies = Runtime::new().run(gather([ag.asend(None), ag.asend(42)])).unwrap();
/// assert_eq!(replies, ["ready", "got 42"]);
/// ```
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct ASend<G, S = ()> {
    agen: AsyncGen<G, S>,
    value: Option<S>,
    state: AwaitState,
}

impl<G, S> ASend<G, S> {
    pub(super) fn new(agen: AsyncGen<G, S>, value: Option<S>) -> Self {
        ASend {
            agen,
            value,
            state: AwaitState::Init,
        }
    }
}

impl<G, S> Generator for ASend<G, S>
where
    G: AsyncGenerator<S> + 'static,
    S: 'static,
{
    type Yield = Request;
    type Return = G::Item;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<G::Item> {
        let value = self.value.take();
        match asend_step(self.agen.frame(), &mut self.state, value, input)? {
            GeneratorState::Yielded(request) => Ok(GeneratorState::Yielded(request)),
            GeneratorState::Complete(Some(item)) => Ok(GeneratorState::Complete(item)),
            GeneratorState::Complete(None) => Err(stop_async_iteration()),
        }
    }
}

fn stop_async_iteration() -> Exception<TaskError> {
    Exception::Raised(TaskError::raise(StopAsyncIteration))
}

impl<G, S> fmt::Debug for ASend<G, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ASend")
            .field("agen", &self.agen)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// The awaitable of [`AsyncGen::athrow`]: `ag.athrow(error)`.
///
/// Returns the item the body yields after catching `error`; `None` if the
/// generator had already finished, as CPython 3.11 returns `None` then.
///
/// ```python
/// async def tolerant():
///     while True:
///         try:
///             yield 'working'
///         except ValueError:
///             yield 'recovered'
///
/// async def main():
///     ag = tolerant()
///     print(await ag.__anext__())              # working
///     print(await ag.athrow(ValueError()))     # recovered
/// ```
///
/// ```
/// use resumable::scheduler::{async_gen, AsyncGenerator, Input, Runtime, Step, TaskError, ValueError};
/// use resumable::{Generator as _, GeneratorState::Complete, Resume};
///
/// struct Tolerant;
///
/// impl AsyncGenerator for Tolerant {
///     type Item = &'static str;
///     fn resume(&mut self, input: Input) -> Step<Option<&'static str>> {
///         match input {
///             Resume::Throw(e) if e.downcast_ref::<ValueError>().is_some() => Ok(Complete(Some("recovered"))),
///             other => {
///                 other.sent()?;
///                 Ok(Complete(Some("working")))
///             }
///         }
///     }
/// }
///
/// let ag = async_gen(Tolerant);
/// let first = ag.asend(None).map_return(|item| assert_eq!(item, "working"));
/// let main = first.chain(ag.athrow(TaskError::raise(ValueError::new("oops"))));
/// assert_eq!(Runtime::new().run(main).unwrap(), Some("recovered"));
/// ```
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct AThrow<G, S = ()> {
    agen: AsyncGen<G, S>,
    error: Option<TaskError>,
    state: AwaitState,
}

impl<G, S> AThrow<G, S> {
    pub(super) fn new(agen: AsyncGen<G, S>, error: TaskError) -> Self {
        AThrow {
            agen,
            error: Some(error),
            state: AwaitState::Init,
        }
    }
}

impl<G, S> Generator for AThrow<G, S>
where
    G: AsyncGenerator<S> + 'static,
    S: 'static,
{
    type Yield = Request;
    type Return = Option<G::Item>;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<Option<G::Item>> {
        let error = self.error.take();
        athrow_step(self.agen.frame(), &mut self.state, false, error, input)
    }
}

impl<G, S> fmt::Debug for AThrow<G, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AThrow")
            .field("agen", &self.agen)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// The awaitable of [`AsyncGen::aclose`]: `ag.aclose()`.
///
/// Raises `GeneratorExit` where the body is suspended; the body's cleanup
/// may await (each await passes up to the task, as in Python) but not
/// yield. Returns when the body has finished.
///
/// ```python
/// async def reader():
///     try:
///         yield 'line'
///     finally:
///         await asyncio.sleep(1)  # flush
///         print('closed')
///
/// async def main():
///     r = reader()
///     await r.__anext__()
///     await r.aclose()            # takes a second: the finally awaits
/// ```
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{async_gen, sleep, AsyncGenerator, Input, Runtime, Sleep, Step};
/// use resumable::{yield_from, Generator as _, GeneratorState::Complete};
///
/// enum Reader {
///     Start,
///     Reading,
///     /// In the `finally`, with what ended the `try`.
///     Flushing(Sleep, Step<Option<&'static str>>),
/// }
///
/// impl AsyncGenerator for Reader {
///     type Item = &'static str;
///
///     fn resume(&mut self, mut input: Input) -> Step<Option<&'static str>> {
///         loop {
///             match self {
///                 Reader::Start => {
///                     input.sent()?;
///                     *self = Reader::Reading;
///                     return Ok(Complete(Some("line")));
///                 }
///                 Reader::Reading => {
///                     // `yield` received: the end of the body, or a throw or a close
///                     let ended = input.sent().map(|_| Complete(None));
///                     *self = Reader::Flushing(sleep(Duration::from_secs(1)), ended);
///                     input = Input::Next;
///                 }
///                 Reader::Flushing(flush, ended) => {
///                     yield_from!(flush, input)?; // await asyncio.sleep(1)
///                     return core::mem::replace(ended, Ok(Complete(None)));
///                 }
///             }
///         }
///     }
/// }
///
/// let r = async_gen(Reader::Start);
/// let main = r.asend(None).map_return(drop).chain(r.aclose());
/// let mut rt = Runtime::new();
/// rt.run(main).unwrap();
/// assert_eq!(rt.time(), Duration::from_secs(1));
/// assert!(r.state().is_closed());
/// ```
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct AClose<G, S = ()> {
    agen: AsyncGen<G, S>,
    state: AwaitState,
}

impl<G, S> AClose<G, S> {
    pub(super) fn new(agen: AsyncGen<G, S>) -> Self {
        AClose {
            agen,
            state: AwaitState::Init,
        }
    }
}

impl<G, S> Generator for AClose<G, S>
where
    G: AsyncGenerator<S> + 'static,
    S: 'static,
{
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        match athrow_step(self.agen.frame(), &mut self.state, true, None, input)? {
            GeneratorState::Yielded(request) => Ok(GeneratorState::Yielded(request)),
            GeneratorState::Complete(_) => Ok(GeneratorState::Complete(())),
        }
    }
}

impl<G, S> fmt::Debug for AClose<G, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AClose")
            .field("agen", &self.agen)
            .field("state", &self.state)
            .finish()
    }
}
