//! What a task can tell about itself: `done()`, `cancelled()`, its name.
//!
//! ```python
//! task = asyncio.create_task(
//!     say_after(1, 'hello')
//! )
//!
//! await task
//!
//! task.cancelled()
//!
//! task.done()
//!
//!
//! async def my_coroutine():
//!     await asyncio.sleep(3)
//!     print("Задача завершена")
//!
//!
//! async def main():
//!     task = asyncio.create_task(my_coroutine())
//!     if task.done():
//!         print("Задача уже завершена")
//!     else:
//!         print("Задача все еще выполняется")
//!
//!
//! await main()
//!
//! task.set_name(123)
//!
//! task.get_name()
//!
//! task2 = asyncio.create_task(my_coroutine())
//! task3 = asyncio.create_task(my_coroutine())
//!
//! task2.get_name()
//!
//! task3.get_name()
//! ```
//!
//! The seed's cells print:
//!
//! ```text
//! hello
//! False
//! True
//! Задача все еще выполняется
//! '123'
//! Задача завершена
//! Задача завершена
//! 'Task-39'
//! 'Task-40'
//! ```
//!
//! The cells run on one loop, so the tour uses one [`Runtime`] for all of
//! them. A cell that ends with a bare expression shows its `repr`: `False`,
//! `'123'`, with quotes, and the tour prints them so. A cell's top-level
//! `await` waits until the tasks it started are done:
//! [`Runtime::run_all`].
//!
//! Two differences. The names: the notebook had run 38 tasks before these
//! two, the tour's loop five: `task`, `main`, the task `main` creates, and
//! the two that `asyncio.run` makes for its shutdown (its
//! `shutdown_asyncgens()` and `shutdown_default_executor()`), so they are
//! `'Task-6'` and `'Task-7'`, as CPython 3.11 prints them when it runs the
//! cells that way. And the task `main` creates: in the notebook it goes on
//! after `main` returns and prints its own `Задача завершена` three seconds
//! later, unseen between cells; here `main` is run as `asyncio.run(main())`
//! runs it, which cancels the tasks still running when `main` returns, so
//! it never prints.

use resumable::generator::{lazy, ready, Generator};
use resumable::scheduler::{sleep, spawn, Runtime};

use crate::asyncio::{secs, show_run, Coroutine};
use crate::console::say;
use crate::python::repr_bool;
use crate::say_after::say_after;

/// `my_coroutine()`: three seconds, then the print.
fn my_coroutine() -> impl Coroutine {
    sleep(secs(3)).map_return(|()| say!("Задача завершена"))
}

/// `main()`: creates the task and asks at once whether it is done. It never
/// awaits, so it is done after its first step.
fn main_task() -> impl Coroutine {
    lazy(|| {
        let task = spawn(my_coroutine());
        if task.done() {
            say!("Задача уже завершена");
        } else {
            say!("Задача все еще выполняется");
        }
        task.detach(); // the Python `task` is a local: it goes out of scope
        ready(())
    })
}

pub(crate) fn run() {
    let mut rt = Runtime::new();

    let task = rt.spawn(say_after(1, "hello"));
    show_run(rt.run_all()); // await task
    say!("{}", repr_bool(task.cancelled()));
    say!("{}", repr_bool(task.done()));

    show_run(rt.run(main_task()));

    task.set_name(123);
    say!("'{}'", task.name()); // task.get_name()

    let task2 = rt.spawn(my_coroutine());
    let task3 = rt.spawn(my_coroutine());
    show_run(rt.run_all());
    say!("'{}'", task2.name());
    say!("'{}'", task3.name());
}
