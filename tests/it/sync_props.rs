//! Property tests of the synchronisation primitives under random
//! interleavings: tasks that put, get, acquire and release, the main
//! program's `try_*` calls, cancellations and abandoned awaitables at
//! random moments (waiting, or woken and not yet run), with the loop
//! advanced one callback or one quiet spell at a time.
//!
//! Invariants: nothing put into a queue is lost or duplicated, a lock never
//! has two holders, a semaphore's permits never go below zero or above its
//! bound, and once the loop is idle no task waits for what the primitive
//! could give it.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::rc::Rc;

use proptest::collection::vec;
use proptest::prelude::*;
use resumable::scheduler::{Request, Runtime, Task, TaskError};
use resumable::sync::{BoundedSemaphore, Lock, Queue};
use resumable::{yield_from, Exception, Generator, GeneratorState, Outcome, Resume};

/// How a task lets go of an awaitable after its wake-up, instead of
/// finishing it.
#[derive(Clone, Copy, Debug)]
enum Exit {
    Close,
    Drop,
}

/// A task that awaits `awaitable` and, once woken, closes or drops it;
/// it returns `Some(value)` if the awaitable finished at once instead.
struct LetGoWhenWoken<A> {
    awaitable: Option<A>,
    started: bool,
    exit: Exit,
}

impl<A: Generator<Yield = Request, Error = TaskError>> Generator for LetGoWhenWoken<A> {
    type Yield = Request;
    type Return = Option<A::Return>;
    type Error = TaskError;

    fn resume(
        &mut self,
        input: Resume<(), TaskError>,
    ) -> Outcome<Request, Self::Return, TaskError> {
        let awaitable = self.awaitable.as_mut().expect("resumed after it finished");
        if !self.started {
            self.started = true;
            return match awaitable.resume(input)? {
                GeneratorState::Yielded(request) => Ok(GeneratorState::Yielded(request)),
                GeneratorState::Complete(value) => Ok(GeneratorState::Complete(Some(value))),
            };
        }
        if !matches!(input, Resume::Next | Resume::Send(())) {
            // Cancelled (or closed) while it waits: as a plain awaiting task.
            return match awaitable.resume(input)? {
                GeneratorState::Yielded(request) => Ok(GeneratorState::Yielded(request)),
                GeneratorState::Complete(value) => Ok(GeneratorState::Complete(Some(value))),
            };
        }
        match self.exit {
            Exit::Close => {
                let closed = awaitable.resume(Resume::Close);
                assert!(matches!(closed, Err(Exception::GeneratorExit)));
            }
            Exit::Drop => self.awaitable = None,
        }
        Ok(GeneratorState::Complete(None))
    }
}

fn let_go<A>(awaitable: A, exit: Exit) -> LetGoWhenWoken<A> {
    LetGoWhenWoken {
        awaitable: Some(awaitable),
        started: false,
        exit,
    }
}

fn exit() -> impl Strategy<Value = Exit> {
    prop_oneof![Just(Exit::Close), Just(Exit::Drop)]
}

/// The n-th (modulo) of the tasks not done yet.
fn nth_pending<'a, T: 'a>(
    tasks: impl IntoIterator<Item = &'a Task<T>>,
    n: usize,
) -> Option<&'a Task<T>> {
    let pending: Vec<_> = tasks.into_iter().filter(|task| !task.done()).collect();
    let count = pending.len();
    (count > 0).then(|| pending[n % count])
}

// --------------------------------------------------------------- Queue

#[derive(Clone, Debug)]
enum QueueOp {
    /// A task that awaits `put` of the next value.
    Put,
    /// A task that awaits `get`.
    Get,
    /// A task that awaits `put` / `get` and lets go of it once woken.
    PutLetGo(Exit),
    GetLetGo(Exit),
    TryPut,
    TryGet,
    TaskDone,
    /// Cancels the n-th task not done yet.
    Cancel(usize),
    /// Runs one ready callback: a task may be woken and not yet run.
    Tick,
    /// Runs until nothing is ready.
    Idle,
}

fn queue_op() -> impl Strategy<Value = QueueOp> {
    prop_oneof![
        4 => Just(QueueOp::Put),
        4 => Just(QueueOp::Get),
        1 => exit().prop_map(QueueOp::PutLetGo),
        1 => exit().prop_map(QueueOp::GetLetGo),
        3 => Just(QueueOp::TryPut),
        3 => Just(QueueOp::TryGet),
        1 => Just(QueueOp::TaskDone),
        3 => (0..8usize).prop_map(QueueOp::Cancel),
        4 => Just(QueueOp::Tick),
        3 => Just(QueueOp::Idle),
    ]
}

