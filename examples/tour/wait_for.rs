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

use resumable::scheduler::{
    shield, sleep, spawn, wait_for, Request, Runtime, Shield, Sleep, Task, TaskError, WaitFor,
};
use resumable::{yield_from, Exception, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{secs, show_run, Input, Step};
use crate::console::say;

/// `fast_func()`, which is not fast.
struct FastFunc {
    nap: Sleep,
}

impl Generator for FastFunc {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        yield_from!(self.nap, input)?;
        say!("Да не долго я работаю");
        Ok(Complete(()))
    }
}

/// The first `main`: `try: await wait_for(...) except TimeoutError:`.
struct Main {
    waiting: WaitFor<FastFunc>,
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        match yield_from!(self.waiting, input) {
            Ok(()) => {}
            Err(Exception::Raised(TaskError::TimedOut)) => say!("Какая-то не очень быстрая ..."),
            Err(other) => return Err(other),
        }
        Ok(Complete(()))
    }
}

/// `send_message(user_id, message)`.
struct SendMessage {
    user_id: u32,
    message: &'static str,
    nap: Option<Sleep>,
}

impl Generator for SendMessage {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let SendMessage {
            user_id, message, ..
        } = *self;
        let nap = match &mut self.nap {
            Some(nap) => nap,
            None => {
                input.sent()?;
                input = Resume::Next;
                say!("Отправка сообщения '{message}' пользователю {user_id}");
                self.nap.insert(sleep(secs(5)))
            }
        };
        yield_from!(nap, input)?;
        say!("Сообщение '{message}' доставлено пользователю {user_id}");
        Ok(Complete(()))
    }
}

/// `receive_message(user_id)`.
struct ReceiveMessage {
    user_id: u32,
    waiting: WaitFor<SendMessage>,
}

fn receive_message(user_id: u32) -> ReceiveMessage {
    let send = SendMessage {
        user_id,
        message: "Привет!",
        nap: None,
    };
    ReceiveMessage {
        user_id,
        waiting: wait_for(send, secs(3)),
    }
}

impl Generator for ReceiveMessage {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        match yield_from!(self.waiting, input) {
            Ok(()) => say!("Получен ответ: Привет!"),
            Err(Exception::Raised(TaskError::TimedOut)) => {
                say!(
                    "Время ожидания ответа от пользователя {} истекло",
                    self.user_id
                );
            }
            Err(other) => return Err(other),
        }
        Ok(Complete(()))
    }
}

/// `send_important_message()`: would take 7 s.
struct SendImportantMessage {
    nap: Option<Sleep>,
}

impl Generator for SendImportantMessage {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let nap = match &mut self.nap {
            Some(nap) => nap,
            None => {
                input.sent()?;
                input = Resume::Next;
                say!("Начало отправки важного сообщения");
                self.nap.insert(sleep(secs(7)))
            }
        };
        yield_from!(nap, input)?;
        Ok(Complete(()))
    }
}

/// The third `main`: where it is inside its `try`.
enum ShieldMain {
    Start,
    Sleeping { task: Task<()>, nap: Sleep },
    Shielded(Shield<WaitFor<Task<()>>>),
}

impl Generator for ShieldMain {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match self {
                ShieldMain::Start => {
                    input.sent()?;
                    let task = spawn(SendImportantMessage { nap: None });
                    *self = ShieldMain::Sleeping {
                        task,
                        nap: sleep(secs(5)),
                    };
                }
                // try:
                ShieldMain::Sleeping { task, nap } => {
                    if let Err(error) = yield_from!(nap, input) {
                        return except_timeout(error);
                    }
                    task.cancel();
                    *self = ShieldMain::Shielded(shield(wait_for(task.clone(), secs(5))));
                }
                ShieldMain::Shielded(shielded) => {
                    return match yield_from!(shielded, input) {
                        Ok(()) => {
                            say!("Отправлено!");
                            Ok(Complete(()))
                        }
                        Err(error) => except_timeout(error),
                    };
                }
            }
            input = Resume::Next;
        }
    }
}

/// The third `main`'s `except asyncio.TimeoutError:`; anything else goes on
/// up.
fn except_timeout(error: Exception<TaskError>) -> Step {
    match error {
        Exception::Raised(TaskError::TimedOut) => {
            say!("Время на отправку важного сообщения истекло");
            Ok(Complete(()))
        }
        other => Err(other),
    }
}

pub(crate) fn run() {
    let fast_func = FastFunc {
        nap: sleep(secs(360)),
    };
    show_run(Runtime::new().run(Main {
        waiting: wait_for(fast_func, secs(5)),
    }));

    show_run(Runtime::new().run(receive_message(123)));

    show_run(Runtime::new().run(ShieldMain::Start));
}
