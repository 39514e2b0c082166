//! The HTTP layer: what a request asked for, and what a response says.
//!
//! [`negotiate`] picks the format a request asked its errors in.
//!
//! [`decode_response`] tells the three outcomes apart:
//!
//! - [`Outcome::Success`]: no error in sight;
//! - [`Outcome::Partial`]: a v2 result with problems attached (status 200,
//!   an `errors` array beside `data`, or without it): the call worked for
//!   everything else, and both are there;
//! - [`Outcome::Failure`]: an [`ApiError`], from a 4xx or 5xx status, or
//!   from an error body served with 200 because the request asked for
//!   `suppress_response_codes`.
//!
//! An [`ApiError`] holds the HTTP status, the typed codes or problems, the
//! rate-limit state of the headers, and a [`RetryDecision`]. A body that is
//! not an error body at all (an HTML page, an OAuth error in plain text,
//! nothing, half a body) still gives an `ApiError` from the status alone,
//! with the raw body and the reason it did not decode.
//!
//! ```
//! use twitter_errors::response::{decode_response, Limit, Wait};
//! use twitter_errors::catalog::Window;
//! use twitter_errors::Retry;
//!
//! let headers = [("x-rate-limit-remaining", "0"), ("x-rate-limit-reset", "1700000900")];
//! let body = br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#;
//! let e = decode_response(429, headers, body).into_result().unwrap_err();
//! assert_eq!(e.limit(), Some(Limit::RateLimit(Window::Standard)));
//! let decision = e.retry();
//! assert_eq!(decision.hint, Retry::AfterReset);
//! assert_eq!(decision.wait, Some(Wait::Until(1_700_000_900)));
//! ```

use core::fmt;

use crate::catalog::{
    problem_slug, Catalog, CodeEntry, Format, ObjectEntry, PolicyInfo, ProblemEntry, Reset, Retry,
    StatusEntry, Window,
};
use crate::codec::{decode_as, problem, Body, Bounds, DecodeError, ErrorKind};
use crate::known::{Code, Status};
use crate::model::{Problem, V1Error};
use crate::shown::shown;

pub mod negotiate;
mod rate_limit;
mod reconnect;
mod retry;

pub use crate::catalog::Backoff;
pub use rate_limit::{ApiVersion, Quota, RateLimits, RetryAfter};
pub use reconnect::Reconnect;
pub use retry::{Failure, GiveUp, Limit, RetryDecision, RetryPolicy, Wait};

/// A failed call: status, decoded body (or the raw one), rate limits.
///
/// `Display` reads like a log line: the codes or problems, the HTTP status
/// and when to retry. A body that did not decode is kept as it came, with
/// the reason.
///
/// # Examples
///
/// ```
/// use twitter_errors::response::ApiError;
/// use twitter_errors::{ErrorCode, HttpStatus, Retry};
///
/// let body = br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#;
/// let headers = [("x-rate-limit-limit", "15"), ("x-rate-limit-remaining", "0"), ("x-rate-limit-reset", "1795356300")];
/// let e = ApiError::from_response(429, headers, body);
/// assert_eq!(e.status(), HttpStatus::TooManyRequests);
/// assert_eq!(e.codes().next().unwrap().known(), Some(ErrorCode::RateLimitExceeded));
/// assert!(e.is_rate_limited());
/// assert_eq!(e.retry().hint, Retry::AfterReset);
/// assert_eq!(e.to_string(), "88 Rate limit exceeded (HTTP 429), retry after 2026-11-22T14:05:00Z");
///
/// // A body that is not an error body is kept, with why it did not decode.
/// let e = ApiError::from_response(502, [("content-type", "text/html")], b"<html>Bad Gateway</html>");
/// assert_eq!(e.raw_body(), Some(&b"<html>Bad Gateway</html>"[..]));
/// assert!(e.decode_error().is_some());
/// ```
#[derive(Clone, PartialEq)]
pub struct ApiError<C: Catalog = crate::Twitter> {
    // Boxed: a `Result<T, ApiError>` stays the size of a pointer.
    inner: Box<Parts<C>>,
}

/// What an [`ApiError`] holds.
#[derive(Clone, PartialEq)]
struct Parts<C: Catalog> {
    status: Status<C::Status>,
    body: Result<Body<'static, C>, Undecoded>,
    rate_limits: RateLimits,
}

/// A body that did not decode, kept as it came.
#[derive(Clone, Debug, PartialEq)]
struct Undecoded {
    raw: Vec<u8>,
    error: DecodeError,
}

