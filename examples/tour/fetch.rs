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

use resumable::scheduler::{
    gather, sleep, spawn, Gather, Request, Runtime, Sleep, Task, TaskError,
};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, show_run, type_of, Input, Step, SECOND};
use crate::console::say;

const URLS: [&str; 3] = [
    "https://example.com/1",
    "https://example.com/2",
    "https://example.com/3",
];

/// `fetch_data(url)`, simulated: a second's wait for the answer.
struct FetchData {
    url: &'static str,
    response: Sleep,
}

fn fetch_data(url: &'static str) -> FetchData {
    FetchData {
        url,
        response: sleep(SECOND),
    }
}

impl Generator for FetchData {
    type Yield = Request;
    type Return = String;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<String> {
        yield_from!(self.response, input)?;
        Ok(Complete(format!("<html>{}</html>", self.url))) // response.text()
    }
}

/// The first `main()`: three tasks, gathered.
struct WithTasks {
    gather: Option<Gather<Task<String>>>,
}

impl Generator for WithTasks {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let gathering = match &mut self.gather {
            Some(gathering) => gathering,
            None => {
                input.sent()?;
                input = Resume::Next;
                let [task1, task2, task3] = URLS.map(|url| spawn(fetch_data(url)));
                say!("{}", type_of(&task1));
                self.gather.insert(gather([task1, task2, task3]))
            }
        };
        let results = yield_from!(gathering, input)?;
        for (i, _result) in results.iter().enumerate() {
            say!("Обработан результат {}", i + 1);
        }
        Ok(Complete(()))
    }
}

/// The second `main()`: one `await` after another.
struct OneByOne {
    fetched: usize,
    fetching: Option<FetchData>,
}

impl Generator for OneByOne {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match &mut self.fetching {
                Some(fetching) => {
                    let _result = yield_from!(fetching, input)?;
                    self.fetched += 1;
                    say!("Обработан результат {}", self.fetched);
                }
                None => {
                    input.sent()?;
                }
            }
            input = Resume::Next;
            match URLS.get(self.fetched) {
                Some(url) => self.fetching = Some(fetch_data(url)),
                None => return Ok(Complete(())),
            }
        }
    }
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(WithTasks { gather: None }));
    say_clock(&rt);

    let mut rt = Runtime::new();
    show_run(rt.run(OneByOne {
        fetched: 0,
        fetching: None,
    }));
    say_clock(&rt);
}
