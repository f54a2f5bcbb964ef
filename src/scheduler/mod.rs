//! The event loop: tasks that are generators, and the asyncio toolbox built
//! on them.
//!
//! This module is the lecture's road from a hand-written loop to asyncio,
//! with nothing hidden: every task is a generator you can read, and the loop
//! is a queue and a timer heap.
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
//! A *task* is a generator that yields a [`Request`] to the loop each time
//! it suspends — `Yield` (`await asyncio.sleep(0)`), `Sleep(d)`, or
//! `Wait { on, .. }` (parked until something wakes it) — and finally
//! returns its value or raises a [`TaskError`]:
//!
//! ```text
//! Generator<(), Yield = Request, Return = T, Error = TaskError>
//! ```
//!
//! The library's awaitables are generators of the same shape: [`sleep()`],
//! [`Task::join`], [`gather()`], [`wait_for()`], the [`sync`](crate::sync)
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
//! assert_eq!(rt.now(), Duration::from_secs(1));
//! ```
//!
//! # 3. The loop
//!
//! [`Runtime`] keeps a FIFO queue of ready tasks and a heap of timers. It
//! resumes the first ready task; what the task yields decides where it goes
//! next: to the back of the queue, onto the timer heap, or nowhere until a
//! [`TaskWaker`] fires. When no task is ready, the clock moves to the next
//! timer. On the default [`Clock::Virtual`] it *jumps*, so a program that
//! sleeps for minutes finishes at once and the same way every run; with
//! [`Clock::Real`] it really sleeps.
//!
//! The order is asyncio's, so the lecture's printed interleavings come out
//! exactly: new tasks run in spawn order, woken tasks in the order they
//! were woken, timers by deadline and equal deadlines in the order they were
//! set, [`gather()`] results in argument order.
//!
//! # 4. Watching it
//!
//! [`Runtime::record_trace`] records every switch; [`Runtime::timeline`]
//! prints it. Two `say_after` tasks, as in the lecture (2 s, not 3):
//!
//! ```text
//!    0.000s  Task-1  spawned                    main()
//!    0.000s  Task-2  spawned                    create_task(say_after(1, 'hello'))
//!    0.000s  Task-3  spawned                    create_task(say_after(2, 'world'))
//!    0.000s  Task-1  ran, waits for Task-2      await task1
//!    0.000s  Task-2  ran, sleeps 1s
//!    0.000s  Task-3  ran, sleeps 2s
//!    1.000s  Task-2  ran, returned              hello
//!    1.000s  Task-1  ran, waits for Task-3      await task2
//!    2.000s  Task-3  ran, returned              world
//!    2.000s  Task-1  ran, returned
//! ```
//!
//! (The tour's `timeline` program prints exactly this, pinned by a test.)
//!
//! [`Runtime::timeline_svg`] draws the same run as a chart: one lane per
//! task, a bar while it sleeps or waits.
//!
//! # 5. The toolbox
//!
//! | asyncio | here |
//! |---|---|
//! | `asyncio.run(main())` | [`Runtime::run`] |
//! | `asyncio.create_task(coro)` | [`spawn()`] (inside a task), [`Runtime::spawn`] |
//! | `await task`, `task.cancel()`, `task.done()` | [`Task::join`], [`Task::cancel`], [`Task::done`] |
//! | `await asyncio.sleep(s)` | [`sleep()`], [`yield_now`] |
//! | `asyncio.gather(*aws, return_exceptions=...)` | [`gather()`], [`Gather::return_exceptions`] |
//! | `asyncio.wait_for(aw, t)`, `asyncio.timeout(t)` | [`wait_for()`], [`timeout()`] |
//! | `asyncio.shield(aw)` | [`shield()`] |
//! | `asyncio.wait(aws, return_when=..., timeout=...)` | [`wait()`] |
//! | `asyncio.as_completed(aws)` | [`as_completed()`] |
//! | `asyncio.TaskGroup()` | [`TaskGroup`] |
//! | `asyncio.to_thread(f)` | [`to_thread`] |
//! | `await asyncio.wrap_future(fut)`: any Rust `Future` (tokio, channels) | [`wrap_future()`] |
//! | `loop.time()` | [`now`] |
//!
//! # 6. What asyncio cannot do
//!
//! When every task waits and nothing can wake any of them — no timer, no
//! thread at work — asyncio hangs. [`Runtime::run`] returns
//! [`RunError::Deadlock`] instead, naming each blocked task and what it
//! waits for:
//!
//! ```text
//! deadlock: no task can run and no timer is pending
//!   Task-1 waits for Lock-1
//! ```
//!
//! # Cancellation
//!
//! [`Task::cancel`] throws [`TaskError::Cancelled`] into the task where it
//! is suspended, through every awaitable it is delegating to, so each can
//! clean up on the way out (and a task may catch it, as in Python). A task
//! awaiting another passes the cancellation on to it; [`shield()`] stops it.
//!
//! # Single thread
//!
//! Tasks, handles and primitives are `!Send`: one loop runs on one thread,
//! with no locks on its path. Blocking work goes to [`to_thread`]; a
//! [`RemoteWaker`] wakes a task from another thread.
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
mod base_events;
mod blocker;
mod events;
mod exceptions;
mod futures;
mod manual_clock;
mod request;
mod round_robin;
mod run_future;
mod runners;
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

pub use self::base_events::{
    get_running_loop, Deadlock, EventLoop, RemoteLoop, Report, ReportKind, RunError, Runtime,
};
pub use self::blocker::Blocker;
pub use self::events::{Handle, TimerHandle};
pub use self::exceptions::{
    CancelledError, ExceptionGroup, RuntimeError, TaskError, ValueError,
};
pub use self::futures::{Awaited, CallbackId, Promise, PromiseWait};
pub use self::manual_clock::{busy_sleep, BusySleep, ManualClock};
pub use self::request::Request;
pub use self::round_robin::RoundRobin;
pub use self::run_future::RunFuture;
pub use self::tasks::{
    all_tasks, as_completed, current_task, gather, now, shield, sleep, spawn, wait, wait_for,
    yield_now, AnyTask, AsCompleted, Gather, GatherResults, IntoTask, Join, NextCompleted,
    ReturnWhen, Shield, Sleep, Task, Wait, WaitFor,
};
pub use self::taskgroups::{Empty, GroupScope, TaskGroup};
pub use self::timeouts::{timeout, timeout_at, Timeout};
pub use self::threads::{to_thread, ToThread};
pub use self::trace::{Trace, TraceEvent, TraceKind};
pub use self::wrap_future::{wrap_future, WrapFuture};
