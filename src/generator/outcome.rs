use core::convert::Infallible;
use core::fmt;

/// What one step of a generator produced when it did not raise: a yielded
/// value, or its return value.
///
/// Named after `core::ops::CoroutineState`, which has the same two variants.
///
/// # Examples
///
/// ```
/// use resumable::GeneratorState::{self, Complete, Yielded};
///
/// let step: GeneratorState<u8, &str> = Yielded(1);
/// assert_eq!(step.yielded(), Some(1));
/// assert_eq!(Complete::<u8, _>("done").complete(), Some("done"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum GeneratorState<Y, R> {
    /// The generator suspended with a value: Python's `yield value`.
    ///
    /// It can be resumed again with `next`, `send`, `throw` or `close`.
    Yielded(Y),

    /// The generator finished with a return value: Python's `return value`,
    /// which the caller sees as `StopIteration.value`.
    ///
    /// The generator must not be resumed again; see
    /// [`Generator`](crate::Generator#after-completion).
    Complete(R),
}

impl<Y, R> GeneratorState<Y, R> {
    /// The yielded value, or `None` if the generator completed.
    ///
    /// ```
    /// use resumable::GeneratorState::{Complete, Yielded};
    ///
    /// assert_eq!(Yielded::<u8, ()>(3).yielded(), Some(3));
    /// assert_eq!(Complete::<u8, ()>(()).yielded(), None);
    /// ```
    pub fn yielded(self) -> Option<Y> {
        match self {
            GeneratorState::Yielded(value) => Some(value),
            GeneratorState::Complete(_) => None,
        }
    }

    /// The return value, or `None` if the generator yielded: Python's
    /// `StopIteration.value`.
    ///
    /// ```
    /// use resumable::GeneratorState::{Complete, Yielded};
    ///
    /// assert_eq!(Complete::<(), &str>("abc").complete(), Some("abc"));
    /// assert_eq!(Yielded::<(), &str>(()).complete(), None);
    /// ```
    pub fn complete(self) -> Option<R> {
        match self {
            GeneratorState::Yielded(_) => None,
            GeneratorState::Complete(value) => Some(value),
        }
    }

    /// Returns `true` for [`Yielded`](GeneratorState::Yielded).
    ///
    /// ```
    /// use resumable::GeneratorState;
    ///
    /// assert!(GeneratorState::<u8, ()>::Yielded(1).is_yielded());
    /// ```
    pub fn is_yielded(&self) -> bool {
        matches!(self, GeneratorState::Yielded(_))
    }

    /// Returns `true` for [`Complete`](GeneratorState::Complete).
    ///
    /// ```
    /// use resumable::GeneratorState;
    ///
    /// assert!(GeneratorState::<u8, ()>::Complete(()).is_complete());
    /// ```
    pub fn is_complete(&self) -> bool {
        matches!(self, GeneratorState::Complete(_))
    }
}

/// How a generator step ends when it does not yield or return: an exception
/// propagating out of the generator.
///
/// In Python both are exceptions; here the generator's own error type `E` is
/// one variant and `GeneratorExit`, which only [`close`] raises, is the other.
/// With `E = Infallible` the only possible exception is `GeneratorExit`.
///
/// [`close`]: crate::Generator::close
///
/// # Examples
///
/// ```
/// use resumable::Exception;
///
/// let error: Exception<&str> = Exception::Raised("boom");
/// assert_eq!(error.raised(), Some("boom"));
/// assert!(Exception::<&str>::GeneratorExit.is_generator_exit());
/// assert_eq!(Exception::<&str>::GeneratorExit.to_string(), "GeneratorExit");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Exception<E> {
    /// The generator raised an error, its own or one thrown into it that it
    /// did not catch. The generator is finished.
    Raised(E),

    /// `GeneratorExit` propagated out: the generator let [`close`] finish it.
    /// [`close`] turns this into success.
    ///
    /// [`close`]: crate::Generator::close
    GeneratorExit,
}

impl<E> Exception<E> {
    /// The raised error, or `None` for `GeneratorExit`.
    ///
    /// ```
    /// use resumable::Exception;
    ///
    /// assert_eq!(Exception::Raised("boom").raised(), Some("boom"));
    /// assert_eq!(Exception::<&str>::GeneratorExit.raised(), None);
    /// ```
    pub fn raised(self) -> Option<E> {
        match self {
            Exception::Raised(error) => Some(error),
            Exception::GeneratorExit => None,
        }
    }

    /// Returns `true` for [`GeneratorExit`](Exception::GeneratorExit).
    ///
    /// ```
    /// use resumable::Exception;
    ///
    /// assert!(Exception::<()>::GeneratorExit.is_generator_exit());
    /// assert!(!Exception::Raised(()).is_generator_exit());
    /// ```
    pub fn is_generator_exit(&self) -> bool {
        matches!(self, Exception::GeneratorExit)
    }
}

