//! `Condition.wait_for(predicate)`: wait until a predicate holds,
//! re-checking it after every `notify_all()`. Queries wait for a
//! connection to be initialised.
//!
//! ```python
//! from asyncio import Condition
//! from enum import Enum
//!
//! class ConnectionState(Enum):
//!     WAIT_INIT = 0
//!     INITIALING = 1
//!     INITIALIZED = 2
//!
//! class Connection:
//!     def __init__(self):
//!         self._state = ConnectionState.WAIT_INIT
//!         self._condition = Condition()
//!
//!     async def initialize(self):
//!         print("initialize: Preparing initialize the connection.")
//!         await self._change_state(ConnectionState.INITIALING)
//!         await asyncio.sleep(5)
//!         print("initialize: Connection initialized")
//!         await self._change_state(ConnectionState.INITIALIZED)
//!
//!     async def execute(self, query: str):
//!         async with self._condition:
//!             print("execute: Waiting for connection initialized")
//!             await self._condition.wait_for(self._is_initialized)
//!             print(f"execute: Connection initialized, executing query: {query}")
//!             await asyncio.sleep(5)
//!             print("execute: Execute finished.")
//!
//!     async def _change_state(self, state: ConnectionState):
//!         print(f"_change_state: Will change state from {self._state} to {state}")
//!         self._state = state
//!         print("_change_state: Change the state and notify all..")
//!         async with self._condition:
//!             self._condition.notify_all()
//!
//!     def _is_initialized(self):
//!         if self._state is not ConnectionState.INITIALIZED:
//!             print("_is_initialized: The connection is not initialized.")
//!             return False
//!         print("_is_initialized: The connection is ready.")
//!         return True
//!
//!
//! async def main():
//!     connection = Connection()
//!     task_one = asyncio.create_task(connection.execute("SELECT * FROM table"))
//!     task_two = asyncio.create_task(connection.execute("SELECT * FROM other_table"))
//!
//!     asyncio.create_task(connection.initialize())
//!     await asyncio.gather(task_one, task_two)
//! await main()
//! ```
//!
//! The seed prints no output; Python prints:
//!
//! ```text
//! execute: Waiting for connection initialized
//! _is_initialized: The connection is not initialized.
//! execute: Waiting for connection initialized
//! _is_initialized: The connection is not initialized.
//! initialize: Preparing initialize the connection.
//! _change_state: Will change state from ConnectionState.WAIT_INIT to ConnectionState.INITIALING
//! _change_state: Change the state and notify all..
//! _is_initialized: The connection is not initialized.
//! _is_initialized: The connection is not initialized.
//! initialize: Connection initialized
//! _change_state: Will change state from ConnectionState.INITIALING to ConnectionState.INITIALIZED
//! _change_state: Change the state and notify all..
//! _is_initialized: The connection is ready.
//! execute: Connection initialized, executing query: SELECT * FROM table
//! execute: Execute finished.
//! _is_initialized: The connection is ready.
//! execute: Connection initialized, executing query: SELECT * FROM other_table
//! execute: Execute finished.
//! ```
//!
//! The first notification (to `INITIALING`) wakes both queries only to
//! find the predicate false again. The second wakes them for good, but they
//! hold the condition's lock while they run their query, so the second
//! query waits for the first: the run ends at 15 s, as the tour's `#` line
//! says.
//!
//! The connection's state is shared by the tasks and read by the
//! predicate, so it lives in an `Rc<Cell<_>>`; the predicate is a boxed
//! closure, which is how a Rust struct holds "some function". Each
//! `async with self._condition:` is [`async_with`]; the `print`s between
//! awaits are [`map_return`](Generator::map_return)s, and the steps of a
//! method follow each other with [`chain`](Generator::chain).

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use resumable::scheduler::{async_with, gather, ready, sleep, spawn, Gather, Request, Runtime};
use resumable::scheduler::{Task, TaskError};
use resumable::sync::Condition;
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, secs, show_run, Coroutine, Input, Step};
use crate::console::say;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ConnectionState {
    WaitInit,
    Initialing,
    Initialized,
}

impl fmt::Display for ConnectionState {
    /// As Python prints an `Enum` member: `ConnectionState.WAIT_INIT`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            ConnectionState::WaitInit => "WAIT_INIT",
            ConnectionState::Initialing => "INITIALING",
            ConnectionState::Initialized => "INITIALIZED",
        };
        write!(f, "ConnectionState.{name}")
    }
}

/// `Connection`: a handle the tasks share.
#[derive(Clone)]
struct Connection {
    state: Rc<Cell<ConnectionState>>,
    condition: Condition,
}

impl Connection {
    fn new() -> Self {
        Connection {
            state: Rc::new(Cell::new(ConnectionState::WaitInit)),
            condition: Condition::new(),
        }
    }

    /// `initialize()`.
    fn initialize(&self) -> impl Coroutine {
        let start =
            ready(()).map_return(|()| say!("initialize: Preparing initialize the connection."));
        let initialing = self.change_state(ConnectionState::Initialing);
        let slept = sleep(secs(5)).map_return(|()| say!("initialize: Connection initialized"));
        let initialized = self.change_state(ConnectionState::Initialized);
        start.chain(initialing).chain(slept).chain(initialized)
    }

    /// `execute(query)`.
    fn execute(&self, query: &'static str) -> impl Coroutine {
        let connection = self.clone();
        async_with(self.condition.clone(), move |()| {
            say!("execute: Waiting for connection initialized");
            let predicate = connection.is_initialized();
            let waited = connection
                .condition
                .wait_for(predicate)
                .map_return(move |()| {
                    say!("execute: Connection initialized, executing query: {query}");
                });
            let executed = sleep(secs(5)).map_return(|()| say!("execute: Execute finished."));
            waited.chain(executed)
        })
    }

    /// `_change_state(state)`.
    fn change_state(&self, state: ConnectionState) -> impl Coroutine {
        let (connection, cond) = (self.clone(), self.condition.clone());
        let start = ready(()).map_return(move |()| {
            let old = connection.state.replace(state);
            say!("_change_state: Will change state from {old} to {state}");
            say!("_change_state: Change the state and notify all..");
        });
        start.chain(async_with(self.condition.clone(), move |()| {
            cond.notify_all();
            ready(())
        }))
    }

    /// `self._is_initialized`, as a function the condition can call.
    fn is_initialized(&self) -> Predicate {
        let state = Rc::clone(&self.state);
        Box::new(move || {
            if state.get() != ConnectionState::Initialized {
                say!("_is_initialized: The connection is not initialized.");
                return false;
            }
            say!("_is_initialized: The connection is ready.");
            true
        })
    }
}

type Predicate = Box<dyn FnMut() -> bool>;

/// `main()`.
struct Main {
    gather: Option<Gather<Task<()>>>,
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let gathering = match &mut self.gather {
            Some(gathering) => gathering,
            None => {
                input.sent()?;
                input = Resume::Next;
                let connection = Connection::new();
                let task_one = spawn(connection.execute("SELECT * FROM table"));
                let task_two = spawn(connection.execute("SELECT * FROM other_table"));
                spawn(connection.initialize()).detach();
                self.gather.insert(gather([task_one, task_two]))
            }
        };
        yield_from!(gathering, input)?;
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(Main { gather: None }));
    say_clock(&rt);
}
