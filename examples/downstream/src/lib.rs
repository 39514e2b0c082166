//! The Twitter catalog plus two codes of this crate's own.

#![deny(warnings, missing_docs)]
#![warn(clippy::pedantic)]

include!(concat!(env!("OUT_DIR"), "/errors.rs"));