/// What the test knows of the queue from the outside.
#[derive(Default)]
struct Books {
    next: u32,
    /// Value → the task putting it, for the puts by tasks.
    putters: BTreeMap<u32, Task<()>>,
    getters: Vec<Task<u32>>,
    /// Tasks whose put or get is let go of once woken.
    let_go_putters: BTreeMap<u32, Task<Option<()>>>,
    let_go_getters: Vec<Task<Option<u32>>>,
    /// Values in the queue for sure: `try_put` said yes.
    put_now: Vec<u32>,
    got_now: Vec<u32>,
    task_dones: usize,
}

impl Books {
    fn fresh(&mut self) -> u32 {
        self.next += 1;
        self.next
    }

    /// Every value put so far: by `try_put`, or by a put task that returned.
    fn put(&self) -> Vec<u32> {
        let by_tasks = self
            .putters
            .iter()
            .filter(|(_, task)| matches!(task.result(), Some(Ok(()))))
            .map(|(value, _)| *value);
        let let_go = self
            .let_go_putters
            .iter()
            .filter(|(_, task)| matches!(task.result(), Some(Ok(Some(())))))
            .map(|(value, _)| *value);
        self.put_now
            .iter()
            .copied()
            .chain(by_tasks)
            .chain(let_go)
            .collect()
    }

    /// Every value got so far: by `try_get`, or by a get task that returned.
    fn got(&self) -> Vec<u32> {
        let by_tasks = self.getters.iter().filter_map(|task| task.result()?.ok());
        let let_go = self
            .let_go_getters
            .iter()
            .filter_map(|task| task.result()?.ok()?);
        self.got_now
            .iter()
            .copied()
            .chain(by_tasks)
            .chain(let_go)
            .collect()
    }

    fn pending_or_done(&self) -> Vec<resumable::scheduler::AnyTask> {
        (self.getters.iter().map(Task::as_any))
            .chain(self.putters.values().map(Task::as_any))
            .chain(self.let_go_putters.values().map(Task::as_any))
            .chain(self.let_go_getters.iter().map(Task::as_any))
            .collect()
    }

    fn pending(&self) -> Vec<resumable::scheduler::AnyTask> {
        let mut tasks = self.pending_or_done();
        tasks.retain(|task| !task.done());
        tasks
    }
}

/// A task ends with its value or a cancellation: no other error.
fn check_outcomes(books: &Books) -> Result<(), TestCaseError> {
    for task in books.pending_or_done() {
        if let Some(error) = task.exception() {
            prop_assert!(error.is_cancelled(), "{task:?} raised {error}");
        }
    }
    Ok(())
}

fn check_counts(queue: &Queue<u32>, books: &Books) -> Result<(), TestCaseError> {
    let (put, got) = (books.put().len(), books.got().len());
    prop_assert!(got <= put, "got {got} of {put} put");
    prop_assert_eq!(queue.len(), put - got, "items in the queue");
    prop_assert_eq!(queue.unfinished(), put - books.task_dones, "unfinished");
    if queue.maxsize() > 0 {
        prop_assert!(queue.len() <= queue.maxsize());
    }
    Ok(())
}

/// Once the loop is idle, nobody waits for what the queue could give.
fn check_idle(queue: &Queue<u32>, books: &Books) -> Result<(), TestCaseError> {
    fn pending<T>(tasks: impl IntoIterator<Item = impl std::ops::Deref<Target = Task<T>>>) -> bool {
        tasks.into_iter().any(|task| !task.done())
    }
    let getting = pending(&books.getters) || pending(&books.let_go_getters);
    let putting = pending(books.putters.values()) || pending(books.let_go_putters.values());
    if !queue.is_empty() {
        prop_assert!(!getting, "a getter waits while the queue has items");
    }
    if !queue.is_full() {
        prop_assert!(!putting, "a putter waits while the queue has room");
    }
    Ok(())
}

