//! The cost of the scheduler: a switch (a task yields, the loop resumes the
//! next one) against a hand-written round robin of the same state machines
//! and against tokio, and the memory a sleeping task takes.
//!
//! `cargo bench --bench scheduler` times the switches and then measures the
//! memory of 1 000 000 sleeping tasks; `-- --instructions` counts
//! instructions per switch with callgrind; `-- --memory` measures memory
//! only. The `callbacks` group measures the loop's callback path: a chain
//! of `call_soon`s, and a task awaiting a future a callback completes. The
//! `awaits-*` groups measure each primitive (`sleep`, `Lock::acquire`,
//! `Queue::get`, `Event::wait`, `Task::join`, `spawn` + `join`) awaited as
//! users write it, with `yield_from!` in a task's own `resume`, beside the
//! cheapest bare equivalent; one item is one await (`-- awaits` selects
//! them). See docs/performance.md.
//!
//! An item is one switch: the `n` switches of a run are spread over a fixed
//! number of tasks (10, 1 000 or 100 000), each yielding about `n / tasks`
//! times. Spawning the tasks and collecting their results are left out of
//! the time ([`harness::untimed`]); in the instruction counts they cancel
//! out, because a run on `2n` items spawns as many tasks as one on `n`.
//! What is left in the time besides switches is each task's last resume
//! (the one that returns), one per `n / tasks` switches: runs of 100 ms
//! keep that under 3 % even with 100 000 tasks.

mod harness;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use harness::{untimed, Case, Group, Timing};
use std::cell::Cell;
use std::rc::Rc;

use resumable::scheduler::{
    get_running_loop, sleep, spawn, yield_now, EventLoop, Promise, PromiseWait, Request, Runtime,
    Sleep, Task, TaskError, YieldNow,
};
use resumable::sync::{Event, Lock, Queue};
use resumable::{Generator, GeneratorState, Outcome, Resume};
use stats_alloc::{StatsAlloc, INSTRUMENTED_SYSTEM};

/// Counts the bytes the program holds, for the memory measurement. The crate
/// forbids `unsafe`, so the wrapper comes from `stats_alloc`; it costs two
/// atomic additions per allocation, which setup and teardown pay (the timed
/// loops free no task and allocate only when a `Vec` grows).
#[global_allocator]
static ALLOCATOR: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

// ---------------------------------------------------------------- switches

/// How a run's `n` switches are spread over at most `tasks` tasks: task `i`
/// yields `per_task` times, one more if `i < extra`.
#[derive(Clone, Copy)]
struct Plan {
    tasks: u64,
    per_task: u64,
    extra: u64,
}

impl Plan {
    fn new(n: u64, tasks: u64) -> Self {
        let tasks = tasks.min(n).max(1);
        Plan {
            tasks,
            per_task: n / tasks,
            extra: n % tasks,
        }
    }

    /// The state machines, in spawn order.
    fn countdowns(self) -> impl Iterator<Item = Countdown> {
        (0..self.tasks).map(move |i| Countdown {
            left: self.per_task + u64::from(i < self.extra),
            done: 0,
            weight: i + 1,
        })
    }
}

/// The task: `for _ in range(k): await asyncio.sleep(0)`, returning the
/// number of switches times its weight (so the checksum sees every task).
struct Countdown {
    left: u64,
    done: u64,
    weight: u64,
}

impl Countdown {
    /// The hand-written interface: one step, `true` while not finished.
    #[inline]
    fn advance(&mut self) -> bool {
        if self.left == 0 {
            return false;
        }
        self.left -= 1;
        self.done += 1;
        true
    }

    fn result(&self) -> u64 {
        self.done * self.weight
    }
}

impl Generator for Countdown {
    type Yield = Request;
    type Return = u64;
    type Error = TaskError;

    #[inline]
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, u64, TaskError> {
        input.sent()?;
        Ok(if self.advance() {
            GeneratorState::Yielded(Request::Yield)
        } else {
            GeneratorState::Complete(self.result())
        })
    }
}