/// What a response was.
///
/// # Examples
///
/// ```
/// use twitter_errors::response::{decode_response, Outcome};
///
/// let headers: [(&str, &str); 0] = [];
/// // A success: the body is the caller's.
/// assert_eq!(decode_response(200, headers, br#"{"data":{"id":"20"}}"#), Outcome::Success);
///
/// // A v2 partial result: data for some ids, a problem for each other one.
/// let partial = br#"{"data":[{"id":"20","text":"just setting up my twttr"}],"errors":[{"value":"1","detail":"Could not find tweet with ids: [1].","title":"Not Found Error","resource_type":"tweet","parameter":"ids","resource_id":"1","type":"https://api.twitter.com/2/problems/resource-not-found"}]}"#;
/// let body = decode_response(200, headers, partial).into_result().unwrap().unwrap();
/// assert_eq!(body.problems().count(), 1);
/// assert!(body.data().is_some());
///
/// // A failure.
/// let e = decode_response(404, headers, br#"{"errors":[{"message":"Sorry, that page does not exist","code":34}]}"#).into_result().unwrap_err();
/// assert_eq!(e.to_string(), "34 Sorry, that page does not exist (HTTP 404)");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
// One per response, moved once: a box would cost an allocation for the
// common partial result and save nothing.
#[allow(clippy::large_enum_variant)]
pub enum Outcome<C: Catalog = crate::Twitter> {
    /// No error: the body is the caller's to read.
    Success,
    /// A v2 result with problems attached: `data` (if any) and the
    /// problems are both in the body.
    Partial(problem::ProblemBody<'static, C>),
    /// The call failed.
    Failure(ApiError<C>),
}

impl<C: Catalog> Outcome<C> {
    /// Whether the call succeeded with nothing attached.
    pub fn is_success(&self) -> bool {
        matches!(self, Outcome::Success)
    }

    /// The failure, if the call failed.
    pub fn failure(&self) -> Option<&ApiError<C>> {
        match self {
            Outcome::Failure(e) => Some(e),
            _ => None,
        }
    }

    /// The partial result, if the call partly succeeded.
    pub fn partial(&self) -> Option<&problem::ProblemBody<'static, C>> {
        match self {
            Outcome::Partial(p) => Some(p),
            _ => None,
        }
    }

    /// `Err` with the failure, or `Ok` with the partial result (`None`
    /// for a plain success): for `?`.
    ///
    /// ```
    /// use twitter_errors::response::{decode_response, ApiError};
    ///
    /// # fn main() -> Result<(), ApiError> {
    /// let none: [(&str, &str); 0] = [];
    /// let partial = decode_response(200, none, br#"{"data":{"id":"20"}}"#).into_result()?;
    /// assert!(partial.is_none());
    /// let e = decode_response(404, none, b"").into_result().unwrap_err();
    /// assert_eq!(e.status().as_u16(), 404);
    /// # Ok(())
    /// # }
    /// ```
    pub fn into_result(self) -> Result<Option<problem::ProblemBody<'static, C>>, ApiError<C>> {
        match self {
            Outcome::Failure(e) => Err(e),
            Outcome::Partial(p) => Ok(Some(p)),
            Outcome::Success => Ok(None),
        }
    }
}

/// Decodes a response with the bundled catalog and the default [`Bounds`].
/// Headers are any `(name, value)` pairs, such as an `http::HeaderMap`'s.
///
/// A failure status, or an error body served with a success status (the
/// request asked for `suppress_response_codes`), is an
/// [`Outcome::Failure`]; a v2 body with `data` and `errors` is an
/// [`Outcome::Partial`]; anything else is [`Outcome::Success`]. It never
/// fails: a body that does not decode stays in the [`ApiError`]. With a
/// success status, a body this build cannot read (XML without the `xml`
/// feature, which is also how the v1 API answered successful `.xml`
/// requests) is a success: only a body that decodes as an error body
/// turns a success status into a failure.
///
/// # Examples
///
/// ```
/// use twitter_errors::response::{decode_response, Wait};
/// use twitter_errors::Retry;
///
/// let body = br#"{"errors":[{"message":"Over capacity","code":130}]}"#;
/// let e = decode_response(503, [("retry-after", "Sun, 22 Nov 2026 14:05:00 GMT")], body)
///     .into_result()
///     .unwrap_err();
/// let decision = e.retry();
/// assert_eq!(decision.hint, Retry::Backoff);
/// assert_eq!(decision.wait, Some(Wait::Until(1_795_356_300)));
/// ```
pub fn decode_response<K, V>(
    status: u16,
    headers: impl IntoIterator<Item = (K, V)>,
    body: &[u8],
) -> Outcome
where
    K: AsRef<str>,
    V: AsRef<[u8]>,
{
    decode_response_with(status, headers, body, &Bounds::DEFAULT)
}

/// Decodes a response, telling the body's format from the body (and an
/// `application/problem+json` Content-Type).
pub fn decode_response_with<C, K, V>(
    status: u16,
    headers: impl IntoIterator<Item = (K, V)>,
    body: &[u8],
    limits: &Bounds,
) -> Outcome<C>
where
    C: Catalog,
    K: AsRef<str>,
    V: AsRef<[u8]>,
{
    decode_response_as(status, headers, body, None, limits)
}

