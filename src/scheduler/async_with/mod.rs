//! `async with` (PEP 492): [`AsyncContextManager`] is `__aenter__` /
//! `__aexit__`, [`async_with`] is the statement.
//!
//! ```python
//! async with lock:                        async_with(lock.clone(), |()| {
//!     print("in")                             println!("in");
//!     await asyncio.sleep(1)                  sleep(Duration::from_secs(1))
//!                                         })
//! ```
//!
//! The statement is an awaitable like any other: a task delegates to it
//! with [`yield_from!`](crate::yield_from!). Its body is a closure that
//! gets what `__aenter__` returned (the `as` target) and returns the
//! block's awaitable; the closure's own code is the block's code before its
//! first `await`.
//!
//! The crate's primitives are managers: [`Lock`](crate::sync::Lock),
//! [`Semaphore`](crate::sync::Semaphore),
//! [`BoundedSemaphore`](crate::sync::BoundedSemaphore) and
//! [`Condition`](crate::sync::Condition) (enter acquires, exit releases),
//! [`TaskGroup`](crate::scheduler::TaskGroup) (exit waits for the members)
//! and [`Timeout`](crate::scheduler::Timeout) (exit turns the deadline's
//! cancellation into `TimeoutError`). A type of yours becomes one by
//! implementing the trait; [`ready()`] is an `__aenter__` that does not wait.
//!
//! See [`async_with`] for the order of events on each way out (return,
//! error, cancellation, close), which is CPython's.

mod manager;
mod ready;
mod statement;
mod suppress;

pub use self::manager::{AsyncContextManager, Leaving};
pub use self::ready::{ready, Ready};
pub use self::statement::{async_with, AsyncWith};
pub use self::suppress::Suppress;
