//! What the asyncio programs share: the types every task spells out, the
//! exceptions the seeds raise, and the ways Python shows time, errors and
//! sets of tasks.
//!
//! A task is a generator that yields [`Request`]s to the loop and raises
//! [`TaskError`]s; its `resume` gets an [`Input`] and reports a [`Step`].
//! Inside it, `yield_from!(awaitable, input)?` is Python's `await`.

use core::cell::Cell;
use core::fmt;
use core::time::Duration;
use std::rc::Rc;

use resumable::scheduler::{now, RunError, Task, TaskError};

pub(crate) use resumable::scheduler::{Coroutine, Input, Step};

/// `asyncio.sleep(1)`'s argument.
pub(crate) const SECOND: Duration = Duration::from_secs(1);

/// A duration in whole seconds, as the seeds write them.
pub(crate) const fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

/// A duration in milliseconds: `asyncio.sleep(0.5)` is `millis(500)`.
pub(crate) const fn millis(milliseconds: u64) -> Duration {
    Duration::from_millis(milliseconds)
}

/// A Python exception the seeds raise by name: `OSError('...')`,
/// `ValueError('...')`, `Exception('...')`.
///
/// Its `Display` is the last line of the traceback Python prints when
/// nothing catches it, `OSError: Не могу подключиться к 4`, so that is also
/// how the loop's reports show it; [`repr`](PyError::repr) is the other way
/// Python shows it.
#[derive(Debug)]
pub(crate) struct PyError {
    kind: &'static str,
    message: String,
}

impl PyError {
    /// `raise Kind(message)`, as a [`TaskError`].
    pub(crate) fn raise(kind: &'static str, message: impl Into<String>) -> TaskError {
        TaskError::raise(PyError {
            kind,
            message: message.into(),
        })
    }

    /// `repr(e)`: `OSError('Не могу подключиться к 4')`.
    pub(crate) fn repr(&self) -> String {
        format!("{}('{}')", self.kind, self.message)
    }
}

impl fmt::Display for PyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for PyError {}

/// How `asyncio.run(main())` ended, as the notebook shows it: nothing if
/// `main` returned, the traceback's last line if it raised
/// (`OSError: Не могу подключиться к 4`), and this loop's report where
/// asyncio would hang in a deadlock.
///
/// The notebooks write `CancelledError: ` (an empty message after the
/// colon); like the generator programs, the tour prints the bare name.
pub(crate) fn show_run<T>(ran: Result<T, RunError>) {
    match ran {
        Ok(_) => {}
        Err(RunError::Task(error)) => crate::console::say!("{error}"),
        Err(error) => crate::console::say!("{error}"),
    }
}

/// `repr` of a set of tasks, as `print(done)` shows it: `{<Task ...>, ...}`,
/// or `set()` when empty.
///
/// Python's set has no order; the tour lists the tasks in the order they
/// were given. Each task shows as our `Debug` of [`Task`]
/// (`<Task finished name='Task-1'>`), without asyncio's `coro=<...>` and
/// `result=`/`wait_for=` parts.
pub(crate) fn set_repr<T>(tasks: &[Task<T>]) -> String {
    if tasks.is_empty() {
        return "set()".to_owned();
    }
    let items: Vec<String> = tasks.iter().map(|task| format!("{task:?}")).collect();
    format!("{{{}}}", items.join(", "))
}

/// A time of day, for the seeds that print `time.strftime('%X')` or log
/// with `%(asctime)s`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WallClock {
    /// Seconds since midnight when the loop's clock reads zero.
    start: u64,
}

impl WallClock {
    /// The clock reads `hours:minutes:seconds` when the loop starts: the
    /// first time the seed printed, so that the tour prints the same times.
    pub(crate) const fn at(hours: u64, minutes: u64, seconds: u64) -> Self {
        WallClock {
            start: hours * 3600 + minutes * 60 + seconds,
        }
    }

    /// `time.strftime('%X')` now, read from the loop's clock: call it from
    /// inside a task.
    pub(crate) fn now(self) -> String {
        let at = self.start + now().as_secs();
        format!("{:02}:{:02}:{:02}", at / 3600 % 24, at / 60 % 60, at % 60)
    }
}

/// `logging.info(message)` with the seeds' format,
/// `%(asctime)s:%(threadName)s:%(message)s` and `datefmt='%H:%M:%S'`.
macro_rules! log_info {
    ($clock:expr, $($arg:tt)*) => {
        $crate::console::say!(
            "{}:MainThread:{}",
            $clock.now(),
            ::std::format_args!($($arg)*)
        )
    };
}

pub(crate) use log_info;

/// The tour's `#` line after a program: where the loop's virtual clock
/// stopped, in seconds as Python prints a float (`3.0 s`). The time the
/// program waited, taking no time at all.
pub(crate) fn say_clock(rt: &resumable::scheduler::Runtime) {
    crate::console::say!("# on the loop's clock: {:?} s", rt.time().as_secs_f64());
}

