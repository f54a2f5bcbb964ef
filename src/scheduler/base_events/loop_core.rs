//! The part of the loop that code running inside it reaches: the inbox of
//! callbacks to schedule, the clock, the running task, the tasks alive.
//!
//! The runner keeps its queues to itself and reads the inbox after each
//! callback it runs, so the hot path (a task that only yields) never
//! touches a `RefCell` shared with task code. asyncio appends to its ready
//! queue at once; appending after the callback, in the same order and
//! before the callback's own continuation, gives the same queue.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::rc::{Rc, Weak};
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::any::Any;
use core::cell::{Cell, RefCell};
use core::fmt;
use core::time::Duration;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use super::external_waits::ExternalWaits;
use super::remote::Remote;
use super::report::Report;
use crate::scheduler::events::HandleCell;
use crate::scheduler::panics::Payload;
use crate::scheduler::trace::Outcome;
use crate::scheduler::{Blocker, Clock};

/// No task is running (between tasks, or in a plain callback).
pub(crate) const NO_TASK: u32 = u32::MAX;

/// A task as the loop's events name it: its slot, and which of the tasks
/// that had that slot (slots are used again), so that a wake-up meant for a
/// task that is gone never reaches the task in its slot now.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct TaskId {
    pub(crate) slot: u32,
    pub(crate) generation: u32,
}

/// Something code inside the loop asked for; the runner applies these in
/// order once the callback that asked is over.
pub(crate) enum Event {
    /// A task's next step (`__step`, or `__wakeup` if it was waiting).
    Step(TaskId),
    /// A done callback of a future, which it keeps alive.
    Call(Box<dyn FnOnce()>),
    /// `call_soon`.
    Handle(Rc<HandleCell>),
    /// `call_at`: for the timer heap.
    Timer(Rc<HandleCell>),
    /// A new task, for its slot; its first step comes with it.
    Spawn(u32, Box<dyn TaskDyn>),
    /// `cancel()` found nothing to cancel: throw at the task's next step.
    MustCancel(u32),
}

/// How a step ended, as the runner needs to know it: one byte, so that it
/// comes back in a register.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Status {
    /// A bare `yield` (`asyncio.sleep(0)`): step again after the others.
    Yielded,
    /// `asyncio.sleep(d)`: the runner sets the timer for the duration left
    /// in [`Core::take_sleep`], then calls [`TaskDyn::sleeping`].
    Sleep,
    /// Waiting on a future, with its wake-up registered on it.
    Awaiting,
    /// Done: its outcome is in its future, its callbacks are scheduled.
    Finished(Outcome),
}

/// The runner's side of a task: the generator, owned by its slot.
pub(crate) trait TaskDyn {
    /// `__step` (or `__wakeup`, if the task waited): resumes the task once.
    fn step(&mut self, core: &Core, slot: u32) -> Status;
    /// The task sleeps on the timer `token`: its `_fut_waiter` is that sleep.
    fn sleeping(&mut self, token: u32);
    /// The timer of the sleep `token` fired (`_set_result_unless_cancelled`).
    fn sleep_done(&mut self, token: u32);
    /// A cancellation waits for the task's next step.
    fn mark_cancel(&mut self);
    /// Python's `close()`: the loop lets the task go unfinished. A panic
    /// of the generator while it closes is caught and handed back, after
    /// the task's future is cancelled all the same.
    fn close(&mut self) -> Option<Payload>;
    /// The step panicked: the generator is closed (its cleanup runs; a
    /// second panic is dropped), and the task's future fails with `error`.
    fn fail(&mut self, error: crate::scheduler::TaskError);
    fn number(&self) -> u64;
    fn info(&self) -> Rc<dyn TaskInfo>;
}

/// A task as anyone may see it, whatever its types: what `all_tasks()` and
/// `current_task()` hand out.
pub(crate) trait TaskInfo {
    fn core(&self) -> &Rc<Core>;
    fn number(&self) -> u64;
    fn done(&self) -> bool;
    fn cancelled(&self) -> bool;
    fn cancel(&self, message: Option<Arc<str>>) -> bool;
    fn cancelling(&self) -> u32;
    fn uncancel(&self) -> u32;
    /// What it waits for, if it waits on a future.
    fn waits_for(&self) -> Option<Blocker>;
    /// Whether it sleeps (`asyncio.sleep`, a timer rather than a future).
    fn sleeps(&self) -> bool;
    /// `task.exception()`.
    fn exception(&self) -> Option<crate::scheduler::TaskError>;
    /// `task.add_done_callback(...)`, for a callback that needs no task.
    fn add_done_callback(self: Rc<Self>, callback: Box<dyn FnOnce()>);
}

