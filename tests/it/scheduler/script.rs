//! `Script`, a task that plays a list of actions and logs what it does:
//! the scheduler tests' stand-in for a small `async def`.

use std::time::Duration;

use resumable::scheduler::{sleep, Request, Sleep, TaskError};
use resumable::{yield_from, Exception, Generator, GeneratorState, Outcome, Resume};

use crate::support::Log;

/// One line of a scripted task's body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Act {
    /// `await asyncio.sleep(0)`
    Yield,
    /// `await asyncio.sleep(ms / 1000)`
    Sleep(u64),
    /// `raise RuntimeError(...)`
    Raise,
}

/// `async def name(): for act in acts: ...; return len(acts)`, logging
/// `name:N` before each action, and `name:cancelled` when a cancellation
/// reaches it (which it lets out, unless `catches` is set, in which case
/// it logs `name:caught` and returns 0).
pub(crate) struct Script {
    name: String,
    acts: Vec<Act>,
    at: usize,
    sleep: Option<Sleep>,
    log: Log,
    catches: bool,
}

impl Script {
    pub(crate) fn new(name: impl Into<String>, acts: &[Act], log: &Log) -> Self {
        Script {
            name: name.into(),
            acts: acts.to_vec(),
            at: 0,
            sleep: None,
            log: log.clone(),
            catches: false,
        }
    }

    /// Catches a cancellation, logs it and returns 0.
    pub(crate) fn catching(mut self) -> Self {
        self.catches = true;
        self
    }

    fn note(&self, what: impl std::fmt::Display) {
        self.log.push(format!("{}:{what}", self.name));
    }
}

impl Generator for Script {
    type Yield = Request;
    type Return = usize;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, usize, TaskError> {
        let mut input = input;
        loop {
            if let Some(nap) = &mut self.sleep {
                match yield_from!(nap, std::mem::replace(&mut input, Resume::Next)) {
                    Ok(()) => self.sleep = None,
                    Err(error) => return self.raised(error),
                }
            } else {
                match std::mem::replace(&mut input, Resume::Next) {
                    Resume::Throw(error) => return self.raised(Exception::Raised(error)),
                    Resume::Close => return self.raised(Exception::GeneratorExit),
                    Resume::Next | Resume::Send(()) => {}
                }
            }
            let Some(&act) = self.acts.get(self.at) else {
                self.note("returned");
                return Ok(GeneratorState::Complete(self.acts.len()));
            };
            self.note(self.at);
            self.at += 1;
            match act {
                Act::Yield => return Ok(GeneratorState::Yielded(Request::Yield)),
                Act::Sleep(ms) => self.sleep = Some(sleep(Duration::from_millis(ms))),
                Act::Raise => {
                    self.note("raised");
                    return Err(TaskError::from(format!("{} failed", self.name)).into());
                }
            }
        }
    }
}

impl Script {
    fn raised(&mut self, error: Exception<TaskError>) -> Outcome<Request, usize, TaskError> {
        match error {
            Exception::Raised(TaskError::Cancelled(_)) if self.catches => {
                self.note("caught");
                Ok(GeneratorState::Complete(0))
            }
            Exception::Raised(error @ TaskError::Cancelled(_)) => {
                self.note("cancelled");
                Err(error.into())
            }
            Exception::GeneratorExit => {
                self.note("closed");
                Err(Exception::GeneratorExit)
            }
            other => Err(other),
        }
    }
}
