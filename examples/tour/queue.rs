//! `asyncio.Queue`: producers put, consumers get, `join()` waits until every
//! item was marked done. With `maxsize`, a full queue makes the producer
//! wait; a pool of workers shares one queue of jobs.
//!
//! ```python
//! async def producer(queue):
//!     for i in range(5):
//!         await asyncio.sleep(1)
//!         await queue.put(f"item-{i}")
//!         print(f"Produced item-{i}")
//!
//! async def consumer(queue):
//!     while True:
//!         item = await queue.get()
//!         print(f"Consumed {item}")
//!         queue.task_done()
//!
//! async def main():
//!     queue = asyncio.Queue()
//!
//!     producer_task = asyncio.create_task(producer(queue))
//!     consumer_task = asyncio.create_task(consumer(queue))
//!
//!     await producer_task
//!     await queue.join()
//!
//!     consumer_task.cancel() # так как consumer в бесконечном цикле
//!
//! asyncio.run(main())
//!
//!
//! async def limited_producer(queue):
//!     for i in range(10):
//!         await queue.put(f"item-{i}")
//!         print(f"Produced item-{i}")
//!         await asyncio.sleep(0.1)
//!
//! async def limited_consumer(queue):
//!     while True:
//!         item = await queue.get()
//!         print(f"Consumed {item}")
//!         await asyncio.sleep(0.3)
//!         queue.task_done()
//!
//! async def main():
//!     queue = asyncio.Queue(maxsize=3)
//!
//!     producer_task = asyncio.create_task(limited_producer(queue))
//!     consumer_task = asyncio.create_task(limited_consumer(queue))
//!
//!     await producer_task
//!     await queue.join()
//!
//!     consumer_task.cancel()
//!
//! asyncio.run(main())
//!
//!
//! async def worker(name, q):
//!     while True:
//!         url = await q.get()
//!         try:
//!             await fetch(url)
//!         finally:
//!             q.task_done()
//!
//! q = asyncio.Queue()
//! for u in urls:
//!     q.put_nowait(u)
//!
//! workers = [asyncio.create_task(worker(i, q)) for i in range(5)]
//! await q.join()
//! for w in workers:
//!     w.cancel()
//! ```
//!
//! The seeds print (the first two from seed 002; the worker pool, from
//! seeds 000 and 003, is a sketch with no output):
//!
//! ```text
//! Produced item-0
//! Consumed item-0
//! Produced item-1
//! Consumed item-1
//! Produced item-2
//! Consumed item-2
//! Produced item-3
//! Consumed item-3
//! Produced item-4
//! Consumed item-4
//!
//! Produced item-0
//! Consumed item-0
//! Produced item-1
//! Produced item-2
//! Consumed item-1
//! Produced item-3
//! Produced item-4
//! Consumed item-2
//! Produced item-5
//! Consumed item-3
//! Produced item-6
//! Consumed item-4
//! Produced item-7
//! Consumed item-5
//! Produced item-8
//! Consumed item-6
//! Produced item-9
//! Consumed item-7
//! Consumed item-8
//! Consumed item-9
//! ```
//!
//! With `maxsize=3` the producer soon waits for room: from `item-4` on,
//! each `Produced` follows a `Consumed`, every 0.3 s.
//!
//! The worker pool is run with what the sketch leaves out: twelve `urls`,
//! a `fetch(url)` that sleeps a second (no network), a `main()` around the
//! top-level code, and one print added after the fetch,
//! `print(f"worker {name} fetched {url}")`, so there is something to see.
//! CPython 3.11 then prints what the tour prints: five workers take five
//! URLs a second, in order, and the loop's clock ends at 3 s, the tour's
//! `#` line.

use core::time::Duration;

use resumable::scheduler::{sleep, spawn, Join, Request, Runtime, Sleep, Task, TaskError};
use resumable::sync::{Get, Put, Queue, QueueJoin};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::asyncio::{millis, say_clock, show_run, Input, Step, SECOND};
use crate::console::say;

/// What a producer is awaiting.
enum Produce {
    Start,
    Sleeping(Sleep),
    Putting(Put<String>),
}

/// `producer(queue)` (sleep, then put) and `limited_producer(queue)` (put,
/// then sleep).
struct Producer {
    queue: Queue<String>,
    count: u32,
    pause: Duration,
    sleep_first: bool,
    i: u32,
    slept: bool,
    put: bool,
    stage: Produce,
}

fn producer(queue: &Queue<String>, count: u32, pause: Duration, sleep_first: bool) -> Producer {
    Producer {
        queue: queue.clone(),
        count,
        pause,
        sleep_first,
        i: 0,
        slept: false,
        put: false,
        stage: Produce::Start,
    }
}

impl Generator for Producer {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match &mut self.stage {
                Produce::Start => {
                    input.sent()?;
                }
                Produce::Sleeping(nap) => {
                    yield_from!(nap, input)?;
                    self.slept = true;
                }
                Produce::Putting(put) => {
                    yield_from!(put, input)?;
                    say!("Produced item-{}", self.i);
                    self.put = true;
                }
            }
            input = Resume::Next;
            if self.slept && self.put {
                // The end of the loop's body: the next i.
                (self.i, self.slept, self.put) = (self.i + 1, false, false);
            }
            if self.i == self.count {
                return Ok(Complete(()));
            }
            let sleep_next = if self.sleep_first {
                !self.slept
            } else {
                self.put
            };
            self.stage = if sleep_next {
                Produce::Sleeping(sleep(self.pause))
            } else {
                Produce::Putting(self.queue.put(format!("item-{}", self.i)))
            };
        }
    }
}