/// An async generator the loop has seen run (an entry of asyncio's
/// `loop._asyncgens`), whatever its types: what `shutdown_asyncgens` needs.
pub(crate) trait AsyncGenHooks {
    /// `agen.aclose()`.
    fn aclose(
        self: Rc<Self>,
    ) -> Box<
        dyn crate::generator::Generator<
            Yield = crate::scheduler::Request,
            Return = (),
            Error = crate::scheduler::TaskError,
        >,
    >;
    /// How a report names it.
    fn name(&self) -> String;
}

/// Task slots: the runner's index of each task alive, handed out at spawn.
#[derive(Default)]
struct Slots {
    tasks: Vec<Option<Weak<dyn TaskInfo>>>,
    /// By slot: how many tasks have had it.
    generations: Vec<u32>,
    free: Vec<u32>,
}

/// The number of the next loop made in this process.
static NEXT_LOOP: AtomicU64 = AtomicU64::new(1);

pub(crate) struct Core {
    /// Names the loop in messages, where two loops' `Task-1`s may meet.
    number: u64,
    inbox: RefCell<Vec<Event>>,
    /// Set when the inbox has something, so the runner checks one `Cell`.
    pending: Cell<bool>,
    /// `pending`, or a trace being recorded: a step that only yielded needs
    /// the runner's attention after all. One `Cell` for the hot path to read.
    attention: Cell<bool>,
    tracing: Cell<bool>,
    clock: Clock,
    started: Instant,
    virtual_now: Cell<u64>,
    next_task: Cell<u64>,
    /// The slot of the task being stepped, or [`NO_TASK`].
    current: Cell<u32>,
    /// The duration of the sleep a step asked for ([`Status::Sleep`]).
    sleep: Cell<Duration>,
    slots: RefCell<Slots>,
    stopping: Cell<bool>,
    /// A wrapped future woke itself while polled: its executor wants its
    /// thread back (see `budget`).
    yield_asked: Cell<bool>,
    running: Cell<bool>,
    closed: Cell<bool>,
    reports: RefCell<Vec<Report>>,
    /// `_asyncgens`: the async generators that ran in this loop, in the
    /// order they first did.
    asyncgens: RefCell<Vec<Weak<dyn AsyncGenHooks>>>,
    /// Names given with `set_name`, by task number (the others are `Task-N`).
    names: RefCell<BTreeMap<u64, String>>,
    /// Values waiting for a callback from another thread, by key.
    locals: RefCell<BTreeMap<u64, Box<dyn Any>>>,
    next_local: Cell<u64>,
    pub(crate) remote: Arc<Remote>,
    /// The wrapped futures' wakers, and the virtual clock's patience.
    pub(crate) externals: ExternalWaits,
}

impl Core {
    pub(crate) fn new(clock: Clock) -> Self {
        Core {
            number: NEXT_LOOP.fetch_add(1, Ordering::Relaxed),
            inbox: RefCell::new(Vec::new()),
            pending: Cell::new(false),
            attention: Cell::new(false),
            tracing: Cell::new(false),
            clock,
            started: Instant::now(),
            virtual_now: Cell::new(0),
            next_task: Cell::new(1),
            current: Cell::new(NO_TASK),
            sleep: Cell::new(Duration::ZERO),
            slots: RefCell::new(Slots::default()),
            stopping: Cell::new(false),
            yield_asked: Cell::new(false),
            running: Cell::new(false),
            closed: Cell::new(false),
            reports: RefCell::new(Vec::new()),
            asyncgens: RefCell::new(Vec::new()),
            names: RefCell::new(BTreeMap::new()),
            locals: RefCell::new(BTreeMap::new()),
            next_local: Cell::new(0),
            remote: Arc::new(Remote::default()),
            externals: ExternalWaits::new(),
        }
    }

    pub(crate) fn clock(&self) -> Clock {
        self.clock
    }

    /// Queues an event for the runner: `call_soon` and its kin.
    pub(crate) fn push(&self, event: Event) {
        self.inbox.borrow_mut().push(event);
        self.pending.set(true);
        self.attention.set(true);
    }

    #[inline]
    pub(crate) fn has_pending(&self) -> bool {
        self.pending.get()
    }

    /// Whether a step that only yielded leaves the runner something to do.
    #[inline]
    pub(crate) fn needs_attention(&self) -> bool {
        self.attention.get()
    }

