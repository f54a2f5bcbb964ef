//! `asyncio/runners.py`: [`Runtime::run`], `asyncio.run`.
//!
//! `asyncio.run(main())` makes `main` a task and runs the loop until the
//! task is done; the loop stops through a done callback of the task, queued
//! like any other, so whatever `main`'s last step made ready still takes its
//! step. Then it shuts down: every task still alive is cancelled, and the
//! loop runs until they have all finished (`_cancel_all_tasks`); two more
//! short runs follow (`shutdown_asyncgens`, `shutdown_default_executor`),
//! and the loop is closed, with the tasks still pending in it.
//!
//! [`Run`] is that sequence as a state machine, so that the blocking
//! [`Runtime::run`] and the polled `RunFuture` take the
//! same steps.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::Cell;

use super::base_events::{Budget, Enter, Event, Report, ReportKind, Stall};
use super::tasks::{tasks_of, Task};
use super::{
    shutdown_asyncgens, AnyTask, CallbackId, IntoTask, Request, RunError, Runtime, TaskError,
};
use crate::generator::{from_fn, Exception, Generator, GeneratorState};

impl Runtime {
    /// Runs `main` and everything it spawns until `main` finishes, then
    /// shuts the loop down: `asyncio.run(main())`.
    ///
    /// When `main` is done, the tasks still alive are cancelled and run
    /// until they finish; errors they raise other than the cancellation are
    /// reported ([`ReportKind::ShutdownError`]); the async generators still
    /// alive are closed ([`shutdown_asyncgens`]);
    /// and tasks still alive after that are closed and reported
    /// ([`ReportKind::DestroyedPending`]).
    /// Errors of failed tasks nobody retrieved are reported when their
    /// last handle goes ([`ReportKind::TaskNeverRetrieved`]). See
    /// [`reports`](Runtime::reports). The runtime can run again afterwards.
    ///
    /// # Errors
    ///
    /// [`RunError::Task`] if `main` raised; [`RunError::Deadlock`] where
    /// asyncio would hang: every task alive waits and nothing can wake any
    /// of them, while `main` runs or while the tasks left are cancelled.
    ///
    /// # Panics
    ///
    /// If called from inside the running loop (asyncio's `RuntimeError`),
    /// or on a closed one; and with the panic of a task, at the end of the
    /// turn in which it panicked (see [`Runtime`]'s "A task that panics").
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    /// use resumable::Generator as _;
    ///
    /// // asyncio.run(main()), where main sleeps 1 s and returns 42
    /// let mut rt = Runtime::new();
    /// let main = sleep(Duration::from_secs(1)).map_return(|()| 42);
    /// assert_eq!(rt.run(main).unwrap(), 42);
    /// ```
    pub fn run<G>(&mut self, main: G) -> Result<G::Return, RunError>
    where
        G: Generator<Yield = Request, Error = TaskError> + 'static,
    {
        let mut run = Run::start(self, main);
        loop {
            match run.poll(self, &mut Budget::unlimited()) {
                Ok(outcome) => return outcome,
                Err(stall) => self.block_on_stall(&stall),
            }
        }
    }

