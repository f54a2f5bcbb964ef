//! The lecture's `say_after` run, exported for a trace viewer.
//!
//! ```python
//! async def say_after(delay, msg):
//!     await asyncio.sleep(delay)
//!     return msg
//!
//! async def main():
//!     task1 = asyncio.create_task(say_after(1, 'hello'))
//!     task2 = asyncio.create_task(say_after(2, 'world'))
//!     print(await task1)
//!     print(await task2)
//!
//! asyncio.run(main())
//! ```
//!
//! The loop records every step ([`Runtime::record_trace`]) and writes the
//! run in Chrome's trace-event format ([`Runtime::timeline_json`]): open the
//! file in <https://ui.perfetto.dev> ("Open trace file") or in
//! `chrome://tracing` ("Load"). Each task is a thread named after it; on
//! it, the task's life, its sleeps and waits, and a mark at each step.
//!
//! ```text
//! cargo run --example chrome_trace -- say_after.json   # to a file
//! cargo run --example chrome_trace                     # to stdout
//! ```

use std::time::Duration;

use resumable::scheduler::{
    sleep, spawn, Input, Join, Request, Runtime, Sleep, Step, Task, TaskError,
};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

/// `say_after(delay, msg)`: one sleep, then the message back.
struct SayAfter {
    nap: Sleep,
    msg: &'static str,
}

impl Generator for SayAfter {
    type Yield = Request;
    type Return = &'static str;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<&'static str> {
        yield_from!(self.nap, input)?; // await asyncio.sleep(delay)
        Ok(Complete(self.msg))
    }
}

/// `asyncio.create_task(say_after(delay, msg))`, named as the call reads,
/// so that the trace viewer's threads say which task is which.
fn say_after(delay: u64, msg: &'static str) -> Task<&'static str> {
    let task = spawn(SayAfter {
        nap: sleep(Duration::from_secs(delay)),
        msg,
    });
    task.set_name(format!("say_after({delay}, '{msg}')"));
    task
}

/// `main`: creates both tasks at once, then awaits them in turn.
#[derive(Default)]
struct Main {
    /// The tasks not awaited yet, the next one last.
    tasks: Vec<Task<&'static str>>,
    awaiting: Option<Join<&'static str>>,
    said: Vec<&'static str>,
}

impl Generator for Main {
    type Yield = Request;
    type Return = Vec<&'static str>;
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step<Vec<&'static str>> {
        loop {
            match &mut self.awaiting {
                Some(task) => self.said.push(yield_from!(task, input)?), // await task
                None => {
                    input.sent()?;
                    let task1 = say_after(1, "hello");
                    self.tasks = vec![say_after(2, "world"), task1];
                }
            }
            input = Resume::Next;
            match self.tasks.pop() {
                Some(task) => self.awaiting = Some(task.join()),
                None => return Ok(Complete(std::mem::take(&mut self.said))),
            }
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rt = Runtime::new();
    rt.record_trace();
    let said = rt.run(Main::default())?;
    let json = rt.timeline_json();
    match std::env::args_os().nth(1) {
        Some(path) => {
            std::fs::write(&path, json)?;
            println!("{}", said.join("\n"));
            println!("Time: {:?}", rt.time().as_secs_f64());
            println!("trace written to {}", path.to_string_lossy());
        }
        None => print!("{json}"),
    }
    Ok(())
}
