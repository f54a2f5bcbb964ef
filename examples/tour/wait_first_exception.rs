//! `asyncio.wait` with `FIRST_COMPLETED`, then `FIRST_EXCEPTION`, on the
//! same two tasks, and an exception nobody looks at.
//!
//! ```python
//! async def task1():
//!     await asyncio.sleep(2)
//!     print("Задача 1 завершилась")
//!
//!
//! async def task2():
//!     await asyncio.sleep(3)
//!     raise ValueError("Исключение в задаче 2")
//!
//!
//! async def main():
//!     tasks = {asyncio.create_task(task1()), asyncio.create_task(task2())}
//!
//!     # Вернуть управление после первой завершившейся задачи
//!     done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
//!     for task in done:
//!         print(f"Завершилась задача: {task.get_name()}")
//!
//!     # Вернуть управление после первого исключения
//!     _, exceptions = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
//!     for task, exception in exceptions:
//!         print(f"Исключение в задаче: {task.get_name()}, {exception}")
//!
//!
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Задача 1 завершилась
//! Завершилась задача: Task-113
//!
//!
//! ERROR:asyncio:Task exception was never retrieved
//! future: <Task finished name='Task-114' coro=<task2() done, defined at <ipython-input-50-ad6167489986>:6> exception=ValueError('Исключение в задаче 2')>
//! Traceback (most recent call last):
//!   File "<ipython-input-50-ad6167489986>", line 8, in task2
//!     raise ValueError("Исключение в задаче 2")
//! ValueError: Исключение в задаче 2
//! ```
//!
//! The second `wait` returns at 3 s, when `task2` raises. Its second set
//! is the tasks *pending*, here none, so the loop over `exceptions` (which
//! would not unpack a task into two names anyway) never runs: nobody looks
//! at `task2`'s exception. asyncio logs that when the task is destroyed,
//! when `main` returns and drops its `tasks`. So does this loop, when the
//! task's last handle goes: it writes a one-line report to stderr, as
//! asyncio's logging does, and keeps it in [`Runtime::reports`], which the
//! tour prints in the seed's form without the traceback's middle lines.
//!
//! The names are `Task-2` and `Task-3` where the seed has `Task-113` and
//! `Task-114`: `main` is `Task-1` here, and the notebook had run a hundred
//! tasks before. Python's set of two tasks happens to hold them in the
//! order created; the tour keeps them in that order.

use resumable::scheduler::{
    sleep, spawn, wait, ReportKind, Request, ReturnWhen, Runtime, Sleep, Task, TaskError, Wait,
};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{secs, show_run, Input, PyError, Step};
use crate::console::say;

/// `task1()` and `task2()`: a sleep, then a print or a raise.
struct Job {
    nap: Sleep,
    fails: bool,
}

impl Generator for Job {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        yield_from!(self.nap, input)?;
        if self.fails {
            return Err(PyError::raise("ValueError", "Исключение в задаче 2").into());
        }
        say!("Задача 1 завершилась");
        Ok(Complete(()))
    }
}

/// `main()`: where it is, with its `tasks`.
enum Main {
    Start,
    FirstCompleted([Task<()>; 2], Wait<()>),
    FirstException(Wait<()>),
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match self {
                Main::Start => {
                    input.sent()?;
                    let task1 = Job {
                        nap: sleep(secs(2)),
                        fails: false,
                    };
                    let task2 = Job {
                        nap: sleep(secs(3)),
                        fails: true,
                    };
                    let tasks = [spawn(task1), spawn(task2)];
                    let waiting = wait(tasks.clone()).return_when(ReturnWhen::FirstCompleted);
                    *self = Main::FirstCompleted(tasks, waiting);
                }
                Main::FirstCompleted(tasks, waiting) => {
                    let (done, _) = yield_from!(waiting, input)?;
                    for task in &done {
                        say!("Завершилась задача: {}", task.name());
                    }
                    let waiting = wait(tasks.clone()).return_when(ReturnWhen::FirstException);
                    *self = Main::FirstException(waiting);
                }
                Main::FirstException(waiting) => {
                    let (_, exceptions) = yield_from!(waiting, input)?;
                    for task in &exceptions {
                        say!("Исключение в задаче: {}", task.name()); // never runs
                    }
                    return Ok(Complete(()));
                }
            }
            input = Resume::Next;
        }
    }
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(Main::Start));
    for report in rt.reports() {
        if let (ReportKind::TaskNeverRetrieved, Some(name), Some(error)) =
            (report.kind(), report.task(), report.error())
        {
            say!("ERROR:asyncio:{}", report.kind().message());
            say!("future: <Task finished name='{name}'>");
            say!("{error}");
        }
    }
}
