//! `asyncio.Lock`: one task at a time in the `async with lock:` block, even
//! when the block awaits.
//!
//! ```python
//! import asyncio
//!
//! lock = asyncio.Lock()
//!
//! async def task(name):
//!     async with lock:  # Гарантируем, что только одна задача будет выполняться в данном блоке
//!         print(f"{name} начинает выполнение")
//!         await asyncio.sleep(1)
//!         print(f"{name} завершена")
//!
//! async def main():
//!     await asyncio.gather(
//!         task("Задача 1"),
//!         task("Задача 2"),
//!         task("Задача 3")
//!     )
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Задача 1 начинает выполнение
//! Задача 1 завершена
//! Задача 2 начинает выполнение
//! Задача 2 завершена
//! Задача 3 начинает выполнение
//! Задача 3 завершена
//! ```
//!
//! The three tasks take their turns: 3 s in all, the tour's `#` line. The
//! lock is not handed over: [`Lock::release`] (the end of `async with`)
//! unlocks it and wakes the first task in line, which takes it when it
//! runs, a turn later (nobody can slip in between: a free lock is taken at
//! once only when nobody waits). The global `lock` is a [`Lock`] handle
//! each task gets a clone of.
//!
//! `async with lock:` is [`async_with`]`(lock, |()| body)`: the closure is
//! the block's code up to its first `await` (`print`), the awaitable it
//! returns is the rest (the sleep, then the second `print`); the lock is
//! released on every way out of the block.

use resumable::scheduler::{async_with, gather, sleep, Runtime};
use resumable::sync::Lock;
use resumable::Generator;

use crate::asyncio::{say_clock, show_run, Coroutine, SECOND};
use crate::console::say;

/// `task(name)`.
fn task(name: &'static str, lock: &Lock) -> impl Coroutine {
    async_with(lock.clone(), move |()| {
        say!("{name} начинает выполнение");
        sleep(SECOND).map_return(move |()| say!("{name} завершена"))
    })
}

pub(crate) fn run() {
    let lock = Lock::new();
    let tasks = ["Задача 1", "Задача 2", "Задача 3"].map(|name| task(name, &lock));
    let mut rt = Runtime::new();
    show_run(rt.run(gather(tasks)));
    say_clock(&rt);
}
