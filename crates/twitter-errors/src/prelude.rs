//! What a client needs, in one import: `use twitter_errors::prelude::*;`.
//!
//! The response and its error ([`decode_response`], [`Outcome`],
//! [`ApiError`] and its [`Limit`]), the retry policy and why it gives up,
//! the catalog's types a client matches on ([`ErrorCode`],
//! [`ProblemType`], [`HttpStatus`], [`Code`], [`Retry`]), and with the
//! `reqwest` and `retry` features their client helpers. Everything else
//! stays in its module.

pub use crate::response::{decode_response, ApiError, GiveUp, Limit, Outcome, RetryPolicy};
pub use crate::{Code, ErrorCode, HttpStatus, ProblemType, Retry};

#[cfg(feature = "reqwest")]
pub use crate::integrations::reqwest::{Line, RequestError, ResponseExt};

#[cfg(all(feature = "reqwest", feature = "retry"))]
pub use crate::integrations::reqwest::Reconnecting;

#[cfg(feature = "retry")]
pub use crate::integrations::retry::{retry, GaveUp, Retrier};
