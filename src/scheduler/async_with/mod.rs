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
mod statement;
mod suppress;

pub use self::manager::{AsyncContextManager, Leaving};
/// An awaitable that finishes at once with a value, or raises: the
/// generic [`Ready`](crate::generator::Ready) with a task's yield and
/// error types, for an `__aenter__` or `__aexit__` that does not wait.
/// Made by [`ready()`] and [`Ready::raise`](crate::generator::Ready::raise).
/// See [`ready()`] for an example.
///
pub type Ready<T> = crate::generator::Ready<T, super::Request, super::TaskError, ()>;

/// An awaitable that returns `value` at once: [`generator::ready`] with a
/// task's types, so that a chain starting from it needs no annotation.
///
/// ```python
/// async def value():
///     return 'conn'
/// ```
///
/// ```
/// use resumable::scheduler::{ready, Ready, Runtime, TaskError};
///
/// assert_eq!(Runtime::new().run(ready("conn")).unwrap(), "conn");
/// // async def fail(): raise TimeoutError
/// let fail: Ready<()> = Ready::raise(TaskError::TimedOut);
/// assert!(Runtime::new().run(fail).is_err());
/// ```
///
/// [`generator::ready`]: crate::generator::ready()
pub fn ready<T>(value: T) -> Ready<T> {
    crate::generator::ready(value)
}
pub use self::statement::{async_with, AsyncWith};
pub use self::suppress::Suppress;
