//! [`Blocker`]: the name of what a waiting task waits for, in reports and
//! traces.

use alloc::vec::Vec;
use core::cell::RefCell;
use core::fmt;

/// The thing a parked task waits for: `Lock-1`, `Task-3`, `Queue-2`.
///
/// Each primitive (and each future) gets a number when it is created, so a
/// deadlock report can say *which* lock two tasks wait for.
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
            // A handful of kinds: a scan beats a map.
            let mut counters = counters.borrow_mut();
            let at = match counters.iter().position(|(own, _)| *own == kind) {
                Some(at) => at,
                None => {
                    counters.push((kind, 0));
                    counters.len() - 1
                }
            };
            counters[at].1 += 1;
            counters[at].1
        });
        Blocker::numbered(kind, number)
    }

    /// A blocker named by kind and number, printed `kind-number`.
    pub(crate) const fn numbered(kind: &'static str, number: u64) -> Self {
        Blocker { kind, number }
    }

    pub(crate) const fn number(&self) -> u64 {
        self.number
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
    static COUNTERS: RefCell<Vec<(&'static str, u64)>> = const { RefCell::new(Vec::new()) };
}
