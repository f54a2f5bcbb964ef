//! Nothing lost: every task's outcome reaches every task that awaits it,
//! once, under random cancellations and timeouts.
//!
//! Producers sleep, maybe catch their cancellation and return anyway, maybe
//! fail; awaiters await them through `join`, `wait_for`, `shield` and
//! `gather`; loop callbacks cancel producers and awaiters at random
//! moments. Whatever happens, an awaiter that gets a value gets the one its
//! producer returned; an awaiter that is not cancelled and whose producer
//! returned gets that value (even when the producer returned while being
//! cancelled for a timeout); a `wait_for` that times out leaves its producer
//! cancelled; and every task ends.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use proptest::prelude::*;
use resumable::scheduler::{
    gather, shield, sleep, wait_for, Gather, Join, Request, Runtime, Shield, Sleep, Task,
    TaskError, WaitFor,
};
use resumable::{yield_from, Exception, Generator, GeneratorState, Outcome, Resume};

type Input = Resume<(), TaskError>;

#[derive(Clone, Copy, Debug)]
enum Ending {
    Return,
    Fail,
}

#[derive(Clone, Debug)]
struct ProducerPlan {
    naps: Vec<u64>,
    catches: bool,
    ending: Ending,
}

#[derive(Clone, Copy, Debug)]
enum How {
    Join,
    WaitFor(u64),
    Shield,
    Gather,
}

#[derive(Clone, Debug)]
struct AwaiterPlan {
    producer: usize,
    how: How,
    delay: u64,
}

#[derive(Clone, Copy, Debug)]
enum Target {
    Producer(usize),
    Awaiter(usize),
}

#[derive(Clone, Debug)]
struct Program {
    producers: Vec<ProducerPlan>,
    awaiters: Vec<AwaiterPlan>,
    cancels: Vec<(u64, Target)>,
}

/// The value producer `index` returns: unique, so a mix-up shows.
fn value_of(index: usize) -> u64 {
    1000 + index as u64
}

/// `async def producer(): for n in naps: await sleep(n)`, catching a
/// cancellation (then returning at once) if `catches`.
struct Producer {
    index: usize,
    plan: ProducerPlan,
    at: usize,
    nap: Option<Sleep>,
}

impl Generator for Producer {
    type Yield = Request;
    type Return = u64;
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Outcome<Request, u64, TaskError> {
        loop {
            if let Some(nap) = &mut self.nap {
                match yield_from!(nap, input) {
                    Ok(()) => self.nap = None,
                    Err(Exception::Raised(error)) if error.is_cancelled() && self.plan.catches => {
                        return self.end();
                    }
                    Err(error) => return Err(error),
                }
            } else {
                input.sent()?;
            }
            input = Resume::Next;
            let Some(&seconds) = self.plan.naps.get(self.at) else {
                return self.end();
            };
            self.at += 1;
            self.nap = Some(sleep(Duration::from_secs(seconds)));
        }
    }
}

impl Producer {
    fn end(&self) -> Outcome<Request, u64, TaskError> {
        match self.plan.ending {
            Ending::Return => Ok(GeneratorState::Complete(value_of(self.index))),
            Ending::Fail => Err(TaskError::from(format!("producer {} failed", self.index)).into()),
        }
    }
}

enum Awaiting {
    Join(Join<u64>),
    WaitFor(WaitFor<Task<u64>>),
    Shield(Shield<Task<u64>>),
    Gather(Gather<Task<u64>>),
}

/// What awaiter `awaiter` saw: the outcome of its await.
#[derive(Debug)]
struct Seen {
    awaiter: usize,
    outcome: Result<u64, TaskError>,
}

/// `async def awaiter(): await asyncio.sleep(delay); r = await <how>(producer)`.
struct Awaiter {
    index: usize,
    plan: AwaiterPlan,
    producer: Task<u64>,
    nap: Option<Sleep>,
    awaiting: Option<Awaiting>,
    seen: Rc<RefCell<Vec<Seen>>>,
}

impl Awaiter {
    fn start(&self) -> Awaiting {
        let producer = self.producer.clone();
        match self.plan.how {
            How::Join => Awaiting::Join(producer.join()),
            How::WaitFor(limit) => {
                Awaiting::WaitFor(wait_for(producer, Duration::from_secs(limit)))
            }
            How::Shield => Awaiting::Shield(shield(producer)),
            How::Gather => Awaiting::Gather(gather([producer.clone(), producer])),
        }
    }

    fn note(&self, outcome: Result<u64, TaskError>) {
        self.seen.borrow_mut().push(Seen {
            awaiter: self.index,
            outcome,
        });
    }
}

impl Generator for Awaiter {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Outcome<Request, (), TaskError> {
        if let Some(nap) = &mut self.nap {
            yield_from!(nap, input)?;
            self.nap = None;
            input = Resume::Next;
        }
        if self.awaiting.is_none() {
            input.sent()?;
            input = Resume::Next;
            self.awaiting = Some(self.start());
        }
        let outcome = match self.awaiting.as_mut().expect("set above") {
            Awaiting::Join(join) => yield_from!(join, input),
            Awaiting::WaitFor(waiting) => yield_from!(waiting, input),
            Awaiting::Shield(shielded) => yield_from!(shielded, input),
            Awaiting::Gather(all) => yield_from!(all, input).map(|values| {
                assert_eq!(values[0], values[1], "gather gave one task two values");
                values[0]
            }),
        };
        match outcome {
            Ok(value) => {
                self.note(Ok(value));
                Ok(GeneratorState::Complete(()))
            }
            Err(Exception::Raised(error)) => {
                self.note(Err(error.clone()));
                Err(Exception::Raised(error))
            }
            Err(Exception::GeneratorExit) => Err(Exception::GeneratorExit),
        }
    }
}

