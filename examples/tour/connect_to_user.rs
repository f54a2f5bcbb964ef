//! `gather` and errors: by default the first exception is raised in the
//! awaiting task at once; with `return_exceptions=True` it takes its place
//! in the list of results.
//!
//! ```python
//! id_list = [1, 2, 3, 4]
//!
//! async def connect_to_user(usr_id):
//!     print(f'Подключаюсь к {usr_id}')
//!     await asyncio.sleep(2)
//!     print(f'Отправляю команду test пользователю {usr_id}')
//!     await asyncio.sleep(2)
//!
//!
//! async def send_msg(id_list):
//!     coroutines = map(connect_to_user, id_list)
//!     result = await asyncio.gather(*coroutines,return_exceptions=False )
//!     return result
//!
//! res = await send_msg(id_list)
//!
//!
//! async def connect_to_user(usr_id):
//!     print(f'Подключаюсь к {usr_id}')
//!     if usr_id == 4:
//!         raise OSError(f'Не могу подключиться к {usr_id}')
//!     await asyncio.sleep(1)
//!     print(f'Отправляю команду test пользователю {usr_id}')
//!     await asyncio.sleep(1)
//!
//!
//! async def send_msg(id_list, return_ex = False):
//!     coroutines = map(connect_to_user, id_list)
//!     result = await asyncio.gather(*coroutines,return_exceptions=return_ex)
//!     return result
//!
//! await send_msg(id_list, False)
//!
//! await send_msg(id_list, True)
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Подключаюсь к 1
//! Подключаюсь к 2
//! Подключаюсь к 3
//! Подключаюсь к 4
//! Отправляю команду test пользователю 1
//! Отправляю команду test пользователю 2
//! Отправляю команду test пользователю 3
//! Отправляю команду test пользователю 4
//!
//! Подключаюсь к 1
//! Подключаюсь к 2
//! Подключаюсь к 3
//! Подключаюсь к 4
//!
//!
//! OSError: Не могу подключиться к 4
//!
//! Подключаюсь к 1
//! Подключаюсь к 2
//! Подключаюсь к 3
//! Подключаюсь к 4
//! Отправляю команду test пользователю 1
//! Отправляю команду test пользователю 2
//! Отправляю команду test пользователю 3
//!
//!
//! [None, None, None, OSError('Не могу подключиться к 4')]
//! ```
//!
//! The tour prints the lines without the blank ones. The `OSError` line is
//! the last line of the traceback; the list is the cell's value, shown with
//! `repr`. `connect_to_user` returns nothing, `None`, so a result is
//! `Result<(), TaskError>`: `Ok(())` prints as `None`.
//!
//! When the first gather raises, the other three coroutines are not
//! cancelled by it (`return_exceptions=False` leaves them running). The
//! notebook's loop runs on between cells, so they finish unseen; the tour
//! runs each cell as `asyncio.run` would, which cancels what is left when
//! the main coroutine ends.

use core::time::Duration;

use resumable::scheduler::TaskError;
use resumable::scheduler::{gather, sleep, Gather, GatherResults, Request, Runtime, Sleep};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{secs, show_run, Input, PyError, Step};
use crate::console::say;

/// `connect_to_user(usr_id)`, both versions: the first sleeps 2 s twice and
/// never fails, the second sleeps 1 s twice and fails for user 4.
struct ConnectToUser {
    usr_id: u32,
    pause: Duration,
    fails: bool,
    /// How many sleeps have been awaited to the end.
    slept: u32,
    nap: Option<Sleep>,
}

fn connect_to_user(usr_id: u32) -> ConnectToUser {
    ConnectToUser {
        usr_id,
        pause: secs(2),
        fails: false,
        slept: 0,
        nap: None,
    }
}

fn connect_to_user_or_fail(usr_id: u32) -> ConnectToUser {
    ConnectToUser {
        pause: secs(1),
        fails: usr_id == 4,
        ..connect_to_user(usr_id)
    }
}

impl Generator for ConnectToUser {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let usr_id = self.usr_id;
        loop {
            match &mut self.nap {
                Some(nap) => {
                    yield_from!(nap, input)?;
                    self.slept += 1;
                }
                None => {
                    input.sent()?;
                    say!("Подключаюсь к {usr_id}");
                    if self.fails {
                        return Err(PyError::raise(
                            "OSError",
                            format!("Не могу подключиться к {usr_id}"),
                        )
                        .into());
                    }
                }
            }
            input = Resume::Next;
            match self.slept {
                0 => {}
                1 => say!("Отправляю команду test пользователю {usr_id}"),
                _ => return Ok(Complete(())),
            }
            self.nap = Some(sleep(self.pause));
        }
    }
}

/// `send_msg(id_list, return_ex)`: one of the two gathers.
enum SendMsg {
    RaiseFirst(Gather<ConnectToUser>),
    ReturnExceptions(GatherResults<ConnectToUser>),
}

fn send_msg(coroutines: Vec<ConnectToUser>, return_ex: bool) -> SendMsg {
    let gathering = gather(coroutines);
    if return_ex {
        SendMsg::ReturnExceptions(gathering.return_exceptions())
    } else {
        SendMsg::RaiseFirst(gathering)
    }
}

impl Generator for SendMsg {
    type Yield = Request;
    type Return = Vec<Result<(), TaskError>>;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step<Vec<Result<(), TaskError>>> {
        let result = match self {
            SendMsg::RaiseFirst(gathering) => {
                yield_from!(gathering, input)?.into_iter().map(Ok).collect()
            }
            SendMsg::ReturnExceptions(gathering) => yield_from!(gathering, input)?,
        };
        Ok(Complete(result))
    }
}

/// `repr` of the list of results: `None` for a coroutine that returned,
/// the exception's `repr` for one that raised.
fn list_repr(results: &[Result<(), TaskError>]) -> String {
    let items: Vec<String> = results
        .iter()
        .map(|result| match result {
            Ok(()) => "None".to_owned(),
            Err(error) => error
                .downcast_ref::<PyError>()
                .map_or_else(|| error.to_string(), PyError::repr),
        })
        .collect();
    format!("[{}]", items.join(", "))
}

pub(crate) fn run() {
    let id_list = [1, 2, 3, 4];

    // res = await send_msg(id_list): the cell shows nothing of `res`.
    let coroutines = id_list.map(connect_to_user).into();
    show_run(Runtime::new().run(send_msg(coroutines, false)));

    let coroutines = id_list.map(connect_to_user_or_fail).into();
    show_run(Runtime::new().run(send_msg(coroutines, false)));

    let coroutines = id_list.map(connect_to_user_or_fail).into();
    match Runtime::new().run(send_msg(coroutines, true)) {
        Ok(results) => say!("{}", list_repr(&results)),
        ran => show_run(ran),
    }
}
