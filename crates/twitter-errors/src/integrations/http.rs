//! The `http` crate's types (feature `http`).
//!
//! - [`HttpStatus`] and [`Status`] convert to and from
//!   [`http::StatusCode`];
//! - an [`ErrorResponse`] (the errors a server answers with) renders as an
//!   [`http::Response`] in the format a request asked for,
//!   with the right status and Content-Type;
//! - [`decode`] reads an `http::Response` with any body that is bytes into
//!   an [`Outcome`]: success, partial v2 result, or [`ApiError`].
//!
//! ```
//! use twitter_errors::response::negotiate::negotiate;
//! use twitter_errors::integrations::http::{decode, ErrorResponse};
//! use twitter_errors::{Code, ErrorCode, HttpStatus};
//!
//! // A server answers a `.json` request for a page that does not exist.
//! let asked = negotiate("/1.1/statuses/show/1.json", None);
//! let response = ErrorResponse::code(ErrorCode::PageDoesNotExist).to_http(&asked);
//! assert_eq!(response.status(), http::StatusCode::NOT_FOUND);
//! assert_eq!(response.headers()["content-type"], "application/json; charset=utf-8");
//!
//! // A client decodes it.
//! let e = decode(&response).into_result().unwrap_err();
//! assert_eq!(e.codes().collect::<Vec<_>>(), [Code::from(ErrorCode::PageDoesNotExist)]);
//! assert_eq!(e.status().known(), Some(HttpStatus::NotFound));
//! ```

/// The `http` this module is built for, re-exported: name it through this
/// path, or pin the same version, and its types are the ones these helpers
/// take.
#[doc(no_inline)]
pub use ::http;

use ::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use ::http::{HeaderMap, StatusCode};

use std::borrow::Cow;

use crate::catalog::ParseError;
use crate::catalog::{Catalog, CodeEntry, HeaderMeaning, ProblemEntry, StatusEntry};
use crate::codec::{problem, Bounds, EncodeError};
use crate::model::members::{integer, string};
use crate::model::{Problem, V1Error};
use crate::response::negotiate::Negotiated;
use crate::response::{decode_response_with, ApiError, Outcome, RateLimits, RetryAfter};
use crate::{Code, Format, HttpStatus, Status};

