//! Requests one after another, or all at once: the seed's `aiohttp`
//! programs, with the network simulated.
//!
//! ```python
//! import asyncio
//! import aiohttp
//!
//! async def fetch_data(url):
//!     async with aiohttp.ClientSession() as session:
//!         async with session.get(url) as response:
//!             return await response.text()
//!
//! async def main():
//!     task1 = asyncio.create_task(fetch_data("https://example.com/1"))
//!     task2 = asyncio.create_task(fetch_data("https://example.com/2"))
//!     task3 = asyncio.create_task(fetch_data("https://example.com/3"))
//!     print(type(task1))
//!
//!     results = await asyncio.gather(task1, task2, task3)
//!
//!     for i, result in enumerate(results, start=1):
//!         print(f"Обработан результат {i}")
//!
//! asyncio.run(main())
//!
//!
//! async def main():
//!     result1 = await fetch_data("https://example.com/1")
//!     print("Обработан результат 1")
//!
//!     result2 = await fetch_data("https://example.com/2")
//!     print("Обработан результат 2")
//!
//!     result3 = await fetch_data("https://example.com/3")
//!     print("Обработан результат 3")
//!
//! # Запуск программы
//! asyncio.run(main())
//! ```
//!
//! The seed prints:
//!
//! ```text
//! <class 'asyncio.tasks.Task'>
//! Обработан результат 1
//! Обработан результат 2
//! Обработан результат 3
//!
//! Обработан результат 1
//! Обработан результат 2
//! Обработан результат 3
//! ```
//!
//! The tour does no networking: `fetch_data(url)` sleeps one second and
//! returns a made-up page. The lines are the same either way; what differs
//! is the time, which the tour shows in a `#` line after each: the three
//! tasks wait together, 1 s, the three awaits one after another, 3 s.
//! `type(task1)` is our [`Task`]'s name, `<class 'Task<String>'>`. (The
//! seed's third program is the first without the `print(type(task1))`.)
//!
//! The seeds' other `aiohttp` programs print what a server answers (a
//! status, a URL, a JSON page), with nothing of scheduling to show, so the
//! tour leaves them out; the one with a `Semaphore` is `semaphore`.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{gather, sleep, spawn, Runtime};

use crate::asyncio::{say_clock, show_run, type_of, Coroutine, SECOND};
use crate::console::say;

/// `fetch_data(url)`, simulated: a second's wait for the answer.
fn fetch_data(url: &'static str) -> impl Coroutine<String> {
    sleep(SECOND).map_return(move |()| format!("<html>{url}</html>")) // response.text()
}

/// The first `main()`: three tasks, gathered.
fn with_tasks() -> impl Coroutine {
    lazy(|| {
        let task1 = spawn(fetch_data("https://example.com/1"));
        let task2 = spawn(fetch_data("https://example.com/2"));
        let task3 = spawn(fetch_data("https://example.com/3"));
        say!("{}", type_of(&task1));
        gather([task1, task2, task3]).map_return(|results| {
            for (i, _result) in (1..).zip(results) {
                say!("Обработан результат {i}");
            }
        })
    })
}

/// The second `main()`: one `await` after another.
fn one_by_one() -> impl Coroutine {
    fetch_data("https://example.com/1")
        .then(|_result1| {
            say!("Обработан результат 1");
            fetch_data("https://example.com/2")
        })
        .then(|_result2| {
            say!("Обработан результат 2");
            fetch_data("https://example.com/3")
        })
        .map_return(|_result3| say!("Обработан результат 3"))
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(with_tasks()));
    say_clock(&rt);

    let mut rt = Runtime::new();
    show_run(rt.run(one_by_one()));
    say_clock(&rt);
}
