//! The runs the trace tests draw: the lecture's `say_after` program, and a
//! small run that makes every mark of the chart.

use std::time::Duration;

use resumable::scheduler::{
    sleep, spawn, yield_now, Input, Join, Request, Runtime, Sleep, Step, Task, TaskError,
};
use resumable::sync::{Event, Lock};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use super::script::{Act, Script};
use crate::support::{run, spawn_body, wait, Log};

/// `async def say_after(delay, msg): await asyncio.sleep(delay); return msg`
struct SayAfter {
    nap: Sleep,
    msg: &'static str,
}

impl Generator for SayAfter {
    type Yield = Request;
    type Return = &'static str;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<&'static str> {
        yield_from!(self.nap, input)?;
        Ok(Complete(self.msg))
    }
}

/// ```python
/// async def main():
///     task1 = asyncio.create_task(say_after(1, 'hello'), name="say_after(1, 'hello')")
///     task2 = asyncio.create_task(say_after(2, 'world'), name="say_after(2, 'world')")
///     return [await task1, await task2]
/// ```
#[derive(Default)]
struct Main {
    /// The tasks not awaited yet, the next one last.
    tasks: Vec<Task<&'static str>>,
    awaiting: Option<Join<&'static str>>,
    said: Vec<&'static str>,
}

fn say_after(delay: u64, msg: &'static str) -> Task<&'static str> {
    let task = spawn(SayAfter {
        nap: sleep(Duration::from_secs(delay)),
        msg,
    });
    task.set_name(format!("say_after({delay}, '{msg}')"));
    task
}

impl Generator for Main {
    type Yield = Request;
    type Return = Vec<&'static str>;
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step<Vec<&'static str>> {
        loop {
            match &mut self.awaiting {
                Some(task) => self.said.push(yield_from!(task, input)?),
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

/// The lecture's run, traced: `main` and its two tasks, without
/// `asyncio.run`'s two shutdown tasks (`run_until_complete`).
pub(super) fn say_after_run() -> Runtime {
    let mut rt = Runtime::new();
    rt.record_trace();
    let main = rt.spawn(Main::default());
    main.set_name("main");
    let said = rt.run_until_complete(main).unwrap().unwrap();
    assert_eq!(said, ["hello", "world"]);
    rt
}

/// A run with every mark of the chart, over 1.5 s:
///
/// - `holder` takes `Lock-1`, sleeps 1 s, releases it, returns;
/// - `waiter` waits for the lock, releases it, yields, sleeps 0.5 s and
///   returns: the run stops when it is done;
/// - `raiser` sleeps 0.25 s and raises;
/// - `victim` sleeps a minute and is cancelled at 0.75 s;
/// - `stuck` waits for an event nobody sets, still waiting at the end.
pub(super) fn busy_run() -> Runtime {
    let (lock, event, log) = (Lock::new(), Event::new(), Log::default());
    let mut rt = Runtime::new();
    rt.record_trace();
    let release = lock.clone();
    let holder = spawn_body(
        &mut rt,
        [
            wait(lock.acquire()),
            wait(sleep(Duration::from_secs(1))),
            run(move || release.release()),
        ],
    );
    holder.set_name("holder");
    let release = lock.clone();
    let waiter = spawn_body(
        &mut rt,
        [
            wait(lock.acquire()),
            run(move || release.release()),
            wait(yield_now()),
            wait(sleep(Duration::from_millis(500))),
        ],
    );
    waiter.set_name("waiter");
    let raiser = rt.spawn(Script::new("raiser", &[Act::Sleep(250), Act::Raise], &log));
    raiser.set_name("raiser");
    let victim = rt.spawn(Script::new("victim", &[Act::Sleep(60_000)], &log));
    victim.set_name("victim");
    rt.call_later(Duration::from_millis(750), move || {
        victim.cancel();
    });
    let stuck = spawn_body(&mut rt, [wait(event.wait())]);
    stuck.set_name("stuck");
    rt.run_until_complete(waiter).unwrap().unwrap();
    assert_eq!(rt.time(), Duration::from_millis(1500));
    // Retrieved, so that the loop does not report it as never retrieved.
    assert!(matches!(raiser.result(), Some(Err(_))));
    rt
}
