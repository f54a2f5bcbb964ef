//! A pipeline: one generator consumes another, as Unix pipes chain programs.
//!
//! ```python
//! def find_prime():
//!     num = 1
//!     while num < 100:
//!         if num > 1:
//!             for i in range(2, num):
//!                 if not num % i:
//!                     break
//!             else:
//!                 yield num
//!         num += 1
//!
//!
//! def find_even_prime(seq):
//!     for num in seq:
//!         if not num % 2:
//!             yield num
//!
//!
//! a_pipeline = find_even_prime(find_prime())
//!
//! for a_ele in a_pipeline:
//!     print(a_ele)
//! ```
//!
//! The seed prints no output; the only even prime is 2, so Python prints:
//!
//! ```text
//! 2
//! ```

use resumable::generator::{from_fn, from_iter, Generator, Resume};
use resumable::GeneratorState::{Complete, Yielded};

use crate::console::say;
use crate::find_prime::is_prime;

/// The seed's second `find_prime`, which stops below 100: a loop with a
/// filter, which is what `from_iter` over a filtered range is. (The tour's
/// `find_prime` program writes the endless one as a state machine.)
fn find_prime() -> impl Generator<Yield = u64, Error = core::convert::Infallible> {
    from_iter((1..100).filter(|&num| num > 1 && is_prime(num)))
}

/// `seq` can be any generator of numbers, and so any iterable, through
/// `from_iter`: Python's `for num in seq` asks no more of it.
pub(crate) fn find_even_prime<Seq>(
    mut seq: Seq,
) -> impl Generator<Yield = u64, Error = core::convert::Infallible>
where
    Seq: Generator<Yield = u64, Error = core::convert::Infallible>,
{
    from_fn(move |input: Resume| {
        input.sent()?;
        // `for num in seq` picks up where the last resume left it, because
        // `iter()` only borrows `seq`.
        for num in seq.iter() {
            if num % 2 == 0 {
                return Ok(Yielded(num));
            }
        }
        Ok(Complete(()))
    })
}

pub(crate) fn run() {
    let mut a_pipeline = find_even_prime(find_prime());
    for a_ele in a_pipeline.iter() {
        say!("{a_ele}");
    }
}
