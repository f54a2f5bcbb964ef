//! The asynchronous iterator protocol: [`AsyncIterator`] (`__anext__`),
//! [`AsyncIterable`] (`__aiter__`), the builtin [`anext()`], and
//! [`StopAsyncIteration`].

use alloc::boxed::Box;
use core::fmt;
use std::error::Error;

use super::async_for::Collect;
use crate::generator::Generator;
use crate::scheduler::{Input, Request, Step, TaskError};

/// An object with `__anext__`: something an `async for` can ask for items,
/// each of which it may have to await.
///
/// Python's `__anext__` is a coroutine: each call returns an awaitable
/// that the loop runs to the next item, or that raises
/// `StopAsyncIteration`. Here that coroutine's body is
/// [`anext`](AsyncIterator::anext), resumed like a task's: it gets an
/// [`Input`] and reports a [`Step`] whose return value is
/// `Some(item)`, or `None` for `StopAsyncIteration` — what
/// `futures::Stream::poll_next` reports as `Poll::Ready(Some(item))` and
/// `Poll::Ready(None)`. The state of the call in flight (the sleep it
/// awaits, say) lives in the iterator, so awaiting is
/// [`yield_from!`](crate::yield_from!), as in a task.
///
/// # The protocol
///
/// Each call of `__anext__` starts with [`Resume::Next`](crate::Resume::Next) and goes on with
/// what the loop sends (`Next` when the awaited thing is done, `Throw` of
/// a cancellation) until it returns `Some`, `None` or raises; then the next
/// call starts with `Next` again. A caller does not resume it after `None`
/// unless the iterator says it may (async generators answer `None` again,
/// as Python raises `StopAsyncIteration` again).
///
/// # Examples
///
/// The lecture's `AsyncCounter`:
///
/// ```python
/// class AsyncCounter:
///     def __init__(self, stop):
///         self.current = 0
///         self.stop = stop
///
///     def __aiter__(self):
///         return self
///
///     async def __anext__(self):
///         if self.current >= self.stop:
///             raise StopAsyncIteration
///         await asyncio.sleep(0.5)
///         self.current += 1
///         return self.current
///
/// async def main():
///     async for number in AsyncCounter(5):
///         print(number)
/// ```
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{async_for, sleep, AsyncIterator, Input, Runtime, Sleep, Step};
/// use resumable::{yield_from, GeneratorState::Complete};
///
/// struct AsyncCounter { current: u32, stop: u32, nap: Option<Sleep> }
///
/// impl AsyncIterator for AsyncCounter {
///     type Item = u32;
///
///     fn anext(&mut self, input: Input) -> Step<Option<u32>> {
///         if self.current >= self.stop {
///             return Ok(Complete(None)); // raise StopAsyncIteration
///         }
///         let nap = self.nap.get_or_insert_with(|| sleep(Duration::from_millis(500)));
///         yield_from!(nap, input)?; // await asyncio.sleep(0.5)
///         self.nap = None;
///         self.current += 1;
///         Ok(Complete(Some(self.current)))
///     }
/// }
///
/// let counter = |stop| AsyncCounter { current: 0, stop, nap: None };
/// let mut rt = Runtime::new();
/// rt.run(async_for(counter(5), |number| println!("{number}"))).unwrap();
/// assert_eq!(rt.time(), Duration::from_millis(2500));
///
/// // The same items, collected: [number async for number in AsyncCounter(5)]
/// assert_eq!(rt.run(counter(5).collect::<Vec<_>>()).unwrap(), [1, 2, 3, 4, 5]);
/// ```
///
/// Output:
///
/// ```text
/// 1
/// 2
/// 3
/// 4
/// 5
/// ```
#[must_use = "async iterators are lazy and do nothing unless iterated"]
pub trait AsyncIterator {
    /// The items: what `await it.__anext__()` gives.
    type Item;

