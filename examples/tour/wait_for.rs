//! `asyncio.wait_for`: await with a time limit. When the limit passes, the
//! awaited coroutine is cancelled and the waiter gets a `TimeoutError`.
//!
//! ```python
//! async def fast_func():
//!     await asyncio.sleep(360)
//!     print('Да не долго я работаю')
//!
//!
//! async def main():
//!     try:
//!         await asyncio.wait_for(fast_func(), timeout=5.0)
//!     except asyncio.TimeoutError:
//!         print('Какая-то не очень быстрая ...')
//!
//! await main()
//!
//!
//! async def send_message(user_id, message):
//!     print(f"Отправка сообщения '{message}' пользователю {user_id}")
//!     await asyncio.sleep(5)
//!     print(f"Сообщение '{message}' доставлено пользователю {user_id}")
//!
//!
//! async def receive_message(user_id):
//!     try:
//!         await asyncio.wait_for(send_message(user_id, "Привет!"), timeout=3)
//!         print(f"Получен ответ: Привет!")
//!     except asyncio.TimeoutError:
//!         print(f"Время ожидания ответа от пользователя {user_id} истекло")
//!
//! async def main():
//!     user_id = 123
//!     await receive_message(user_id)
//!
//!
//! await main()
//!
//!
//! async def send_important_message():
//!     print("Начало отправки важного сообщения")
//!     await asyncio.sleep(7)
//!
//!
//! async def main():
//!     task = asyncio.create_task(send_important_message())
//!     try:
//!         await asyncio.sleep(5)
//!         task.cancel()
//!         # Здесь используем shield() для гарантированной отправки важного сообщения
//!         await asyncio.shield(asyncio.wait_for(task, timeout=5))
//!         print("Отправлено!")
//!     except asyncio.TimeoutError:
//!         print("Время на отправку важного сообщения истекло")
//!
//!
//! await main()
//! ```
//!
//! The seed prints:
//!
//! ```text
//! Какая-то не очень быстрая ...
//!
//! Отправка сообщения 'Привет!' пользователю 123
//! Время ожидания ответа от пользователя 123 истекло
//!
//! Начало отправки важного сообщения
//!
//!
//! CancelledError:
//! ```
//!
//! The tour prints them without the blank lines, and the last as the bare
//! name `CancelledError` (see `cancelled`). The last program is the
//! lecture's warning: `shield` cannot help a task that was already
//! cancelled. `task.cancel()` comes first: it cancels the sleep the task
//! waits on, at once, and the task takes its `CancelledError` in its next
//! step. The shielded `wait_for` (a task of its own, as `shield` makes one
//! of a coroutine) awaits the task, which ends cancelled, so the `wait_for`
//! raises `CancelledError` (not a timeout), and that reaches `main`
//! through the shield, where nothing catches it.
//!
//! The second `main` only awaits `receive_message(123)`, so the tour runs
//! `receive_message` as the main coroutine. On the virtual clock the
//! programs take 5 s, 3 s and 5 s; the tour does not print that.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{shield, sleep, spawn, wait_for, Runtime};

use crate::asyncio::{except_timeout, secs, show_run, Coroutine};
use crate::console::say;

/// `fast_func()`, which is not fast.
fn fast_func() -> impl Coroutine {
    sleep(secs(360)).map_return(|()| say!("Да не долго я работаю"))
}

/// The first `main`: `try: await wait_for(...) except TimeoutError:`.
fn main_task() -> impl Coroutine {
    wait_for(fast_func(), secs(5)).or_else(except_timeout(|| say!("Какая-то не очень быстрая ...")))
}

/// `send_message(user_id, message)`.
fn send_message(user_id: u32, message: &'static str) -> impl Coroutine {
    lazy(move || {
        say!("Отправка сообщения '{message}' пользователю {user_id}");
        sleep(secs(5)).map_return(move |()| {
            say!("Сообщение '{message}' доставлено пользователю {user_id}");
        })
    })
}

/// `receive_message(user_id)`: the `try` holds the `await` and the print
/// after it.
fn receive_message(user_id: u32) -> impl Coroutine {
    wait_for(send_message(user_id, "Привет!"), secs(3))
        .map_return(|()| say!("Получен ответ: Привет!"))
        .or_else(except_timeout(move || {
            say!("Время ожидания ответа от пользователя {user_id} истекло");
        }))
}

/// `send_important_message()`: would take 7 s.
fn send_important_message() -> impl Coroutine {
    lazy(|| {
        say!("Начало отправки важного сообщения");
        sleep(secs(7))
    })
}

/// The third `main`: its `try` holds the sleep, the cancel, the shielded
/// `wait_for` and the print.
fn shield_main() -> impl Coroutine {
    lazy(|| {
        let task = spawn(send_important_message());
        sleep(secs(5))
            .then(move |()| {
                task.cancel();
                // Здесь используем shield() для гарантированной отправки важного сообщения
                shield(wait_for(task, secs(5)))
            })
            .map_return(|()| say!("Отправлено!"))
            .or_else(except_timeout(|| {
                say!("Время на отправку важного сообщения истекло");
            }))
    })
}

pub(crate) fn run() {
    show_run(Runtime::new().run(main_task()));

    show_run(Runtime::new().run(receive_message(123)));

    show_run(Runtime::new().run(shield_main()));
}
