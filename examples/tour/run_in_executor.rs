//! `loop.run_in_executor(None, blocking)`: blocking work on a thread, as a
//! future that is *not* a task — so a loop that gathers its tasks and
//! closes does not wait for it (seed 001, "Обработка блокирующих
//! операций", `08/asyncio2.py` to `asyncio5.py`).
//!
//! ```python
//! async def main():
//!     print(f'{time.ctime()} Hello!')
//!     await asyncio.sleep(5)                       # 3 in asyncio3-5
//!     print(f'{time.ctime()} Goodbye!')
//!     loop.stop()
//!
//! def blocking():
//!     print("blocking started")                    # asyncio2 only
//!     time.sleep(3)                                # 6 in asyncio3-5
//!     print(f"{time.ctime()} Hello from a thread!")
//!
//! loop = asyncio.new_event_loop()
//! asyncio.set_event_loop(loop)
//! loop.create_task(main())
//! loop.run_in_executor(None, blocking)
//! loop.run_forever()
//! pending = asyncio.all_tasks(loop=loop)
//! group = asyncio.gather(*pending)
//! loop.run_until_complete(group)
//! loop.close()
//!
//! # Fix 1 (asyncio4): a task awaits the executor, so all_tasks lists it
//! async def run_blocking():
//!     await loop.run_in_executor(None, blocking)
//! loop.create_task(run_blocking())
//!
//! # Fix 2 (asyncio5): gather the future with the tasks
//! future = loop.run_in_executor(None, blocking)
//! ...
//! for t in tasks:
//!     t.cancel()
//! group_tasks = asyncio.gather(*tasks, return_exceptions=True)
//! group = asyncio.gather(group_tasks, future)
//! ```
//!
//! The seed prints:
//!
//! ```text
//! blocking started
//! Wed Dec 21 21:02:02 2022 Hello!
//! Wed Dec 21 21:02:05 2022 Hello from a thread!
//! Wed Dec 21 21:02:07 2022 Goodbye!
//!
//! Wed Dec 21 21:03:49 2022 Hello!
//! Wed Dec 21 21:03:52 2022 Goodbye!
//! Wed Dec 21 21:03:55 2022 Hello from a thread!
//! exception calling callback for <Future at 0x7fd25811ba90 state=finished returned NoneType>
//! Traceback (most recent call last):
//!   ...
//! RuntimeError: Event loop is closed
//!
//! Wed Dec 21 21:08:28 2022 Hello!
//! Wed Dec 21 21:08:31 2022 Goodbye!
//! Wed Dec 21 21:08:34 2022 Hello from a thread!
//!
//! Wed Dec 21 21:10:49 2022 Hello!
//! Wed Dec 21 21:10:52 2022 Goodbye!
//! Wed Dec 21 21:10:55 2022 Hello from a thread!
//! ```
//!
//! The pitfall, second script: `main` stops the loop at 3 s and nothing is
//! pending — the executor's future is not a task — so the loop closes
//! while the thread sleeps. The seed ran Python 3.8, whose thread then
//! failed to hand its result to the closed loop. CPython 3.11 prints no
//! error: it drops the result of a closed loop's future
//! (`_call_set_state`), and its process waits for the executor's thread
//! before it exits, so `Hello from a thread!` still comes. The tour prints
//! what 3.11 prints, waiting for the thread after `close()` as Python's
//! exit does.
//!
//! In the first script the thread and the loop race for the first line;
//! CPython 3.11 even prints `blocking started` and `Hello!` on one line
//! at times. The tour lets the thread print first, as in the seed.
//!
//! The scripts run on the real clock ([`Clock::Real`]), a lecture second
//! being [`LECTURE_SECOND`]: on the virtual clock a thread's work takes no
//! time, and the point here is that it does. [`Ctime`] prints the seed's
//! times. [`Runtime::run_in_executor`] is `loop.run_in_executor(None, f)`,
//! and [`AnyTask::join`] lets `gather(*all_tasks())` be written.

use std::sync::mpsc::{self, Receiver, Sender};

use resumable::scheduler::{gather, get_running_loop, AnyTask, Clock, PromiseWait, Request};
use resumable::scheduler::{Runtime, TaskError};
use resumable::{yield_from, Generator, GeneratorState::Complete};

use crate::asyncio::{Ctime, Input, Step, LECTURE_SECOND};
use crate::console::{console, say};
use crate::loop_stop::Main;

