//! The bridge between generators and Rust's [`Future`](core::future::Future):
//! both ways, without `unsafe` and, for the adapters, without `std`.
//!
//! # 1. A generator is a future
//!
//! An `async fn` is a state machine that the executor resumes with `poll`,
//! as the lecture's event loop resumes a coroutine with `send(None)`; its
//! `return` is `Poll::Ready`, as a coroutine's is `StopIteration.value`. So
//! a generator whose yields mean "not ready yet" *is* a future:
//! [`to_future()`] makes it one (Python's `@types.coroutine`), and any
//! executor can run it.
//!
//! ```python
//! @types.coroutine
//! def simple_sleep(ticks):
//!     for _ in range(ticks):
//!         yield                       # not ready yet
//!
//! async def my_coroutine():
//!     await simple_sleep(2)
//!     return 1
//!
//! print(asyncio.run(my_coroutine()))  # 1
//! ```
//!
//! ```
//! use resumable::bridge::{block_on, to_future};
//! use resumable::generator::from_iter;
//!
//! let simple_sleep = |ticks: usize| from_iter(core::iter::repeat(()).take(ticks));
//! async fn my_coroutine(sleep: impl core::future::Future<Output = ()>) -> i32 {
//!     sleep.await;
//!     1
//! }
//! assert_eq!(block_on(my_coroutine(to_future(simple_sleep(2)))), 1);
//! ```
//!
//! # 2. A future is a generator
//!
//! The other way, [`from_future()`] polls a future on each resume and
//! yields while it is pending: `__await__`. Inside the
//! [`scheduler`](crate::scheduler), [`wrap_future`](fn@crate::scheduler::wrap_future)
//! does it for a task: the task gets a real `Waker` and sleeps until the
//! future fires, so a task can wait for a thread, a channel of another
//! crate or a tokio task.
//!
//! # 3. Without a runtime
//!
//! [`block_on()`] (with `std`) runs one future on the current thread: enough
//! for examples and tests.
//!
//! # 4. When one thread is not enough
//!
//! The scheduler is one thread, deterministic, with a virtual clock and a
//! deadlock report: the place to learn, test and debug. When the work needs
//! more than one core, or real I/O, move it to tokio: a generator that
//! yields "not ready yet" becomes a tokio task with
//! `tokio::spawn(to_future(generator))` (it is `Send` when the generator
//! is), and a scheduler task that must wait for tokio wraps the
//! `JoinHandle` in `wrap_future`.
//!
//! | Python | here |
//! |---|---|
//! | `@types.coroutine` on a generator, `await gen` | [`to_future(gen)`](to_future()), `.await` |
//! | `coroutine.send(None)` / `StopIteration.value` | `poll` / `Poll::Ready(value)` |
//! | `fut.__await__()`, `yield from fut` | [`from_future(fut, waker)`](from_future()) |
//! | `await asyncio.wrap_future(fut)` in a task | [`wrap_future(fut)`](fn@crate::scheduler::wrap_future) |
//! | `asyncio.run(coro)` for one coroutine | `block_on(fut)` |

mod from_future;
mod to_future;

#[cfg(feature = "std")]
mod block_on;

#[cfg(feature = "std")]
pub use self::block_on::block_on;
pub use self::from_future::{from_future, FromFuture};
pub use self::to_future::{to_future, ToFuture};