/// The same task as the docs and the tour write it: each
/// `await asyncio.sleep(0)` is `yield_from!` on a [`yield_now`].
struct Documented {
    count: Countdown,
    nap: Option<YieldNow>,
}

impl Generator for Documented {
    type Yield = Request;
    type Return = u64;
    type Error = TaskError;

    fn resume(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, u64, TaskError> {
        loop {
            match &mut self.nap {
                Some(nap) => {
                    resumable::yield_from!(nap, input)?; // await asyncio.sleep(0)
                    self.nap = None;
                }
                None => {
                    input.sent()?;
                }
            }
            if !self.count.advance() {
                return Ok(GeneratorState::Complete(self.count.result()));
            }
            self.nap = Some(yield_now());
            input = Resume::Next;
        }
    }
}

/// The hand-written lower bound: a round robin of boxed one-method machines.
trait Step {
    fn step(&mut self) -> bool;
    fn result(&self) -> u64;
}

impl Step for Countdown {
    fn step(&mut self) -> bool {
        self.advance()
    }

    fn result(&self) -> u64 {
        Countdown::result(self)
    }
}

/// Our runtime, with the tasks as the docs write them.
fn ours_documented<const TASKS: u64>(n: u64) -> u64 {
    run_countdowns::<TASKS, _>(n, |count| Documented { count, nap: None })
}

/// Our runtime: the tasks are spawned, then `run_all` switches.
fn ours<const TASKS: u64>(n: u64) -> u64 {
    run_countdowns::<TASKS, _>(n, |countdown| countdown)
}

/// Spawns the plan's countdowns, each made a task by `task`, runs them all,
/// and sums their results; only `run_all` is measured.
fn run_countdowns<const TASKS: u64, G>(n: u64, task: impl Fn(Countdown) -> G) -> u64
where
    G: Generator<Yield = Request, Return = u64, Error = TaskError> + 'static,
{
    let (mut rt, tasks) = untimed(|| {
        let mut rt = Runtime::new();
        let tasks: Vec<Task<u64>> = Plan::new(n, TASKS)
            .countdowns()
            .map(|count| rt.spawn(task(count)))
            .collect();
        (rt, tasks)
    });
    rt.run_all().expect("yielding tasks never deadlock");
    untimed(move || {
        let total = tasks
            .iter()
            .map(|task| task.result().expect("finished").expect("no error"))
            .sum();
        drop(rt);
        total
    })
}

/// `VecDeque<Box<dyn Step>>`: pop a task, step it, push it back.
fn hand_written<const TASKS: u64>(n: u64) -> u64 {
    let (mut queue, mut finished) = untimed(|| {
        let queue: VecDeque<Box<dyn Step>> = Plan::new(n, TASKS)
            .countdowns()
            .map(|countdown| Box::new(countdown) as Box<dyn Step>)
            .collect();
        let finished: Vec<Box<dyn Step>> = Vec::with_capacity(queue.len());
        (queue, finished)
    });
    while let Some(mut task) = queue.pop_front() {
        if task.step() {
            queue.push_back(task);
        } else {
            finished.push(task);
        }
    }
    untimed(move || {
        let total = finished.iter().map(|task| task.result()).sum();
        drop((queue, finished));
        total
    })
}

/// Tasks of the tokio run still going; the last one to finish notifies.
static RUNNING: AtomicU64 = AtomicU64::new(0);
static ALL_FINISHED: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// tokio's current-thread runtime: `tokio::task::yield_now().await` K times.
fn tokio_peer<const TASKS: u64>(n: u64) -> u64 {
    let (rt, handles) = untimed(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a tokio runtime");
        let plan = Plan::new(n, TASKS);
        RUNNING.store(plan.tasks, Ordering::Relaxed);
        let handles: Vec<_> = plan
            .countdowns()
            .map(|countdown| {
                rt.spawn(async move {
                    for _ in 0..countdown.left {
                        tokio::task::yield_now().await;
                    }
                    if RUNNING.fetch_sub(1, Ordering::Relaxed) == 1 {
                        ALL_FINISHED.notify_one();
                    }
                    countdown.left * countdown.weight
                })
            })
            .collect();
        (rt, handles)
    });
    rt.block_on(ALL_FINISHED.notified());
    untimed(move || {
        let total = rt.block_on(async {
            let mut total = 0;
            for handle in handles {
                total += handle.await.expect("the task finished");
            }
            total
        });
        drop(rt);
        total
    })
}