fn producer_plan() -> impl Strategy<Value = ProducerPlan> {
    (
        prop::collection::vec(0u64..4, 0..3),
        any::<bool>(),
        prop_oneof![4 => Just(Ending::Return), 1 => Just(Ending::Fail)],
    )
        .prop_map(|(naps, catches, ending)| ProducerPlan {
            naps,
            catches,
            ending,
        })
}

fn how() -> impl Strategy<Value = How> {
    prop_oneof![
        Just(How::Join),
        (0u64..4).prop_map(How::WaitFor),
        Just(How::Shield),
        Just(How::Gather),
    ]
}

fn program() -> impl Strategy<Value = Program> {
    prop::collection::vec(producer_plan(), 1..5).prop_flat_map(|producers| {
        let count = producers.len();
        let awaiter = (0..count, how(), 0u64..3).prop_map(|(producer, how, delay)| AwaiterPlan {
            producer,
            how,
            delay,
        });
        (Just(producers), prop::collection::vec(awaiter, 1..7)).prop_flat_map(
            move |(producers, awaiters)| {
                let target = prop_oneof![
                    (0..count).prop_map(Target::Producer),
                    (0..awaiters.len()).prop_map(Target::Awaiter),
                ];
                let cancels = prop::collection::vec((0u64..5, target), 0..5);
                (Just(producers), Just(awaiters), cancels).prop_map(
                    |(producers, awaiters, cancels)| Program {
                        producers,
                        awaiters,
                        cancels,
                    },
                )
            },
        )
    })
}

/// Runs the program; returns the producers, the awaiters and what each
/// awaiter saw.
fn run(program: &Program) -> (Vec<Task<u64>>, Vec<Task<()>>, Vec<Seen>) {
    let mut rt = Runtime::new();
    let producers: Vec<Task<u64>> = program
        .producers
        .iter()
        .enumerate()
        .map(|(index, plan)| {
            rt.spawn(Producer {
                index,
                plan: plan.clone(),
                at: 0,
                nap: None,
            })
        })
        .collect();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let awaiters: Vec<Task<()>> = program
        .awaiters
        .iter()
        .enumerate()
        .map(|(index, plan)| {
            rt.spawn(Awaiter {
                index,
                plan: plan.clone(),
                producer: producers[plan.producer].clone(),
                nap: Some(sleep(Duration::from_secs(plan.delay))),
                awaiting: None,
                seen: Rc::clone(&seen),
            })
        })
        .collect();
    for &(at, target) in &program.cancels {
        let (producers, awaiters) = (producers.clone(), awaiters.clone());
        rt.call_later(Duration::from_secs(at), move || match target {
            Target::Producer(index) => drop(producers[index].cancel()),
            Target::Awaiter(index) => drop(awaiters[index].cancel()),
        });
    }
    rt.run_all()
        .expect("every task ends: nothing waits for ever");
    let seen = seen.take();
    (producers, awaiters, seen)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_outcome_reaches_its_awaiters(program in program()) {
        let (producers, awaiters, seen) = run(&program);
        for (index, awaiter) in awaiters.iter().enumerate() {
            let plan = &program.awaiters[index];
            let producer = &producers[plan.producer];
            let truth = producer.result().expect("every producer ends");
            prop_assert!(awaiter.done(), "awaiter {} never ended", index);
            let _ = awaiter.exception(); // retrieved: no "never retrieved" report
            let _ = producer.exception();
            let notes: Vec<&Seen> = seen.iter().filter(|s| s.awaiter == index).collect();
            prop_assert!(notes.len() <= 1, "awaiter {} got {} outcomes", index, notes.len());
            let cancelled_itself = awaiter.cancelling() > 0;
            if let (Ok(value), false) = (&truth, cancelled_itself) {
                // Whatever else happened (timeouts, the producer cancelled
                // by someone else and returning anyway), the value arrives.
                let got = notes.first().map(|s| s.outcome.as_ref().ok().copied());
                prop_assert_eq!(
                    got, Some(Some(*value)),
                    "awaiter {} ({:?}) lost the value of producer {}", index, plan.how, plan.producer
                );
            }
            let Some(note) = notes.first() else { continue };
            match (&note.outcome, &truth) {
                (Ok(value), Ok(returned)) => prop_assert_eq!(value, returned, "a wrong value arrived"),
                (Ok(value), Err(error)) => prop_assert!(
                    false, "{} arrived from a producer that ended with {}", value, error
                ),
                (Err(TaskError::TimedOut), _) => prop_assert!(
                    producer.cancelled(),
                    "wait_for timed out, yet producer {} was not cancelled", plan.producer
                ),
                (Err(TaskError::Failed(got)), Err(TaskError::Failed(raised))) => {
                    prop_assert_eq!(got.to_string(), raised.to_string());
                }
                (Err(TaskError::Failed(got)), _) => prop_assert!(
                    false, "{} arrived from producer {} that did not raise it", got, plan.producer
                ),
                (Err(_cancelled), _) => prop_assert!(
                    cancelled_itself || producer.cancelled(),
                    "awaiter {} was cancelled by nobody", index
                ),
            }
        }
    }
}
