/// Where a generator is in its life: Python's `inspect.getgeneratorstate`.
///
/// Read it with [`Tracked::state`](crate::Tracked::state).
///
/// | Python | `Lifecycle` |
/// |---|---|
/// | `GEN_CREATED` | [`Created`](Lifecycle::Created) |
/// | `GEN_SUSPENDED` | [`Suspended`](Lifecycle::Suspended) |
/// | `GEN_CLOSED` | [`Closed`](Lifecycle::Closed) |
/// | `GEN_RUNNING` | no counterpart: a running generator is mutably borrowed, so nobody else can ask |
///
/// # Examples
///
/// ```
/// use resumable::{generator::{from_iter, Lifecycle}, Generator};
///
/// let mut gen = from_iter([1]).tracked();
/// assert_eq!(gen.state(), Lifecycle::Created);
/// let _ = gen.next(); // yields 1
/// assert_eq!(gen.state(), Lifecycle::Suspended);
/// let _ = gen.next(); // returns
/// assert_eq!(gen.state(), Lifecycle::Closed);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Lifecycle {
    /// Not started: none of its code has run. The first resume runs it to its
    /// first `yield`.
    Created,

    /// Paused at a `yield`, waiting for `next`, `send`, `throw` or `close`.
    Suspended,

    /// Finished: it returned, raised, or was closed. It cannot be resumed.
    Closed,
}

impl Lifecycle {
    /// Returns `true` for [`Closed`](Lifecycle::Closed).
    ///
    /// ```
    /// use resumable::generator::Lifecycle;
    ///
    /// assert!(Lifecycle::Closed.is_closed());
    /// assert!(!Lifecycle::Created.is_closed());
    /// ```
    pub fn is_closed(self) -> bool {
        self == Lifecycle::Closed
    }
}
