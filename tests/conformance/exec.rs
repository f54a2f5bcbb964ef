//! The interpreter: a coroutine of the script as a generator the crate's
//! loop runs, statement by statement, each doing what `python/interp.py`
//! does with the crate's counterpart of each asyncio call.

use std::rc::Rc;
use std::time::Duration;

use resumable::scheduler::{
    all_tasks, as_completed, current_task, gather, get_running_loop, shield, sleep, spawn, timeout,
    wait, wait_for, IntoTask, Join, Request, ReturnWhen, RuntimeError, Task, TaskError, TaskGroup,
    Timeout, ValueError,
};
use resumable::{Exception, Generator, GeneratorState, Outcome, Resume};

use crate::script::{Action, Arg, Block, Catch, Kind, Stmt, When};
use crate::value::{py_bool, raise_boom, repr, QueueError, Val};
use crate::world::{Obj, World};

/// How a statement (or a block) ended: on to the next one, or `return`.
pub(crate) enum Flow {
    Next,
    Return(Val),
}

type Step = Outcome<Request, Flow, TaskError>;
type Input = Resume<(), TaskError>;

/// A running statement or block.
type Gen = Box<dyn Generator<Yield = Request, Return = Flow, Error = TaskError>>;

/// An awaitable of the crate, boxed.
type Awaiting<R> = Box<dyn Generator<Yield = Request, Return = R, Error = TaskError>>;

/// The task groups around a statement, innermost last.
type Groups = Rc<Vec<TaskGroup>>;

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// `run_coro(name)`: `start`, the body, `end`.
pub(crate) struct Coro {
    world: Rc<World>,
    name: String,
    body: Option<BlockRun>,
}

impl Coro {
    pub(crate) fn new(world: &Rc<World>, name: &str) -> Self {
        Coro {
            world: Rc::clone(world),
            name: name.to_owned(),
            body: None,
        }
    }
}

impl Generator for Coro {
    type Yield = Request;
    type Return = Val;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Outcome<Request, Val, TaskError> {
        let input = match &self.body {
            Some(_) => input,
            None => {
                // Thrown into before it began: raised before its first line.
                input.sent()?;
                self.world.emit(format!("start {}", self.name));
                let block = Rc::clone(&self.world.program.coros[&self.name]);
                self.body = Some(BlockRun::new(&self.world, block, Rc::new(Vec::new())));
                Resume::Next
            }
        };
        let body = self.body.as_mut().expect("set above");
        match body.resume(input) {
            Ok(GeneratorState::Yielded(request)) => Ok(GeneratorState::Yielded(request)),
            Ok(GeneratorState::Complete(flow)) => {
                let value = match flow {
                    Flow::Next => Val::None,
                    Flow::Return(value) => value,
                };
                self.world.emit(format!("end {}", value.repr()));
                Ok(GeneratorState::Complete(value))
            }
            Err(Exception::Raised(error)) => {
                self.world.emit(format!("end ! {}", repr(&error)));
                Err(Exception::Raised(error))
            }
            Err(Exception::GeneratorExit) => Err(Exception::GeneratorExit),
        }
    }
}

/// A block: its statements one after the other.
struct BlockRun {
    world: Rc<World>,
    stmts: Block,
    at: usize,
    current: Option<Gen>,
    groups: Groups,
}

impl BlockRun {
    fn new(world: &Rc<World>, stmts: Block, groups: Groups) -> Self {
        BlockRun {
            world: Rc::clone(world),
            stmts,
            at: 0,
            current: None,
            groups,
        }
    }
}

impl Generator for BlockRun {
    type Yield = Request;
    type Return = Flow;
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            if self.current.is_none() {
                let Some(stmt) = self.stmts.get(self.at) else {
                    return Ok(GeneratorState::Complete(Flow::Next));
                };
                self.current = Some(start(&self.world, stmt, &self.groups));
            }
            let current = self.current.as_mut().expect("set above");
            match current.resume(input)? {
                GeneratorState::Yielded(request) => return Ok(GeneratorState::Yielded(request)),
                GeneratorState::Complete(Flow::Next) => {
                    self.current = None;
                    self.at += 1;
                    input = Resume::Next;
                }
                GeneratorState::Complete(flow) => return Ok(GeneratorState::Complete(flow)),
            }
        }
    }
}

