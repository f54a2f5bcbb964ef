//! `Box<dyn Generator>` and `&mut dyn Generator` keep working.

use std::convert::Infallible;

use resumable::generator::{from_iter, once};
use resumable::{Generator, Lifecycle};

use crate::support::{Boom, Log, Probe};

type Dyn<'a> = dyn Generator<i32, Yield = i32, Return = &'static str, Error = Boom> + 'a;

#[test]
fn boxed_dyn_generator_is_a_generator() {
    let log = Log::default();
    let mut gen: Box<Dyn<'_>> = Box::new(Probe::new(&log, 1));
    assert_yielded!(gen.next(), 1);
    assert_complete!(gen.send(3), "done");
}

#[test]
fn mut_dyn_generator_is_a_generator() {
    let log = Log::default();
    let mut probe = Probe::new(&log, 1);
    let gen: &mut Dyn<'_> = &mut probe;
    assert_yielded!(gen.next(), 1);
}

#[test]
fn boxed_dyn_generators_of_different_types_share_a_vec() {
    let mut gens: Vec<Box<dyn Generator<Yield = u8, Return = (), Error = Infallible>>> =
        vec![Box::new(once(1)), Box::new(from_iter([2, 3]))];
    let firsts: Vec<_> = gens.iter_mut().map(|g| g.next()).collect();
    assert_eq!(
        firsts,
        [
            Ok(resumable::GeneratorState::Yielded(1)),
            Ok(resumable::GeneratorState::Yielded(2))
        ]
    );
}

#[test]
fn boxed_dyn_generator_can_be_tracked() {
    let gen: Box<dyn Generator<Yield = u8, Return = (), Error = Infallible>> = Box::new(once(1));
    let mut gen = gen.tracked();
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.state(), Lifecycle::Suspended);
}

fn assert_send_sync<T: Send + Sync>(_: &T) {}

#[test]
fn sources_and_adapters_are_send_and_sync_when_their_parts_are() {
    let gen = from_iter(0..3)
        .map_yield(|n| n * 2)
        .map_return(|()| 1)
        .with_error::<Boom>()
        .tracked();
    assert_send_sync(&gen);
    assert_send_sync(&resumable::generator::yield_from(once(1)).chain(once(2)));
}
