//! PEP 525's async generators: the body you write ([`AsyncGenerator`]) and
//! the object calling an `async def` with `yield` returns ([`AsyncGen`]).
//!
//! CPython builds an async generator as a generator whose frame yields two
//! kinds of values: what its `await`s yield (futures, for the task to wait
//! on) and its items, wrapped in `_PyAsyncGenWrappedValue`. Each awaitable
//! of the object (`__anext__`, `asend`, `athrow`, `aclose`) resumes the
//! frame, passes the first kind up to the task and turns an item into its
//! own return value (`async_gen_unwrap_value`). Here the body's `resume`
//! reports the two kinds apart: `Yielded(request)` for an await, as a task
//! does, and `Complete(Some(item))` for a `yield`.

use alloc::rc::{Rc, Weak};
use alloc::string::String;
use core::cell::{Cell, OnceCell, RefCell};
use core::fmt;
use core::marker::PhantomData;
use core::mem::size_of;

use super::awaitables::{asend_step, AClose, ASend, AThrow, AwaitState};
use super::shutdown::{finalize, short_type_name, BoxedAwaitable};
use super::{AsyncIterator, StopAsyncIteration};
use crate::generator::{Exception, GeneratorState, Lifecycle, Resume};
use crate::scheduler::base_events::{try_running, AsyncGenHooks, Core};
use crate::scheduler::{Input, RuntimeError, Step, TaskError};

/// The body of an async generator (`async def` with `yield`), written as a
/// state machine: what a task is, plus items.
///
/// [`resume`](AsyncGenerator::resume) runs the body from where it is
/// suspended to its next suspension, and reports which one it is:
///
/// | Python, in the body | `resume` returns |
/// |---|---|
/// | `await aw` (suspends) | `Ok(Yielded(request))`, from [`yield_from!`](crate::yield_from!)`(aw, input)` |
/// | `yield item` | `Ok(Complete(Some(item)))` |
/// | `return`, or the end of the body | `Ok(Complete(None))`: `StopAsyncIteration` |
/// | `raise error` | `Err(Exception::Raised(error))`, or `?` |
/// | letting `GeneratorExit` out (after `aclose()`) | `Err(Exception::GeneratorExit)`, or `input.sent()?` |
///
/// `Some` and `None` are those of `futures::Stream::poll_next`: each
/// `resume` that ends the `__anext__` call in flight gives its item, or
/// says there are no more.
///
/// What it receives is an input as a generator's: at a `yield`,
/// [`Next`](Resume::Next) for `__anext__()` and `asend(None)`,
/// [`Send(v)`](Resume::Send) for `asend(v)`, [`Throw(e)`](Resume::Throw)
/// for `athrow(e)` and [`Close`](Resume::Close) for `aclose()`
/// (`GeneratorExit`); at an `await`, what the loop sends a task (`Next`,
/// or `Throw` of a cancellation), so the awaitable gets it with
/// `yield_from!`. With `S = ()` that input is a task's [`Input`] already;
/// with values sent in, [`loop_input`] turns it into one.
///
/// Unlike a generator closed with `close()`, an async generator closed
/// with `aclose()` may await in its cleanup (`finally: await ...`): it
/// answers `Close` with `Yielded(request)` and goes on when resumed. Only
/// a `yield` is refused there ("async generator ignored GeneratorExit").
///
/// Wrap the body in the object with [`async_gen()`], which keeps the state
/// Python keeps (created, running, closed) and gives `asend`, `athrow`,
/// `aclose` and the iteration.
///
/// # Examples
///
/// The lecture's `async_range`:
///
/// ```python
/// async def async_range(start, stop):
///     for i in range(start, stop):
///         await asyncio.sleep(0.1)
///         yield i
///
/// async def main():
///     async for num in async_range(1, 6):
///         print(num)
/// ```
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{async_for, async_gen, sleep, AsyncGen, AsyncGenerator, AsyncIterator, Input, Runtime, Sleep, Step};
/// use resumable::{yield_from, GeneratorState::Complete};
///
/// struct AsyncRange { next: u32, stop: u32, nap: Option<Sleep> }
///
/// impl AsyncGenerator for AsyncRange {
///     type Item = u32;
///
///     fn resume(&mut self, mut input: Input) -> Step<Option<u32>> {
///         if self.nap.is_none() {
///             input.sent()?; // the start, or what `yield i` received
///             if self.next == self.stop {
///                 return Ok(Complete(None)); // the end of the body
///             }
///             input = Input::Next;
///         }
///         let nap = self.nap.get_or_insert_with(|| sleep(Duration::from_millis(100)));
///         yield_from!(nap, input)?; // await asyncio.sleep(0.1)
///         self.nap = None;
///         self.next += 1;
///         Ok(Complete(Some(self.next - 1))) // yield i
///     }
/// }
///
/// fn async_range(start: u32, stop: u32) -> AsyncGen<AsyncRange> {
///     async_gen(AsyncRange { next: start, stop, nap: None })
/// }
///
/// let mut rt = Runtime::new();
/// rt.run(async_for(async_range(1, 6), |num| println!("{num}"))).unwrap();
/// assert_eq!(rt.time(), Duration::from_millis(500));
/// assert_eq!(rt.run(async_range(1, 6).collect::<Vec<_>>()).unwrap(), [1, 2, 3, 4, 5]);
/// ```
///
/// Output:
///
/// ```text
/// 1
/// 2
/// 3
/// 4
/// 5
/// ```
#[must_use = "async generators are lazy and do nothing unless iterated"]
pub trait AsyncGenerator<S = ()> {
    /// What it yields: the items of the iteration.
    type Item;