fn run_queue(maxsize: usize, ops: &[QueueOp]) -> Result<(), TestCaseError> {
    let queue: Queue<u32> = Queue::new(maxsize);
    let mut rt = Runtime::new();
    let mut books = Books::default();
    for op in ops {
        match *op {
            QueueOp::Put => {
                let value = books.fresh();
                books.putters.insert(value, rt.spawn(queue.put(value)));
            }
            QueueOp::Get => books.getters.push(rt.spawn(queue.get())),
            QueueOp::PutLetGo(exit) => {
                let value = books.fresh();
                let task = rt.spawn(let_go(queue.put(value), exit));
                books.let_go_putters.insert(value, task);
            }
            QueueOp::GetLetGo(exit) => {
                books
                    .let_go_getters
                    .push(rt.spawn(let_go(queue.get(), exit)));
            }
            QueueOp::TryPut => {
                let value = books.fresh();
                let full = queue.is_full();
                match queue.try_put(value) {
                    Ok(()) => books.put_now.push(value),
                    Err(refused) => {
                        prop_assert!(full);
                        prop_assert_eq!(refused.into_inner(), value);
                    }
                }
            }
            QueueOp::TryGet => {
                let empty = queue.is_empty();
                match queue.try_get() {
                    Ok(value) => books.got_now.push(value),
                    Err(_) => prop_assert!(empty),
                }
            }
            QueueOp::TaskDone => {
                if queue.unfinished() > 0 {
                    queue.task_done();
                    books.task_dones += 1;
                }
            }
            QueueOp::Cancel(n) => {
                let tasks = books.pending();
                if !tasks.is_empty() {
                    tasks[n % tasks.len()].cancel();
                }
            }
            QueueOp::Tick => {
                rt.tick();
            }
            QueueOp::Idle => {
                rt.run_until_idle();
                check_idle(&queue, &books)?;
            }
        }
        check_counts(&queue, &books)?;
        check_outcomes(&books)?;
    }
    rt.run_until_idle();
    check_idle(&queue, &books)?;
    check_counts(&queue, &books)?;
    // Nothing lost, nothing twice: what was put is what was got plus what
    // is left, each once.
    let mut left = Vec::new();
    while let Ok(value) = queue.try_get() {
        left.push(value);
    }
    let mut put = books.put();
    let mut out = books.got();
    out.extend(left);
    put.sort_unstable();
    out.sort_unstable();
    prop_assert_eq!(out, put);
    Ok(())
}

proptest! {
    #[test]
    fn queue_loses_and_duplicates_nothing_and_leaves_nobody_waiting(
        maxsize in 0..4usize,
        ops in vec(queue_op(), 1..60),
    ) {
        run_queue(maxsize, &ops)?;
    }
}

// ------------------------------------------------- Lock and semaphores

/// A task that takes a lock or a permit, holds it for `hold` turns, and
/// gives it back on every way out; it checks, on taking it, that fewer
/// than `bound` tasks hold one. A keeper instead ends at once, keeping it
/// (counted in `kept`) for the main program to give back later.
struct Holder {
    acquire: Box<dyn Generator<Yield = Request, Return = (), Error = TaskError>>,
    acquired: bool,
    hold: u8,
    kept: Option<Rc<Cell<usize>>>,
    holders: Rc<Cell<usize>>,
    bound: usize,
    release: Rc<dyn Fn()>,
}

impl Holder {
    fn leave(&mut self) {
        self.holders.set(self.holders.get() - 1);
        (self.release)();
    }
}

impl Generator for Holder {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        let input = if self.acquired {
            input
        } else {
            yield_from!(self.acquire, input)?;
            self.acquired = true;
            let held = self.holders.get();
            assert!(
                held < self.bound,
                "{} holders of a bound of {}",
                held + 1,
                self.bound
            );
            self.holders.set(held + 1);
            if let Some(kept) = &self.kept {
                kept.set(kept.get() + 1);
                return Ok(GeneratorState::Complete(()));
            }
            Resume::Next
        };
        if let Err(exception) = input.sent() {
            self.leave();
            return Err(exception);
        }
        if self.hold == 0 {
            self.leave();
            return Ok(GeneratorState::Complete(()));
        }
        self.hold -= 1;
        Ok(GeneratorState::Yielded(Request::Yield))
    }
}

#[derive(Clone, Debug)]
enum HoldOp {
    /// A task that acquires, holds for this many turns, and releases.
    Spawn(u8),
    /// A task that acquires and keeps it …
    Keep,
    /// … until the main program gives back one kept.
    GiveKept,
    /// A task whose acquire is let go of once woken.
    LetGo(Exit),
    /// The main program takes one (`try_acquire`) …
    MainTake,
    /// … and gives one back, if it holds any.
    MainGive,
    Cancel(usize),
    Tick,
    Idle,
}

fn hold_op() -> impl Strategy<Value = HoldOp> {
    prop_oneof![
        5 => (0..3u8).prop_map(HoldOp::Spawn),
        2 => Just(HoldOp::Keep),
        2 => Just(HoldOp::GiveKept),
        1 => exit().prop_map(HoldOp::LetGo),
        2 => Just(HoldOp::MainTake),
        2 => Just(HoldOp::MainGive),
        3 => (0..8usize).prop_map(HoldOp::Cancel),
        4 => Just(HoldOp::Tick),
        3 => Just(HoldOp::Idle),
    ]
}

