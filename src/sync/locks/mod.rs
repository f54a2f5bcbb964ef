//! `asyncio/locks.py`: [`Lock`], [`Event`], [`Condition`], [`Semaphore`],
//! [`BoundedSemaphore`].
//!
//! Each keeps a line of futures, one per waiting task, and wakes a waiter by
//! setting its future's result: the waiter runs one loop turn later, and
//! takes what it waited for then. Between the two, the primitive's state is
//! what asyncio's is — a released lock is `locked() == false` until the
//! woken waiter runs.

mod bounded_semaphore;
mod condition;
mod condition_wait;
mod event;
mod lock;
mod release;
mod repr;
mod semaphore;

pub use self::bounded_semaphore::BoundedSemaphore;
pub use self::condition::Condition;
pub use self::condition_wait::{ConditionWait, ConditionWaitFor};
pub use self::event::{Event, EventWait};
pub use self::lock::{Acquire, Lock};
pub use self::release::Release;
pub use self::semaphore::{Semaphore, SemaphoreAcquire};
