//! The bundled catalog: `src/bundled.rs`, generated from the workspace's
//! `errors.yaml` by `cargo run -- generate` and committed, so that a crate
//! that depends on this one compiles no generator.
//!
//! `include!` cannot take inner attributes, so the lints that generated code
//! may trip are allowed here, on the module that holds it.

#[allow(clippy::too_many_lines, clippy::match_same_arms)]
mod bundled {
    include!("bundled.rs");
}

pub use bundled::*;
