//! asyncio's synchronisation primitives for tasks.

mod locks;

pub use self::locks::{Acquire, Lock};
