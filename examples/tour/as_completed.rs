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
//! [`as_completed`] runs each coroutine as a task; each
//! [`next`](AsCompleted::next) awaits the next one to finish and gives its
//! outcome, `None` when all were handed out: the end of the `for`.

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

/// `main()`: the `for` loop, one `await` at a time.
struct Main {
    tasks: AsCompleted<FetchData>,
    task: Option<NextCompleted<FetchData>>,
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            let task = self.task.get_or_insert_with(|| self.tasks.next());
            let finished = yield_from!(task, input)?;
            self.task = None;
            input = Resume::Next;
            match finished {
                Some(outcome) => {
                    let result = outcome?; // result = await task
                    say!("{result}");
                }
                None => return Ok(Complete(())),
            }
        }
    }
}

pub(crate) fn run() {
    let tasks = [
        fetch_data("Task 1", 3),
        fetch_data("Task 2", 1),
        fetch_data("Task 3", 2),
    ];
    show_run(Runtime::new().run(Main {
        tasks: as_completed(tasks),
        task: None,
    }));
}
