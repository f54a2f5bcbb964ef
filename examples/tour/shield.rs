//! `asyncio.shield`: cancelling the shield does not cancel the task inside.
//!
//! ```python
//! async def start_task():
//!     print('Старт задачи...')
//!     await asyncio.sleep(2)
//!     print('А что со мной хотели сделать?')
//!
//!
//! async def cancel(some_task):
//!     await asyncio.sleep(0.5)
//!     some_task.cancel()
//!     print('Отмена!')
//!
//!
//! async def main():
//!     real_task = asyncio.create_task(start_task())
//!     shield = asyncio.shield(real_task)
//!     asyncio.create_task(cancel(shield))
//!     await real_task
//!
//!
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Старт задачи...
//! Отмена!
//! А что со мной хотели сделать?
//! ```
//!
//! In asyncio, `shield(real_task)` is a second future in front of the task:
//! cancelling it cancels only that future. Here [`shield`] is an awaitable,
//! so the future in front is a task awaiting it, `spawn(shield(real_task))`,
//! and that task is what `cancel` cancels: its `CancelledError` stops at the
//! shield, and `real_task` sleeps on and prints. A [`Task`] handle is
//! `Clone` (every clone is the same task), so `main` gives one to the
//! shield and awaits another. The notebook's `await main()` is the tour's
//! `asyncio.run(main())`: the same output, in the same order.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{shield, sleep, spawn, Runtime, Task};

use crate::asyncio::{millis, secs, show_run, Coroutine};
use crate::console::say;

/// `start_task()`: a print, two seconds, a print.
fn start_task() -> impl Coroutine {
    lazy(|| {
        say!("Старт задачи...");
        sleep(secs(2)).map_return(|()| say!("А что со мной хотели сделать?"))
    })
}

/// `cancel(some_task)`: half a second, then `some_task.cancel()`.
fn cancel(some_task: Task<()>) -> impl Coroutine {
    sleep(millis(500)).map_return(move |()| {
        some_task.cancel();
        say!("Отмена!");
    })
}

/// `main()`: creates the tasks, then `await real_task`.
fn main_task() -> impl Coroutine {
    lazy(|| {
        let real_task = spawn(start_task());
        let shield = spawn(shield(real_task.clone())); // the future `shield`
        spawn(cancel(shield)).detach();
        real_task.join()
    })
}

pub(crate) fn run() {
    show_run(Runtime::new().run(main_task()));
}
