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
/// carry nothing (`Yield = ()`), because priming throws it away; when the
/// first yield carries a value, use [`prime_first`], which hands it back.
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
    start("prime", generator).0
}

/// Runs a coroutine to its first `yield` and hands it back ready for
/// [`send`](Generator::send), together with the value that first `yield`
/// produced: Python's `first = gen.send(None)` right after creating it.
///
/// [`prime`] throws the first yield away, so it only takes coroutines whose
/// first `yield` is bare; `prime_first` takes any, for a coroutine that
/// greets its caller when primed:
///
/// ```python
/// def echo():
///     value = yield 'ack'
///     while True:
///         value = yield value
///
/// e = echo()
/// print(e.send(None))     # ack
/// print(e.send('hello'))  # hello
/// ```
///
/// # Panics
///
/// If the coroutine returns or raises instead of reaching its first `yield`,
/// as [`prime`] does.
///
/// # Examples
///
/// ```
/// use resumable::{generator::{from_fn, prime_first, Lifecycle}, Generator, GeneratorState::Yielded, Outcome, Resume};
///
/// let echo = from_fn(|input: Resume<&'static str>| -> Outcome<&'static str> {
///     Ok(Yielded(input.sent()?.unwrap_or("ack"))) // the first resume gets no value
/// });
/// let (mut e, ack) = prime_first(echo);
/// assert_eq!(ack, "ack");
/// assert_eq!(e.state(), Lifecycle::Suspended);
/// assert_eq!(e.send("hello"), Ok(Yielded("hello")));
/// ```
#[track_caller]
pub fn prime_first<S, G>(generator: G) -> (Tracked<G>, G::Yield)
where
    G: Generator<S>,
{
    start("prime_first", generator)
}

/// Resumes a fresh generator once and insists that it yields; `caller`
/// names the public function in the panic message.
#[track_caller]
fn start<S, G: Generator<S>>(caller: &str, generator: G) -> (Tracked<G>, G::Yield) {
    let mut coroutine = Tracked::new(generator);
    match coroutine.resume(Resume::Next) {
        Ok(GeneratorState::Yielded(first)) => (coroutine, first),
        Ok(GeneratorState::Complete(_)) => panic!(
            "{caller}: the coroutine returned before its first `yield`, so it cannot be sent to"
        ),
        Err(_) => panic!(
            "{caller}: the coroutine raised before its first `yield`; \
             start it with `next()` to see the error"
        ),
    }
}
