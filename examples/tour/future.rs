//! `asyncio.Future`: a result that one task sets with `set_result` and
//! another awaits. `as_completed` hands out several in the order they are
//! set.
//!
//! ```python
//! import asyncio
//!
//! async def set_future_result(fut):
//!     await asyncio.sleep(2)
//!     fut.set_result("Результат готов!")
//!
//! async def main():
//!     fut = asyncio.Future()
//!
//!     asyncio.create_task(set_future_result(fut))
//!
//!     result = await fut
//!     print(result)
//!
//! asyncio.run(main())
//!
//!
//! async def set_future_result(fut, delay, result):
//!     await asyncio.sleep(delay)
//!     fut.set_result(result)
//!     print(f"Future с результатом '{result}' завершен")
//!
//! async def process_futures(futures):
//!     for future in asyncio.as_completed(futures):
//!         result = await future
//!         print(f"Обработан результат: {result}")
//!
//! async def main():
//!     fut1 = asyncio.Future()
//!     fut2 = asyncio.Future()
//!     fut3 = asyncio.Future()
//!     print(type(fut1))
//!
//!     asyncio.create_task(set_future_result(fut1, 2, "Результат 1"))
//!     asyncio.create_task(set_future_result(fut2, 1, "Результат 2"))
//!     asyncio.create_task(set_future_result(fut3, 3, "Результат 3"))
//!
//!     await process_futures([fut1, fut2, fut3])
//!
//! # Запуск программы
//! asyncio.run(main())
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Результат готов!
//!
//! <class 'asyncio.futures.Future'>
//! Future с результатом 'Результат 2' завершен
//! Обработан результат: Результат 2
//! Future с результатом 'Результат 1' завершен
//! Обработан результат: Результат 1
//! Future с результатом 'Результат 3' завершен
//! Обработан результат: Результат 3
//! ```
//!
//! A bare `asyncio.Future()` is a [`Promise`]: [`Promise::set_result`] on
//! one side, [`Promise::wait`] (`await fut`) on the other. `type(fut1)`
//! prints our type's name, `<class 'Promise<&str>'>`, without its module
//! path.
//!
//! [`as_completed`] takes coroutines or tasks, and makes each coroutine a
//! task at once, so it is called inside the loop, as `process_futures`
//! starts. asyncio takes the futures themselves; here each is a task
//! awaiting one promise ([`Promise::wait`]), which finishes a turn after
//! its promise is set: the same order. The tour prints the lines without
//! the blank one.

use resumable::scheduler::{
    as_completed, sleep, spawn, AsCompleted, NextCompleted, Promise, PromiseWait, Request, Runtime,
    Sleep, TaskError,
};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{secs, show_run, type_of, Input, Step};
use crate::console::say;

/// `set_future_result(fut, delay, result)`; the first program's version
/// prints nothing.
struct SetFutureResult {
    fut: Promise<&'static str>,
    nap: Sleep,
    result: &'static str,
    announce: bool,
}

impl Generator for SetFutureResult {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        yield_from!(self.nap, input)?;
        // Set once only: asyncio would raise InvalidStateError on a second.
        let _ = self.fut.set_result(self.result);
        if self.announce {
            say!("Future с результатом '{}' завершен", self.result);
        }
        Ok(Complete(()))
    }
}

/// The first `main()`: creates the future and awaits it.
struct Main {
    fut: Option<PromiseWait<&'static str>>,
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let waiting = match &mut self.fut {
            Some(waiting) => waiting,
            None => {
                input.sent()?;
                input = Resume::Next;
                let fut = Promise::new();
                spawn(SetFutureResult {
                    fut: fut.clone(),
                    nap: sleep(secs(2)),
                    result: "Результат готов!",
                    announce: false,
                })
                .detach();
                self.fut.insert(fut.wait())
            }
        };
        let result = yield_from!(waiting, input)?; // await fut
        say!("{result}");
        Ok(Complete(()))
    }
}

/// `process_futures(futures)`: the `for` over `as_completed`.
struct ProcessFutures {
    all: AsCompleted<&'static str>,
    next: Option<NextCompleted<&'static str>>,
}

impl Generator for ProcessFutures {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            if self.next.is_none() {
                self.next = self.all.next();
            }
            let Some(next) = &mut self.next else {
                return Ok(Complete(())); // the end of the `for`
            };
            let result = yield_from!(next, input)?; // result = await future
            self.next = None;
            input = Resume::Next;
            say!("Обработан результат: {result}");
        }
    }
}

/// The second `main()`.
struct AsCompletedMain {
    process: Option<ProcessFutures>,
}

impl Generator for AsCompletedMain {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let process = match &mut self.process {
            Some(process) => process,
            None => {
                input.sent()?;
                input = Resume::Next;
                let futures = [Promise::new(), Promise::new(), Promise::new()];
                say!("{}", type_of(&futures[0]));
                let setters = [(2, "Результат 1"), (1, "Результат 2"), (3, "Результат 3")];
                for (fut, (delay, result)) in futures.iter().zip(setters) {
                    spawn(SetFutureResult {
                        fut: fut.clone(),
                        nap: sleep(secs(delay)),
                        result,
                        announce: true,
                    })
                    .detach();
                }
                self.process.insert(ProcessFutures {
                    all: as_completed(futures.each_ref().map(Promise::wait), None),
                    next: None,
                })
            }
        };
        yield_from!(process, input)?; // await process_futures([fut1, fut2, fut3])
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    show_run(Runtime::new().run(Main { fut: None }));
    show_run(Runtime::new().run(AsCompletedMain { process: None }));
}