/// A statement, ready to run.
fn start(world: &Rc<World>, stmt: &Stmt, groups: &Groups) -> Gen {
    let (world, line) = (Rc::clone(world), stmt.line);
    match &stmt.kind {
        Kind::Return(value) => {
            let value = value.map_or(Val::None, Val::Int);
            Box::new(Done(Some(Flow::Return(value))))
        }
        Kind::Try(body, catch, action) => Box::new(Try {
            body: BlockRun::new(&world, Rc::clone(body), Rc::clone(groups)),
            world,
            line,
            catch: *catch,
            action: action.clone(),
        }),
        Kind::Repeat(times, body) => Box::new(Repeat {
            body: BlockRun::new(&world, Rc::clone(body), Rc::clone(groups)),
            block: Rc::clone(body),
            groups: Rc::clone(groups),
            left: *times,
            world,
        }),
        Kind::With(name, body) => Box::new(With::new(world, line, name, body, groups)),
        Kind::Timeout(limit, body) => {
            Box::new(TimeoutBlock::new(world, line, *limit, body, groups))
        }
        Kind::TaskGroup(body) => Box::new(GroupBlock {
            world,
            line,
            body: Rc::clone(body),
            groups: Rc::clone(groups),
            scope: None,
        }),
        Kind::AsCompleted(vars, limit) => Box::new(AsCompletedLoop {
            world,
            line,
            vars: vars.clone(),
            limit: *limit,
            all: None,
            next: None,
        }),
        kind if is_sync(kind) => Box::new(Sync {
            world,
            stmt: stmt.clone(),
            groups: Rc::clone(groups),
        }),
        _ => awaiting(world, stmt),
    }
}

/// A statement that is already over.
struct Done(Option<Flow>);

impl Generator for Done {
    type Yield = Request;
    type Return = Flow;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        input.sent()?;
        Ok(GeneratorState::Complete(
            self.0.take().expect("resumed once"),
        ))
    }
}

/// The statements that do not await.
fn is_sync(kind: &Kind) -> bool {
    !matches!(
        kind,
        Kind::Sleep(_)
            | Kind::Await(_)
            | Kind::Call(_)
            | Kind::Acquire(_)
            | Kind::WaitEvent(_)
            | Kind::CWait(_)
            | Kind::CWaitFor(..)
            | Kind::Put(..)
            | Kind::Get(_)
            | Kind::Join(_)
            | Kind::Gather(..)
            | Kind::Wait(..)
            | Kind::WaitFor(..)
            | Kind::Shield(_)
    )
}

/// A statement that does not await: it runs at its first resume.
struct Sync {
    world: Rc<World>,
    stmt: Stmt,
    groups: Groups,
}

impl Generator for Sync {
    type Yield = Request;
    type Return = Flow;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        input.sent()?;
        match run_sync(&self.world, &self.stmt, &self.groups) {
            Ok(()) => Ok(GeneratorState::Complete(Flow::Next)),
            Err(error) => {
                self.world
                    .log(self.stmt.line, format!("! {}", repr(&error)));
                Err(Exception::Raised(error))
            }
        }
    }
}

