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

use resumable::generator::{lazy, sequence, Generator};
use resumable::scheduler::{sleep, spawn, Runtime};
use resumable::sync::Queue;

use crate::asyncio::{forever, millis, say_clock, show_run, Coroutine, SECOND};
use crate::console::say;

/// `producer(queue)`: five rounds of a sleep, then a put.
fn producer(queue: Queue<String>) -> impl Coroutine {
    sequence((0..5).map(move |i| {
        let queue = queue.clone();
        sleep(SECOND)
            .then(move |()| queue.put(format!("item-{i}")))
            .map_return(move |()| say!("Produced item-{i}"))
    }))
}

/// `consumer(queue)`: gets, prints and marks done, forever.
fn consumer(queue: Queue<String>) -> impl Coroutine {
    forever(move || {
        let queue = queue.clone();
        queue.get().map_return(move |item| {
            say!("Consumed {item}");
            queue.task_done();
        })
    })
}

/// The two `main()`s: the queue and the two tasks; await the producer,
/// then the queue, then cancel the consumer.
fn main_task<P: Coroutine + 'static, C: Coroutine + 'static>(
    maxsize: usize,
    producer: fn(Queue<String>) -> P,
    consumer: fn(Queue<String>) -> C,
) -> impl Coroutine {
    lazy(move || {
        let queue = Queue::new(maxsize);
        let producer_task = spawn(producer(queue.clone()));
        let consumer_task = spawn(consumer(queue.clone()));
        producer_task
            .join() // await producer_task
            .then(move |()| queue.join()) // await queue.join()
            .map_return(move |()| {
                consumer_task.cancel(); // так как consumer в бесконечном цикле
            })
    })
}

/// `limited_producer(queue)`: ten rounds of a put, then a sleep.
fn limited_producer(queue: Queue<String>) -> impl Coroutine {
    sequence((0..10).map(move |i| {
        queue
            .put(format!("item-{i}"))
            .map_return(move |()| say!("Produced item-{i}"))
            .then(|()| sleep(millis(100)))
    }))
}

/// `limited_consumer(queue)`: 0.3 s of work per item.
fn limited_consumer(queue: Queue<String>) -> impl Coroutine {
    forever(move || {
        let queue = queue.clone();
        queue
            .get()
            .then(|item| {
                say!("Consumed {item}");
                sleep(millis(300))
            })
            .map_return(move |()| queue.task_done())
    })
}

/// `worker(name, q)`, with the added print.
fn worker(name: u32, q: Queue<String>) -> impl Coroutine {
    forever(move || {
        let q = q.clone();
        q.get().then(move |url| {
            sleep(SECOND) // await fetch(url)
                .map_return(move |()| say!("worker {name} fetched {url}"))
                .finally(move || q.task_done())
        })
    })
}

/// The worker pool's top-level code, as a `main()`.
fn pool() -> impl Coroutine {
    lazy(|| {
        let q = Queue::new(0);
        let urls = (0..12).map(|i| format!("https://example.com/{i}"));
        for u in urls {
            let _ = q.try_put(u); // q.put_nowait(u): unbounded, never full
        }
        let workers: Vec<_> = (0..5).map(|name| spawn(worker(name, q.clone()))).collect();
        q.join().map_return(move |()| {
            for w in &workers {
                w.cancel();
            }
        })
    })
}

pub(crate) fn run() {
    show_run(Runtime::new().run(main_task(0, producer, consumer)));
    show_run(Runtime::new().run(main_task(3, limited_producer, limited_consumer)));

    let mut rt = Runtime::new();
    show_run(rt.run(pool()));
    say_clock(&rt);
}
