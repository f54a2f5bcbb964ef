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

use core::convert::Infallible;

use resumable::{
    Generator,
    GeneratorState::{Complete, Yielded},
    Outcome, Resume,
};

use crate::console::say;
use crate::find_prime::is_prime;

/// The seed's second `find_prime`, which stops below 100.
struct FindPrime {
    num: u64,
}

fn find_prime() -> FindPrime {
    FindPrime { num: 1 }
}

impl Generator for FindPrime {
    type Yield = u64;
    type Return = ();
    type Error = Infallible;

    fn resume(&mut self, input: Resume) -> Outcome<u64> {
        input.sent()?;
        while self.num < 100 {
            let num = self.num;
            self.num += 1; // the `num += 1` after the yield, done before it
            if num > 1 && is_prime(num) {
                return Ok(Yielded(num));
            }
        }
        Ok(Complete(()))
    }
}

/// `seq` can be any generator of numbers, and so any iterable, through
/// `from_iter`: Python's `for num in seq` asks no more of it.
pub(crate) struct FindEvenPrime<Seq> {
    seq: Seq,
}

pub(crate) fn find_even_prime<Seq>(seq: Seq) -> FindEvenPrime<Seq> {
    FindEvenPrime { seq }
}

impl<Seq> Generator for FindEvenPrime<Seq>
where
    Seq: Generator<Yield = u64, Error = Infallible>,
{
    type Yield = u64;
    type Return = ();
    type Error = Infallible;

    fn resume(&mut self, input: Resume) -> Outcome<u64> {
        input.sent()?;
        // `for num in seq` picks up where the last resume left it, because
        // `iter()` only borrows `seq`.
        for num in self.seq.iter() {
            if num % 2 == 0 {
                return Ok(Yielded(num));
            }
        }
        Ok(Complete(()))
    }
}

pub(crate) fn run() {
    let mut a_pipeline = find_even_prime(find_prime());
    for a_ele in a_pipeline.iter() {
        say!("{a_ele}");
    }
}
