//! Optional integrations with HTTP crates, each behind a cargo feature of
//! the same name. The default build depends on none of them.
//!
//! | Feature | Module | What it gives |
//! |---|---|---|
//! | `http` | `http` | `HttpStatus` ⇄ `http::StatusCode`, an `ErrorResponse` rendered as an `http::Response` in any format, and decoding an `http::Response` into an `ApiError` |
//! | `reqwest` | `reqwest` | one call from a `reqwest::Response` to `Result<Response, Error>`, partial v2 errors included |
//! | `axum` | `axum` | `ErrorResponse` as an `IntoResponse` that answers in the format the request asked for, with an extractor and a middleware that capture it |
//!
//! The example `examples/mock_api.rs` of the repository is a small
//! Twitter-like API built on the `axum` integration.

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod http;

#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