/// `sync_stmt`, and the other statements of `async_stmt` that do not await.
fn run_sync(world: &Rc<World>, stmt: &Stmt, groups: &Groups) -> Result<(), TaskError> {
    let n = stmt.line;
    match &stmt.kind {
        Kind::Set(e) => {
            event(world, e).set();
            world.log(n, format!("set {e}"));
        }
        Kind::Clear(e) => {
            event(world, e).clear();
            world.log(n, format!("clear {e}"));
        }
        Kind::IsSet(e) => world.log(
            n,
            format!("is_set {e} {}", py_bool(event(world, e).is_set())),
        ),
        Kind::Cancel(var, message) => {
            if let Some(task) = task_var(world, n, var) {
                let cancelled = match message {
                    None => task.cancel(),
                    Some(message) => task.cancel_with(message.as_str()),
                };
                world.log(n, format!("cancel {var} -> {}", py_bool(cancelled)));
            }
        }
        Kind::State(var) => {
            if let Some(task) = task_var(world, n, var) {
                let (done, cancelled) = (py_bool(task.done()), py_bool(task.cancelled()));
                world.log(n, format!("state {var} done={done} cancelled={cancelled}"));
            }
        }
        Kind::PutNowait(q, item) => {
            if queue(world, q).try_put(*item).is_err() {
                return Err(TaskError::raise(QueueError("QueueFull")));
            }
            world.log(n, format!("put_nowait {q}"));
        }
        Kind::GetNowait(q) => {
            let Ok(item) = queue(world, q).try_get() else {
                return Err(TaskError::raise(QueueError("QueueEmpty")));
            };
            world.log(n, format!("get_nowait {q} -> {item}"));
        }
        Kind::QSize(q) => {
            let queue = queue(world, q);
            let (size, empty, full) = (queue.len(), queue.is_empty(), queue.is_full());
            world.log(
                n,
                format!(
                    "qsize {q} {size} empty={} full={}",
                    py_bool(empty),
                    py_bool(full)
                ),
            );
        }
        Kind::Release(x) => {
            release(world, x)?;
            world.log(n, format!("release {x}"));
        }
        Kind::Inc(v) => {
            let value = {
                let mut counters = world.counters.borrow_mut();
                let counter = counters.get_mut(v).expect("a declared counter");
                *counter += 1;
                *counter
            };
            world.log(n, format!("inc {v} {value}"));
        }
        Kind::Locked(x) => {
            let locked = match world.obj(x) {
                Obj::Lock(lock) => lock.locked(),
                Obj::Sem(sem) => sem.locked(),
                _ => panic!("locked of {x}"),
            };
            world.log(n, format!("locked {x} {}", py_bool(locked)));
        }
        Kind::AllTasks => {
            let names: Vec<String> = all_tasks().iter().map(|task| task.name()).collect();
            world.log(n, format!("all_tasks [{}]", names.join(" ")));
        }
        Kind::Spawn(var, coro) => {
            let task = spawn(Coro::new(world, coro));
            let name = task.name();
            world.tasks.borrow_mut().insert(var.clone(), task);
            world.log(n, format!("spawn {var} {name}"));
        }
        Kind::TgSpawn(var, coro) => {
            let group = groups.last().expect("tg_spawn inside a taskgroup");
            let task = group
                .try_create_task(Coro::new(world, coro))
                .map_err(TaskError::raise)?;
            let name = task.name();
            world.tasks.borrow_mut().insert(var.clone(), task);
            world.log(n, format!("tg_spawn {var} {name}"));
        }
        Kind::Cancelling => {
            let count = current_task().expect("in a task").cancelling();
            world.log(n, format!("cancelling {count}"));
        }
        Kind::Uncancel => {
            let count = current_task().expect("in a task").uncancel();
            world.log(n, format!("uncancel {count}"));
        }
        Kind::Raise(label) => return Err(raise_boom(label)),
        Kind::Notify(c, count) => {
            condition(world, c).notify(*count);
            world.log(n, format!("notify {c}"));
        }
        Kind::NotifyAll(c) => {
            condition(world, c).notify_all();
            world.log(n, format!("notify_all {c}"));
        }
        Kind::TaskDone(q) => {
            let queue = queue(world, q);
            if queue.unfinished() == 0 {
                let error = ValueError::new("task_done() called too many times");
                return Err(TaskError::raise(error));
            }
            queue.task_done();
            world.log(n, format!("task_done {q}"));
        }
        Kind::Soon(callback) => {
            let (world2, callback) = (Rc::clone(world), (**callback).clone());
            get_running_loop().call_soon(move || run_callback(&world2, &callback));
            world.log(n, "soon");
        }
        Kind::Later(delay, callback) => {
            let (world2, callback) = (Rc::clone(world), (**callback).clone());
            get_running_loop().call_later(secs(*delay), move || run_callback(&world2, &callback));
            world.log(n, "later");
        }
        other => panic!("line {n}: {other:?} is not a statement that runs at once"),
    }
    Ok(())
}

/// `run_sync` of a loop callback: the statement, its exception logged and
/// swallowed.
fn run_callback(world: &Rc<World>, stmt: &Stmt) {
    if let Err(error) = run_sync(world, stmt, &Rc::new(Vec::new())) {
        world.log(stmt.line, format!("! {}", repr(&error)));
    }
}