/// What the property needs of a lock or a semaphore.
trait Held {
    fn bound(&self) -> usize;
    fn acquire_boxed(&self) -> Box<dyn Generator<Yield = Request, Return = (), Error = TaskError>>;
    fn try_take(&self) -> bool;
    fn give(&self);
    /// Permits free: `value()`, or 1 / 0 for an unlocked / locked lock.
    fn free(&self) -> usize;
}

impl Held for Lock {
    fn bound(&self) -> usize {
        1
    }
    fn acquire_boxed(&self) -> Box<dyn Generator<Yield = Request, Return = (), Error = TaskError>> {
        Box::new(self.acquire())
    }
    fn try_take(&self) -> bool {
        self.try_acquire()
    }
    fn give(&self) {
        self.release();
    }
    fn free(&self) -> usize {
        usize::from(!self.locked())
    }
}

impl Held for BoundedSemaphore {
    fn bound(&self) -> usize {
        BoundedSemaphore::bound(self)
    }
    fn acquire_boxed(&self) -> Box<dyn Generator<Yield = Request, Return = (), Error = TaskError>> {
        Box::new(self.acquire())
    }
    fn try_take(&self) -> bool {
        self.try_acquire()
    }
    fn give(&self) {
        self.release();
    }
    fn free(&self) -> usize {
        self.value()
    }
}

fn run_holders<H: Held + Clone + 'static>(held: H, ops: &[HoldOp]) -> Result<(), TestCaseError> {
    let bound = held.bound();
    let holders = Rc::new(Cell::new(0));
    let kept = Rc::new(Cell::new(0));
    let mut main_holds = 0;
    let mut tasks: Vec<Task<()>> = Vec::new();
    let mut rt = Runtime::new();
    for op in ops {
        match *op {
            HoldOp::Spawn(_) | HoldOp::Keep => {
                let give = held.clone();
                let (hold, keep) = match *op {
                    HoldOp::Spawn(hold) => (hold, None),
                    _ => (0, Some(Rc::clone(&kept))),
                };
                tasks.push(rt.spawn(Holder {
                    acquire: held.acquire_boxed(),
                    acquired: false,
                    hold,
                    kept: keep,
                    holders: Rc::clone(&holders),
                    bound,
                    release: Rc::new(move || give.give()),
                }));
            }
            HoldOp::GiveKept => {
                if kept.get() > 0 {
                    kept.set(kept.get() - 1);
                    holders.set(holders.get() - 1);
                    held.give();
                }
            }
            HoldOp::LetGo(exit) => {
                // Taken at once, it is given back in the same step.
                let (give, holders) = (held.clone(), Rc::clone(&holders));
                let acquire = held.acquire_boxed().map_return(move |()| {
                    assert!(holders.get() < bound, "a permit too many");
                    give.give();
                });
                tasks.push(rt.spawn(let_go(acquire, exit).map_return(drop)));
            }
            HoldOp::MainTake => {
                let free = held.free();
                if held.try_take() {
                    prop_assert!(free > 0 && holders.get() < bound);
                    main_holds += 1;
                    holders.set(holders.get() + 1);
                }
            }
            HoldOp::MainGive => {
                if main_holds > 0 {
                    main_holds -= 1;
                    holders.set(holders.get() - 1);
                    held.give();
                }
            }
            HoldOp::Cancel(n) => {
                if let Some(task) = nth_pending(&tasks, n) {
                    task.cancel();
                }
            }
            HoldOp::Tick => {
                rt.tick();
            }
            HoldOp::Idle => {
                rt.run_until_idle();
                // Nothing in flight: every permit is free or held, and
                // nobody waits while one is free.
                prop_assert_eq!(held.free() + holders.get(), bound);
                prop_assert_eq!(holders.get(), main_holds + kept.get());
                if held.free() > 0 {
                    prop_assert!(
                        tasks.iter().all(Task::done),
                        "a task waits while a permit is free"
                    );
                }
            }
        }
        // Permits given to woken tasks are in neither count.
        prop_assert!(holders.get() <= bound);
        prop_assert!(held.free() + holders.get() <= bound);
    }
    Ok(())
}

proptest! {
    #[test]
    fn lock_never_has_two_holders_and_leaves_nobody_waiting(ops in vec(hold_op(), 1..60)) {
        run_holders(Lock::new(), &ops)?;
    }

    #[test]
    fn semaphore_permits_stay_within_bounds_and_leave_nobody_waiting(
        bound in 1..4usize,
        ops in vec(hold_op(), 1..60),
    ) {
        run_holders(BoundedSemaphore::new(bound), &ops)?;
    }
}