/// What a consumer is awaiting.
enum Consume {
    Getting(Get<String>),
    Working(Sleep),
}

/// `consumer(queue)` (no work) and `limited_consumer(queue)` (0.3 s of
/// work per item).
struct Consumer {
    queue: Queue<String>,
    work: Option<Duration>,
    stage: Consume,
}

fn consumer(queue: &Queue<String>, work: Option<Duration>) -> Consumer {
    Consumer {
        queue: queue.clone(),
        work,
        stage: Consume::Getting(queue.get()),
    }
}

impl Generator for Consumer {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match &mut self.stage {
                Consume::Getting(get) => {
                    let item = yield_from!(get, input)?;
                    say!("Consumed {item}");
                    if let Some(work) = self.work {
                        self.stage = Consume::Working(sleep(work));
                        input = Resume::Next;
                        continue;
                    }
                }
                Consume::Working(nap) => yield_from!(nap, input)?,
            }
            self.queue.task_done();
            self.stage = Consume::Getting(self.queue.get());
            input = Resume::Next;
        }
    }
}

/// The two `main()`s: await the producer, then the queue, then cancel the
/// consumer. Each field is one `await`, `Some` while it is the one awaited.
struct Main {
    queue: Queue<String>,
    start: Option<(Producer, Consumer)>,
    consumer_task: Option<Task<()>>,
    producer_task: Option<Join<()>>,
    joining: Option<QueueJoin<String>>,
}

fn main(queue: &Queue<String>, producer: Producer, consumer: Consumer) -> Main {
    Main {
        queue: queue.clone(),
        start: Some((producer, consumer)),
        consumer_task: None,
        producer_task: None,
        joining: None,
    }
}

impl Generator for Main {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        if let Some((producer, consumer)) = self.start.take() {
            input.sent()?;
            input = Resume::Next;
            self.producer_task = Some(spawn(producer).join());
            self.consumer_task = Some(spawn(consumer));
        }
        if let Some(producer_task) = &mut self.producer_task {
            yield_from!(producer_task, input)?; // await producer_task
            self.producer_task = None;
            self.joining = Some(self.queue.join());
            input = Resume::Next;
        }
        if let Some(joining) = &mut self.joining {
            yield_from!(joining, input)?; // await queue.join()
        }
        if let Some(consumer_task) = self.consumer_task.take() {
            consumer_task.cancel(); // так как consumer в бесконечном цикле
        }
        Ok(Complete(()))
    }
}

/// What a worker is awaiting.
enum Work {
    Getting(Get<String>),
    Fetching(String, Sleep),
}

/// `worker(name, q)`, with the added print.
struct Worker {
    name: u32,
    q: Queue<String>,
    stage: Work,
}

impl Generator for Worker {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        loop {
            match &mut self.stage {
                Work::Getting(get) => {
                    let url = yield_from!(get, input)?;
                    self.stage = Work::Fetching(url, sleep(SECOND)); // fetch(url)
                }
                Work::Fetching(url, fetch) => {
                    let fetched = yield_from!(fetch, input);
                    if fetched.is_ok() {
                        say!("worker {} fetched {url}", self.name);
                    }
                    self.q.task_done(); // finally:
                    fetched?;
                    self.stage = Work::Getting(self.q.get());
                }
            }
            input = Resume::Next;
        }
    }
}

/// The worker pool's top-level code, as a `main()`.
struct Pool {
    q: Queue<String>,
    workers: Vec<Task<()>>,
    joining: Option<QueueJoin<String>>,
}

impl Generator for Pool {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let joining = match &mut self.joining {
            Some(joining) => joining,
            None => {
                input.sent()?;
                input = Resume::Next;
                let urls = (0..12).map(|i| format!("https://example.com/{i}"));
                for u in urls {
                    let _ = self.q.try_put(u); // q.put_nowait(u): unbounded, never full
                }
                self.workers = (0..5)
                    .map(|name| {
                        let stage = Work::Getting(self.q.get());
                        spawn(Worker {
                            name,
                            q: self.q.clone(),
                            stage,
                        })
                    })
                    .collect();
                self.joining.insert(self.q.join())
            }
        };
        yield_from!(joining, input)?; // await q.join()
        for w in &self.workers {
            w.cancel();
        }
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    let queue = Queue::new(0);
    let unbounded = main(
        &queue,
        producer(&queue, 5, SECOND, true),
        consumer(&queue, None),
    );
    show_run(Runtime::new().run(unbounded));

    let queue = Queue::new(3);
    let limited = main(
        &queue,
        producer(&queue, 10, millis(100), false),
        consumer(&queue, Some(millis(300))),
    );
    show_run(Runtime::new().run(limited));

    let mut rt = Runtime::new();
    show_run(rt.run(Pool {
        q: Queue::new(0),
        workers: Vec::new(),
        joining: None,
    }));
    say_clock(&rt);
}
