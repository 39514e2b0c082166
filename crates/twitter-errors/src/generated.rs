//! The catalog generated from `errors.yaml` at build time.
//!
//! `include!` cannot take inner attributes, so the lints that generated code
//! may trip are allowed here, on the module that holds it.

#[allow(clippy::too_many_lines, clippy::match_same_arms)]
mod bundled {
    include!(concat!(env!("OUT_DIR"), "/errors.rs"));
}

pub use bundled::*;
