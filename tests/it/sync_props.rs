//! Property tests of the synchronisation primitives: a `Queue` against a
//! `VecDeque` model, and the exclusion a `Lock` and a `Semaphore` promise,
//! under random interleavings and cancellations.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;
use std::time::Duration;

use proptest::collection::vec;
use proptest::prelude::*;
use resumable::scheduler::{sleep, yield_now, Runtime, Task};
use resumable::sync::{Lock, Queue, Semaphore};
use resumable::Generator;

use crate::sync::{defer, run, script, wait, Step};

// --------------------------------------------------------------- Queue

/// What the test does to the queue; the loop settles after each.
#[derive(Clone, Debug)]
enum QueueOp {
    /// A task that awaits `put` of the next value.
    Put,
    /// A task that awaits `get`.
    Get,
    TryPut,
    TryGet,
    /// Cancels the n-th waiting task (getters first, then putters).
    Cancel(usize),
    /// `try_put` hands the value to the first waiting getter, which is
    /// cancelled before it runs: the value must go on, not vanish.
    TryPutThenCancelGetter,
    /// The same with a second `try_put` in between, which finds the
    /// handed value still taking its slot.
    TryPutTwiceThenCancelGetter,
    /// `try_get` frees a slot kept for the first waiting putter, which is
    /// cancelled before it runs: the slot must go to the next putter.
    TryGetThenCancelPutter,
}

fn queue_op() -> impl Strategy<Value = QueueOp> {
    prop_oneof![
        3 => Just(QueueOp::Put),
        3 => Just(QueueOp::Get),
        2 => Just(QueueOp::TryPut),
        2 => Just(QueueOp::TryGet),
        2 => (0..8usize).prop_map(QueueOp::Cancel),
        1 => Just(QueueOp::TryPutThenCancelGetter),
        1 => Just(QueueOp::TryPutTwiceThenCancelGetter),
        1 => Just(QueueOp::TryGetThenCancelPutter),
    ]
}

/// The queue as the docs describe it once every woken task has run: a
/// `VecDeque`, and the getters and putters waiting in arrival order.
#[derive(Debug, Default)]
struct Model {
    maxsize: usize,
    items: VecDeque<u32>,
    getters: VecDeque<usize>,
    putters: VecDeque<(usize, u32)>,
    /// Task id → the value it got.
    received: BTreeMap<usize, u32>,
}

impl Model {
    fn has_room(&self) -> bool {
        self.maxsize == 0 || self.items.len() < self.maxsize
    }

    /// A value enters: to the first waiting getter, or at the back.
    fn enter(&mut self, value: u32) {
        match self.getters.pop_front() {
            Some(getter) => {
                self.received.insert(getter, value);
            }
            None => self.items.push_back(value),
        }
    }

    /// Freed slots go to the waiting putters, first come first served.
    fn refill(&mut self) {
        while self.has_room() {
            let Some((_, value)) = self.putters.pop_front() else {
                break;
            };
            self.enter(value);
        }
    }

    fn put(&mut self, task: usize, value: u32) {
        if self.putters.is_empty() && self.has_room() {
            self.enter(value);
        } else {
            self.putters.push_back((task, value));
        }
    }

    fn get(&mut self, task: usize) {
        match self.try_get() {
            Some(value) => {
                self.received.insert(task, value);
            }
            None => self.getters.push_back(task),
        }
    }

    fn try_put(&mut self, value: u32) -> Result<(), u32> {
        if !self.putters.is_empty() || !self.has_room() {
            return Err(value);
        }
        self.enter(value);
        Ok(())
    }

    fn try_get(&mut self) -> Option<u32> {
        if !self.getters.is_empty() {
            return None;
        }
        let value = self.items.pop_front()?;
        self.refill();
        Some(value)
    }

    /// The task id of the n-th waiter, getters first.
    fn waiter(&self, n: usize) -> Option<usize> {
        let count = self.getters.len() + self.putters.len();
        let n = n.checked_rem(count)?;
        Some(match self.getters.get(n) {
            Some(&getter) => getter,
            None => self.putters[n - self.getters.len()].0,
        })
    }

    fn cancel(&mut self, task: usize) {
        self.getters.retain(|&getter| getter != task);
        self.putters.retain(|&(putter, _)| putter != task);
        self.refill();
    }
}

struct QueueHarness {
    rt: Runtime,
    queue: Queue<u32>,
    received: Rc<RefCell<BTreeMap<usize, u32>>>,
    tasks: Vec<Task<()>>,
    next_value: u32,
    model: Model,
}

