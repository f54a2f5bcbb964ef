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
//! lock is not handed over: [`Lock::release`] unlocks it and wakes the
//! first task in line, which takes it when it runs, a turn later (nobody
//! can slip in between: a free lock is taken at once only when nobody
//! waits). The global `lock` is a [`Lock`] handle each task gets a clone
//! of.

use resumable::scheduler::{gather, sleep, Request, Runtime, Sleep, TaskError};
use resumable::sync::{Acquire, Lock};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, show_run, Input, Step, SECOND};
use crate::console::say;

/// `task(name)`: waiting for the lock, or inside the block.
enum Task {
    Acquiring(&'static str, Lock, Acquire),
    Inside(&'static str, Lock, Sleep),
}

fn task(name: &'static str, lock: &Lock) -> Task {
    Task::Acquiring(name, lock.clone(), lock.acquire())
}

impl Generator for Task {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match self {
                Task::Acquiring(name, lock, acquire) => {
                    yield_from!(acquire, input)?; // async with lock:
                    let name: &'static str = name;
                    say!("{name} начинает выполнение");
                    *self = Task::Inside(name, lock.clone(), sleep(SECOND));
                }
                Task::Inside(name, lock, nap) => {
                    let napped = yield_from!(nap, input);
                    if napped.is_ok() {
                        say!("{name} завершена");
                    }
                    lock.release(); // the block ends, however it ends
                    return napped.map(Complete);
                }
            }
            input = Resume::Next;
        }
    }
}

pub(crate) fn run() {
    let lock = Lock::new();
    let tasks = ["Задача 1", "Задача 2", "Задача 3"].map(|name| task(name, &lock));
    let mut rt = Runtime::new();
    show_run(rt.run(gather(tasks)));
    say_clock(&rt);
}
