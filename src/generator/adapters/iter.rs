use core::convert::Infallible;
use core::iter::FusedIterator;

use crate::generator::{Exception, Generator, GeneratorState, Resume};

/// An iterator over the values a generator yields: Python's `for x in gen`.
///
/// This `struct` is created by the [`iter`](Generator::iter) method on
/// [`Generator`], and by `into_iter` on a [`Tracked`](crate::Tracked)
/// generator. See their documentation for more.
///
/// Each `next` resumes the generator with [`Resume::Next`]. When the
/// generator returns, the iterator ends and the return value is dropped, as
/// Python's `for` drops `StopIteration.value`; after that it keeps returning
/// `None` without resuming the generator again.
#[derive(Clone, Debug)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct Iter<G> {
    generator: G,
    finished: bool,
}

impl<G> Iter<G> {
    pub(crate) fn new(generator: G) -> Self {
        Iter {
            generator,
            finished: false,
        }
    }
}

impl<G: Generator<(), Error = Infallible>> Iterator for Iter<G> {
    type Item = G::Yield;

    #[inline]
    fn next(&mut self) -> Option<G::Yield> {
        if self.finished {
            return None;
        }
        match self.generator.resume(Resume::Next) {
            Ok(GeneratorState::Yielded(value)) => Some(value),
            // A generator may raise GeneratorExit by itself; like Python's
            // `for`, which ends on StopIteration only, treat it as the end too.
            Ok(GeneratorState::Complete(_)) | Err(Exception::GeneratorExit) => {
                self.finished = true;
                None
            }
            Err(Exception::Raised(never)) => match never {},
        }
    }
}

impl<G: Generator<(), Error = Infallible>> FusedIterator for Iter<G> {}
