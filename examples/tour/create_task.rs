//! Tasks start on their own: `create_task` schedules a coroutine, and it
//! runs as soon as the creating coroutine awaits anything, before anyone
//! awaits the task.
//!
//! ```python
//! import asyncio
//!
//! async def task(name, delay):
//!     print(f"{name} started")
//!     await asyncio.sleep(delay)
//!     print(f"{name} completed")
//!
//! async def main():
//!     task1 = asyncio.create_task(task("Task 1", 6))
//!     task2 = asyncio.create_task(task("Task 2", 3))
//!     await asyncio.sleep(6) # 3, 4, 6
//!     print("Началось ли выполнение?")
//!     await task1
//!     await task2
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Task 1 started
//! Task 2 started
//! Task 2 completed
//! Началось ли выполнение?
//! Task 1 completed
//! ```
//!
//! Both tasks started during `main`'s sleep, and task 2 is already done
//! when `main` wakes. At 6 s two timers are due, `main`'s and task 1's;
//! they fire in the order they were set, and `main` set its own first
//! (it ran before the tasks it created), so the question is printed before
//! `Task 1 completed`.

use resumable::scheduler::{sleep, spawn, Join, Request, Runtime, Sleep, Task, TaskError};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{secs, show_run, Input, Step};
use crate::console::say;

/// `task(name, delay)`.
struct Job {
    name: &'static str,
    delay: u64,
    nap: Option<Sleep>,
}

fn job(name: &'static str, delay: u64) -> Job {
    Job {
        name,
        delay,
        nap: None,
    }
}

impl Generator for Job {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let nap = match &mut self.nap {
            Some(nap) => nap,
            None => {
                input.sent()?;
                input = Resume::Next;
                say!("{} started", self.name);
                self.nap.insert(sleep(secs(self.delay)))
            }
        };
        yield_from!(nap, input)?;
        say!("{} completed", self.name);
        Ok(Complete(()))
    }
}

/// `main()`: sleeping, then awaiting the tasks one by one.
enum Main {
    Start,
    Sleeping(Vec<Task<()>>, Sleep),
    Awaiting(Vec<Task<()>>, Join<()>),
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            let tasks = match self {
                Main::Start => {
                    input.sent()?;
                    let task1 = spawn(job("Task 1", 6));
                    let task2 = spawn(job("Task 2", 3));
                    *self = Main::Sleeping(vec![task2, task1], sleep(secs(6)));
                    input = Resume::Next;
                    continue;
                }
                Main::Sleeping(tasks, nap) => {
                    yield_from!(nap, input)?;
                    say!("Началось ли выполнение?");
                    core::mem::take(tasks)
                }
                Main::Awaiting(tasks, task) => {
                    yield_from!(task, input)?; // await task1, then task2
                    core::mem::take(tasks)
                }
            };
            input = Resume::Next;
            let mut tasks = tasks;
            match tasks.pop() {
                Some(next) => *self = Main::Awaiting(tasks, next.join()),
                None => return Ok(Complete(())),
            }
        }
    }
}

pub(crate) fn run() {
    show_run(Runtime::new().run(Main::Start));
}
