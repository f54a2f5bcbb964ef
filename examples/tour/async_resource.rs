//! `async with` for a class of your own: `__aenter__` and `__aexit__` are
//! coroutines, and each may wait.
//!
//! ```python
//! import asyncio
//!
//!
//! class AsyncResource:
//!     async def __aenter__(self):
//!         print("Открываем ресурс...")
//!         await asyncio.sleep(1)
//!         return self
//!
//!     async def __aexit__(self, exc_type, exc_val, exc_tb):
//!         print("Закрываем ресурс...")
//!         await asyncio.sleep(0.5)
//!
//!     async def do_something(self):
//!         return "Работа с ресурсом"
//!
//!
//! async def main():
//!     async with AsyncResource() as resource:
//!         result = await resource.do_something()
//!         print(result)
//!
//!
//! asyncio.run(main())
//! ```
//!
//! The seed prints no output; Python prints:
//!
//! ```text
//! Открываем ресурс...
//! Работа с ресурсом
//! Закрываем ресурс...
//! ```
//!
//! The class implements [`AsyncContextManager`]: each method returns the
//! awaitable of its coroutine, and the code before its first `await` (the
//! `print`) runs when the statement calls it. `return self` hands the body
//! a copy of the resource (it holds nothing). [`async_with`] is the
//! statement: a second in, the body, half a second out, so the run ends at
//! 1.5 s, the tour's `#` line.

use resumable::generator::Chain;
use resumable::scheduler::{async_with, ready, sleep, AsyncContextManager, Leaving, Ready};
use resumable::scheduler::{Runtime, Sleep};
use resumable::Generator;

use crate::asyncio::{millis, say_clock, show_run, Coroutine, SECOND};
use crate::console::say;

/// `AsyncResource()`.
#[derive(Clone, Copy, Debug)]
struct AsyncResource;

impl AsyncResource {
    /// `do_something()`.
    fn do_something(self) -> Ready<&'static str> {
        ready("Работа с ресурсом")
    }
}

impl AsyncContextManager for AsyncResource {
    type Value = AsyncResource;
    type Enter = Chain<Sleep, Ready<AsyncResource>>;
    type Exit = Sleep;

    fn aenter(&mut self) -> Self::Enter {
        say!("Открываем ресурс...");
        sleep(SECOND).chain(ready(*self))
    }

    fn aexit(&mut self, _: &Leaving) -> Sleep {
        say!("Закрываем ресурс...");
        sleep(millis(500))
    }
}

/// `main()`.
fn main() -> impl Coroutine {
    async_with(AsyncResource, |resource| {
        resource
            .do_something()
            .map_return(|result| say!("{result}"))
    })
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(main()));
    say_clock(&rt);
}