    /// Runs the body to its next `await`, `yield`, `return` or `raise`;
    /// see the table above.
    fn resume(&mut self, input: Resume<S, TaskError>) -> Step<Option<Self::Item>>;
}

impl<S, G: AsyncGenerator<S> + ?Sized> AsyncGenerator<S> for alloc::boxed::Box<G> {
    type Item = G::Item;

    fn resume(&mut self, input: Resume<S, TaskError>) -> Step<Option<G::Item>> {
        (**self).resume(input)
    }
}

/// The input of an `await` inside an async generator that receives values
/// (`S` not `()`), as the awaitable expects it: a task's [`Input`].
///
/// At an `await` the body is resumed by the loop, through the `asend`,
/// `athrow` or `aclose` in flight, never with a value of its own
/// ([`AsyncGen`] refuses an `asend` while one is in flight), so `Send` does
/// not happen there; it would be read as `Next`.
///
/// ```
/// use resumable::scheduler::{loop_input, Input, TaskError};
/// use resumable::Resume;
///
/// assert!(matches!(loop_input(Resume::<i64, TaskError>::Send(7)), Input::Next));
/// assert!(loop_input(Resume::<i64, TaskError>::Close).is_close());
/// ```
pub fn loop_input<S>(input: Resume<S, TaskError>) -> Input {
    match input {
        Resume::Next | Resume::Send(_) => Resume::Next,
        Resume::Throw(error) => Resume::Throw(error),
        Resume::Close => Resume::Close,
    }
}

/// Makes the async generator object for `body`: what calling an `async
/// def` that contains `yield` returns. Nothing of the body runs yet.
///
/// ```
/// use resumable::scheduler::{async_gen, AsyncGenerator, AsyncIterator, Input, Runtime, Step};
/// use resumable::{GeneratorState::Complete, Lifecycle};
///
/// /// async def one(): yield 1
/// struct One(bool);
///
/// impl AsyncGenerator for One {
///     type Item = u8;
///     fn resume(&mut self, input: Input) -> Step<Option<u8>> {
///         input.sent()?;
///         Ok(Complete((!core::mem::replace(&mut self.0, true)).then_some(1)))
///     }
/// }
///
/// let one = async_gen(One(false));
/// assert_eq!(one.state(), Lifecycle::Created);
/// assert_eq!(Runtime::new().run(one.clone().collect::<Vec<_>>()).unwrap(), [1]);
/// assert_eq!(one.state(), Lifecycle::Closed);
/// ```
pub fn async_gen<G: AsyncGenerator<S>, S>(body: G) -> AsyncGen<G, S> {
    AsyncGen {
        frame: Rc::new(Frame::new(body, Lifecycle::Created)),
        iterating: false,
    }
}