/// Decodes a response whose body is in `format` (`None`: tell it from the
/// body).
pub fn decode_response_as<C, K, V>(
    status: u16,
    headers: impl IntoIterator<Item = (K, V)>,
    body: &[u8],
    format: Option<Format>,
    limits: &Bounds,
) -> Outcome<C>
where
    C: Catalog,
    K: AsRef<str>,
    V: AsRef<[u8]>,
{
    let mut problem_json = false;
    let mut rate_headers: Vec<(K, V)> = Vec::new();
    for (k, v) in headers {
        if k.as_ref().eq_ignore_ascii_case("content-type") {
            problem_json = v
                .as_ref()
                .windows(12)
                .any(|w| w.eq_ignore_ascii_case(b"problem+json"));
        } else {
            rate_headers.push((k, v));
        }
    }
    let rate_limits = RateLimits::from_headers::<C, _, _>(rate_headers);
    let format = format.or(problem_json.then_some(Format::Problem));
    let decoded = decode_as::<C>(body, format, limits).map(Body::into_owned);
    if status >= 400 {
        return Outcome::Failure(ApiError::build(status, decoded, body, rate_limits));
    }
    match decoded {
        Ok(Body::Problem(p)) if p.is_partial() => Outcome::Partial(p),
        Ok(Body::Problem(p)) if p.problem.is_none() => Outcome::Success,
        // A legacy body whose text reports success (`Logged out.`).
        Ok(b) if b.legacy().is_some_and(|l| l.is_notice::<C>()) => Outcome::Success,
        // An error body served with a success status: the request asked
        // for `suppress_response_codes`, or a media upload failed.
        Ok(b) => Outcome::Failure(ApiError::build(status, Ok(b), body, rate_limits)),
        Err(_) => Outcome::Success,
    }
}

/// A v1.1 stream's `disconnect` notice: see [`ApiError::disconnect`].
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Disconnect {
    /// The notice's `code`, when it has one that is a number.
    pub code: Option<i64>,
    /// The catalog's entry for the code, when it has one: its reason and
    /// whether and how to reconnect.
    pub entry: Option<&'static crate::catalog::DisconnectInfo>,
}

impl PartialEq for Disconnect {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
            && match (self.entry, other.entry) {
                (Some(a), Some(b)) => core::ptr::eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

impl Eq for Disconnect {}

/// One line of a stream, as [`stream_line`] reads it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum StreamLine<'a, C: Catalog = crate::Twitter> {
    /// A message (a Tweet, a rule match...): the line as it came.
    Data(&'a [u8]),
    /// An empty or blank line: the keep-alive a stream sends when it has
    /// nothing else.
    KeepAlive,
    /// An error the server sent in the stream, served with 200: a v1.1
    /// `disconnect` notice or `errors`, or a v2 body of `errors` without
    /// `data` (an `operational-disconnect`).
    Error(ApiError<C>),
}

/// Reads one line of a stream (without its line ending), within `limits`:
/// data, a keep-alive, or an in-band error with its retry decision. Only a
/// line that names `errors` or `disconnect` is decoded. What the `reqwest`
/// integration's `api_lines` and `twitter-errors decode --lines` use.
///
/// ```
/// use twitter_errors::response::{stream_line, StreamLine};
/// use twitter_errors::codec::Bounds;
///
/// let line = br#"{"disconnect":{"code":4,"stream_name":"s","reason":"Stall"}}"#;
/// let StreamLine::Error(e) = stream_line::<twitter_errors::Twitter>(line, &Bounds::DEFAULT) else {
///     panic!()
/// };
/// assert_eq!(e.disconnect().map(|d| d.code), Some(Some(4)));
/// assert_eq!(stream_line::<twitter_errors::Twitter>(b"\r", &Bounds::DEFAULT), StreamLine::KeepAlive);
/// ```
pub fn stream_line<'a, C: Catalog>(line: &'a [u8], limits: &Bounds) -> StreamLine<'a, C> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return StreamLine::KeepAlive;
    }
    let has = |needle: &[u8]| memchr::memmem::find(line, needle).is_some();
    if !has(b"\"errors\"") && !has(b"\"disconnect\"") {
        return StreamLine::Data(line);
    }
    let none: [(&str, &str); 0] = [];
    match decode_response_with::<C, _, _>(200, none, line, limits) {
        Outcome::Failure(e) => StreamLine::Error(e),
        Outcome::Partial(p) if p.data().is_none() => {
            StreamLine::Error(ApiError::new(200, Body::Problem(p), RateLimits::default()))
        }
        _ => StreamLine::Data(line),
    }
}

impl ApiError {
    /// Decodes a response known to have failed, with the bundled catalog
    /// and the default [`Bounds`].
    pub fn from_response<K, V>(
        status: u16,
        headers: impl IntoIterator<Item = (K, V)>,
        body: &[u8],
    ) -> Self
    where
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        ApiError::from_response_with(status, headers, body, &Bounds::DEFAULT)
    }
}

impl<C: Catalog> ApiError<C> {
    fn from_parts(parts: Parts<C>) -> Self {
        ApiError {
            inner: Box::new(parts),
        }
    }

