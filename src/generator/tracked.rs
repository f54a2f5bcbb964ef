use core::convert::Infallible;

use super::{Exception, Generator, GeneratorState, Iter, Lifecycle, Outcome, Resume};

/// A generator with the bookkeeping of a Python generator object: it knows
/// its [`Lifecycle`] and enforces the protocol, so misuse fails loudly.
///
/// This `struct` is created by the [`tracked`](Generator::tracked) method on
/// [`Generator`] and by [`prime`](fn@crate::generator::prime). See their
/// documentation for more.
///
/// A bare state machine trusts its caller (see [the protocol]); `Tracked`
/// checks, exactly where CPython's generator object does:
///
/// | call | created | suspended | closed |
/// |---|---|---|---|
/// | `next()` | runs to the first `yield` | resumes | **panics** ("resumed after completion") |
/// | `send(v)` | **panics** (Python: `TypeError`), unless `v` is zero-sized like `()`, which is `next()` | resumes with `v` (with `Next` if `v` is zero-sized) | **panics** |
/// | `throw(e)` | raises `e` without running any code; now closed | raises `e` at the `yield` | `e` comes straight back |
/// | `close()` | does nothing; now closed | raises `GeneratorExit` at the `yield` | does nothing |
///
/// A step that yields leaves it suspended; one that returns or raises leaves
/// it closed. A `close()` the generator ignores (by yielding) leaves it
/// suspended, as in CPython.
///
/// [the protocol]: Generator#the-protocol
///
/// # Examples
///
/// ```
/// use resumable::{generator::{from_iter, Lifecycle}, Exception, Generator, GeneratorState::Yielded};
///
/// let mut gen = from_iter(["a", "b"]).tracked();
/// assert_eq!(gen.state(), Lifecycle::Created);
/// assert_eq!(gen.next(), Ok(Yielded("a")));
/// assert_eq!(gen.state(), Lifecycle::Suspended);
/// assert_eq!(gen.close(), Ok(None));
/// assert_eq!(gen.state(), Lifecycle::Closed);
/// // Throwing into a finished generator hands the error straight back.
/// # let mut gen = gen.with_error::<&str>().tracked();
/// # let _ = gen.close();
/// assert_eq!(gen.throw("late"), Err(Exception::Raised("late")));
/// ```
///
/// Resuming a finished generator panics, with the caller's location:
///
/// ```should_panic
/// use resumable::{generator::once, Generator};
///
/// let mut gen = once(1).tracked();
/// let _ = gen.next(); // yields 1
/// let _ = gen.next(); // returns
/// let _ = gen.next(); // panics: generator resumed after completion
/// ```
#[derive(Clone, Debug)]
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct Tracked<G> {
    generator: G,
    lifecycle: Lifecycle,
}

impl<G> Tracked<G> {
    pub(super) fn new(generator: G) -> Self {
        Tracked {
            generator,
            lifecycle: Lifecycle::Created,
        }
    }

    /// Where the generator is in its life: Python's
    /// `inspect.getgeneratorstate(gen)`.
    ///
    /// ```
    /// use resumable::{generator::empty, Generator, Lifecycle};
    ///
    /// let mut gen = empty::<u8>().tracked();
    /// assert_eq!(gen.state(), Lifecycle::Created); // GEN_CREATED
    /// let _ = gen.next(); // returns at once
    /// assert_eq!(gen.state(), Lifecycle::Closed); // GEN_CLOSED
    /// ```
    pub fn state(&self) -> Lifecycle {
        self.lifecycle
    }

    /// The state machine inside, for inspection (Python's `gi_frame`).
    ///
    /// ```
    /// use resumable::{generator::from_iter, Generator};
    ///
    /// let gen = from_iter([1, 2]).tracked();
    /// assert_eq!(format!("{:?}", gen.get_ref()), "FromIter { iter: Fuse { iter: Some(IntoIter([1, 2])) } }");
    /// ```
    pub fn get_ref(&self) -> &G {
        &self.generator
    }

    /// The state machine inside, without the bookkeeping.
    ///
    /// ```
    /// use resumable::{generator::once, Generator, GeneratorState::Complete};
    ///
    /// let mut gen = once(1).tracked();
    /// let _ = gen.next();
    /// // The bare machine no longer checks the protocol; `Once` returns again.
    /// let mut bare = gen.into_inner();
    /// assert_eq!(bare.next(), Ok(Complete(())));
    /// ```
    pub fn into_inner(self) -> G {
        self.generator
    }
}

impl<S, G: Generator<S>> Generator<S> for Tracked<G> {
    type Yield = G::Yield;
    type Return = G::Return;
    type Error = G::Error;

    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, G::Error>) -> Outcome<G::Yield, G::Return, G::Error> {
        // `send(())` is `next()` in every state, as `send(None)` is in Python.
        let input = input.normalized();
        let input = match self.lifecycle {
            Lifecycle::Suspended => input,
            Lifecycle::Created => match check_start(input) {
                Ok(input) => input,
                Err(exception) => {
                    self.lifecycle = Lifecycle::Closed;
                    return Err(exception);
                }
            },
            Lifecycle::Closed => return after_completion(input),
        };
        let outcome = self.generator.resume(input);
        self.lifecycle = match outcome {
            Ok(GeneratorState::Yielded(_)) => Lifecycle::Suspended,
            _ => Lifecycle::Closed,
        };
        outcome
    }
}

/// The first input to a created generator. A throw or close finishes it
/// before any of its code runs, as in CPython: `sent()` raises them.
#[track_caller]
fn check_start<S, E>(input: Resume<S, E>) -> Result<Resume<S, E>, Exception<E>> {
    // A zero-sized `Send` was normalized to `Next` already: like Python's
    // `send(None)`, it may start a generator.
    if matches!(input, Resume::Send(_)) {
        panic!(
            "can't send a value to a just-started generator: start it with `next()` \
             (Python: `next(gen)` or `gen.send(None)`) or build it with `prime`"
        );
    }
    input.sent().map(|_| Resume::Next)
}

/// A finished generator: a throw comes straight back and a close does
/// nothing (`sent()` hands both back); resuming it is a bug.
#[track_caller]
fn after_completion<S, Y, R, E>(input: Resume<S, E>) -> Outcome<Y, R, E> {
    match input.sent() {
        Err(exception) => Err(exception),
        Ok(_) => panic!(
            "generator resumed after completion: it already returned, raised or was closed \
             (Python raises StopIteration here); check `state()` before resuming"
        ),
    }
}

/// A generator object is iterable, as in Python: `for x in gen`.
///
/// ```
/// use resumable::{generator::from_iter, Generator};
///
/// let mut total = 0;
/// for x in from_iter([1, 2, 3]).tracked() {
///     total += x;
/// }
/// assert_eq!(total, 6);
/// ```
impl<G: Generator<(), Error = Infallible>> IntoIterator for Tracked<G> {
    type Item = G::Yield;
    type IntoIter = Iter<Tracked<G>>;

    fn into_iter(self) -> Self::IntoIter {
        Iter::new(self)
    }
}

/// Iterates a generator object in place, so it can be picked up again.
impl<'a, G: Generator<(), Error = Infallible>> IntoIterator for &'a mut Tracked<G> {
    type Item = G::Yield;
    type IntoIter = Iter<&'a mut Tracked<G>>;

    fn into_iter(self) -> Self::IntoIter {
        Iter::new(self)
    }
}