/// An async generator object: the body and the state CPython keeps beside
/// it. Made by [`async_gen()`].
///
/// It is a handle, as a Python object is a reference: clones share one
/// generator. Its methods are the object's:
///
/// | Python | here |
/// |---|---|
/// | `async for x in ag`, `await anext(ag)` | [`async_for`](super::async_for()), [`anext`](super::anext()): it is an [`AsyncIterator`] |
/// | `await ag.asend(v)`, `ag.asend(None)` | [`asend`](AsyncGen::asend) → [`ASend`] |
/// | `await ag.athrow(e)` | [`athrow`](AsyncGen::athrow) → [`AThrow`] |
/// | `await ag.aclose()` | [`aclose`](AsyncGen::aclose) → [`AClose`] |
/// | `inspect.getasyncgenstate(ag)` | [`state`](AsyncGen::state) |
///
/// CPython's rules come with it: one awaitable at a time may run the body
/// (another raises `RuntimeError: anext(): asynchronous generator is
/// already running`, or `athrow()`, `aclose()`), an exhausted generator
/// raises `StopAsyncIteration` again, a body that yields while closing
/// makes `aclose()` raise `RuntimeError: async generator ignored
/// GeneratorExit`.
///
/// # Finalisation
///
/// The first time one of its awaitables runs, the generator is registered
/// with the running loop (asyncio's `firstiter` hook). Then:
///
/// - if the last handle is dropped while the body is suspended, the loop
///   closes it in a task of its own, as asyncio's `finalizer` hook does
///   when the garbage collector frees one (`create_task(agen.aclose())`);
/// - if it is still alive when [`Runtime::run`](crate::scheduler::Runtime::run)
///   ends, `shutdown_asyncgens` closes it, with every other one, in tasks
///   gathered together, and reports the errors
///   ([`ReportKind::AsyncGenCloseError`](crate::scheduler::ReportKind::AsyncGenCloseError)).
///
/// So its `finally` runs, and may await, as in asyncio. Outside a loop
/// neither happens, and dropping it drops the body, as any Rust value.
#[must_use = "async generators are lazy and do nothing unless iterated"]
pub struct AsyncGen<G, S = ()> {
    frame: Rc<Frame<G, S>>,
    /// An `__anext__` of this handle's [`AsyncIterator`] is in flight.
    iterating: bool,
}

impl<G, S> AsyncGen<G, S> {
    /// Where the body is: not started ([`Created`](Lifecycle::Created)),
    /// suspended at a `yield` or an `await`
    /// ([`Suspended`](Lifecycle::Suspended)), or finished
    /// ([`Closed`](Lifecycle::Closed)): `inspect.getasyncgenstate`.
    pub fn state(&self) -> Lifecycle {
        self.frame.lifecycle.get()
    }

    pub(super) fn frame(&self) -> &Rc<Frame<G, S>> {
        &self.frame
    }
}

impl<G, S> AsyncGen<G, S>
where
    G: AsyncGenerator<S> + 'static,
    S: 'static,
{
    /// `ag.asend(value)`: resumes the body with `value` at its `yield` and
    /// gives the next item. `asend(None)` is `__anext__()`.
    ///
    /// # Errors
    ///
    /// [`StopAsyncIteration`] when the generator returns (or had already
    /// finished); `RuntimeError` if another awaitable of the generator is
    /// running; what the body raises.
    ///
    /// # Panics
    ///
    /// If a value (not `None`, not a zero-sized one) is sent to a
    /// generator that has not started, with CPython's message ("can't
    /// send non-None value to a just-started async generator"), as
    /// [`Tracked`](crate::Tracked) does for a generator.
    pub fn asend(&self, value: impl Into<Option<S>>) -> ASend<G, S> {
        ASend::new(self.clone(), value.into())
    }

    /// `ag.athrow(error)`: raises `error` at the body's `yield` and gives
    /// the next item; `None` if the generator had already finished
    /// (CPython 3.11's `athrow` returns `None` then).
    ///
    /// # Errors
    ///
    /// `error` if the body does not catch it (or has not started),
    /// [`StopAsyncIteration`] if it catches it and returns, `RuntimeError`
    /// if another awaitable of the generator is running.
    pub fn athrow(&self, error: TaskError) -> AThrow<G, S> {
        AThrow::new(self.clone(), error)
    }

    /// `ag.aclose()`: raises `GeneratorExit` at the body's `yield` so that
    /// its cleanup runs, awaits included.
    ///
    /// # Errors
    ///
    /// `RuntimeError: async generator ignored GeneratorExit` if the body
    /// yields instead of finishing, `RuntimeError` if another awaitable of
    /// the generator is running, [`StopAsyncIteration`] if an earlier
    /// `aclose()` failed that way, and what the cleanup raises.
    pub fn aclose(&self) -> AClose<G, S> {
        AClose::new(self.clone())
    }
}