impl QueueHarness {
    fn new(maxsize: usize) -> Self {
        QueueHarness {
            rt: Runtime::new(),
            queue: Queue::new(maxsize),
            received: Rc::default(),
            tasks: Vec::new(),
            next_value: 0,
            model: Model {
                maxsize,
                ..Model::default()
            },
        }
    }

    /// Every put carries a value never used before, so a duplicate shows.
    fn value(&mut self) -> u32 {
        self.next_value += 1;
        self.next_value
    }

    fn spawn(&mut self, step: Step) -> usize {
        self.tasks.push(self.rt.spawn(script([step])));
        self.tasks.len() - 1
    }

    fn apply(&mut self, op: &QueueOp) -> Result<(), TestCaseError> {
        match *op {
            QueueOp::Put => {
                let value = self.value();
                let task = self.spawn(wait(self.queue.put(value)));
                self.model.put(task, value);
            }
            QueueOp::Get => {
                let (received, task) = (Rc::clone(&self.received), self.tasks.len());
                let get = self.queue.get().map_return(move |value| {
                    received.borrow_mut().insert(task, value);
                });
                self.spawn(wait(get));
                self.model.get(task);
            }
            QueueOp::TryPut => {
                let value = self.value();
                prop_assert_eq!(self.queue.try_put(value), self.model.try_put(value));
            }
            QueueOp::TryGet => prop_assert_eq!(self.queue.try_get(), self.model.try_get()),
            QueueOp::Cancel(n) => {
                if let Some(task) = self.model.waiter(n) {
                    self.tasks[task].cancel();
                    self.model.cancel(task);
                }
            }
            QueueOp::TryPutThenCancelGetter => self.try_put_then_cancel_getter(false)?,
            QueueOp::TryPutTwiceThenCancelGetter => self.try_put_then_cancel_getter(true)?,
            QueueOp::TryGetThenCancelPutter => self.try_get_then_cancel_putter()?,
        }
        self.rt.run_until_idle();
        Ok(())
    }

    fn try_put_then_cancel_getter(&mut self, twice: bool) -> Result<(), TestCaseError> {
        let Some(getter) = self.model.getters.pop_front() else {
            return Ok(());
        };
        let handed = self.value();
        prop_assert_eq!(self.queue.try_put(handed), Ok(()));
        if twice {
            // The handed value still takes its slot until its getter runs.
            let value = self.value();
            let room = self.model.maxsize != 1;
            let expected = if room { Ok(()) } else { Err(value) };
            prop_assert_eq!(self.queue.try_put(value), expected);
            if room {
                self.model.enter(value);
            }
        }
        self.tasks[getter].cancel();
        // The handed value goes to the next getter, or to the front.
        match self.model.getters.pop_front() {
            Some(next) => {
                self.model.received.insert(next, handed);
            }
            None => self.model.items.push_front(handed),
        }
        Ok(())
    }

    fn try_get_then_cancel_putter(&mut self) -> Result<(), TestCaseError> {
        let Some(&(putter, _)) = self.model.putters.front() else {
            return Ok(());
        };
        // The slot freed is kept for the first putter, who never fills it.
        let expected = self.model.items.pop_front();
        prop_assert_eq!(self.queue.try_get(), expected);
        self.tasks[putter].cancel();
        self.model.putters.pop_front();
        self.model.refill();
        Ok(())
    }

