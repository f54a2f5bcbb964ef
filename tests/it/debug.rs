//! The `Debug` output of public types: what a learner sees in `{:?}`.

use resumable::generator::{empty, from_fn, from_iter, once, yield_from};
use resumable::{CloseError, Exception, Generator, Outcome, Resume};

use crate::support::Boom;

#[test]
fn debug_of_sources_and_adapters() {
    let lines = [
        format!("{:?}", from_iter(0..3)),
        format!("{:?}", once('x')),
        format!("{:?}", empty::<u8>()),
        format!(
            "{:?}",
            from_fn(|_: Resume| -> Outcome<()> { Err(Exception::GeneratorExit) })
        ),
        format!(
            "{:?}",
            yield_from(once(1)).map_yield(|x| x).map_return(|()| 0)
        ),
        format!("{:?}", once(1).chain(once(2))),
        format!("{:?}", once(1).with_error::<Boom>()),
        format!("{:?}", once(1).tracked()),
        format!("{:?}", once(1).close_on_drop()),
        format!("{:?}", once(1).tracked().into_iter()),
    ];
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn debug_of_errors_shows_the_value_yielded_while_closing() {
    let ignored: CloseError<Vec<u8>, Boom> = CloseError::IgnoredExit(vec![1, 2, 3]);
    let raised: CloseError<Vec<u8>, Boom> = CloseError::Raised(Boom(4));
    assert_eq!(format!("{ignored:?}"), "IgnoredExit([1, 2, 3])");
    assert_eq!(format!("{raised:?}"), "Raised(Boom(4))");
    assert_eq!(format!("{raised}"), "boom 4");
}
