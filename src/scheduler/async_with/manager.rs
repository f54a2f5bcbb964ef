//! [`AsyncContextManager`] (`__aenter__` / `__aexit__`) and [`Leaving`],
//! what `__aexit__` is told.

use crate::generator::Generator;
use crate::scheduler::{Request, TaskError};

use super::{async_with, AsyncWith};

/// An asynchronous context manager: a type with Python's `__aenter__` and
/// `__aexit__`, for [`async_with`].
///
/// Both methods return *awaitables*: generators that yield [`Request`]s to
/// the loop, as a task's `await`s do. The statement awaits them; the
/// manager only makes them.
///
/// - [`aenter`](AsyncContextManager::aenter) is awaited first; what it
///   returns, [`Value`](AsyncContextManager::Value), is the `as` target and
///   the argument of the body's closure. If it raises (or is cancelled while
///   it waits), the body does not run and `aexit` is not called: the
///   statement raises what it raised.
/// - [`aexit`](AsyncContextManager::aexit) is awaited once the body has
///   left, however it left ([`Leaving`]). Its awaitable returns `()`,
///   Python's `None`: the body's value or error goes on. Or it returns
///   `bool`: `true` swallows the body's error, as `__aexit__` returning
///   `True` does (see [`Suppress`](super::Suppress)). If it raises, its
///   error replaces the body's.
///
/// # Examples
///
/// The lecture's `Connection` (seed 001): entering opens a connection,
/// leaving closes it, and each waits.
///
/// ```python
/// class Connection:
///     async def __aenter__(self):
///         self.conn = await get_conn(self.host, self.port)
///         return self.conn
///
///     async def __aexit__(self, exc_type, exc, tb):
///         await self.conn.close()
/// ```
///
/// ```
/// use std::time::Duration;
/// use resumable::generator::Chain;
/// use resumable::scheduler::{async_with, ready, sleep, AsyncContextManager, Leaving, Ready, Runtime, Sleep};
/// use resumable::Generator;
///
/// struct Connection { host: &'static str, port: u16 }
///
/// impl AsyncContextManager for Connection {
///     type Value = String;                      // the `conn` that `as` names
///     type Enter = Chain<Sleep, Ready<String>>; // await get_conn(...); return conn
///     type Exit = Sleep;                        // await conn.close(); return None
///
///     fn aenter(&mut self) -> Self::Enter {
///         let conn = format!("{}:{}", self.host, self.port);
///         sleep(Duration::from_secs(1)).chain(ready(conn))
///     }
///
///     fn aexit(&mut self, _: &Leaving) -> Sleep {
///         sleep(Duration::from_secs(1))
///     }
/// }
///
/// // async with Connection('localhost', 9001) as conn: return len(conn)
/// let connection = Connection { host: "localhost", port: 9001 };
/// let statement = async_with(connection, |conn: String| ready(conn.len()));
/// let mut rt = Runtime::new();
/// assert_eq!(rt.run(statement).unwrap(), 14);
/// assert_eq!(rt.time(), Duration::from_secs(2)); // a second in, a second out
/// ```
pub trait AsyncContextManager {
    /// What `__aenter__` returns: the target of `async with ... as value`.
    /// `()` where Python's returns `None` (a lock).
    type Value;

    /// The awaitable of `__aenter__()`.
    type Enter: Generator<Yield = Request, Return = Self::Value, Error = TaskError>;

    /// The awaitable of `__aexit__(exc_type, exc, tb)`. It returns `()`
    /// (Python's `None`: the body's outcome goes on) or `bool` (`true`
    /// suppresses the body's error).
    type Exit: Generator<Yield = Request, Error = TaskError>;

    /// `__aenter__()`: called when the statement starts, inside the task.
    fn aenter(&mut self) -> Self::Enter;

    /// `__aexit__(...)`: called once the body has left, with how it left.
    fn aexit(&mut self, leaving: &Leaving) -> Self::Exit;

    /// `async with self as value: body(value)`: the same as
    /// [`async_with(self, body)`](async_with).
    fn with<F, B>(self, body: F) -> AsyncWith<Self, F, B>
    where
        Self: Sized,
        F: FnOnce(Self::Value) -> B,
        B: Generator<Yield = Request, Error = TaskError>,
    {
        async_with(self, body)
    }
}

/// How the body of an `async with` left: what `__aexit__` is given as
/// `(exc_type, exc, tb)`.
///
/// ```
/// use resumable::scheduler::{Leaving, TaskError};
///
/// assert_eq!(Leaving::Returned.error().map(TaskError::is_cancelled), None);
/// assert!(Leaving::Raised(TaskError::cancelled()).is_cancelled());
/// assert_eq!(Leaving::Closed.to_string(), "GeneratorExit");
/// ```
#[derive(Clone, Debug)]
pub enum Leaving {
    /// The body returned: `__aexit__(None, None, None)`.
    Returned,
    /// The body raised this error, or let a cancellation out
    /// ([`TaskError::Cancelled`]): `__aexit__(type(e), e, tb)`.
    Raised(TaskError),
    /// The task was closed while the body ran (`GeneratorExit`). The exit
    /// cannot wait: see [`AsyncWith`]'s "Closing".
    Closed,
}

impl Leaving {
    /// The error the body raised, if it raised one.
    pub fn error(&self) -> Option<&TaskError> {
        match self {
            Leaving::Raised(error) => Some(error),
            Leaving::Returned | Leaving::Closed => None,
        }
    }

    /// `true` if the body let a cancellation out: `exc_type is
    /// CancelledError`.
    pub fn is_cancelled(&self) -> bool {
        self.error().is_some_and(TaskError::is_cancelled)
    }
}

impl core::fmt::Display for Leaving {
    /// Python's `exc_type.__name__`, or `None`: `None`, `CancelledError`,
    /// `TimeoutError`, `GeneratorExit`, or the error's own text.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Leaving::Returned => f.write_str("None"),
            Leaving::Raised(TaskError::Cancelled(_)) => f.write_str("CancelledError"),
            Leaving::Raised(TaskError::TimedOut) => f.write_str("TimeoutError"),
            Leaving::Raised(error) => write!(f, "{error}"),
            Leaving::Closed => f.write_str("GeneratorExit"),
        }
    }
}
