//! An endless generator: every prime, one at a time, computed only when
//! asked for.
//!
//! ```python
//! def find_prime():
//!     num = 1
//!     while True:
//!         if num > 1:
//!             for i in range(2, num):
//!                 if not num % i:
//!                     break
//!             else:
//!                 yield num
//!         num += 1
//!
//!
//! for ele in find_prime():
//!     print(ele)
//! ```
//!
//! The seed prints no output, and its loop never ends: it prints the primes
//! forever. The tour stops after the first ten:
//!
//! ```text
//! 2
//! 3
//! 5
//! 7
//! 11
//! 13
//! 17
//! 19
//! 23
//! 29
//! ```

use core::convert::Infallible;

use resumable::{Generator, GeneratorState::Yielded, Outcome, Resume};

use crate::console::say;

/// The seed's `for i in range(2, num): if not num % i: break` with its
/// `else:`, which runs only when the loop found no divisor.
pub(crate) fn is_prime(num: u64) -> bool {
    (2..num).all(|i| num % i != 0)
}

struct FindPrime {
    num: u64,
}

fn find_prime() -> FindPrime {
    FindPrime { num: 1 }
}

impl Generator for FindPrime {
    type Yield = u64;
    // `while True` never finishes, so it has no return value to give.
    type Return = Infallible;
    type Error = Infallible;

    fn resume(&mut self, input: Resume) -> Outcome<u64, Infallible> {
        input.sent()?;
        loop {
            let num = self.num;
            // The `num += 1` that follows the yield, done before it, so that
            // the next resume starts on a fresh number.
            self.num += 1;
            if num > 1 && is_prime(num) {
                return Ok(Yielded(num));
            }
        }
    }
}

pub(crate) fn run() {
    // The seed's loop runs forever; `take(10)` is the tour's way to stop it.
    for ele in find_prime().iter().take(10) {
        say!("{ele}");
    }
}