fn task_var(world: &World, line: usize, var: &str) -> Option<Task<Val>> {
    let task = world.task(var);
    if task.is_none() {
        world.log(line, format!("unset {var}"));
    }
    task
}

fn event<'w>(world: &'w World, name: &str) -> &'w resumable::sync::Event {
    match world.obj(name) {
        Obj::Event(event) => event,
        _ => panic!("{name} is not an event"),
    }
}

fn queue<'w>(world: &'w World, name: &str) -> &'w resumable::sync::Queue<i64> {
    match world.obj(name) {
        Obj::Queue(queue) => queue,
        _ => panic!("{name} is not a queue"),
    }
}

fn condition<'w>(world: &'w World, name: &str) -> &'w resumable::sync::Condition {
    match world.obj(name) {
        Obj::Cond(condition) => condition,
        _ => panic!("{name} is not a condition"),
    }
}

/// `x.release()`, with asyncio's check for a lock.
fn release(world: &World, name: &str) -> Result<(), TaskError> {
    let not_acquired = || TaskError::raise(RuntimeError::new("Lock is not acquired."));
    match world.obj(name) {
        Obj::Lock(lock) if !lock.locked() => return Err(not_acquired()),
        Obj::Lock(lock) => lock.release(),
        Obj::Cond(condition) if !condition.locked() => return Err(not_acquired()),
        Obj::Cond(condition) => condition.release(),
        Obj::Sem(sem) => sem.release(),
        Obj::BSem(sem) => sem.release(),
        Obj::Event(_) | Obj::Queue(_) => panic!("release of {name}"),
    }
    Ok(())
}

/// `await x.acquire()` for anything `with` takes.
fn acquire(world: &World, name: &str) -> Awaiting<()> {
    match world.obj(name) {
        Obj::Lock(lock) => Box::new(lock.acquire()),
        Obj::Sem(sem) => Box::new(sem.acquire()),
        Obj::BSem(sem) => Box::new(sem.acquire()),
        Obj::Cond(condition) => Box::new(condition.acquire()),
        Obj::Event(_) | Obj::Queue(_) => panic!("acquire of {name}"),
    }
}

/// A task variable or a new coroutine, as gather, wait_for and shield take.
enum AnyArg {
    Task(Task<Val>),
    Coro(Coro),
}

enum ArgAwait {
    Join(Join<Val>),
    Coro(Coro),
}

impl Generator for ArgAwait {
    type Yield = Request;
    type Return = Val;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Outcome<Request, Val, TaskError> {
        match self {
            ArgAwait::Join(join) => join.resume(input),
            ArgAwait::Coro(coro) => coro.resume(input),
        }
    }
}

impl IntoTask for AnyArg {
    type Output = Val;
    type Awaitable = ArgAwait;

    fn into_task(self) -> Task<Val> {
        match self {
            AnyArg::Task(task) => task,
            AnyArg::Coro(coro) => spawn(coro),
        }
    }

    fn into_awaitable(self) -> ArgAwait {
        match self {
            AnyArg::Task(task) => ArgAwait::Join(task.join()),
            AnyArg::Coro(coro) => ArgAwait::Coro(coro),
        }
    }
}

/// The arguments of a composition, or `None` (after logging `unset`) if a
/// task variable is not set.
fn args(world: &Rc<World>, line: usize, args: &[Arg]) -> Option<Vec<AnyArg>> {
    for arg in args {
        if let Arg::Task(var) = arg {
            task_var(world, line, var)?.detach();
        }
    }
    let made = args.iter().map(|arg| match arg {
        Arg::Task(var) => AnyArg::Task(world.task(var).expect("checked above")),
        Arg::Coro(name) => AnyArg::Coro(Coro::new(world, name)),
    });
    Some(made.collect())
}

fn task_args(world: &Rc<World>, line: usize, vars: &[String]) -> Option<Vec<Task<Val>>> {
    vars.iter().map(|var| task_var(world, line, var)).collect()
}

