//! A Rust panic inside the loop: [`PanicError`], what the awaiters of a
//! task that panicked see, and the catching the loop does around the code
//! it runs.
//!
//! Python has no panic: an exception in a task finishes the task, and an
//! exception in a callback is logged while the loop goes on. A panic is a
//! bug, and Rust code expects it to reach the caller (a failed `assert!`
//! must fail its test). The loop does both, in this order:
//!
//! 1. the task whose step panicked is finished as failed, like a task that
//!    raised: its generator is closed so its cleanup runs (a second panic
//!    there is caught too), its awaiters are woken with [`PanicError`], and
//!    its slot is freed;
//! 2. the rest of the turn runs, as asyncio goes on after a callback's
//!    error;
//! 3. the panic leaves the loop — `run`, `run_until_complete`, `run_once`,
//!    a poll of `RunFuture` — with its own payload, at the end of that turn.
//!
//! The runtime is then as consistent as after any turn: catch the panic
//! with `std::panic::catch_unwind` and run it again, and the tasks waiting
//! for the one that panicked get its error.

use alloc::boxed::Box;
use alloc::string::String;
use core::any::Any;
use core::fmt;
use std::error::Error;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A panic's payload, as `std::panic::catch_unwind` returns it.
pub(crate) type Payload = Box<dyn Any + Send>;

/// The error of a task whose step panicked (or of [`to_thread`] work that
/// did): what every task awaiting it sees, with the panic's message.
///
/// [`to_thread`]: fn@crate::scheduler::to_thread
///
/// ```
/// use std::panic::{catch_unwind, AssertUnwindSafe};
/// use resumable::generator::from_fn;
/// use resumable::scheduler::{PanicError, Request, Runtime, TaskError};
/// use resumable::Outcome;
///
/// // async def bad(): assert 40 + 1 == 42, "the answer is not 41"
/// let bad = from_fn(|_| -> Outcome<Request, (), TaskError> {
///     panic!("the answer is not {}", 40 + 1)
/// });
/// let mut rt = Runtime::new();
/// let bad = rt.spawn(bad);
/// // The panic leaves the loop at the end of the turn…
/// let panic = catch_unwind(AssertUnwindSafe(|| rt.run_all())).unwrap_err();
/// assert_eq!(panic.downcast_ref::<String>().unwrap(), "the answer is not 41");
/// // …and the task is finished as failed, the panic's message in its error.
/// let error = bad.exception().unwrap();
/// let panicked = error.downcast_ref::<PanicError>().unwrap();
/// assert_eq!(panicked.message(), "the answer is not 41");
/// assert_eq!(panicked.who(), "Task-1");
/// assert_eq!(error.to_string(), "Task-1 panicked: the answer is not 41");
/// assert_eq!(rt.tasks(), 0);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct PanicError {
    who: String,
    message: String,
}

impl PanicError {
    /// The error of `who` (a task's name, "the thread of to_thread"), which
    /// panicked with `payload`.
    pub(crate) fn new(who: String, payload: &(dyn Any + Send)) -> Self {
        PanicError {
            who,
            message: message_of(payload),
        }
    }

    /// The panic's message, as the panic hook printed it (`Box<dyn Any>`
    /// for a payload that is neither a `&str` nor a `String`).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Who panicked: a task's name, or the thread of `to_thread`.
    pub fn who(&self) -> &str {
        &self.who
    }
}

impl fmt::Display for PanicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} panicked: {}", self.who, self.message)
    }
}

impl fmt::Debug for PanicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PanicError({self})")
    }
}

impl Error for PanicError {}

/// The message of a panic, as the panic hook would print it.
pub(crate) fn message_of(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| String::from(*text))
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| String::from("Box<dyn Any>"))
}

/// Runs `work`, and drops a panic it makes: for cleanup that has nobody to
/// report to (closing a task that already panicked, a drop), so that a
/// second panic never aborts the process.
pub(crate) fn quietly(work: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(work));
}

/// The first of the panics caught while doing several things that must
/// all be done (closing every task), to raise once they are.
#[derive(Default)]
pub(crate) struct FirstPanic(Option<Payload>);

impl FirstPanic {
    /// Runs `work`; keeps its panic if it is the first.
    pub(crate) fn catch(&mut self, work: impl FnOnce()) {
        if let Err(payload) = catch_unwind(AssertUnwindSafe(work)) {
            self.keep(payload);
        }
    }

    pub(crate) fn keep(&mut self, payload: Payload) {
        self.0.get_or_insert(payload);
    }

    pub(crate) fn is_kept(&self) -> bool {
        self.0.is_some()
    }

    /// Raises the panic kept, unless the thread is already unwinding (a
    /// second panic would abort it: the first one is on its way out).
    pub(crate) fn raise(&mut self) {
        if let Some(payload) = self.0.take() {
            if !std::thread::panicking() {
                std::panic::resume_unwind(payload);
            }
        }
    }
}
