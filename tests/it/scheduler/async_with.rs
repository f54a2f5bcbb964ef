//! `async with` (PEP 492): the order of `__aenter__`, the body and
//! `__aexit__` on every way out, against traces recorded on CPython 3.11.
//!
//! The reference program (its output is pasted into each test):
//!
//! ```python
//! class Manager:
//!     async def __aenter__(self):
//!         log.append("enter")
//!         await asyncio.sleep(self.enter_sleeps)        # 0 unless a test says
//!         if self.enter_raises:
//!             log.append("enter raises"); raise ValueError
//!         log.append("entered")
//!         return "value"
//!     async def __aexit__(self, et, e, tb):
//!         log.append(f"exit {et.__name__ if et else None}")
//!         if self.exit_sleeps is not None:              # 0 unless a test says
//!             await asyncio.sleep(self.exit_sleeps)
//!         if self.exit_raises:
//!             log.append("exit raises"); raise RuntimeError
//!         log.append("exited")
//!         return self.suppress
//!
//! async def statement(mgr, body_raises=None, body_sleeps=0):
//!     try:
//!         async with mgr as value:
//!             log.append(f"body {value}")
//!             await asyncio.sleep(body_sleeps)
//!             if body_raises:
//!                 log.append("body raises"); raise body_raises
//!             log.append("body returns")
//!         log.append("after")
//!     except BaseException as e:
//!         log.append(f"statement raised {type(e).__name__}"); raise
//!
//! async def cancel_after(coro, delay):     # the cancellation tests
//!     t = asyncio.create_task(coro)
//!     await asyncio.sleep(delay)
//!     t.cancel()
//!     try: await t
//!     except asyncio.CancelledError: log.append("task cancelled")
//! ```

use std::fmt;
use std::time::Duration;

use resumable::scheduler::{
    async_with, sleep, yield_now, AsyncContextManager, Leaving, Request, Runtime, Task, TaskError,
};
use resumable::sync::Lock;
use resumable::{Exception, Generator, GeneratorState, Outcome, Resume};

use crate::support::Log;

