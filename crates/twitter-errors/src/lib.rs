//! Typed errors of the Twitter (X) API: every HTTP status it documents, every
//! v1.1 numeric error code, every v2 problem type and the members of a v2
//! error object, generated from one spec, `errors.yaml`, with lossless
//! codecs for every error body and a retry decision for each failure.
//!
//! # For clients
//!
//! Send the request with reqwest (feature `reqwest`), and handle the API's
//! error by what it says. [`prelude`] holds what a client needs:
//!
//! ```no_run
//! # #[cfg(feature = "reqwest")]
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use twitter_errors::prelude::*;
//!
//! let client = reqwest::Client::new();
//! let url = "https://api.x.com/2/tweets/20";
//! match client.get(url).send().await?.api_error_for_status().await {
//!     // reqwest's own Response, its body unread: json(), bytes_stream()...
//!     Ok(response) => println!("{}", response.text().await?),
//!     Err(RequestError::Api(e)) if e.has_problem(ProblemType::ResourceNotFound) => {
//!         println!("no such tweet");
//!     }
//!     // "88 Rate limit exceeded (HTTP 429), retry after 2026-11-22T14:05:00Z"
//!     Err(RequestError::Api(e)) if e.is_rate_limited() => eprintln!("{e}"),
//!     Err(RequestError::Api(e)) if e.is_billing() => eprintln!("{e}"),
//!     // Another API error, a body past the limit, or the network.
//!     Err(e) => return Err(e.into()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! With the `retry` feature, `integrations::retry::retry` waits as the API
//! asks (`Retry-After`, the reset of the window that ran out, backoff for a
//! 503) within bounds, and `integrations::reqwest::Reconnecting` keeps a
//! stream open. Without an HTTP crate, a response's parts decode the same way:
//!
//! ```
//! use twitter_errors::prelude::*;
//!
//! let body = br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#;
//! let e = decode_response(429, [("x-rate-limit-reset", "1795356300")], body)
//!     .into_result()
//!     .unwrap_err();
//! assert!(e.has_code(ErrorCode::RateLimitExceeded));
//! assert_eq!(e.retry().hint, Retry::AfterReset);
//! assert_eq!(e.to_string(), "88 Rate limit exceeded (HTTP 429), retry after 2026-11-22T14:05:00Z");
//! ```
//!
//! The crate's features, the versions of the crates they integrate and
//! what each adds are in [`integrations`].
//!
//! # The catalog
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
//! assert_eq!((c.code(), c.known()), (99999, None));
//! ```
//!
//! # Decoding and encoding error bodies
//!
//! The [`codec`] module reads and writes every error body the API has
//! served: v1.1 JSON (and its older shapes), JSONP, v2 problem details
//! with partial errors, and with the `xml` feature the XML of the retired
//! v1 API, each into the format-independent [`model`]. Decoding keeps what
//! the catalog does not know, and encoding writes it back:
//!
//! ```
//! use twitter_errors::codec;
//! use twitter_errors::{Code, ErrorCode, Format};
//!
//! let bytes = br#"{"errors":[{"message":"Sorry, that page does not exist","code":34},{"message":"New","code":9999}]}"#;
//! let body = codec::decode(bytes).unwrap();
//! assert_eq!(body.format(), Format::Json);
//! let codes: Vec<Code> = body.codes().collect();
//! assert_eq!(codes, [Code::from(ErrorCode::PageDoesNotExist), Code::from_code(9999)]);
//! assert_eq!(body.encode().unwrap(), bytes);
//!
//! // The same errors in XML, as the v1 API served them to `.xml` requests.
//! # #[cfg(feature = "xml")] {
//! let xml: codec::xml::XmlBody = codec::xml::XmlBody::from(body.v1_errors().to_vec());
//! assert!(String::from_utf8(xml.encode().unwrap()).unwrap().contains(r#"<error code="9999">New</error>"#));
//! # }
//! ```
//!
//! A whole response (status, headers, body) decodes into an
//! [`ApiError`](response::ApiError) with the rate-limit state and a
//! retry decision:
//!
//! ```
//! use twitter_errors::response::decode_response;
//! use twitter_errors::Retry;
//!
//! let body = br#"{"title":"Service Unavailable","detail":"Service Unavailable","type":"about:blank","status":503}"#;
//! let e = decode_response(503, [("retry-after", "30")], body).into_result().unwrap_err();
//! assert_eq!(e.retry().hint, Retry::Backoff);
//! assert_eq!(e.to_string(), "Service Unavailable (HTTP 503), retry in 30s");
//! ```
//!
//! # HTTP integrations
//!
//! Cargo features, all off by default, meet the errors inside an HTTP
//! stack: `http` (status conversions, an `ErrorResponse` rendered per
//! request, decoding an `http::Response`), `reqwest` (a response to
//! `Result<Response, RequestError>` in one call, bounded reads, streams), `axum`
//! (an `IntoResponse` that answers in the format the request asked for),
//! `retry`, `reqwest-middleware` and `tower` (retrying as the API asks,
//! with an injectable clock) and `tracing` (an event per decoded failure).
//! See [`integrations`].
//!
//! The catalog's reference, rendered from the same spec, is in
//! `docs/ERRORS.md` of the repository.

#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
pub mod catalog;
pub mod codec;
mod generated;
pub mod integrations;
mod known;
mod macros;
pub mod model;
pub mod prelude;
pub mod response;
pub mod shown;
pub mod text;
mod vocabulary;

pub use catalog::{Format, Retry};
pub use generated::*;
pub use known::{Code, ProblemUri, Status, Term};
pub use model::{Members, Problem, V1Error};
pub use shown::shown;

/// The README's code blocks, compiled and run as doctests (they use every
/// integration).
#[cfg(all(
    doctest,
    feature = "reqwest",
    feature = "reqwest-middleware",
    feature = "axum"
))]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// The crate README's code blocks, compiled and run as doctests.
#[cfg(all(doctest, feature = "reqwest"))]
#[doc = include_str!("../README.md")]
pub struct CrateReadmeDoctests;
