//! `asyncio.Future`: a result that one task sets with `set_result` and
//! another awaits. `as_completed` hands out several in the order they are
//! set.
//!
//! ```python
//! import asyncio
//!
//! async def set_future_result(fut):
//!     await asyncio.sleep(2)
//!     fut.set_result("Результат готов!")
//!
//! async def main():
//!     fut = asyncio.Future()
//!
//!     asyncio.create_task(set_future_result(fut))
//!
//!     result = await fut
//!     print(result)
//!
//! asyncio.run(main())
//!
//!
//! async def set_future_result(fut, delay, result):
//!     await asyncio.sleep(delay)
//!     fut.set_result(result)
//!     print(f"Future с результатом '{result}' завершен")
//!
//! async def process_futures(futures):
//!     for future in asyncio.as_completed(futures):
//!         result = await future
//!         print(f"Обработан результат: {result}")
//!
//! async def main():
//!     fut1 = asyncio.Future()
//!     fut2 = asyncio.Future()
//!     fut3 = asyncio.Future()
//!     print(type(fut1))
//!
//!     asyncio.create_task(set_future_result(fut1, 2, "Результат 1"))
//!     asyncio.create_task(set_future_result(fut2, 1, "Результат 2"))
//!     asyncio.create_task(set_future_result(fut3, 3, "Результат 3"))
//!
//!     await process_futures([fut1, fut2, fut3])
//!
//! # Запуск программы
//! asyncio.run(main())
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Результат готов!
//!
//! <class 'asyncio.futures.Future'>
//! Future с результатом 'Результат 2' завершен
//! Обработан результат: Результат 2
//! Future с результатом 'Результат 1' завершен
//! Обработан результат: Результат 1
//! Future с результатом 'Результат 3' завершен
//! Обработан результат: Результат 3
//! ```
//!
//! A bare `asyncio.Future()` is a [`Promise`]: [`Promise::set_result`] on
//! one side, [`Promise::wait`] (`await fut`) on the other. `type(fut1)`
//! prints our type's name, `<class 'Promise<&str>'>`, without its module
//! path.
//!
//! [`as_completed`] takes coroutines or tasks, and makes each coroutine a
//! task at once, so it is called inside the loop, as `process_futures`
//! starts. asyncio takes the futures themselves; here each is a task
//! awaiting one promise ([`Promise::wait`]), which finishes a turn after
//! its promise is set: the same order. The tour prints the lines without
//! the blank one.

use resumable::generator::{lazy, sequence, Generator};
use resumable::scheduler::{as_completed, sleep, spawn, Promise, Runtime};

use crate::asyncio::{secs, show_run, type_of, Coroutine};
use crate::console::say;

/// The first program's `set_future_result(fut)`. A future is set once
/// only: asyncio would raise `InvalidStateError` on a second time.
fn set_ready_result(fut: Promise<&'static str>) -> impl Coroutine {
    sleep(secs(2)).map_return(move |()| fut.set_result("Результат готов!").expect("set once"))
}

/// The first `main()`: creates the future and awaits it.
fn main_task() -> impl Coroutine {
    lazy(|| {
        let fut = Promise::new();
        spawn(set_ready_result(fut.clone())).detach();
        fut.wait().map_return(|result| say!("{result}")) // result = await fut
    })
}

/// The second program's `set_future_result(fut, delay, result)`.
fn set_future_result(
    fut: &Promise<&'static str>,
    delay: u64,
    result: &'static str,
) -> impl Coroutine {
    let fut = fut.clone();
    sleep(secs(delay)).map_return(move |()| {
        fut.set_result(result).expect("set once");
        say!("Future с результатом '{result}' завершен");
    })
}

/// `process_futures(futures)`: the `for` over `as_completed`, one `await`
/// at a time.
fn process_futures(futures: [Promise<&'static str>; 3]) -> impl Coroutine {
    lazy(move || {
        let futures = as_completed(futures.each_ref().map(Promise::wait), None);
        sequence(
            futures.map(|future| future.map_return(|result| say!("Обработан результат: {result}"))),
        )
    })
}

/// The second `main()`.
fn as_completed_main() -> impl Coroutine {
    lazy(|| {
        let (fut1, fut2, fut3) = (Promise::new(), Promise::new(), Promise::new());
        say!("{}", type_of(&fut1));
        spawn(set_future_result(&fut1, 2, "Результат 1")).detach();
        spawn(set_future_result(&fut2, 1, "Результат 2")).detach();
        spawn(set_future_result(&fut3, 3, "Результат 3")).detach();
        process_futures([fut1, fut2, fut3])
    })
}

pub(crate) fn run() {
    show_run(Runtime::new().run(main_task()));
    show_run(Runtime::new().run(as_completed_main()));
}