    /// Runs the loop until `main` is done, and gives its outcome:
    /// `loop.run_until_complete(main)`. `main` is a generator (made a task
    /// first, as asyncio does with a coroutine) or a task already spawned.
    /// Unlike [`run`](Runtime::run), the tasks still alive are left as they
    /// are.
    ///
    /// # Errors
    ///
    /// [`RunError::Deadlock`] if every task waits and nothing can wake any
    /// of them before `main` is done. `main`'s own error is the inner
    /// `Err`.
    ///
    /// ```
    /// use core::time::Duration;
    /// use resumable::scheduler::{sleep, Runtime};
    /// use resumable::Generator as _;
    ///
    /// let mut rt = Runtime::new();
    /// let background = rt.spawn(sleep(Duration::from_secs(5)));
    /// let main = sleep(Duration::from_secs(1)).map_return(|()| "main");
    /// assert_eq!(rt.run_until_complete(main).unwrap().unwrap(), "main");
    /// assert!(!background.done()); // left running
    /// assert_eq!(rt.time(), Duration::from_secs(1));
    ///
    /// // A task already spawned: loop.run_until_complete(task)
    /// rt.run_until_complete(background.clone()).unwrap().unwrap();
    /// assert_eq!(rt.time(), Duration::from_secs(5));
    /// ```
    ///
    /// # Panics
    ///
    /// If `main` is a task of another runtime, done or not, with asyncio's
    /// message ("The future belongs to a different loop than the one
    /// specified as the loop argument"), naming the task and both
    /// runtimes; neither runtime is changed. asyncio raises `ValueError`
    /// in the caller for this bug, which the crate makes a panic (see
    /// "Misuse panics" in `docs/design.md`): no correct program meets it,
    /// and [`RunError`] is what one does meet.
    #[track_caller]
    pub fn run_until_complete<A>(
        &mut self,
        main: A,
    ) -> Result<Result<A::Output, TaskError>, RunError>
    where
        A: IntoTask,
        A::Output: 'static,
    {
        self.check_open();
        let main = {
            let _running = Enter::new(self.core());
            main.into_task()
        };
        // Before anything is added to the task or run: its runtime would
        // run it, not this one, which would report a deadlock naming nobody.
        if let Err(error) = main.check_loop(self.core()) {
            panic!("{}", error.message());
        }
        self.apply_events();
        let armed = Armed::default();
        let stop = stop_when_done(self, &main, &armed);
        let ran = self.run_forever();
        main.remove_done_callback(stop);
        ran?;
        Ok(A::outcome(&main).expect("the loop stops when the task it runs is done"))
    }
}

/// `asyncio.run`, one stage at a time.
pub(crate) struct Run<T> {
    stage: Stage<T>,
    /// The stop callbacks of this run, which stop the loop only while it
    /// lasts (a panic may end it before its tasks are done).
    armed: Armed,
}

enum Stage<T> {
    /// `runner.run(main)`: until the main task is done.
    Main {
        task: Task<T>,
        stop: CallbackId,
    },
    /// `_cancel_all_tasks`: until the tasks cancelled are done.
    Cancelling {
        outcome: Result<T, TaskError>,
        tasks: Vec<AnyTask>,
    },
    /// `shutdown_asyncgens` (0), then `shutdown_default_executor` (1).
    Shutdown {
        outcome: Result<T, TaskError>,
        step: u8,
        task: Task<()>,
    },
    Finished,
}

impl<T: 'static> Run<T> {
    pub(crate) fn start<G>(rt: &mut Runtime, main: G) -> Self
    where
        G: Generator<Yield = Request, Return = T, Error = TaskError> + 'static,
    {
        assert!(
            !rt.is_running(),
            "Runtime::run cannot be called from a running event loop"
        );
        rt.check_open();
        let task = rt.spawn(main);
        let armed = Armed::default();
        let stop = stop_when_done(rt, &task, &armed);
        Run {
            stage: Stage::Main { task, stop },
            armed,
        }
    }

    /// Runs stage after stage until the run is over (`Ok`), or going on
    /// means waiting or `budget` is spent (`Err`, never `Stuck`: a deadlock
    /// ends the run).
    pub(crate) fn poll(
        &mut self,
        rt: &mut Runtime,
        budget: &mut Budget,
    ) -> Result<Result<T, RunError>, Stall> {
        loop {
            match rt.run_until_stopped(budget) {
                Ok(()) => {}
                Err(Stall::Stuck) => return Ok(self.deadlocked(rt)),
                Err(stall) => return Err(stall),
            }
            let stage = core::mem::replace(&mut self.stage, Stage::Finished);
            self.stage = match stage {
                Stage::Main { task, stop } => {
                    task.remove_done_callback(stop);
                    let outcome = task
                        .take_result()
                        .expect("the loop stops when the main task is done");
                    cancel_all_tasks(rt, outcome, &self.armed)
                }
                Stage::Cancelling { outcome, tasks } => {
                    report_shutdown_errors(rt, &tasks);
                    shutdown_step(rt, outcome, 0, &self.armed)
                }
                Stage::Shutdown {
                    outcome,
                    step,
                    task,
                } => {
                    drop(task);
                    if step == 0 {
                        shutdown_step(rt, outcome, 1, &self.armed)
                    } else {
                        rt.close_all(true);
                        return Ok(outcome.map_err(RunError::Task));
                    }
                }
                Stage::Finished => panic!("a run was polled after it ended"),
            };
        }
    }

    /// Where asyncio would hang: the run ends with the report, and the
    /// tasks left are closed (reported if the shutdown had begun: they
    /// ignored their cancellation).
    fn deadlocked(&mut self, rt: &mut Runtime) -> Result<T, RunError> {
        let deadlock = rt.deadlock();
        let shutting_down = !matches!(self.stage, Stage::Main { .. });
        self.stage = Stage::Finished;
        rt.close_all(shutting_down);
        Err(RunError::Deadlock(deadlock))
    }
}

