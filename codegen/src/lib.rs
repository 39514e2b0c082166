//! Generates typed Rust for an error catalog of the Twitter (X) API from a
//! YAML spec, at build time.
//!
//! One declarative file, `errors.yaml`, lists every HTTP status, v1.1 error
//! code, v2 problem type and v2 error-object member. This crate reads it,
//! checks it (every mistake is reported as `file:line:column` with a hint)
//! and emits Rust: `#[non_exhaustive]` enums with `const` tables, lookups
//! that compile to `match`es, rustdoc on every item, and the `ErrorObject`
//! struct. The runtime crate `twitter-errors` holds the wrappers and codecs;
//! they are generic over the catalog, so they work the same with a catalog
//! generated here as with the one `twitter-errors` ships.
//!
//! Use it when the Twitter catalog is not quite yours: a Twitter-compatible
//! server with codes of its own, a proxy that adds a few, a client for a
//! fork of the API. Your build script generates your catalog; your crate
//! includes it; nothing is copied from ours.
//!
//! # Example
//!
//! A crate `my-api` that speaks the Twitter API and adds two codes. Its
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
//! Its `errors.yaml`, beside `Cargo.toml`, lists only what it adds to the
//! bundled Twitter catalog (the format is described at the top of the
//! bundled file, [`BUNDLED_SPEC`], and by [`json_schema`]):
//!
//! ```yaml
//! codes:
//!   - code: 10001
//!     name: mirror_read_only        # becomes ErrorCode::MirrorReadOnly
//!     message: This mirror is read-only.
//!     status: 403                   # a status of the bundled catalog
//!     retry: never
//!     description: A write was sent to a read-only mirror.
//!   - code: 10002
//!     name: upstream_unavailable
//!     message: The upstream API did not answer in time.
//!     status: 503
//!     retry: backoff
//!     description: The mirror could not reach the upstream API.
//! ```
//!
//! Its `build.rs`, the one this crate recommends:
//!
//! ```no_run
//! fn main() {
//!     let result = twitter_errors_codegen::Builder::new()
//!         .bundled()
//!         .spec("errors.yaml")
//!         .generate();
//!     // Each problem in errors.yaml as rustc shows its errors (the line, the
//!     // underline, the help); cargo fails the build.
//!     if let Err(e) = result {
//!         e.emit_cargo_errors();
//!     }
//! }
//! ```
//!
//! (Without `.bundled()`, `errors.yaml` must be a whole catalog, like the
//! bundled one.) And its `src/lib.rs`:
//!
//! ```ignore
//! include!(concat!(env!("OUT_DIR"), "/errors.rs"));
//! ```
//!
//! The crate now has its own `HttpStatus`, `ErrorCode`, `ProblemType`, one
//! enum per member vocabulary (`ResourceType`, `Reason`...), `ErrorObject`
//! and `Catalog`, with every Twitter entry and the two new codes:
//!
//! ```ignore
//! use my_api::{ErrorCode, HttpStatus};
//! use twitter_errors::Code;
//!
//! let code = ErrorCode::from_code(10001).unwrap();
//! assert_eq!(code, ErrorCode::MirrorReadOnly);
//! assert_eq!(code.status(), Some(HttpStatus::Forbidden));
//! assert_eq!(code.to_string(), "10001 This mirror is read-only.");
//!
//! // The runtime's wrappers take the catalog as a type parameter.
//! let c: Code<ErrorCode> = serde_json::from_str("10002").unwrap();
//! assert_eq!(c.known(), Some(ErrorCode::UpstreamUnavailable));
//! ```
//!
//! The workspace this crate comes from has this example as a crate of its
//! own, `examples/downstream`, built and tested with the rest.
//!
//! # Options
//!
//! Everything is set on a [`Builder`]; each setter's documentation has an
//! example.
//!
//! - [`spec`](Builder::spec): a spec file to read. Relative paths resolve
//!   against the crate's directory (`CARGO_MANIFEST_DIR`), not the directory
//!   cargo was started from. Give several to layer them: each later file
//!   adds entries, and replaces those with the same key that say
//!   `replaces: true`.
//! - [`bundled`](Builder::bundled): start from the Twitter catalog this crate
//!   ships; the files given with `spec` are layered on top.
//! - [`file_name`](Builder::file_name): the generated file's name, `errors.rs`
//!   by default; the `include!` must name the same file.
//! - [`out_dir`](Builder::out_dir): where to write, `OUT_DIR` by default.
//! - [`markdown`](Builder::markdown): also write a Markdown reference of the
//!   catalog, for `#![doc = include_str!(...)]` or a docs site.
//! - [`runtime_path`](Builder::runtime_path): the path under which the
//!   generated code reaches `twitter-errors`, `::twitter_errors` by default;
//!   set it when your crate re-exports the runtime under another path.
//! - [`type_attribute`](Builder::type_attribute): an attribute for every
//!   generated enum, such as an extra `#[derive(...)]`.
//! - [`format`](Builder::format): format the output with prettyplease (on by
//!   default).
//! - [`emit_rerun_if_changed`](Builder::emit_rerun_if_changed): tell cargo
//!   which files to watch (on by default in a build script).
//!
//! # Layering
//!
//! With [`Builder::bundled`] and one or more [`Builder::spec`] files, the
//! files are read in order and merged: an entry whose key (`status`, `code`,
//! problem `type`, member or format `name`, header `name`, host `prefix`) is
//! already defined replaces the earlier entry, any other entry is added. A
//! status, code or problem type that redefines an earlier file's says so
//! with `replaces: true`; without it the layer is refused where the entry
//! is, naming the one it would replace, so that a bundled entry is never
//! redefined by accident. The
//! result is validated as one catalog, so a code in your file can use a
//! status of the bundled one, and every clash is caught. Diagnostics name the
//! file the mistake is in (the bundled file is called `bundled errors.yaml`);
//! a clash between two files is reported in the later one, pointing at the
//! earlier:
//!
//! ```text
//! error: errors.yaml:3:11: duplicate name `rate_limit_exceeded`
//!   help: code 88 at bundled errors.yaml:547 already has this name; names are unique within `codes`
//! 1 error in the spec
//! ```
//!
//! # Errors
//!
//! Every error is an [`Error`]. A bad spec fails the build with every problem
//! found, each located and most with a hint, as `twitter-errors check`
//! shows it: [`Error::emit_cargo_errors`] in the build script above prints
//! each problem's rustc-style form as `cargo::error=` lines, which cargo
//! shows as
//!
//! ```text
//! error: my-api@0.1.0: code 10001 refers to status 499, which no `statuses:` entry defines
//! error: my-api@0.1.0:  --> errors.yaml:5:13
//! error: my-api@0.1.0:   |
//! error: my-api@0.1.0: 5 |     status: 499
//! error: my-api@0.1.0:   |             ^^^
//! error: my-api@0.1.0:   |
//! error: my-api@0.1.0:   = help: add a `statuses:` entry for 499, or use one of 200, 201, 202, ...
//! error: my-api@0.1.0: 1 error in the spec
//! error: build script logged errors
//! ```
//!
//! and nothing of the script's process. [`Error::lines`] gives one
//! `file:line:column: message` line per problem instead, and
//! [`Error::render`] the text in any [`Style`].
//!
//! # Rebuilds
//!
//! Inside a build script, [`Builder::generate`] prints one
//! `cargo:rerun-if-changed` line per spec file and no other. Cargo then
//! reruns the build script when a spec changes, and not when any other file
//! of the package does. (With the bundled catalog alone it watches
//! `Cargo.toml`, since a build script that names no file at all is rerun on
//! every change.) The generated file is only rewritten when its contents
//! change.
//!
//! # The generated code
//!
//! - It starts with a header that names the spec files and says the file is
//!   generated: `// This file is @generated by twitter-errors-codegen from
//!   bundled errors.yaml + errors.yaml.`
//! - It is deterministic: the same catalog gives the same bytes, whatever the
//!   order of the entries, keys and sections in the files, and wherever the
//!   files are.
//! - It compiles without a warning under `#![deny(warnings, missing_docs)]`
//!   and `#![warn(clippy::pedantic)]` in the crate that includes it.
//!   Entries marked `deprecated` in the spec become `#[deprecated]` items: a
//!   user who names one gets the warning, the generated code itself
//!   produces none. Lookups are `#[must_use]`, and the `allow`s it needs
//!   (long `match`es, prose from the spec in docs) sit on the items that
//!   need them, not on your crate.
//! - Its items implement the runtime's traits, `StatusEntry`, `CodeEntry`,
//!   `ProblemEntry`, `Vocabulary` and `Catalog` of [`twitter_errors::catalog`],
//!   which is all the runtime needs to decode and encode bodies with them.
//! - Names are stable: a spec `name` `rate_limit_exceeded` is always
//!   `ErrorCode::RateLimitExceeded`; renaming an entry is the only way to
//!   rename an item.
//!
//! # IDE support
//!
//! `include!` of a file in `OUT_DIR` is understood by rust-analyzer when
//! build scripts are enabled (its default, `rust-analyzer.cargo.buildScripts.enable`):
//! completion, hover docs and go-to-definition work on the generated items,
//! and go-to-definition opens the generated file. After a spec edit, its
//! "Rebuild build scripts" command (or a reload) brings in the new items.
//!
//! # Without cargo
//!
//! [`Spec`] loads and validates files ([`Spec::from_path`], [`Spec::parse`],
//! and [`Spec::layered_on_bundled`] for a file that adds to the bundled
//! catalog);
//! [`Builder::generate_from`] turns a spec into source text without touching
//! the file system; [`markdown`] renders the reference; [`json_schema`]
//! describes the spec format for editors.
//!
//! [`twitter_errors::catalog`]: https://docs.rs/twitter-errors/latest/twitter_errors/catalog/index.html

#![deny(missing_docs)]
// The examples show whole build scripts, `fn main` included.
#![allow(clippy::needless_doctest_main)]

mod config;
mod emit;
mod error;
mod naming;
mod schema;
pub mod spec;
pub mod synth;
#[doc(hidden)]
pub mod text;
mod validate;
#[doc(hidden)]
pub mod workspace;

pub use config::{Builder, Generated, BUNDLED_SPEC};
pub use error::{Category, Diagnostic, Error, Location, Style};
pub use schema::json_schema;
pub use spec::Spec;

/// Renders the Markdown reference for a spec.
pub fn markdown(spec: &Spec) -> String {
    emit::markdown::render(spec)
}