fn switch_group<const TASKS: u64>(name: &'static str, cases: [&'static str; 4]) -> Group {
    Group {
        name,
        cases: vec![
            Case {
                name: cases[0],
                run: ours::<TASKS>,
            },
            Case {
                name: cases[1],
                run: ours_documented::<TASKS>,
            },
            Case {
                name: cases[2],
                run: hand_written::<TASKS>,
            },
            Case {
                name: cases[3],
                run: tokio_peer::<TASKS>,
            },
        ],
    }
}

// --------------------------------------------------------------- callbacks

/// `loop.call_soon(f)` where `f` schedules the next one: the loop's
/// callback path without a task.
fn call_soon_chain(n: u64) -> u64 {
    fn next(lp: EventLoop, left: Rc<Cell<u64>>) {
        if left.get() == 0 {
            return;
        }
        left.set(left.get() - 1);
        let again = lp.clone();
        lp.call_soon(move || next(again, left));
    }
    let mut rt = untimed(Runtime::new);
    let left = Rc::new(Cell::new(n));
    next(rt.event_loop(), Rc::clone(&left));
    rt.run_all().expect("callbacks never deadlock");
    untimed(move || {
        drop(rt);
        n - left.get()
    })
}

/// `fut = loop.create_future(); loop.call_soon(fut.set_result, 1); await
/// fut`, n times: a future awaited by a task, completed by a callback.
struct AwaitPromises {
    left: u64,
    got: u64,
    waiting: Option<PromiseWait<u64>>,
}

impl Generator for AwaitPromises {
    type Yield = Request;
    type Return = u64;
    type Error = TaskError;

