//! Tasks and `gather`, with the time of every line: the seed logs through
//! `logging`, whose timestamps show which lines happen together.
//!
//! ```python
//! import asyncio
//! import time
//!
//!
//! async def delay_message(delay, message):
//!     logging.info(f"{message} received")
//!     await asyncio.sleep(delay) # time.sleep is blocking call. Hence, it cannot be awaited and we have to use asyncio.sleep
//!     logging.info(f"Printing {message}")
//!
//!
//! async def main():
//!     logging.info("Main started")
//!     logging.info(f'Текущие зарегистрированные задания: {len(asyncio.all_tasks())}')
//!     logging.info("Создадим задания")
//!     task_1 = asyncio.create_task(delay_message(2, "TWO SECONDS AWAIT") )
//!     task_2 = asyncio.create_task(delay_message(3, "THREE SECONDS AWAIT"))
//!     logging.info(f'Текущие зарегистрированные задания: {len(asyncio.all_tasks())}')
//!     await task_1
//!     await task_2
//!     logging.info("Main Ended")
//!
//! await main()
//!
//!
//! async def main():
//!     logging.info("Main started")
//!     logging.info("Создаем несколько заданий с помощью asyncio.gather")
//!     await asyncio.gather(*[delay_message(i, f"WAITING {i} SECONDS") for i in range(6, 0, -1)])
//!     logging.info("Main Ended")
//!
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! 18:01:06:MainThread:Main started
//! 18:01:06:MainThread:Текущие зарегистрированные задания: 2
//! 18:01:06:MainThread:Создадим задания
//! 18:01:06:MainThread:Текущие зарегистрированные задания: 4
//! 18:01:06:MainThread:TWO SECONDS AWAIT received
//! 18:01:06:MainThread:THREE SECONDS AWAIT received
//! 18:01:08:MainThread:Printing TWO SECONDS AWAIT
//! 18:01:09:MainThread:Printing THREE SECONDS AWAIT
//! 18:01:09:MainThread:Main Ended
//!
//! 18:02:08:MainThread:Main started
//! 18:02:08:MainThread:Создаем несколько заданий с помощью asyncio.gather
//! 18:02:08:MainThread:WAITING 6 SECONDS received
//! 18:02:08:MainThread:WAITING 5 SECONDS received
//! 18:02:08:MainThread:WAITING 4 SECONDS received
//! 18:02:08:MainThread:WAITING 3 SECONDS received
//! 18:02:08:MainThread:WAITING 2 SECONDS received
//! 18:02:08:MainThread:WAITING 1 SECONDS received
//! 18:02:09:MainThread:Printing WAITING 1 SECONDS
//! 18:02:10:MainThread:Printing WAITING 2 SECONDS
//! 18:02:11:MainThread:Printing WAITING 3 SECONDS
//! 18:02:12:MainThread:Printing WAITING 4 SECONDS
//! 18:02:13:MainThread:Printing WAITING 5 SECONDS
//! 18:02:14:MainThread:Printing WAITING 6 SECONDS
//! 18:02:14:MainThread:Main Ended
//! ```
//!
//! The timestamps are the loop's virtual clock added to the time the seed's
//! run began ([`WallClock`]), so they come out the same as the seed's.
//!
//! One difference: the number of tasks. The tour prints 1 and 3 where the
//! seed prints 2 and 4. The notebook runs each cell's top-level `await` in
//! a task of its own, one more than `asyncio.run(main())` has, and that is
//! how the tour runs `main`. [`all_tasks`] is `asyncio.all_tasks()`: the
//! tasks of the running loop that are not done.
//!
//! The seed's next program makes the task for 6 s call the blocking
//! `time.sleep(6)`, which stops the whole loop for six seconds. The tour
//! leaves it out: on the virtual clock a blocking call takes no loop time,
//! so it cannot show.

use resumable::scheduler::TaskError;
use resumable::scheduler::{
    all_tasks, gather, sleep, spawn, Gather, Join, Request, Runtime, Sleep, Task,
};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{log_info, secs, show_run, Input, Step, WallClock};

/// `delay_message(delay, message)`: a log line, a sleep, a log line.
struct DelayMessage {
    clock: WallClock,
    message: String,
    delay: u64,
    nap: Option<Sleep>,
}

fn delay_message(clock: WallClock, delay: u64, message: String) -> DelayMessage {
    DelayMessage {
        clock,
        message,
        delay,
        nap: None,
    }
}

impl Generator for DelayMessage {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let nap = match &mut self.nap {
            Some(nap) => nap,
            None => {
                input.sent()?;
                input = Resume::Next;
                log_info!(self.clock, "{} received", self.message);
                self.nap.insert(sleep(secs(self.delay)))
            }
        };
        yield_from!(nap, input)?;
        log_info!(self.clock, "Printing {}", self.message);
        Ok(Complete(()))
    }
}

/// The first `main`: two tasks, awaited in turn.
struct WithTasks {
    clock: WallClock,
    tasks: Vec<Task<()>>,
    awaiting: Option<Join<()>>,
}

impl Generator for WithTasks {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let clock = self.clock;
        loop {
            match &mut self.awaiting {
                Some(task) => yield_from!(task, input)?,
                None => {
                    input.sent()?;
                    log_info!(clock, "Main started");
                    log_info!(
                        clock,
                        "Текущие зарегистрированные задания: {}",
                        all_tasks().len()
                    );
                    log_info!(clock, "Создадим задания");
                    let task_1 = spawn(delay_message(clock, 2, "TWO SECONDS AWAIT".into()));
                    let task_2 = spawn(delay_message(clock, 3, "THREE SECONDS AWAIT".into()));
                    self.tasks = vec![task_2, task_1]; // popped from the back
                    log_info!(
                        clock,
                        "Текущие зарегистрированные задания: {}",
                        all_tasks().len()
                    );
                }
            }
            input = Resume::Next;
            match self.tasks.pop() {
                Some(task) => self.awaiting = Some(task.join()),
                None => {
                    log_info!(clock, "Main Ended");
                    return Ok(Complete(()));
                }
            }
        }
    }
}

/// The second `main`: one `gather` of six coroutines.
struct WithGather {
    clock: WallClock,
    gather: Option<Gather<DelayMessage>>,
}

impl Generator for WithGather {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let clock = self.clock;
        let gathering = match &mut self.gather {
            Some(gathering) => gathering,
            None => {
                input.sent()?;
                input = Resume::Next;
                log_info!(clock, "Main started");
                log_info!(clock, "Создаем несколько заданий с помощью asyncio.gather");
                let messages = (1..=6)
                    .rev()
                    .map(|i| delay_message(clock, i, format!("WAITING {i} SECONDS")));
                self.gather.insert(gather(messages.collect::<Vec<_>>()))
            }
        };
        yield_from!(gathering, input)?;
        log_info!(clock, "Main Ended");
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    show_run(Runtime::new().run(WithTasks {
        clock: WallClock::at(18, 1, 6),
        tasks: Vec::new(),
        awaiting: None,
    }));
    show_run(Runtime::new().run(WithGather {
        clock: WallClock::at(18, 2, 8),
        gather: None,
    }));
}
