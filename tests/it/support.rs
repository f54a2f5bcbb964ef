//! The tests' vocabulary: assertion macros, an event log, `Probe`, a
//! generator that behaves like a small Python generator and logs what it
//! does, and `Body`, a task written as a list of steps like the body of an
//! `async def`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;

use resumable::scheduler::{Request, Runtime, Task, TaskError};
use resumable::{yield_from, Exception, Generator, GeneratorState, Outcome, Resume};

/// `assert_yielded!(gen.next(), 1)`: the step yielded this value.
macro_rules! assert_yielded {
    ($step:expr, $value:expr $(,)?) => {
        assert_eq!($step, Ok(resumable::GeneratorState::Yielded($value)))
    };
}

/// `assert_complete!(gen.next(), "done")`: the step returned this value.
macro_rules! assert_complete {
    ($step:expr, $value:expr $(,)?) => {
        assert_eq!($step, Ok(resumable::GeneratorState::Complete($value)))
    };
}

/// `assert_raised!(gen.throw(Boom(1)), Boom(1))`: the step raised this error.
macro_rules! assert_raised {
    ($step:expr, $error:expr $(,)?) => {
        assert_eq!($step, Err(resumable::Exception::Raised($error)))
    };
}

/// `assert_exited!(gen.resume(Resume::Close))`: GeneratorExit came out.
macro_rules! assert_exited {
    ($step:expr $(,)?) => {
        assert_eq!($step, Err(resumable::Exception::GeneratorExit))
    };
}

/// The error thrown into and raised by test generators.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Boom(pub i32);

impl fmt::Display for Boom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "boom {}", self.0)
    }
}

impl std::error::Error for Boom {}

/// A shared, ordered record of what generators did.
#[derive(Clone, Default, Debug)]
pub(crate) struct Log(Rc<RefCell<Vec<String>>>);

impl Log {
    pub(crate) fn push(&self, event: impl Into<String>) {
        self.0.borrow_mut().push(event.into());
    }

    /// Everything logged since the last call.
    pub(crate) fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

/// What a [`Probe`] does when an error is thrown into it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum OnThrow {
    /// No `except`: the error propagates.
    Propagate,
    /// `except Boom: yield -1` and carry on.
    YieldAgain,
    /// `except Boom: return "caught"`.
    Return,
}

/// What a [`Probe`] does when it is closed.
#[derive(Clone, Copy, Debug)]
pub(crate) enum OnClose {
    /// `finally: log("cleanup")`, then GeneratorExit propagates.
    Exit,
    /// `except GeneratorExit: return "closed"` (Python 3.13 hands it back).
    Return,
    /// `except GeneratorExit: yield -2` (an error: it ignored GeneratorExit).
    Ignore,
    /// `except GeneratorExit: raise Boom(99)`.
    Raise,
}

/// A generator that logs every event, like this Python (with the policies
/// choosing the handlers):
///
/// ```python
/// def probe(limit):
///     log("start")
///     n = 1
///     try:
///         while n <= limit:
///             x = yield n
///             log(f"got {x}")
///             n += 1
///         return "done"
///     except Boom: ...          # OnThrow
///     except GeneratorExit: ... # OnClose
/// ```
#[derive(Debug)]
pub(crate) struct Probe {
    pub log: Log,
    pub limit: i32,
    pub on_throw: OnThrow,
    pub on_close: OnClose,
    n: i32,
}

impl Probe {
    pub(crate) fn new(log: &Log, limit: i32) -> Self {
        Probe {
            log: log.clone(),
            limit,
            on_throw: OnThrow::Propagate,
            on_close: OnClose::Exit,
            n: 0,
        }
    }

    pub(crate) fn on_throw(mut self, policy: OnThrow) -> Self {
        self.on_throw = policy;
        self
    }

    pub(crate) fn on_close(mut self, policy: OnClose) -> Self {
        self.on_close = policy;
        self
    }

