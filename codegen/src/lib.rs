//! Generates typed Rust for the Twitter (X) API error catalog from a YAML
//! spec, at build time.
//!
//! One declarative file, `errors.yaml`, lists every HTTP status, v1.1 error
//! code, v2 problem type and v2 error-object member. This crate reads it,
//! checks it (every mistake is reported as `file:line:column` with a hint),
//! and emits Rust: `#[non_exhaustive]` enums with `const` tables, lookups
//! that compile to `match`es, rustdoc on every item, and the `ErrorObject`
//! struct. The runtime crate `twitter-errors` holds the codecs, which work
//! with any catalog generated this way.
//!
//! # Use from `build.rs`
//!
//! `Cargo.toml`:
//!
//! ```toml
//! [dependencies]
//! twitter-errors = "0.1"
//!
//! [build-dependencies]
//! twitter-errors-codegen = "0.1"
//! ```
//!
//! `build.rs`:
//!
//! ```no_run
//! fn main() {
//!     twitter_errors_codegen::Builder::new()
//!         .spec("errors.yaml")
//!         .generate()
//!         .unwrap();
//! }
//! ```
//!
//! `src/lib.rs`:
//!
//! ```ignore
//! include!(concat!(env!("OUT_DIR"), "/errors.rs"));
//! ```
//!
//! The generated file defines `HttpStatus`, `ErrorCode`, `ProblemType`, one
//! enum per member vocabulary, `ErrorObject` and `Catalog`. See [`Builder`]
//! for every option: layering on the bundled Twitter catalog, the output
//! file name, the runtime path, extra attributes.
//!
//! A bad spec fails the build with every problem at once:
//!
//! ```text
//! error: errors.yaml:212:11: duplicate code 88
//!   help: code 88 is already defined at line 140; remove one of the two entries, or give this one another code
//! error: errors.yaml:230:5: unknown key `mesage` in code 89
//!   help: did you mean `message`?
//! 2 errors in the spec
//! ```
//!
//! # Without cargo
//!
//! [`Spec`] loads and validates a file; [`Builder::generate_from`] turns it
//! into source text without touching the file system; [`json_schema`]
//! describes the spec format for editors.

#![deny(missing_docs)]
// The examples show whole build scripts, `fn main` included.
#![allow(clippy::needless_doctest_main)]

mod config;
mod emit;
mod error;
mod naming;
mod schema;
pub mod spec;
mod validate;

pub use config::{Builder, Generated, BUNDLED_SPEC};
pub use error::{Category, Diagnostic, Error, Location};
pub use schema::json_schema;
pub use spec::Spec;

/// Renders the Markdown reference for a spec.
pub fn markdown(spec: &Spec) -> String {
    emit::markdown::render(spec)
}
