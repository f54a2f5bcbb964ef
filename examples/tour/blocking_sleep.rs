//! The pitfall of a blocking call: `time.sleep` inside a coroutine stops
//! the whole loop, and every other task with it (seed 001, line 240).
//!
//! ```python
//! async def delay_message(delay, message):
//!     logging.info(f"{message} received")
//!     if '6' not in message:
//!         await asyncio.sleep(delay) # неблокирующий вызов - контекст передается в другой фрейм
//!     else:
//!         time.sleep(delay) # блокирующий вызов
//!     logging.info(f"Printing {message}")
//!
//! async def main():
//!     logging.info("Main started")
//!     logging.info("Creating multiple tasks with asyncio.gather")
//!     await asyncio.gather(*[delay_message(i, f"WAITING {i} SECONDS") for i in range(10, 0, -1)])
//!     logging.info("Main Ended")
//!
//! await main()
//! ```
//!
//! The seed shows no output; CPython 3.11 prints (times from its run):
//!
//! ```text
//! 19:14:17:MainThread:Main started
//! 19:14:17:MainThread:Creating multiple tasks with asyncio.gather
//! 19:14:17:MainThread:WAITING 10 SECONDS received
//! 19:14:17:MainThread:WAITING 9 SECONDS received
//! 19:14:17:MainThread:WAITING 8 SECONDS received
//! 19:14:17:MainThread:WAITING 7 SECONDS received
//! 19:14:17:MainThread:WAITING 6 SECONDS received
//! 19:14:23:MainThread:Printing WAITING 6 SECONDS
//! 19:14:23:MainThread:WAITING 5 SECONDS received
//! 19:14:23:MainThread:WAITING 4 SECONDS received
//! 19:14:23:MainThread:WAITING 3 SECONDS received
//! 19:14:23:MainThread:WAITING 2 SECONDS received
//! 19:14:23:MainThread:WAITING 1 SECONDS received
//! 19:14:24:MainThread:Printing WAITING 7 SECONDS
//! 19:14:24:MainThread:Printing WAITING 1 SECONDS
//! 19:14:25:MainThread:Printing WAITING 8 SECONDS
//! 19:14:25:MainThread:Printing WAITING 2 SECONDS
//! 19:14:26:MainThread:Printing WAITING 9 SECONDS
//! 19:14:26:MainThread:Printing WAITING 3 SECONDS
//! 19:14:28:MainThread:Printing WAITING 10 SECONDS
//! 19:14:28:MainThread:Printing WAITING 4 SECONDS
//! 19:14:28:MainThread:Printing WAITING 5 SECONDS
//! 19:14:28:MainThread:Main Ended
//! ```
//!
//! For six seconds nothing else runs: the five last tasks start only
//! when the blocking one ends, and the whole takes eleven seconds where
//! ten would do. On the virtual clock a blocking call takes no loop time,
//! so this program runs on the real one ([`Clock::Real`]), a lecture second
//! being [`LECTURE_SECOND`]; the times are the seed's hour plus lecture
//! seconds, rounded down as `logging` rounds them. (CPython's run above
//! prints `Printing WAITING 10 SECONDS` at 11 s, not 10: its second ended
//! as the timer fired.) The Rust twin of `time.sleep` is
//! [`std::thread::sleep`]; its loop-friendly one is [`sleep`].

use std::time::Instant;

use resumable::generator::{lazy, sequence, Generator};
use resumable::scheduler::{gather, sleep, Clock, Runtime};

use crate::asyncio::{log_info, show_run, Coroutine, LECTURE_SECOND};

/// `%H:%M:%S` on the real clock, in lecture seconds from 19:14:17.
#[derive(Clone, Copy, Debug)]
struct LectureClock(Instant);

impl LectureClock {
    fn now(self) -> String {
        let lecture = self.0.elapsed().as_secs_f64() / LECTURE_SECOND.as_secs_f64();
        let at = 19 * 3600 + 14 * 60 + 17 + lecture as u64;
        format!("{:02}:{:02}:{:02}", at / 3600, at / 60 % 60, at % 60)
    }
}

/// `delay_message(delay, message)`, blocking when the message has a 6.
fn delay_message(clock: LectureClock, delay: u32, message: String) -> impl Coroutine {
    lazy(move || {
        log_info!(clock, "{message} received");
        let blocking = message.contains('6');
        if blocking {
            std::thread::sleep(LECTURE_SECOND * delay); // блокирующий вызов
        }
        let nap = (!blocking).then(|| sleep(LECTURE_SECOND * delay)); // неблокирующий
        sequence(nap).map_return(move |()| log_info!(clock, "Printing {message}"))
    })
}

/// `main()`: ten `delay_message`s gathered.
fn main_task(clock: LectureClock) -> impl Coroutine {
    lazy(move || {
        log_info!(clock, "Main started");
        log_info!(clock, "Creating multiple tasks with asyncio.gather");
        let message = |delay| delay_message(clock, delay, format!("WAITING {delay} SECONDS"));
        gather((1..=10).rev().map(message))
    })
    .map_return(move |_| log_info!(clock, "Main Ended"))
}

pub(crate) fn run() {
    let clock = LectureClock(Instant::now());
    show_run(Runtime::with_clock(Clock::Real).run(main_task(clock)));
}