    fn resume(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, u64, TaskError> {
        if self.waiting.is_none() {
            input.sent()?;
            input = Resume::Next;
        }
        loop {
            if let Some(waiting) = &mut self.waiting {
                self.got += resumable::yield_from!(waiting, input)?;
                self.waiting = None;
                input = Resume::Next;
            }
            if self.left == 0 {
                return Ok(GeneratorState::Complete(self.got));
            }
            self.left -= 1;
            let promise = Promise::new();
            let setter = promise.clone();
            get_running_loop().call_soon(move || {
                let _ = setter.set_result(1);
            });
            self.waiting = Some(promise.wait());
        }
    }
}

fn await_promises(n: u64) -> u64 {
    let (mut rt, task) = untimed(|| {
        let mut rt = Runtime::new();
        let task = rt.spawn(AwaitPromises {
            left: n,
            got: 0,
            waiting: None,
        });
        (rt, task)
    });
    rt.run_all().expect("the task ends");
    untimed(move || {
        let got = task.result().expect("done").expect("no error");
        drop(rt);
        got
    })
}

/// The same count of bare yields, one task: the switch the other two are
/// measured against.
fn one_task_yields(n: u64) -> u64 {
    ours::<1>(n)
}

/// The callback path, and the switch of one task alone (where each turn
/// is one step, so the turn's own cost shows). docs/performance.md puts it
/// beside CPython running the same programs:
///
/// ```python
/// def call_soon_chain(n):            # per callback
///     loop = asyncio.new_event_loop(); left = [n]
///     def step():
///         if left[0] == 0: loop.stop(); return
///         left[0] -= 1; loop.call_soon(step)
///     loop.call_soon(step); loop.run_forever()
///
/// async def await_promises(n):       # per round
///     loop = asyncio.get_running_loop()
///     for _ in range(n):
///         fut = loop.create_future()
///         loop.call_soon(fut.set_result, 1)
///         await fut
///
/// async def yielder(k):              # per switch, 1 000 of them at once
///     for _ in range(k): await asyncio.sleep(0)
/// ```
fn callback_group() -> Group {
    Group {
        name: "callbacks",
        cases: vec![
            Case {
                name: "resumable task yielding (bare), 1 task",
                run: one_task_yields,
            },
            Case {
                name: "resumable call_soon chain",
                run: call_soon_chain,
            },
            Case {
                name: "resumable task awaiting a Promise set by call_soon",
                run: await_promises,
            },
        ],
    }
}

// ------------------------------------------------------------------ awaits

/// `for _ in range(n): total += done(await make())`, written as the docs
/// and the tour write a task: the awaitable kept in an `Option` field and
/// awaited with `yield_from!` inside the task's own `resume`. `make` is
/// what comes before the await (it may `try_put`, or `spawn`), `done` what
/// comes after (it may `release`); both are inlined, as code written in
/// place would be.
struct AwaitEach<A, M, D> {
    left: u64,
    total: u64,
    make: M,
    done: D,
    awaiting: Option<A>,
}

impl<A, M, D> AwaitEach<A, M, D> {
    fn new(n: u64, make: M, done: D) -> Self {
        AwaitEach {
            left: n,
            total: 0,
            make,
            done,
            awaiting: None,
        }
    }
}

impl<A, M, D> Generator for AwaitEach<A, M, D>
where
    A: Generator<Yield = Request, Error = TaskError>,
    M: FnMut() -> A,
    D: FnMut(A::Return) -> u64,
{
    type Yield = Request;
    type Return = u64;
    type Error = TaskError;

    fn resume(&mut self, mut input: Resume<(), TaskError>) -> Outcome<Request, u64, TaskError> {
        loop {
            match &mut self.awaiting {
                Some(awaitable) => {
                    let value = resumable::yield_from!(awaitable, input)?; // await
                    self.awaiting = None;
                    self.total += (self.done)(value);
                }
                None => {
                    input.sent()?;
                }
            }
            if self.left == 0 {
                return Ok(GeneratorState::Complete(self.total));
            }
            self.left -= 1;
            self.awaiting = Some((self.make)());
            input = Resume::Next;
        }
    }
}

/// The bare equivalent of a wait that is over at once: the task's first
/// resume makes all `n` non-blocking calls (`try_acquire`, `try_get`,
/// `is_set`, `result` …) and returns.
struct AllAtOnce<F>(Option<F>);

impl<F: FnOnce() -> u64> Generator for AllAtOnce<F> {
    type Yield = Request;
    type Return = u64;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, u64, TaskError> {
        input.sent()?;
        let work = self.0.take().expect("resumed once");
        Ok(GeneratorState::Complete(work()))
    }
}

/// A task that returns 1 at once: `async def one(): return 1`.
struct One;

impl Generator for One {
    type Yield = Request;
    type Return = u64;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, u64, TaskError> {
        input.sent()?;
        Ok(GeneratorState::Complete(1))
    }
}

/// Runs one task built (untimed) by `task` on a fresh runtime, prepared
/// (untimed) by `prepare`, and returns its result.
fn run_one<G>(prepare: impl FnOnce(&mut Runtime), task: impl FnOnce() -> G) -> u64
where
    G: Generator<Yield = Request, Return = u64, Error = TaskError> + 'static,
{
    let (mut rt, task) = untimed(|| {
        let mut rt = Runtime::new();
        prepare(&mut rt);
        let task = rt.spawn(task());
        (rt, task)
    });
    rt.run_all().expect("the task ends");
    untimed(move || {
        let total = task.result().expect("done").expect("no error");
        drop(rt);
        total
    })
}

const NAP: Duration = Duration::from_millis(1);

/// The bare sleep: the task yields `Request::Sleep(1 ms)` itself, `n`
/// times, on the virtual clock.
struct BareSleeps {
    left: u64,
    slept: u64,
}

impl Generator for BareSleeps {
    type Yield = Request;
    type Return = u64;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, u64, TaskError> {
        input.sent()?;
        if self.left == 0 {
            return Ok(GeneratorState::Complete(self.slept));
        }
        self.left -= 1;
        self.slept += 1;
        Ok(GeneratorState::Yielded(Request::Sleep(NAP)))
    }
}

fn sleep_bare(n: u64) -> u64 {
    run_one(|_| {}, || BareSleeps { left: n, slept: 0 })
}

/// `await asyncio.sleep(0.001)`, n times.
fn sleep_awaited(n: u64) -> u64 {
    run_one(|_| {}, || AwaitEach::new(n, || sleep(NAP), |()| 1))
}

fn lock_bare(n: u64) -> u64 {
    let lock = Lock::new();
    run_one(
        |_| {},
        || {
            AllAtOnce(Some(move || {
                let mut total = 0;
                for _ in 0..n {
                    total += u64::from(lock.try_acquire());
                    lock.release();
                }
                total
            }))
        },
    )
}

/// `await lock.acquire(); lock.release()`, n times, nobody else waiting.
fn lock_awaited(n: u64) -> u64 {
    let lock = Lock::new();
    let other = lock.clone();
    run_one(
        |_| {},
        || {
            AwaitEach::new(
                n,
                move || lock.acquire(),
                move |()| {
                    other.release();
                    1
                },
            )
        },
    )
}

fn queue_bare(n: u64) -> u64 {
    let queue = Queue::new(0);
    run_one(
        |_| {},
        || {
            AllAtOnce(Some(move || {
                let mut total = 0;
                for _ in 0..n {
                    queue.try_put(1).expect("unbounded");
                    total += queue.try_get().expect("just put");
                }
                total
            }))
        },
    )
}

/// `queue.put_nowait(1); total += await queue.get()`, n times.
fn queue_awaited(n: u64) -> u64 {
    let queue = Queue::new(0);
    run_one(
        |_| {},
        || {
            AwaitEach::new(
                n,
                move || {
                    queue.try_put(1).expect("unbounded");
                    queue.get()
                },
                |item| item,
            )
        },
    )
}

fn event_bare(n: u64) -> u64 {
    let event = Event::new();
    event.set();
    run_one(
        |_| {},
        || {
            AllAtOnce(Some(move || {
                (0..n).map(|_| u64::from(event.is_set())).sum()
            }))
        },
    )
}

/// `await event.wait()` on a set event, n times.
fn event_awaited(n: u64) -> u64 {
    let event = Event::new();
    event.set();
    run_one(|_| {}, || AwaitEach::new(n, move || event.wait(), |()| 1))
}

/// A task of the runtime that has finished, returning 1.
fn finished_task(rt: &mut Runtime) -> Task<u64> {
    let task = rt.spawn(One);
    rt.run_all().expect("the task ends");
    task
}

fn join_bare(n: u64) -> u64 {
    let finished = std::cell::OnceCell::new();
    run_one(
        |rt| {
            finished.set(finished_task(rt)).ok();
        },
        || {
            let task = finished.get().expect("prepared").clone();
            AllAtOnce(Some(move || {
                (0..n)
                    .map(|_| task.result().expect("finished").expect("no error"))
                    .sum()
            }))
        },
    )
}

/// `total += await task` on a task that has finished, n times.
fn join_awaited(n: u64) -> u64 {
    let finished = std::cell::OnceCell::new();
    run_one(
        |rt| {
            finished.set(finished_task(rt)).ok();
        },
        || {
            let task = finished.get().expect("prepared").clone();
            AwaitEach::new(n, move || task.join(), |one| one)
        },
    )
}

/// `total += await asyncio.create_task(one())`, n times: the child runs in
/// the next turn, and its end wakes the parent through the callback path.
fn spawn_join_awaited(n: u64) -> u64 {
    run_one(
        |_| {},
        || AwaitEach::new(n, || spawn(One).join(), |one| one),
    )
}

/// The bare equivalent: spawn the child, yield once (the child runs in
/// between), read its result.
struct SpawnYieldRead {
    left: u64,
    total: u64,
    child: Option<Task<u64>>,
}

impl Generator for SpawnYieldRead {
    type Yield = Request;
    type Return = u64;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, u64, TaskError> {
        input.sent()?;
        if let Some(child) = self.child.take() {
            self.total += child.result().expect("ran in between").expect("no error");
        }
        if self.left == 0 {
            return Ok(GeneratorState::Complete(self.total));
        }
        self.left -= 1;
        self.child = Some(spawn(One));
        Ok(GeneratorState::Yielded(Request::Yield))
    }
}

fn spawn_yield_read(n: u64) -> u64 {
    run_one(
        |_| {},
        || SpawnYieldRead {
            left: n,
            total: 0,
            child: None,
        },
    )
}

/// tokio's current-thread runtime: `total += tokio::spawn(async { 1
/// }).await.unwrap()`, n times, in `block_on` (what `#[tokio::main]` does).
fn tokio_spawn_join(n: u64) -> u64 {
    let rt = untimed(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a tokio runtime")
    });
    let total = rt.block_on(async {
        let mut total = 0;
        for _ in 0..n {
            total += tokio::spawn(async { 1 }).await.expect("the task finished");
        }
        total
    });
    untimed(move || drop(rt));
    total
}