/// An error of the Python program, named as `type(e).__name__` prints it.
#[derive(Debug)]
struct PyError(&'static str);

impl fmt::Display for PyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for PyError {}

fn raise(name: &'static str) -> Exception<TaskError> {
    Exception::Raised(TaskError::raise(PyError(name)))
}

/// `type(e).__name__` of what a statement raised.
fn name_of(exception: &Exception<TaskError>) -> String {
    match exception {
        Exception::Raised(error) => Leaving::Raised(error.clone()).to_string(),
        Exception::GeneratorExit => "GeneratorExit".to_owned(),
    }
}

type Ended<T> = Result<T, Exception<TaskError>>;
type Boxed<R> = Box<dyn Generator<Yield = Request, Return = R, Error = TaskError>>;

/// `await first`, then `then(how it ended)`: the code after an await, in
/// a `try` around it.
struct Then<G, F> {
    first: G,
    then: Option<F>,
}

fn then<G, F, R>(first: G, then: F) -> Boxed<R>
where
    G: Generator<Yield = Request, Error = TaskError> + 'static,
    F: FnOnce(Ended<G::Return>) -> Ended<R> + 'static,
    R: 'static,
{
    Box::new(Then {
        first,
        then: Some(then),
    })
}

impl<G, F, R> Generator for Then<G, F>
where
    G: Generator<Yield = Request, Error = TaskError>,
    F: FnOnce(Ended<G::Return>) -> Ended<R>,
{
    type Yield = Request;
    type Return = R;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, R, TaskError> {
        let ended = match self.first.resume(input) {
            Ok(GeneratorState::Yielded(request)) => return Ok(GeneratorState::Yielded(request)),
            Ok(GeneratorState::Complete(value)) => Ok(value),
            Err(exception) => Err(exception),
        };
        let then = self.then.take().expect("resumed after it finished");
        then(ended).map(GeneratorState::Complete)
    }
}

/// `await asyncio.sleep(seconds)`: `sleep(0)` is a bare yield.
fn py_sleep(seconds: u64) -> Boxed<()> {
    match seconds {
        0 => Box::new(yield_now()),
        _ => Box::new(sleep(Duration::from_secs(seconds))),
    }
}

/// The Python program's `Manager`.
#[derive(Clone)]
struct Manager {
    log: Log,
    enter_sleeps: u64,
    enter_raises: bool,
    exit_sleeps: Option<u64>,
    exit_raises: bool,
    suppress: bool,
}

impl Manager {
    fn new(log: &Log) -> Self {
        Manager {
            log: log.clone(),
            enter_sleeps: 0,
            enter_raises: false,
            exit_sleeps: Some(0),
            exit_raises: false,
            suppress: false,
        }
    }
}

impl AsyncContextManager for Manager {
    type Value = &'static str;
    type Enter = Boxed<&'static str>;
    type Exit = Boxed<bool>;

    fn aenter(&mut self) -> Boxed<&'static str> {
        self.log.push("enter");
        let (log, raises) = (self.log.clone(), self.enter_raises);
        then(py_sleep(self.enter_sleeps), move |slept| {
            slept?;
            if raises {
                log.push("enter raises");
                return Err(raise("ValueError"));
            }
            log.push("entered");
            Ok("value")
        })
    }

    fn aexit(&mut self, leaving: &Leaving) -> Boxed<bool> {
        self.log.push(format!("exit {leaving}"));
        let (log, raises, suppress) = (self.log.clone(), self.exit_raises, self.suppress);
        let nap: Boxed<()> = match self.exit_sleeps {
            Some(seconds) => py_sleep(seconds),
            None => Box::new(resumable::scheduler::ready(())),
        };
        then(nap, move |slept| {
            slept?;
            if raises {
                log.push("exit raises");
                return Err(raise("RuntimeError"));
            }
            log.push("exited");
            Ok(suppress)
        })
    }
}

/// The Python program's `statement(mgr, body_raises, body_sleeps)`.
fn statement(mgr: Manager, body_raises: Option<&'static str>, body_sleeps: u64) -> Boxed<()> {
    let log = mgr.log.clone();
    let block = async_with(mgr, move |value| {
        log.push(format!("body {value}"));
        then(py_sleep(body_sleeps), move |slept| {
            slept?;
            if let Some(name) = body_raises {
                log.push("body raises");
                return Err(raise(name));
            }
            log.push("body returns");
            Ok("result")
        })
    });
    let log = block_log(&block);
    then(block, move |ended: Ended<Option<&str>>| {
        match &ended {
            Ok(_) => log.push("after"),
            Err(exception) => log.push(format!("statement raised {}", name_of(exception))),
        }
        ended.map(drop)
    })
}