impl<G, S> AsyncIterator for AsyncGen<G, S>
where
    G: AsyncGenerator<S> + 'static,
    S: 'static,
{
    type Item = G::Item;

    /// `__anext__`: `asend(None)`, with `None` for `StopAsyncIteration`.
    fn anext(&mut self, input: Input) -> Step<Option<G::Item>> {
        let mut state = if self.iterating {
            AwaitState::Iter
        } else {
            AwaitState::Init
        };
        let step = asend_step(&self.frame, &mut state, None, input);
        self.iterating = state == AwaitState::Iter;
        step
    }
}

impl<G, S> Clone for AsyncGen<G, S> {
    /// Another handle on the same generator.
    fn clone(&self) -> Self {
        AsyncGen {
            frame: Rc::clone(&self.frame),
            iterating: false,
        }
    }
}

impl<G, S> fmt::Debug for AsyncGen<G, S> {
    /// `AsyncGen<Ticker> { state: Suspended, running: false }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(&alloc::format!("AsyncGen<{}>", short_type_name::<G>()))
            .field("state", &self.frame.lifecycle.get())
            .field("running", &self.frame.running.get())
            .finish()
    }
}

/// The generator's frame and flags, shared by the object's handles and
/// awaitables: `PyAsyncGenObject`.
pub(super) struct Frame<G, S> {
    /// `None` once the finaliser has moved the body into a closing task.
    body: RefCell<Option<G>>,
    lifecycle: Cell<Lifecycle>,
    /// `ag_running_async`: an awaitable is running the body.
    pub(super) running: Cell<bool>,
    /// `ag_closed`: `aclose()` began, or the body let `GeneratorExit` or
    /// `StopAsyncIteration` out.
    pub(super) closed: Cell<bool>,
    /// `ag_hooks_inited`, with the loop it ran in first.
    hooks: OnceCell<Hooks<G>>,
    sent: PhantomData<fn(S)>,
}

/// What the loop's `finalizer` hook needs: the loop, and how to close a
/// body in a task of its own, typed where the bounds are known, so that
/// `Frame`'s `Drop` needs none.
struct Hooks<G> {
    core: Weak<Core>,
    finalize: fn(G, &Weak<Core>),
}

impl<G, S> Frame<G, S> {
    pub(super) fn new(body: G, lifecycle: Lifecycle) -> Self {
        Frame {
            body: RefCell::new(Some(body)),
            lifecycle: Cell::new(lifecycle),
            running: Cell::new(false),
            closed: Cell::new(false),
            hooks: OnceCell::new(),
            sent: PhantomData,
        }
    }

    pub(super) fn lifecycle(&self) -> Lifecycle {
        self.lifecycle.get()
    }
}

