use super::{Generator, GeneratorState, Resume, Tracked};

/// Runs a coroutine to its first `yield` and hands it back ready for
/// [`send`](Generator::send): the lecture's `@coroutine` decorator.
///
/// ```python
/// def coroutine(f):
///     def wrap(*args, **kwargs):
///         gen = f(*args, **kwargs)
///         gen.send(None)
///         return gen
///     return wrap
/// ```
///
/// The coroutine comes back [`Tracked`], so sending to it after it finishes
/// panics with a clear message instead of misbehaving. Its first yield must
/// carry nothing (`Yield = ()`), because priming throws it away; a
/// generator whose first yield matters should be started with
/// [`next`](Generator::next) instead.
///
/// # Panics
///
/// If the coroutine returns or raises instead of reaching its first `yield`
/// (where the Python decorator would raise).
///
/// # Examples
///
/// ```
/// use resumable::{generator::{from_fn, prime, Lifecycle}, Generator, GeneratorState::Yielded, Outcome, Resume};
///
/// let mut history = Vec::new();
/// let mut record = prime(from_fn(|input: Resume<i32>| -> Outcome<()> {
///     if let Some(x) = input.sent()? {
///         history.push(x);
///     }
///     Ok(Yielded(()))
/// }));
/// assert_eq!(record.state(), Lifecycle::Suspended); // no `next()` needed
/// assert_eq!(record.send(1), Ok(Yielded(())));
/// ```
#[track_caller]
pub fn prime<S, G>(generator: G) -> Tracked<G>
where
    G: Generator<S, Yield = ()>,
{
    let mut coroutine = Tracked::new(generator);
    match coroutine.resume(Resume::Next) {
        Ok(GeneratorState::Yielded(())) => coroutine,
        Ok(GeneratorState::Complete(_)) => {
            panic!(
                "prime: the coroutine returned before its first `yield`, so it cannot be sent to"
            )
        }
        Err(_) => panic!(
            "prime: the coroutine raised before its first `yield`; \
             start it with `next()` to see the error"
        ),
    }
}
