//! How the seeds show a step: the few lines of Python's printing that every
//! program would otherwise repeat.
//!
//! The seeds run their programs as scripts or at the REPL, so a step either
//! prints what it yielded (`print(next(itr))`) or is a bare statement
//! (`c.send(1)`) whose yielded value is dropped. Either way, a generator that
//! ended shows up as the exception Python raises, named as its traceback's
//! last line names it.

use std::fmt::{Debug, Display};

use resumable::{
    CloseError, Exception,
    GeneratorState::{Complete, Yielded},
    Outcome,
};

use crate::console::say;

/// `print(next(gen))`: the yielded value, or how the generator ended.
pub(crate) fn show<Y: Display, R, E: Debug>(step: Outcome<Y, R, E>) {
    match step {
        Ok(Yielded(value)) => say!("{value}"),
        ended => discard(ended),
    }
}

/// `print(next(itr))` for a Rust [`Iterator`], whose `None` is Python's
/// `StopIteration`.
pub(crate) fn show_item<T: Display>(item: Option<T>) {
    match item {
        Some(value) => say!("{value}"),
        None => say!("StopIteration"),
    }
}

/// A step written as a statement (`next(c)`, `c.send(1)`): the yielded value
/// is dropped, as Python drops it.
///
/// With `E = Infallible` the `Raised` arm cannot happen; keeping one helper
/// for every error type spares each program that argument.
pub(crate) fn discard<Y, R, E: Debug>(step: Outcome<Y, R, E>) {
    match step {
        Ok(Yielded(_)) => {}
        // The seeds print a bare `StopIteration`: the return value, its
        // `.value`, is only shown where a program asks for it.
        Ok(Complete(_)) => say!("StopIteration"),
        Err(Exception::Raised(error)) => say!("{error:?}"),
        Err(Exception::GeneratorExit) => say!("GeneratorExit"),
    }
}

/// `gen.close()` as a statement: silent when the generator finishes, as
/// Python's `close()` is.
pub(crate) fn discard_close<Y, R, E: Debug>(closing: Result<Option<R>, CloseError<Y, E>>) {
    match closing {
        Ok(_) => {}
        Err(CloseError::IgnoredExit(_)) => {
            say!("RuntimeError: generator ignored GeneratorExit");
        }
        Err(CloseError::Raised(error)) => say!("{error:?}"),
    }
}

/// How Python prints a `bool`.
pub(crate) fn repr_bool(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}