    fn thrown(&mut self, error: Boom) -> Outcome<i32, &'static str, Boom> {
        self.log.push(format!("caught {error}"));
        match self.on_throw {
            OnThrow::Propagate => Err(Exception::Raised(error)),
            OnThrow::YieldAgain => Ok(GeneratorState::Yielded(-1)),
            OnThrow::Return => Ok(GeneratorState::Complete("caught")),
        }
    }

    fn closing(&mut self) -> Outcome<i32, &'static str, Boom> {
        self.log.push("cleanup");
        match self.on_close {
            OnClose::Exit => Err(Exception::GeneratorExit),
            OnClose::Return => Ok(GeneratorState::Complete("closed")),
            OnClose::Ignore => Ok(GeneratorState::Yielded(-2)),
            OnClose::Raise => Err(Exception::Raised(Boom(99))),
        }
    }
}

impl Generator<i32> for Probe {
    type Yield = i32;
    type Return = &'static str;
    type Error = Boom;

    fn resume(&mut self, input: Resume<i32, Boom>) -> Outcome<i32, &'static str, Boom> {
        if self.n == 0 {
            // Not started: no `try` is active yet, so throw and close finish
            // the generator before any of its code runs.
            input.sent()?;
            self.log.push("start");
        } else {
            match input {
                Resume::Next => self.log.push("got None"),
                Resume::Send(x) => self.log.push(format!("got {x}")),
                Resume::Throw(error) => return self.thrown(error),
                Resume::Close => return self.closing(),
            }
        }
        self.n += 1;
        if self.n <= self.limit {
            Ok(GeneratorState::Yielded(self.n))
        } else {
            Ok(GeneratorState::Complete("done"))
        }
    }
}

// ------------------------------------------------- tasks as lists of steps

type Awaitable = Box<dyn Generator<Yield = Request, Return = (), Error = TaskError>>;

/// One line of a [`Body`]: `await something`, plain code, or code for the
/// body's `finally:`.
pub(crate) enum Step {
    Await(Awaitable),
    Run(Box<dyn FnOnce()>),
    Defer(Box<dyn FnOnce()>),
}

/// `await awaitable`, dropping its result.
pub(crate) fn wait<A>(awaitable: A) -> Step
where
    A: Generator<Yield = Request, Error = TaskError> + 'static,
{
    Step::Await(Box::new(awaitable.map_return(drop)))
}

/// Plain code between two awaits.
pub(crate) fn run(code: impl FnOnce() + 'static) -> Step {
    Step::Run(Box::new(code))
}

/// Code that runs when the body ends, however it ends: from here on the
/// body is inside `try: ... finally: code()`, as `async with` is.
pub(crate) fn defer(code: impl FnOnce() + 'static) -> Step {
    Step::Defer(Box::new(code))
}

/// Logs `entry` when the body gets there.
pub(crate) fn note(log: &Log, entry: impl Into<String>) -> Step {
    let (log, entry) = (log.clone(), entry.into());
    run(move || log.push(entry))
}

/// A task that runs its steps in order: an `async def` body.
pub(crate) struct Body {
    steps: VecDeque<Step>,
    /// `finally:` blocks entered so far, innermost last.
    deferred: Vec<Box<dyn FnOnce()>>,
}

impl Body {
    pub(crate) fn new(steps: impl IntoIterator<Item = Step>) -> Self {
        Body {
            steps: steps.into_iter().collect(),
            deferred: Vec::new(),
        }
    }

    fn step(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        loop {
            match self.steps.front_mut() {
                Some(Step::Await(awaitable)) => {
                    yield_from!(awaitable, input)?;
                }
                Some(Step::Run(_) | Step::Defer(_)) | None => {
                    input.sent()?;
                }
            }
            match self.steps.pop_front() {
                Some(Step::Run(code)) => code(),
                Some(Step::Defer(code)) => self.deferred.push(code),
                Some(Step::Await(_)) => {}
                None => return Ok(GeneratorState::Complete(())),
            }
            input = Resume::Next;
        }
    }
}

impl Generator for Body {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        let outcome = self.step(input);
        if !matches!(outcome, Ok(GeneratorState::Yielded(_))) {
            while let Some(code) = self.deferred.pop() {
                code();
            }
        }
        outcome
    }
}