/// One item is one await. Each group puts the awaited primitive, as a task
/// written like the docs' awaits it, next to the cheapest bare equivalent
/// (its first case):
///
/// ```python
/// async def sleeps(n):               # the timer path, virtual clock
///     for _ in range(n): await asyncio.sleep(0.001)
/// async def locks(n, lock):          # uncontended
///     for _ in range(n): await lock.acquire(); lock.release()
/// async def gets(n, queue):          # an item ready
///     for _ in range(n): queue.put_nowait(1); await queue.get()
/// async def waits(n, event):         # already set
///     for _ in range(n): await event.wait()
/// async def joins(n, task):          # already finished
///     for _ in range(n): await task
/// async def spawns(n):               # the callback path
///     for _ in range(n): await asyncio.create_task(one())
/// ```
fn await_groups() -> Vec<Group> {
    vec![
        Group {
            name: "awaits-sleep",
            cases: vec![
                Case {
                    name: "sleep: bare Request::Sleep(1 ms)",
                    run: sleep_bare,
                },
                Case {
                    name: "sleep: yield_from!(sleep(1 ms))",
                    run: sleep_awaited,
                },
            ],
        },
        Group {
            name: "awaits-lock",
            cases: vec![
                Case {
                    name: "lock: bare try_acquire + release",
                    run: lock_bare,
                },
                Case {
                    name: "lock: yield_from!(lock.acquire()) + release",
                    run: lock_awaited,
                },
            ],
        },
        Group {
            name: "awaits-queue",
            cases: vec![
                Case {
                    name: "queue: bare try_put + try_get",
                    run: queue_bare,
                },
                Case {
                    name: "queue: try_put + yield_from!(queue.get())",
                    run: queue_awaited,
                },
            ],
        },
        Group {
            name: "awaits-event",
            cases: vec![
                Case {
                    name: "event: bare is_set",
                    run: event_bare,
                },
                Case {
                    name: "event: yield_from!(event.wait()), set",
                    run: event_awaited,
                },
            ],
        },
        Group {
            name: "awaits-join",
            cases: vec![
                Case {
                    name: "join: bare task.result(), finished",
                    run: join_bare,
                },
                Case {
                    name: "join: yield_from!(task.join()), finished",
                    run: join_awaited,
                },
            ],
        },
        Group {
            name: "awaits-spawn",
            cases: vec![
                Case {
                    name: "spawn: bare spawn + Request::Yield + result()",
                    run: spawn_yield_read,
                },
                Case {
                    name: "spawn: yield_from!(spawn(one).join())",
                    run: spawn_join_awaited,
                },
                Case {
                    name: "spawn: awaiting a Promise set by call_soon (callbacks group)",
                    run: await_promises,
                },
                Case {
                    name: "spawn: tokio::spawn + JoinHandle.await, current_thread",
                    run: tokio_spawn_join,
                },
            ],
        },
    ]
}