    /// Decodes a response known to have failed. Even a success status or
    /// a body without errors gives an `ApiError`.
    pub fn from_response_with<K, V>(
        status: u16,
        headers: impl IntoIterator<Item = (K, V)>,
        body: &[u8],
        limits: &Bounds,
    ) -> Self
    where
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        match decode_response_with::<C, K, V>(status, headers, body, limits) {
            Outcome::Failure(e) => e,
            Outcome::Partial(p) => ApiError::from_parts(Parts {
                status: Status::from_u16(status),
                body: Ok(Body::Problem(p)),
                rate_limits: RateLimits::default(),
            }),
            Outcome::Success => ApiError::from_parts(Parts {
                status: Status::from_u16(status),
                body: Err(Undecoded {
                    raw: body.to_vec(),
                    error: DecodeError::new(ErrorKind::Shape, "no error in the body"),
                }),
                rate_limits: RateLimits::default(),
            }),
        }
    }

    /// An error from its parts.
    pub fn new(status: u16, body: Body<'_, C>, rate_limits: RateLimits) -> Self {
        ApiError::from_parts(Parts {
            status: Status::from_u16(status),
            body: Ok(body.into_owned()),
            rate_limits,
        })
    }

    /// A failure whose body was refused before it was decoded (it was
    /// longer than the limits allow): the status and the rate-limit
    /// headers, and `error` as the reason.
    pub fn refused<K, V>(
        status: u16,
        headers: impl IntoIterator<Item = (K, V)>,
        error: DecodeError,
    ) -> Self
    where
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        ApiError::from_parts(Parts {
            status: Status::from_u16(status),
            body: Err(Undecoded {
                raw: Vec::new(),
                error,
            }),
            rate_limits: RateLimits::from_headers::<C, _, _>(headers),
        })
    }

    fn build(
        status: u16,
        decoded: Result<Body<'static, C>, DecodeError>,
        raw: &[u8],
        rate_limits: RateLimits,
    ) -> Self {
        ApiError::from_parts(Parts {
            status: Status::from_u16(status),
            body: decoded.map_err(|error| Undecoded {
                raw: raw.to_vec(),
                error,
            }),
            rate_limits,
        })
    }

    /// The HTTP status as served (200 when response codes were
    /// suppressed).
    pub fn status(&self) -> Status<C::Status> {
        self.inner.status
    }

    /// The status the error stands for: the served one, or, when an error
    /// came with a success status, the one the catalog gives its first
    /// code or problem type (or the body's `status` member).
    pub fn effective_status(&self) -> Status<C::Status> {
        if self.inner.status.is_error() {
            return self.inner.status;
        }
        let from_code = self.codes().find_map(|c| c.known()?.info().status);
        let from_problem = || {
            self.problems().find_map(|p| {
                p.problem_type().and_then(|t| t.info().status).or_else(|| {
                    p.status()
                        .and_then(|s| u16::try_from(s).ok())
                        .and_then(C::Status::from_u16)
                })
            })
        };
        from_code
            .or_else(from_problem)
            .map_or(self.inner.status, Status::from)
    }

    /// The decoded body, when it decoded.
    pub fn body(&self) -> Option<&Body<'static, C>> {
        self.inner.body.as_ref().ok()
    }

    /// The body as it came, when it did not decode (an HTML page, plain
    /// text, nothing).
    pub fn raw_body(&self) -> Option<&[u8]> {
        self.inner.body.as_ref().err().map(|u| &u.raw[..])
    }

    /// Why the body did not decode.
    pub fn decode_error(&self) -> Option<&DecodeError> {
        self.inner.body.as_ref().err().map(|u| &u.error)
    }

    /// The v1.1 codes, in order.
    pub fn codes(&self) -> impl Iterator<Item = Code<C::Code>> + '_ {
        self.body().into_iter().flat_map(Body::codes)
    }

    /// The v2 problems: the body's own, then each item of `errors`.
    pub fn problems(&self) -> impl Iterator<Item = &Problem<'static, C>> + '_ {
        self.body().into_iter().flat_map(Body::problems)
    }

    /// The first message of the body; for a body that did not decode,
    /// its text when it is short plain text (such as an OAuth error).
    pub fn message(&self) -> Option<std::borrow::Cow<'_, str>> {
        match &self.inner.body {
            Ok(body) => body.message(),
            Err(u) => {
                let text = std::str::from_utf8(&u.raw).ok()?.trim();
                let plain = !text.is_empty()
                    && text.len() <= 200
                    && !text.starts_with('<')
                    && !text.chars().any(char::is_control);
                plain.then_some(std::borrow::Cow::Borrowed(text))
            }
        }
    }

    /// The rate-limit headers.
    pub fn rate_limits(&self) -> &RateLimits {
        &self.inner.rate_limits
    }

    /// The version of the API's spec that served the response, from its
    /// `api-version` header (`2.164`).
    pub fn api_version(&self) -> Option<&str> {
        self.inner
            .rate_limits
            .api_version
            .as_ref()
            .map(ApiVersion::as_str)
    }

    /// Whether a limit was hit, and which. A billing failure (no credits,
    /// a spending limit reached) is not a rate limit, whatever the
    /// rate-limit headers of its response say; a usage cap (problem type
    /// `usage-capped`) and a rate limit both come as 429, and only the body
    /// tells them apart.
    pub fn limit(&self) -> Option<Limit> {
        let hints = self.hints();
        let resets = || hints.iter().filter_map(|(_, p)| p.map(|p| p.reset));
        if resets().any(|r| r == Reset::Credits) {
            return Some(Limit::Credits);
        }
        if resets().any(|r| r == Reset::BillingCycle) {
            return Some(Limit::SpendCap);
        }
        if self.problems().any(|p| is_usage_capped::<C>(p)) {
            return Some(Limit::UsageCap);
        }
        let status = self.effective_status().as_u16();
        // A quota code (185, 161, 205) also waits for a reset, but not of a
        // rate-limit window: its policy says no header carries it.
        let after_reset = hints
            .iter()
            .any(|(r, p)| *r == Retry::AfterReset && p.is_none_or(|p| p.reset.in_headers()));
        if status == 429 || status == 420 || after_reset {
            let window = self
                .inner
                .rate_limits
                .exhausted()
                .unwrap_or(Window::Standard);
            return Some(Limit::RateLimit(window));
        }
        None
    }

    /// The v1.1 stream `disconnect` notice the body is, if it is one: its
    /// code (a number, or a string of digits as some servers send it) and
    /// the catalog's entry for it.
    pub fn disconnect(&self) -> Option<Disconnect> {
        let shape = match self.body()? {
            Body::Json(b) => &b.shape,
            Body::Jsonp(b) => &b.body.shape,
            _ => return None,
        };
        let crate::codec::json::Shape::Disconnect(d) = shape else {
            return None;
        };
        let code = d
            .code()
            .or_else(|| d.members.get_str("code")?.trim().parse().ok());
        Some(Disconnect {
            code,
            entry: code
                .and_then(|c| u32::try_from(c).ok())
                .and_then(C::disconnect),
        })
    }

    /// Whether the body carries `code` (a v1.1 error, in any meaning of
    /// it): `e.has_code(ErrorCode::RateLimitExceeded)`.
    pub fn has_code(&self, code: C::Code) -> bool {
        self.codes().any(|c| c.known() == Some(code))
    }

    /// Whether the body carries the v2 problem type `problem` (its own or
    /// an item of `errors`): `e.has_problem(ProblemType::UsageCapped)`.
    pub fn has_problem(&self, problem: C::Problem) -> bool {
        self.problems().any(|p| p.problem_type() == Some(problem))
    }

    /// The first v1.1 code of the body, known to the catalog or not.
    pub fn first_code(&self) -> Option<Code<C::Code>> {
        self.codes().next()
    }

    /// The first v2 problem type of the body that the catalog knows.
    pub fn first_problem(&self) -> Option<C::Problem> {
        self.problems().find_map(Problem::problem_type)
    }

    /// Whether the error says that an account, a user or an app is
    /// suspended: a code or problem type the catalog marks `suspended`
    /// (`64 Your account is suspended...`, `user-suspended`), in the
    /// meaning its text shows (code 64 as the v1-retirement notice is not).
    pub fn is_suspended(&self) -> bool {
        use crate::catalog::{CodeEntry as _, ProblemEntry as _};
        let v1 = self.body().map_or(&[][..], Body::v1_errors);
        v1.iter().any(|e| {
            e.code
                .known()
                .is_some_and(|k| k.info().suspended && e.meaning().is_none())
        }) || self
            .problems()
            .any(|p| p.problem_type().is_some_and(|t| t.info().suspended))
    }

    /// Whether a billing limit stopped the call: no credits left (402) or
    /// the spending limit reached. No wait lifts it.
    pub fn is_billing(&self) -> bool {
        matches!(self.limit(), Some(Limit::Credits | Limit::SpendCap))
    }

    /// Whether the limit hit is a usage cap of the month (`period:
    /// Monthly` in a `usage-capped` problem).
    pub fn is_monthly_cap(&self) -> bool {
        self.problems()
            .any(|p| is_usage_capped::<C>(p) && p.get_str("period").as_deref() == Some("Monthly"))
    }

    /// Whether a rate-limit window ran out.
    pub fn is_rate_limited(&self) -> bool {
        matches!(self.limit(), Some(Limit::RateLimit(_)))
    }

    /// Whether a v2 usage cap was reached.
    pub fn is_usage_capped(&self) -> bool {
        self.limit() == Some(Limit::UsageCap)
    }

    /// Whether and when to retry. Each known code (in the meaning its
    /// message shows) or problem type gives its catalog hint, refined by a
    /// vocabulary value that says more (a `disconnect_type`, a
    /// `connection_issue`, a usage cap's `period`); a legacy body, the code
    /// its text names; a streaming disconnect notice, its code's entry.
    /// Unknown ones, `about:blank` and bodies without either fall back to
    /// the status's hint. The most cautious hint wins (never, then after
    /// the reset, then backoff, then reconnect), with its retry policy.
    /// The wait comes from `Retry-After`, else, after a reset, from the
    /// reset header of the window that ran out, unless the policy says no
    /// header carries that reset (quota errors, monthly usage caps).
    pub fn retry(&self) -> RetryDecision {
        let rank = |r: &Hint| match r.0 {
            Retry::Never => 0,
            Retry::AfterReset => 1,
            Retry::Backoff => 2,
            _ => 3,
        };
        let (retry, policy) = self
            .hints()
            .into_iter()
            .min_by_key(rank)
            .unwrap_or((Retry::Never, None));
        let r = &self.inner.rate_limits;
        let in_headers = policy.is_none_or(|p| p.reset.in_headers());
        let wait = match retry {
            Retry::Never | Retry::Reconnect => None,
            _ => match r.retry_after {
                Some(RetryAfter::Seconds(s)) => Some(Wait::Seconds(s)),
                Some(RetryAfter::At(t)) => Some(Wait::Until(t)),
                None if retry == Retry::AfterReset && in_headers => {
                    let exhausted = [&r.user_24h, &r.app_24h, &r.standard]
                        .into_iter()
                        .filter(|q| q.exhausted())
                        .filter_map(|q| q.reset)
                        .max();
                    let usage_cap = self.is_usage_capped();
                    exhausted
                        .or(if usage_cap { None } else { r.standard.reset })
                        .map(Wait::Until)
                }
                None => None,
            },
        };
        RetryDecision {
            hint: retry,
            wait,
            policy,
        }
    }

    /// The retry hint of each code, problem type, `detail` text or notice
    /// of the body (or of the status, where the catalog knows nothing
    /// better), with its policy.
    fn hints(&self) -> Vec<Hint> {
        let status_hint = || status_retry(self.effective_status());
        let mut hints: Vec<Hint> = Vec::new();
        if let Some(body) = self.body() {
            for e in body.v1_errors() {
                hints.push(match e.retry() {
                    Some(r) => (r, e.policy()),
                    None => status_hint(),
                });
            }
            if let Some(l) = body.legacy() {
                hints.push(
                    l.inferred_code::<C>()
                        .map_or_else(status_hint, |m| (m.retry(), m.policy())),
                );
            }
            if let Some(d) = self.disconnect() {
                // A code the catalog does not know reconnects with backoff.
                hints.push(
                    d.entry
                        .map_or((Retry::Backoff, None), |d| (d.retry, d.policy)),
                );
            }
        }
        for p in self.problems() {
            let value = || {
                p.members().iter().find_map(|(k, v)| {
                    let v = crate::model::members::as_str(v)?;
                    C::Object::value_retry(k, &v)
                })
            };
            match p.type_uri().as_deref() {
                None => {}
                // A `detail` the catalog knows says more than the status.
                Some("about:blank") => {
                    hints.push(p.cause().map_or_else(status_hint, |d| (d.retry, d.policy)))
                }
                Some(_) => hints.push(value().unwrap_or_else(|| {
                    p.problem_type()
                        .map_or_else(status_hint, |t| (t.info().retry, t.info().policy))
                })),
            }
        }
        if hints.is_empty() {
            hints.push(status_hint());
        }
        hints
    }
}

