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

use resumable::generator::{lazy, ready, Generator};
use resumable::scheduler::{gather, sleep, Runtime, TaskError};

use crate::asyncio::{secs, show_run, Coroutine, PyError};
use crate::console::say;

/// The first `connect_to_user(usr_id)`: sleeps 2 s twice, never fails.
fn connect_to_user(usr_id: u32) -> impl Coroutine {
    lazy(move || {
        say!("Подключаюсь к {usr_id}");
        sleep(secs(2))
            .map_return(move |()| say!("Отправляю команду test пользователю {usr_id}"))
            .then(|()| sleep(secs(2)))
    })
}

/// The second `connect_to_user(usr_id)`: sleeps 1 s twice, fails for user
/// 4 before its first `await` (`and_then` is the step that may raise).
fn connect_to_user_or_fail(usr_id: u32) -> impl Coroutine {
    ready(()).and_then(move |()| {
        say!("Подключаюсь к {usr_id}");
        if usr_id == 4 {
            return Err(PyError::raise(
                "OSError",
                format!("Не могу подключиться к {usr_id}"),
            ));
        }
        Ok(sleep(secs(1))
            .map_return(move |()| say!("Отправляю команду test пользователю {usr_id}"))
            .then(|()| sleep(secs(1))))
    })
}

/// `send_msg(id_list)`, `return_exceptions=False`: the first exception is
/// raised at once. `connect_to_user` is whichever version the cell sees.
fn send_msg<C: Coroutine + 'static>(
    id_list: [u32; 4],
    connect_to_user: fn(u32) -> C,
) -> impl Coroutine<Vec<()>> {
    let coroutines = id_list.map(connect_to_user);
    gather(coroutines)
}

/// `send_msg(id_list, True)`: each exception takes its coroutine's place
/// among the results, so the results have another type, and Rust another
/// function.
fn send_msg_return_ex<C: Coroutine + 'static>(
    id_list: [u32; 4],
    connect_to_user: fn(u32) -> C,
) -> impl Coroutine<Vec<Result<(), TaskError>>> {
    let coroutines = id_list.map(connect_to_user);
    gather(coroutines).return_exceptions()
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
    show_run(Runtime::new().run(send_msg(id_list, connect_to_user)));

    show_run(Runtime::new().run(send_msg(id_list, connect_to_user_or_fail)));

    match Runtime::new().run(send_msg_return_ex(id_list, connect_to_user_or_fail)) {
        Ok(results) => say!("{}", list_repr(&results)),
        ran => show_run(ran),
    }
}
