//! Python's generators, as explicit Rust state machines.
#![no_std]
#![doc(test(attr(deny(warnings))))]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod generator;

#[doc(inline)]
pub use crate::generator::{
    prime, yield_from, CloseError, Exception, Generator, GeneratorState, Lifecycle, Outcome,
    Resume, Tracked,
};
