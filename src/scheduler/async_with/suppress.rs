//! [`Suppress`]: what `__aexit__`'s return value does to the statement.

/// What an `__aexit__` awaitable returns, and what that makes of the
/// `async with` statement's value.
///
/// Python's `__aexit__` returns `None` (the usual case: the body's error, if
/// any, goes on) or a truth value (`True` swallows the error and the
/// statement ends normally). The two are two types here, so that a manager
/// that never swallows anything costs its users nothing:
///
/// | `__aexit__` returns | exit's `Return` | the statement's value |
/// |---|---|---|
/// | `None` | `()` | `R`, the body's value |
/// | `True` / `False` | `bool` | `Option<R>`: `None` when an error was swallowed, since the body never produced its value |
///
/// ```
/// use resumable::scheduler::Suppress;
///
/// assert_eq!(<() as Suppress<u8>>::returned(7), 7);
/// assert_eq!(<() as Suppress<u8>>::suppressed(()), None); // `None` never swallows
/// assert_eq!(<bool as Suppress<u8>>::returned(7), Some(7));
/// assert_eq!(<bool as Suppress<u8>>::suppressed(true), Some(None)); // swallowed: no value
/// assert_eq!(<bool as Suppress<u8>>::suppressed(false), None);
/// ```
pub trait Suppress<R> {
    /// The value of the `async with` statement whose body returns `R`.
    type Output;

    /// The statement's value when the body returned `value`.
    fn returned(value: R) -> Self::Output;

    /// Whether the body's error is swallowed: `Some(value of the
    /// statement)` if it is, `None` if the error goes on.
    fn suppressed(self) -> Option<Self::Output>;
}

impl<R> Suppress<R> for () {
    type Output = R;

    fn returned(value: R) -> R {
        value
    }

    fn suppressed(self) -> Option<R> {
        None
    }
}

impl<R> Suppress<R> for bool {
    type Output = Option<R>;

    fn returned(value: R) -> Option<R> {
        Some(value)
    }

    fn suppressed(self) -> Option<Option<R>> {
        self.then_some(None)
    }
}
