//! [`AnyTask::join`]: `await task` for a task of any type, such as those
//! [`all_tasks`](super::all_tasks) returns — what `asyncio.gather(*pending)`
//! awaits.

use alloc::boxed::Box;
use core::fmt;

use super::task::AnyTask;
use crate::generator::{Generator, GeneratorState};
use crate::scheduler::{get_running_loop, Input, PromiseWait, Request, Step, TaskError};
use crate::yield_from;

impl AnyTask {
    /// Waits until the task is done: `await task`, without its value (an
    /// [`AnyTask`] does not know its type). Raises the task's exception,
    /// or `CancelledError` if it was cancelled.
    ///
    /// ```python
    /// loop.create_task(main())
    /// loop.run_forever()                   # until main calls loop.stop()
    /// pending = asyncio.all_tasks(loop=loop)
    /// loop.run_until_complete(asyncio.gather(*pending))
    /// ```
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{gather, sleep, AnyTask, Runtime};
    ///
    /// let mut rt = Runtime::new();
    /// let lp = rt.event_loop();
    /// rt.call_later(Duration::from_secs(1), move || lp.stop());
    /// let slow = rt.spawn(sleep(Duration::from_secs(3)));
    /// rt.run_forever().unwrap(); // stopped at 1 s
    /// let pending = rt.all_tasks();
    /// assert_eq!(pending, [slow.as_any()]);
    /// let group = gather(pending.iter().map(AnyTask::join));
    /// rt.run_until_complete(group).unwrap().unwrap();
    /// assert!(slow.done());
    /// assert_eq!(rt.time(), Duration::from_secs(3));
    /// ```
    ///
    /// Cancelling the wait does not cancel the task, unlike `await task`
    /// in Python (where the waiter cancels the task it awaits): use
    /// [`Task::join`](super::Task::join) for that.
    pub fn join(&self) -> AnyJoin {
        AnyJoin {
            task: self.clone(),
            wait: None,
        }
    }
}

/// The awaitable of [`AnyTask::join`].
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct AnyJoin {
    task: AnyTask,
    /// A promise the task settles when it is done, made at the first step,
    /// on the running loop.
    wait: Option<PromiseWait<()>>,
}

impl AnyJoin {
    fn start(&self) -> PromiseWait<()> {
        let settled = get_running_loop().create_future::<()>();
        let (task, settle) = (self.task.clone(), settled.clone());
        self.task.add_done_callback_boxed(Box::new(move || {
            let _ = match task.exception() {
                None => settle.set_result(()).map_err(drop),
                Some(error) => settle.set_exception(error).map_err(drop),
            };
        }));
        settled.wait()
    }
}

impl Generator for AnyJoin {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<()> {
        let wait = match &mut self.wait {
            Some(wait) => wait,
            None => {
                let started = self.start();
                self.wait.insert(started)
            }
        };
        yield_from!(wait, input)?;
        Ok(GeneratorState::Complete(()))
    }
}

impl fmt::Debug for AnyJoin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AnyJoin").field(&self.task).finish()
    }
}