/// What an awaiting statement awaits, and what it logs with the result.
struct AwaitThen<R> {
    world: Rc<World>,
    line: usize,
    make: Option<Box<dyn FnOnce() -> Option<Awaiting<R>>>>,
    running: Option<Awaiting<R>>,
    then: Option<Box<dyn FnOnce(R)>>,
}

impl<R: 'static> AwaitThen<R> {
    fn boxed(
        world: &Rc<World>,
        line: usize,
        make: impl FnOnce() -> Option<Awaiting<R>> + 'static,
        then: impl FnOnce(R) + 'static,
    ) -> Gen {
        Box::new(AwaitThen {
            world: Rc::clone(world),
            line,
            make: Some(Box::new(make)),
            running: None,
            then: Some(Box::new(then)),
        })
    }
}

impl<R> Generator for AwaitThen<R> {
    type Yield = Request;
    type Return = Flow;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        if let Some(make) = self.make.take() {
            input.sent()?;
            match make() {
                Some(running) => self.running = Some(running),
                None => return Ok(GeneratorState::Complete(Flow::Next)),
            }
            return self.resume(Resume::Next);
        }
        let running = self.running.as_mut().expect("made at the first resume");
        match running.resume(input) {
            Ok(GeneratorState::Yielded(request)) => Ok(GeneratorState::Yielded(request)),
            Ok(GeneratorState::Complete(value)) => {
                let then = self.then.take().expect("completes once");
                then(value);
                Ok(GeneratorState::Complete(Flow::Next))
            }
            Err(Exception::Raised(error)) => {
                self.world.log(self.line, format!("! {}", repr(&error)));
                Err(Exception::Raised(error))
            }
            Err(Exception::GeneratorExit) => Err(Exception::GeneratorExit),
        }
    }
}

