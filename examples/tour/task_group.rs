//! `asyncio.TaskGroup` (Python 3.11+): the tasks created in the `async with`
//! block are all done when it ends; if one fails, the others are cancelled.
//!
//! ```python
//! import asyncio
//!
//!
//! async def fetch(url):
//!     await asyncio.sleep(1)
//!     return f"Result from {url}"
//!
//!
//! async def main():
//!     async with asyncio.TaskGroup() as tg:
//!         task1 = tg.create_task(fetch("/a"))
//!         task2 = tg.create_task(fetch("/b"))
//!
//!     # После выхода из контекста все задачи гарантированно завершены
//!     print(task1.result(), task2.result())
//!
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints no output; Python prints:
//!
//! ```text
//! Result from /a Result from /b
//! ```
//!
//! `async with asyncio.TaskGroup() as tg:` is [`async_with`]`(TaskGroup::new(),
//! |tg| body)`: making the group inside `main` enters it (`main` is the
//! group's parent), the body creates the tasks with
//! [`TaskGroup::create_task`], and leaving the block waits for both. The
//! body returns the two tasks, so that `main` has them after the block.
//! The two fetches sleep together: the run takes 1 s, and the tour adds a
//! `#` line that says so.

use resumable::scheduler::{async_with, ready, sleep, AsyncWith, Ready, Runtime, Task, TaskGroup};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, show_run, Coroutine, Input, Step, SECOND};
use crate::console::say;

/// `fetch(url)`: a second, then the result.
fn fetch(url: &'static str) -> impl Coroutine<String> {
    sleep(SECOND).map_return(move |()| format!("Result from {url}"))
}

/// What the block leaves `main`: `task1` and `task2`.
type Fetches = (Task<String>, Task<String>);

/// The block's body: `task1 = tg.create_task(...)`, `task2 = ...`.
fn body(tg: TaskGroup) -> Ready<Fetches> {
    let task1 = tg.create_task(fetch("/a"));
    let task2 = tg.create_task(fetch("/b"));
    ready((task1, task2))
}

/// `async with asyncio.TaskGroup() as tg: body`.
type Block = AsyncWith<TaskGroup, fn(TaskGroup) -> Ready<Fetches>, Ready<Fetches>>;

/// `main()`: before the block, or in it.
struct Main {
    block: Option<Block>,
}

impl Generator for Main {
    type Yield = resumable::scheduler::Request;
    type Return = ();
    type Error = resumable::scheduler::TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let block = match &mut self.block {
            Some(block) => block,
            None => {
                input.sent()?;
                input = Resume::Next;
                self.block.insert(async_with(TaskGroup::new(), body as _))
            }
        };
        let (task1, task2) = yield_from!(block, input)?;
        // Both are done: result() has their values.
        let result = |task: &Task<String>| match task.result() {
            Some(Ok(value)) => value,
            other => format!("{other:?}"),
        };
        say!("{} {}", result(&task1), result(&task2));
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(Main { block: None }));
    say_clock(&rt);
}
