//! axum servers (feature `axum`).
//!
//! A handler fails with an [`ErrorResponse`], and the client gets it in the
//! format its request asked for (see [`negotiate`]): the path's extension
//! (`.json`, and `.xml` with the `xml` feature), a `callback` parameter
//! (JSONP), the `Accept` header, problem details on `/2/` paths, and
//! status 200 when it asked for `suppress_response_codes`. Two ways capture the request's choice:
//!
//! - the [`negotiate_errors`] middleware, once for a whole router: every
//!   `ErrorResponse` a handler, a fallback or an inner layer returns is
//!   rendered for the request;
//! - the [`Requested`] extractor in a handler, with
//!   [`Requested::respond`].
//!
//! Without either, an `ErrorResponse` answers in v1.1 JSON.
//!
//! ```
//! use axum::{middleware, routing::get, Router};
//! use twitter_errors::integrations::axum::negotiate_errors;
//! use twitter_errors::integrations::http::ErrorResponse;
//! use twitter_errors::ErrorCode;
//!
//! async fn timeline() -> Result<String, ErrorResponse> {
//!     Err(ErrorResponse::code(ErrorCode::OverCapacity))
//! }
//!
//! let app: Router = Router::new()
//!     .route("/1.1/statuses/home_timeline.json", get(timeline))
//!     .fallback(|| async { ErrorResponse::code(ErrorCode::PageDoesNotExist) })
//!     .layer(middleware::from_fn(negotiate_errors));
//! ```
//!
//! [`negotiate`]: crate::response::negotiate

/// The `axum` this module is built for, re-exported: name it through this
/// path, or pin the same version, and its types are the ones these helpers
/// take.
#[doc(no_inline)]
pub use ::axum;

use std::convert::Infallible;
use std::ops::Deref;

use ::axum::body::Body;
use ::axum::extract::{FromRequestParts, OriginalUri, Request};
use ::axum::middleware::Next;
use ::axum::response::{IntoResponse, Response};
use ::http::header::{ACCEPT, CONTENT_LENGTH};
use ::http::request::Parts;

use super::http::ErrorResponse;
use crate::catalog::Catalog;
use crate::response::negotiate::{negotiate, Negotiated};

/// The format a request asked for its errors in: an extractor that never
/// fails. It reads the request's original URI (before any `nest`) and its
/// `Accept` header, or takes what [`negotiate_errors`] already found.
///
/// # Examples
///
/// ```
/// use axum::{response::IntoResponse, routing::get, Router};
/// use twitter_errors::integrations::axum::Requested;
/// use twitter_errors::integrations::http::ErrorResponse;
/// use twitter_errors::{ErrorCode, Format};
///
/// async fn show(requested: Requested) -> axum::response::Response {
///     // `.json`, `.xml` (with the `xml` feature), `?callback=`, `Accept`
///     // or a `/2/` path decided it.
///     if requested.format() == Format::Jsonp {
///         // ...
///     }
///     requested.respond(ErrorResponse::code(ErrorCode::StatusNotFound)).into_response()
/// }
///
/// let app: Router = Router::new().route("/1.1/statuses/show/{id}", get(show));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requested(pub Negotiated);

impl Requested {
    /// Negotiates from a request's parts.
    pub fn from_parts(parts: &Parts) -> Self {
        if let Some(r) = parts.extensions.get::<Requested>() {
            return r.clone();
        }
        let uri = parts
            .extensions
            .get::<OriginalUri>()
            .map_or(&parts.uri, |o| &o.0);
        let target = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
        let accept = parts.headers.get(ACCEPT).and_then(|v| v.to_str().ok());
        Requested(negotiate(target, accept))
    }

    /// The error, to be rendered in the requested format.
    pub fn respond<C: Catalog>(&self, error: ErrorResponse<C>) -> Reply<C> {
        Reply {
            requested: self.0.clone(),
            error,
        }
    }
}

impl Deref for Requested {
    type Target = Negotiated;

    fn deref(&self) -> &Negotiated {
        &self.0
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Requested {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Requested::from_parts(parts))
    }
}

/// An [`ErrorResponse`] with the format a request asked for: an
/// `IntoResponse`.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply<C: Catalog = crate::Twitter> {
    requested: Negotiated,
    error: ErrorResponse<C>,
}

impl<C: Catalog> IntoResponse for Reply<C> {
    fn into_response(self) -> Response {
        self.error.to_http(&self.requested).map(Body::from)
    }
}

/// An error not yet rendered for its request, carried in the response's
/// extensions to [`negotiate_errors`].
#[derive(Clone)]
struct Pending<C: Catalog>(ErrorResponse<C>);

