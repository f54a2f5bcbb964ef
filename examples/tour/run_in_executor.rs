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

use std::sync::mpsc::{self, Receiver};

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{gather, get_running_loop, AnyTask, Clock, Runtime};

use crate::asyncio::{boxed, Coroutine, Ctime, LECTURE_SECOND};
use crate::console::{console, say};
use crate::loop_stop::main_task;

/// `blocking()`, which sleeps `seconds` on its thread and says so, and
/// `blocking started` first if `started`. The receiver hears once after
/// that first line, and once at the end.
fn blocking(clock: Ctime, seconds: u32, started: bool) -> (impl FnOnce() + Send, Receiver<()>) {
    let (tell, told) = mpsc::channel();
    let console = console();
    let work = move || {
        if started {
            console.write(format_args!("blocking started\n"));
            let _ = tell.send(());
        }
        std::thread::sleep(LECTURE_SECOND * seconds);
        console.write(format_args!("{} Hello from a thread!\n", clock.now()));
        let _ = tell.send(());
    };
    (work, told)
}

/// A loop on the real clock, with `loop.create_task(main())`: `main`
/// sleeps `seconds`.
fn loop_with_main(clock: Ctime, seconds: u32) -> Runtime {
    let mut rt = Runtime::with_clock(Clock::Real);
    rt.spawn(main_task(clock, seconds)).detach();
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

/// `asyncio2.py`: main outlives the thread; all is well. The loop starts
/// once the thread printed its first line.
fn thread_ends_first(clock: Ctime) {
    let rt = loop_with_main(clock, 5);
    let (work, told) = blocking(clock, 3, true);
    drop(rt.run_in_executor(work));
    told.recv().ok();
    run_then_gather_tasks(rt);
}

/// `asyncio3.py`: the thread outlives main; the loop closes without it.
fn loop_closes_first(clock: Ctime) {
    let rt = loop_with_main(clock, 3);
    let (work, told) = blocking(clock, 6, false);
    drop(rt.run_in_executor(work));
    run_then_gather_tasks(rt);
    told.recv().ok(); // Python's exit waits for the executor's thread
}

/// `run_blocking()`: `await loop.run_in_executor(None, blocking)`.
fn run_blocking(work: impl FnOnce() + Send + 'static) -> impl Coroutine {
    lazy(|| get_running_loop().run_in_executor(work).wait())
}

/// `asyncio4.py`: fix 1, a task awaits the executor.
fn task_awaits_executor(clock: Ctime) {
    let mut rt = loop_with_main(clock, 3);
    let (work, _told) = blocking(clock, 6, false);
    rt.spawn(run_blocking(work)).detach();
    run_then_gather_tasks(rt);
}

/// `asyncio5.py`: fix 2, the future is gathered with the tasks.
fn future_gathered_with_tasks(clock: Ctime) {
    let mut rt = loop_with_main(clock, 3);
    let (work, _told) = blocking(clock, 6, false);
    let future = rt.run_in_executor(work);
    rt.run_forever().expect("main stops the loop");
    let tasks = rt.all_tasks();
    for task in &tasks {
        task.cancel();
    }
    let group_tasks = gather(tasks.iter().map(AnyTask::join)).return_exceptions();
    let group = gather([boxed(group_tasks.map_return(drop)), boxed(future.wait())]);
    rt.run_until_complete(group).expect("the thread ends").ok();
    rt.close();
}

/// Each script with the seed's first time of day.
pub(crate) fn run() {
    thread_ends_first(Ctime::starting_at(21, 2, 2));
    say!();
    loop_closes_first(Ctime::starting_at(21, 3, 49));
    say!();
    task_awaits_executor(Ctime::starting_at(21, 8, 28));
    say!();
    future_gathered_with_tasks(Ctime::starting_at(21, 10, 49));
}
