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

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{all_tasks, gather, sleep, spawn, Runtime};

use crate::asyncio::{log_info, secs, show_run, Coroutine, WallClock};

/// `delay_message(delay, message)`: a log line, a sleep, a log line.
fn delay_message(clock: WallClock, delay: u64, message: String) -> impl Coroutine {
    lazy(move || {
        log_info!(clock, "{message} received");
        sleep(secs(delay)).map_return(move |()| log_info!(clock, "Printing {message}"))
    })
}

/// The first `main`: two tasks, awaited in turn.
fn with_tasks(clock: WallClock) -> impl Coroutine {
    lazy(move || {
        log_info!(clock, "Main started");
        log_info!(
            clock,
            "Текущие зарегистрированные задания: {}",
            all_tasks().len()
        );
        log_info!(clock, "Создадим задания");
        let task_1 = spawn(delay_message(clock, 2, "TWO SECONDS AWAIT".into()));
        let task_2 = spawn(delay_message(clock, 3, "THREE SECONDS AWAIT".into()));
        log_info!(
            clock,
            "Текущие зарегистрированные задания: {}",
            all_tasks().len()
        );
        task_1
            .join()
            .then(move |()| task_2.join())
            .map_return(move |()| log_info!(clock, "Main Ended"))
    })
}

/// The second `main`: one `gather` of six coroutines.
fn with_gather(clock: WallClock) -> impl Coroutine {
    lazy(move || {
        log_info!(clock, "Main started");
        log_info!(clock, "Создаем несколько заданий с помощью asyncio.gather");
        let messages = (1..=6).rev();
        gather(messages.map(|i| delay_message(clock, i, format!("WAITING {i} SECONDS"))))
            .map_return(move |_| log_info!(clock, "Main Ended"))
    })
}

pub(crate) fn run() {
    show_run(Runtime::new().run(with_tasks(WallClock::at(18, 1, 6))));
    show_run(Runtime::new().run(with_gather(WallClock::at(18, 2, 8))));
}
