//! `asyncio.Event`: a flag tasks wait for until another task sets it.
//!
//! ```python
//! async def coro1(event):
//!     print("coro1: Waiting for the event to be set")
//!     await event.wait()  # Ждем, пока событие не будет установлено
//!     print("coro1: Event has been set")
//!
//! async def coro2(event):
//!     await asyncio.sleep(10)  # Подождем 2 секунды
//!     print("coro2: Setting the event")
//!     event.set()  # Устанавливаем событие
//!
//! async def main():
//!     # Создаем объект события
//!     event = asyncio.Event()
//!
//!     # Запускаем два таска
//!     task1 = asyncio.create_task(coro1(event))
//!     task2 = asyncio.create_task(coro2(event))
//!
//!     # Ждем, пока оба таска завершат выполнение
//!     await asyncio.gather(task1, task2)
//!
//! await main()
//! ```
//!
//! The seed prints no output; Python prints:
//!
//! ```text
//! coro1: Waiting for the event to be set
//! coro2: Setting the event
//! coro1: Event has been set
//! ```
//!
//! The second and third lines come ten seconds after the first (the
//! seed's comment says two; the code says ten). On the virtual clock they
//! come at once; the tour adds a `#` line with the clock.

use resumable::generator::{lazy, Generator};
use resumable::scheduler::{gather, sleep, spawn, Runtime};
use resumable::sync::Event;

use crate::asyncio::{say_clock, secs, show_run, Coroutine};
use crate::console::say;

/// `coro1(event)`: waits for the event.
fn coro1(event: Event) -> impl Coroutine {
    lazy(move || {
        say!("coro1: Waiting for the event to be set");
        event.wait()
    })
    .map_return(|()| say!("coro1: Event has been set"))
}

/// `coro2(event)`: sets the event after ten seconds.
fn coro2(event: Event) -> impl Coroutine {
    sleep(secs(10)).map_return(move |()| {
        say!("coro2: Setting the event");
        event.set();
    })
}

/// `main()`.
fn main_task() -> impl Coroutine {
    lazy(|| {
        let event = Event::new();
        let task1 = spawn(coro1(event.clone()));
        let task2 = spawn(coro2(event));
        gather([task1, task2]).map_return(drop)
    })
}

pub(crate) fn run() {
    let mut rt = Runtime::new();
    show_run(rt.run(main_task()));
    say_clock(&rt);
}
