//! One coroutine run by `asyncio.run`, then three at once with
//! `asyncio.gather`, which also hands back their return values in the order
//! they were passed.
//!
//! ```python
//! import asyncio
//!
//!
//! async def factorial(name, number):
//!     f = 1
//!     for i in range(2, number + 1):
//!         print(f"Task {name}: Compute factorial({i})...")
//!         await asyncio.sleep(1)
//!         f *= i
//!     print(f"Task {name}: factorial({number}) = {f}")
//!     return f  # only in the third program
//!
//!
//! asyncio.run(factorial('A', 4))  # Добавлено в 3.7
//!
//!
//! async def main():
//!     # Запланировать дерево вызовов *конкурентно*:
//!     await asyncio.gather(
//!         factorial("A", 2),
//!         factorial("B", 3),
//!         factorial("C", 4),
//!     )
//!
//!
//! asyncio.run(main())
//!
//!
//! async def main():
//!     # Запланировать дерево вызовов *конкурентно*:
//!     res = await asyncio.gather(
//!         factorial("A", 4),
//!         factorial("B", 3),
//!         factorial("C", 2),
//!     )
//!     print(res)
//!
//!
//! asyncio.run(main())
//! ```
//!
//! The seeds print (the first two in seeds 000 and 003, the third in seed
//! 003 only):
//!
//! ```text
//! Task A: Compute factorial(2)...
//! Task A: Compute factorial(3)...
//! Task A: Compute factorial(4)...
//! Task A: factorial(4) = 24
//!
//! Task A: Compute factorial(2)...
//! Task B: Compute factorial(2)...
//! Task C: Compute factorial(2)...
//! Task A: factorial(2) = 2
//! Task B: Compute factorial(3)...
//! Task C: Compute factorial(3)...
//! Task B: factorial(3) = 6
//! Task C: Compute factorial(4)...
//! Task C: factorial(4) = 24
//!
//! Task A: Compute factorial(2)...
//! Task B: Compute factorial(2)...
//! Task C: Compute factorial(2)...
//! Task C: factorial(2) = 2
//! Task A: Compute factorial(3)...
//! Task B: Compute factorial(3)...
//! Task B: factorial(3) = 6
//! Task A: Compute factorial(4)...
//! Task A: factorial(4) = 24
//! [24, 6, 2]
//! ```
//!
//! The tour prints the three without the blank lines, and the third one
//! differs from the seed in one place, where the seed is wrong: at 1 s the
//! three timers fire in the order they were set, A, B, C, so A and B print
//! their `Compute factorial(3)...` before C prints `factorial(2) = 2`.
//! CPython 3.11 prints exactly what the tour prints:
//!
//! ```text
//! Task A: Compute factorial(3)...
//! Task B: Compute factorial(3)...
//! Task C: factorial(2) = 2
//! Task A: Compute factorial(4)...
//! Task B: factorial(3) = 6
//! ```
//!
//! (The second program shows the same rule the right way round: A, which
//! is done first, prints before B and C go on.) What the seed stresses
//! holds: `res` is `[24, 6, 2]`, in the order asked, whatever order the
//! tasks finish in.

use resumable::scheduler::{gather, sleep, Request, Runtime, Sleep, TaskError};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{show_run, Input, Step, SECOND};
use crate::console::say;

/// `factorial(name, number)`: the loop variable and the product survive
/// each `await`, so they are fields.
struct Factorial {
    name: &'static str,
    number: u64,
    f: u64,
    i: u64,
    nap: Option<Sleep>,
}

fn factorial(name: &'static str, number: u64) -> Factorial {
    Factorial {
        name,
        number,
        f: 1,
        i: 2,
        nap: None,
    }
}

impl Generator for Factorial {
    type Yield = Request;
    type Return = u64;
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step<u64> {
        loop {
            match &mut self.nap {
                Some(nap) => {
                    yield_from!(nap, input)?; // await asyncio.sleep(1)
                    self.f *= self.i;
                    self.i += 1;
                }
                None => {
                    input.sent()?;
                }
            }
            input = Resume::Next;
            let Factorial { name, number, .. } = *self;
            if self.i > number {
                say!("Task {name}: factorial({number}) = {}", self.f);
                return Ok(Complete(self.f));
            }
            say!("Task {name}: Compute factorial({})...", self.i);
            self.nap = Some(sleep(SECOND));
        }
    }
}

/// The third `main`: gathers, then prints the list of results.
struct Main {
    gather: resumable::scheduler::Gather<Factorial>,
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        let res = yield_from!(self.gather, input)?;
        say!("{res:?}");
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    show_run(Runtime::new().run(factorial("A", 4)));

    // The second main only awaits the gather, so the gather is the main task.
    let pairs = [("A", 2), ("B", 3), ("C", 4)];
    show_run(Runtime::new().run(gather(pairs.map(|(name, n)| factorial(name, n)))));

    let pairs = [("A", 4), ("B", 3), ("C", 2)];
    let gather = gather(pairs.map(|(name, n)| factorial(name, n)));
    show_run(Runtime::new().run(Main { gather }));
}