// ------------------------------------------------------------------ memory

const MEMORY_TASKS: usize = 1_000_000;

/// What the program holds: bytes asked of the allocator, and the resident
/// set the kernel counts (which adds malloc's own headers and rounding).
#[derive(Clone, Copy)]
struct Usage {
    counted: i128,
    resident: i128,
}

impl Usage {
    fn now() -> Self {
        let stats = ALLOCATOR.stats();
        Usage {
            counted: stats.bytes_allocated as i128 - stats.bytes_deallocated as i128,
            resident: resident_bytes(),
        }
    }
}

/// `VmRSS` of /proc/self/status, or 0 where there is none.
fn resident_bytes() -> i128 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().strip_suffix("kB"))
        .and_then(|kib| kib.trim().parse::<i128>().ok())
        .map_or(0, |kib| kib * 1024)
}

/// The memory of `tasks` parked tasks, per task.
struct Footprint {
    /// `size_of` the task's own state: the generator, or the future.
    state: usize,
    /// Bytes asked of the allocator per task, everything included.
    counted: f64,
    /// Resident set per task.
    resident: f64,
}

impl Footprint {
    fn between(before: Usage, after: Usage, tasks: usize, state: usize) -> Self {
        Footprint {
            state,
            counted: (after.counted - before.counted) as f64 / tasks as f64,
            resident: (after.resident - before.resident) as f64 / tasks as f64,
        }
    }
}

