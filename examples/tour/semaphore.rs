//! `asyncio.Semaphore`: at most N tasks at once in a block. A hundred
//! requests, ten at a time.
//!
//! ```python
//! from asyncio import Semaphore
//! from aiohttp import ClientSession
//!
//!
//! async def get_url(url: str, session: ClientSession, semaphore: Semaphore):
//!     print('Waiting to acquire semaphore...')
//!     async with semaphore:
//!         print('Semaphore acquired, requesting...')
//!         response = await session.get(url)
//!         print('Finishing requesting')
//!         return response.status
//!
//!
//! async def main():
//!     # Хотя мы запускаем 100 задач, одновременно будут выполняться только 10 задач.
//!     semaphore: Semaphore = Semaphore(10)
//!     async with ClientSession() as session:
//!         tasks = [asyncio.create_task(get_url("https://www.example.com", session, semaphore))
//!                  for _ in range(100)]
//!         await asyncio.gather(*tasks)
//!
//! await main()
//! ```
//!
//! The seed prints (cut off in the notebook after 31 lines):
//!
//! ```text
//! Waiting to acquire semaphore...
//! Semaphore acquired, requesting...
//! Waiting to acquire semaphore...
//! Semaphore acquired, requesting...
//! ...                                  (ten pairs in all)
//! Waiting to acquire semaphore...
//! Semaphore acquired, requesting...
//! Waiting to acquire semaphore...
//! Waiting to acquire semaphore...
//! ...                                  (ninety in all)
//! Waiting to acquire s
//! ```
//!
//! The tour does no networking: `session.get(url)` is a simulated request,
//! one second of `asyncio.sleep`, that answers 200. Each task runs to its
//! `async with` in turn: the first ten get a permit at once, the other
//! ninety wait. Then every second ten requests finish and hand their
//! permits to the next ten in line. The tour prints all 300 lines (CPython
//! 3.11 prints the same 300 with the same simulated request), then a `#`
//! line with the loop's clock: 10 s, ten rounds of ten.

//!
//! `async with semaphore:` is [`async_with`]`(semaphore, |()| body)`: a
//! permit in, the block, the permit out on every way out of it. The
//! `print` before the block is the first step of a [`chain`](Generator::chain).

use resumable::scheduler::{async_with, gather, ready, sleep, spawn, Gather, Request, Runtime};
use resumable::scheduler::{Sleep, Task, TaskError};
use resumable::sync::Semaphore;
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, show_run, Coroutine, Input, Step, SECOND};
use crate::console::say;

/// `session.get(url)`, simulated: a second, then the status.
fn simulated_get() -> Sleep {
    sleep(SECOND)
}

/// `get_url(url, session, semaphore)`.
fn get_url(semaphore: &Semaphore) -> impl Coroutine<u16> {
    let waiting = ready(()).map_return(|()| say!("Waiting to acquire semaphore..."));
    waiting.chain(async_with(semaphore.clone(), |()| {
        say!("Semaphore acquired, requesting...");
        simulated_get().map_return(|()| {
            say!("Finishing requesting");
            200 // response.status
        })
    }))
}

/// `main()`.
struct Main {
    gather: Option<Gather<Task<u16>>>,
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let gathering = match &mut self.gather {
            Some(gathering) => gathering,
            None => {
                input.sent()?;
                input = Resume::Next;
                let semaphore = Semaphore::new(10);
                let tasks: Vec<Task<u16>> = (0..100).map(|_| spawn(get_url(&semaphore))).collect();
                self.gather.insert(gather(tasks))
            }
        };
        yield_from!(gathering, input)?;
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(Main { gather: None }));
    say_clock(&rt);
}