/// `_cancel_all_tasks`: cancels every task alive, in spawn order, and
/// waits for them as `gather(*to_cancel, return_exceptions=True)` would.
fn cancel_all_tasks<T>(rt: &mut Runtime, outcome: Result<T, TaskError>, armed: &Armed) -> Stage<T>
where
    T: 'static,
{
    let tasks = tasks_of(rt.core());
    if tasks.is_empty() {
        return shutdown_step(rt, outcome, 0, armed);
    }
    for task in &tasks {
        task.cancel();
    }
    let left = Rc::new(Cell::new(tasks.len()));
    for task in &tasks {
        let left = Rc::clone(&left);
        let core = Rc::clone(rt.core());
        let stop = armed.stopper(rt);
        let mut stop = Some(stop);
        task.add_done_callback_boxed(Box::new(move || {
            // The gather's `_done_callback`: the last one completes the
            // gathering future, which schedules run_until_complete's
            // callback, which stops the loop.
            left.set(left.get() - 1);
            if left.get() == 0 {
                if let Some(stop) = stop.take() {
                    core.push(Event::Call(Box::new(stop)));
                }
            }
        }));
    }
    Stage::Cancelling { outcome, tasks }
}

/// "unhandled exception during asyncio.run() shutdown".
fn report_shutdown_errors(rt: &Runtime, tasks: &[AnyTask]) {
    for task in tasks {
        if task.cancelled() {
            continue;
        }
        if let Some(error) = task.exception() {
            let report = Report::new(ReportKind::ShutdownError, Some(task.name()), Some(error));
            rt.core().report(report);
        }
    }
}

/// `loop.run_until_complete(loop.shutdown_asyncgens())` (step 0) and
/// `loop.run_until_complete(loop.shutdown_default_executor())` (step 1):
/// each a task. With no async generator alive and no executor each
/// returns at once, and the two turns it takes let whatever is ready take
/// its step; the async generators alive are closed by tasks of their own,
/// gathered.
fn shutdown_step<T>(
    rt: &mut Runtime,
    outcome: Result<T, TaskError>,
    step: u8,
    armed: &Armed,
) -> Stage<T> {
    let task = if step == 0 {
        rt.spawn(shutdown_asyncgens())
    } else {
        rt.spawn(from_fn(|_| {
            Ok::<_, Exception<TaskError>>(GeneratorState::Complete(()))
        }))
    };
    stop_when_done(rt, &task, armed);
    Stage::Shutdown {
        outcome,
        step,
        task,
    }
}

/// `future.add_done_callback(_run_until_complete_cb)`: the loop stops
/// after the turn in which the callback runs.
fn stop_when_done<T: 'static>(rt: &Runtime, task: &Task<T>, armed: &Armed) -> CallbackId {
    let stop = armed.stopper(rt);
    task.add_done_callback(move |_| stop())
}

/// Whether the run that set its stop callbacks is still on: a run left by
/// a panic must not stop the next one when its tasks finish later.
struct Armed(Rc<Cell<bool>>);

impl Default for Armed {
    fn default() -> Self {
        Armed(Rc::new(Cell::new(true)))
    }
}

impl Armed {
    /// `loop.stop()`, if the run is still on when it is called.
    fn stopper(&self, rt: &Runtime) -> impl FnOnce() + 'static {
        let on = Rc::clone(&self.0);
        let core = Rc::clone(rt.core());
        move || {
            if on.get() {
                core.stop();
            }
        }
    }
}

impl Drop for Armed {
    fn drop(&mut self) {
        self.0.set(false);
    }
}
