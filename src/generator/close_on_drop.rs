use core::marker::PhantomData;

use super::{CloseError, Generator, Lifecycle, Outcome, Resume, Tracked};

/// A generator that is closed when dropped while suspended, so that its
/// cleanup runs: Python's behaviour when a generator is garbage collected.
///
/// This `struct` is created by the [`close_on_drop`](Generator::close_on_drop)
/// method on [`Generator`]. See its documentation for more.
///
/// It tracks the generator's [`Lifecycle`] (as [`Tracked`] does), and on drop
/// calls [`close`](Generator::close) only if the generator is suspended: one
/// that never started or already finished has nothing to clean up, as in
/// CPython. The value a generator returns while closing is dropped. If the
/// close fails (the generator yields or raises), there is nobody to tell:
/// Python prints "Exception ignored in: …" to stderr, and so does this type
/// with the `std` feature; without it the failure is dropped. Call `close()`
/// yourself to see the outcome.
///
/// Closing runs the generator's code inside `drop`, so the rules of `Drop`
/// apply to it: a generator that panics while being closed during another
/// panic aborts the process.
///
/// The send type `S` is part of the type because dropping needs to know
/// which [`Generator`] implementation to close.
///
/// # Examples
///
/// ```
/// use resumable::{generator::from_fn, Exception, Generator, GeneratorState::Yielded, Outcome, Resume};
/// use std::cell::RefCell;
///
/// let log = RefCell::new(Vec::new());
/// let log = &log;
/// let reader = |name: &'static str| from_fn(move |input: Resume| -> Outcome<()> {
///     if input.is_close() {
///         log.borrow_mut().push(format!("{name}: file closed"));
///         return Err(Exception::GeneratorExit);
///     }
///     Ok(Yielded(()))
/// });
///
/// let mut plain = reader("plain");
/// let mut python = reader("python").close_on_drop();
/// let _ = (plain.next(), python.next());
/// drop(plain); // cleanup does not run
/// drop(python); // cleanup runs
/// assert_eq!(*log.borrow(), ["python: file closed"]);
/// ```
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct CloseOnDrop<G: Generator<S>, S = ()> {
    inner: Tracked<G>,
    _send: PhantomData<fn(S)>,
}

impl<S, G: Generator<S>> CloseOnDrop<G, S> {
    pub(super) fn new(generator: G) -> Self {
        CloseOnDrop {
            inner: Tracked::new(generator),
            _send: PhantomData,
        }
    }

    /// Where the generator is in its life; see [`Tracked::state`].
    ///
    /// ```
    /// use resumable::{generator::once, Generator, Lifecycle};
    ///
    /// let mut gen = once(1).close_on_drop();
    /// let _ = gen.next();
    /// assert_eq!(gen.state(), Lifecycle::Suspended); // so dropping it will close it
    /// ```
    pub fn state(&self) -> Lifecycle {
        self.inner.state()
    }
}

impl<S, G: Generator<S>> Generator<S> for CloseOnDrop<G, S> {
    type Yield = G::Yield;
    type Return = G::Return;
    type Error = G::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, G::Error>) -> Outcome<G::Yield, G::Return, G::Error> {
        self.inner.resume(input)
    }
}

impl<S, G: Generator<S>> Drop for CloseOnDrop<G, S> {
    fn drop(&mut self) {
        if self.inner.state() != Lifecycle::Suspended {
            return;
        }
        if let Err(error) = self.inner.close() {
            report_failed_close::<G, _, _>("generator", &error);
        }
    }
}

/// Python's "Exception ignored in" report for a close on drop that failed;
/// `kind` is what Python calls the object (`generator`, `coroutine`).
#[cfg(feature = "std")]
pub(crate) fn report_failed_close<G, Y, E>(kind: &str, error: &CloseError<Y, E>) {
    let name = core::any::type_name::<G>();
    match error {
        CloseError::IgnoredExit(_) => std::eprintln!(
            "Exception ignored in: <{kind} {name}>\nRuntimeError: {kind} ignored GeneratorExit"
        ),
        CloseError::Raised(_) => std::eprintln!(
            "Exception ignored in: <{kind} {name}>\nthe {kind} raised an error while closing"
        ),
    }
}

#[cfg(not(feature = "std"))]
pub(crate) fn report_failed_close<G, Y, E>(_kind: &str, _error: &CloseError<Y, E>) {}

impl<S, G: Generator<S> + core::fmt::Debug> core::fmt::Debug for CloseOnDrop<G, S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CloseOnDrop")
            .field("inner", &self.inner)
            .finish()
    }
}