impl From<HttpStatus> for StatusCode {
    fn from(status: HttpStatus) -> Self {
        // The spec only admits statuses from 100 to 599, which `http`
        // accepts; the fallback is never taken.
        StatusCode::from_u16(status.info().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl TryFrom<StatusCode> for HttpStatus {
    type Error = ParseError;

    /// The catalog's entry for the status, if it documents it.
    fn try_from(status: StatusCode) -> Result<Self, ParseError> {
        HttpStatus::from_u16(status.as_u16()).ok_or(ParseError::new("HTTP status"))
    }
}

impl<S: StatusEntry> From<StatusCode> for Status<S> {
    fn from(status: StatusCode) -> Self {
        Status::from_u16(status.as_u16())
    }
}

impl<S: StatusEntry> TryFrom<Status<S>> for StatusCode {
    type Error = ::http::status::InvalidStatusCode;

    /// Fails only for an unknown status outside 100 to 999.
    fn try_from(status: Status<S>) -> Result<Self, Self::Error> {
        StatusCode::from_u16(status.as_u16())
    }
}

/// The errors a server answers a request with: v1.1 errors, a v2 problem
/// body, or both, with a status and headers. [`ErrorResponse::to_http`]
/// renders it in the format the request asked for (see
/// [`negotiate`](crate::response::negotiate)):
///
/// - JSON, XML and JSONP requests get the v1.1 errors; when there are none,
///   the problem body;
/// - v2 requests get the problem body; when there is none, the v1.1 JSON.
///
/// [`ErrorResponse::code`] builds both from one catalog code: the v2 form
/// is then the generic `about:blank` problem of the code's status, as the
/// v2 API serves for failures that have no problem type of their own.
///
/// It is one pointer wide, so a `Result<T, ErrorResponse>` stays small.
///
/// # Examples
///
/// ```
/// use twitter_errors::integrations::http::ErrorResponse;
/// use twitter_errors::response::negotiate::negotiate;
/// use twitter_errors::ErrorCode;
///
/// let error = ErrorResponse::code(ErrorCode::PageDoesNotExist);
///
/// // With the `xml` feature; without it, a `.xml` request is answered as
/// // if it had named no format (here JSON).
/// # #[cfg(feature = "xml")] {
/// let response = error.to_http(&negotiate("/1.1/statuses/show/1.xml", None));
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-type"], "application/xml; charset=utf-8");
/// assert!(std::str::from_utf8(response.body()).unwrap().contains(r#"<error code="34">"#));
/// # }
///
/// let response = error.to_http(&negotiate("/1.1/statuses/show/1.json?suppress_response_codes=true", None));
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.body(), br#"{"errors":[{"message":"Sorry, that page does not exist.","code":34}]}"#);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorResponse<C: Catalog = crate::Twitter>(Box<Parts<C>>);

#[derive(Clone, Debug, PartialEq)]
struct Parts<C: Catalog> {
    status: u16,
    errors: Vec<V1Error<'static, C>>,
    problem: Option<problem::ProblemBody<'static, C>>,
    headers: HeaderMap,
}

impl ErrorResponse {
    /// A code of the bundled catalog: see [`ErrorResponse::from_code`].
    pub fn code(code: crate::ErrorCode) -> Self {
        ErrorResponse::from_code(code)
    }

    /// A problem type of the bundled catalog: see
    /// [`ErrorResponse::from_problem_type`].
    pub fn problem_type(problem_type: crate::ProblemType, detail: &str) -> Self {
        ErrorResponse::from_problem_type(problem_type, detail)
    }
}

impl<C: Catalog> ErrorResponse<C> {
    /// A catalog code with its message and status (400 when the catalog
    /// documents none), and the generic problem of that status for v2.
    pub fn from_code(code: C::Code) -> Self {
        let status = code.info().status.map_or(400, |s| s.info().status);
        ErrorResponse(Box::new(Parts {
            status,
            errors: vec![V1Error::from_entry(code)],
            problem: Some(problem::ProblemBody::new(
                Some(generic::<C>(status)),
                Vec::new(),
            )),
            headers: HeaderMap::new(),
        }))
    }

    /// v1.1 errors served with `status`; v2 requests get the generic
    /// problem of that status.
    pub fn errors(status: u16, errors: Vec<V1Error<'_, C>>) -> Self {
        ErrorResponse(Box::new(Parts {
            status,
            errors: errors.into_iter().map(V1Error::into_owned).collect(),
            problem: Some(problem::ProblemBody::new(
                Some(generic::<C>(status)),
                Vec::new(),
            )),
            headers: HeaderMap::new(),
        }))
    }

    /// A v2 problem type with its title, `detail`, and the status the
    /// catalog gives it (400 when it documents none).
    pub fn from_problem_type(problem_type: C::Problem, detail: &str) -> Self {
        let info = problem_type.info();
        let status = info.status.map_or(400, |s| s.info().status);
        let mut p = Problem::new();
        p.push("title", Cow::Owned(string(info.title)));
        p.push("detail", Cow::Owned(string(detail)));
        p.push("type", Cow::Owned(string(info.uri)));
        ErrorResponse::problem(status, problem::ProblemBody::new(Some(p), Vec::new()))
    }

    /// A v2 problem body served with `status`, to every request.
    pub fn problem(status: u16, body: problem::ProblemBody<'_, C>) -> Self {
        ErrorResponse(Box::new(Parts {
            status,
            errors: Vec::new(),
            problem: Some(body.into_owned()),
            headers: HeaderMap::new(),
        }))
    }

    /// Sets the status.
    #[must_use]
    pub fn with_status(mut self, status: u16) -> Self {
        self.0.status = status;
        self
    }

    /// Sets the v1.1 errors.
    #[must_use]
    pub fn with_errors(mut self, errors: Vec<V1Error<'_, C>>) -> Self {
        self.0.errors = errors.into_iter().map(V1Error::into_owned).collect();
        self
    }

    /// Sets the body v2 requests get.
    #[must_use]
    pub fn with_problem(mut self, body: problem::ProblemBody<'_, C>) -> Self {
        self.0.problem = Some(body.into_owned());
        self
    }

    /// Adds a header, such as a rate-limit one.
    #[must_use]
    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.0.headers.append(name, value);
        self
    }

    /// Adds the headers of a rate-limit state, under the names the
    /// catalog's spec lists ([`Catalog::HEADERS`]).
    #[must_use]
    pub fn with_rate_limits(mut self, limits: &RateLimits) -> Self {
        write_rate_limits::<C>(&mut self.0.headers, limits);
        self
    }

    /// The status served when response codes are not suppressed.
    pub fn status(&self) -> u16 {
        self.0.status
    }

    /// The v1.1 errors.
    pub fn v1_errors(&self) -> &[V1Error<'static, C>] {
        &self.0.errors
    }

    /// The body v2 requests get.
    pub fn problem_body(&self) -> Option<&problem::ProblemBody<'static, C>> {
        self.0.problem.as_ref()
    }

    /// The headers added to every rendering.
    pub fn headers(&self) -> &HeaderMap {
        &self.0.headers
    }

    /// The format and bytes of the body for a request, or why it cannot be
    /// encoded (more errors or members than decoding accepts).
    pub fn encode(&self, asked: &Negotiated) -> Result<(Format, Vec<u8>), EncodeError> {
        let v2 = asked.format() == Format::Problem;
        match (&self.0.problem, self.0.errors.is_empty()) {
            (Some(p), _) if v2 => Ok((Format::Problem, p.encode()?)),
            (Some(p), true) => Ok((Format::Problem, p.encode()?)),
            _ => {
                let format = match asked.format() {
                    Format::Problem => Format::Json,
                    f => f,
                };
                Ok((format, asked.encode(&self.0.errors)?))
            }
        }
    }

    /// Renders the response for a request: its status (200 when the
    /// request asked for `suppress_response_codes`), Content-Type, the
    /// added headers and the body. A response that cannot be encoded
    /// ([`ErrorResponse::encode`]) is served as 500 with code 131,
    /// `Internal error`, in the format asked for.
    pub fn to_http(&self, asked: &Negotiated) -> ::http::Response<Vec<u8>> {
        let (status, (format, body)) = match self.encode(asked) {
            Ok(encoded) => (self.0.status, encoded),
            Err(_) => {
                let fallback = ErrorResponse::<C>::errors(
                    500,
                    vec![V1Error::new(Code::from_code(131), "Internal error")],
                );
                let encoded = fallback.encode(asked).unwrap_or((Format::Json, Vec::new()));
                (500, encoded)
            }
        };
        let status =
            StatusCode::from_u16(asked.status(status)).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = ::http::Response::new(body);
        *response.status_mut() = status;
        let headers = response.headers_mut();
        headers.clone_from(&self.0.headers);
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static(C::content_type(format)),
        );
        response
    }
}

