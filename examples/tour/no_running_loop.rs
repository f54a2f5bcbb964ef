//! `create_task` outside a running loop is an error (seed 002, line 1338,
//! the Python twin of Go's `go myFunction()`).
//!
//! ```python
//! import asyncio
//!
//! async def my_function():
//!     await asyncio.sleep(1)
//!
//! # Вызов через asyncio.create_task
//! asyncio.create_task(my_function())
//! ```
//!
//! The seed shows no output; CPython 3.11 ends with a traceback whose last
//! line is
//!
//! ```text
//! RuntimeError: no running event loop
//! ```
//!
//! and warns on stderr that the coroutine was never awaited. The seed's
//! line is a fragment that only runs inside a coroutine.
//!
//! [`spawn`] outside a loop is the same mistake, and the crate panics
//! (its `# Panics` section) with Python's message and a hint:
//!
//! ```text
//! no running event loop: spawn runs in a task or a callback of a `Runtime`
//! ```
//!
//! The tour catches the panic ([`panic_message`]) and prints it as Python
//! prints its exception's last line, without the hint. The coroutine that
//! was to be the task is dropped unrun, without a warning.

use resumable::scheduler::{sleep, spawn};

use crate::asyncio::{panic_message, Coroutine, SECOND};
use crate::console::say;

/// `my_function()`.
fn my_function() -> impl Coroutine {
    sleep(SECOND)
}

pub(crate) fn run() {
    if let Some(message) = panic_message(|| spawn(my_function()).detach()) {
        let (python, _hint) = message.split_once(": ").unwrap_or((&message, ""));
        say!("RuntimeError: {python}");
    }
}
