//! Retries for `reqwest-middleware` clients (feature `reqwest-middleware`).
//!
//! Two ways in:
//!
//! - [`RetryMiddleware`], a [`reqwest_middleware::Middleware`] that retries
//!   the way the API asks. It reads the body of each failed response
//!   within [`Bounds::max_body`], decodes it, and asks a
//!   [`Retrier`] how long to wait: until the `Retry-After` time, until the
//!   reset of the window that ran out (`x-rate-limit-reset`, the 24-hour
//!   user and app limits), or an exponential backoff with jitter for 503s,
//!   500s, 420, 130 and 131; never for an error that will not change, nor
//!   for a monthly usage cap. The waits are on the retrier's [`Clock`],
//!   which a test can replace. Errors without an answer (connecting, a
//!   timeout, a connection reset) are told apart by `reqwest-retry`'s own
//!   [`default_on_request_failure`].
//!   The last response is given back with its body, and
//!   [`api_error_for_status`](super::reqwest::ResponseExt::api_error_for_status)
//!   on it gives the error already decoded.
//! - [`ApiRetryableStrategy`], a [`reqwest_retry::RetryableStrategy`] for
//!   clients that already use `reqwest-retry`'s
//!   [`RetryTransientMiddleware`](reqwest_retry::RetryTransientMiddleware)
//!   with one of its policies: it tells from the status and headers which
//!   responses a backoff can fix.
//!
//! ```no_run
//! use reqwest_middleware::ClientBuilder;
//! use twitter_errors::integrations::reqwest::ResponseExt;
//! use twitter_errors::integrations::reqwest_middleware::RetryMiddleware;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = ClientBuilder::new(reqwest::Client::new())
//!     .with(RetryMiddleware::new())
//!     .build();
//! let url = "http://127.0.0.1:8080/1.1/statuses/show.json?id=20";
//! let tweet = client.get(url).send().await?.api_error_for_status().await?;
//! println!("{}", tweet.text().await?);
//! # Ok(())
//! # }
//! ```

/// The `reqwest-middleware` this module is built for, re-exported: name it through this
/// path, or pin the same version, and its types are the ones these helpers
/// take.
#[doc(no_inline)]
pub use ::reqwest_middleware;
/// The `reqwest-retry` this module is built for, re-exported: name it through this
/// path, or pin the same version, and its types are the ones these helpers
/// take.
#[doc(no_inline)]
pub use ::reqwest_retry;

use ::http::Extensions;
use ::reqwest::{Request, Response};
use reqwest_middleware::{Middleware, Next};
use reqwest_retry::{default_on_request_failure, Retryable, RetryableStrategy};

use super::reqwest::{read_limited, rebuild, suppressed, transport_failure, Decoded, RequestError};
use super::retry::{Clock, Retrier, SystemClock};
use crate::catalog::Catalog;
use crate::codec::Bounds;
use crate::response::{decode_response_with, ApiError, Failure, Outcome, RetryPolicy};
use crate::Retry;

/// A middleware that retries failed calls as the API asks: see the
/// [module](self) docs.
///
/// A request whose body cannot be cloned (a stream) is sent once.
#[derive(Clone, Debug)]
pub struct RetryMiddleware<K = SystemClock, C: Catalog = crate::Twitter> {
    retrier: Retrier<K>,
    limits: Bounds,
    _catalog: std::marker::PhantomData<fn() -> C>,
}

impl RetryMiddleware {
    /// The default [`RetryPolicy`], on the system's clock, with the
    /// default [`Bounds`].
    pub fn new() -> Self {
        RetryMiddleware::with_retrier(Retrier::new())
    }
}

impl Default for RetryMiddleware {
    fn default() -> Self {
        RetryMiddleware::new()
    }
}

impl<K: Clock> RetryMiddleware<K> {
    /// Retries with `retrier`: its policy and its clock.
    pub fn with_retrier(retrier: Retrier<K>) -> Self {
        RetryMiddleware::for_catalog(retrier)
    }
}

impl<K: Clock, C: Catalog> RetryMiddleware<K, C> {
    /// Retries with `retrier`, decoding errors with the catalog `C`:
    /// `RetryMiddleware::<_, MyCatalog>::for_catalog(retrier)`.
    pub fn for_catalog(retrier: Retrier<K>) -> Self {
        RetryMiddleware {
            retrier,
            limits: Bounds::DEFAULT,
            _catalog: std::marker::PhantomData,
        }
    }

    /// Sets the policy.
    #[must_use]
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.retrier = self.retrier.with_policy(policy);
        self
    }

    /// Sets the limits error bodies are read and decoded within.
    #[must_use]
    pub fn with_limits(mut self, limits: Bounds) -> Self {
        self.limits = limits;
        self
    }

    /// The retrier.
    pub fn retrier(&self) -> &Retrier<K> {
        &self.retrier
    }
}

