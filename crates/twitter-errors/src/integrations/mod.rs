//! Optional integrations with HTTP crates, each behind a cargo feature of
//! the same name. The default build depends on none of them.
//!
//! Each module re-exports the crate it integrates (`twitter_errors::integrations::reqwest::reqwest`
//! is the reqwest these helpers are built for): a dependent that uses it
//! through the re-export, or names the same version in its own manifest,
//! cannot meet a second copy of it. With another major version (reqwest
//! 0.12, say), rustc reports a missing method such as
//! `api_error_for_status`: the fix is the version below, not the method it
//! suggests.
//!
//! | Feature | Built for | Module | What it gives |
//! |---|---|---|---|
//! | `http` | http 1 | `http` | `HttpStatus` ⇄ `http::StatusCode`, an `ErrorResponse` rendered as an `http::Response` in any format, and decoding an `http::Response` into an `ApiError` |
//! | `reqwest` | reqwest 0.13 | `reqwest` | `api_error_for_status` (the response untouched unless it failed), `api_partial` (v2 data and problems) and `api_lines` (a stream and its in-band errors) on a `reqwest::Response`, every body read within `Bounds::max_body` |
//! | `retry` | tokio 1 (its timer) | `retry` | a `Retrier`: the `RetryPolicy` on an injectable `Clock`, and the async `retry` helper |
//! | `reqwest-middleware` | reqwest-middleware 0.5, reqwest-retry 0.9 | `reqwest_middleware` | a `reqwest-middleware` middleware that retries as the API asks, and a `reqwest-retry` strategy |
//! | `tower` | tower 0.5, http-body 1 | `tower` | a layer that turns failures into errors (bodies read within limits) and a `tower::retry::Policy` |
//! | `tracing` | tracing 0.1 | `tracing` | an event with structured fields for each decoded failure and each retry wait |
//! | `axum` | axum 0.8 | `axum` | `ErrorResponse` as an `IntoResponse` that answers in the format the request asked for, with an extractor and a middleware that capture it |
//!
//! The example `examples/mock_api.rs` of the repository is a small
//! Twitter-like API built on the `axum` integration (run it with the
//! features `axum` and `xml`).

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod http;

#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;

#[cfg(feature = "retry")]
#[cfg_attr(docsrs, doc(cfg(feature = "retry")))]
pub mod retry;

#[cfg(feature = "reqwest-middleware")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest-middleware")))]
pub mod reqwest_middleware;

#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;

#[cfg(feature = "tracing")]
#[cfg_attr(docsrs, doc(cfg(feature = "tracing")))]
pub mod tracing;

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
