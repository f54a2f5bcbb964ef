//! `asyncio/locks.py`: [`Lock`], [`Event`], [`Condition`], [`Semaphore`],
//! [`BoundedSemaphore`].
//!
//! Each keeps a line of futures, one per waiting task, and wakes a waiter by
//! setting its future's result: the waiter runs one loop turn later, and
//! takes what it waited for then. Between the two, the primitive's state is
//! what asyncio's is — a released lock is `locked() == false` until the
//! woken waiter runs.

mod lock;

pub use self::lock::{Acquire, Lock};
