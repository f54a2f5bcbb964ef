//! `async for` and async comprehensions: [`async_for`] and
//! [`AsyncIterator::collect`].

use core::fmt;

use super::{AsyncIterable, AsyncIterator};

use crate::generator::{Generator, GeneratorState};
use crate::scheduler::{Input, Request, Step, TaskError};

/// Runs `body` on every item of `iterable`, awaiting each: Python's
/// `async for item in iterable: body`. An awaitable that returns when the
/// iterator is exhausted.
///
/// `iterable` is anything with `__aiter__` ([`AsyncIterable`]): every
/// [`AsyncIterator`], and async generators ([`AsyncGen`](super::AsyncGen)).
/// The body runs between two `__anext__` calls, without awaiting; for a
/// body that awaits, breaks or continues, write the loop in the task with
/// [`anext`](super::anext()).
///
/// # Errors
///
/// What the iterator raises. A cancellation of the task reaches the
/// iterator where it awaits, as in Python.
///
/// ```python
/// async def mygen(u):
///     i = 0
///     while i < u:
///         yield i
///         i += 1
///         await asyncio.sleep(1)
///
/// async def main():
///     async for i in mygen(3):
///         print(i)
/// ```
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{async_for, async_gen, sleep, AsyncGen, AsyncGenerator, AsyncIterator, Input, Runtime, Sleep, Step};
/// use resumable::{yield_from, GeneratorState::Complete};
///
/// struct MyGen { i: u32, u: u32, nap: Option<Sleep> }
///
/// impl AsyncGenerator for MyGen {
///     type Item = u32;
///
///     fn resume(&mut self, input: Input) -> Step<Option<u32>> {
///         match &mut self.nap {
///             // what `yield i` receives goes to the sleep, which raises a throw or a close
///             Some(nap) => {
///                 yield_from!(nap, input)?; // i += 1; await asyncio.sleep(1)
///                 self.i += 1;
///             }
///             None => {
///                 input.sent()?;
///             }
///         }
///         if self.i >= self.u {
///             return Ok(Complete(None)); // the end: StopAsyncIteration
///         }
///         self.nap = Some(sleep(Duration::from_secs(1)));
///         Ok(Complete(Some(self.i))) // yield i
///     }
/// }
///
/// fn mygen(u: u32) -> AsyncGen<MyGen> {
///     async_gen(MyGen { i: 0, u, nap: None })
/// }
///
/// let mut rt = Runtime::new();
/// rt.run(async_for(mygen(3), |i| println!("{i}"))).unwrap();
/// assert_eq!(rt.time(), Duration::from_secs(3));
/// assert_eq!(rt.run(mygen(3).collect::<Vec<_>>()).unwrap(), [0, 1, 2]);
/// ```
///
/// Output:
///
/// ```text
/// 0
/// 1
/// 2
/// ```
pub fn async_for<I, F>(iterable: I, body: F) -> AsyncFor<I::AsyncIter, F>
where
    I: AsyncIterable,
    F: FnMut(I::Item),
{
    AsyncFor {
        iterator: iterable.aiter(),
        body,
        started: false,
    }
}

/// The awaitable of [`async_for`].
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct AsyncFor<I, F> {
    iterator: I,
    body: F,
    started: bool,
}

impl<I, F> Generator for AsyncFor<I, F>
where
    I: AsyncIterator,
    F: FnMut(I::Item),
{
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        let mut input = start(&mut self.started, input)?;
        // The body does not await: between two items the loop is never
        // suspended, so every input after the first goes to an `__anext__`.
        loop {
            match self.iterator.anext(input)? {
                GeneratorState::Yielded(request) => return Ok(GeneratorState::Yielded(request)),
                GeneratorState::Complete(Some(item)) => (self.body)(item),
                GeneratorState::Complete(None) => return Ok(GeneratorState::Complete(())),
            }
            input = Input::Next;
        }
    }
}

/// The first input of a loop that has not started raises a throw or a
/// close before any `__anext__` (a coroutine cancelled before its first
/// step runs none of its code).
#[inline]
fn start(started: &mut bool, input: Input) -> Result<Input, crate::Exception<TaskError>> {
    if *started {
        return Ok(input);
    }
    input.sent()?;
    *started = true;
    Ok(Input::Next)
}

impl<I: fmt::Debug, F> fmt::Debug for AsyncFor<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncFor")
            .field("iterator", &self.iterator)
            .finish_non_exhaustive()
    }
}

/// The awaitable of [`AsyncIterator::collect`]: an async comprehension.
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct Collect<I, C> {
    iterator: I,
    items: C,
    started: bool,
}

impl<I: AsyncIterator, C: Default> Collect<I, C> {
    pub(super) fn new(iterator: I) -> Self {
        Collect {
            iterator,
            items: C::default(),
            started: false,
        }
    }
}

impl<I, C> Generator for Collect<I, C>
where
    I: AsyncIterator,
    C: Default + Extend<I::Item>,
{
    type Yield = Request;
    type Return = C;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<C> {
        let mut input = start(&mut self.started, input)?;
        loop {
            match self.iterator.anext(input)? {
                GeneratorState::Yielded(request) => return Ok(GeneratorState::Yielded(request)),
                GeneratorState::Complete(Some(item)) => self.items.extend(Some(item)),
                GeneratorState::Complete(None) => {
                    return Ok(GeneratorState::Complete(core::mem::take(&mut self.items)))
                }
            }
            input = Input::Next;
        }
    }
}

impl<I: fmt::Debug, C> fmt::Debug for Collect<I, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Collect")
            .field("iterator", &self.iterator)
            .finish_non_exhaustive()
    }
}
