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
//! `async with condition:` is [`Condition::acquire`], the block, and
//! [`Condition::release`] on every way out, written out by hand.
//! [`Condition::wait`] has the lock again when it returns, and also when it
//! raises; only a task closed while another holds the lock ends the wait
//! without it, so the block releases it if [`ConditionWait::holds_lock`].

use resumable::scheduler::{gather, sleep, spawn, Gather, Request, Runtime, Sleep, TaskError};
use resumable::sync::{Acquire, Condition, ConditionWait};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{say_clock, secs, show_run, Input, Step, SECOND};
use crate::console::say;

/// How far `do_work` is.
enum Stage {
    Start,
    Acquiring(Acquire),
    Waiting(ConditionWait),
    Working(Sleep),
}

/// `do_work(condition)`.
struct DoWork {
    condition: Condition,
    stage: Stage,
}

fn do_work(condition: &Condition) -> DoWork {
    DoWork {
        condition: condition.clone(),
        stage: Stage::Start,
    }
}

impl Generator for DoWork {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match &mut self.stage {
                Stage::Start => {
                    input.sent()?;
                    say!("do_work: захватываю блокировку условия...");
                    self.stage = Stage::Acquiring(self.condition.acquire());
                }
                Stage::Acquiring(acquire) => {
                    yield_from!(acquire, input)?;
                    say!("do_work: Блокировка захвачена, освобождаю и жду выполнения условия...");
                    self.stage = Stage::Waiting(self.condition.wait());
                }
                Stage::Waiting(wait) => {
                    if let Err(error) = yield_from!(wait, input) {
                        if wait.holds_lock() {
                            self.condition.release(); // the block ends
                        }
                        return Err(error);
                    }
                    say!("do_work: Условие выполнено, вновь захватываю блокировку и начинаю работать...");
                    self.stage = Stage::Working(sleep(SECOND));
                }
                Stage::Working(nap) => {
                    let worked = yield_from!(nap, input);
                    if worked.is_ok() {
                        say!("do_work: Работа закончена, блокировка освобождена.");
                    }
                    self.condition.release(); // the block ends, however it ends
                    return worked.map(Complete);
                }
            }
            input = Resume::Next;
        }
    }
}

/// `fire_event(condition)`: before or after its sleep.
enum FireEvent {
    Sleeping(Condition, Sleep),
    Acquiring(Condition, Acquire),
}

impl Generator for FireEvent {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match self {
                FireEvent::Sleeping(condition, nap) => {
                    yield_from!(nap, input)?;
                    say!("fire_event: захватываю блокировку условия...");
                    let acquire = condition.acquire();
                    *self = FireEvent::Acquiring(condition.clone(), acquire);
                }
                FireEvent::Acquiring(condition, acquire) => {
                    yield_from!(acquire, input)?;
                    say!("fire_event: Блокировка захвачена, уведомляю всех исполнителей");
                    condition.notify_all();
                    say!("fire_event: Исполнители уведомлены, освобождаю блокировку.");
                    condition.release();
                    return Ok(Complete(()));
                }
            }
            input = Resume::Next;
        }
    }
}

/// `main()`.
struct Main {
    gather: Option<Gather<DoWork>>,
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
                spawn(FireEvent::Sleeping(condition.clone(), sleep(secs(5)))).detach();
                self.gather
                    .insert(gather([do_work(&condition), do_work(&condition)]))
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
