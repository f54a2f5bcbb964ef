//! What a running script shares: its declared objects, its task variables
//! and counters, and the trace it writes.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use resumable::scheduler::{current_task, now, Task};
use resumable::sync::{BoundedSemaphore, Condition, Event, Lock, Queue, Semaphore};

use crate::script::Program;
use crate::value::Val;

pub(crate) enum Obj {
    Lock(Lock),
    Event(Event),
    Sem(Semaphore),
    BSem(BoundedSemaphore),
    Cond(Condition),
    Queue(Queue<i64>),
}

pub(crate) struct World {
    pub(crate) program: Program,
    pub(crate) objs: HashMap<String, Obj>,
    pub(crate) tasks: RefCell<HashMap<String, Task<Val>>>,
    pub(crate) counters: RefCell<HashMap<String, i64>>,
    pub(crate) out: RefCell<Vec<String>>,
    pub(crate) tracing: Cell<bool>,
}

impl World {
    pub(crate) fn new(program: Program) -> Rc<Self> {
        let mut objs = HashMap::new();
        let mut counters = HashMap::new();
        for decl in &program.decls {
            let n = decl.arg.unwrap_or(0);
            let obj = match decl.kind.as_str() {
                "counter" => {
                    counters.insert(decl.name.clone(), 0);
                    continue;
                }
                "lock" => Obj::Lock(Lock::new()),
                "event" => Obj::Event(Event::new()),
                "sem" => Obj::Sem(Semaphore::new(n as usize)),
                "bsem" => Obj::BSem(BoundedSemaphore::new(n as usize)),
                "cond" => Obj::Cond(Condition::new()),
                "queue" => Obj::Queue(Queue::new(n as usize)),
                other => panic!("unknown declaration {other}"),
            };
            objs.insert(decl.name.clone(), obj);
        }
        Rc::new(World {
            program,
            objs,
            tasks: RefCell::new(HashMap::new()),
            counters: RefCell::new(counters),
            out: RefCell::new(Vec::new()),
            tracing: Cell::new(true),
        })
    }

    /// `<time> <who> <text>`, while tracing.
    pub(crate) fn emit(&self, text: impl AsRef<str>) {
        if !self.tracing.get() {
            return;
        }
        let who = current_task().map_or_else(|| "cb".to_owned(), |task| task.name());
        let line = format!("{} {who} {}", now().as_secs(), text.as_ref());
        self.out.borrow_mut().push(line);
    }

    pub(crate) fn log(&self, line: usize, text: impl AsRef<str>) {
        self.emit(format!("@{line} {}", text.as_ref()));
    }

    pub(crate) fn obj(&self, name: &str) -> &Obj {
        self.objs
            .get(name)
            .unwrap_or_else(|| panic!("{name} is not declared"))
    }

    pub(crate) fn task(&self, var: &str) -> Option<Task<Val>> {
        self.tasks.borrow().get(var).cloned()
    }

    pub(crate) fn counter(&self, name: &str) -> i64 {
        self.counters.borrow()[name]
    }
}
