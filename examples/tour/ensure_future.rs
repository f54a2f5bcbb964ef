//! `asyncio.ensure_future(coro)` wraps a coroutine in a task, which is a
//! `Future`: it starts running at once, and awaiting it later gives its
//! result, however long ago it finished.
//!
//! ```python
//! async def slow_operation():
//!     await asyncio.sleep(2)
//!     return "Завершено!"
//!
//!
//! async def main():
//!     future = asyncio.ensure_future(slow_operation())  # Создание объекта Future
//!     await asyncio.sleep(1)
//!     future_result = await future  # Ожидание завершения Future
//!     print(future_result)
//!
//!
//! await main()
//!
//!
//! async def slow_operation(num):
//!     await asyncio.sleep(2)
//!     return f"Операция {num} завершена"
//!
//! async def main():
//!     futures = [asyncio.ensure_future(slow_operation(i)) for i in range(3)]  # Создание нескольких объектов Future
//!     results = await asyncio.gather(*futures)  # Ожидание завершения всех Future
//!     for result in results:
//!         print(result)
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Завершено!
//!
//! Операция 0 завершена
//! Операция 1 завершена
//! Операция 2 завершена
//! ```
//!
//! `ensure_future` of a coroutine is [`spawn`]. The first `main` takes 2 s,
//! not 3: the operation sleeps while `main` does; the second, 2 s for all
//! three. The tour prints without the blank line, and adds a `#` line with
//! the loop's clock after each.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{gather, sleep, spawn, Runtime};

use crate::asyncio::{say_clock, secs, show_run, Coroutine, SECOND};
use crate::console::say;

/// The first `slow_operation()`: sleeps 2 s, then returns its message.
fn slow_operation() -> impl Coroutine<&'static str> {
    sleep(secs(2)).map_return(|()| "Завершено!")
}

/// The first `main`: the task, a one-second sleep, then awaiting the task.
fn main_task() -> impl Coroutine {
    lazy(|| {
        let future = spawn(slow_operation()); // Создание объекта Future
        sleep(SECOND)
            .then(move |()| future.join()) // Ожидание завершения Future
            .map_return(|future_result| say!("{future_result}"))
    })
}

/// The second `slow_operation(num)`.
fn slow_operation_num(num: u32) -> impl Coroutine<String> {
    sleep(secs(2)).map_return(move |()| format!("Операция {num} завершена"))
}

/// The second `main`: three tasks, gathered.
fn gather_main() -> impl Coroutine {
    lazy(|| {
        let futures: Vec<_> = (0..3).map(|i| spawn(slow_operation_num(i))).collect();
        gather(futures).map_return(|results| {
            for result in results {
                say!("{result}");
            }
        })
    })
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(main_task()));
    say_clock(&rt);

    let mut rt = Runtime::new();
    show_run(rt.run(gather_main()));
    say_clock(&rt);
}
