//! An `Infallible` error costs nothing: the crate's generators are exactly as
//! large as the state they carry.

use std::mem::size_of;
use std::ops::Range;

use resumable::generator::{from_iter, once, yield_from, FromIter, Once, YieldFrom};
use resumable::{Generator, Outcome};

#[test]
fn from_iter_is_its_iterator_plus_the_fuse_flag() {
    assert_eq!(
        size_of::<FromIter<Range<u32>>>(),
        size_of::<std::iter::Fuse<Range<u32>>>()
    );
}

#[test]
fn yield_from_adds_nothing_to_its_subgenerator() {
    assert_eq!(size_of::<YieldFrom<Once<u64>>>(), size_of::<Once<u64>>());
    let nested = yield_from(yield_from(yield_from(once(1u64))));
    assert_eq!(size_of_val(&nested), size_of::<Once<u64>>());
}

#[test]
fn adapters_add_only_their_closures() {
    let gen = from_iter(0..3u32).map_yield(|n| n + 1).map_return(|()| 0u8);
    assert_eq!(size_of_val(&gen), size_of::<FromIter<Range<u32>>>());
}

#[test]
fn infallible_outcome_is_no_larger_than_its_values_and_one_tag() {
    // With `Infallible`, `Raised` is impossible: only GeneratorExit remains.
    assert_eq!(
        size_of::<Outcome<u32>>(),
        size_of::<Result<Result<u32, ()>, ()>>()
    );
}

#[test]
fn with_error_adds_nothing() {
    assert_eq!(
        size_of_val(&once(1u64).with_error::<String>()),
        size_of::<Once<u64>>()
    );
}
