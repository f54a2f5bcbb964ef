//! `asyncio/queues.py`: [`Queue`], [`LifoQueue`], [`PriorityQueue`],
//! [`QueueEmpty`], [`QueueFull`].
//!
//! A queue keeps two lines of futures, getters and putters. A put wakes
//! the first getter and a get wakes the first putter, by setting its
//! future's result; the woken task runs a turn later and looks at the
//! queue again then, waiting anew if someone was quicker.

mod errors;
mod get;
mod items;
mod join;
mod kinds;
mod put;
mod queue;

pub use self::errors::{QueueEmpty, QueueFull};
pub use self::get::Get;
pub use self::join::QueueJoin;
pub use self::kinds::{LifoQueue, PriorityQueue};
pub use self::put::Put;
pub use self::queue::Queue;
