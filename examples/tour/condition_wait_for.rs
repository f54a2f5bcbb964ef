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
//! closure, which is how a Rust struct holds "some function".

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use resumable::scheduler::{
    gather, sleep, spawn, Gather, Request, Runtime, Sleep, Task, TaskError,
};
use resumable::sync::{Acquire, Condition, ConditionWaitFor};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, secs, show_run, Input, Step};
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

    fn initialize(&self) -> Initialize {
        Initialize {
            connection: self.clone(),
            stage: InitStage::Start,
        }
    }

    fn execute(&self, query: &'static str) -> Execute {
        Execute {
            connection: self.clone(),
            query,
            stage: ExecStage::Start,
        }
    }

    fn change_state(&self, state: ConnectionState) -> ChangeState {
        ChangeState {
            connection: self.clone(),
            state,
            acquire: None,
        }
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

/// `_change_state(state)`.
struct ChangeState {
    connection: Connection,
    state: ConnectionState,
    acquire: Option<Acquire>,
}

impl Generator for ChangeState {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let condition = &self.connection.condition;
        let acquire = match &mut self.acquire {
            Some(acquire) => acquire,
            None => {
                input.sent()?;
                input = Resume::Next;
                let old = self.connection.state.replace(self.state);
                say!(
                    "_change_state: Will change state from {old} to {}",
                    self.state
                );
                say!("_change_state: Change the state and notify all..");
                self.acquire.insert(condition.acquire())
            }
        };
        yield_from!(acquire, input)?; // async with self._condition:
        condition.notify_all();
        condition.release();
        Ok(Complete(()))
    }
}

enum InitStage {
    Start,
    Initialing(ChangeState),
    Sleeping(Sleep),
    Initialized(ChangeState),
}

/// `initialize()`.
struct Initialize {
    connection: Connection,
    stage: InitStage,
}

impl Generator for Initialize {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match &mut self.stage {
                InitStage::Start => {
                    input.sent()?;
                    say!("initialize: Preparing initialize the connection.");
                    let change = self.connection.change_state(ConnectionState::Initialing);
                    self.stage = InitStage::Initialing(change);
                }
                InitStage::Initialing(change) => {
                    yield_from!(change, input)?;
                    self.stage = InitStage::Sleeping(sleep(secs(5)));
                }
                InitStage::Sleeping(nap) => {
                    yield_from!(nap, input)?;
                    say!("initialize: Connection initialized");
                    let change = self.connection.change_state(ConnectionState::Initialized);
                    self.stage = InitStage::Initialized(change);
                }
                InitStage::Initialized(change) => {
                    yield_from!(change, input)?;
                    return Ok(Complete(()));
                }
            }
            input = Resume::Next;
        }
    }
}

enum ExecStage {
    Start,
    Acquiring(Acquire),
    Waiting(ConditionWaitFor<Predicate>),
    Executing(Sleep),
}

/// `execute(query)`.
struct Execute {
    connection: Connection,
    query: &'static str,
    stage: ExecStage,
}

impl Generator for Execute {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let condition = &self.connection.condition;
        loop {
            match &mut self.stage {
                ExecStage::Start => {
                    input.sent()?;
                    self.stage = ExecStage::Acquiring(condition.acquire());
                }
                ExecStage::Acquiring(acquire) => {
                    yield_from!(acquire, input)?; // async with self._condition:
                    say!("execute: Waiting for connection initialized");
                    let predicate = self.connection.is_initialized();
                    self.stage = ExecStage::Waiting(condition.wait_for(predicate));
                }
                ExecStage::Waiting(wait_for) => {
                    if let Err(error) = yield_from!(wait_for, input) {
                        if wait_for.holds_lock() {
                            condition.release(); // the block ends
                        }
                        return Err(error);
                    }
                    say!(
                        "execute: Connection initialized, executing query: {}",
                        self.query
                    );
                    self.stage = ExecStage::Executing(sleep(secs(5)));
                }
                ExecStage::Executing(nap) => {
                    let executed = yield_from!(nap, input);
                    if executed.is_ok() {
                        say!("execute: Execute finished.");
                    }
                    condition.release(); // the block ends, however it ends
                    return executed.map(Complete);
                }
            }
            input = Resume::Next;
        }
    }
}

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
