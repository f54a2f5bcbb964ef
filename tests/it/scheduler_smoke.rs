use core::time::Duration;
use std::cell::RefCell;
use std::rc::Rc;

use resumable::scheduler::{sleep, spawn, Request, Runtime, Sleep, TaskError};
use resumable::{yield_from, Generator, GeneratorState, Outcome, Resume};

struct SayAfter {
    sleep: Sleep,
    msg: &'static str,
    out: Rc<RefCell<Vec<String>>>,
}

impl Generator for SayAfter {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;
    fn resume(&mut self, input: Resume<(), TaskError>) -> Outcome<Request, (), TaskError> {
        yield_from!(self.sleep, input)?;
        self.out.borrow_mut().push(format!("{} at {:?}", self.msg, resumable::scheduler::now()));
        Ok(GeneratorState::Complete(()))
    }
}

#[test]
fn smoke_two_tasks() {
    let out = Rc::new(RefCell::new(Vec::new()));
    let mut rt = Runtime::new();
    rt.record_trace();
    let o = out.clone();
    let mut started = false;
    let mut joins: Vec<resumable::scheduler::Join<()>> = Vec::new();
    let main = resumable::generator::from_fn(move |input: Resume<(), TaskError>| {
        if !started {
            started = true;
            let t1 = spawn(SayAfter { sleep: sleep(Duration::from_secs(1)), msg: "hello", out: o.clone() });
            let t2 = spawn(SayAfter { sleep: sleep(Duration::from_secs(2)), msg: "world", out: o.clone() });
            joins.push(t2.join());
            joins.push(t1.join());
        }
        while let Some(j) = joins.last_mut() {
            yield_from!(j, input)?;
            joins.pop();
            return Ok(GeneratorState::Yielded(Request::Yield));
        }
        Ok(GeneratorState::Complete(7))
    });
    assert_eq!(rt.run(main).unwrap(), 7);
    assert_eq!(*out.borrow(), ["hello at 1s", "world at 2s"]);
    assert_eq!(rt.now(), Duration::from_secs(2));
    println!("{}", rt.timeline());
}
