//! Several producers and consumers on one `asyncio.Queue`, each sleeping a
//! random time (seed 002, line 941).
//!
//! ```python
//! import asyncio
//! import random
//!
//! async def producer(queue, id):
//!     for i in range(5):
//!         await asyncio.sleep(random.uniform(0.1, 0.5))
//!         item = f"item-{id}-{i}"
//!         await queue.put(item)
//!         print(f"Producer {id} produced {item}")
//!
//! async def consumer(queue, id):
//!     while True:
//!         item = await queue.get()
//!         print(f"Consumer {id} consumed {item}")
//!         await asyncio.sleep(random.uniform(0.2, 0.4))
//!         queue.task_done()
//!
//! async def main():
//!     queue = asyncio.Queue()
//!
//!     producers = [asyncio.create_task(producer(queue, i)) for i in range(3)]
//!     consumers = [asyncio.create_task(consumer(queue, i)) for i in range(2)]
//!
//!     await asyncio.gather(*producers)
//!     await queue.join()
//!
//!     for consumer_ in consumers:
//!         consumer_.cancel()
//!
//! asyncio.run(main())
//! ```
//!
//! CPython 3.11 prints, for one draw of the random numbers (the seed's
//! draw is another, in another order):
//!
//! ```text
//! Producer 2 produced item-2-0
//! Consumer 0 consumed item-2-0
//! Producer 2 produced item-2-1
//! Consumer 1 consumed item-2-1
//! Producer 1 produced item-1-0
//! Producer 0 produced item-0-0
//! Consumer 0 consumed item-1-0
//! Consumer 1 consumed item-0-0
//! ...
//! Consumer 1 consumed item-0-4
//! Consumer 0 consumed item-1-4
//! ```
//!
//! Every draw prints the same thirty lines in some order: each of the
//! fifteen items produced once, then consumed once, in the order they were
//! produced (the queue is first in, first out), each producer's items in
//! turn. Which consumer takes which item, and how the lines interleave,
//! is the draw's. What Python prints depends only on the sleeps' lengths,
//! not on how long the program takes, so the tour runs on the virtual
//! clock, with [`Random`], a seeded xorshift: one fixed draw, not Python's.

use core::ops::ControlFlow::Continue;

use resumable::generator::{lazy, loop_fn, sequence, Generator};
use resumable::scheduler::{gather, sleep, spawn, Runtime};
use resumable::sync::Queue;

use crate::asyncio::{show_run, Coroutine, Random};
use crate::console::say;

/// `producer(queue, id)`.
fn producer(queue: Queue<String>, id: u32, random: Random) -> impl Coroutine {
    sequence((0..5).map(move |i| {
        let queue = queue.clone();
        sleep(random.uniform(0.1, 0.5)).then(move |()| {
            let item = format!("item-{id}-{i}");
            queue
                .put(item.clone())
                .map_return(move |()| say!("Producer {id} produced {item}"))
        })
    }))
}

/// `consumer(queue, id)`: `while True`, until it is cancelled.
fn consumer(queue: Queue<String>, id: u32, random: Random) -> impl Coroutine {
    loop_fn(queue, move |queue| {
        let random = random.clone();
        queue.get().then(move |item| {
            say!("Consumer {id} consumed {item}");
            sleep(random.uniform(0.2, 0.4)).map_return(move |()| {
                queue.task_done();
                Continue(queue.clone())
            })
        })
    })
}

/// `main()`.
fn main_task(random: Random) -> impl Coroutine {
    lazy(move || {
        let queue = Queue::new(0);
        let task = |i| spawn(producer(queue.clone(), i, random.clone()));
        let producers: Vec<_> = (0..3).map(task).collect();
        let task = |i| spawn(consumer(queue.clone(), i, random.clone()));
        let consumers: Vec<_> = (0..2).map(task).collect();
        gather(producers)
            .then(move |_| queue.join())
            .map_return(move |()| consumers.iter().for_each(|consumer| _ = consumer.cancel()))
    })
}

pub(crate) fn run() {
    show_run(Runtime::new().run(main_task(Random::seeded(941))));
}