/// One attempt's result, once its body was read if it failed.
enum Attempt {
    /// A response to give back as it is.
    Done(Response),
    /// A failed response, rebuilt around its body, and what it says.
    Failed(Response, Failure),
    /// An error of the middleware chain or of reading.
    Error(reqwest_middleware::Error, Failure),
}

impl<K: Clock, C: Catalog> RetryMiddleware<K, C>
where
    ApiError<C>: Send + Sync,
{
    async fn attempt(&self, result: reqwest_middleware::Result<Response>) -> Attempt {
        let mut response = match result {
            Ok(r) => r,
            Err(e) => {
                let failure = match default_on_request_failure(&e) {
                    Some(Retryable::Transient) => Failure::Network,
                    _ => Failure::Fatal,
                };
                return Attempt::Error(e, failure);
            }
        };
        let status = response.status();
        let failed = status.is_client_error() || status.is_server_error();
        if !failed && !suppressed(response.url()) {
            return Attempt::Done(response);
        }
        let body = match read_limited(&mut response, self.limits.max_body).await {
            Ok(body) => body,
            Err(r) => {
                let e = r.into_error::<C>(status, response.headers());
                let failure = match &e {
                    RequestError::Transport(t) => transport_failure(t),
                    other => other.api().map_or(Failure::Fatal, Failure::from),
                };
                #[cfg(feature = "tracing")]
                if let Some(api) = e.api() {
                    super::tracing::record(api);
                }
                return Attempt::Error(reqwest_middleware::Error::middleware(e), failure);
            }
        };
        let version = response.version();
        let url = response.url().clone();
        let headers = std::mem::take(response.headers_mut());
        let mut extensions = std::mem::take(response.extensions_mut());
        let outcome =
            decode_response_with::<C, _, _>(status.as_u16(), &headers, &body, &self.limits);
        match outcome {
            Outcome::Failure(e) => {
                #[cfg(feature = "tracing")]
                super::tracing::record(&e);
                let failure = Failure::from(&e);
                extensions.insert(Decoded(Box::new(e)));
                let response = rebuild(status, version, headers, url, extensions, body);
                Attempt::Failed(response, failure)
            }
            _ => Attempt::Done(rebuild(status, version, headers, url, extensions, body)),
        }
    }
}

#[async_trait::async_trait]
impl<K, C> Middleware for RetryMiddleware<K, C>
where
    K: Clock + 'static,
    C: Catalog + 'static,
    ApiError<C>: Send + Sync,
{
    async fn handle(
        &self,
        request: Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<Response> {
        let (mut retries, mut waited) = (0, std::time::Duration::ZERO);
        loop {
            let Some(attempt) = request.try_clone() else {
                return next.run(request, extensions).await;
            };
            let result = next.clone().run(attempt, extensions).await;
            let (result, failure) = match self.attempt(result).await {
                Attempt::Done(r) => return Ok(r),
                Attempt::Failed(r, failure) => (Ok(r), failure),
                Attempt::Error(e, failure) => (Err(e), failure),
            };
            match self.retrier.next_wait(&failure, retries, waited) {
                Ok(wait) => {
                    self.retrier.clock().sleep(wait).await;
                    waited = waited.saturating_add(wait);
                }
                Err(_) => return result,
            }
            retries += 1;
        }
    }
}

/// A [`RetryableStrategy`] for `reqwest-retry`'s
/// [`RetryTransientMiddleware`](reqwest_retry::RetryTransientMiddleware):
/// what a backoff can fix, told from the status and headers by the
/// catalog's hints.
///
/// - transient: a status whose hint is backoff (500, 502, 503, 504...),
///   and the errors `reqwest-retry` itself calls transient (connecting, a
///   timeout, a connection reset);
/// - fatal: a status whose hint is never (400, 401, 403, 404...), and rate
///   limits (420, 429): `reqwest-retry`'s policies choose each wait
///   without seeing the response, so they would retry before the reset.
///   [`RetryMiddleware`] waits for it;
/// - success: every 1xx, 2xx and 3xx (their bodies are not read here).
///
/// ```
/// use reqwest_retry::{policies::ExponentialBackoff, RetryTransientMiddleware};
/// use twitter_errors::integrations::reqwest_middleware::ApiRetryableStrategy;
///
/// let policy = ExponentialBackoff::builder().build_with_max_retries(3);
/// let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
///     .with(RetryTransientMiddleware::new_with_policy_and_strategy(policy, ApiRetryableStrategy))
///     .build();
/// # drop(client);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ApiRetryableStrategy;

impl RetryableStrategy for ApiRetryableStrategy {
    fn handle(&self, result: &reqwest_middleware::Result<Response>) -> Option<Retryable> {
        let response = match result {
            Ok(r) => r,
            Err(e) => return default_on_request_failure(e),
        };
        let status = response.status();
        if !(status.is_client_error() || status.is_server_error()) {
            return None;
        }
        let e = ApiError::from_response(status.as_u16(), response.headers(), b"");
        match e.retry().hint {
            Retry::Backoff if !e.is_rate_limited() => Some(Retryable::Transient),
            _ => Some(Retryable::Fatal),
        }
    }
}