/// Renders in v1.1 JSON, and leaves the error in the response for
/// [`negotiate_errors`] to render in the format the request asked for.
impl<C: Catalog> IntoResponse for ErrorResponse<C>
where
    ErrorResponse<C>: Send + Sync,
{
    fn into_response(self) -> Response {
        let mut response = self.to_http(&negotiate("/", None)).map(Body::from);
        response.extensions_mut().insert(Pending(self));
        response
    }
}

/// Middleware (for [`axum::middleware::from_fn`])
/// that renders every [`ErrorResponse`] of the bundled catalog in the
/// format its request asked for, and makes that format available to the
/// [`Requested`] extractor.
///
/// # Examples
///
/// ```
/// use axum::{middleware, routing::get, Router};
/// use twitter_errors::integrations::axum::negotiate_errors;
/// use twitter_errors::integrations::http::ErrorResponse;
/// use twitter_errors::ErrorCode;
///
/// // GET /1.1/statuses/home_timeline.json answers 503 with
/// // {"errors":[{"message":"Over capacity.","code":130}]}, and with the
/// // `xml` feature GET /1.1/statuses/home_timeline.xml with
/// // <errors><error code="130">Over capacity.</error></errors>
/// let app: Router = Router::new()
///     .route("/1.1/statuses/home_timeline.{format}", get(|| async {
///         Err::<String, _>(ErrorResponse::code(ErrorCode::OverCapacity))
///     }))
///     .layer(middleware::from_fn(negotiate_errors));
/// ```
pub async fn negotiate_errors(request: Request, next: Next) -> Response {
    negotiate_errors_with::<crate::Twitter>(request, next).await
}

/// [`negotiate_errors`] for the errors of any catalog.
///
/// Headers that inner layers added to an error's response are kept; the
/// status, Content-Type and body are the rendering's.
pub async fn negotiate_errors_with<C: Catalog>(mut request: Request, next: Next) -> Response
where
    ErrorResponse<C>: Send + Sync,
{
    let (mut parts, body) = request.into_parts();
    let requested = Requested::from_parts(&parts);
    parts.extensions.insert(requested.clone());
    request = Request::from_parts(parts, body);
    let mut response = next.run(request).await;
    let Some(Pending(error)) = response.extensions_mut().remove::<Pending<C>>() else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    let rendered = error.to_http(&requested);
    parts.status = rendered.status();
    parts.headers.remove(CONTENT_LENGTH);
    let (rendered_parts, body) = rendered.into_parts();
    // Each header the rendering has replaces the inner response's values.
    parts.headers.extend(rendered_parts.headers);
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorCode, Format};
    use ::http::header::CONTENT_TYPE;

    #[test]
    fn without_context_an_error_answers_in_json_and_waits_for_the_middleware() {
        let response = ErrorResponse::code(ErrorCode::PageDoesNotExist).into_response();
        assert_eq!(response.status().as_u16(), 404);
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            "application/json; charset=utf-8"
        );
        assert!(response
            .extensions()
            .get::<Pending<crate::Twitter>>()
            .is_some());
    }

    #[test]
    fn the_extractor_reads_the_original_uri_and_accept() {
        let request = ::http::Request::builder()
            .uri("/tweets/1?suppress_response_codes")
            .header(ACCEPT, "application/xml")
            .extension(OriginalUri(
                "/2/tweets/1?suppress_response_codes".parse().unwrap(),
            ))
            .body(())
            .unwrap();
        let (parts, ()) = request.into_parts();
        let requested = Requested::from_parts(&parts);
        assert_eq!(requested.format(), Format::Problem);
        assert!(requested.suppress_response_codes());
        let response = requested
            .respond(ErrorResponse::code(ErrorCode::OverCapacity))
            .into_response();
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            "application/problem+json; charset=utf-8"
        );
        assert!(response.extensions().is_empty());

        let (parts, ()) = ::http::Request::builder()
            .uri("/1.1/x")
            .header(ACCEPT, "text/xml")
            .body(())
            .unwrap()
            .into_parts();
        let xml = if cfg!(feature = "xml") {
            Format::Xml
        } else {
            Format::Json
        };
        assert_eq!(Requested::from_parts(&parts).format(), xml);
    }

    #[test]
    fn a_url_in_the_query_is_not_the_path() {
        let (parts, ()) = ::http::Request::builder()
            .uri("/1.1/statuses/show/1.json?ref=http://x.example/a.xml&callback=cb&suppress_response_codes")
            .body(())
            .unwrap()
            .into_parts();
        let requested = Requested::from_parts(&parts);
        assert_eq!(requested.format(), Format::Jsonp);
        assert!(requested.suppress_response_codes());
    }
}
