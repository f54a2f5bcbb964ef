//! `asyncio.wait`: wait for tasks without taking their results, and choose
//! when to stop waiting. It returns the tasks in two sets, done and
//! pending, and cancels nothing.
//!
//! ```python
//! async def foo():
//!     await asyncio.sleep(1)
//!     print('hello ...')
//!
//!
//! async def bar():
//!     await asyncio.sleep(2)
//!     print('... world!')
//!
//!
//! print_hello = asyncio.create_task(foo())
//! print_world = asyncio.create_task(bar())
//!
//! done, pending = await asyncio.wait({print_hello,print_world}, return_when=asyncio.FIRST_COMPLETED)
//!
//! print(done)
//! print(pending)
//!
//!
//! print_hello = asyncio.create_task(foo())
//! print_world = asyncio.create_task(bar())
//!
//! done, pending = await asyncio.wait({print_hello,print_world}, timeout=1.5)
//!
//! print(done)
//! print(pending)
//!
//!
//! print_hello = asyncio.create_task(foo())
//! print_world = asyncio.create_task(bar())
//!
//! done, pending = await asyncio.wait({print_hello,print_world}, return_when=asyncio.ALL_COMPLETED)
//!
//! print(done)
//! print(pending)
//! ```
//!
//! The seed prints:
//!
//! ```text
//! hello ...
//! {<Task finished name='Task-104' coro=<foo() done, defined at <ipython-input-47-44f6b0987f59>:1> result=None>}
//! {<Task pending name='Task-105' coro=<bar() running at <ipython-input-47-44f6b0987f59>:7> wait_for=<Future pending cb=[Task.task_wakeup()]>>}
//!
//! hello ...
//! {<Task finished name='Task-107' coro=<foo() done, defined at <ipython-input-47-44f6b0987f59>:1> result=None>}
//! {<Task pending name='Task-108' coro=<bar() running at <ipython-input-47-44f6b0987f59>:7> wait_for=<Future pending cb=[Task.task_wakeup()]>>}
//!
//! hello ...
//! ... world!
//! {<Task finished name='Task-110' coro=<foo() done, defined at <ipython-input-47-44f6b0987f59>:1> result=None>, <Task finished name='Task-111' coro=<bar() done, defined at <ipython-input-47-44f6b0987f59>:6> result=None>}
//! set()
//! ```
//!
//! The tour prints the tasks with our `Debug` of
//! [`Task`](resumable::scheduler::Task), which has the state and the name
//! but not asyncio's `coro=`, `result=` and `wait_for=` parts:
//! `{<Task finished name='Task-1'>}`. A set has no order; the tour lists
//! the tasks in the order given.
//!
//! Each cell runs on the same loop, as in the notebook, but as
//! `asyncio.run` would: when the cell is over, the task still pending is
//! cancelled rather than left to print `... world!` between cells. So the
//! numbers are not the notebook's, where each cell's top-level `await` took
//! one number after its two tasks: here the cell is a task too (`Task-3`),
//! and `asyncio.run`'s shutdown numbers two more of its own (its
//! `shutdown_asyncgens()` and `shutdown_default_executor()`, `Task-4` and
//! `Task-5`), so the next cell's tasks are `Task-6` and `Task-7`. CPython
//! 3.11, running the cells that way on one loop, prints the same names.

use resumable::scheduler::{sleep, wait, Request, ReturnWhen, Runtime, Sleep, TaskError, Wait};
use resumable::{yield_from, Generator, GeneratorState::Complete};

use crate::asyncio::{millis, secs, set_repr, show_run, Input, Step};
use crate::console::say;

/// `foo()` and `bar()`: a sleep, then a print.
struct SleepThenPrint {
    nap: Sleep,
    text: &'static str,
}

fn foo() -> SleepThenPrint {
    SleepThenPrint {
        nap: sleep(secs(1)),
        text: "hello ...",
    }
}

fn bar() -> SleepThenPrint {
    SleepThenPrint {
        nap: sleep(secs(2)),
        text: "... world!",
    }
}

impl Generator for SleepThenPrint {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        yield_from!(self.nap, input)?;
        say!("{}", self.text);
        Ok(Complete(()))
    }
}

/// A cell: `done, pending = await asyncio.wait(...)`, then the prints.
struct Cell {
    waiting: Wait<()>,
}

impl Generator for Cell {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        let (done, pending) = yield_from!(self.waiting, input)?;
        say!("{}", set_repr(&done));
        say!("{}", set_repr(&pending));
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    let mut rt = Runtime::new();

    let print_hello = rt.spawn(foo());
    let print_world = rt.spawn(bar());
    let waiting = wait([print_hello, print_world]).return_when(ReturnWhen::FirstCompleted);
    show_run(rt.run(Cell { waiting }));

    let print_hello = rt.spawn(foo());
    let print_world = rt.spawn(bar());
    let waiting = wait([print_hello, print_world]).timeout(millis(1500));
    show_run(rt.run(Cell { waiting }));

    let print_hello = rt.spawn(foo());
    let print_world = rt.spawn(bar());
    let waiting = wait([print_hello, print_world]).return_when(ReturnWhen::AllCompleted);
    show_run(rt.run(Cell { waiting }));
}
