//! asyncio's synchronisation primitives for tasks: [`Lock`], [`Event`],
//! [`Semaphore`], [`BoundedSemaphore`], [`Condition`], [`Queue`], and
//! [`Promise`] (a bare `asyncio.Future`).
//!
//! # Why tasks need locks at all
//!
//! Tasks on one loop never run at the same time: each runs until its next
//! yield. Code between two yields is therefore atomic, and sharing an
//! `Rc<Cell<_>>` between tasks needs no `Mutex`. But a piece of work that
//! *awaits in the middle* lets the other tasks run there, and they may see
//! or change half-done state. These primitives coordinate tasks across
//! their yields:
//!
//! | asyncio | here | for |
//! |---|---|---|
//! | `asyncio.Lock` | [`Lock`] | one task at a time in a section that awaits |
//! | `asyncio.Event` | [`Event`] | a flag tasks wait for: "ready", "stop" |
//! | `asyncio.Semaphore`, `asyncio.BoundedSemaphore` | [`Semaphore`], [`BoundedSemaphore`] | at most N tasks at once |
//! | `asyncio.Condition` | [`Condition`] | wait, under a lock, until shared state changes |
//! | `asyncio.Queue` | [`Queue`] | hand work from producers to consumers, with back-pressure |
//! | `asyncio.Future()` | [`Promise`] | one result, set by one side, awaited by the other |
//!
//! Each is a handle around shared state: cheap to clone, every clone the
//! same primitive, created anywhere (no running loop needed) and shared by
//! giving each task a clone. They belong to one thread's loop, like the
//! `Rc` they are built on.
//!
//! # A critical section that awaits
//!
//! Three workers each read a counter, let the others run, and write it
//! back plus one. Without the lock all three read 0 and the result is 1;
//! with it, 3. Python's `async with lock:` is an acquire, the block, and a
//! release on every way out of the block, which a hand-written task spells
//! out:
//!
//! ```python
//! async def worker(lock, counter):
//!     async with lock:
//!         value = counter.value
//!         await asyncio.sleep(0)      # the other workers run here
//!         counter.value = value + 1
//! ```
//!
//! ```
//! use std::{cell::Cell, rc::Rc};
//! use resumable::scheduler::{yield_now, Request, Runtime, Sleep, TaskError};
//! use resumable::sync::{Acquire, Lock};
//! use resumable::{yield_from, Generator, GeneratorState::Complete, Outcome, Resume};
//!
//! struct Worker { lock: Lock, counter: Rc<Cell<u32>>, stage: Stage }
//!
//! enum Stage { Acquiring(Acquire), Inside { value: u32, nap: Sleep } }
//!
//! impl Generator for Worker {
//!     type Yield = Request;
//!     type Return = ();
//!     type Error = TaskError;
//!
//!     fn resume(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
//!         loop {
//!             match &mut self.stage {
//!                 Stage::Acquiring(acquire) => {
//!                     yield_from!(acquire, input)?; // async with lock:
//!                     let value = self.counter.get();
//!                     self.stage = Stage::Inside { value, nap: yield_now() };
//!                     input = Resume::Next;
//!                 }
//!                 Stage::Inside { value, nap } => {
//!                     let napped = yield_from!(nap, input);
//!                     if napped.is_ok() {
//!                         self.counter.set(*value + 1);
//!                     }
//!                     self.lock.release(); // the end of `async with`, on every way out
//!                     return napped.map(Complete);
//!                 }
//!             }
//!         }
//!     }
//! }
//!
//! let lock = Lock::new();
//! let counter = Rc::new(Cell::new(0));
//! let mut rt = Runtime::new();
//! for _ in 0..3 {
//!     let stage = Stage::Acquiring(lock.acquire());
//!     rt.spawn(Worker { lock: lock.clone(), counter: Rc::clone(&counter), stage }).detach();
//! }
//! rt.run_until_complete().unwrap();
//! assert_eq!(counter.get(), 3);
//! assert!(!lock.locked());
//! ```
//!
//! Every awaitable here ([`Acquire`], [`EventWait`], [`Get`] …) is a
//! generator yielding [`Request`](crate::scheduler::Request)s, so it can
//! also run as a task on its own: `rt.spawn(lock.acquire())` is a task
//! that takes the lock and ends, holding it. The examples on each type use
//! that to stay short.
//!
//! # How a task waits
//!
//! An awaitable that cannot go on puts its task's
//! [`TaskWaker`](crate::scheduler::TaskWaker) at the end of the
//! primitive's line and yields
//! [`Request::Wait`](crate::scheduler::Request::Wait) on the primitive's
//! [`Blocker`](crate::scheduler::Blocker), its name: `Lock-1`,
//! `Queue-2`. Every primitive is numbered when it is created, per kind, so
//! when every task waits the loop's deadlock report says which lock each
//! one waits for:
//!
//! ```
//! use resumable::{scheduler::{Runtime, RunError}, sync::Lock};
//!
//! let lock = Lock::new();
//! assert!(lock.try_acquire()); // held, and never released
//! let Err(RunError::Deadlock(report)) = Runtime::new().run(lock.acquire()) else {
//!     panic!("the acquire cannot finish");
//! };
//! assert_eq!(report.to_string(), "deadlock: no task can run and no timer is pending\n  Task-1 waits for Lock-1");
//! ```
//!
//! A waiting awaitable may be resumed before its turn (a timeout around
//! it, a cancellation, a combinator polling it); it then checks whether
//! it was served and, if not, yields the same request again, keeping its
//! place in line.
//!
//! # FIFO fairness
//!
//! Each line is first come, first served, with **hand-off**: what a
//! waiter waits for is given to it directly. [`Lock::release`] with
//! waiters does not unlock: the first waiter owns the lock from that
//! moment, and a task that comes along before it runs finds the lock
//! taken. A released [`Semaphore`] permit, an item put into a [`Queue`]
//! with getters waiting, and a slot freed in a full [`Queue`] with putters
//! waiting go the same way. No waiter is overtaken, and none starves.
//! (asyncio's `Queue` only wakes the first getter and lets it try again
//! when it runs: a `get_nowait` in between takes the item, and the getter
//! goes back to the end of the line. Here that cannot happen.)
//!
//! # Cancel safety
//!
//! A task can be cancelled, or timed out, at any of its yields; an error
//! is then thrown into the awaitable it waits in ([`Resume::Throw`](crate::Resume::Throw)),
//! or it is closed ([`Resume::Close`](crate::Resume::Close)) or simply dropped. Every
//! awaitable here then:
//!
//! 1. leaves its primitive's line;
//! 2. if it had **already been served** — handed the lock, a permit, an
//!    item, a notification — passes that on: releases the lock to the next
//!    waiter, gives the item to the next getter or back to the front of the
//!    queue, notifies the next waiter;
//! 3. raises the error (returns it as `Err(Exception::Raised(error))`, or
//!    `Err(Exception::GeneratorExit)` when closed).
//!
//! So a cancelled `acquire` never holds the lock, a dropped task never
//! leaks one it was waiting for, and no queue item is lost or delivered
//! twice. One exception follows asyncio: [`Condition::wait`] takes its lock
//! back before it raises (when closed, only if it can without waiting), so
//! that the code around it, which releases the lock, stays balanced. What a
//! task *holds* it must give back itself, on every way out, as the example
//! above does.
//!
//! # Misuse
//!
//! Where asyncio raises `RuntimeError` or `ValueError` for a bug, these
//! panic with a message saying what went wrong: releasing an unlocked
//! [`Lock`], releasing a [`BoundedSemaphore`] more times than it was
//! acquired, calling [`Queue::task_done`] once too often, waiting on or
//! notifying a [`Condition`] without its lock. Full and empty queues are
//! not bugs: [`Queue::try_put`] hands the item back, [`Queue::try_get`]
//! returns `None`.

mod condition;
mod event;
mod lock;
mod permits;
mod promise;
mod queue;
mod semaphore;
mod waiters;

pub use self::condition::{Condition, ConditionWait, ConditionWaitFor};
pub use self::event::{Event, EventWait};
pub use self::lock::Lock;
pub use self::permits::Acquire;
pub use self::promise::{Promise, PromiseWait};
pub use self::queue::{Get, Put, Queue, QueueJoin};
pub use self::semaphore::{BoundedSemaphore, Semaphore};
