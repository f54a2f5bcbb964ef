//! `asyncio.as_completed`: results in the order the coroutines finish, not
//! the order they were given.
//!
//! ```python
//! import asyncio
//!
//! async def fetch_data(task_name, delay):
//!     await asyncio.sleep(delay)
//!     return f"{task_name} data fetched after {delay} seconds"
//!
//! async def main():
//!     tasks = [fetch_data("Task 1", 3), fetch_data("Task 2", 1), fetch_data("Task 3", 2)]
//!
//!     for task in asyncio.as_completed(tasks):
//!         result = await task
//!         print(result)
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Task 2 data fetched after 1 seconds
//! Task 3 data fetched after 2 seconds
//! Task 1 data fetched after 3 seconds
//! ```
//!
//! [`as_completed`] runs each coroutine as a task at once (so `main` calls
//! it, inside the loop); each [`next`](AsCompleted::next) is an awaitable
//! for the next one to finish, `None` when all were handed out: the end of
//! the `for`.

use resumable::scheduler::{
    as_completed, sleep, AsCompleted, NextCompleted, Request, Runtime, Sleep, TaskError,
};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{secs, show_run, Input, Step};
use crate::console::say;

/// `fetch_data(task_name, delay)`.
struct FetchData {
    task_name: &'static str,
    delay: u64,
    nap: Sleep,
}

fn fetch_data(task_name: &'static str, delay: u64) -> FetchData {
    FetchData {
        task_name,
        delay,
        nap: sleep(secs(delay)),
    }
}

impl Generator for FetchData {
    type Yield = Request;
    type Return = String;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<String> {
        yield_from!(self.nap, input)?;
        let (task_name, delay) = (self.task_name, self.delay);
        Ok(Complete(format!(
            "{task_name} data fetched after {delay} seconds"
        )))
    }
}

/// `main()`: the coroutines, then the `for` loop, one `await` at a time.
struct Main {
    tasks: Option<AsCompleted<String>>,
    task: Option<NextCompleted<String>>,
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let tasks = match &mut self.tasks {
            Some(tasks) => tasks,
            None => {
                input.sent()?;
                input = Resume::Next;
                let coroutines = [("Task 1", 3), ("Task 2", 1), ("Task 3", 2)];
                let coroutines = coroutines.map(|(name, delay)| fetch_data(name, delay));
                self.tasks.insert(as_completed(coroutines, None))
            }
        };
        loop {
            if self.task.is_none() {
                self.task = tasks.next();
            }
            let Some(task) = &mut self.task else {
                return Ok(Complete(())); // the end of the `for`
            };
            let result = yield_from!(task, input)?; // result = await task
            self.task = None;
            input = Resume::Next;
            say!("{result}");
        }
    }
}

pub(crate) fn run() {
    show_run(Runtime::new().run(Main {
        tasks: None,
        task: None,
    }));
}