/// `about:blank` with the status's reason phrase as title and detail, and
/// the status: the v2 API's generic problem.
fn generic<C: Catalog>(status: u16) -> Problem<'static, C> {
    let text = C::Status::from_u16(status).map_or("Error", |s| s.info().text);
    let mut p = Problem::new();
    p.push("title", Cow::Owned(string(text)));
    p.push("detail", Cow::Owned(string(text)));
    p.push("type", Cow::Owned(string("about:blank")));
    p.push("status", Cow::Owned(integer(i64::from(status))));
    p
}

/// Writes a rate-limit state as headers.
pub(crate) fn write_rate_limits<C: Catalog>(headers: &mut HeaderMap, limits: &RateLimits) {
    for h in C::HEADERS {
        let Ok(name) = HeaderName::from_bytes(h.name.as_bytes()) else {
            continue;
        };
        if h.meaning == HeaderMeaning::ApiVersion {
            // Visible ASCII only (`ApiVersion::new`), always a valid value.
            let value = limits
                .api_version
                .and_then(|v| HeaderValue::from_str(v.as_str()).ok());
            if let Some(value) = value {
                headers.insert(name, value);
            }
            continue;
        }
        let quota = h.window.map(|w| limits.quota(w));
        let value = match h.meaning {
            HeaderMeaning::Limit => quota.and_then(|q| q.limit),
            HeaderMeaning::Remaining => quota.and_then(|q| q.remaining),
            HeaderMeaning::Reset => quota.and_then(|q| q.reset),
            HeaderMeaning::RetryAfter => match limits.retry_after {
                Some(RetryAfter::Seconds(s)) => Some(s),
                // Only seconds are written; an HTTP date is left out.
                Some(RetryAfter::At(_)) | None => None,
            },
            _ => None,
        };
        if let Some(value) = value {
            headers.insert(name, HeaderValue::from(value));
        }
    }
}