/// The statements that await one thing and log its result.
fn awaiting(world: Rc<World>, stmt: &Stmt) -> Gen {
    let n = stmt.line;
    let w = Rc::clone(&world);
    let log = move |text: String| w.log(n, text);
    match stmt.kind.clone() {
        Kind::Sleep(delay) => AwaitThen::boxed(
            &world,
            n,
            move || Some(Box::new(sleep(secs(delay))) as Awaiting<()>),
            move |()| log("sleep".to_owned()),
        ),
        Kind::Await(var) => {
            let w = Rc::clone(&world);
            let var2 = var.clone();
            AwaitThen::boxed(
                &world,
                n,
                move || Some(Box::new(task_var(&w, n, &var)?.join()) as Awaiting<Val>),
                move |value: Val| log(format!("await {var2} -> {}", value.repr())),
            )
        }
        Kind::Call(coro) => {
            let w = Rc::clone(&world);
            let coro2 = coro.clone();
            AwaitThen::boxed(
                &world,
                n,
                move || Some(Box::new(Coro::new(&w, &coro)) as Awaiting<Val>),
                move |value: Val| log(format!("call {coro2} -> {}", value.repr())),
            )
        }
        Kind::Acquire(x) => {
            let w = Rc::clone(&world);
            let x2 = x.clone();
            AwaitThen::boxed(
                &world,
                n,
                move || Some(acquire(&w, &x)),
                move |()| {
                    log(format!("acquire {x2}"));
                },
            )
        }
        Kind::WaitEvent(e) => {
            let w = Rc::clone(&world);
            let e2 = e.clone();
            AwaitThen::boxed(
                &world,
                n,
                move || Some(Box::new(event(&w, &e).wait().map_return(|_| ())) as Awaiting<()>),
                move |()| log(format!("wait {e2}")),
            )
        }
        Kind::CWait(c) => {
            let w = Rc::clone(&world);
            let c2 = c.clone();
            AwaitThen::boxed(
                &world,
                n,
                move || Some(Box::new(condition(&w, &c).wait().map_return(|_| ())) as Awaiting<()>),
                move |()| log(format!("cwait {c2}")),
            )
        }
        Kind::CWaitFor(c, v, target) => {
            let w = Rc::clone(&world);
            let c2 = c.clone();
            AwaitThen::boxed(
                &world,
                n,
                move || {
                    let counters = Rc::clone(&w);
                    let predicate = move || counters.counter(&v) >= target;
                    let wait = condition(&w, &c).wait_for(predicate).map_return(|_| ());
                    Some(Box::new(wait) as Awaiting<()>)
                },
                move |()| log(format!("cwait_for {c2}")),
            )
        }
        Kind::Put(q, item) => {
            let w = Rc::clone(&world);
            let q2 = q.clone();
            AwaitThen::boxed(
                &world,
                n,
                move || Some(Box::new(queue(&w, &q).put(item)) as Awaiting<()>),
                move |()| log(format!("put {q2}")),
            )
        }
        Kind::Get(q) => {
            let w = Rc::clone(&world);
            let q2 = q.clone();
            AwaitThen::boxed(
                &world,
                n,
                move || Some(Box::new(queue(&w, &q).get()) as Awaiting<i64>),
                move |item| log(format!("get {q2} -> {item}")),
            )
        }
        Kind::Join(q) => {
            let w = Rc::clone(&world);
            let q2 = q.clone();
            AwaitThen::boxed(
                &world,
                n,
                move || Some(Box::new(queue(&w, &q).join()) as Awaiting<()>),
                move |()| log(format!("join {q2}")),
            )
        }
        Kind::Gather(list, rx) => {
            let w = Rc::clone(&world);
            AwaitThen::boxed(
                &world,
                n,
                move || {
                    let made = args(&w, n, &list)?;
                    Some(if rx {
                        let all = gather(made).return_exceptions().map_return(|results| {
                            let items = results
                                .into_iter()
                                .map(|result| result.unwrap_or_else(Val::Exc))
                                .collect();
                            Val::List(items)
                        });
                        Box::new(all) as Awaiting<Val>
                    } else {
                        Box::new(gather(made).map_return(Val::List)) as Awaiting<Val>
                    })
                },
                move |value: Val| log(format!("gather -> {}", value.repr())),
            )
        }
        Kind::Wait(vars, when, limit) => {
            let w = Rc::clone(&world);
            let mut toks: Vec<String> = Vec::new();
            for var in vars {
                if !toks.contains(&var) {
                    toks.push(var);
                }
            }
            let toks2 = toks.clone();
            let w2 = Rc::clone(&world);
            AwaitThen::boxed(
                &world,
                n,
                move || {
                    let tasks = task_args(&w, n, &toks)?;
                    let when = match when {
                        When::All => ReturnWhen::AllCompleted,
                        When::First => ReturnWhen::FirstCompleted,
                        When::Exc => ReturnWhen::FirstException,
                    };
                    let waiting = wait(tasks).return_when(when).timeout(limit.map(secs));
                    Some(Box::new(waiting) as Awaiting<_>)
                },
                move |(done, pending): (Vec<Task<Val>>, Vec<Task<Val>>)| {
                    let pick = |set: &[Task<Val>]| {
                        let picked: Vec<&str> = toks2
                            .iter()
                            .filter(|var| w2.task(var).is_some_and(|task| set.contains(&task)))
                            .map(String::as_str)
                            .collect();
                        picked.join(" ")
                    };
                    log(format!(
                        "wait done=[{}] pending=[{}]",
                        pick(&done),
                        pick(&pending)
                    ));
                },
            )
        }
        Kind::WaitFor(arg, limit) => {
            let w = Rc::clone(&world);
            AwaitThen::boxed(
                &world,
                n,
                move || {
                    let made = args(&w, n, &[arg])?.pop()?;
                    Some(Box::new(wait_for(made, limit.map(secs))) as Awaiting<Val>)
                },
                move |value: Val| log(format!("wait_for -> {}", value.repr())),
            )
        }
        Kind::Shield(arg) => {
            let w = Rc::clone(&world);
            AwaitThen::boxed(
                &world,
                n,
                move || {
                    let made = args(&w, n, &[arg])?.pop()?;
                    Some(Box::new(shield(made)) as Awaiting<Val>)
                },
                move |value: Val| log(format!("shield -> {}", value.repr())),
            )
        }
        other => panic!("line {n}: {other:?} does not await"),
    }
}

/// `try: block` / `except KIND as e: log; action`.
struct Try {
    world: Rc<World>,
    line: usize,
    body: BlockRun,
    catch: Catch,
    action: Action,
}