/// A retry hint with the policy that says how to wait.
type Hint = (Retry, Option<&'static PolicyInfo>);

/// The status's retry hint and policy; for a status the catalog does not
/// know, 5xx and 420 back off and 429 waits for the reset.
fn status_retry<S: StatusEntry>(status: Status<S>) -> (Retry, Option<&'static PolicyInfo>) {
    match (status.known(), status.as_u16()) {
        (Some(s), _) => (s.info().retry, s.info().policy),
        (None, n) if n >= 500 || n == 420 => (Retry::Backoff, None),
        (None, 429) => (Retry::AfterReset, None),
        (None, _) => (Retry::Never, None),
    }
}

fn is_usage_capped<C: Catalog>(p: &Problem<'_, C>) -> bool {
    p.type_uri().is_some_and(|u| {
        problem_slug(&u, C::Problem::HOSTS).or_else(|| u.rsplit('/').next()) == Some("usage-capped")
    })
}

impl<C: Catalog> From<&ApiError<C>> for Failure {
    fn from(e: &ApiError<C>) -> Self {
        Failure::Api {
            decision: e.retry(),
            limit: e.limit(),
            monthly_cap: e.is_monthly_cap(),
        }
    }
}

/// A line a person can read in a log: what failed, the HTTP status, and
/// when to retry.
///
/// ```text
/// 88 Rate limit exceeded (HTTP 429), retry after 2026-11-22T14:05:00Z
/// 34 Sorry, that page does not exist (HTTP 404, served as 200)
/// Not Found Error: Could not find tweet with id: [1] (HTTP 404)
/// Service Unavailable (HTTP 503), retry in 30s
/// ```
///
/// v1.1 errors show as `code message`, v2 problems (the body's, then the
/// items of `errors`) as `title: detail`, up to three, then how many more;
/// messages lose their final period. Every text from the body is
/// [`shown`](crate::shown()): its control characters are visible escapes,
/// so no body can write to a terminal or start a new log line through it.
/// A body that did not decode shows as
/// its short plain text or the status's reason phrase. A reset time is written
/// in RFC 3339, UTC.
impl<C: Catalog> fmt::Display for ApiError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 3;
        let status = self.effective_status();
        let codes: Vec<&V1Error<'static, C>> = self
            .body()
            .map(|b| b.v1_errors().iter().collect())
            .unwrap_or_default();
        let problems: Vec<&Problem<'static, C>> = self.problems().collect();
        if !codes.is_empty() {
            for (i, e) in codes.iter().take(SHOWN).enumerate() {
                if i > 0 {
                    f.write_str("; ")?;
                }
                write!(f, "{}", e.code.code())?;
                let message = sentence(&e.message);
                if !message.is_empty() {
                    write!(f, " {}", shown(message))?;
                }
            }
            more(f, codes.len(), SHOWN)?;
        } else if !problems.is_empty() {
            for (i, p) in problems.iter().take(SHOWN).enumerate() {
                if i > 0 {
                    f.write_str("; ")?;
                }
                let title = p.title();
                let detail = p
                    .detail()
                    .or_else(|| p.message())
                    .filter(|d| Some(d) != title.as_ref());
                match (&title, &detail) {
                    (Some(t), Some(d)) => {
                        write!(f, "{}: {}", shown(sentence(t)), shown(sentence(d)))?;
                    }
                    (Some(t), None) => write!(f, "{}", shown(sentence(t)))?,
                    (None, Some(d)) => write!(f, "{}", shown(sentence(d)))?,
                    (None, None) => match p.type_uri() {
                        Some(uri) => write!(f, "{}", shown(&uri))?,
                        None => f.write_str("problem")?,
                    },
                }
            }
            more(f, problems.len(), SHOWN)?;
        } else if let Some(m) = self.message() {
            write!(f, "{}", shown(&m))?;
        } else {
            match status.known() {
                Some(s) => f.write_str(s.info().text)?,
                None => f.write_str("Error")?,
            }
        }
        write!(f, " (HTTP {}", status.as_u16())?;
        if status != self.inner.status {
            write!(f, ", served as {}", self.inner.status.as_u16())?;
        }
        f.write_str(")")?;
        let decision = self.retry();
        if decision.hint == Retry::Never {
            return Ok(());
        }
        write!(f, ", {}", decision.advice())
    }
}

