use core::convert::Infallible;
use core::mem::size_of;

use super::Exception;

/// What the caller asks of a generator: the argument of [`Generator::resume`].
///
/// CPython funnels `next`, `send`, `throw` and `close` through one function,
/// `gen_send_ex`; this enum is its argument. A generator's `resume` sees
/// exactly one of these each time it runs.
///
/// | Python | `Resume` |
/// |---|---|
/// | `next(g)`, `g.send(None)` | [`Next`](Resume::Next) |
/// | `g.send(v)` | [`Send(v)`](Resume::Send) ([`Next`](Resume::Next) if `v` is zero-sized, like `()`: see [`Resume::send`]) |
/// | `g.throw(e)` | [`Throw(e)`](Resume::Throw) |
/// | `g.close()` (raises `GeneratorExit` inside) | [`Close`](Resume::Close) |
///
/// Most generators only need [`sent`](Resume::sent), which turns the input
/// into the value of Python's `yield` expression and lets `?` raise the rest.
///
/// [`Generator::resume`]: crate::Generator::resume
///
/// # Examples
///
/// ```
/// use resumable::{Exception, Resume};
///
/// // Python: `x = yield` gets None from next(), the value from send(v),
/// // and raises on throw(e) and close().
/// assert_eq!(Resume::<i32, &str>::Next.sent(), Ok(None));
/// assert_eq!(Resume::<i32, &str>::Send(7).sent(), Ok(Some(7)));
/// assert_eq!(Resume::<i32, &str>::Throw("boom").sent(), Err(Exception::Raised("boom")));
/// assert_eq!(Resume::<i32, &str>::Close.sent(), Err(Exception::GeneratorExit));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Resume<S = (), E = Infallible> {
    /// Resume without a value: Python's `next(g)` or `g.send(None)`.
    ///
    /// This is the only way to start a generator that takes values, because
    /// a just-started generator has no `yield` waiting to receive one.
    Next,

    /// Resume with a value: Python's `g.send(v)`. The value becomes the
    /// result of the `yield` the generator is suspended at.
    ///
    /// [`Generator::send`](crate::Generator::send) never builds it for a
    /// zero-sized `S` (see [`Resume::send`]), so `Send(())` reaches a
    /// generator only from a caller who calls `resume` directly.
    Send(S),

    /// Raise an error at the suspension point: Python's `g.throw(e)`. The
    /// generator may catch it (and yield again or return) or let it propagate.
    Throw(E),

    /// Ask the generator to finish: Python's `g.close()`, which raises
    /// `GeneratorExit` at the suspension point so that cleanup code runs.
    Close,
}

impl<S, E> Resume<S, E> {
    /// The input for Python's `gen.send(value)`: [`Send(value)`](Resume::Send),
    /// or [`Next`](Resume::Next) when `S` is zero-sized.
    ///
    /// This is Python's one rule, `send(None)` is `next()`, for the values
    /// that stand for `None` here: a value of a zero-sized type such as
    /// `()` carries nothing, so sending it is resuming without a value. It
    /// starts a created generator and resumes a suspended one the same way,
    /// and `input.sent()` reads it as `None` in both cases.
    /// [`Generator::send`](crate::Generator::send) and
    /// [`Tracked`](crate::Tracked) apply it.
    ///
    /// ```
    /// use resumable::Resume;
    ///
    /// // gen.send(None) is next(gen)
    /// assert_eq!(Resume::<(), ()>::send(()), Resume::Next);
    /// // gen.send(5) is gen.send(5)
    /// assert_eq!(Resume::<i32, ()>::send(5), Resume::Send(5));
    /// ```
    pub fn send(value: S) -> Self {
        if size_of::<S>() == 0 {
            // Nothing to lose: a zero-sized value holds no data. Its `Drop`,
            // if any, runs here, where the caller let go of it.
            drop(value);
            Resume::Next
        } else {
            Resume::Send(value)
        }
    }

    /// `self`, with a zero-sized [`Send`](Resume::Send) turned into
    /// [`Next`](Resume::Next), as [`Resume::send`] builds it.
    #[inline]
    pub(crate) fn normalized(self) -> Self {
        match self {
            Resume::Send(value) => Resume::send(value),
            other => other,
        }
    }

    /// The value of Python's `yield` expression for this input: `None` for
    /// [`Next`](Resume::Next), `Some(v)` for [`Send(v)`](Resume::Send), and an
    /// [`Exception`] for [`Throw`](Resume::Throw) and [`Close`](Resume::Close),
    /// ready to be raised with `?`.
    ///
    /// # Examples
    ///
    /// A generator that does not handle errors or cleanup starts each step
    /// with `input.sent()?`, so a throw propagates and a close finishes it,
    /// just as a Python generator without `try` behaves:
    ///
    /// ```
    /// use resumable::{GeneratorState::{Complete, Yielded}, Outcome, Resume};
    ///
    /// fn step(count: &mut u32, input: Resume) -> Outcome<u32> {
    ///     input.sent()?; // throw and close leave here
    ///     *count += 1;
    ///     Ok(if *count <= 2 { Yielded(*count) } else { Complete(()) })
    /// }
    ///
    /// let mut count = 0;
    /// assert_eq!(step(&mut count, Resume::Next), Ok(Yielded(1)));
    /// assert!(step(&mut count, Resume::Close).is_err());
    /// assert_eq!(count, 1, "close ran none of the step's code");
    /// ```
    pub fn sent(self) -> Result<Option<S>, Exception<E>> {
        match self {
            Resume::Next => Ok(None),
            Resume::Send(value) => Ok(Some(value)),
            Resume::Throw(error) => Err(Exception::Raised(error)),
            Resume::Close => Err(Exception::GeneratorExit),
        }
    }

    /// Returns `true` for [`Close`](Resume::Close).
    ///
    /// ```
    /// use resumable::Resume;
    ///
    /// assert!(Resume::<(), ()>::Close.is_close());
    /// assert!(!Resume::<(), ()>::Next.is_close());
    /// ```
    pub fn is_close(&self) -> bool {
        matches!(self, Resume::Close)
    }
}
