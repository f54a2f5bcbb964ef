//! `asyncio.Condition`: a lock with a waiting room. `wait()` releases the
//! lock and sleeps until `notify_all()`, then takes the lock back, so the
//! woken tasks go on one at a time.
//!
//! ```python
//! from asyncio import Condition
//!
//!
//! async def do_work(condition: Condition):
//!     print("do_work: захватываю блокировку условия...")
//!     async with condition:
//!         print("do_work: Блокировка захвачена, освобождаю и жду выполнения условия...")
//!         await condition.wait()
//!         print("do_work: Условие выполнено, вновь захватываю блокировку и начинаю работать...")
//!         await asyncio.sleep(1)
//!         print("do_work: Работа закончена, блокировка освобождена.")
//!
//!
//! async def fire_event(condition: Condition):
//!     await asyncio.sleep(5)
//!     print("fire_event: захватываю блокировку условия...")
//!     async with condition:
//!         print("fire_event: Блокировка захвачена, уведомляю всех исполнителей")
//!         condition.notify_all()
//!         print("fire_event: Исполнители уведомлены, освобождаю блокировку.")
//!
//!
//! async def main():
//!     condition = Condition()
//!     asyncio.create_task(fire_event(condition))
//!
//!     await asyncio.gather(do_work(condition), do_work(condition))
//!
//!
//! if __name__ == "__main__":
//!     await main()
//! ```
//!
//! The seed prints no output; Python prints:
//!
//! ```text
//! do_work: захватываю блокировку условия...
//! do_work: Блокировка захвачена, освобождаю и жду выполнения условия...
//! do_work: захватываю блокировку условия...
//! do_work: Блокировка захвачена, освобождаю и жду выполнения условия...
//! fire_event: захватываю блокировку условия...
//! fire_event: Блокировка захвачена, уведомляю всех исполнителей
//! fire_event: Исполнители уведомлены, освобождаю блокировку.
//! do_work: Условие выполнено, вновь захватываю блокировку и начинаю работать...
//! do_work: Работа закончена, блокировка освобождена.
//! do_work: Условие выполнено, вновь захватываю блокировку и начинаю работать...
//! do_work: Работа закончена, блокировка освобождена.
//! ```
//!
//! Both workers wait at 0 s; at 5 s `fire_event` notifies them; the first
//! takes the lock back and works a second while the second waits for the
//! lock, then works its own second: the run ends at 7 s, as the tour's `#`
//! line says.
//!
//! `async with condition:` is [`async_with`]`(condition, |()| body)`: the
//! lock in, the block, the lock out on every way out of it.
//! [`Condition::wait`] has the lock again when it returns, and also when it
//! raises. The `print`s between the awaits are
//! [`map_return`](Generator::map_return)s, and the steps follow each other
//! with [`chain`](Generator::chain).

use resumable::scheduler::{async_with, gather, ready, sleep, spawn, Gather, Request, Runtime};
use resumable::scheduler::{Task, TaskError};
use resumable::sync::Condition;
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, secs, show_run, Coroutine, Input, Step, SECOND};
use crate::console::say;

/// `do_work(condition)`.
fn do_work(condition: &Condition) -> impl Coroutine {
    let cond = condition.clone();
    let start = ready(()).map_return(|()| say!("do_work: захватываю блокировку условия..."));
    start.chain(async_with(condition.clone(), move |()| {
        say!("do_work: Блокировка захвачена, освобождаю и жду выполнения условия...");
        let waited = cond.wait().map_return(|()| {
            say!("do_work: Условие выполнено, вновь захватываю блокировку и начинаю работать...");
        });
        let worked = sleep(SECOND);
        waited
            .chain(worked)
            .map_return(|()| say!("do_work: Работа закончена, блокировка освобождена."))
    }))
}

/// `fire_event(condition)`.
fn fire_event(condition: &Condition) -> impl Coroutine {
    let cond = condition.clone();
    let slept =
        sleep(secs(5)).map_return(|()| say!("fire_event: захватываю блокировку условия..."));
    slept.chain(async_with(condition.clone(), move |()| {
        say!("fire_event: Блокировка захвачена, уведомляю всех исполнителей");
        cond.notify_all();
        say!("fire_event: Исполнители уведомлены, освобождаю блокировку.");
        ready(())
    }))
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
                let condition = Condition::new();
                spawn(fire_event(&condition)).detach();
                let workers = [spawn(do_work(&condition)), spawn(do_work(&condition))];
                self.gather.insert(gather(workers))
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
