//! `asyncio.to_thread` (Python 3.9+): blocking code on a thread of its own,
//! awaited without blocking the loop.
//!
//! ```python
//! import asyncio
//! import time
//!
//!
//! def blocking_io():
//!     """Синхронная функция, которая блокирует поток"""
//!     time.sleep(2)
//!     return "Результат блокирующей операции"
//!
//!
//! async def main():
//!     print("Запускаем блокирующую операцию в отдельном потоке...")
//!
//!     # Запускаем синхронную функцию в отдельном потоке
//!     result = await asyncio.to_thread(blocking_io)
//!
//!     print(f"Получили: {result}")
//!
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints no output; Python prints:
//!
//! ```text
//! Запускаем блокирующую операцию в отдельном потоке...
//! Получили: Результат блокирующей операции
//! ```
//!
//! [`to_thread`] runs the closure on a new thread and parks the task until
//! the thread wakes it. The thread's `std::thread::sleep` is real: the tour
//! sleeps 20 ms there, not 2 s, to stay quick. On the virtual clock a
//! thread's work takes no loop time (the loop waits for the thread before
//! it moves its clock), so the tour's `#` line reads 0 s.
//!
//! Seed 001 shows the older form, `loop.run_in_executor(None, blocking)`
//! next to a coroutine, with `time.ctime()` stamps, and the error of a loop
//! closed before its executor's work is done. The tour leaves those out:
//! their point is how real time on the thread and on the loop interleave,
//! which the virtual clock does not model.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{to_thread, Runtime};

use crate::asyncio::{millis, say_clock, show_run, Coroutine};
use crate::console::say;

/// `blocking_io()`: blocks the thread it runs on.
fn blocking_io() -> &'static str {
    std::thread::sleep(millis(20)); // time.sleep(2), shortened
    "Результат блокирующей операции"
}

/// `main()`: a print, the thread, a print.
fn main_task() -> impl Coroutine {
    lazy(|| {
        say!("Запускаем блокирующую операцию в отдельном потоке...");
        // Запускаем синхронную функцию в отдельном потоке
        to_thread(blocking_io).map_return(|result| say!("Получили: {result}"))
    })
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(main_task()));
    say_clock(&rt);
}
