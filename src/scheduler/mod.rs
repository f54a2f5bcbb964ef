//! The event loop: tasks that are generators, and asyncio built on them.
//!
//! This module is the lecture's road from a hand-written loop to asyncio,
//! with nothing hidden: every task is a generator you can read, and the loop
//! is asyncio's own machinery — a queue of ready callbacks, a heap of
//! timers, futures with done callbacks — written out in Rust.
//!
//! # 1. A loop by hand
//!
//! The lecture starts with a list of generators, each resumed in turn with
//! `next`, and dropped when it returns. That is [`RoundRobin`]:
//!
//! ```
//! use resumable::generator::from_iter;
//! use resumable::scheduler::RoundRobin;
//!
//! // queue = [counter(), printer()]; while queue: g = queue.pop(0); next(g); queue.append(g)
//! let mut queue = RoundRobin::new();
//! queue.push(from_iter(vec!["0", "1", "2"]));
//! queue.push(from_iter(vec!["-", "Go!"]));
//! let mut printed = Vec::new();
//! while let Some(Ok(line)) = queue.step() {
//!     printed.extend(line);
//! }
//! assert_eq!(printed, ["0", "-", "1", "Go!", "2"]);
//! ```
//!
//! It cannot sleep without busy-waiting ([`busy_sleep`]), a generator cannot
//! wait for another, and nothing comes back from one. The rest of the module
//! fixes that.
//!
//! # 2. Tasks ask the loop for things
//!
//! A *task* is a generator that yields a [`Request`] each time it suspends
//! and finally returns its value or raises a [`TaskError`]:
//!
//! ```text
//! Generator<(), Yield = Request, Return = T, Error = TaskError>
//! ```
//!
//! A request is what a coroutine yields to asyncio's task: `Yield` is a bare
//! `yield` (`await asyncio.sleep(0)`), `Await(future)` is the future it waits
//! for (`yield self` inside `Future.__await__`), and `Sleep(d)` is
//! `asyncio.sleep(d)`. The library's awaitables yield them for you — they
//! are generators of the same shape: [`sleep()`], [`Task::join`],
//! [`Promise::wait`], [`gather()`], [`wait_for()`], the [`sync`](crate::sync)
//! primitives. A task awaits one by delegating to it with
//! [`yield_from!`](crate::yield_from!): `await x` is `yield_from!(x, input)?`.
//!
//! ```
//! use core::time::Duration;
//! use resumable::scheduler::{sleep, Request, Runtime, Sleep, TaskError};
//! use resumable::{yield_from, Generator, GeneratorState, Outcome, Resume};
//!
//! /// async def say_after(delay, msg):
//! ///     await asyncio.sleep(delay)
//! ///     return msg
//! struct SayAfter {
//!     nap: Sleep,
//!     msg: &'static str,
//! }
//!
//! impl Generator for SayAfter {
//!     type Yield = Request;
//!     type Return = &'static str;
//!     type Error = TaskError;
//!
//!     fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, &'static str, TaskError> {
//!         yield_from!(self.nap, input)?; // await asyncio.sleep(delay)
//!         Ok(GeneratorState::Complete(self.msg))
//!     }
//! }
//!
//! let say_after = |s, msg| SayAfter { nap: sleep(Duration::from_secs(s)), msg };
//! let mut rt = Runtime::new();
//! assert_eq!(rt.run(say_after(1, "hello")).unwrap(), "hello");
//! assert_eq!(rt.time(), Duration::from_secs(1));
//! ```
//!
//! The same task needs no state machine of its own: the
//! [combinators](crate::generator#map-of-the-module) write it. `map_return`
//! is the plain code after the `await`, [`then`](crate::Generator::then)
//! another `await`, [`lazy`](crate::generator::lazy()) the code before the
//! first one:
//!
//! ```
//! # use core::time::Duration;
//! # use resumable::scheduler::{sleep, Runtime};
//! use resumable::Generator;
//!
//! // async def say_after(delay, msg): await asyncio.sleep(delay); return msg
//! let say_after = |s, msg| sleep(Duration::from_secs(s)).map_return(move |()| msg);
//! // async def main(): a = await say_after(1, 'hello'); b = await say_after(2, 'world')
//! let main = say_after(1, "hello").then(move |a| say_after(2, "world").map_return(move |b| [a, b]));
//! let mut rt = Runtime::new();
//! assert_eq!(rt.run(main).unwrap(), ["hello", "world"]);
//! assert_eq!(rt.time(), Duration::from_secs(3));
//! ```
//!
//! Both are the same machine, step for step (`tests/it/combinators_props.rs`
//! checks it); write one by hand when its stages need more than a closure
//! can say.
//!
//! The two types in that signature have short names: [`Input`] is
//! `Resume<(), TaskError>` and [`Step<R>`](Step) is
//! `Outcome<Request, R, TaskError>`, so a task's `resume` reads
//! `fn resume(&mut self, input: Input) -> Step<&'static str>`.
//!
//! ## Never awaited, and what cannot be awaited
//!
//! Calling a coroutine function runs none of its body; only awaiting the
//! coroutine does. Python finds a coroutine that was dropped unawaited when
//! it is collected, and warns: `RuntimeWarning: coroutine 'nested' was
//! never awaited`. Here every awaitable is `#[must_use]`, so the compiler
//! says it before the program runs:
//!
//! ```compile_fail
//! #![deny(unused_must_use)]
//! // nested()   # RuntimeWarning: coroutine 'nested' was never awaited
//! resumable::scheduler::sleep(core::time::Duration::from_secs(1));
//! // error: unused `Sleep` that must be used: this awaitable is never awaited
//! ```
//!
//! Python's other awaiting mistakes are type errors at run time; here they
//! are type errors. A plain generator yields values, not requests, so
//! neither `yield_from!` in a task nor [`Runtime::run`] takes one — where
//! Python says `TypeError: object generator can't be used in 'await'
//! expression`, the compiler says ``expected `Request`, found integer``:
//!
//! ```compile_fail
//! use resumable::generator::from_iter;
//! use resumable::scheduler::Runtime;
//!
//! Runtime::new().run(from_iter(vec![1, 2, 3])); // error[E0271]
//! ```
//!
//! Saying what its yields mean to the loop makes it a task, as
//! `@types.coroutine` does for a generator whose bare `yield`s hand the
//! loop its turn:
//!
//! ```
//! use resumable::generator::from_iter;
//! use resumable::scheduler::{Request, Runtime, TaskError};
//! use resumable::Generator;
//!
//! let steps = from_iter(vec![1, 2, 3]).map_yield(|_| Request::Yield);
//! let task = steps.with_error::<TaskError>().map_return(|()| 1);
//! assert_eq!(Runtime::new().run(task).unwrap(), 1);
//! ```
//!
//! And [`wait()`] takes tasks: asyncio 3.11 raises `TypeError: Passing
//! coroutines is forbidden, use tasks explicitly.`, and here a coroutine
//! where a [`Task`] belongs does not compile:
//!
//! ```compile_fail
//! use resumable::scheduler::{sleep, wait};
//!
//! let _ = wait([sleep(core::time::Duration::from_secs(1))]); // expected `Task<_>`, found `Sleep`
//! ```
//!
//! # 3. The loop, as asyncio builds it
//!
//! [`Runtime`] is asyncio's loop. Everything it runs is a *callback*, and
//! each turn (`_run_once`) runs the callbacks that were ready when the turn
//! began, in the order they became ready; what they schedule waits for the
//! next turn. When nothing is ready, the clock moves to the next timer: on
//! the default [`Clock::Virtual`] it *jumps*, so a program that sleeps for
//! minutes finishes at once and the same way every run; with [`Clock::Real`]
//! it really sleeps.
//!
//! - A task's step is a callback. A bare `yield` queues the next step at
//!   once.
//! - A [`Promise`] (asyncio's `Future`) keeps *done callbacks*; when it is
//!   set, each is scheduled with `call_soon`. A task awaiting a promise is
//!   one of them: its wake-up runs one turn after the promise is set.
//! - A task is a future too: awaiting a task, `gather`, `shield`, `wait`,
//!   `TaskGroup` all hang callbacks on tasks and on futures of their own.
//! - Cancelling a task that waits cancels the future it waits on, at once.
//!
//! So the order of events is asyncio's, because the structure is: the
//! lecture's printed interleavings come out exactly, and so do the corners
//! (a task that catches its cancellation and returns a value, a timeout that
//! expires in the turn the work finishes, `asyncio.run`'s shutdown). The
//! loop's own methods are there too: [`EventLoop::call_soon`],
//! [`EventLoop::call_later`], [`Runtime::run_forever`],
//! [`EventLoop::stop`], [`Runtime::run_until_complete`].
//!
//! | asyncio's file | here |
//! |---|---|
//! | `events.py` | [`Handle`], [`TimerHandle`] |
//! | `base_events.py` | [`Runtime`], [`EventLoop`], [`RemoteLoop`], [`EventLoop::run_in_executor`] |
//! | `futures.py` | [`Promise`], [`RemotePromise`] |
//! | `tasks.py` | [`Task`], [`sleep()`], [`gather()`], [`shield()`], [`wait()`], [`wait_for()`], [`as_completed()`] |
//! | `timeouts.py` | [`timeout()`], [`timeout_at()`] |
//! | `taskgroups.py` | [`TaskGroup`] |
//! | `runners.py` | [`Runtime::run`] |
//! | `threads.py` | [`to_thread()`] |
//! | `exceptions.py` | [`TaskError`], [`CancelledError`] |
//! | `locks.py`, `queues.py` | the [`sync`](crate::sync) module |
//!
//! # 4. Watching it
//!
//! [`Runtime::record_trace`] records every spawn, step, wake-up and finish
//! on the loop's clock. Three ways to look at the record: as text
//! ([`Runtime::timeline`]), as a chart ([`Runtime::timeline_svg`], an SVG
//! to open in a browser), and in a trace viewer ([`Runtime::timeline_json`],
//! Chrome's trace-event format: drop the file on
//! [Perfetto](https://ui.perfetto.dev) or `chrome://tracing`; the
//! `chrome_trace` example writes one).
//!
//! **Example:** the lecture's second `say_after` program. `main` creates
//! two tasks, `say_after(1, 'hello')` and `say_after(2, 'world')`, then
//! awaits the first and the second: the two sleeps overlap, and the run
//! takes 2 s, not 3.
//!
//! ```
//! # use core::time::Duration;
//! # use resumable::scheduler::{sleep, spawn, Input, Join, Request, Sleep, Step, Task, TaskError};
//! # use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};
//! # struct SayAfter { nap: Sleep, msg: &'static str }
//! # impl Generator for SayAfter {
//! #     type Yield = Request;
//! #     type Return = &'static str;
//! #     type Error = TaskError;
//! #     fn resume(&mut self, input: Input) -> Step<&'static str> {
//! #         yield_from!(self.nap, input)?;
//! #         Ok(Complete(self.msg))
//! #     }
//! # }
//! # fn say_after(delay: u64, msg: &'static str) -> Task<&'static str> {
//! #     let task = spawn(SayAfter { nap: sleep(Duration::from_secs(delay)), msg });
//! #     task.set_name(format!("say_after({delay}, '{msg}')"));
//! #     task
//! # }
//! # #[derive(Default)]
//! # struct Main { tasks: Vec<Task<&'static str>>, awaiting: Option<Join<&'static str>>, said: Vec<&'static str> }
//! # impl Generator for Main {
//! #     type Yield = Request;
//! #     type Return = Vec<&'static str>;
//! #     type Error = TaskError;
//! #     fn resume(&mut self, mut input: Input) -> Step<Vec<&'static str>> {
//! #         loop {
//! #             match &mut self.awaiting {
//! #                 Some(task) => self.said.push(yield_from!(task, input)?),
//! #                 None => {
//! #                     input.sent()?;
//! #                     let task1 = say_after(1, "hello");
//! #                     self.tasks = vec![say_after(2, "world"), task1];
//! #                 }
//! #             }
//! #             input = Resume::Next;
//! #             match self.tasks.pop() {
//! #                 Some(task) => self.awaiting = Some(task.join()),
//! #                 None => return Ok(Complete(core::mem::take(&mut self.said))),
//! #             }
//! #         }
//! #     }
//! # }
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use resumable::scheduler::Runtime;
//!
//! // async def main():
//! //     task1 = asyncio.create_task(say_after(1, 'hello'), name="say_after(1, 'hello')")
//! //     task2 = asyncio.create_task(say_after(2, 'world'), name="say_after(2, 'world')")
//! //     return [await task1, await task2]
//! let mut rt = Runtime::new();
//! rt.record_trace();
//! let main = rt.spawn(Main::default());
//! main.set_name("main");
//! // `run_until_complete`: `run` would add asyncio.run's two shutdown tasks.
//! assert_eq!(rt.run_until_complete(main)??, ["hello", "world"]);
//! assert_eq!(
//!     rt.timeline().lines().collect::<Vec<_>>(),
//!     [
//!         "   0.000s  main  spawned",
//!         "   0.000s  say_after(1, 'hello')  spawned",
//!         "   0.000s  say_after(2, 'world')  spawned",
//!         "   0.000s  main  ran, waits for say_after(1, 'hello')",
//!         "   0.000s  say_after(1, 'hello')  ran, sleeps 1s",
//!         "   0.000s  say_after(2, 'world')  ran, sleeps 2s",
//!         "   1.000s  say_after(1, 'hello')  ran, returned",
//!         "   1.000s  main  ran, waits for say_after(2, 'world')",
//!         "   2.000s  say_after(2, 'world')  ran, returned",
//!         "   2.000s  main  ran, returned",
//!     ]
//! );
//! let chart = rt.timeline_svg(); // drawn below
//! # assert!(chart.starts_with("<svg"));
//! # Ok(())
//! # }
//! ```
//!
//! The chart, `rt.timeline_svg()` (hover over a mark for its story):
//!
#![doc = include_str!("trace/say_after.svg")]
//!
//! A lane per task: `main` waits (orange) for `say_after(1, 'hello')` until
//! it returns at 1 s, then for `say_after(2, 'world')`; both sleep (blue)
//! from the start, side by side. The dots are steps: on the virtual clock
//! a step takes no time, so every task runs at an instant and the bars are
//! the waiting in between.
//!
//! # 5. The toolbox
//!
//! | asyncio | here |
//! |---|---|
//! | `asyncio.run(main())` | [`Runtime::run`] |
//! | `asyncio.create_task(coro)` | [`spawn()`] (inside a task), [`Runtime::spawn`] |
//! | `await task`, `task.cancel(msg)`, `task.done()` | [`Task::join`], [`Task::cancel_with`], [`Task::done`] |
//! | `asyncio.current_task()`, `asyncio.all_tasks()` | [`current_task()`], [`all_tasks()`] |
//! | `await asyncio.sleep(s)` | [`sleep()`], [`yield_now`] |
//! | `loop.create_future()`, `await fut` | [`Promise`], [`Promise::wait`] |
//! | `asyncio.gather(*aws, return_exceptions=...)` | [`gather()`], [`Gather::return_exceptions`] |
//! | `asyncio.wait_for(aw, t)` | [`wait_for()`] |
//! | `async with asyncio.timeout(t):` | [`timeout()`] |
//! | `asyncio.shield(aw)` | [`shield()`] |
//! | `asyncio.wait(tasks, return_when=..., timeout=...)` | [`wait()`] |
//! | `asyncio.as_completed(aws)` | [`as_completed()`] |
//! | `async with asyncio.TaskGroup() as tg:` | [`TaskGroup`] |
//! | `async with manager as value: body`, `__aenter__` / `__aexit__` | [`async_with()`], [`AsyncContextManager`] |
//! | `asyncio.to_thread(f)` | [`to_thread()`] |
//! | `loop.run_in_executor(None, f)`: a future, not a task | [`EventLoop::run_in_executor`], [`Runtime::run_in_executor`] |
//! | `await asyncio.wrap_future(fut)`: any Rust `Future` (tokio, channels) | [`wrap_future()`] |
//! | `loop.time()` | [`now`], [`EventLoop::time`] |
//! | `async for x in it:`, `await anext(it)` | [`async_for()`], [`anext()`]; a class with `__anext__` is an [`AsyncIterator`] |
//! | `[x async for x in it]` (and dict, set) | [`AsyncIterator::collect`] |
//! | `async def` with `yield`, `ag.asend(v)`, `athrow(e)`, `aclose()` | [`AsyncGenerator`], [`async_gen()`] → [`AsyncGen`] |
//!
//! # 6. What asyncio cannot do
//!
//! When nothing is ready and nothing can become ready — no timer, no
//! thread at work — asyncio hangs. [`Runtime::run`] returns
//! [`RunError::Deadlock`] instead, naming each task alive and what it waits
//! for:
//!
//! ```text
//! deadlock: no task can run and no timer is pending
//!   Task-1 waits for Lock-1
//! ```
//!
//! # Cancellation
//!
//! [`Task::cancel`] cancels what the task waits on — a sleep, a promise,
//! another task (which cancels what *that* one waits on) — so that the
//! task's next step throws [`TaskError::Cancelled`] into it where it is
//! suspended, through every awaitable it is delegating to, so each can
//! clean up on the way out. A task may catch it, as in Python;
//! [`Task::cancelling`] counts the requests. [`shield()`] stops it.
//!
//! # Single thread
//!
//! Tasks, handles and primitives are `!Send`: one loop runs on one thread,
//! with no locks on its path. Blocking work goes to [`to_thread()`]; another
//! thread schedules a callback with [`RemoteLoop::call_soon_threadsafe`], or
//! hands a task its result through a [`RemotePromise`].
//!
//! # Futures, and when to move to tokio
//!
//! A task waits for any Rust `Future` with [`wrap_future()`]: it gets a real
//! `Waker` and sleeps until the future fires, so it can await a tokio task
//! or another crate's channel. The other way, a generator that yields "not
//! ready yet" is a `Future` ([`to_future`](crate::bridge::to_future)), which
//! tokio runs on all its threads. When the work needs more than one core or
//! real I/O, move it there; see [`bridge`](crate::bridge).

