//! asyncio's synchronisation primitives for tasks: [`Lock`], [`Event`],
//! [`Condition`], [`Semaphore`], [`BoundedSemaphore`], and the queues
//! [`Queue`], [`LifoQueue`], [`PriorityQueue`].
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
//! | `asyncio.Condition` | [`Condition`] | wait, under a lock, until shared state changes |
//! | `asyncio.Semaphore`, `asyncio.BoundedSemaphore` | [`Semaphore`], [`BoundedSemaphore`] | at most N tasks at once |
//! | `asyncio.Queue`, `LifoQueue`, `PriorityQueue` | [`Queue`], [`LifoQueue`], [`PriorityQueue`] | hand work from producers to consumers, with back-pressure |
//! | `asyncio.QueueEmpty`, `asyncio.QueueFull` | [`QueueEmpty`], [`QueueFull`] | what `try_get` and `try_put` (`get_nowait`, `put_nowait`) return |
//! | `asyncio.Future()` | [`Promise`] (from [`scheduler`](crate::scheduler)) | one result, set by one side, awaited by the other |
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
//! with it, 3. Python's `async with lock:` is
//! [`async_with`](crate::scheduler::async_with()): an acquire, the block, and
//! a release on every way out of the block:
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
//! use resumable::scheduler::{async_with, yield_now, Runtime};
//! use resumable::sync::Lock;
//! use resumable::Generator;
//!
//! let lock = Lock::new();
//! let counter = Rc::new(Cell::new(0));
//! let worker = |counter: Rc<Cell<u32>>| {
//!     async_with(lock.clone(), move |()| {
//!         let value = counter.get();
//!         yield_now().map_return(move |()| counter.set(value + 1))
//!     })
//! };
//! let mut rt = Runtime::new();
//! for _ in 0..3 {
//!     rt.spawn(worker(Rc::clone(&counter))).detach();
//! }
//! rt.run_all().unwrap();
//! assert_eq!(counter.get(), 3);
//! assert!(!lock.locked());
//! ```
//!
//! The same block by hand is a state machine that awaits
//! [`Lock::acquire`], then the body, and calls [`Lock::release`] on each
//! way out of the body (its return, its error, its cancellation, its
//! close). [`async_with`](crate::scheduler::async_with()) is that machine,
//! written once.
//!
//! Every awaitable here ([`Acquire`], [`EventWait`], [`Get`] …) is a
//! generator yielding [`Request`](crate::scheduler::Request)s, so it can
//! also run as a task of its own: `rt.spawn(lock.acquire())` is a task
//! that takes the lock and ends, holding it. The examples on each type use
//! that to stay short.
//!
//! # How a task waits
//!
//! Exactly as in asyncio: a primitive that cannot serve a task at once
//! makes a [`Promise`] (asyncio's future), puts it at the end of its line,
//! and the task awaits it ([`Request::Await`](crate::scheduler::Request::Await)).
//! To wake a waiter, the primitive sets its promise's result; the task runs
//! in a later turn of the loop, and its awaitable then looks at the
//! primitive again and takes what it waited for.
//!
//! The promise carries the primitive's name, numbered per kind when the
//! primitive is created (`Lock-1`, `Queue-2`), so when every task waits
//! the loop's deadlock report says which lock each one waits for:
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
//! # FIFO fairness, as asyncio has it
//!
//! Each line is first come, first served, and waiters are *woken* in that
//! order; nothing is handed over. Between the wake-up and the moment the
//! woken task runs, the primitive shows what asyncio shows:
//!
//! - [`Lock::release`] unlocks: [`locked`](Lock::locked) is `false` until
//!   the woken waiter runs and takes the lock. A newcomer cannot take it in
//!   between (`acquire` and `try_acquire` take a free lock at once only
//!   when nobody waits).
//! - [`Semaphore::release`] gives the permit to the first waiter at once:
//!   [`value`](Semaphore::value) does not go up, and a newcomer waits.
//! - [`Queue`]: an item put while getters wait stays in the queue
//!   ([`len`](Queue::len) counts it) until the woken getter runs, and
//!   [`try_get`](Queue::try_get) does not look at the line, so another task
//!   can take the item first; the woken getter then finds the queue empty
//!   and queues again, **at the back**. Putters and freed slots likewise.
//! - [`Condition::notify`] wakes the longest waiters; each then queues for
//!   the lock, behind whoever already waits for it.
//! - [`Event::set`] wakes everyone; a woken waiter returns even if the
//!   event is cleared before it runs.
//!
//! # Cancel safety
//!
//! A task can be cancelled at any of its awaits: its promise is cancelled
//! and the awaitable sees [`TaskError::Cancelled`](crate::scheduler::TaskError::Cancelled)
//! thrown in. It can also be closed (the loop lets it go:
//! [`Resume::Close`](crate::Resume::Close), Python's `GeneratorExit`) or
//! its awaitable simply dropped. Every awaitable here then:
//!
//! 1. leaves its primitive's line;
//! 2. if it had been **woken already** and will not use the wake-up, passes
//!    it on: the next lock waiter is woken, the permit goes back and on,
//!    the next getter (if an item is there) or putter (if a slot is free)
//!    is woken;
//! 3. raises the error (returns it as `Err(Exception::Raised(error))`, or
//!    `Err(Exception::GeneratorExit)` when closed).
//!
//! So a cancelled acquire never holds the lock or a permit, no queue item
//! is lost or delivered twice, and nobody is left waiting for what a
//! departed waiter was given. Two exceptions follow asyncio 3.11:
//! [`Condition::wait`] takes its lock back before it raises (closed, only
//! if the lock is free: ask [`ConditionWait::holds_lock`]), and a
//! notification given to a waiter that is then cancelled is not passed on.
//! What a task *holds* it must give back on every way out, which
//! [`async_with`](crate::scheduler::async_with()) does for it.
//!
//! (asyncio passes a wake-up on only for a `CancelledError` in `Lock`,
//! `Semaphore` and `Condition`; its `Queue` does it for every way out.
//! Here every primitive does it for every way out: a coroutine closed after
//! it was woken would otherwise leave a free lock with its next waiter
//! asleep for good, or lose a permit.)
//!
//! # Misuse
//!
//! Where asyncio raises an exception for a bug in a plain method, these
//! panic with asyncio's message: releasing an unlocked [`Lock`] (`Lock is
//! not acquired.`), releasing a [`BoundedSemaphore`] too often
//! (`BoundedSemaphore released too many times`), calling
//! [`Queue::task_done`] once too often (`task_done() called too many
//! times`), notifying a [`Condition`] without its lock (`cannot notify on
//! un-acquired lock`). [`Condition::wait`] without the lock raises
//! `RuntimeError: cannot wait on un-acquired lock` into the task, as
//! asyncio does. Full and empty queues are not bugs: [`Queue::try_put`]
//! hands the item back in [`QueueFull`], [`Queue::try_get`] returns
//! [`QueueEmpty`].

mod locks;
mod queues;
mod waiter;

pub use self::locks::{
    Acquire, BoundedSemaphore, Condition, ConditionWait, ConditionWaitFor, Event, EventWait, Lock,
    Release, Semaphore, SemaphoreAcquire,
};
pub use self::queues::{
    Get, LifoQueue, PriorityQueue, Put, Queue, QueueEmpty, QueueFull, QueueJoin,
};
pub use crate::scheduler::{Promise, PromiseWait};
