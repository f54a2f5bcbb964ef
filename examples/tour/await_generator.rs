//! A plain generator cannot be awaited; `@types.coroutine` makes it a
//! coroutine whose bare `yield`s give the loop its turn (seed 002,
//! lines 264 to 343).
//!
//! ```python
//! def simple_sleep(seconds):
//!     start_time = time.time()
//!     while time.time() - start_time < seconds:
//!         yield
//!
//! async def my_coroutine():
//!     await simple_sleep(1)          # TypeError
//!     return 1
//!
//! # 1. yield from all the way down; asyncio.run of a plain generator
//! @types.coroutine
//! def my_coroutine():
//!     yield from simple_sleep(1)
//!     return 1
//!
//! def main():
//!     result = yield from my_coroutine()
//!     print(result)
//!
//! asyncio.run(main())
//!
//! # 2. "Компромисс с yield from": the same my_coroutine, awaited
//! async def main():
//!     result = await my_coroutine()
//!     print(result)
//!
//! # 3. "Правильный компромисс": simple_sleep itself is the coroutine
//! @types.coroutine
//! def simple_sleep(seconds): ...
//!
//! async def my_coroutine():
//!     await simple_sleep(1)
//!     return 1
//! ```
//!
//! The seed prints, and CPython 3.11 too:
//!
//! ```text
//! TypeError: object generator can't be used in 'await' expression
//! 1
//! 1
//! 1
//! ```
//!
//! The tour prints the three `1`s. The first program does not compile
//! here: a plain generator yields values, a task yields
//! [`Request`]s, so `yield_from!` of one inside a task is a type error
//! (``expected `Request`, found `()` ``), as the `compile_fail` example
//! in the `scheduler` module shows. [`types_coroutine`] is the decorator:
//! each bare `yield` becomes [`Request::Yield`], the loop's turn.
//!
//! The second runs a plain generator with `asyncio.run`: CPython 3.11
//! still takes one (3.12 raises `ValueError: a coroutine was expected, got
//! <generator object main at ...>`); here `main` is a task like any other.
//! `time.time()` is the real clock ([`ManualClock::real`]), a second of the
//! seed being a hundredth of one, so that the busy waits stay short.

use core::convert::Infallible;
use core::time::Duration;

use resumable::generator::Generator;
use resumable::scheduler::{busy_sleep, BusySleep, ManualClock, Request, Runtime, TaskError};

use crate::asyncio::{millis, show_run};
use crate::console::say;

/// One second of the seed.
const SECOND: Duration = millis(10);

/// `simple_sleep(1)`: yields until a second has passed.
fn simple_sleep() -> BusySleep {
    busy_sleep(&ManualClock::real(), SECOND)
}

/// `@types.coroutine`: a generator of bare `yield`s, as a task's awaitable.
fn types_coroutine<G>(
    generator: G,
) -> impl Generator<Yield = Request, Return = G::Return, Error = TaskError>
where
    G: Generator<Yield = (), Error = Infallible>,
{
    generator.map_yield(|()| Request::Yield).with_error()
}

/// `main()`: `print(await my_coroutine())`.
fn main_printing<G>(my_coroutine: G)
where
    G: Generator<Yield = Request, Return = u32, Error = TaskError> + 'static,
{
    show_run(Runtime::new().run(my_coroutine.map_return(|result| say!("{result}"))));
}

pub(crate) fn run() {
    // 1 and 2: the generator my_coroutine, yield from-ed or awaited.
    main_printing(types_coroutine(simple_sleep().map_return(|()| 1)));
    main_printing(types_coroutine(simple_sleep().map_return(|()| 1)));
    // 3: simple_sleep is the coroutine; my_coroutine awaits it.
    main_printing(types_coroutine(simple_sleep()).map_return(|()| 1));
}