impl Try {
    fn catches(&self, error: &TaskError) -> bool {
        match self.catch {
            Catch::Cancelled => error.is_cancelled(),
            Catch::Timeout => error.is_timed_out(),
            Catch::Error => !error.is_cancelled(),
            Catch::Any => true,
        }
    }
}

impl Generator for Try {
    type Yield = Request;
    type Return = Flow;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        match self.body.resume(input) {
            Err(Exception::Raised(error)) if self.catches(&error) => {
                self.world
                    .log(self.line, format!("caught {}", repr(&error)));
                match &self.action {
                    Action::Pass => Ok(GeneratorState::Complete(Flow::Next)),
                    Action::Raise => Err(Exception::Raised(error)),
                    Action::Return(value) => {
                        let value = value.map_or(Val::None, Val::Int);
                        Ok(GeneratorState::Complete(Flow::Return(value)))
                    }
                }
            }
            other => other,
        }
    }
}

/// `for _ in range(N): block`.
struct Repeat {
    world: Rc<World>,
    block: Block,
    groups: Groups,
    body: BlockRun,
    left: u64,
}

impl Generator for Repeat {
    type Yield = Request;
    type Return = Flow;
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            if self.left == 0 {
                input.sent()?;
                return Ok(GeneratorState::Complete(Flow::Next));
            }
            match self.body.resume(input)? {
                GeneratorState::Complete(Flow::Next) => {
                    self.left -= 1;
                    let block = Rc::clone(&self.block);
                    self.body = BlockRun::new(&self.world, block, Rc::clone(&self.groups));
                    input = Resume::Next;
                }
                other => return Ok(other),
            }
        }
    }
}

/// A block that logs a line when it begins: the body of an `async with`.
struct Entered {
    world: Rc<World>,
    line: usize,
    text: &'static str,
    logged: bool,
    body: BlockRun,
}

impl Generator for Entered {
    type Yield = Request;
    type Return = Flow;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        if !self.logged {
            input.sent()?;
            self.logged = true;
            self.world.log(self.line, self.text);
            return self.body.resume(Resume::Next);
        }
        self.body.resume(input)
    }
}

/// `async with X:` for a lock, a semaphore or a condition.
struct With {
    world: Rc<World>,
    line: usize,
    name: String,
    stage: WithStage,
    body: BlockRun,
}

enum WithStage {
    Start,
    Acquiring(Awaiting<()>),
    Body,
}

impl With {
    fn new(world: Rc<World>, line: usize, name: &str, body: &Block, groups: &Groups) -> Self {
        With {
            body: BlockRun::new(&world, Rc::clone(body), Rc::clone(groups)),
            stage: WithStage::Start,
            world,
            line,
            name: name.to_owned(),
        }
    }

    /// The `exit` line, for what leaves the `async with` statement.
    fn log_exit(&self, outcome: Step) -> Step {
        match &outcome {
            Ok(GeneratorState::Complete(_)) => self.world.log(self.line, "exit"),
            Err(Exception::Raised(error)) => {
                self.world.log(self.line, format!("exit ! {}", repr(error)));
            }
            _ => {}
        }
        outcome
    }
}

impl Generator for With {
    type Yield = Request;
    type Return = Flow;
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        if let WithStage::Start = self.stage {
            input.sent()?;
            self.stage = WithStage::Acquiring(acquire(&self.world, &self.name));
            input = Resume::Next;
        }
        if let WithStage::Acquiring(acquiring) = &mut self.stage {
            match acquiring.resume(input) {
                Ok(GeneratorState::Yielded(request)) => {
                    return Ok(GeneratorState::Yielded(request))
                }
                // Not entered: nothing to release.
                Err(error) => return self.log_exit(Err(error)),
                Ok(GeneratorState::Complete(())) => {}
            }
            self.stage = WithStage::Body;
            self.world.log(self.line, format!("with {}", self.name));
            input = Resume::Next;
        }
        let outcome = match self.body.resume(input) {
            Ok(GeneratorState::Yielded(request)) => return Ok(GeneratorState::Yielded(request)),
            outcome => outcome,
        };
        // `__aexit__`: the release, whose error replaces the block's.
        let outcome = match release(&self.world, &self.name) {
            Ok(()) => outcome,
            Err(error) => Err(Exception::Raised(error)),
        };
        self.log_exit(outcome)
    }
}

