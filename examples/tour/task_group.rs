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
//! [`TaskGroup::new`] inside `main` enters the block (`main` is the
//! group's parent), [`TaskGroup::create_task`] is `tg.create_task`, and
//! awaiting [`TaskGroup::join`] is the end of a block whose body only
//! creates tasks ([`TaskGroup::scope`] wraps a body that awaits). The two
//! fetches sleep together: the run takes 1 s, and the tour adds a `#` line
//! that says so.

use resumable::scheduler::{
    sleep, Empty, GroupScope, Request, Runtime, Sleep, Task, TaskError, TaskGroup,
};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, show_run, Input, Step, SECOND};
use crate::console::say;

/// `fetch(url)`: a second, then the result.
struct Fetch {
    url: &'static str,
    nap: Sleep,
}

fn fetch(url: &'static str) -> Fetch {
    Fetch {
        url,
        nap: sleep(SECOND),
    }
}

impl Generator for Fetch {
    type Yield = Request;
    type Return = String;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<String> {
        yield_from!(self.nap, input)?;
        Ok(Complete(format!("Result from {}", self.url)))
    }
}

/// `main()`: before the block, or at its end with the two tasks.
struct Main {
    block: Option<(GroupScope<Empty>, Task<String>, Task<String>)>,
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let (end_of_block, task1, task2) = match &mut self.block {
            Some(block) => block,
            None => {
                input.sent()?;
                input = Resume::Next;
                let tg = TaskGroup::new();
                let task1 = tg.create_task(fetch("/a"));
                let task2 = tg.create_task(fetch("/b"));
                self.block.insert((tg.join(), task1, task2))
            }
        };
        yield_from!(end_of_block, input)?;
        // Both are done: result() has their values.
        let result = |task: &Task<String>| match task.result() {
            Some(Ok(value)) => value,
            other => format!("{other:?}"),
        };
        say!("{} {}", result(task1), result(task2));
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(Main { block: None }));
    say_clock(&rt);
}