/// `blocking()`, which sleeps `seconds` on its thread and says so; it
/// tells `started` once it printed its first line, and `done` at its end.
fn blocking(
    clock: Ctime,
    seconds: u32,
    started: Option<Sender<()>>,
) -> (impl FnOnce() + Send, Receiver<()>) {
    let (done, finished) = mpsc::channel();
    let console = console();
    let work = move || {
        if let Some(started) = started {
            console.write(format_args!("blocking started\n"));
            let _ = started.send(());
        }
        std::thread::sleep(LECTURE_SECOND * seconds);
        console.write(format_args!("{} Hello from a thread!\n", clock.now()));
        let _ = done.send(());
    };
    (work, finished)
}

/// A loop on the real clock, `main` spawned on it to sleep `seconds`.
fn loop_with_main(clock: Ctime, seconds: u32) -> Runtime {
    let mut rt = Runtime::with_clock(Clock::Real);
    rt.spawn(Main {
        clock,
        seconds,
        nap: None,
    })
    .detach();
    rt
}

/// `run_forever()`, then `run_until_complete(gather(*all_tasks()))`, then
/// `close()`.
fn run_then_gather_tasks(mut rt: Runtime) {
    rt.run_forever().expect("main stops the loop");
    let pending = rt.all_tasks();
    let group = gather(pending.iter().map(AnyTask::join));
    rt.run_until_complete(group).expect("the tasks end").ok();
    rt.close();
}

/// `asyncio2.py`: main outlives the thread; all is well.
fn thread_ends_first() {
    let clock = Ctime::starting_at(21, 2, 2);
    let rt = loop_with_main(clock, 5);
    let (started, printed) = mpsc::channel();
    let (work, _finished) = blocking(clock, 3, Some(started));
    drop(rt.run_in_executor(work));
    printed.recv().ok();
    run_then_gather_tasks(rt);
}

/// `asyncio3.py`: the thread outlives main; the loop closes without it.
fn loop_closes_first() {
    let clock = Ctime::starting_at(21, 3, 49);
    let rt = loop_with_main(clock, 3);
    let (work, finished) = blocking(clock, 6, None);
    drop(rt.run_in_executor(work));
    run_then_gather_tasks(rt);
    finished.recv().ok(); // Python's exit waits for the executor's thread
}

/// `run_blocking()`: `await loop.run_in_executor(None, blocking)`.
struct RunBlocking<F> {
    work: Option<F>,
    future: Option<PromiseWait<()>>,
}

impl<F: FnOnce() + Send + 'static> Generator for RunBlocking<F> {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        let future = match (&mut self.future, self.work.take()) {
            (Some(future), _) => future,
            (None, work) => {
                let work = work.expect("taken once");
                self.future
                    .insert(get_running_loop().run_in_executor(work).wait())
            }
        };
        yield_from!(future, input)?;
        Ok(Complete(()))
    }
}

/// `asyncio4.py`: fix 1, a task awaits the executor.
fn task_awaits_executor() {
    let clock = Ctime::starting_at(21, 8, 28);
    let mut rt = loop_with_main(clock, 3);
    let (work, _finished) = blocking(clock, 6, None);
    rt.spawn(RunBlocking {
        work: Some(work),
        future: None,
    })
    .detach();
    run_then_gather_tasks(rt);
}

/// `asyncio5.py`: fix 2, the future is gathered with the tasks.
fn future_gathered_with_tasks() {
    let clock = Ctime::starting_at(21, 10, 49);
    let mut rt = loop_with_main(clock, 3);
    let (work, _finished) = blocking(clock, 6, None);
    let future = rt.run_in_executor(work);
    rt.run_forever().expect("main stops the loop");
    let tasks = rt.all_tasks();
    for task in &tasks {
        task.cancel();
    }
    let group_tasks = gather(tasks.iter().map(AnyTask::join)).return_exceptions();
    let group = gather([
        Box::new(group_tasks.map_return(drop)) as Awaitable,
        Box::new(future.wait()),
    ]);
    rt.run_until_complete(group).expect("the thread ends").ok();
    rt.close();
}

/// Anything awaited that returns nothing, boxed to gather unlike things.
type Awaitable = Box<dyn Generator<(), Yield = Request, Return = (), Error = TaskError>>;

pub(crate) fn run() {
    thread_ends_first();
    say!();
    loop_closes_first();
    say!();
    task_awaits_executor();
    say!();
    future_gathered_with_tasks();
}
