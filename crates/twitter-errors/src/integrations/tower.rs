//! tower clients (feature `tower`): hyper's client, axum apps calling
//! other services, anything that is a `Service<http::Request<B>>`.
//!
//! - [`ApiErrorLayer`] turns each failed response into an
//!   [`ServiceError::Api`] with the decoded [`ApiError`], its body read chunk by
//!   chunk and refused past [`Bounds::max_body`] ([`ServiceError::TooLarge`]), as
//!   `http-body-util`'s [`Limited`] reads it. A response that did not fail
//!   goes through untouched, its body unread (a stream stays a stream);
//! - [`ApiRetryPolicy`] is a [`tower::retry::Policy`] that retries the way
//!   the API asks: it waits on a [`Retrier`]'s [`Clock`] for the
//!   `Retry-After` time, the reset of the window that ran out, or a
//!   backoff with jitter, and gives up on errors that will not change and
//!   on a monthly usage cap. Put it above the layer, so that it sees the
//!   decoded errors.
//!
//! ```no_run
//! use bytes::Bytes;
//! use http_body_util::Full;
//! use hyper_util::client::legacy::Client;
//! use hyper_util::rt::TokioExecutor;
//! use tower::{Service, ServiceBuilder, ServiceExt};
//! use twitter_errors::integrations::tower::{ApiErrorLayer, ApiRetryPolicy, ServiceError};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
//! let mut service = ServiceBuilder::new()
//!     .retry(ApiRetryPolicy::new())
//!     .layer(ApiErrorLayer::new())
//!     .service(client);
//! let request = http::Request::get("http://127.0.0.1:8080/2/tweets/20").body(Full::default())?;
//! match service.ready().await?.call(request).await {
//!     Ok(response) => println!("{}", response.status()),
//!     Err(ServiceError::Api(e)) => println!("{e}"),
//!     Err(e) => return Err(e.into()),
//! }
//! # Ok(())
//! # }
//! ```

/// The `http-body` this module is built for, re-exported: name it through this
/// path, or pin the same version, and its types are the ones these helpers
/// take.
#[doc(no_inline)]
pub use ::http_body;
/// The `tower` this module is built for, re-exported: name it through this
/// path, or pin the same version, and its types are the ones these helpers
/// take.
#[doc(no_inline)]
pub use ::tower;

use core::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use ::http::{Request, Response};
use ::tower::retry::Policy;
use ::tower::{Layer, Service};
use http_body::Body;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use super::retry::{Clock, Retrier, Retryable, Sleep, SystemClock};
use crate::catalog::Catalog;
use crate::codec::{Bounds, DecodeError, ErrorKind};
use crate::response::{ApiError, Failure};

/// An error of the boxed kind bodies and services use.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Why a call through [`ApiErrorLayer`] gave no response.
#[derive(Debug)]
#[non_exhaustive]
pub enum ServiceError<E, C: Catalog = crate::Twitter> {
    /// The API answered with an error status.
    Api(ApiError<C>),
    /// The error body was longer than [`Bounds::max_body`]: reading
    /// stopped there. The [`ApiError`] has the status and the rate-limit
    /// headers; its [`decode_error`](ApiError::decode_error) is of kind
    /// [`ErrorKind::TooLarge`].
    TooLarge(ApiError<C>),
    /// Reading the error body failed.
    Body(BoxError),
    /// The inner service failed: no answer came.
    Service(E),
}

impl<E, C: Catalog> ServiceError<E, C> {
    /// The API's error, if that is what it was (for [`ServiceError::TooLarge`],
    /// the status and headers without the body).
    pub fn api(&self) -> Option<&ApiError<C>> {
        match self {
            ServiceError::Api(e) | ServiceError::TooLarge(e) => Some(e),
            _ => None,
        }
    }
}

impl<E: fmt::Display, C: Catalog> fmt::Display for ServiceError<E, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServiceError::Api(e) => e.fmt(f),
            ServiceError::TooLarge(e) => write!(f, "error body refused: {e}"),
            ServiceError::Body(e) => write!(f, "reading the error body failed: {e}"),
            ServiceError::Service(e) => e.fmt(f),
        }
    }
}

impl<E, C> std::error::Error for ServiceError<E, C>
where
    E: std::error::Error + 'static,
    C: Catalog,
{
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServiceError::Api(_) => None,
            ServiceError::TooLarge(e) => e
                .decode_error()
                .map(|d| d as &(dyn std::error::Error + 'static)),
            ServiceError::Body(e) => Some(&**e),
            ServiceError::Service(e) => Some(e),
        }
    }
}

/// [`ServiceError::Service`] and [`ServiceError::Body`] count as network failures (no
/// whole answer came); the others as their [`ApiError`] says.
impl<E, C: Catalog> Retryable for ServiceError<E, C> {
    fn failure(&self) -> Failure {
        match self {
            ServiceError::Api(e) | ServiceError::TooLarge(e) => Failure::from(e),
            ServiceError::Body(_) | ServiceError::Service(_) => Failure::Network,
        }
    }
}

/// A [`Layer`] that turns failed responses into [`ServiceError::Api`]: see the
/// [module](self) docs.
pub struct ApiErrorLayer<C: Catalog = crate::Twitter> {
    limits: Bounds,
    _catalog: PhantomData<fn() -> C>,
}

impl ApiErrorLayer {
    /// With the bundled catalog and the default [`Bounds`].
    pub fn new() -> Self {
        ApiErrorLayer::with_limits(Bounds::DEFAULT)
    }
}

