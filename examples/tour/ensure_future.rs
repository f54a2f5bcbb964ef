//! `asyncio.ensure_future(coro)` wraps a coroutine in a task, which is a
//! `Future`: it starts running at once, and awaiting it later gives its
//! result, however long ago it finished.
//!
//! ```python
//! async def slow_operation():
//!     await asyncio.sleep(2)
//!     return "Завершено!"
//!
//!
//! async def main():
//!     future = asyncio.ensure_future(slow_operation())  # Создание объекта Future
//!     await asyncio.sleep(1)
//!     future_result = await future  # Ожидание завершения Future
//!     print(future_result)
//!
//!
//! await main()
//!
//!
//! async def slow_operation(num):
//!     await asyncio.sleep(2)
//!     return f"Операция {num} завершена"
//!
//! async def main():
//!     futures = [asyncio.ensure_future(slow_operation(i)) for i in range(3)]  # Создание нескольких объектов Future
//!     results = await asyncio.gather(*futures)  # Ожидание завершения всех Future
//!     for result in results:
//!         print(result)
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Завершено!
//!
//! Операция 0 завершена
//! Операция 1 завершена
//! Операция 2 завершена
//! ```
//!
//! `ensure_future` of a coroutine is [`spawn`]. The first `main` takes 2 s,
//! not 3: the operation sleeps while `main` does; the second, 2 s for all
//! three. The tour prints without the blank line, and adds a `#` line with
//! the loop's clock after each.

use resumable::scheduler::TaskError;
use resumable::scheduler::{gather, sleep, spawn, Gather, Join, Request, Runtime, Sleep, Task};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, secs, show_run, Input, Step, SECOND};
use crate::console::say;

/// `slow_operation(num)`: sleeps 2 s, then returns its message.
struct SlowOperation {
    nap: Sleep,
    result: String,
}

fn slow_operation(result: String) -> SlowOperation {
    SlowOperation {
        nap: sleep(secs(2)),
        result,
    }
}

impl Generator for SlowOperation {
    type Yield = Request;
    type Return = String;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<String> {
        yield_from!(self.nap, input)?;
        Ok(Complete(core::mem::take(&mut self.result)))
    }
}

/// The first `main`: the task, a one-second sleep, then awaiting the task.
enum Main {
    Start,
    Sleeping { future: Task<String>, nap: Sleep },
    Awaiting(Join<String>),
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
                    let future = spawn(slow_operation("Завершено!".to_owned()));
                    *self = Main::Sleeping {
                        future,
                        nap: sleep(SECOND),
                    };
                }
                Main::Sleeping { future, nap } => {
                    yield_from!(nap, input)?;
                    *self = Main::Awaiting(future.join());
                }
                Main::Awaiting(future) => {
                    let future_result = yield_from!(future, input)?;
                    say!("{future_result}");
                    return Ok(Complete(()));
                }
            }
            input = Resume::Next;
        }
    }
}

/// The second `main`: three tasks, gathered.
struct GatherMain {
    gather: Option<Gather<Task<String>>>,
}

impl Generator for GatherMain {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let gathering = match &mut self.gather {
            Some(gathering) => gathering,
            None => {
                input.sent()?;
                input = Resume::Next;
                let futures =
                    (0..3).map(|i| spawn(slow_operation(format!("Операция {i} завершена"))));
                self.gather.insert(gather(futures.collect::<Vec<_>>()))
            }
        };
        let results = yield_from!(gathering, input)?;
        for result in results {
            say!("{result}");
        }
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(Main::Start));
    say_clock(&rt);

    let mut rt = Runtime::new();
    show_run(rt.run(GatherMain { gather: None }));
    say_clock(&rt);
}