/// `tasks` tasks of ours, each `await asyncio.sleep(1)`, all parked on
/// their timers.
fn resumable_sleepers(tasks: usize) -> Footprint {
    let mut rt = Runtime::new();
    let before = Usage::now();
    for _ in 0..tasks {
        rt.spawn(sleep(Duration::from_secs(1))).detach();
    }
    assert_eq!(rt.run_until_idle(), tasks, "every task ran once");
    let after = Usage::now();
    assert_eq!(rt.tasks(), tasks, "every task is parked");
    assert!(rt.advance() && rt.time() == Duration::from_secs(1));
    Footprint::between(before, after, tasks, std::mem::size_of::<Sleep>())
}

/// Tasks of the tokio measurement that have started their sleep.
static SLEEPING: AtomicUsize = AtomicUsize::new(0);

/// tokio's clock cannot be paused without its `test-util` feature, so its
/// tasks sleep an hour, to be sure none wakes before the measurement. The
/// duration does not change the size of anything.
async fn tokio_sleeper() {
    SLEEPING.fetch_add(1, Ordering::Relaxed);
    tokio::time::sleep(Duration::from_secs(3600)).await;
}

fn tokio_sleepers(tasks: usize) -> Footprint {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a tokio runtime");
    // Whatever the runtime sets up at its first run is not the tasks' cost.
    rt.block_on(tokio::task::yield_now());
    SLEEPING.store(0, Ordering::Relaxed);
    let before = Usage::now();
    for _ in 0..tasks {
        drop(rt.spawn(tokio_sleeper()));
    }
    rt.block_on(async {
        while SLEEPING.load(Ordering::Relaxed) < tasks {
            tokio::task::yield_now().await;
        }
    });
    let after = Usage::now();
    assert_eq!(rt.metrics().num_alive_tasks(), tasks, "none woke");
    Footprint::between(
        before,
        after,
        tasks,
        std::mem::size_of_val(&tokio_sleeper()),
    )
}

const PEERS: [(&str, fn(usize) -> Footprint); 2] = [
    ("resumable Runtime", resumable_sleepers),
    ("tokio current_thread", tokio_sleepers),
];

