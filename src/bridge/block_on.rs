use core::future::Future;
use core::pin::pin;
use core::task::Waker;
use std::sync::Arc;
use std::task::Wake;
use std::thread::{self, Thread};

use super::from_future;
use crate::generator::{Exception, Generator, GeneratorState};

/// Runs a future to its end on this thread, sleeping while it is pending:
/// `asyncio.run(coro)` for one future, without a runtime.
///
/// The loop is the lecture's event loop for a single coroutine,
///
/// ```python
/// while True:
///     try:
///         coro.send(None)      # pending: wait until woken
///     except StopIteration as e:
///         return e.value
/// ```
///
/// with the future seen as a generator ([`from_future()`]) and the waiting
/// done by [`thread::park`], which the future's waker
/// ([`Thread::unpark`]) ends. A wake that comes before the park is kept
/// (park/unpark hold one token), so none is lost.
///
/// For examples and tests; a program with many futures wants an executor
/// (tokio, smol) or the [`scheduler`](crate::scheduler).
///
/// # Panics
///
/// If the future panics.
///
/// ```
/// use resumable::bridge::{block_on, to_future};
/// use resumable::{generator::from_iter, Generator};
///
/// assert_eq!(block_on(async { 1 + 2 }), 3);
/// // A generator that is "not ready yet" twice, then returns:
/// let twice = from_iter([(), ()]).map_return(|()| "done");
/// assert_eq!(block_on(to_future(twice)), "done");
/// ```
pub fn block_on<F: Future>(future: F) -> F::Output {
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let future = pin!(future);
    let mut coro = from_future(future, waker);
    loop {
        match coro.next() {
            Ok(GeneratorState::Yielded(())) => thread::park(),
            Ok(GeneratorState::Complete(value)) => return value,
            Err(Exception::Raised(never)) => match never {},
            Err(Exception::GeneratorExit) => unreachable!("only close() raises GeneratorExit"),
        }
    }
}

/// Wakes the thread blocked in [`block_on`].
struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}