/// The log of a statement's manager.
fn block_log<F, B>(block: &resumable::scheduler::AsyncWith<Manager, F, B>) -> Log
where
    F: FnOnce(&'static str) -> B,
    B: Generator<Yield = Request, Error = TaskError>,
{
    block.manager().log.clone()
}

/// Runs `main` to its end and returns the log.
fn run(main: Boxed<()>, log: &Log) -> Vec<String> {
    let _ = Runtime::new().run(main);
    log.take()
}

/// `cancel_after(statement, 1)`.
fn cancel_after_a_second(statement: Boxed<()>, log: &Log) -> Vec<String> {
    let mut rt = Runtime::new();
    let task: Task<()> = rt.spawn(statement);
    let cancel = task.clone();
    rt.call_later(Duration::from_secs(1), move || {
        cancel.cancel();
    });
    let _ = rt.run_all();
    if task.cancelled() {
        log.push("task cancelled");
    }
    log.take()
}

#[test]
fn a_body_that_returns_enters_runs_and_exits_in_order() {
    let log = Log::default();
    let trace = run(statement(Manager::new(&log), None, 0), &log);
    // normal ['enter', 'entered', 'body value', 'body returns', 'exit None', 'exited', 'after']
    let expected = [
        "enter",
        "entered",
        "body value",
        "body returns",
        "exit None",
        "exited",
        "after",
    ];
    assert_eq!(trace, expected);
}

#[test]
fn an_error_in_the_body_reaches_the_exit_and_propagates() {
    let log = Log::default();
    let trace = run(statement(Manager::new(&log), Some("ValueError"), 0), &log);
    // body_error ['enter', 'entered', 'body value', 'body raises', 'exit ValueError', 'exited', 'statement raised ValueError']
    let expected = [
        "enter",
        "entered",
        "body value",
        "body raises",
        "exit ValueError",
        "exited",
        "statement raised ValueError",
    ];
    assert_eq!(trace, expected);
}

#[test]
fn an_exit_that_returns_true_swallows_the_error() {
    let log = Log::default();
    let mgr = Manager {
        suppress: true,
        ..Manager::new(&log)
    };
    let trace = run(statement(mgr, Some("ValueError"), 0), &log);
    // exit_suppresses ['enter', 'entered', 'body value', 'body raises', 'exit ValueError', 'exited', 'after']
    let expected = [
        "enter",
        "entered",
        "body value",
        "body raises",
        "exit ValueError",
        "exited",
        "after",
    ];
    assert_eq!(trace, expected);
}

#[test]
fn a_swallowed_error_leaves_the_statement_without_a_value() {
    let log = Log::default();
    let mgr = Manager {
        suppress: true,
        ..Manager::new(&log)
    };
    let block = async_with(mgr, |_| {
        then(py_sleep(0), |_| Err::<u8, _>(raise("ValueError")))
    });
    assert_eq!(Runtime::new().run(block).unwrap(), None);
}

#[test]
fn an_error_in_the_exit_is_what_the_statement_raises() {
    let log = Log::default();
    let mgr = Manager {
        exit_raises: true,
        ..Manager::new(&log)
    };
    let trace = run(statement(mgr, None, 0), &log);
    // exit_error ['enter', 'entered', 'body value', 'body returns', 'exit None', 'exit raises', 'statement raised RuntimeError']
    let expected = [
        "enter",
        "entered",
        "body value",
        "body returns",
        "exit None",
        "exit raises",
        "statement raised RuntimeError",
    ];
    assert_eq!(trace, expected);
}

#[test]
fn an_error_in_the_exit_replaces_the_bodys() {
    let log = Log::default();
    let mgr = Manager {
        exit_raises: true,
        ..Manager::new(&log)
    };
    let trace = run(statement(mgr, Some("ValueError"), 0), &log);
    // exit_error_replaces_body_error ['enter', 'entered', 'body value', 'body raises', 'exit ValueError', 'exit raises', 'statement raised RuntimeError']
    let expected = [
        "enter",
        "entered",
        "body value",
        "body raises",
        "exit ValueError",
        "exit raises",
        "statement raised RuntimeError",
    ];
    assert_eq!(trace, expected);
}

#[test]
fn an_error_in_the_enter_skips_the_body_and_the_exit() {
    let log = Log::default();
    let mgr = Manager {
        enter_raises: true,
        ..Manager::new(&log)
    };
    let trace = run(statement(mgr, None, 0), &log);
    // enter_error ['enter', 'enter raises', 'statement raised ValueError']
    assert_eq!(
        trace,
        ["enter", "enter raises", "statement raised ValueError"]
    );
}

#[test]
fn a_cancellation_while_entering_skips_the_body_and_the_exit() {
    let log = Log::default();
    let mgr = Manager {
        enter_sleeps: 10,
        ..Manager::new(&log)
    };
    let trace = cancel_after_a_second(statement(mgr, None, 0), &log);
    // cancel_in_enter ['enter', 'statement raised CancelledError', 'task cancelled']
    assert_eq!(
        trace,
        ["enter", "statement raised CancelledError", "task cancelled"]
    );
}

#[test]
fn a_cancellation_in_the_body_reaches_the_exit_and_propagates() {
    let log = Log::default();
    let trace = cancel_after_a_second(statement(Manager::new(&log), None, 10), &log);
    // cancel_in_body ['enter', 'entered', 'body value', 'exit CancelledError', 'exited', 'statement raised CancelledError', 'task cancelled']
    let expected = [
        "enter",
        "entered",
        "body value",
        "exit CancelledError",
        "exited",
        "statement raised CancelledError",
        "task cancelled",
    ];
    assert_eq!(trace, expected);
}

#[test]
fn an_exit_that_returns_true_swallows_a_cancellation() {
    let log = Log::default();
    let mgr = Manager {
        suppress: true,
        ..Manager::new(&log)
    };
    let trace = cancel_after_a_second(statement(mgr, None, 10), &log);
    // cancel_in_body_suppressed ['enter', 'entered', 'body value', 'exit CancelledError', 'exited', 'after']
    let expected = [
        "enter",
        "entered",
        "body value",
        "exit CancelledError",
        "exited",
        "after",
    ];
    assert_eq!(trace, expected);
}

#[test]
fn a_cancellation_while_exiting_is_what_the_statement_raises() {
    let log = Log::default();
    let mgr = Manager {
        exit_sleeps: Some(10),
        ..Manager::new(&log)
    };
    let trace = cancel_after_a_second(statement(mgr, None, 0), &log);
    // cancel_in_exit ['enter', 'entered', 'body value', 'body returns', 'exit None', 'statement raised CancelledError', 'task cancelled']
    let expected = [
        "enter",
        "entered",
        "body value",
        "body returns",
        "exit None",
        "statement raised CancelledError",
        "task cancelled",
    ];
    assert_eq!(trace, expected);
}

#[test]
fn a_cancellation_while_exiting_replaces_the_bodys_error() {
    let log = Log::default();
    let mgr = Manager {
        exit_sleeps: Some(10),
        ..Manager::new(&log)
    };
    let trace = cancel_after_a_second(statement(mgr, Some("ValueError"), 0), &log);
    // cancel_in_exit_replaces_body_error ['enter', 'entered', 'body value', 'body raises', 'exit ValueError', 'statement raised CancelledError', 'task cancelled']
    let expected = [
        "enter",
        "entered",
        "body value",
        "body raises",
        "exit ValueError",
        "statement raised CancelledError",
        "task cancelled",
    ];
    assert_eq!(trace, expected);
}

/// Runs `statement` until its body sleeps, then closes it.
fn close_in_body(statement: Boxed<()>, log: &Log) -> Vec<String> {
    let mut rt = Runtime::new();
    rt.spawn(statement).detach();
    rt.run_until_idle();
    rt.close();
    log.take()
}

#[test]
fn a_close_in_the_body_reaches_the_exit() {
    let log = Log::default();
    let mgr = Manager {
        exit_sleeps: None,
        ..Manager::new(&log)
    };
    let trace = close_in_body(statement(mgr, None, 10), &log);
    // close_in_body ['enter', 'entered', 'body value', 'exit GeneratorExit', 'exited', 'statement raised GeneratorExit']
    let expected = [
        "enter",
        "entered",
        "body value",
        "exit GeneratorExit",
        "exited",
        "statement raised GeneratorExit",
    ];
    assert_eq!(trace, expected);
}

#[test]
fn an_exit_that_would_wait_while_closing_is_closed() {
    let log = Log::default();
    let mgr = Manager {
        exit_sleeps: Some(1),
        ..Manager::new(&log)
    };
    let trace = close_in_body(statement(mgr, None, 10), &log);
    // close_in_body_exit_waits ['enter', 'entered', 'body value', 'exit GeneratorExit',
    //   'close raised RuntimeError: coroutine ignored GeneratorExit', 'statement raised GeneratorExit']
    // (Python's RuntimeError has no counterpart: the exit is closed at once.)
    let expected = [
        "enter",
        "entered",
        "body value",
        "exit GeneratorExit",
        "statement raised GeneratorExit",
    ];
    assert_eq!(trace, expected);
}

#[test]
fn a_lock_is_left_alone_when_its_enter_is_cancelled() {
    let lock = Lock::new();
    assert!(lock.try_acquire()); // main holds it
    let log = Log::default();
    let body_log = log.clone();
    let user = async_with(lock.clone(), move |()| {
        body_log.push("body");
        resumable::scheduler::ready(())
    });
    let trace = cancel_after_a_second(Box::new(user), &log);
    // lock_cancel_in_enter ['task cancelled, locked=True', 'main released, locked=False']
    assert_eq!(trace, ["task cancelled"]);
    assert!(lock.locked(), "still main's");
    lock.release();
    assert!(!lock.locked());
}

#[test]
fn a_lock_is_released_when_its_body_is_cancelled() {
    let lock = Lock::new();
    let log = Log::default();
    let (inside, body_log) = (lock.clone(), log.clone());
    let user = async_with(lock.clone(), move |()| {
        body_log.push(format!("body, locked={}", python_bool(inside.locked())));
        sleep(Duration::from_secs(10))
    });
    let trace = cancel_after_a_second(Box::new(user), &log);
    // lock_cancel_in_body ['body, locked=True', 'task cancelled, locked=False']
    assert_eq!(trace, ["body, locked=True", "task cancelled"]);
    assert!(!lock.locked());
}

#[test]
fn a_lock_is_released_when_its_task_is_closed() {
    let lock = Lock::new();
    let user = async_with(lock.clone(), |()| sleep(Duration::from_secs(10)));
    let mut rt = Runtime::new();
    rt.spawn(user).detach();
    rt.run_until_idle();
    assert!(lock.locked());
    rt.close();
    assert!(!lock.locked());
}

fn python_bool(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

#[test]
fn a_condition_wait_closed_without_its_lock_releases_nothing() {
    let cond = resumable::sync::Condition::new();
    let waits = cond.clone();
    let user = async_with(cond.clone(), move |()| waits.wait());
    let mut rt = Runtime::new();
    rt.spawn(user).detach();
    rt.run_until_idle(); // inside, waiting: the lock is free again
    assert!(cond.try_acquire()); // main takes it
    rt.close(); // the wait cannot take it back, so the block releases nothing
    assert!(cond.locked(), "still main's");
}

#[test]
fn a_condition_wait_closed_with_the_lock_free_releases_it() {
    let cond = resumable::sync::Condition::new();
    let waits = cond.clone();
    let user = async_with(cond.clone(), move |()| waits.wait());
    let mut rt = Runtime::new();
    rt.spawn(user).detach();
    rt.run_until_idle();
    rt.close(); // the wait takes the free lock back; the block releases it
    assert!(!cond.locked());
}

#[test]
fn a_task_group_block_raises_its_members_errors() {
    use resumable::scheduler::{ExceptionGroup, TaskGroup};
    let main = resumable::generator::from_fn({
        let mut block = None;
        move |input: resumable::scheduler::Input| -> resumable::scheduler::Step {
            let block = block.get_or_insert_with(|| {
                async_with(TaskGroup::new(), |tg: TaskGroup| {
                    tg.create_task(resumable::scheduler::Ready::<()>::raise(TaskError::raise(
                        PyError("ValueError"),
                    )))
                    .detach();
                    sleep(Duration::from_secs(10))
                })
            });
            block.resume(input)
        }
    });
    let mut rt = Runtime::new();
    let Err(resumable::scheduler::RunError::Task(error)) = rt.run(main) else {
        panic!("the block raises");
    };
    let group = error
        .downcast_ref::<ExceptionGroup>()
        .expect("an ExceptionGroup");
    assert_eq!(group.exceptions().len(), 1);
    assert_eq!(
        rt.time(),
        Duration::ZERO,
        "the failure cancelled the body's sleep"
    );
}