/// The table, each measurement in a fresh process so that nothing freed
/// before it hides in malloc's free lists.
fn memory_report() {
    let exe = std::env::current_exe().expect("the bench binary's path");
    println!();
    println!("| runtime | tasks | task state (size_of) | bytes/task (allocator) | overhead/task | RSS bytes/task | RSS total |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, _) in PEERS {
        let output = std::process::Command::new(&exe)
            .args(["--memory-of", name, &MEMORY_TASKS.to_string()])
            .output()
            .expect("the bench binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "memory of {name} failed:\n{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let numbers: Vec<f64> = stdout
            .split_whitespace()
            .map(|word| word.parse().expect("a number"))
            .collect();
        let [state, counted, resident] = numbers[..] else {
            panic!("three numbers expected, got {stdout}");
        };
        println!(
            "| {name} | {MEMORY_TASKS} | {state} | {counted:.1} | {:.1} | {resident:.1} | {:.1} MiB |",
            counted - state,
            resident * MEMORY_TASKS as f64 / (1024.0 * 1024.0),
        );
    }
}

/// Under `cargo test`: both measurements work, on a few tasks.
fn memory_check() {
    for (name, measure) in PEERS {
        let footprint = measure(1000);
        assert!(
            footprint.counted >= footprint.state as f64 && footprint.counted < 4096.0,
            "{name}: {} bytes per task of {} state",
            footprint.counted,
            footprint.state
        );
    }
    println!("bench group memory ok (both measured)");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|arg| arg == name);
    if let Some(at) = args.iter().position(|arg| arg == "--memory-of") {
        let (name, tasks) = (&args[at + 1], args[at + 2].parse().expect("a count"));
        let (_, measure) = PEERS
            .iter()
            .find(|(peer, _)| peer == name)
            .expect("a runtime");
        let footprint = measure(tasks);
        println!(
            "{} {} {}",
            footprint.state, footprint.counted, footprint.resident
        );
        return;
    }
    if flag("--memory") {
        memory_report();
        return;
    }
    let timing = Timing {
        rounds: 31,
        target: Duration::from_millis(100),
    };
    harness::main_with(
        vec![
            switch_group::<10>(
                "switch-10-tasks",
                [
                    "resumable Runtime, bare Request::Yield, 10 tasks",
                    "resumable Runtime, documented yield_from!(yield_now()), 10 tasks",
                    "hand-written VecDeque<Box<dyn Step>>, 10 tasks",
                    "tokio current_thread, 10 tasks",
                ],
            ),
            switch_group::<1000>(
                "switch-1000-tasks",
                [
                    "resumable Runtime, bare Request::Yield, 1000 tasks",
                    "resumable Runtime, documented yield_from!(yield_now()), 1000 tasks",
                    "hand-written VecDeque<Box<dyn Step>>, 1000 tasks",
                    "tokio current_thread, 1000 tasks",
                ],
            ),
            switch_group::<100_000>(
                "switch-100000-tasks",
                [
                    "resumable Runtime, bare Request::Yield, 100000 tasks",
                    "resumable Runtime, documented yield_from!(yield_now()), 100000 tasks",
                    "hand-written VecDeque<Box<dyn Step>>, 100000 tasks",
                    "tokio current_thread, 100000 tasks",
                ],
            ),
            callback_group(),
        ]
        .into_iter()
        .chain(await_groups())
        .collect(),
        timing,
    );
    let filters: Vec<&String> = args
        .iter()
        .filter(|arg| !arg.starts_with("--") && arg.parse::<u64>().is_err())
        .collect();
    let memory_selected =
        filters.is_empty() || filters.iter().any(|f| "memory".contains(f.as_str()));
    if flag("--run") || flag("--instructions") {
        // Switches only: callgrind has nothing to add to a byte count.
    } else if flag("--bench") {
        if memory_selected {
            memory_report();
        }
    } else {
        memory_check();
    }
}