/// Decodes a response with the bundled catalog and the default
/// [`Bounds`].
///
/// # Examples
///
/// ```
/// use twitter_errors::integrations::http::decode;
///
/// let response = http::Response::builder()
///     .status(503)
///     .header("retry-after", "120")
///     .body(br#"{"errors":[{"message":"Over capacity","code":130}]}"#.to_vec())
///     .unwrap();
/// let e = decode(&response).failure().cloned().unwrap();
/// assert_eq!(e.to_string(), "130 Over capacity (HTTP 503), retry in 120s");
/// ```
pub fn decode<B: AsRef<[u8]>>(response: &::http::Response<B>) -> Outcome {
    decode_with(response, &Bounds::DEFAULT)
}

/// Decodes a response: its status, headers (the Content-Type and the
/// rate-limit ones) and body.
pub fn decode_with<C: Catalog, B: AsRef<[u8]>>(
    response: &::http::Response<B>,
    limits: &Bounds,
) -> Outcome<C> {
    decode_response_with(
        response.status().as_u16(),
        response.headers(),
        response.body().as_ref(),
        limits,
    )
}

impl<C: Catalog> ApiError<C> {
    /// Decodes an `http::Response` known to have failed (see
    /// [`ApiError::from_response_with`]).
    pub fn from_http<B: AsRef<[u8]>>(response: &::http::Response<B>, limits: &Bounds) -> Self {
        ApiError::from_response_with(
            response.status().as_u16(),
            response.headers(),
            response.body().as_ref(),
            limits,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::negotiate::negotiate;
    use crate::response::{Quota, Wait};
    use crate::{Code, ErrorCode, ProblemType};

    #[test]
    fn to_http_reads_the_target_as_rfc_3986_splits_it() {
        let error = ErrorResponse::code(ErrorCode::StatusNotFound);
        for target in [
            "/1.1/statuses/show/1.json?ref=http://x.example/a.xml&suppress_response_codes",
            "https://api.twitter.com/1.1/statuses/show/1.json?ref=http://x.example/a.xml&suppress_response_codes",
        ] {
            let r = error.to_http(&negotiate(target, None));
            assert_eq!(r.status().as_u16(), 200, "{target}");
            assert_eq!(
                r.headers()["content-type"],
                "application/json; charset=utf-8"
            );
            assert!(r.body().starts_with(b"{\"errors\""));
        }
        let r = error.to_http(&negotiate(
            "https://api.twitter.com/1.1/statuses/show/1.json?suppress_response_codes",
            None,
        ));
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(
            r.headers()["content-type"],
            "application/json; charset=utf-8"
        );
        assert!(r.body().starts_with(b"{\"errors\""));
    }

    #[test]
    fn every_status_converts_both_ways() {
        for s in HttpStatus::ALL {
            let code = StatusCode::from(*s);
            assert_eq!(code.as_u16(), s.info().status);
            assert_eq!(HttpStatus::try_from(code), Ok(*s));
            assert_eq!(Status::<HttpStatus>::from(code), Status::from(*s));
        }
        // A status the catalog does not list (whichever the data leaves out).
        let n = (400..=599)
            .find(|&n| HttpStatus::from_u16(n).is_none())
            .expect("a status the catalog lacks");
        let unlisted = StatusCode::from_u16(n).unwrap();
        assert!(HttpStatus::try_from(unlisted).is_err());
        assert_eq!(Status::<HttpStatus>::from(unlisted), Status::from_u16(n));
        assert_eq!(
            StatusCode::try_from(Status::<HttpStatus>::from_u16(n)).ok(),
            Some(unlisted)
        );
        assert!(StatusCode::try_from(Status::<HttpStatus>::from_u16(42)).is_err());
    }

    #[test]
    fn renders_in_every_format() {
        let e = ErrorResponse::code(ErrorCode::PageDoesNotExist);
        let cases = [
            (
                "/1.1/x.json",
                404,
                "application/json; charset=utf-8",
                Format::Json,
            ),
            #[cfg(feature = "xml")]
            (
                "/1.1/x.xml",
                404,
                "application/xml; charset=utf-8",
                Format::Xml,
            ),
            (
                "/1.1/x.json?callback=f",
                404,
                "application/javascript; charset=utf-8",
                Format::Jsonp,
            ),
            (
                "/2/x",
                404,
                "application/problem+json; charset=utf-8",
                Format::Problem,
            ),
            (
                "/1.1/x.json?suppress_response_codes",
                200,
                "application/json; charset=utf-8",
                Format::Json,
            ),
        ];
        for (target, status, content_type, format) in cases {
            let r = e.to_http(&negotiate(target, None));
            assert_eq!(r.status().as_u16(), status, "{target}");
            assert_eq!(r.headers()[CONTENT_TYPE], content_type, "{target}");
            let Outcome::Failure(d) = decode(&r) else {
                panic!("{target}: not a failure")
            };
            assert_eq!(d.body().unwrap().format(), format, "{target}");
            assert_eq!(d.effective_status().as_u16(), 404, "{target}");
            if format == Format::Problem {
                let p = d.problems().next().unwrap();
                assert_eq!(p.problem_type(), Some(ProblemType::Generic));
                assert_eq!(p.status(), Some(404));
                assert_eq!(p.title().as_deref(), Some("Not Found"));
            } else {
                assert_eq!(
                    d.codes().collect::<Vec<_>>(),
                    [Code::from(ErrorCode::PageDoesNotExist)]
                );
            }
        }
    }

    #[test]
    fn several_errors_and_added_headers() {
        let errors: Vec<V1Error> = vec![
            V1Error::from_entry(ErrorCode::OverCapacity),
            V1Error::new(Code::from_code(9999), "Something new"),
        ];
        let e = ErrorResponse::errors(503, errors)
            .with_header(
                HeaderName::from_static("retry-after"),
                HeaderValue::from(30),
            )
            .with_header(
                HeaderName::from_static("x-note"),
                HeaderValue::from_static("a"),
            )
            .with_header(
                HeaderName::from_static("x-note"),
                HeaderValue::from_static("b"),
            );
        assert_eq!(e.status(), 503);
        assert_eq!(e.v1_errors().len(), 2);
        let r = e.to_http(&negotiate("/1.1/x.json", None));
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(r.headers().get_all("x-note").iter().count(), 2);
        assert_eq!(
            r.body(),
            br#"{"errors":[{"message":"Over capacity.","code":130},{"message":"Something new","code":9999}]}"#
        );
        let d = ApiError::<crate::Twitter>::from_http(&r, &Bounds::DEFAULT);
        assert_eq!(
            d.codes().collect::<Vec<_>>(),
            [Code::from(ErrorCode::OverCapacity), Code::from_code(9999)]
        );
        assert_eq!(d.retry().wait, Some(Wait::Seconds(30)));
        assert_eq!(
            d.to_string(),
            "130 Over capacity; 9999 Something new (HTTP 503), retry in 30s"
        );
        // v2 requests get the generic problem of the status.
        let r = e.to_http(&negotiate("/2/tweets", None));
        assert_eq!(
            r.body(),
            br#"{"title":"Service Unavailable","detail":"Service Unavailable","type":"about:blank","status":503}"#
        );
    }

    #[test]
    fn problem_types_and_rate_limits() {
        let e = ErrorResponse::problem_type(
            ProblemType::InvalidRequest,
            "The `id` query parameter value [x] is not valid",
        )
        .with_rate_limits(&RateLimits {
            standard: Quota {
                limit: Some(900),
                remaining: Some(0),
                reset: Some(1_795_356_300),
            },
            ..RateLimits::default()
        });
        // A problem without v1.1 errors is served to v1.1 requests too.
        for target in ["/2/tweets/x", "/1.1/x.xml"] {
            let r = e.to_http(&negotiate(target, None));
            assert_eq!(r.status(), StatusCode::BAD_REQUEST);
            assert_eq!(r.headers()["x-rate-limit-remaining"], "0");
            assert_eq!(r.headers()["x-rate-limit-reset"], "1795356300");
            assert_eq!(
                r.headers()[CONTENT_TYPE],
                "application/problem+json; charset=utf-8"
            );
            let d = ApiError::<crate::Twitter>::from_http(&r, &Bounds::DEFAULT);
            assert_eq!(
                d.problems().next().unwrap().problem_type(),
                Some(ProblemType::InvalidRequest)
            );
            assert_eq!(d.rate_limits().standard.reset, Some(1_795_356_300));
            assert_eq!(d.retry().wait, None);
        }
        let limited =
            ErrorResponse::code(ErrorCode::RateLimitExceeded).with_rate_limits(&RateLimits {
                standard: Quota {
                    limit: Some(15),
                    remaining: Some(0),
                    reset: Some(1_795_356_300),
                },
                ..RateLimits::default()
            });
        let d = ApiError::<crate::Twitter>::from_http(
            &limited.to_http(&negotiate("/1.1/x.json", None)),
            &Bounds::DEFAULT,
        );
        assert_eq!(d.retry().wait, Some(Wait::Until(1_795_356_300)));
    }
}