    /// One step of the `__anext__` call in flight: starts a call on
    /// [`Next`](crate::Resume::Next) if none is in flight, and reports
    /// `Yielded(request)` to await something, `Complete(Some(item))` for
    /// the item, `Complete(None)` for `StopAsyncIteration`, or an error.
    fn anext(&mut self, input: Input) -> Step<Option<Self::Item>>;

    /// Collects every item into `C`: an async comprehension.
    ///
    /// `[x async for x in it]` is `it.collect::<Vec<_>>()`,
    /// `{k: v async for k, v in it}` is `it.collect::<HashMap<_, _>>()`
    /// over pairs, and `{x async for x in it}` is
    /// `it.collect::<HashSet<_>>()`. The result is an awaitable that
    /// returns the collection.
    ///
    /// ```
    /// use resumable::scheduler::{AsyncIterator, Input, Runtime, Step};
    /// use resumable::GeneratorState::Complete;
    ///
    /// /// Counts down to zero without awaiting anything.
    /// struct Countdown(u32);
    ///
    /// impl AsyncIterator for Countdown {
    ///     type Item = u32;
    ///     fn anext(&mut self, input: Input) -> Step<Option<u32>> {
    ///         input.sent()?;
    ///         let item = self.0.checked_sub(1).map(|n| core::mem::replace(&mut self.0, n));
    ///         Ok(Complete(item))
    ///     }
    /// }
    ///
    /// let all = Runtime::new().run(Countdown(3).collect::<Vec<_>>()).unwrap();
    /// assert_eq!(all, [3, 2, 1]);
    /// ```
    fn collect<C>(self) -> Collect<Self, C>
    where
        Self: Sized,
        C: Default + Extend<Self::Item>,
    {
        Collect::new(self)
    }
}

impl<I: AsyncIterator + ?Sized> AsyncIterator for &mut I {
    type Item = I::Item;

    #[inline]
    fn anext(&mut self, input: Input) -> Step<Option<I::Item>> {
        (**self).anext(input)
    }
}

impl<I: AsyncIterator + ?Sized> AsyncIterator for Box<I> {
    type Item = I::Item;

    #[inline]
    fn anext(&mut self, input: Input) -> Step<Option<I::Item>> {
        (**self).anext(input)
    }
}

/// An object with `__aiter__`: what `async for x in obj` accepts.
///
/// Every [`AsyncIterator`] is one, and returns itself, as the lectures'
/// classes do (`def __aiter__(self): return self`). Implement it for a
/// type that hands out a separate iterator.
///
/// ```
/// use resumable::scheduler::{async_for, AsyncIterable, AsyncIterator, Input, Runtime, Step};
/// use resumable::GeneratorState::Complete;
///
/// /// A collection that can be iterated many times: `__aiter__` makes a
/// /// fresh iterator each time.
/// struct Shelf(Vec<&'static str>);
/// struct ShelfIter(std::vec::IntoIter<&'static str>);
///
/// impl AsyncIterator for ShelfIter {
///     type Item = &'static str;
///     fn anext(&mut self, input: Input) -> Step<Option<&'static str>> {
///         input.sent()?;
///         Ok(Complete(self.0.next()))
///     }
/// }
///
/// impl AsyncIterable for &Shelf {
///     type Item = &'static str;
///     type AsyncIter = ShelfIter;
///     fn aiter(self) -> ShelfIter {
///         ShelfIter(self.0.clone().into_iter())
///     }
/// }
///
/// let shelf = Shelf(vec!["a", "b"]);
/// let mut rt = Runtime::new();
/// for _ in 0..2 {
///     // async for book in shelf: print(book)
///     rt.run(async_for(&shelf, |book| println!("{book}"))).unwrap();
/// }
/// assert_eq!(rt.run(shelf.aiter().collect::<Vec<_>>()).unwrap(), ["a", "b"]);
/// ```
pub trait AsyncIterable {
    /// The items of the iterator.
    type Item;
    /// The iterator `__aiter__` returns.
    type AsyncIter: AsyncIterator<Item = Self::Item>;

