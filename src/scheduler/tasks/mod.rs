//! `asyncio/tasks.py`: [`Task`], and the ways to wait for tasks —
//! [`sleep()`], [`gather`](fn@gather), [`shield`](fn@shield), [`wait`](fn@wait),
//! [`wait_for`](fn@wait_for), [`as_completed`](fn@as_completed).
//!
//! A task is a generator run by the loop, and a future of its outcome. Its
//! step is a callback: it resumes the generator once, and what the
//! generator yields decides what comes next — a bare yield queues the next
//! step at once, a future gets the task's wake-up as a done callback. That
//! is why cancelling a task that waits cancels the future it waits on, at
//! once: `Task.cancel()` reaches `_fut_waiter`.

mod any_join;
mod as_completed;
mod gather;
mod shared;
mod shield;
mod sleep;
mod step;
mod task;
mod wait;
mod wait_for;

pub use self::any_join::AnyJoin;
pub use self::as_completed::{as_completed, AsCompleted, NextCompleted};
pub use self::gather::{gather, Gather, GatherResults};
pub use self::shield::{shield, Shield};
pub use self::sleep::{now, sleep, yield_now, Sleep, YieldNow};
pub(crate) use self::task::tasks_of;
pub use self::task::{all_tasks, current_task, spawn, AnyTask, IntoTask, Join, Task};
pub use self::wait::{wait, ReturnWhen, Wait};
pub use self::wait_for::{wait_for, WaitFor};
