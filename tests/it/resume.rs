//! Python's `next` and `send`: the first resume runs to the first yield, sent
//! values arrive, the return value is delivered once, and the lifecycle is
//! observable after every step.

use resumable::{Generator, Lifecycle};

use crate::support::{Log, Probe};

#[test]
fn creating_a_generator_runs_none_of_its_code() {
    let log = Log::default();
    let gen = Probe::new(&log, 2).tracked();
    assert_eq!(gen.state(), Lifecycle::Created);
    assert!(log.take().is_empty());
}

#[test]
fn first_resume_runs_to_the_first_yield() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2).tracked();
    assert_yielded!(gen.next(), 1);
    assert_eq!(log.take(), ["start"]);
    assert_eq!(gen.state(), Lifecycle::Suspended);
}

#[test]
fn sent_value_becomes_the_value_of_the_yield() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 3).tracked();
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.send(10), 2);
    assert_yielded!(gen.send(20), 3);
    assert_eq!(log.take(), ["start", "got 10", "got 20"]);
}

#[test]
fn next_on_a_suspended_coroutine_sends_none() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 2).tracked();
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.next(), 2);
    assert_eq!(log.take(), ["start", "got None"]);
}

#[test]
fn return_value_is_delivered_once_and_closes_the_generator() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 1).tracked();
    assert_yielded!(gen.next(), 1);
    assert_complete!(gen.send(5), "done");
    assert_eq!(gen.state(), Lifecycle::Closed);
}

#[test]
#[should_panic(expected = "generator resumed after completion")]
fn resuming_after_the_return_value_panics() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 0).tracked();
    assert_complete!(gen.next(), "done");
    let _ = gen.next();
}

#[test]
fn zero_sized_send_starts_a_generator_like_send_none() {
    let mut gen = resumable::generator::once('a').tracked();
    assert_yielded!(gen.send(()), 'a');
    assert_eq!(gen.state(), Lifecycle::Suspended);
}

#[test]
fn a_generator_with_a_unit_send_type_is_an_iterator() {
    let collected: Vec<char> = resumable::generator::from_iter("abc".chars())
        .tracked()
        .into_iter()
        .collect();
    assert_eq!(collected, ['a', 'b', 'c']);
}

#[test]
fn iteration_can_stop_and_resume_where_it_left_off() {
    let mut gen = resumable::generator::from_iter(1..=5).tracked();
    let first: Vec<_> = (&mut gen).into_iter().take(2).collect();
    let rest: Vec<_> = (&mut gen).into_iter().collect();
    assert_eq!((first, rest), (vec![1, 2], vec![3, 4, 5]));
    assert_eq!(gen.state(), Lifecycle::Closed);
}