mod alarm;
mod async_iter;
mod async_with;
mod base_events;
mod blocker;
mod events;
mod exceptions;
mod executor;
mod futures;
mod manual_clock;
mod panics;
mod request;
mod round_robin;
mod run_future;
mod runners;
mod task_types;
mod taskgroups;
mod tasks;
mod threads;
mod timeouts;
mod trace;
mod wrap_future;

/// Which clock a [`Runtime`] runs on.
///
/// ```
/// use resumable::scheduler::{Clock, Runtime};
///
/// assert_eq!(Runtime::new().clock(), Clock::Virtual);
/// assert_eq!(Runtime::with_clock(Clock::Real).clock(), Clock::Real);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Clock {
    /// Time stands still while tasks run and jumps to the next timer when
    /// nothing is ready: a three-second program finishes at once, the same
    /// way every run. The default, for tests and examples.
    #[default]
    Virtual,
    /// The wall clock: sleeping really waits, as in the lecture's programs.
    Real,
}

pub use self::async_iter::{
    anext, async_for, async_gen, loop_input, shutdown_asyncgens, AClose, ASend, AThrow, Anext,
    AsyncFor, AsyncGen, AsyncGenerator, AsyncIterable, AsyncIterator, Collect, ShutdownAsyncgens,
    StopAsyncIteration,
};
pub use self::async_with::{
    async_with, ready, AsyncContextManager, AsyncWith, Leaving, Ready, Suppress,
};
pub use self::base_events::{
    get_running_loop, Deadlock, EventLoop, RemoteLoop, Report, ReportKind, RunError, Runtime,
};
pub use self::blocker::Blocker;
pub use self::events::{Handle, TimerHandle};
pub use self::exceptions::{CancelledError, ExceptionGroup, RuntimeError, TaskError, ValueError};
pub use self::futures::{CallbackId, Promise, PromiseWait, RemotePromise};
pub use self::manual_clock::{busy_sleep, BusySleep, ManualClock};
pub use self::panics::PanicError;
pub use self::request::{Awaited, Request};
pub use self::round_robin::RoundRobin;
pub use self::run_future::RunFuture;
pub use self::task_types::{Coroutine, Input, Step};
pub use self::taskgroups::{Empty, GroupExit, GroupScope, TaskGroup};
pub use self::tasks::{
    all_tasks, as_completed, current_task, gather, now, shield, sleep, spawn, wait, wait_for,
    yield_now, AnyJoin, AnyTask, AsCompleted, Gather, GatherResults, IntoTask, Join, NextCompleted,
    ReturnWhen, Shield, Sleep, Task, Wait, WaitFor, YieldNow,
};
pub use self::threads::{to_thread, ToThread};
pub use self::timeouts::{timeout, timeout_at, Timeout};
pub use self::trace::{Trace, TraceEvent, TraceKind};
pub use self::wrap_future::{wrap_future, WrapFuture};
