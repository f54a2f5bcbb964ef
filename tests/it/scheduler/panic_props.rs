//! Property test of issue 11: random programs of tasks that yield, sleep,
//! take and give back a shared lock, and panic at random acts. After every
//! panic the runtime must be consistent — every task handle done or counted
//! alive, the lock free or held by a task alive, the task that panicked
//! failed with its own message — and running it again must go on with the
//! program, until every task has finished; then nothing is left behind.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::time::Duration;

use proptest::prelude::*;
use resumable::scheduler::{sleep, PanicError, Request, Runtime, Sleep, Task, TaskError};
use resumable::sync::{Acquire, Lock};
use resumable::{Exception, Generator, GeneratorState, Outcome, Resume};

use crate::support::panic_text;

#[derive(Clone, Copy, Debug)]
enum Act {
    Yield,
    Sleep(u64),
    Lock,
    Unlock,
    Panic,
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        3 => Just(Act::Yield),
        2 => (0u64..3).prop_map(|tenths| Act::Sleep(tenths * 100)),
        2 => Just(Act::Lock),
        2 => Just(Act::Unlock),
        1 => Just(Act::Panic),
    ]
}

fn program() -> impl Strategy<Value = Vec<Vec<Act>>> {
    prop::collection::vec(prop::collection::vec(act(), 0..8), 1..7)
}

/// What an actor is awaiting.
enum Sub {
    None,
    Sleep(Sleep),
    Acquire(Acquire),
}

/// One task of the program: its acts in order, holding the lock between a
/// `Lock` and an `Unlock` (or its end), and giving it back in its
/// `finally:` however it ends — as `async with lock:` does.
struct Actor {
    id: usize,
    acts: Vec<Act>,
    at: usize,
    sub: Sub,
    lock: Lock,
    holder: Rc<Cell<Option<usize>>>,
    /// Counted to find leaks: freed with the actor.
    _alive: Rc<()>,
}

impl Actor {
    fn holding(&self) -> bool {
        self.holder.get() == Some(self.id)
    }

    fn release(&mut self) {
        if self.holding() {
            self.holder.set(None);
            self.lock.release();
        }
    }

    /// Resumes what it awaits; `Some` while that is not over.
    fn resume_sub(
        &mut self,
        input: Resume<(), TaskError>,
    ) -> Option<Outcome<Request, usize, TaskError>> {
        let step = match &mut self.sub {
            Sub::None => return None,
            Sub::Sleep(nap) => nap.resume(input),
            Sub::Acquire(acquire) => acquire.resume(input),
        };
        match step {
            Ok(GeneratorState::Yielded(request)) => Some(Ok(GeneratorState::Yielded(request))),
            Ok(GeneratorState::Complete(())) => {
                if matches!(self.sub, Sub::Acquire(_)) {
                    self.holder.set(Some(self.id));
                }
                self.sub = Sub::None;
                None
            }
            Err(exception) => {
                self.sub = Sub::None;
                self.release();
                Some(Err(exception))
            }
        }
    }

    fn run_acts(&mut self) -> Outcome<Request, usize, TaskError> {
        while let Some(&act) = self.acts.get(self.at) {
            self.at += 1;
            match act {
                Act::Yield => return Ok(GeneratorState::Yielded(Request::Yield)),
                Act::Sleep(ms) => self.sub = Sub::Sleep(sleep(Duration::from_millis(ms))),
                Act::Lock if self.holding() => {}
                Act::Lock => self.sub = Sub::Acquire(self.lock.acquire()),
                Act::Unlock => self.release(),
                Act::Panic => panic!("task {} panicked at act {}", self.id, self.at - 1),
            }
            if let Some(outcome) = self.resume_sub(Resume::Next) {
                return outcome;
            }
        }
        self.release();
        Ok(GeneratorState::Complete(self.id))
    }
}

impl Generator for Actor {
    type Yield = Request;
    type Return = usize;
    type Error = TaskError;

    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, usize, TaskError> {
        if let Resume::Close = input {
            // finally: the lock goes back, whatever it was waiting for.
            self.sub = Sub::None;
            self.release();
            return Err(Exception::GeneratorExit);
        }
        if let Some(outcome) = self.resume_sub(input) {
            return outcome;
        }
        self.run_acts()
    }
}

/// The first `Panic` act of a task, if its acts get there.
fn panics_at(acts: &[Act]) -> Option<usize> {
    acts.iter().position(|act| matches!(act, Act::Panic))
}

/// The invariants that hold between any two runs.
fn check_consistent(
    rt: &Runtime,
    tasks: &[Task<usize>],
    lock: &Lock,
    holder: &Cell<Option<usize>>,
) -> Result<(), TestCaseError> {
    let alive = tasks.iter().filter(|task| !task.done()).count();
    prop_assert_eq!(rt.tasks(), alive, "every task done or counted alive");
    prop_assert_eq!(lock.locked(), holder.get().is_some());
    if let Some(id) = holder.get() {
        prop_assert!(
            !tasks[id].done(),
            "the lock is held by task {}, which is done",
            id
        );
    }
    Ok(())
}

