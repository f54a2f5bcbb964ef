//! Property test: whatever way each block leaves (return, error,
//! cancellation while entering or inside, the runtime closing it), every
//! permit of a `BoundedSemaphore` comes back exactly once, every block that
//! entered exits once, and no more than the bound are ever inside.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;
use std::time::Duration;

use proptest::prelude::*;
use resumable::scheduler::{
    async_with, ready, sleep, AsyncContextManager, Leaving, Ready, RunError, Runtime, TaskError,
};
use resumable::sync::{BoundedSemaphore, Release, SemaphoreAcquire};
use resumable::Generator;

/// What the blocks have done so far.
#[derive(Default)]
struct Counts {
    entered: Cell<u32>,
    exited: Cell<u32>,
    inside: Cell<u32>,
    most_inside: Cell<u32>,
}

/// `async with sem:` that counts its exits.
struct Counted {
    sem: BoundedSemaphore,
    counts: Rc<Counts>,
}

impl AsyncContextManager for Counted {
    type Value = ();
    type Enter = SemaphoreAcquire;
    type Exit = Release;

    fn aenter(&mut self) -> SemaphoreAcquire {
        self.sem.aenter()
    }

    fn aexit(&mut self, leaving: &Leaving) -> Release {
        let counts = &self.counts;
        counts.exited.set(counts.exited.get() + 1);
        counts.inside.set(counts.inside.get() - 1);
        self.sem.aexit(leaving)
    }
}

/// One task: how long its body sleeps, whether it raises at the end, and
/// when (in half-seconds) it is cancelled, if it is.
#[derive(Clone, Debug)]
struct Block {
    body_halves: u64,
    raises: bool,
    cancel_at: Option<u64>,
}

fn block() -> impl Strategy<Value = Block> {
    (1u64..6, any::<bool>(), prop::option::of(0u64..8)).prop_map(
        |(body_halves, raises, cancel_at)| Block {
            body_halves,
            raises,
            cancel_at,
        },
    )
}

fn halves(n: u64) -> Duration {
    Duration::from_millis(500 * n)
}

proptest! {
    #[test]
    fn every_permit_comes_back_once_on_every_way_out(
        permits in 1usize..4,
        blocks in prop::collection::vec(block(), 1..8),
        close_at in 1u64..12,
    ) {
        let sem = BoundedSemaphore::new(permits);
        let counts = Rc::new(Counts::default());
        let mut rt = Runtime::new();
        for block in &blocks {
            let manager = Counted { sem: sem.clone(), counts: Rc::clone(&counts) };
            let (counts, body, raises) = (Rc::clone(&counts), halves(block.body_halves), block.raises);
            let statement = async_with(manager, move |()| {
                counts.entered.set(counts.entered.get() + 1);
                counts.inside.set(counts.inside.get() + 1);
                counts.most_inside.set(counts.most_inside.get().max(counts.inside.get()));
                let end = if raises { Ready::raise(TaskError::raise(fmt::Error)) } else { ready(()) };
                sleep(body).chain(end)
            });
            let task = rt.spawn(statement);
            if let Some(at) = block.cancel_at {
                let task = task.clone();
                rt.call_later(halves(at), move || { task.cancel(); });
            }
            task.detach();
        }
        let lp = rt.event_loop();
        rt.call_later(halves(close_at), move || lp.stop());
        let _ = rt.run_forever();
        rt.close(); // the blocks still waiting or inside are closed

        prop_assert_eq!(sem.value(), permits, "permits lost: {:?}", blocks);
        prop_assert_eq!(counts.entered.get(), counts.exited.get(), "entered vs exited: {:?}", blocks);
        prop_assert!(counts.most_inside.get() as usize <= permits, "{} inside at once", counts.most_inside.get());
    }
}

/// The property's error path on its own: a body that raises at once.
#[test]
fn a_raising_body_gives_its_permit_back() {
    let sem = BoundedSemaphore::new(1);
    let block = async_with(sem.clone(), |()| {
        Ready::<()>::raise(TaskError::raise(fmt::Error))
    });
    let ran = Runtime::new().run(block);
    assert!(matches!(ran, Err(RunError::Task(TaskError::Failed(_)))));
    assert_eq!(sem.value(), 1);
}