impl Default for ApiErrorLayer {
    fn default() -> Self {
        ApiErrorLayer::new()
    }
}

impl<C: Catalog> ApiErrorLayer<C> {
    /// Reading and decoding error bodies within `limits`.
    pub fn with_limits(limits: Bounds) -> Self {
        ApiErrorLayer {
            limits,
            _catalog: PhantomData,
        }
    }
}

impl<C: Catalog> Clone for ApiErrorLayer<C> {
    fn clone(&self) -> Self {
        ApiErrorLayer::with_limits(self.limits)
    }
}

impl<C: Catalog> fmt::Debug for ApiErrorLayer<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiErrorLayer")
            .field("limits", &self.limits)
            .finish()
    }
}

impl<S, C: Catalog> Layer<S> for ApiErrorLayer<C> {
    type Service = ApiErrors<S, C>;

    fn layer(&self, inner: S) -> Self::Service {
        ApiErrors {
            inner,
            limits: self.limits,
            _catalog: PhantomData,
        }
    }
}

/// The service [`ApiErrorLayer`] makes.
pub struct ApiErrors<S, C: Catalog = crate::Twitter> {
    inner: S,
    limits: Bounds,
    _catalog: PhantomData<fn() -> C>,
}

impl<S: Clone, C: Catalog> Clone for ApiErrors<S, C> {
    fn clone(&self) -> Self {
        ApiErrors {
            inner: self.inner.clone(),
            limits: self.limits,
            _catalog: PhantomData,
        }
    }
}

impl<S: fmt::Debug, C: Catalog> fmt::Debug for ApiErrors<S, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiErrors")
            .field("inner", &self.inner)
            .field("limits", &self.limits)
            .finish()
    }
}

impl<S, C, ReqBody, ResBody> Service<Request<ReqBody>> for ApiErrors<S, C>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    S::Future: Send + 'static,
    S::Error: 'static,
    ResBody: Body + Send + 'static,
    ResBody::Data: Send,
    ResBody::Error: Into<BoxError>,
    C: Catalog + 'static,
    ApiError<C>: Send,
{
    type Response = Response<ResBody>;
    type Error = ServiceError<S::Error, C>;
    type Future = Pin<Box<dyn Future<Output = Result<Response<ResBody>, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(ServiceError::Service)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let limits = self.limits;
        let future = self.inner.call(request);
        Box::pin(async move {
            let response = future.await.map_err(ServiceError::Service)?;
            let status = response.status();
            if !(status.is_client_error() || status.is_server_error()) {
                return Ok(response);
            }
            let (parts, body) = response.into_parts();
            let max = limits.max_body;
            let bytes = match Limited::new(body, max).collect().await {
                Ok(collected) => collected.to_bytes(),
                Err(e) if e.is::<LengthLimitError>() => {
                    let d = DecodeError::new(ErrorKind::TooLarge, format!("more than {max} bytes"));
                    let e = ApiError::refused(status.as_u16(), &parts.headers, d);
                    #[cfg(feature = "tracing")]
                    super::tracing::record(&e);
                    return Err(ServiceError::TooLarge(e));
                }
                Err(e) => return Err(ServiceError::Body(e)),
            };
            let e = ApiError::from_response_with(status.as_u16(), &parts.headers, &bytes, &limits);
            #[cfg(feature = "tracing")]
            super::tracing::record(&e);
            Err(ServiceError::Api(e))
        })
    }
}

/// A [`tower::retry::Policy`] that retries as the API asks: see the
/// [module](self) docs.
///
/// Any error that is [`Retryable`] is judged (the layer's [`ServiceError`], an
/// [`ApiError`], the `reqwest` integration's error); responses are
/// successes. Requests are cloned for each attempt, so their type must
/// be `Clone` (`http::Request<Full<Bytes>>` is, with its body).
#[derive(Clone, Debug, Default)]
pub struct ApiRetryPolicy<K = SystemClock> {
    retrier: Retrier<K>,
    retries: u32,
    waited: std::time::Duration,
}

impl ApiRetryPolicy {
    /// The default [`RetryPolicy`](crate::response::RetryPolicy) on the
    /// system's clock.
    pub fn new() -> Self {
        ApiRetryPolicy::default()
    }
}

impl<K: Clock> ApiRetryPolicy<K> {
    /// Retries with `retrier`: its policy and its clock.
    pub fn with_retrier(retrier: Retrier<K>) -> Self {
        ApiRetryPolicy {
            retrier,
            retries: 0,
            waited: std::time::Duration::ZERO,
        }
    }

    /// The retrier.
    pub fn retrier(&self) -> &Retrier<K> {
        &self.retrier
    }

    /// Retries made so far for the request this copy serves.
    pub fn retries(&self) -> u32 {
        self.retries
    }
}

impl<K, Req, Res, E> Policy<Req, Res, E> for ApiRetryPolicy<K>
where
    K: Clock,
    Req: Clone,
    E: Retryable,
{
    type Future = Sleep;

    fn retry(&mut self, _request: &mut Req, result: &mut Result<Res, E>) -> Option<Sleep> {
        let error = result.as_ref().err()?;
        let wait = self
            .retrier
            .next_wait(&error.failure(), self.retries, self.waited)
            .ok()?;
        self.retries += 1;
        self.waited = self.waited.saturating_add(wait);
        Some(self.retrier.clock().sleep(wait))
    }

    fn clone_request(&mut self, request: &Req) -> Option<Req> {
        Some(request.clone())
    }
}