/// `rt.spawn` of a [`Body`] made of `steps`.
pub(crate) fn spawn_body(rt: &mut Runtime, steps: impl IntoIterator<Item = Step>) -> Task<()> {
    rt.spawn(Body::new(steps))
}

/// `try: await awaitable` / `except Exception as e: return handler(e)`:
/// the handler sees the error the awaitable raised and returns what the
/// `except` block does, `Ok` to swallow it or `Err` to raise.
pub(crate) fn catch<A, F>(awaitable: A, handler: F) -> Catch<A, F>
where
    A: Generator<Yield = Request, Return = (), Error = TaskError>,
    F: FnMut(TaskError) -> Result<(), TaskError>,
{
    Catch { awaitable, handler }
}

/// The awaitable of [`catch`].
pub(crate) struct Catch<A, F> {
    awaitable: A,
    handler: F,
}

impl<A, F> Generator for Catch<A, F>
where
    A: Generator<Yield = Request, Return = (), Error = TaskError>,
    F: FnMut(TaskError) -> Result<(), TaskError>,
{
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        match self.awaitable.resume(input) {
            Err(Exception::Raised(error)) => (self.handler)(error)
                .map(GeneratorState::Complete)
                .map_err(Exception::Raised),
            other => other,
        }
    }
}

/// `await make()`, the awaitable made when the body gets there: for a task
/// the body spawns, say, whose handle it then awaits.
pub(crate) fn later<A, F>(make: F) -> Later<A, F>
where
    A: Generator<Yield = Request, Error = TaskError>,
    F: FnOnce() -> A,
{
    Later {
        make: Some(make),
        awaitable: None,
    }
}

/// The awaitable of [`later`].
pub(crate) struct Later<A, F> {
    make: Option<F>,
    awaitable: Option<A>,
}

impl<A, F> Generator for Later<A, F>
where
    A: Generator<Yield = Request, Error = TaskError>,
    F: FnOnce() -> A,
{
    type Yield = Request;
    type Return = A::Return;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, A::Return, TaskError> {
        let input = match (&mut self.awaitable, self.make.take()) {
            (Some(_), _) => input,
            (None, Some(make)) => {
                input.sent()?;
                self.awaitable = Some(make());
                Resume::Next
            }
            (None, None) => panic!("`later` resumed after it finished"),
        };
        let awaitable = self.awaitable.as_mut().expect("made above");
        awaitable.resume(input)
    }
}

/// How Python's `repr` shows a task's error: `CancelledError('bye')` for a
/// cancellation, the message otherwise.
pub(crate) fn repr(error: &TaskError) -> String {
    match error {
        TaskError::Cancelled(cancelled) => format!("{cancelled:?}"),
        other => other.to_string(),
    }
}

// ------------------------------------------------------------------ faults

/// The message of a caught panic's payload, if it has one (`panic!` with a
/// literal gives a `&str`, with arguments a `String`).
pub(crate) fn panic_text(payload: &(dyn std::any::Any + Send)) -> Option<String> {
    payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
}

/// Runs `work`, which must panic with a message; the message.
pub(crate) fn panics(work: impl FnOnce()) -> String {
    let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .expect_err("it should have panicked");
    panic_text(&*payload).expect("a panic with a message")
}

/// Aborts the process if still alive `seconds` after it was made: for a
/// test whose failure is a hang, which would otherwise hang CI.
pub(crate) struct Watchdog {
    /// Dropping it tells the watching thread the test is over.
    _done: std::sync::mpsc::Sender<()>,
}

impl Watchdog {
    pub(crate) fn new(what: &'static str, seconds: u64) -> Self {
        let (done, finished) = std::sync::mpsc::channel::<()>();
        std::thread::spawn(move || {
            let limit = std::time::Duration::from_secs(seconds);
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(limit) {
                eprintln!("{what}: still running after {seconds} s, the loop hangs");
                std::process::abort();
            }
        });
        Watchdog { _done: done }
    }
}
