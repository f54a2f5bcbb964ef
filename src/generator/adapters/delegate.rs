use core::ops::ControlFlow;

use crate::generator::{Exception, Generator, GeneratorState, Resume};

/// One step of Python's `yield from sub`: passes `input` to `sub` and says
/// whether the delegating generator must suspend with a yielded value
/// (`Break`) or the delegation is over (`Continue`, with the value of the
/// `yield from` expression or the exception it raises).
///
/// The [`yield_from!`](crate::yield_from!) macro wraps this for use inside a
/// hand-written `resume`; call it directly to do something with the yielded
/// value before passing it on.
///
/// It follows the expansion in PEP 380:
///
/// - `next`, `send` and `throw` are passed to `sub` as they are. A throw the
///   sub does not catch comes back as the exception of the delegation, to be
///   caught or propagated by the delegating generator.
/// - `close` closes `sub` first; the delegating generator then sees
///   `GeneratorExit`, even if `sub` returned a value while closing (PEP 380
///   drops that value). If `sub` raises while closing, that error replaces
///   `GeneratorExit`.
/// - If `sub` yields while being closed, the yield is passed up unchanged, so
///   the outermost [`close`](Generator::close) reports
///   [`CloseError::IgnoredExit`](crate::generator::CloseError::IgnoredExit)
///   with the value. (CPython raises `RuntimeError` inside the delegating
///   generator instead; a typed error has no such variant. See
///   `docs/design.md`.)
///
/// Start a delegation with [`Resume::Next`] (Python's first `next(sub)`),
/// then pass each input on until it is over. Once it is over, do not resume
/// `sub` again.
///
/// # Examples
///
/// ```
/// use core::ops::ControlFlow;
/// use resumable::{generator::{delegate, from_iter}, Resume};
///
/// let mut sub = from_iter([7]);
/// assert_eq!(delegate(&mut sub, Resume::Next), ControlFlow::Break(7));
/// assert_eq!(delegate(&mut sub, Resume::Next), ControlFlow::Continue(Ok(())));
/// ```
#[inline]
#[track_caller]
pub fn delegate<S, G>(
    sub: &mut G,
    input: Resume<S, G::Error>,
) -> ControlFlow<G::Yield, Result<G::Return, Exception<G::Error>>>
where
    G: Generator<S> + ?Sized,
{
    let closing = input.is_close();
    match sub.resume(input) {
        Ok(GeneratorState::Yielded(value)) => ControlFlow::Break(value),
        Ok(GeneratorState::Complete(_)) if closing => {
            ControlFlow::Continue(Err(Exception::GeneratorExit))
        }
        Ok(GeneratorState::Complete(value)) => ControlFlow::Continue(Ok(value)),
        Err(exception) => ControlFlow::Continue(Err(exception)),
    }
}

/// Lets [`yield_from!`](crate::yield_from!) take the subgenerator by method
/// call, so that auto-referencing accepts both a place (`self.sub`) and a
/// `&mut` binding (`sub` from `match self`). Implemented for every generator
/// and for nothing else, so it always means [`delegate()`].
#[doc(hidden)]
pub trait YieldFromStep<S>: Generator<S> {
    #[inline]
    #[track_caller]
    fn __yield_from_step(
        &mut self,
        input: Resume<S, Self::Error>,
    ) -> ControlFlow<Self::Yield, Result<Self::Return, Exception<Self::Error>>> {
        delegate(self, input)
    }
}

impl<S, G: Generator<S> + ?Sized> YieldFromStep<S> for G {}

/// Delegates one step to a subgenerator from inside a hand-written
/// [`resume`](crate::Generator::resume): Python's `yield from sub`.
///
/// `yield_from!(sub, input)` passes `input` to `sub` (see [`delegate()`] for
/// the exact rules). If `sub` yields, it returns `Ok(Yielded(value))` from
/// the enclosing function, suspending the delegating generator with the same
/// value. Otherwise it evaluates to the result of the delegation,
/// `Result<Return, Exception<E>>`, so that
///
/// - `yield_from!(sub, input)?` propagates the sub's exception, like a
///   `yield from` without `try`, and
/// - a `match` on it catches it, like `try: yield from sub except ...`.
///
/// It is to generators what `?` is to `Result` and `futures::ready!` is to
/// `Poll`. Start the delegation with `Resume::Next`, Python's first
/// `next(sub)`.
///
/// # Examples
///
/// The lecture's `yield from` hello world:
///
/// ```python
/// def subgenerator():
///     yield 'World'
///
/// def generator():
///     yield 'Hello,'
///     yield from subgenerator()
///     yield '!'
///
/// for i in generator():
///     print(i, end=' ')
/// ```
///
/// ```
/// use core::convert::Infallible;
/// use resumable::{generator::{once, Once}, yield_from, Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
///
/// fn subgenerator() -> Once<&'static str> {
///     once("World")
/// }
///
/// enum HelloWorld { Start, Hello, Sub(Once<&'static str>), Bang }
///
/// impl Generator for HelloWorld {
///     type Yield = &'static str;
///     type Return = ();
///     type Error = Infallible;
///
///     fn resume(&mut self, mut input: Resume) -> Outcome<&'static str> {
///         loop {
///             match self {
///                 HelloWorld::Start => {
///                     input.sent()?;
///                     *self = HelloWorld::Hello;
///                     return Ok(Yielded("Hello,"));
///                 }
///                 HelloWorld::Hello => {
///                     input.sent()?;
///                     *self = HelloWorld::Sub(subgenerator());
///                     input = Resume::Next; // `yield from` starts with next(sub)
///                 }
///                 HelloWorld::Sub(sub) => {
///                     yield_from!(sub, input)?;
///                     *self = HelloWorld::Bang;
///                     return Ok(Yielded("!"));
///                 }
///                 HelloWorld::Bang => {
///                     input.sent()?;
///                     return Ok(Complete(()));
///                 }
///             }
///         }
///     }
/// }
///
/// let words: Vec<_> = HelloWorld::Start.iter().collect();
/// assert_eq!(words.join(" "), "Hello, World !");
/// ```
///
/// Output of the Python program:
///
/// ```text
/// Hello, World !
/// ```
#[macro_export]
macro_rules! yield_from {
    ($sub:expr, $input:expr $(,)?) => {
        match {
            use $crate::generator::__private::YieldFromStep as _;
            $sub.__yield_from_step($input)
        } {
            ::core::ops::ControlFlow::Break(value) => {
                return ::core::result::Result::Ok($crate::GeneratorState::Yielded(value));
            }
            ::core::ops::ControlFlow::Continue(result) => result,
        }
    };
}