/// A message without surrounding space and its final period, to be
/// joined with others.
fn sentence(text: &str) -> &str {
    let text = text.trim();
    text.strip_suffix('.').unwrap_or(text)
}

/// `; and N more` when `total` items were more than the `shown` ones.
fn more(f: &mut fmt::Formatter<'_>, total: usize, shown: usize) -> fmt::Result {
    if total > shown {
        write!(f, "; and {} more", total - shown)?;
    }
    Ok(())
}

/// What a person reads, not the layout: the status, the `Display` line,
/// the codes and problem types, the retry decision and the rate-limit
/// state, so that `?` out of `main` (which prints `Debug`) says what
/// happened. The whole body is [`body`](ApiError::body).
impl<C: Catalog> fmt::Debug for ApiError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes: Vec<u32> = self.codes().map(|c| c.code()).collect();
        let problems: Vec<String> = self
            .problems()
            .filter_map(|p| p.type_uri().map(|u| shown(&u).to_string()))
            .collect();
        let mut d = f.debug_struct("ApiError");
        d.field("status", &self.status().as_u16())
            .field("error", &format_args!("{self:?}", self = self.to_string()));
        if !codes.is_empty() {
            d.field("codes", &codes);
        }
        if !problems.is_empty() {
            d.field("problems", &problems);
        }
        d.field("retry", &self.retry().hint);
        if let Some(limit) = self.limit() {
            d.field("limit", &limit);
        }
        if !self.inner.rate_limits.is_empty() {
            d.field("rate_limits", &self.inner.rate_limits);
        }
        d.finish_non_exhaustive()
    }
}