/// `print(type(x))`, with our type's name in place of Python's class and
/// without module paths: `<class 'Promise<&str>'>`, `<class 'Task<String>'>`.
pub(crate) fn type_of<T>(_: &T) -> String {
    let mut name = String::new();
    let mut path = String::new();
    for c in std::any::type_name::<T>().chars().chain([' ']) {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            path.push(c);
            continue;
        }
        // A path ended: keep its last segment.
        name.push_str(path.rsplit("::").next().unwrap_or_default());
        path.clear();
        name.push(c);
    }
    format!("<class '{}'>", name.trim_end())
}

/// One second of the lecture on the real clock, in the programs whose
/// point is real time passing on two threads (`run_in_executor`): a tenth
/// of a second, so that the tour stays quick. [`Ctime`] scales it back.
pub(crate) const LECTURE_SECOND: Duration = millis(100);

/// `time.ctime()` on the real clock, as the seed printed it: the day the
/// seed ran, and its first time of day, plus the lecture seconds since
/// [`Ctime::starting_at`] (real time over [`LECTURE_SECOND`], rounded).
/// `Copy` and `Send`, so a thread can read it too.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ctime {
    start: std::time::Instant,
    /// Seconds since midnight at `start`.
    at: u64,
}

impl Ctime {
    /// The clock reads `hours:minutes:seconds` now.
    pub(crate) fn starting_at(hours: u64, minutes: u64, seconds: u64) -> Self {
        Ctime {
            start: std::time::Instant::now(),
            at: hours * 3600 + minutes * 60 + seconds,
        }
    }

    /// `time.ctime()`: `Wed Dec 21 21:02:02 2022`.
    pub(crate) fn now(self) -> String {
        let lecture = self.start.elapsed().as_secs_f64() / LECTURE_SECOND.as_secs_f64();
        let at = self.at + lecture.round() as u64;
        let (h, m, s) = (at / 3600 % 24, at / 60 % 60, at % 60);
        format!("Wed Dec 21 {h:02}:{m:02}:{s:02} 2022")
    }
}

/// `while True:` around a body that awaits: makes the body with `body()`
/// and runs it to its end, round after round, until it raises or its task
/// is cancelled. [`loop_fn`](resumable::generator::loop_fn) with no state
/// and no `break`.
pub(crate) fn forever<B: Coroutine>(mut body: impl FnMut() -> B) -> impl Coroutine {
    use core::ops::ControlFlow::Continue;
    resumable::generator::loop_fn((), move |()| body().map_return(|()| Continue(())))
}

/// `except TimeoutError:` (`asyncio.TimeoutError`), for `or_else`: a
/// timeout runs `handler`, whose value becomes the coroutine's; any other
/// error goes on up.
pub(crate) fn except_timeout<R>(
    handler: impl FnOnce() -> R,
) -> impl FnOnce(TaskError) -> Result<resumable::scheduler::Ready<R>, TaskError> {
    move |error| match error {
        TaskError::TimedOut => Ok(resumable::scheduler::ready(handler())),
        other => Err(other),
    }
}

/// An awaitable in a box, so that `gather` takes unlike ones together:
/// `gather([boxed(a), boxed(b)])` is `asyncio.gather(a, b)`.
pub(crate) fn boxed<R>(awaitable: impl Coroutine<R> + 'static) -> Box<dyn Coroutine<R>> {
    Box::new(awaitable)
}

/// Python's `random`, seeded: a xorshift64, shared by the tasks as the
/// module's one generator is. The same numbers every run, not the ones
/// Python draws.
#[derive(Clone, Debug)]
pub(crate) struct Random(Rc<Cell<u64>>);

impl Random {
    pub(crate) fn seeded(seed: u64) -> Self {
        Random(Rc::new(Cell::new(seed.max(1))))
    }

    fn next(&self) -> u64 {
        let mut x = self.0.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0.set(x);
        x
    }

    /// `random.randint(a, b)`: from `a` to `b`, both included.
    pub(crate) fn randint(&self, a: u64, b: u64) -> u64 {
        a + self.next() % (b - a + 1)
    }

    /// `random.uniform(a, b)` seconds: from `a` to `b`, as a duration.
    pub(crate) fn uniform(&self, a: f64, b: f64) -> Duration {
        let unit = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        Duration::from_secs_f64(a + (b - a) * unit)
    }
}

/// Runs `f` and hands back the message it panicked with, if it did: how
/// the tour shows a Python exception that the crate raises as a panic
/// (`spawn` outside a loop). The panic hook is silenced for this thread
/// only while `f` runs, so a test panicking on another thread at the same
/// time still reports.
pub(crate) fn panic_message(f: impl FnOnce()) -> Option<String> {
    use std::{panic, sync::Arc, thread};

    let hook = Arc::new(panic::take_hook());
    let (previous, here) = (Arc::clone(&hook), thread::current().id());
    panic::set_hook(Box::new(move |info| {
        if thread::current().id() != here {
            previous(info);
        }
    }));
    let caught = panic::catch_unwind(panic::AssertUnwindSafe(f));
    panic::set_hook(Box::new(move |info| hook(info)));
    let payload = caught.err()?;
    match payload.downcast::<String>() {
        Ok(message) => Some(*message),
        Err(payload) => payload.downcast_ref::<&str>().map(|s| (*s).to_owned()),
    }
}
