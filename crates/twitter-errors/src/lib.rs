//! Typed errors of the Twitter (X) API: every HTTP status it documents, every
//! v1.1 numeric error code, every v2 problem type and the members of a v2
//! error object, generated from one spec, `errors.yaml`.
//!
//! ```
//! use twitter_errors::{ErrorCode, HttpStatus, ProblemType, Retry};
//!
//! let code = ErrorCode::from_code(88).unwrap();
//! assert_eq!(code, ErrorCode::RateLimitExceeded);
//! assert_eq!(code.message(), "Rate limit exceeded.");
//! assert_eq!(code.status(), Some(HttpStatus::TooManyRequests));
//! assert_eq!(code.retry(), Retry::AfterReset);
//! assert_eq!(code.to_string(), "88 Rate limit exceeded.");
//!
//! assert_eq!(HttpStatus::from_u16(420).unwrap().text(), "Enhance Your Calm");
//!
//! // A problem type matches under every host it was served from.
//! let p = ProblemType::from_uri("https://api.x.com/2/problems/invalid-request");
//! assert_eq!(p, Some(ProblemType::InvalidRequest));
//! ```
//!
//! Values the catalog does not know are kept, never dropped:
//!
//! ```
//! use twitter_errors::Code;
//!
//! let c: Code = Code::from_code(99999);
//! assert_eq!(c, Code::Unknown(99999));
//! assert_eq!(c.code(), 99999);
//! ```
//!
//! The catalog's reference, rendered from the same spec, is in
//! `docs/ERRORS.md` of the repository.

#![deny(missing_docs)]

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
pub mod catalog;
mod generated;

pub use catalog::{
    Api, Code, Evidence, Format, Members, ParseError, ProblemUri, Retry, Status, Term,
};
pub use generated::*;
pub mod codec;
