//! Asynchronous iteration: `async for`, async comprehensions, the
//! `__aiter__`/`__anext__` protocol and async generators (PEP 492, 525 and
//! 530), built like everything else here, as state machines you can read.
//!
//! | Python | here |
//! |---|---|
//! | a class with `__anext__` (and `__aiter__` returning `self`) | a type implementing [`AsyncIterator`] |
//! | `__aiter__` returning something else | [`AsyncIterable`] |
//! | `async def` with `yield` (its body) | a type implementing [`AsyncGenerator`] |
//! | calling it: the async generator object | [`async_gen()`] → [`AsyncGen`] |
//! | `await ag.asend(v)`, `ag.athrow(e)`, `ag.aclose()` | [`AsyncGen::asend`], [`AsyncGen::athrow`], [`AsyncGen::aclose`] |
//! | `async for x in it: body` | [`async_for()`]`(it, \|x\| body)`, or a loop over [`anext()`] in a task |
//! | `await anext(it)` | `yield_from!(`[`anext()`]`(&mut it), input)?`, `None` at the end |
//! | `[x async for x in it]`, `{k: v async for ...}`, `{x async for ...}` | [`it.collect::<Vec<_>>()`](AsyncIterator::collect), `HashMap`, `HashSet` |
//! | `raise StopAsyncIteration` in `__anext__` | `Ok(Complete(None))` |
//! | `loop.shutdown_asyncgens()` | [`shutdown_asyncgens`], run by [`Runtime::run`](crate::scheduler::Runtime::run) |
//!
//! # 1. `__anext__` is a task's step
//!
//! An `async for` asks its iterator for `__anext__()` and awaits the
//! result; the iterator may await before it has an item. So
//! [`AsyncIterator::anext`] is resumed as a task is, with an [`Input`],
//! and reports a [`Step`](crate::scheduler::Step) whose return value is the
//! item, `Some(item)`, or `None` for `StopAsyncIteration` — the shape of
//! `futures::Stream::poll_next`, with a [`Request`](crate::scheduler::Request)
//! where a stream has `Pending`. What the call in flight awaits lives in
//! the iterator, and awaiting is `yield_from!`, as in a task.
//!
//! # 2. An async generator reports its `yield`s
//!
//! An [`AsyncGenerator`]'s `resume` is a task's with one more outcome:
//! `Ok(Yielded(request))` awaits, `Ok(Complete(Some(item)))` is
//! `yield item`, `Ok(Complete(None))` is the end of the body, `Err` raises.
//! At a `yield` it receives what the object was asked: `Next`
//! (`__anext__`), `Send(v)` (`asend(v)`), `Throw(e)` (`athrow(e)`) or
//! `Close` (`aclose()`), and its cleanup may await. [`async_gen()`] wraps
//! it in the object, [`AsyncGen`], which keeps CPython's state and rules
//! (one awaitable running it at a time, `StopAsyncIteration` after the
//! end, "async generator ignored GeneratorExit") and is an
//! [`AsyncIterator`].
//!
//! # 3. Finalisation
//!
//! asyncio closes the async generators a program leaves unfinished: one
//! dropped while suspended is closed by a task of its own (the loop's
//! `finalizer` hook), and those still alive when `asyncio.run` ends are
//! closed together by `shutdown_asyncgens`, after the tasks left were
//! cancelled. [`AsyncGen`] does the same, so an unfinished generator's
//! `finally` runs, and may await.
//!
//! The tour's `mygen`, `async_gen_tasks`, `doubler`, `async_iterator` and
//! `async_counter` programs are the lectures' async iteration.

mod async_for;
mod async_gen;
mod awaitables;
mod protocol;
mod shutdown;

pub use self::async_for::{async_for, AsyncFor, Collect};
pub use self::async_gen::{async_gen, loop_input, AsyncGen, AsyncGenerator};
pub use self::awaitables::{AClose, ASend, AThrow};
pub use self::protocol::{anext, Anext, AsyncIterable, AsyncIterator, StopAsyncIteration};
pub use self::shutdown::{shutdown_asyncgens, ShutdownAsyncgens};

#[cfg(doc)]
use crate::scheduler::Input;
