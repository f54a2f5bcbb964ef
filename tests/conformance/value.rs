//! The values a script computes and the exceptions it raises, printed as
//! Python's `repr` prints them.

use std::fmt;

use resumable::scheduler::{ExceptionGroup, RuntimeError, TaskError, ValueError};

/// A script's value: what a coroutine returns, a queue item, a gather's
/// list (with exceptions in it, for `return_exceptions=True`).
#[derive(Clone, Debug)]
pub(crate) enum Val {
    None,
    Int(i64),
    List(Vec<Val>),
    Exc(TaskError),
}

impl Val {
    pub(crate) fn repr(&self) -> String {
        match self {
            Val::None => "None".to_owned(),
            Val::Int(value) => value.to_string(),
            Val::List(items) => {
                let items: Vec<String> = items.iter().map(Val::repr).collect();
                format!("[{}]", items.join(", "))
            }
            Val::Exc(error) => repr(error),
        }
    }
}

/// `raise X`: the script's own exception class, `Boom('X')`.
#[derive(Debug)]
pub(crate) struct Boom(pub String);

impl fmt::Display for Boom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Boom: {}", self.0)
    }
}

impl std::error::Error for Boom {}

/// `asyncio.QueueEmpty()` / `asyncio.QueueFull()`.
#[derive(Debug)]
pub(crate) struct QueueError(pub &'static str);

impl fmt::Display for QueueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for QueueError {}

pub(crate) fn raise_boom(label: &str) -> TaskError {
    TaskError::raise(Boom(label.to_owned()))
}

/// Python's `repr` of the exception.
pub(crate) fn repr(error: &TaskError) -> String {
    match error {
        TaskError::Cancelled(cancelled) => format!("{cancelled:?}"),
        TaskError::TimedOut => "TimeoutError()".to_owned(),
        failed => {
            if let Some(Boom(label)) = failed.downcast_ref::<Boom>() {
                return format!("Boom({})", py_str(label));
            }
            if let Some(QueueError(name)) = failed.downcast_ref::<QueueError>() {
                return format!("{name}()");
            }
            if let Some(error) = failed.downcast_ref::<RuntimeError>() {
                return format!("{error:?}");
            }
            if let Some(error) = failed.downcast_ref::<ValueError>() {
                return format!("{error:?}");
            }
            if let Some(group) = failed.downcast_ref::<ExceptionGroup>() {
                let items: Vec<String> = group.exceptions().iter().map(repr).collect();
                return format!(
                    "ExceptionGroup({}, [{}])",
                    py_str(group.message()),
                    items.join(", ")
                );
            }
            format!("<unknown {failed}>")
        }
    }
}

/// A string as Python's `repr` writes it (the scripts use plain words).
pub(crate) fn py_str(text: &str) -> String {
    format!("'{text}'")
}

pub(crate) fn py_bool(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}
