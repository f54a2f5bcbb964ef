use core::any::type_name;
use core::convert::Infallible;
use core::fmt;
use core::marker::PhantomData;

use super::with_error::WithError;
use crate::generator::{Exception, Generator, Outcome, Resume};

/// A generator that takes no values, made to sit under a coroutine that
/// does: a plain iterator under Python's `yield from` in a coroutine.
///
/// This `struct` is created by the [`without_send`](Generator::without_send)
/// method on [`Generator`]. See its documentation for more.
///
/// It passes `next` on, answers a real `send(v)` with the typed
/// [`AttributeError`] that CPython raises (a plain iterator has no `send`),
/// and treats a throw as [`with_error`](Generator::with_error) does: the
/// inner generator is closed, so its cleanup runs, and the error is raised
/// in the delegator.
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct WithoutSend<G, T, E> {
    inner: WithError<G, E>,
    _send: PhantomData<fn(T)>,
}

impl<G, T, E> WithoutSend<G, T, E> {
    pub(crate) fn new(generator: G) -> Self {
        WithoutSend {
            inner: WithError::new(generator),
            _send: PhantomData,
        }
    }
}

impl<T, G, E> Generator<T> for WithoutSend<G, T, E>
where
    G: Generator<(), Error = Infallible>,
    E: From<AttributeError>,
{
    type Yield = G::Yield;
    type Return = G::Return;
    type Error = E;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<T, E>) -> Outcome<G::Yield, G::Return, E> {
        // A zero-sized value is `None`, and `send(None)` is `next()`.
        let input = match input.normalized() {
            Resume::Next => Resume::Next,
            // PEP 380 calls `_i.send(_s)`, which a plain iterator does not
            // have; the AttributeError is raised in the delegator, which is
            // then finished unless it catches it.
            Resume::Send(_) => {
                return Err(Exception::Raised(AttributeError::send_on::<G>().into()))
            }
            Resume::Throw(error) => Resume::Throw(error),
            Resume::Close => Resume::Close,
        };
        self.inner.resume(input)
    }
}

impl<G: fmt::Debug, T, E> fmt::Debug for WithoutSend<G, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WithoutSend")
            .field("inner", &self.inner)
            .finish()
    }
}

/// A value was sent to a generator that takes none: Python's
/// `AttributeError: 'range_iterator' object has no attribute 'send'`.
///
/// [`WithoutSend`] raises it. CPython names the iterator's type in the
/// message; this error names the Rust type of the generator that got the
/// value ([`core::any::type_name`], so the exact text may change between
/// compilers).
///
/// # Examples
///
/// ```
/// use resumable::generator::{from_iter, AttributeError};
/// use resumable::{Exception, Generator};
///
/// let mut numbers = from_iter(0..3).without_send::<i32, AttributeError>();
/// let _ = numbers.next();
/// let Err(Exception::Raised(error)) = numbers.send(5) else { unreachable!() };
/// assert!(error.to_string().ends_with("FromIter<core::ops::range::Range<i32>>' object has no attribute 'send'"));
/// assert!(error.object().contains("FromIter"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct AttributeError {
    object: &'static str,
}

impl AttributeError {
    /// The error for a `send` to a `G`.
    fn send_on<G>() -> Self {
        AttributeError {
            object: type_name::<G>(),
        }
    }

    /// The name of the type that has no `send`: the part of Python's
    /// message between the first quotes.
    ///
    /// ```
    /// use resumable::generator::{once, AttributeError};
    /// use resumable::{Exception, Generator};
    ///
    /// let mut gen = once('a').without_send::<char, AttributeError>();
    /// let _ = gen.next();
    /// let Err(Exception::Raised(error)) = gen.send('b') else { unreachable!() };
    /// assert!(error.object().ends_with("Once<char>"));
    /// ```
    pub fn object(&self) -> &'static str {
        self.object
    }
}

impl fmt::Display for AttributeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' object has no attribute 'send'", self.object)
    }
}

impl core::error::Error for AttributeError {}