    /// A trace is recorded from now on: every step gets the runner's
    /// attention.
    pub(crate) fn set_tracing(&self) {
        self.tracing.set(true);
        self.attention.set(true);
    }

    fn clear_pending(&self) {
        self.pending.set(false);
        self.attention.set(self.tracing.get());
    }

    /// Everything queued so far, into `into` (which must be empty).
    pub(crate) fn take_events(&self, into: &mut Vec<Event>) {
        core::mem::swap(&mut *self.inbox.borrow_mut(), into);
        self.clear_pending();
    }

    pub(crate) fn clear_events(&self) {
        let events = core::mem::take(&mut *self.inbox.borrow_mut());
        self.clear_pending();
        drop(events);
    }

    /// Nanoseconds since the loop was created: `loop.time()`.
    pub(crate) fn now_nanos(&self) -> u64 {
        match self.clock {
            Clock::Virtual => self.virtual_now.get(),
            Clock::Real => duration_nanos(self.started.elapsed()),
        }
    }

    /// The instant a real-clock deadline of `nanos` falls on.
    pub(crate) fn instant_at(&self, nanos: u64) -> Instant {
        self.started + Duration::from_nanos(nanos)
    }

    pub(crate) fn set_virtual_now(&self, nanos: u64) {
        self.virtual_now.set(nanos);
    }

    pub(crate) fn next_task_number(&self) -> u64 {
        let number = self.next_task.get();
        self.next_task.set(number + 1);
        number
    }

    /// A slot for a new task, registered so `all_tasks()` sees it at once.
    pub(crate) fn register(&self, task: Weak<dyn TaskInfo>) -> TaskId {
        let mut slots = self.slots.borrow_mut();
        let slot = match slots.free.pop() {
            Some(slot) => {
                slots.tasks[slot as usize] = Some(task);
                slot
            }
            None => {
                let slot = u32::try_from(slots.tasks.len())
                    .ok()
                    .filter(|&slot| slot < 1 << 31)
                    .expect("more than 2^31 tasks at once");
                slots.tasks.push(Some(task));
                slots.generations.push(0);
                slot
            }
        };
        let generation = &mut slots.generations[slot as usize];
        *generation = generation.wrapping_add(1);
        TaskId {
            slot,
            generation: *generation,
        }
    }

    /// Whether `id` is the task in its slot now.
    pub(crate) fn is_alive(&self, id: TaskId) -> bool {
        let slots = self.slots.borrow();
        slots.generations.get(id.slot as usize) == Some(&id.generation)
            && slots.tasks[id.slot as usize].is_some()
    }

    pub(crate) fn unregister(&self, slot: u32) {
        let mut slots = self.slots.borrow_mut();
        slots.tasks[slot as usize] = None;
        slots.free.push(slot);
    }

    /// The tasks alive, in slot order.
    pub(crate) fn tasks(&self) -> Vec<Rc<dyn TaskInfo>> {
        let slots = self.slots.borrow();
        slots
            .tasks
            .iter()
            .flatten()
            .filter_map(Weak::upgrade)
            .collect()
    }

    pub(crate) fn task(&self, slot: u32) -> Option<Rc<dyn TaskInfo>> {
        let slots = self.slots.borrow();
        slots.tasks.get(slot as usize)?.as_ref()?.upgrade()
    }

    pub(crate) fn task_name(&self, number: u64) -> String {
        match self.names.borrow().get(&number) {
            Some(name) => name.clone(),
            None => alloc::format!("Task-{number}"),
        }
    }

    pub(crate) fn set_task_name(&self, number: u64, name: String) {
        self.names.borrow_mut().insert(number, name);
    }

    /// A step asks to sleep this long.
    pub(crate) fn set_sleep(&self, duration: Duration) {
        self.sleep.set(duration);
    }

    pub(crate) fn sleeping(&self) -> Duration {
        self.sleep.get()
    }

    pub(crate) fn take_sleep(&self) -> Duration {
        self.sleep.replace(Duration::ZERO)
    }

    #[inline]
    pub(crate) fn set_current(&self, slot: u32) {
        self.current.set(slot);
    }

    pub(crate) fn current_slot(&self) -> Option<u32> {
        Some(self.current.get()).filter(|&slot| slot != NO_TASK)
    }

    pub(crate) fn current_task(&self) -> Option<Rc<dyn TaskInfo>> {
        self.task(self.current_slot()?)
    }

    pub(crate) fn stop(&self) {
        self.stopping.set(true);
    }