    /// `obj.__aiter__()`, Python's `aiter(obj)`.
    fn aiter(self) -> Self::AsyncIter;
}

impl<I: AsyncIterator> AsyncIterable for I {
    type Item = I::Item;
    type AsyncIter = I;

    /// `def __aiter__(self): return self`.
    #[inline]
    fn aiter(self) -> I {
        self
    }
}

/// The next item of an async iterator, as an awaitable: Python's builtin
/// `anext(it)` (`it.__anext__()`), with `None` for `StopAsyncIteration`.
///
/// Pass `&mut it` to borrow the iterator for one call; inside a task's
/// `resume` that is an `async for` whose body may await, `break` or
/// `continue`:
///
/// ```python
/// async def main():
///     async for line in lines():
///         if line == 'stop':
///             break
///         print(line)
/// ```
///
/// ```
/// use resumable::scheduler::{anext, AsyncIterator, Input, Runtime, Step};
/// use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};
/// # struct Lines(Vec<&'static str>);
/// # impl AsyncIterator for Lines {
/// #     type Item = &'static str;
/// #     fn anext(&mut self, input: Input) -> Step<Option<&'static str>> {
/// #         input.sent()?;
/// #         Ok(Complete((!self.0.is_empty()).then(|| self.0.remove(0))))
/// #     }
/// # }
/// # fn lines() -> Lines { Lines(vec!["one", "two", "stop", "three"]) }
///
/// struct Main { lines: Lines, printed: Vec<&'static str> }
///
/// impl Generator for Main {
///     type Yield = resumable::scheduler::Request;
///     type Return = Vec<&'static str>;
///     type Error = resumable::scheduler::TaskError;
///
///     fn resume(&mut self, mut input: Input) -> Step<Vec<&'static str>> {
///         // async for line in lines(): one `anext` per item
///         while let Some(line) = yield_from!(anext(&mut self.lines), input)? {
///             if line == "stop" {
///                 break;
///             }
///             self.printed.push(line);
///             input = Resume::Next; // the next `anext` starts afresh
///         }
///         Ok(Complete(core::mem::take(&mut self.printed)))
///     }
/// }
///
/// let main = Main { lines: lines(), printed: Vec::new() };
/// assert_eq!(Runtime::new().run(main).unwrap(), ["one", "two"]);
/// ```
pub fn anext<I: AsyncIterator>(iterator: I) -> Anext<I> {
    Anext { iterator }
}

/// The awaitable of [`anext()`]: one `__anext__` call.
#[derive(Clone, Debug)]
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct Anext<I> {
    iterator: I,
}

impl<I: AsyncIterator> Generator for Anext<I> {
    type Yield = Request;
    type Return = Option<I::Item>;
    type Error = TaskError;

    #[inline]
    fn resume(&mut self, input: Input) -> Step<Option<I::Item>> {
        self.iterator.anext(input)
    }
}

/// Python's `StopAsyncIteration`: what an exhausted async generator's
/// [`asend`](crate::scheduler::AsyncGen::asend) and
/// [`athrow`](crate::scheduler::AsyncGen::athrow) raise, inside a
/// [`TaskError`].
///
/// The iteration protocol itself ([`AsyncIterator::anext`], [`anext()`])
/// reports the end as `None` instead, so that an `async for` is a
/// `while let`.
///
/// ```
/// use resumable::scheduler::{StopAsyncIteration, TaskError};
///
/// let error = TaskError::raise(StopAsyncIteration);
/// assert!(error.downcast_ref::<StopAsyncIteration>().is_some());
/// assert_eq!(error.to_string(), "StopAsyncIteration");
/// assert_eq!(format!("{StopAsyncIteration:?}"), "StopAsyncIteration()");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct StopAsyncIteration;

impl fmt::Debug for StopAsyncIteration {
    /// Python's `repr`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StopAsyncIteration()")
    }
}

impl fmt::Display for StopAsyncIteration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StopAsyncIteration")
    }
}

impl Error for StopAsyncIteration {}