/// Runs the program to its end, catching each panic, checking the
/// invariants after each run; returns the panics' messages in order.
fn run_to_the_end(
    rt: &mut Runtime,
    tasks: &[Task<usize>],
    lock: &Lock,
    holder: &Cell<Option<usize>>,
) -> Result<Vec<String>, TestCaseError> {
    let mut panics = Vec::new();
    for _ in 0..=tasks.len() {
        match catch_unwind(AssertUnwindSafe(|| rt.run_all())) {
            Ok(ran) => {
                prop_assert!(ran.is_ok(), "{:?}", ran);
                return Ok(panics);
            }
            Err(payload) => {
                panics.push(panic_text(&*payload).unwrap_or_default());
            }
        }
        check_consistent(rt, tasks, lock, holder)?;
    }
    Err(TestCaseError::fail("more panics than tasks"))
}

/// Keeps the panic hook quiet about the program's own panics (hundreds of
/// them), and only those.
fn quiet_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let ours = info
                .payload()
                .downcast_ref::<String>()
                .is_some_and(|message| message.contains(" panicked at act "));
            if !ours {
                default(info);
            }
        }));
    });
}

fn check_program(program: &[Vec<Act>]) -> Result<(), TestCaseError> {
    quiet_hook();
    let alive = Rc::new(());
    let lock = Lock::new();
    let holder = Rc::new(Cell::new(None));
    let mut rt = Runtime::new();
    let tasks: Vec<Task<usize>> = program
        .iter()
        .enumerate()
        .map(|(id, acts)| {
            rt.spawn(Actor {
                id,
                acts: acts.clone(),
                at: 0,
                sub: Sub::None,
                lock: lock.clone(),
                holder: Rc::clone(&holder),
                _alive: Rc::clone(&alive),
            })
        })
        .collect();
    let panics = run_to_the_end(&mut rt, &tasks, &lock, &holder)?;
    // Each task that gets to its `Panic` fails with its own message; the
    // loop raises the first panic of each turn (the others of that turn
    // are in their tasks' errors only).
    let mut failed = Vec::new();
    for (id, (task, acts)) in tasks.iter().zip(program).enumerate() {
        match panics_at(acts) {
            Some(at) => {
                let error = task.exception().expect("failed");
                let panic = error.downcast_ref::<PanicError>().expect("a PanicError");
                prop_assert_eq!(panic.message(), format!("task {id} panicked at act {at}"));
                failed.push(panic.message().to_string());
            }
            None => prop_assert_eq!(task.result().map(Result::ok), Some(Some(id))),
        }
    }
    prop_assert_eq!(panics.is_empty(), failed.is_empty());
    for message in &panics {
        prop_assert!(
            failed.contains(message),
            "{} raised, but no task failed so",
            message
        );
    }
    prop_assert!(!lock.locked());
    prop_assert_eq!(rt.tasks(), 0);
    // A second run works on the same runtime.
    rt.run(sleep(Duration::from_secs(1))).expect("runs again");
    drop(tasks);
    drop(rt);
    prop_assert_eq!(Rc::strong_count(&alive), 1, "every actor was freed");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn after_any_panic_the_runtime_is_consistent_and_runs_on(program in program()) {
        check_program(&program)?;
    }
}

/// Tasks left alive at a panic, then dropped with the runtime: each is
/// closed (its lock given back), and every actor is freed.
#[test]
fn a_runtime_dropped_after_a_panic_frees_every_task() {
    let alive = Rc::new(());
    let lock = Lock::new();
    let holder = Rc::new(Cell::new(None));
    let mut rt = Runtime::new();
    let acts = [
        vec![Act::Lock, Act::Sleep(200), Act::Unlock],
        vec![Act::Yield, Act::Panic],
        vec![Act::Lock, Act::Yield],
    ];
    for (id, acts) in acts.into_iter().enumerate() {
        rt.spawn(Actor {
            id,
            acts,
            at: 0,
            sub: Sub::None,
            lock: lock.clone(),
            holder: Rc::clone(&holder),
            _alive: Rc::clone(&alive),
        })
        .detach();
    }
    let panic = catch_unwind(AssertUnwindSafe(|| rt.run_all())).expect_err("task 1 panics");
    assert_eq!(
        panic.downcast_ref::<String>().unwrap(),
        "task 1 panicked at act 1"
    );
    assert_eq!(rt.tasks(), 2);
    assert_eq!(holder.get(), Some(0));
    drop(rt);
    assert!(
        !lock.locked(),
        "task 0 gave the lock back when it was closed"
    );
    assert_eq!(Rc::strong_count(&alive), 1);
}
