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

use resumable::scheduler::{
    gather, sleep, spawn, Gather, Request, Runtime, Sleep, Task, TaskError,
};
use resumable::sync::{Event, EventWait};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, secs, show_run, Input, Step};
use crate::console::say;

/// `coro1(event)`: waits for the event.
struct Coro1 {
    event: Event,
    waiting: Option<EventWait>,
}

impl Generator for Coro1 {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let waiting = match &mut self.waiting {
            Some(waiting) => waiting,
            None => {
                input.sent()?;
                input = Resume::Next;
                say!("coro1: Waiting for the event to be set");
                self.waiting.insert(self.event.wait())
            }
        };
        yield_from!(waiting, input)?;
        say!("coro1: Event has been set");
        Ok(Complete(()))
    }
}

/// `coro2(event)`: sets the event after ten seconds.
struct Coro2 {
    event: Event,
    nap: Sleep,
}

impl Generator for Coro2 {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        yield_from!(self.nap, input)?;
        say!("coro2: Setting the event");
        self.event.set();
        Ok(Complete(()))
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
                let event = Event::new();
                let task1 = spawn(Coro1 {
                    event: event.clone(),
                    waiting: None,
                });
                let task2 = spawn(Coro2 {
                    event,
                    nap: sleep(secs(10)),
                });
                self.gather.insert(gather([task1, task2]))
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
