//! `without_send`: a plain iterator under a coroutine that takes values
//! (`yield from range(3)` in a coroutine), with CPython's `AttributeError`
//! for a real `send`.

use resumable::generator::{from_fn, from_iter, yield_from, AttributeError};
use resumable::{Exception, Generator, GeneratorState, Lifecycle, Outcome, Resume};

use crate::support::{Boom, Log};

/// The coroutine's own error type: its sub's `AttributeError`, or a `Boom`.
#[derive(Debug, PartialEq)]
enum Error {
    Attribute(AttributeError),
    Boom(Boom),
}

impl From<AttributeError> for Error {
    fn from(error: AttributeError) -> Self {
        Error::Attribute(error)
    }
}

#[test]
fn next_reaches_the_iterator() {
    let mut x = from_iter(0..3).without_send::<i32, Error>();
    assert_yielded!(x.next(), 0);
    assert_yielded!(x.next(), 1);
}

#[test]
fn a_real_send_raises_pythons_attribute_error() {
    // def g(): yield from range(3)
    // x = g(); next(x); x.send(5)
    // AttributeError: 'range_iterator' object has no attribute 'send'
    let mut x = yield_from(from_iter(0..3).without_send::<i32, Error>()).tracked();
    assert_yielded!(x.next(), 0);
    let Err(Exception::Raised(Error::Attribute(error))) = x.send(5) else {
        panic!("send(5) to a range under `yield from` must raise AttributeError")
    };
    assert!(
        error
            .to_string()
            .ends_with("' object has no attribute 'send'"),
        "{error}"
    );
}

#[test]
fn the_error_names_the_type_that_has_no_send() {
    let mut x = from_iter(0..3).without_send::<i32, AttributeError>();
    let _ = x.next();
    let Err(Exception::Raised(error)) = x.send(5) else {
        panic!("a real send must raise")
    };
    assert!(
        error
            .object()
            .contains("FromIter<core::ops::range::Range<i32>>"),
        "{}",
        error.object()
    );
}

#[test]
fn after_the_attribute_error_the_delegator_is_finished() {
    // Python: next(x) after the AttributeError raises StopIteration.
    let mut x = yield_from(from_iter(0..3).without_send::<i32, Error>()).tracked();
    let _ = x.next();
    let _ = x.send(5);
    assert_eq!(x.state(), Lifecycle::Closed);
}

#[test]
fn sending_unit_is_next() {
    let mut x = from_iter(0..3).without_send::<(), AttributeError>();
    assert_yielded!(x.next(), 0);
    assert_yielded!(x.send(()), 1); // send(None) is next()
}

#[test]
fn a_throw_closes_the_iterator_then_raises_in_the_delegator() {
    let log = Log::default();
    let cleaning = from_fn(|input: Resume| -> Outcome<u8> {
        if input.is_close() {
            log.push("cleanup");
            return Err(Exception::GeneratorExit);
        }
        Ok(GeneratorState::Yielded(1))
    });
    let mut x = cleaning.without_send::<i32, Error>();
    assert_yielded!(x.next(), 1);
    assert_raised!(x.throw(Error::Boom(Boom(7))), Error::Boom(Boom(7)));
    assert_eq!(log.take(), ["cleanup"]);
}
