use alloc::collections::BTreeMap;
use core::cell::RefCell;
use core::fmt;
use core::time::Duration;

/// What a task asks of the loop when it suspends: the value every task
/// yields.
///
/// In asyncio a coroutine suspends by yielding a `Future` up to the task
/// that drives it; here it yields one of these, and the loop does what it
/// says. The library's awaitables ([`sleep`](fn@crate::scheduler::sleep),
/// [`Task::join`](crate::scheduler::Task::join), the [`sync`](crate::sync)
/// primitives …) yield them for you; a hand-written task can yield them
/// directly.
///
/// Every awaitable must tolerate being resumed early (a timeout around it,
/// a cancellation): on resume it checks whether what it waits for has
/// happened and, if not, yields its request again.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{Blocker, Request};
///
/// // asyncio.sleep(0): let the others run, come back at the end of the queue.
/// let pass = Request::Yield;
/// // asyncio.sleep(1.5)
/// let nap = Request::Sleep(Duration::from_millis(1500));
/// // parked until a waker fires, at most 2 s
/// let wait = Request::Wait { on: Blocker::other("my-flag"), timeout: Some(Duration::from_secs(2)) };
/// assert_ne!(pass, nap);
/// assert_eq!(wait.to_string(), "wait for my-flag (at most 2s)");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum Request {
    /// Run again after every task that is ready now: `await asyncio.sleep(0)`.
    Yield,
    /// Run again once this much time has passed on the loop's clock:
    /// `await asyncio.sleep(seconds)`.
    Sleep(Duration),
    /// Stay parked until a [`TaskWaker`](crate::scheduler::TaskWaker) taken
    /// before the yield fires, or the timeout (if any) passes.
    Wait {
        /// What the task waits for, named in a deadlock report and a trace.
        on: Blocker,
        /// The longest the task stays parked.
        timeout: Option<Duration>,
    },
}

impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Request::Yield => f.write_str("yield"),
            Request::Sleep(duration) => write!(f, "sleep {duration:?}"),
            Request::Wait { on, timeout: None } => write!(f, "wait for {on}"),
            Request::Wait {
                on,
                timeout: Some(limit),
            } => {
                write!(f, "wait for {on} (at most {limit:?})")
            }
        }
    }
}

/// The thing a parked task waits for: `Lock-1`, `Task-3`, `Queue-2`.
///
/// Each primitive gets a number when it is created, so a deadlock report can
/// say *which* lock two tasks wait for.
///
/// ```
/// use resumable::scheduler::Blocker;
///
/// assert_eq!(Blocker::other("the network").to_string(), "the network");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Blocker {
    kind: &'static str,
    /// Numbers start at 1; 0 means none (not an `Option`: 8 bytes less in
    /// every parked task's request).
    number: u64,
}

impl Blocker {
    /// A fresh blocker of this kind, numbered from 1 per kind on each
    /// thread: `Lock-1`, `Lock-2`, `Event-1`.
    pub(crate) fn fresh(kind: &'static str) -> Self {
        let number = COUNTERS.with(|counters| {
            let mut counters = counters.borrow_mut();
            let counter = counters.entry(kind).or_insert(0);
            *counter += 1;
            *counter
        });
        Blocker::numbered(kind, number)
    }

    /// A blocker named by kind and number, printed `kind-number`.
    pub(crate) const fn numbered(kind: &'static str, number: u64) -> Self {
        Blocker { kind, number }
    }

    /// A blocker of your own, printed as `name`.
    pub const fn other(name: &'static str) -> Self {
        Blocker {
            kind: name,
            number: 0,
        }
    }

    /// The kind of thing waited for: `"Lock"`, `"Task"`, or your name.
    ///
    /// ```
    /// use resumable::scheduler::Blocker;
    ///
    /// assert_eq!(Blocker::other("disk").kind(), "disk");
    /// ```
    pub const fn kind(&self) -> &'static str {
        self.kind
    }
}

impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.number {
            0 => f.write_str(self.kind),
            number => write!(f, "{}-{number}", self.kind),
        }
    }
}

std::thread_local! {
    static COUNTERS: RefCell<BTreeMap<&'static str, u64>> = const { RefCell::new(BTreeMap::new()) };
}