    pub(crate) fn stopping(&self) -> bool {
        self.stopping.get()
    }

    pub(crate) fn take_stopping(&self) -> bool {
        self.stopping.replace(false)
    }

    /// A wrapped future woke itself while it was polled.
    pub(crate) fn ask_to_yield(&self) {
        self.yield_asked.set(true);
    }

    pub(crate) fn take_yield_asked(&self) -> bool {
        self.yield_asked.replace(false)
    }

    pub(crate) fn is_running(&self) -> bool {
        self.running.get()
    }

    pub(crate) fn set_running(&self, running: bool) {
        self.running.set(running);
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.closed.get()
    }

    pub(crate) fn set_closed(&self) {
        self.closed.set(true);
    }

    /// `call_exception_handler`: prints the report, as asyncio's default
    /// handler logs it, and keeps it.
    pub(crate) fn report(&self, report: Report) {
        std::eprintln!("{report}");
        self.reports.borrow_mut().push(report);
    }

    pub(crate) fn reports(&self) -> core::cell::Ref<'_, Vec<Report>> {
        self.reports.borrow()
    }

    /// `_asyncgen_firstiter_hook`: `self._asyncgens.add(agen)`. The
    /// entries of generators gone are dropped when the list would grow.
    pub(crate) fn add_asyncgen(&self, agen: Weak<dyn AsyncGenHooks>) {
        let mut agens = self.asyncgens.borrow_mut();
        if agens.len() == agens.capacity() {
            agens.retain(|agen| agen.strong_count() > 0);
        }
        agens.push(agen);
    }

    /// `list(self._asyncgens)` then `self._asyncgens.clear()`: the async
    /// generators still alive, in the order they first ran.
    pub(crate) fn take_asyncgens(&self) -> Vec<Rc<dyn AsyncGenHooks>> {
        let agens = core::mem::take(&mut *self.asyncgens.borrow_mut());
        agens.iter().filter_map(Weak::upgrade).collect()
    }

    /// Keeps `value` on the loop's thread under a new key, for a callback
    /// from another thread to take.
    pub(crate) fn keep_local(&self, value: Box<dyn Any>) -> u64 {
        let key = self.next_local.get();
        self.next_local.set(key + 1);
        self.locals.borrow_mut().insert(key, value);
        key
    }

    pub(crate) fn take_local(&self, key: u64) -> Option<Box<dyn Any>> {
        self.locals.borrow_mut().remove(&key)
    }

    pub(crate) fn clear_locals(&self) {
        let locals = core::mem::take(&mut *self.locals.borrow_mut());
        drop(locals);
    }
}

impl fmt::Display for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<Runtime-{}>", self.number)
    }
}

/// A deadline past the clock's range (`u64::MAX` nanoseconds, 584 years):
/// the timer never fires, and the clock never moves to it. Deadline sums
/// saturate to it, so `sleep(Duration::MAX)` is a sleep for ever, as
/// asyncio's `sleep(1e300)` is, and later timers keep their meaning.
pub(crate) const NEVER: u64 = u64::MAX;

/// Nanoseconds, saturating at [`NEVER`].
pub(crate) fn duration_nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

std::thread_local! {
    static RUNNING: RefCell<Option<Rc<Core>>> = const { RefCell::new(None) };
}

/// Makes `core` the running loop of this thread until dropped, restoring
/// the one before (loops may nest: a task may run a loop of its own).
pub(crate) struct Enter {
    previous: Option<Rc<Core>>,
}

impl Enter {
    pub(crate) fn new(core: &Rc<Core>) -> Self {
        let previous = RUNNING.with(|running| running.replace(Some(Rc::clone(core))));
        Enter { previous }
    }
}

impl Drop for Enter {
    fn drop(&mut self) {
        let previous = self.previous.take();
        RUNNING.with(|running| *running.borrow_mut() = previous);
    }
}

/// The loop running on this thread, if any.
pub(crate) fn try_running() -> Option<Rc<Core>> {
    RUNNING.with(|running| running.borrow().clone())
}

/// The loop running on this thread; panics with `what` in the message if
/// there is none.
#[track_caller]
pub(crate) fn running(what: &str) -> Rc<Core> {
    // Not `unwrap_or_else`: a closure would take the panic's location.
    match try_running() {
        Some(core) => core,
        // Python's message first (`RuntimeError: no running event loop`),
        // then what to do about it.
        None => panic!("no running event loop: {what} runs in a task or a callback of a `Runtime`"),
    }
}
