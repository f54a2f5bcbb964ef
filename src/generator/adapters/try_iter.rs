use core::iter::FusedIterator;

use crate::generator::{Exception, Generator, GeneratorState, Resume};

/// An iterator over what a fallible generator yields, each item a
/// `Result`: Python's `for x in gen` (or `list(gen)`) when `gen` may raise.
///
/// This `struct` is created by the [`try_iter`](Generator::try_iter) method
/// on [`Generator`]. See its documentation for more.
///
/// Each `next` resumes the generator with [`Resume::Next`]:
///
/// | the generator | the iterator |
/// |---|---|
/// | yields `y` | `Some(Ok(y))` |
/// | raises `e` | `Some(Err(e))`, then `None` for good |
/// | returns (`StopIteration`) | `None` for good; the return value is dropped |
///
/// After an error the generator is finished (it raised), so the iterator
/// does not resume it again: it ends, as Python's `for` ends with the
/// exception. This is the shape `collect::<Result<Vec<_>, _>>()` expects.
#[derive(Clone, Debug)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct TryIter<G> {
    generator: G,
    finished: bool,
}

impl<G> TryIter<G> {
    pub(crate) fn new(generator: G) -> Self {
        TryIter {
            generator,
            finished: false,
        }
    }
}

impl<G: Generator<()>> Iterator for TryIter<G> {
    type Item = Result<G::Yield, G::Error>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        match self.generator.resume(Resume::Next) {
            Ok(GeneratorState::Yielded(value)) => Some(Ok(value)),
            // GeneratorExit raised by the generator itself ends it, as in `Iter`.
            Ok(GeneratorState::Complete(_)) | Err(Exception::GeneratorExit) => {
                self.finished = true;
                None
            }
            Err(Exception::Raised(error)) => {
                self.finished = true;
                Some(Err(error))
            }
        }
    }
}

impl<G: Generator<()>> FusedIterator for TryIter<G> {}
