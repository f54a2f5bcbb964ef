//! `asyncio.shield`: cancelling the shield does not cancel the task inside.
//!
//! ```python
//! async def start_task():
//!     print('Старт задачи...')
//!     await asyncio.sleep(2)
//!     print('А что со мной хотели сделать?')
//!
//!
//! async def cancel(some_task):
//!     await asyncio.sleep(0.5)
//!     some_task.cancel()
//!     print('Отмена!')
//!
//!
//! async def main():
//!     real_task = asyncio.create_task(start_task())
//!     shield = asyncio.shield(real_task)
//!     asyncio.create_task(cancel(shield))
//!     await real_task
//!
//!
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Старт задачи...
//! Отмена!
//! А что со мной хотели сделать?
//! ```
//!
//! In asyncio, `shield(real_task)` is a second future in front of the task:
//! cancelling it cancels only that future. Here [`shield`] is an awaitable,
//! so the future in front is a task awaiting it, `spawn(shield(real_task))`,
//! and that task is what `cancel` cancels: its `CancelledError` stops at the
//! shield, and `real_task` sleeps on and prints. A [`Task`] handle is
//! `Clone` (every clone is the same task), so `main` gives one to the
//! shield and awaits another. The notebook's `await main()` is the tour's
//! `asyncio.run(main())`: the same output, in the same order.

use resumable::scheduler::{shield, sleep, spawn, Join, Request, Runtime, Sleep, Task, TaskError};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{millis, secs, show_run, Input, Step};
use crate::console::say;

/// `start_task()`: a print, two seconds, a print.
struct StartTask {
    nap: Option<Sleep>,
}

impl Generator for StartTask {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let nap = match &mut self.nap {
            Some(nap) => nap,
            None => {
                input.sent()?;
                input = Resume::Next;
                say!("Старт задачи...");
                self.nap.insert(sleep(secs(2)))
            }
        };
        yield_from!(nap, input)?;
        say!("А что со мной хотели сделать?");
        Ok(Complete(()))
    }
}

/// `cancel(some_task)`: half a second, then `some_task.cancel()`.
struct Cancel {
    some_task: Task<()>,
    nap: Sleep,
}

impl Generator for Cancel {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        yield_from!(self.nap, input)?;
        self.some_task.cancel();
        say!("Отмена!");
        Ok(Complete(()))
    }
}

/// `main()`: creates the tasks, then `await real_task`.
struct Main {
    real_task: Option<Join<()>>,
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let real_task = match &mut self.real_task {
            Some(real_task) => real_task,
            None => {
                input.sent()?;
                input = Resume::Next;
                let real_task = spawn(StartTask { nap: None });
                let shield = spawn(shield(real_task.clone())); // the future `shield`
                spawn(Cancel {
                    some_task: shield,
                    nap: sleep(millis(500)),
                })
                .detach();
                self.real_task.insert(real_task.join())
            }
        };
        yield_from!(real_task, input)?; // await real_task
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    show_run(Runtime::new().run(Main { real_task: None }));
}