impl<G, S> Frame<G, S>
where
    G: AsyncGenerator<S> + 'static,
    S: 'static,
{
    /// `async_gen_init_hooks`: the first awaitable to run registers the
    /// generator with the running loop (`_asyncgen_firstiter_hook`), for
    /// `shutdown_asyncgens` and the finaliser.
    pub(super) fn init_hooks(self: &Rc<Self>) {
        if self.hooks.get().is_some() {
            return;
        }
        let Some(core) = try_running() else {
            return;
        };
        let me: Weak<Self> = Rc::downgrade(self);
        core.add_asyncgen(me);
        let hooks = Hooks {
            core: Rc::downgrade(&core),
            finalize: finalize::<G, S>,
        };
        // Nothing else sets it: `get` was `None` and this thread holds `self`.
        let _ = self.hooks.set(hooks);
    }

    /// One step of the body: CPython's `gen_send_ex` on the frame, then
    /// `async_gen_unwrap_value`'s bookkeeping.
    pub(super) fn step(&self, input: Resume<S, TaskError>) -> Step<Option<G::Item>> {
        let outcome = match self.lifecycle.get() {
            Lifecycle::Suspended => self.resume_body(input),
            Lifecycle::Created => match check_start(input) {
                Ok(input) => self.resume_body(input),
                Err(exception) => Err(exception),
            },
            Lifecycle::Closed => exhausted(input),
        };
        self.lifecycle.set(match outcome {
            Ok(GeneratorState::Yielded(_) | GeneratorState::Complete(Some(_))) => {
                Lifecycle::Suspended
            }
            _ => Lifecycle::Closed,
        });
        match outcome {
            // An await: the awaitable stays in flight.
            Ok(GeneratorState::Yielded(_)) => {}
            Ok(GeneratorState::Complete(Some(_))) | Err(Exception::Raised(_)) => {
                self.running.set(false);
            }
            Ok(GeneratorState::Complete(None)) | Err(Exception::GeneratorExit) => {
                self.closed.set(true);
                self.running.set(false);
            }
        }
        outcome
    }

    fn resume_body(&self, input: Resume<S, TaskError>) -> Step<Option<G::Item>> {
        let mut body = self.body.borrow_mut();
        let body = body
            .as_mut()
            .expect("only a dropped async generator gives its body away");
        match body.resume(input) {
            // PEP 479, for async generators: the end is a `return`, never
            // a StopAsyncIteration leaking out of the body.
            Err(Exception::Raised(error))
                if error.downcast_ref::<StopAsyncIteration>().is_some() =>
            {
                Err(Exception::Raised(runtime_error(
                    "async generator raised StopAsyncIteration",
                )))
            }
            outcome => outcome,
        }
    }
}

/// The first input of a body that has not started: a value cannot be
/// sent to it; a throw or a close ends it before any of its code runs.
fn check_start<S>(
    input: Resume<S, TaskError>,
) -> Result<Resume<S, TaskError>, Exception<TaskError>> {
    if matches!(input, Resume::Send(_)) && size_of::<S>() != 0 {
        panic!("can't send non-None value to a just-started async generator");
    }
    input.sent().map(|_| Resume::Next)
}

/// `gen_send_ex` on a finished frame: `StopAsyncIteration` again for a
/// send; a throw comes straight back; a close does nothing.
fn exhausted<S, T>(input: Resume<S, TaskError>) -> Step<Option<T>> {
    input.sent()?;
    Ok(GeneratorState::Complete(None))
}

pub(super) fn runtime_error(message: &str) -> TaskError {
    TaskError::raise(RuntimeError::new(message))
}

impl<G, S> Drop for Frame<G, S> {
    /// asyncio's `_asyncgen_finalizer_hook`: a generator dropped while
    /// suspended (not closed) is closed by a task of the loop it ran in,
    /// unless that loop is gone or closed.
    fn drop(&mut self) {
        let suspended = self.lifecycle.get() == Lifecycle::Suspended && !self.closed.get();
        let (Some(hooks), true) = (self.hooks.get(), suspended) else {
            return;
        };
        if let Some(body) = self.body.get_mut().take() {
            (hooks.finalize)(body, &hooks.core);
        }
    }
}

impl<G, S> AsyncGenHooks for Frame<G, S>
where
    G: AsyncGenerator<S> + 'static,
    S: 'static,
{
    fn aclose(self: Rc<Self>) -> BoxedAwaitable {
        let handle = AsyncGen {
            frame: self,
            iterating: false,
        };
        alloc::boxed::Box::new(handle.aclose())
    }

    fn name(&self) -> String {
        alloc::format!("<async_generator {}>", short_type_name::<G>())
    }
}

/// A suspended body taken from a dropped object, in an object of its own
/// for the task that closes it: registered nowhere (asyncio's finaliser
/// discards it from `_asyncgens`), and suspended where it was.
pub(super) fn orphan<G, S>(body: G) -> AsyncGen<G, S>
where
    G: AsyncGenerator<S> + 'static,
    S: 'static,
{
    let frame = Frame::new(body, Lifecycle::Suspended);
    // Inited already, with no loop: the task's `aclose()` does not register
    // it again, and nothing finalises it twice.
    let hooks = Hooks {
        core: Weak::new(),
        finalize: finalize::<G, S>,
    };
    let _ = frame.hooks.set(hooks);
    AsyncGen {
        frame: Rc::new(frame),
        iterating: false,
    }
}
