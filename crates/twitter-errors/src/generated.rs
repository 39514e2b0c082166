//! The catalog generated from `errors.yaml`.
//!
//! By default it is `src/bundled.rs`, generated once and committed (a test
//! regenerates it and compares). With the `regenerate` feature it is
//! generated again by `build.rs` into `OUT_DIR`, so that an edit to the
//! workspace's `errors.yaml` shows in the next build.
//!
//! `include!` cannot take inner attributes, so the lints that generated code
//! may trip are allowed here, on the module that holds it.

#[cfg(not(feature = "regenerate"))]
#[allow(clippy::too_many_lines, clippy::match_same_arms)]
mod bundled {
    include!("bundled.rs");
}

#[cfg(feature = "regenerate")]
#[allow(clippy::too_many_lines, clippy::match_same_arms)]
mod bundled {
    include!(concat!(env!("OUT_DIR"), "/errors.rs"));
}

pub use bundled::*;