    fn check(&self) -> Result<(), TestCaseError> {
        prop_assert_eq!(&*self.received.borrow(), &self.model.received);
        prop_assert_eq!(self.queue.len(), self.model.items.len());
        if self.model.maxsize > 0 {
            prop_assert!(self.queue.len() <= self.model.maxsize);
        }
        for (task, handle) in self.tasks.iter().enumerate() {
            let waiting = self.model.getters.contains(&task)
                || self.model.putters.iter().any(|&(putter, _)| putter == task);
            prop_assert_eq!(handle.done(), !waiting, "task {}", task);
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn queue_matches_a_vecdeque_model(maxsize in 0usize..4, ops in vec(queue_op(), 1..60)) {
        let mut harness = QueueHarness::new(maxsize);
        for op in &ops {
            harness.apply(op)?;
            harness.check()?;
        }
        // Nothing lost, in order: what is left comes out as the model says.
        let mut rest = Vec::new();
        while let Some(value) = harness.queue.try_get() {
            rest.push(value);
            harness.rt.run_until_idle();
        }
        let mut expected = Vec::new();
        while let Some(value) = harness.model.try_get() {
            expected.push(value);
        }
        prop_assert_eq!(rest, expected);
    }
}

// ------------------------------------------------- Lock and Semaphore

/// What a task does inside its critical section between entering and
/// leaving: each is a suspension where the others may run.
#[derive(Clone, Debug)]
enum Nap {
    Yield,
    Sleep(u64),
}

/// What the test does to the loop.
#[derive(Clone, Debug)]
enum LoopOp {
    /// Resumes one ready task.
    Tick,
    /// Moves the clock to the next timer.
    Advance,
    /// Cancels the n-th task (if it is still running).
    Cancel(usize),
}

fn loop_op() -> impl Strategy<Value = LoopOp> {
    prop_oneof![
        6 => Just(LoopOp::Tick),
        1 => Just(LoopOp::Advance),
        2 => (0..8usize).prop_map(LoopOp::Cancel),
    ]
}

fn naps() -> impl Strategy<Value = Vec<Nap>> {
    vec(
        prop_oneof![Just(Nap::Yield), (1..5u64).prop_map(Nap::Sleep)],
        0..3,
    )
}

/// How many tasks are inside, the most ever seen at once, and how many
/// sections ran to their end.
#[derive(Clone, Default)]
struct Occupancy {
    inside: Rc<Cell<usize>>,
    most: Rc<Cell<usize>>,
    finished: Rc<Cell<usize>>,
}

/// `async with guard: <naps>`, counting who is inside. `release` runs on
/// every way out once the guard is held, as `async with` does.
fn section(
    acquire: Step,
    release: impl FnOnce() + 'static,
    naps: &[Nap],
    seen: &Occupancy,
) -> Vec<Step> {
    let (enter, leave, done) = (seen.clone(), seen.clone(), seen.clone());
    let mut steps = vec![
        acquire,
        run(move || {
            enter.inside.set(enter.inside.get() + 1);
            enter.most.set(enter.most.get().max(enter.inside.get()));
        }),
        defer(move || {
            leave.inside.set(leave.inside.get() - 1);
            release();
        }),
    ];
    steps.extend(naps.iter().map(|nap| match *nap {
        Nap::Yield => wait(yield_now()),
        Nap::Sleep(millis) => wait(sleep(Duration::from_millis(millis))),
    }));
    steps.push(run(move || done.finished.set(done.finished.get() + 1)));
    steps
}

/// Spawns one section per entry of `naps`, drives the loop with `ops`,
/// then runs it to the end; returns the tasks.
fn drive(
    rt: &mut Runtime,
    sections: Vec<Vec<Step>>,
    ops: &[LoopOp],
) -> Result<Vec<Task<()>>, TestCaseError> {
    let tasks: Vec<_> = sections
        .into_iter()
        .map(|steps| rt.spawn(script(steps)))
        .collect();
    for op in ops {
        match *op {
            LoopOp::Tick => {
                rt.tick();
            }
            LoopOp::Advance => {
                rt.advance();
            }
            LoopOp::Cancel(n) => {
                tasks[n % tasks.len()].cancel();
            }
        }
    }
    rt.run_until_idle();
    prop_assert!(rt.run_until_complete().is_ok(), "the tasks must all finish");
    Ok(tasks)
}

/// Every task finished, and each one not cancelled ran its section.
fn check_ends(tasks: &[Task<()>], seen: &Occupancy) -> Result<(), TestCaseError> {
    prop_assert!(tasks.iter().all(Task::done));
    let completed = tasks.iter().filter(|task| !task.cancelled()).count();
    prop_assert_eq!(seen.finished.get(), completed);
    prop_assert_eq!(seen.inside.get(), 0);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn lock_admits_one_task_at_a_time(plans in vec(naps(), 1..6), ops in vec(loop_op(), 0..80)) {
        let (lock, seen, mut rt) = (Lock::new(), Occupancy::default(), Runtime::new());
        let sections = plans.iter().map(|naps| {
            let release = lock.clone();
            section(wait(lock.acquire()), move || release.release(), naps, &seen)
        });
        let tasks = drive(&mut rt, sections.collect(), &ops)?;
        check_ends(&tasks, &seen)?;
        prop_assert!(seen.most.get() <= 1, "{} tasks held the lock at once", seen.most.get());
        prop_assert!(!lock.locked());
    }

    #[test]
    fn semaphore_never_admits_more_than_its_value(
        value in 1usize..4,
        plans in vec(naps(), 1..8),
        ops in vec(loop_op(), 0..80),
    ) {
        let (sem, seen, mut rt) = (Semaphore::new(value), Occupancy::default(), Runtime::new());
        let sections = plans.iter().map(|naps| {
            let release = sem.clone();
            section(wait(sem.acquire()), move || release.release(), naps, &seen)
        });
        let tasks = drive(&mut rt, sections.collect(), &ops)?;
        check_ends(&tasks, &seen)?;
        prop_assert!(seen.most.get() <= value, "{} tasks inside a semaphore of {}", seen.most.get(), value);
        prop_assert_eq!(sem.value(), value);
    }
}