impl<C: Catalog> std::error::Error for ApiError<C> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorCode, HttpStatus};
    use std::time::Duration;

    const NONE: [(&str, &str); 0] = [];

    #[test]
    fn usage_cap_and_rate_limit_are_told_apart() {
        let cap = br#"{"account_id":1,"product_name":"standard-basic","title":"UsageCapExceeded","period":"Monthly","scope":"Product","detail":"Usage cap exceeded: Monthly product cap","type":"https://api.twitter.com/2/problems/usage-capped"}"#;
        let Outcome::Failure(e) = decode_response(429, NONE, cap) else {
            panic!("not a failure")
        };
        assert_eq!(e.limit(), Some(Limit::UsageCap));
        assert!(e.is_usage_capped() && !e.is_rate_limited());
        let blank = br#"{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}"#;
        let headers = [
            ("X-User-Limit-24hour-Remaining", "0"),
            ("x-user-limit-24hour-reset", "99"),
        ];
        let Outcome::Failure(e) = decode_response(429, headers, blank) else {
            panic!("not a failure")
        };
        assert_eq!(e.limit(), Some(Limit::RateLimit(Window::User24h)));
        assert_eq!(
            e.retry(),
            RetryDecision::new(Retry::AfterReset, Some(Wait::Until(99)))
        );
    }

    #[test]
    fn display_reads_like_a_log_line() {
        let headers = [
            ("x-rate-limit-remaining", "0"),
            ("x-rate-limit-reset", "1795356300"),
        ];
        let body = br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#;
        let e = ApiError::from_response(429, headers, body);
        assert_eq!(
            e.to_string(),
            "88 Rate limit exceeded (HTTP 429), retry after 2026-11-22T14:05:00Z"
        );
        let e = ApiError::from_response(429, NONE, body);
        assert_eq!(
            e.to_string(),
            format!(
                "88 Rate limit exceeded (HTTP 429), retry {}",
                crate::catalog::Reset::Headers.advice()
            )
        );
        let body = br#"{"errors":[{"message":"Over capacity","code":130},{"message":"Internal error","code":131},{"message":"x","code":1},{"message":"","code":2}]}"#;
        assert_eq!(
            ApiError::from_response(503, NONE, body).to_string(),
            format!(
                "130 Over capacity; 131 Internal error; 1 x; and 1 more (HTTP 503), {}",
                Retry::Backoff.advice()
            )
        );
        let body = br#"{"title":"Not Found Error","detail":"Could not find tweet with id: [1].","type":"https://api.twitter.com/2/problems/resource-not-found"}"#;
        assert_eq!(
            ApiError::from_response(404, NONE, body).to_string(),
            "Not Found Error: Could not find tweet with id: [1] (HTTP 404)"
        );
        let body = br#"{"errors":[{"message":"The `ids` query parameter can not be empty"}]}"#;
        assert_eq!(
            ApiError::from_response(400, NONE, body).to_string(),
            "The `ids` query parameter can not be empty (HTTP 400)"
        );
        assert_eq!(
            ApiError::from_response(599, NONE, b"").to_string(),
            format!("Error (HTTP 599), {}", Retry::Backoff.advice())
        );
        assert_eq!(
            ApiError::from_response(404, NONE, b"<html></html>").to_string(),
            "Not Found (HTTP 404)"
        );
    }

    #[test]
    fn suppressed_response_codes_are_still_errors() {
        let body = br#"{"errors":[{"message":"Sorry, that page does not exist","code":34}]}"#;
        let Outcome::Failure(e) = decode_response(200, NONE, body) else {
            panic!("not a failure")
        };
        assert_eq!(e.status(), HttpStatus::Ok);
        assert_eq!(e.effective_status(), HttpStatus::NotFound);
        assert_eq!(
            e.codes().collect::<Vec<_>>(),
            [Code::from(ErrorCode::PageDoesNotExist)]
        );
        assert_eq!(
            e.to_string(),
            "34 Sorry, that page does not exist (HTTP 404, served as 200)"
        );
    }

    #[test]
    fn non_bodies_keep_the_raw_body() {
        let text = b"Error processing your OAuth request: Invalid oauth_verifier parameter";
        let Outcome::Failure(e) =
            decode_response(401, [("content-type", "text/html;charset=utf-8")], text)
        else {
            panic!("not a failure")
        };
        assert_eq!(e.raw_body(), Some(&text[..]));
        assert_eq!(
            e.to_string(),
            "Error processing your OAuth request: Invalid oauth_verifier parameter (HTTP 401)"
        );
        assert!(e.decode_error().is_some());
        assert_eq!(e.retry().hint, Retry::Never);
        for (status, retry) in [
            (503, Retry::Backoff),
            (500, Retry::Backoff),
            (404, Retry::Never),
        ] {
            let Outcome::Failure(e) =
                decode_response(status, NONE, b"<html><body>down</body></html>")
            else {
                panic!("not a failure")
            };
            assert_eq!(e.retry().hint, retry, "{status}");
            assert!(e.body().is_none());
        }
        let Outcome::Failure(e) = decode_response(599, [("retry-after", "7")], b"") else {
            panic!("not a failure")
        };
        assert_eq!(e.decode_error().unwrap().kind(), ErrorKind::Empty);
        assert_eq!(e.retry().wait, Some(Wait::Seconds(7)));
        assert_eq!(e.retry().delay(0), Some(Duration::from_secs(7)));
    }

    #[test]
    fn partial_results_and_successes() {
        let body = br#"{"data":[{"id":"1"}],"errors":[{"detail":"d","title":"Not Found Error","type":"https://api.twitter.com/2/problems/resource-not-found"}]}"#;
        assert!(matches!(
            decode_response(200, NONE, body),
            Outcome::Partial(_)
        ));
        assert_eq!(
            decode_response(200, NONE, br#"{"data":{"id":"1"}}"#),
            Outcome::Success
        );
        assert_eq!(decode_response(204, NONE, b""), Outcome::Success);
    }
}