/// `async with asyncio.timeout(T) as cm:`.
struct TimeoutBlock {
    world: Rc<World>,
    line: usize,
    cm: Timeout<Entered>,
}

impl TimeoutBlock {
    fn new(
        world: Rc<World>,
        line: usize,
        limit: Option<u64>,
        body: &Block,
        groups: &Groups,
    ) -> Self {
        let body = Entered {
            world: Rc::clone(&world),
            line,
            text: "timeout",
            logged: false,
            body: BlockRun::new(&world, Rc::clone(body), Rc::clone(groups)),
        };
        TimeoutBlock {
            cm: timeout(limit.map(secs), body),
            world,
            line,
        }
    }
}

impl Generator for TimeoutBlock {
    type Yield = Request;
    type Return = Flow;
    type Error = TaskError;

    fn resume(&mut self, input: Input) -> Step {
        let outcome = self.cm.resume(input);
        let expired = py_bool(self.cm.expired());
        match &outcome {
            Ok(GeneratorState::Complete(_)) => {
                self.world.log(self.line, format!("exit expired={expired}"));
            }
            Err(Exception::Raised(error)) => {
                let error = repr(error);
                self.world
                    .log(self.line, format!("exit ! {error} expired={expired}"));
            }
            _ => {}
        }
        outcome
    }
}

/// `async with asyncio.TaskGroup() as tg:`.
struct GroupBlock {
    world: Rc<World>,
    line: usize,
    body: Block,
    groups: Groups,
    scope: Option<resumable::scheduler::GroupScope<Entered>>,
}

impl Generator for GroupBlock {
    type Yield = Request;
    type Return = Flow;
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        if self.scope.is_none() {
            input.sent()?;
            let group = TaskGroup::new();
            let mut groups = (*self.groups).clone();
            groups.push(group.clone());
            let body = Entered {
                world: Rc::clone(&self.world),
                line: self.line,
                text: "taskgroup",
                logged: false,
                body: BlockRun::new(&self.world, Rc::clone(&self.body), Rc::new(groups)),
            };
            self.scope = Some(group.scope(body));
            input = Resume::Next;
        }
        let outcome = self.scope.as_mut().expect("set above").resume(input);
        match &outcome {
            Ok(GeneratorState::Complete(_)) => self.world.log(self.line, "exit"),
            Err(Exception::Raised(error)) => {
                self.world.log(self.line, format!("exit ! {}", repr(error)));
            }
            _ => {}
        }
        outcome
    }
}

/// `for f in asyncio.as_completed([...], timeout=T): r = await f`.
struct AsCompletedLoop {
    world: Rc<World>,
    line: usize,
    vars: Vec<String>,
    limit: Option<u64>,
    all: Option<resumable::scheduler::AsCompleted<Val>>,
    next: Option<resumable::scheduler::NextCompleted<Val>>,
}

impl Generator for AsCompletedLoop {
    type Yield = Request;
    type Return = Flow;
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        if self.all.is_none() {
            input.sent()?;
            let Some(tasks) = task_args(&self.world, self.line, &self.vars) else {
                return Ok(GeneratorState::Complete(Flow::Next));
            };
            self.all = Some(as_completed(tasks, self.limit.map(secs)));
            input = Resume::Next;
        }
        loop {
            if self.next.is_none() {
                match self.all.as_mut().expect("set above").next() {
                    Some(next) => self.next = Some(next),
                    None => return Ok(GeneratorState::Complete(Flow::Next)),
                }
            }
            let next = self.next.as_mut().expect("set above");
            match next.resume(input) {
                Ok(GeneratorState::Yielded(request)) => {
                    return Ok(GeneratorState::Yielded(request))
                }
                Ok(GeneratorState::Complete(value)) => {
                    self.world
                        .log(self.line, format!("next -> {}", value.repr()));
                    self.next = None;
                    input = Resume::Next;
                }
                Err(Exception::Raised(error)) => {
                    self.world.log(self.line, format!("! {}", repr(&error)));
                    return Err(Exception::Raised(error));
                }
                Err(Exception::GeneratorExit) => return Err(Exception::GeneratorExit),
            }
        }
    }
}
