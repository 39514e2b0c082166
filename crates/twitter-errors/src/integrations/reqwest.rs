//! `reqwest` responses (feature `reqwest`).
//!
//! [`check`] (or [`ResponseExt::api_result`]) reads a
//! [`reqwest::Response`] once (status, headers and
//! body) and tells what it was:
//!
//! - `Ok(`[`Response`]`)`: the call worked. Its body is there to read, with
//!   the rate-limit headers, and with [`Response::partial`] the v2 problems
//!   that came beside `data` in a 200 (a partial result);
//! - `Err(`[`Error::Api`]`)`: the call failed with an [`ApiError`], whether
//!   the status said so or the body did (an error body served with 200,
//!   when the request asked for `suppress_response_codes`);
//! - `Err(`[`Error::Transport`]`)`: reading the body failed.
//!
//! ```no_run
//! use twitter_errors::integrations::reqwest::{Error, ResponseExt};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = reqwest::Client::new();
//! match client.get("http://127.0.0.1:8080/2/tweets/20").send().await?.api_result().await {
//!     Ok(response) => {
//!         for problem in response.problems() {
//!             println!("partly failed: {:?}", problem.detail());
//!         }
//!         println!("{}", response.text()?);
//!     }
//!     Err(Error::Api(e)) if e.is_rate_limited() => println!("{e}"),
//!     Err(e) => return Err(e.into()),
//! }
//! # Ok(())
//! # }
//! ```

use core::fmt;
use std::future::Future;

use ::http::{HeaderMap, StatusCode};

use crate::catalog::Catalog;
use crate::codec::problem;
use crate::codec::Limits;
use crate::response::{decode_response_with, ApiError, Outcome, RateLimits};

/// A response that did not fail: status, headers, URL and the body, read
/// once.
#[derive(Clone, Debug)]
pub struct Response<C: Catalog = crate::Twitter> {
    status: StatusCode,
    headers: HeaderMap,
    url: ::reqwest::Url,
    body: Vec<u8>,
    rate_limits: RateLimits,
    partial: Option<problem::Body<'static, C>>,
}

impl<C: Catalog> Response<C> {
    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The URL the response came from, after redirects.
    pub fn url(&self) -> &::reqwest::Url {
        &self.url
    }

    /// The rate-limit headers.
    pub fn rate_limits(&self) -> &RateLimits {
        &self.rate_limits
    }

    /// The body.
    pub fn bytes(&self) -> &[u8] {
        &self.body
    }

    /// The body, taken.
    pub fn into_bytes(self) -> Vec<u8> {
        self.body
    }

    /// The body as UTF-8 text.
    pub fn text(&self) -> Result<&str, std::str::Utf8Error> {
        std::str::from_utf8(&self.body)
    }

    /// The body as JSON.
    pub fn json<'de, T: serde::Deserialize<'de>>(&'de self) -> serde_json::Result<T> {
        serde_json::from_slice(&self.body)
    }

    /// For a v2 result with problems attached (status 200, `errors`
    /// beside `data` or without it): the decoded body, whose
    /// [`result`](problem::Body::result) holds `data`, `includes` and
    /// `meta`.
    pub fn partial(&self) -> Option<&problem::Body<'static, C>> {
        self.partial.as_ref()
    }

    /// The problems of a partial result (none otherwise).
    pub fn problems(&self) -> impl Iterator<Item = &problem::Problem<'static, C>> + '_ {
        self.partial.iter().flat_map(problem::Body::problems)
    }
}

/// Why [`check`] did not give a [`Response`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<C: Catalog = crate::Twitter> {
    /// The API answered with an error (boxed: it holds the whole body).
    Api(Box<ApiError<C>>),
    /// The body could not be read.
    Transport(::reqwest::Error),
}

impl<C: Catalog> Error<C> {
    /// The API's error, if that is what it was.
    pub fn api(&self) -> Option<&ApiError<C>> {
        match self {
            Error::Api(e) => Some(e),
            Error::Transport(_) => None,
        }
    }
}

impl<C: Catalog> fmt::Display for Error<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::Transport(_) => f.write_str("reading the response failed"),
        }
    }
}

impl<C: Catalog> std::error::Error for Error<C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Api(_) => None,
            Error::Transport(e) => Some(e),
        }
    }
}

impl<C: Catalog> From<ApiError<C>> for Error<C> {
    fn from(e: ApiError<C>) -> Self {
        Error::Api(Box::new(e))
    }
}

impl<C: Catalog> From<::reqwest::Error> for Error<C> {
    fn from(e: ::reqwest::Error) -> Self {
        Error::Transport(e)
    }
}

/// Reads a response with the bundled catalog and the default [`Limits`].
pub async fn check(response: ::reqwest::Response) -> Result<Response, Error> {
    check_with(response, &Limits::DEFAULT).await
}

/// Reads a response: status and headers, then the whole body, which is
/// decoded within `limits`. The body's size is bounded by what the
/// server sends; set a timeout on the client to bound its time.
pub async fn check_with<C: Catalog>(
    response: ::reqwest::Response,
    limits: &Limits,
) -> Result<Response<C>, Error<C>> {
    let status = response.status();
    let headers = response.headers().clone();
    let url = response.url().clone();
    let body = Vec::from(response.bytes().await?);
    let outcome = decode_response_with::<C, _, _>(status.as_u16(), &headers, &body, limits);
    let partial = match outcome {
        Outcome::Failure(e) => return Err(Error::Api(Box::new(e))),
        Outcome::Partial(p) => Some(p),
        _ => None,
    };
    let rate_limits = RateLimits::from_headers::<C, _, _>(&headers);
    Ok(Response {
        status,
        headers,
        url,
        body,
        rate_limits,
        partial,
    })
}

/// [`check`] as a method of [`reqwest::Response`].
pub trait ResponseExt {
    /// Reads the response: see [`check`].
    fn api_result(self) -> impl Future<Output = Result<Response, Error>> + Send;
}

impl ResponseExt for ::reqwest::Response {
    fn api_result(self) -> impl Future<Output = Result<Response, Error>> + Send {
        check(self)
    }
}