/// Lets `?` raise a generator's own error from inside `resume`, as Python's
/// `raise` does.
///
/// ```
/// use resumable::{Exception, Outcome};
///
/// fn parse(text: &str) -> Outcome<(), i32, core::num::ParseIntError> {
///     Ok(resumable::GeneratorState::Complete(text.parse::<i32>()?))
/// }
/// assert!(matches!(parse("x"), Err(Exception::Raised(_))));
/// ```
impl<E> From<E> for Exception<E> {
    fn from(error: E) -> Self {
        Exception::Raised(error)
    }
}

impl<E: fmt::Display> fmt::Display for Exception<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exception::Raised(error) => error.fmt(f),
            Exception::GeneratorExit => f.write_str("GeneratorExit"),
        }
    }
}

impl<E: core::error::Error + 'static> core::error::Error for Exception<E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Exception::Raised(error) => Some(error),
            Exception::GeneratorExit => None,
        }
    }
}

/// The result of one step of a generator: what [`Generator::resume`],
/// [`next`](crate::Generator::next), [`send`](crate::Generator::send) and
/// [`throw`](crate::Generator::throw) return.
///
/// | Python | `Outcome` |
/// |---|---|
/// | the step yields `v` | `Ok(Yielded(v))` |
/// | `StopIteration` with `.value == r` | `Ok(Complete(r))` |
/// | an exception `e` propagates | `Err(Exception::Raised(e))` |
/// | `GeneratorExit` propagates | `Err(Exception::GeneratorExit)` |
///
/// It is a plain `Result`, so `?` works inside `resume`. The defaults make the
/// common cases short: `Outcome<u32>` yields `u32`, returns `()` and cannot fail.
///
/// [`Generator::resume`]: crate::Generator::resume
///
/// ```
/// use resumable::{generator::once, Generator, GeneratorState::{Complete, Yielded}, Outcome};
///
/// let mut gen = once('a');
/// let first: Outcome<char> = gen.next();
/// assert_eq!(first, Ok(Yielded('a')));
/// assert_eq!(gen.next(), Ok(Complete(())));
/// ```
pub type Outcome<Y, R = (), E = Infallible> = Result<GeneratorState<Y, R>, Exception<E>>;

/// Why [`close`](crate::Generator::close) failed.
///
/// Its `Debug` shows the value yielded while closing, because that value
/// is what tells you which `yield` ignored `GeneratorExit`; its `Display`
/// is Python's message.
///
/// # Examples
///
/// ```
/// use resumable::CloseError;
///
/// let error: CloseError<u8, &str> = CloseError::IgnoredExit(1);
/// assert_eq!(error.to_string(), "generator ignored GeneratorExit");
/// assert_eq!(format!("{error:?}"), "IgnoredExit(1)");
/// assert_eq!(error.into_yielded(), Some(1));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum CloseError<Y, E> {
    /// The generator yielded instead of finishing: Python's
    /// `RuntimeError: generator ignored GeneratorExit`. The yielded value is
    /// handed back, and the generator is still suspended at that `yield`.
    IgnoredExit(Y),

    /// The generator raised an error while closing; Python's `close()` lets
    /// it propagate. The generator is finished.
    Raised(E),
}

impl<Y, E> CloseError<Y, E> {
    /// The value yielded while closing, if that is what went wrong.
    ///
    /// ```
    /// use resumable::CloseError;
    ///
    /// assert_eq!(CloseError::<u8, ()>::IgnoredExit(2).into_yielded(), Some(2));
    /// assert_eq!(CloseError::<u8, ()>::Raised(()).into_yielded(), None);
    /// ```
    pub fn into_yielded(self) -> Option<Y> {
        match self {
            CloseError::IgnoredExit(value) => Some(value),
            CloseError::Raised(_) => None,
        }
    }

    /// The error raised while closing, if that is what went wrong.
    ///
    /// ```
    /// use resumable::CloseError;
    ///
    /// assert_eq!(CloseError::<(), &str>::Raised("boom").into_raised(), Some("boom"));
    /// assert_eq!(CloseError::<(), &str>::IgnoredExit(()).into_raised(), None);
    /// ```
    pub fn into_raised(self) -> Option<E> {
        match self {
            CloseError::IgnoredExit(_) => None,
            CloseError::Raised(error) => Some(error),
        }
    }
}

impl<Y, E: fmt::Display> fmt::Display for CloseError<Y, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CloseError::IgnoredExit(_) => f.write_str("generator ignored GeneratorExit"),
            CloseError::Raised(error) => error.fmt(f),
        }
    }
}

impl<Y: fmt::Debug, E: core::error::Error + 'static> core::error::Error for CloseError<Y, E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            CloseError::IgnoredExit(_) => None,
            CloseError::Raised(error) => Some(error),
        }
    }
}
