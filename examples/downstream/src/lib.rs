//! A crate with its own error catalog: the Twitter catalog bundled with
//! `twitter-errors-codegen`, plus the two codes of this crate's
//! `errors.yaml`, as a Twitter-compatible mirror might serve them.
//!
//! `build.rs` is the one the generator recommends:
//!
//! ```ignore
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
//! and the generated items are included at the crate root, so this crate
//! has its own `HttpStatus`, `ErrorCode`, `ProblemType`, `ErrorObject` and
//! `Twitter` (the catalog as a whole), with the runtime crate's wrappers working on them:
//!
//! ```
//! use twitter_errors::Code;
//! use twitter_errors_example_downstream::{ErrorCode, HttpStatus};
//!
//! let code = ErrorCode::from_code(10001).unwrap();
//! assert_eq!(code, ErrorCode::MirrorReadOnly);
//! assert_eq!(code.status(), Some(HttpStatus::Forbidden));
//! assert_eq!(code.to_string(), "10001 This mirror is read-only.");
//!
//! // Twitter's own codes are all there too.
//! assert_eq!(ErrorCode::from_code(88), Some(ErrorCode::RateLimitExceeded));
//!
//! // The wrapper that keeps unknown codes, over this crate's catalog.
//! let c: Code<ErrorCode> = Code::from_code(10002);
//! assert_eq!(c.known(), Some(ErrorCode::UpstreamUnavailable));
//! ```
//!
//! The lints below are the strictest a user is likely to set: the generated
//! code compiles under them without a warning, deprecated entries included.

#![deny(warnings, missing_docs)]
#![warn(clippy::pedantic)]

include!(concat!(env!("OUT_DIR"), "/errors.rs"));
