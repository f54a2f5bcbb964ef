//! `await` runs coroutines one after the other; tasks run them at once.
//!
//! ```python
//! import time
//!
//!
//! async def say_after(delay, msg):
//!     await asyncio.sleep(delay)
//!     print(msg)
//!
//! async def main():
//!     started = time.time()
//!
//!     await say_after(1, 'hello')
//!     await say_after(2, ' world')
//!
//!     print(f"Time: {time.time() - started}")
//!
//! await main()
//!
//!
//! async def main():
//!     task1 = asyncio.create_task(
//!         say_after(1, 'hello'))
//!
//!     task2 = asyncio.create_task(
//!         say_after(2, 'world'))
//!
//!     started = time.time()
//!
//!     await task1
//!     await task2
//!
//!     print(f"Time: {time.time() - started}")
//!
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! hello
//!  world
//! Time: 3.003570079803467
//!
//! hello
//! world
//! Time: 2.002523422241211
//! ```
//!
//! The tour measures time on the loop's virtual clock, which only moves
//! when every task sleeps, and then exactly to the next timer: it prints
//! `Time: 3.0` and `Time: 2.0`, the seconds the programs wait for, without
//! the few milliseconds the notebook spent running Python. (On
//! `Runtime::with_clock(Clock::Real)` the tour would wait, and print times
//! like the seed's.)
//!
//! Seeds 000 and 003 show the first program with `time.strftime('%X')`
//! before and after (`Started at 16:28:52`, `finished at 16:28:55`): the
//! same three seconds.

use core::time::Duration;

use resumable::scheduler::{now, sleep, spawn, Join, Request, Runtime, Sleep, Task, TaskError};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{secs, show_run, Input, Step};
use crate::console::say;

/// `say_after(delay, msg)`: one sleep, then the print.
pub(crate) struct SayAfter {
    nap: Sleep,
    msg: &'static str,
}

pub(crate) fn say_after(delay: u64, msg: &'static str) -> SayAfter {
    SayAfter {
        nap: sleep(secs(delay)),
        msg,
    }
}

impl Generator for SayAfter {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        yield_from!(self.nap, input)?;
        say!("{}", self.msg);
        Ok(Complete(()))
    }
}

/// `print(f"Time: {time.time() - started}")`, on the loop's clock. Python
/// prints a float with its `repr`, which `{:?}` matches: `3.0`, not `3`.
fn print_time(started: Duration) {
    say!("Time: {:?}", (now() - started).as_secs_f64());
}

/// The first `main`: awaits one `say_after`, then the next.
struct Sequential {
    started: Duration,
    awaited: u32,
    awaiting: Option<SayAfter>,
}

fn sequential() -> Sequential {
    Sequential {
        started: Duration::ZERO,
        awaited: 0,
        awaiting: None,
    }
}

impl Generator for Sequential {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match &mut self.awaiting {
                Some(coroutine) => {
                    yield_from!(coroutine, input)?;
                    self.awaited += 1;
                }
                None => {
                    input.sent()?;
                    self.started = now();
                }
            }
            input = Resume::Next;
            self.awaiting = Some(match self.awaited {
                0 => say_after(1, "hello"),
                1 => say_after(2, " world"),
                _ => {
                    print_time(self.started);
                    return Ok(Complete(()));
                }
            });
        }
    }
}

/// The second `main`: both tasks are created first, so both sleeps run
/// while `main` awaits the first.
pub(crate) struct WithTasks {
    started: Duration,
    /// The tasks not yet awaited, in the order they are awaited.
    tasks: Vec<Task<()>>,
    awaiting: Option<Join<()>>,
}

pub(crate) fn with_tasks() -> WithTasks {
    WithTasks {
        started: Duration::ZERO,
        tasks: Vec::new(),
        awaiting: None,
    }
}

impl Generator for WithTasks {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match &mut self.awaiting {
                Some(task) => {
                    yield_from!(task, input)?; // await task1, then task2
                }
                None => {
                    input.sent()?;
                    let task1 = spawn(say_after(1, "hello"));
                    let task2 = spawn(say_after(2, "world"));
                    self.started = now();
                    // Popped from the back: task1 first.
                    self.tasks = vec![task2, task1];
                }
            }
            input = Resume::Next;
            match self.tasks.pop() {
                Some(task) => self.awaiting = Some(task.join()),
                None => {
                    print_time(self.started);
                    return Ok(Complete(()));
                }
            }
        }
    }
}

pub(crate) fn run() {
    show_run(Runtime::new().run(sequential()));
    show_run(Runtime::new().run(with_tasks()));
}
