//! `reqwest` responses (feature `reqwest`), in reqwest's own style.
//!
//! [`ResponseExt`] adds three methods to [`reqwest::Response`]:
//!
//! - [`api_error_for_status`](ResponseExt::api_error_for_status), like
//!   reqwest's `error_for_status`: a response that did not fail comes back
//!   untouched, its body unread, so `json().await`, `bytes_stream()`,
//!   `chunk()` and the rest of reqwest's API are there, and a stream (the
//!   v2 filtered or sample stream) is read as it comes. The body is read
//!   only when the status says failure, or when the request asked for
//!   `suppress_response_codes` (the API then sends its errors with 200),
//!   and it gives an [`RequestError::Api`] with the decoded [`ApiError`];
//! - [`api_partial`](ResponseExt::api_partial) for a v2 call that can
//!   partly succeed (200 with `errors` beside `data`): it reads the body and
//!   gives a [`Partial`], the data and the problems;
//! - [`api_lines`](ResponseExt::api_lines) for a stream: its lines one by
//!   one, keep-alive newlines told apart, and an error the server sends
//!   in-band (a v2 `operational-disconnect` problem, a v1.1 `disconnect`
//!   notice) as an [`RequestError::Api`] whose [`retry`](ApiError::retry) decision
//!   says to reconnect at once.
//!
//! Every body is read chunk by chunk and refused as soon as it is longer
//! than [`Bounds::max_body`], with [`RequestError::TooLarge`]: a hostile or broken
//! server cannot make the client buffer without bound. A line of a stream
//! is held to the same limit.
//!
//! ```no_run
//! use twitter_errors::integrations::reqwest::{RequestError, ResponseExt};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = reqwest::Client::new();
//! let url = "http://127.0.0.1:8080/1.1/statuses/show.json?id=20";
//! match client.get(url).send().await?.api_error_for_status().await {
//!     Ok(response) => {
//!         let tweet: serde_json::Value = serde_json::from_slice(&response.bytes().await?)?;
//!         println!("{}", tweet["text"]);
//!     }
//!     Err(RequestError::Api(e)) if e.is_rate_limited() => println!("{e}"),
//!     Err(e) => return Err(e.into()),
//! }
//!
//! // A v2 lookup that can partly succeed.
//! let partial = client.get("http://127.0.0.1:8080/2/tweets?ids=20,1").send().await?.api_partial().await?;
//! for problem in partial.problems() {
//!     println!("not found: {:?}", problem.detail());
//! }
//! println!("{:?}", partial.data().map(|d| d.get()));
//! # Ok(())
//! # }
//! ```
//!
//! A stream, read until the server disconnects:
//!
//! ```no_run
//! use twitter_errors::integrations::reqwest::{RequestError, Line, ResponseExt};
//! use twitter_errors::Retry;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = reqwest::Client::new();
//! let url = "http://127.0.0.1:8080/2/tweets/search/stream";
//! let mut lines = client.get(url).send().await?.api_error_for_status().await?.api_lines();
//! loop {
//!     match lines.next_line().await {
//!         Ok(Some(Line::Data(tweet))) => println!("{}", String::from_utf8_lossy(&tweet)),
//!         Ok(Some(_)) => {} // a keep-alive
//!         Ok(None) => break,
//!         // operational-disconnect: reconnect at once; others may back off.
//!         Err(RequestError::Api(e)) if matches!(e.retry().hint, Retry::Reconnect | Retry::Backoff) => break,
//!         Err(e) => return Err(e.into()),
//!     }
//! }
//! # Ok(())
//! # }
//! ```

/// The `reqwest` this module is built for, re-exported: name it through this
/// path, or pin the same version, and its types are the ones these helpers
/// take.
#[doc(no_inline)]
pub use ::reqwest;

use core::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use ::http::{HeaderMap, StatusCode};
use ::reqwest::ResponseBuilderExt;

use crate::catalog::Catalog;
use crate::codec::{problem, Bounds, DecodeError, ErrorKind};
use crate::response::negotiate::negotiate;
#[cfg(feature = "retry")]
use crate::response::Failure;
use crate::response::{
    decode_response_with, stream_line, ApiError, Outcome, RateLimits, StreamLine,
};

/// A v2 result read whole: the body, the rate-limit headers, and the
/// problems that came beside `data` (a partial result).
#[derive(Clone, Debug)]
pub struct Partial<C: Catalog = crate::Twitter> {
    status: StatusCode,
    headers: HeaderMap,
    url: ::reqwest::Url,
    body: Vec<u8>,
    rate_limits: RateLimits,
    partial: Option<problem::ProblemBody<'static, C>>,
}

impl<C: Catalog> Partial<C> {
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

    /// `data` as JSON text, when the body has it. For a result without
    /// problems, it is read from the body.
    pub fn data(&self) -> Option<&serde_json::value::RawValue> {
        match &self.partial {
            Some(p) => p.data(),
            None => {
                type Members<'a> =
                    std::collections::HashMap<String, &'a serde_json::value::RawValue>;
                serde_json::from_slice::<Members<'_>>(&self.body)
                    .ok()?
                    .remove("data")
            }
        }
    }

    /// For a result with problems attached (status 200, `errors` beside
    /// `data` or without it): the decoded body, whose
    /// [`result`](problem::ProblemBody::result) holds `data`, `includes` and
    /// `meta`.
    pub fn partial(&self) -> Option<&problem::ProblemBody<'static, C>> {
        self.partial.as_ref()
    }

    /// The problems of a partial result (none otherwise).
    pub fn problems(&self) -> impl Iterator<Item = &problem::Problem<'static, C>> + '_ {
        self.partial.iter().flat_map(problem::ProblemBody::problems)
    }
}

/// Why a call did not give a result.
///
/// Its `Debug` is what a person reads (`?` out of `main` prints it): the
/// [`ApiError`]'s, or for a transport error its `Display` line with the
/// causes, not reqwest's internals.
#[non_exhaustive]
pub enum RequestError<C: Catalog = crate::Twitter> {
    /// The API answered with an error:
    /// a failure status, an error body served with 200, or an error sent
    /// in-band on a stream.
    Api(ApiError<C>),
    /// A body, or a line of a stream, was longer than
    /// [`Bounds::max_body`]: reading stopped there. The [`ApiError`] has
    /// the status and the rate-limit headers (and so a retry decision);
    /// its [`decode_error`](ApiError::decode_error) is of kind
    /// [`ErrorKind::TooLarge`].
    TooLarge(ApiError<C>),
    /// The request failed, or the body could not be read.
    Transport(::reqwest::Error),
    /// A stream sent nothing, not even a keep-alive, for this long: the
    /// connection is dead ([`Reconnecting`] only).
    Stalled(std::time::Duration),
    /// The server ended a stream without an error ([`Reconnecting`]
    /// only).
    Ended,
}

impl<C: Catalog> RequestError<C> {
    /// The API's error, if that is what it was (for [`RequestError::TooLarge`],
    /// the status and headers without the body).
    pub fn api(&self) -> Option<&ApiError<C>> {
        match self {
            RequestError::Api(e) | RequestError::TooLarge(e) => Some(e),
            _ => None,
        }
    }

    /// Whether a body was refused for its length.
    pub fn is_too_large(&self) -> bool {
        matches!(self, RequestError::TooLarge(_))
    }
}

impl<C: Catalog> fmt::Debug for RequestError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::Api(e) => f.debug_tuple("Api").field(e).finish(),
            RequestError::TooLarge(e) => f.debug_tuple("TooLarge").field(e).finish(),
            RequestError::Transport(_) => f
                .debug_tuple("Transport")
                .field(&format_args!("{:?}", self.to_string()))
                .finish(),
            RequestError::Stalled(d) => f.debug_tuple("Stalled").field(d).finish(),
            RequestError::Ended => f.write_str("Ended"),
        }
    }
}

impl<C: Catalog> fmt::Display for RequestError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::Api(e) => e.fmt(f),
            RequestError::TooLarge(e) => match e.decode_error() {
                Some(d) => write!(f, "body refused ({d}): {e}"),
                None => write!(f, "body refused: {e}"),
            },
            // reqwest's own message, then each cause under it (a refused
            // connection, a DNS failure, a timeout): the line a person
            // needs, even where only `Display` is shown.
            RequestError::Transport(e) => {
                write!(f, "the request failed: {e}")?;
                let mut cause = std::error::Error::source(e);
                while let Some(c) = cause {
                    write!(f, ": {c}")?;
                    cause = c.source();
                }
                Ok(())
            }
            RequestError::Stalled(d) => write!(
                f,
                "the stream sent nothing, not even a keep-alive, for {}s",
                d.as_secs()
            ),
            RequestError::Ended => f.write_str("the server ended the stream"),
        }
    }
}

impl<C: Catalog> std::error::Error for RequestError<C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RequestError::Api(_) | RequestError::Stalled(_) | RequestError::Ended => None,
            RequestError::TooLarge(e) => e
                .decode_error()
                .map(|d| d as &(dyn std::error::Error + 'static)),
            RequestError::Transport(e) => Some(e),
        }
    }
}

impl<C: Catalog> From<ApiError<C>> for RequestError<C> {
    fn from(e: ApiError<C>) -> Self {
        RequestError::Api(e)
    }
}

impl<C: Catalog> From<::reqwest::Error> for RequestError<C> {
    fn from(e: ::reqwest::Error) -> Self {
        RequestError::Transport(e)
    }
}

/// What a `reqwest` error means for a retry: no answer came (connecting,
/// a timeout, the request or the body broke off) or nothing a retry
/// changes (a request that could not be built, a redirect loop, a body
/// that does not decode).
#[cfg(feature = "retry")]
pub(crate) fn transport_failure(e: &::reqwest::Error) -> Failure {
    if e.is_connect() || e.is_timeout() || e.is_request() || e.is_body() {
        Failure::Network
    } else {
        Failure::Fatal
    }
}

#[cfg(feature = "retry")]
#[cfg_attr(docsrs, doc(cfg(feature = "retry")))]
impl<C: Catalog> super::retry::Retryable for RequestError<C> {
    fn failure(&self) -> Failure {
        match self {
            RequestError::Api(e) | RequestError::TooLarge(e) => Failure::from(e),
            RequestError::Transport(e) => transport_failure(e),
            RequestError::Stalled(_) | RequestError::Ended => Failure::Network,
        }
    }
}

/// An error already decoded from a response's body (by the
/// `reqwest-middleware` integration), carried in the rebuilt response's
/// extensions so that it is not decoded twice.
#[derive(Clone, Debug)]
pub(crate) struct Decoded<C: Catalog>(pub(crate) Box<ApiError<C>>);

/// Whether a request asked for `suppress_response_codes`, from the URL the
/// response came from.
pub(crate) fn suppressed(url: &::reqwest::Url) -> bool {
    let target = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    negotiate(&target, None).suppress_response_codes()
}

/// Reads a body chunk by chunk, refusing it as soon as it is longer than
/// `max` (a Content-Length over it is refused before reading). At most
/// `max` bytes and one chunk are held.
pub(crate) async fn read_limited(
    response: &mut ::reqwest::Response,
    max: usize,
) -> Result<Vec<u8>, Read> {
    let too_large = || {
        Read::TooLarge(DecodeError::new(
            ErrorKind::TooLarge,
            format!("more than {max} bytes"),
        ))
    };
    let announced = response.content_length();
    if announced.is_some_and(|n| n > max as u64) {
        return Err(too_large());
    }
    let mut body = Vec::with_capacity(announced.map_or(0, |n| n as usize).min(max));
    while let Some(chunk) = response.chunk().await.map_err(Read::Transport)? {
        if chunk.len() > max - body.len() {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Why [`read_limited`] gave no body.
pub(crate) enum Read {
    TooLarge(DecodeError),
    Transport(::reqwest::Error),
}

impl Read {
    pub(crate) fn into_error<C: Catalog>(
        self,
        status: StatusCode,
        headers: &HeaderMap,
    ) -> RequestError<C> {
        match self {
            Read::TooLarge(d) => {
                RequestError::TooLarge(ApiError::refused(status.as_u16(), headers, d))
            }
            Read::Transport(e) => RequestError::Transport(e),
        }
    }
}

/// A response rebuilt around a body that was read: status, version,
/// headers, URL and extensions as they were.
pub(crate) fn rebuild(
    status: StatusCode,
    version: ::http::Version,
    headers: HeaderMap,
    url: ::reqwest::Url,
    extensions: ::http::Extensions,
    body: Vec<u8>,
) -> ::reqwest::Response {
    let mut response = ::http::Response::builder()
        .url(url)
        .body(body)
        .unwrap_or_else(|e| ::http::Response::new(e.to_string().into_bytes()));
    *response.status_mut() = status;
    *response.version_mut() = version;
    *response.headers_mut() = headers;
    response.extensions_mut().extend(extensions);
    ::reqwest::Response::from(response)
}

/// Gives a response that did not fail back untouched, and reads the body
/// of one that did (or of a 200 to a request that asked for
/// `suppress_response_codes`), within `limits`: see
/// [`ResponseExt::api_error_for_status`].
pub async fn error_for_status<C: Catalog + 'static>(
    mut response: ::reqwest::Response,
    limits: &Bounds,
) -> Result<::reqwest::Response, RequestError<C>>
where
    ApiError<C>: Send + Sync,
{
    if let Some(Decoded(e)) = response.extensions_mut().remove::<Decoded<C>>() {
        return Err(RequestError::Api(*e));
    }
    let status = response.status();
    let failed = status.is_client_error() || status.is_server_error();
    if !failed && !suppressed(response.url()) {
        return Ok(response);
    }
    let body = match read_limited(&mut response, limits.max_body).await {
        Ok(body) => body,
        Err(r) => return Err(record(r.into_error(status, response.headers()))),
    };
    match decode_response_with::<C, _, _>(status.as_u16(), response.headers(), &body, limits) {
        Outcome::Failure(e) => Err(record(RequestError::Api(e))),
        // A suppressed call that worked: its body, already read.
        _ => {
            let version = response.version();
            let url = response.url().clone();
            let headers = std::mem::take(response.headers_mut());
            let extensions = std::mem::take(response.extensions_mut());
            Ok(rebuild(status, version, headers, url, extensions, body))
        }
    }
}

/// Reads a whole response within `limits`, and gives its data and
/// problems, or its error: see [`ResponseExt::api_partial`].
pub async fn partial<C: Catalog + 'static>(
    response: ::reqwest::Response,
    limits: &Bounds,
) -> Result<Partial<C>, RequestError<C>>
where
    ApiError<C>: Send + Sync,
{
    let mut response = error_for_status::<C>(response, limits).await?;
    let status = response.status();
    let body = match read_limited(&mut response, limits.max_body).await {
        Ok(body) => body,
        Err(r) => return Err(record(r.into_error(status, response.headers()))),
    };
    let headers = std::mem::take(response.headers_mut());
    let partial = match decode_response_with::<C, _, _>(status.as_u16(), &headers, &body, limits) {
        Outcome::Failure(e) => return Err(record(RequestError::Api(e))),
        Outcome::Partial(p) => Some(p),
        _ => None,
    };
    Ok(Partial {
        status,
        rate_limits: RateLimits::from_headers::<C, _, _>(&headers),
        headers,
        url: response.url().clone(),
        body,
        partial,
    })
}

/// The lines of a stream: see [`ResponseExt::api_lines`].
pub fn lines<C: Catalog>(response: ::reqwest::Response, limits: &Bounds) -> Lines<C> {
    Lines {
        status: response.status(),
        headers: response.headers().clone(),
        reader: Some(Reader::new(response, limits)),
        pending: None,
    }
}

impl<C: Catalog> Reader<C> {
    fn new(response: ::reqwest::Response, limits: &Bounds) -> Self {
        Reader {
            response,
            limits: *limits,
            buffer: Vec::new(),
            start: 0,
            scanned: 0,
            checked: false,
            done: false,
            _catalog: std::marker::PhantomData,
        }
    }
}

/// A line of a stream.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Line {
    /// A message (a Tweet, a rule match...), without its line ending.
    Data(Vec<u8>),
    /// An empty line: the keep-alive a stream sends when it has nothing
    /// else.
    KeepAlive,
}

/// The lines of a streaming response, read as they come: see
/// [`ResponseExt::api_lines`]. Read them with
/// [`next_line`](Lines::next_line), or as a [`Stream`](futures_core::Stream)
/// of `Result<Line, RequestError>` that ends with the response. An error
/// the server sends in the stream is an item like any other (the server
/// ends the stream after it); a failure status, a line past the limit or a
/// transport error is the last item.
///
/// ```no_run
/// use futures_util::StreamExt as _;
/// use twitter_errors::integrations::reqwest::{Line, ResponseExt};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let response = reqwest::get("http://127.0.0.1:8080/2/tweets/sample/stream").await?;
/// let tweets = response
///     .api_error_for_status()
///     .await?
///     .api_lines()
///     .filter_map(|line| async move {
///         match line {
///             Ok(Line::Data(tweet)) => Some(Ok(tweet)),
///             Ok(_) => None, // a keep-alive
///             Err(e) => Some(Err(e)),
///         }
///     });
/// futures_util::pin_mut!(tweets);
/// while let Some(tweet) = tweets.next().await {
///     println!("{}", String::from_utf8_lossy(&tweet?));
/// }
/// # Ok(())
/// # }
/// ```
pub struct Lines<C: Catalog = crate::Twitter> {
    status: StatusCode,
    headers: HeaderMap,
    /// The reader, unless a read is under way.
    reader: Option<Reader<C>>,
    /// The read under way: it holds the reader until it ends.
    pending: Option<PendingLine<C>>,
}

/// A read under way, giving the reader back with its line.
type PendingLine<C> = Pin<Box<dyn Future<Output = (Reader<C>, LineResult<C>)> + Send>>;

type LineResult<C> = Result<Option<Line>, RequestError<C>>;

impl<C: Catalog> fmt::Debug for Lines<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lines")
            .field("status", &self.status)
            .field("reading", &self.pending.is_some())
            .finish_non_exhaustive()
    }
}

impl<C: Catalog> Lines<C> {
    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response's headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The next line: `Ok(None)` when the stream ended. A failure status
    /// gives its [`RequestError::Api`] first; a line the server sends as
    /// an error (a v2 body of `errors` without `data`, a v1.1 `disconnect`
    /// notice or `errors`) gives a [`RequestError::Api`] with status 200;
    /// a line longer than [`Bounds::max_body`] gives
    /// [`RequestError::TooLarge`] and ends the stream, as does a transport
    /// error. A last line without a line ending is given when the stream
    /// ends.
    ///
    /// Cancel-safe: a read dropped before it ends (a timeout) loses
    /// nothing; the next call goes on with it.
    pub async fn next_line(&mut self) -> Result<Option<Line>, RequestError<C>> {
        std::future::poll_fn(|cx| self.poll_line(cx)).await
    }

    fn poll_line(&mut self, cx: &mut Context<'_>) -> Poll<LineResult<C>> {
        let pending = match &mut self.pending {
            Some(p) => p,
            None => {
                let Some(mut reader) = self.reader.take() else {
                    return Poll::Ready(Ok(None));
                };
                self.pending.insert(Box::pin(async move {
                    let line = reader.next_line().await;
                    (reader, line)
                }))
            }
        };
        let (reader, line) = std::task::ready!(pending.as_mut().poll(cx));
        self.pending = None;
        self.reader = Some(reader);
        Poll::Ready(line)
    }
}

impl<C: Catalog> futures_core::Stream for Lines<C> {
    type Item = Result<Line, RequestError<C>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_line(cx).map(Result::transpose)
    }
}

/// The reading behind [`Lines`].
#[derive(Debug)]
struct Reader<C: Catalog> {
    response: ::reqwest::Response,
    limits: Bounds,
    /// What was read; `buffer[start..]` is past the last line given.
    buffer: Vec<u8>,
    /// Where the next line starts in `buffer`.
    start: usize,
    /// How far `buffer` is known to hold no line ending: each byte is
    /// searched once, however small the chunks.
    scanned: usize,
    checked: bool,
    done: bool,
    _catalog: std::marker::PhantomData<fn() -> C>,
}

impl<C: Catalog> Reader<C> {
    fn status(&self) -> StatusCode {
        self.response.status()
    }

    fn headers(&self) -> &HeaderMap {
        self.response.headers()
    }

    async fn next_line(&mut self) -> LineResult<C> {
        if !self.checked {
            self.checked = true;
            let status = self.response.status();
            if status.is_client_error() || status.is_server_error() {
                self.done = true;
                let body = match read_limited(&mut self.response, self.limits.max_body).await {
                    Ok(body) => body,
                    Err(r) => return Err(record(r.into_error(status, self.response.headers()))),
                };
                let e = ApiError::from_response_with(
                    status.as_u16(),
                    self.response.headers(),
                    &body,
                    &self.limits,
                );
                return Err(record(RequestError::Api(e)));
            }
        }
        loop {
            // `start <= scanned`: what lies before `scanned` holds no line
            // ending past `start`.
            if let Some(i) = memchr::memchr(b'\n', &self.buffer[self.scanned..]) {
                let end = self.scanned + i;
                let mut line = self.buffer[self.start..end].to_vec();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                self.start = end + 1;
                self.scanned = self.start;
                // Dropping what was given once it is half the buffer keeps
                // the moves linear in the stream, however many lines.
                if self.start > self.buffer.len() / 2 {
                    self.buffer.drain(..self.start);
                    self.start = 0;
                    self.scanned = 0;
                }
                return self.line(line).map(Some);
            }
            self.scanned = self.buffer.len();
            if self.buffer.len() - self.start > self.limits.max_body.saturating_add(1) {
                return Err(self.too_long());
            }
            if self.done {
                if self.start == self.buffer.len() {
                    return Ok(None);
                }
                let line = self.buffer[self.start..].to_vec();
                self.buffer = Vec::new();
                self.start = 0;
                self.scanned = 0;
                return self.line(line).map(Some);
            }
            match self.response.chunk().await {
                // The buffer holds at most an unfinished line within the
                // limit and one chunk.
                Ok(Some(chunk)) => self.buffer.extend_from_slice(&chunk),
                Ok(None) => self.done = true,
                Err(e) => {
                    self.done = true;
                    self.buffer = Vec::new();
                    self.start = 0;
                    self.scanned = 0;
                    return Err(RequestError::Transport(e));
                }
            }
        }
    }

    fn too_long(&mut self) -> RequestError<C> {
        self.done = true;
        self.buffer = Vec::new();
        self.start = 0;
        self.scanned = 0;
        let max = self.limits.max_body;
        let d = DecodeError::new(
            ErrorKind::TooLarge,
            format!("a line of more than {max} bytes"),
        );
        record(RequestError::TooLarge(ApiError::refused(
            self.status().as_u16(),
            self.headers(),
            d,
        )))
    }

    /// A line: data, a keep-alive, or an in-band error.
    fn line(&mut self, line: Vec<u8>) -> Result<Line, RequestError<C>> {
        if line.len() > self.limits.max_body {
            return Err(self.too_long());
        }
        match stream_line::<C>(&line, &self.limits) {
            StreamLine::KeepAlive => Ok(Line::KeepAlive),
            StreamLine::Error(e) => Err(record(RequestError::Api(e))),
            _ => Ok(Line::Data(line)),
        }
    }
}

/// Records a decoded failure as an event (feature `tracing`).
fn record<C: Catalog>(e: RequestError<C>) -> RequestError<C> {
    #[cfg(feature = "tracing")]
    if let Some(api) = e.api() {
        super::tracing::record(api);
    }
    e
}

/// The integration's methods on [`reqwest::Response`], with the bundled
/// catalog. For another catalog, call [`error_for_status`], [`partial`]
/// and [`lines`].
pub trait ResponseExt: Sized {
    /// Like reqwest's `error_for_status`: the response itself when it did
    /// not fail, its body unread; an [`RequestError::Api`] when it did, with the
    /// body read within the default [`Bounds`] and decoded. A 200 to a
    /// request that asked for `suppress_response_codes` is read too, since
    /// the API sends its errors that way: an error body gives
    /// [`RequestError::Api`], anything else the response with its body.
    fn api_error_for_status(
        self,
    ) -> impl Future<Output = Result<::reqwest::Response, RequestError>> + Send;

    /// [`api_error_for_status`](ResponseExt::api_error_for_status) within
    /// `limits`.
    fn api_error_for_status_with(
        self,
        limits: &Bounds,
    ) -> impl Future<Output = Result<::reqwest::Response, RequestError>> + Send;

    /// Reads the whole body within the default [`Bounds`]: for a v2 call
    /// that can partly succeed (200 with `errors`), its data and problems;
    /// for any other result, its body; for a failure, [`RequestError::Api`].
    fn api_partial(self) -> impl Future<Output = Result<Partial, RequestError>> + Send;

    /// [`api_partial`](ResponseExt::api_partial) within `limits`.
    fn api_partial_with(
        self,
        limits: &Bounds,
    ) -> impl Future<Output = Result<Partial, RequestError>> + Send;

    /// The lines of a stream, each held to the default [`Bounds`]: see
    /// [`Lines::next_line`].
    fn api_lines(self) -> Lines;

    /// [`api_lines`](ResponseExt::api_lines) within `limits`.
    fn api_lines_with(self, limits: &Bounds) -> Lines;

    /// [`api_error_for_status_with`](ResponseExt::api_error_for_status_with)
    /// with another catalog, one a build script generated:
    /// `response.api_error_for_status_as::<my_api::Twitter>(&Bounds::DEFAULT)`.
    fn api_error_for_status_as<C: Catalog>(
        self,
        limits: &Bounds,
    ) -> impl Future<Output = Result<::reqwest::Response, RequestError<C>>> + Send;

    /// [`api_partial_with`](ResponseExt::api_partial_with) with another
    /// catalog.
    fn api_partial_as<C: Catalog>(
        self,
        limits: &Bounds,
    ) -> impl Future<Output = Result<Partial<C>, RequestError<C>>> + Send;

    /// [`api_lines_with`](ResponseExt::api_lines_with) with another
    /// catalog.
    fn api_lines_as<C: Catalog>(self, limits: &Bounds) -> Lines<C>;
}

impl ResponseExt for ::reqwest::Response {
    fn api_error_for_status(
        self,
    ) -> impl Future<Output = Result<::reqwest::Response, RequestError>> + Send {
        self.api_error_for_status_with(&Bounds::DEFAULT)
    }

    fn api_error_for_status_with(
        self,
        limits: &Bounds,
    ) -> impl Future<Output = Result<::reqwest::Response, RequestError>> + Send {
        let limits = *limits;
        async move { error_for_status(self, &limits).await }
    }

    fn api_partial(self) -> impl Future<Output = Result<Partial, RequestError>> + Send {
        self.api_partial_with(&Bounds::DEFAULT)
    }

    fn api_partial_with(
        self,
        limits: &Bounds,
    ) -> impl Future<Output = Result<Partial, RequestError>> + Send {
        let limits = *limits;
        async move { partial(self, &limits).await }
    }

    fn api_lines(self) -> Lines {
        lines(self, &Bounds::DEFAULT)
    }

    fn api_lines_with(self, limits: &Bounds) -> Lines {
        lines(self, limits)
    }

    fn api_error_for_status_as<C: Catalog>(
        self,
        limits: &Bounds,
    ) -> impl Future<Output = Result<::reqwest::Response, RequestError<C>>> + Send {
        let limits = *limits;
        async move { error_for_status::<C>(self, &limits).await }
    }

    fn api_partial_as<C: Catalog>(
        self,
        limits: &Bounds,
    ) -> impl Future<Output = Result<Partial<C>, RequestError<C>>> + Send {
        let limits = *limits;
        async move { partial::<C>(self, &limits).await }
    }

    fn api_lines_as<C: Catalog>(self, limits: &Bounds) -> Lines<C> {
        lines(self, limits)
    }
}

/// A stream that reconnects itself as the catalog says (features `reqwest`
/// and `retry`): its lines, across connections, until an error that
/// reconnecting cannot fix.
///
/// `connect` opens the stream (sends the request); each connection is
/// read with [`Lines`], and when it ends, the catalog's
/// [`Reconnect`](crate::response::Reconnect) plan for the stream's kind
/// says how soon to open the next: at once after an operational
/// disconnect or a stall, by the rate-limit schedule after a 429, by the
/// HTTP-error schedule after a 503, by the network schedule after a broken
/// connection or a stream the server ended. A connection that sends
/// nothing, not even a keep-alive, for the stream's timeout (20 s for v2)
/// counts as dead. A 401, a billing limit or a refused body gives up, with
/// the error and why.
///
/// ```no_run
/// use twitter_errors::catalog::Api;
/// use twitter_errors::integrations::reqwest::{Line, Reconnecting};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let client = reqwest::Client::new();
/// let url = "http://127.0.0.1:8080/2/tweets/search/stream";
/// let mut stream = Reconnecting::new(Api::V2, || client.get(url).send()).expect("the catalog describes v2 streams");
/// loop {
///     match stream.next_line().await? {
///         Line::Data(tweet) => println!("{}", String::from_utf8_lossy(&tweet)),
///         _ => {} // a keep-alive
///     }
/// }
/// # }
/// ```
#[cfg(feature = "retry")]
#[cfg_attr(docsrs, doc(cfg(feature = "retry")))]
pub struct Reconnecting<F, C: Catalog = crate::Twitter, K = super::retry::SystemClock> {
    connect: F,
    plan: crate::response::Reconnect,
    clock: K,
    limits: Bounds,
    timeout: Option<std::time::Duration>,
    max_wait: Option<std::time::Duration>,
    on_wait: Option<super::retry::WaitHook>,
    lines: Option<Lines<C>>,
}

#[cfg(feature = "retry")]
impl<F, C: Catalog, K> fmt::Debug for Reconnecting<F, C, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reconnecting")
            .field("plan", &self.plan)
            .field("connected", &self.lines.is_some())
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "retry")]
impl<F, Fut> Reconnecting<F>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<::reqwest::Response, ::reqwest::Error>>,
{
    /// A stream of `api`'s kind (`Api::V2`, `Api::Streaming`), opened by
    /// `connect`, with the bundled catalog's schedules; `None` if the
    /// catalog describes no stream of that kind.
    pub fn new(api: crate::catalog::Api, connect: F) -> Option<Self> {
        Self::for_catalog(api, connect)
    }
}

#[cfg(feature = "retry")]
impl<F, Fut, C> Reconnecting<F, C>
where
    C: Catalog,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<::reqwest::Response, ::reqwest::Error>>,
{
    /// [`new`](Reconnecting::new) with another catalog's schedules.
    pub fn for_catalog(api: crate::catalog::Api, connect: F) -> Option<Self> {
        let plan = crate::response::Reconnect::new::<C>(api)?;
        Some(Reconnecting {
            connect,
            plan,
            clock: super::retry::SystemClock,
            limits: Bounds::DEFAULT,
            timeout: plan.timeout(),
            max_wait: Some(crate::response::RetryPolicy::MAX_WAIT),
            on_wait: None,
            lines: None,
        })
    }
}

#[cfg(feature = "retry")]
impl<F, Fut, C, K> Reconnecting<F, C, K>
where
    C: Catalog,
    K: super::retry::Clock,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<::reqwest::Response, ::reqwest::Error>>,
{
    /// Waits, and times out reads, on `clock`.
    #[must_use]
    pub fn with_clock<K2: super::retry::Clock>(self, clock: K2) -> Reconnecting<F, C, K2> {
        Reconnecting {
            connect: self.connect,
            plan: self.plan,
            clock,
            limits: self.limits,
            timeout: self.timeout,
            max_wait: self.max_wait,
            on_wait: self.on_wait,
            lines: self.lines,
        }
    }

    /// How long a connection may send nothing, not even a keep-alive,
    /// before it counts as dead (`None`: never); the catalog's timeout for
    /// the stream's kind by default.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Gives up rather than wait longer than `max` before a reconnect (a
    /// rate limit whose reset is a day away); `None`: any wait. Default
    /// [`RetryPolicy::MAX_WAIT`](crate::response::RetryPolicy::MAX_WAIT).
    #[must_use]
    pub fn with_max_wait(mut self, max: Option<std::time::Duration>) -> Self {
        self.max_wait = max;
        self
    }

    /// Calls `hook` before each wait for a reconnect, as
    /// [`Retrier::on_wait`](super::retry::Retrier::on_wait) does; with the
    /// `tracing` feature, an event is recorded for each wait as well.
    #[must_use]
    pub fn on_wait(
        mut self,
        hook: impl Fn(&super::retry::Waiting<'_>) + Send + Sync + 'static,
    ) -> Self {
        self.on_wait = Some(std::sync::Arc::new(hook));
        self
    }

    /// Holds each line (and each error body) to `limits`.
    #[must_use]
    pub fn with_limits(mut self, limits: &Bounds) -> Self {
        self.limits = *limits;
        self
    }

    /// The plan: the stream's catalog entry and the reconnects made since
    /// data last flowed.
    pub fn plan(&self) -> &crate::response::Reconnect {
        &self.plan
    }

    /// The next line, connecting and reconnecting as needed; on giving
    /// up, the last error and why. A stream has no end of its own: one the
    /// server ends is reconnected.
    pub async fn next_line(&mut self) -> Result<Line, super::retry::GaveUp<RequestError<C>>> {
        let (mut attempts, mut waited) = (1u32, std::time::Duration::ZERO);
        loop {
            let (wait, error) = match self.read().await {
                Ok(line) => return Ok(line),
                Err(failed) => failed,
            };
            self.lines = None;
            let wait = match (wait, self.max_wait) {
                (Some(w), Some(max)) if w > max => {
                    return Err(super::retry::GaveUp {
                        error,
                        reason: crate::response::GiveUp::TooLong { wait: w, max },
                        attempts,
                        waited,
                    })
                }
                (w, _) => w,
            };
            let Some(wait) = wait else {
                let reason = give_up_reason(&error);
                return Err(super::retry::GaveUp {
                    error,
                    reason,
                    attempts,
                    waited,
                });
            };
            let failure = super::retry::Retryable::failure(&error);
            #[cfg(feature = "tracing")]
            super::tracing::record_wait(&failure, attempts - 1, &Ok(wait));
            if let Some(hook) = &self.on_wait {
                hook(&super::retry::Waiting::new(
                    &failure,
                    attempts - 1,
                    wait,
                    waited,
                ));
            }
            self.clock.sleep(wait).await;
            waited = waited.saturating_add(wait);
            attempts = attempts.saturating_add(1);
        }
    }

    /// One line from the open connection (opening one first if need be),
    /// or how long to wait before the next connection, and why.
    async fn read(&mut self) -> Result<Line, (Option<std::time::Duration>, RequestError<C>)> {
        let lines = match &mut self.lines {
            Some(lines) => lines,
            None => match (self.connect)().await {
                Ok(response) => self.lines.insert(lines(response, &self.limits)),
                Err(e) => {
                    let wait = match transport_failure(&e) {
                        Failure::Network => self.plan.after_network(),
                        _ => None,
                    };
                    return Err((wait, RequestError::Transport(e)));
                }
            },
        };
        let read = match self.timeout {
            Some(timeout) => {
                let mut next = std::pin::pin!(lines.next_line());
                let mut timer = self.clock.sleep(timeout);
                std::future::poll_fn(|cx| {
                    if let Poll::Ready(line) = next.as_mut().poll(cx) {
                        return Poll::Ready(Ok(line));
                    }
                    timer.as_mut().poll(cx).map(|()| Err(timeout))
                })
                .await
            }
            None => Ok(lines.next_line().await),
        };
        match read {
            Ok(Ok(Some(line))) => {
                if matches!(line, Line::Data(_)) {
                    self.plan.connected();
                }
                Ok(line)
            }
            Ok(Ok(None)) => Err((self.plan.after_network(), RequestError::Ended)),
            Ok(Err(e)) => {
                let wait = match &e {
                    RequestError::Api(api) => self.plan.after_error(api, self.clock.now()),
                    RequestError::Transport(t) if transport_failure(t) == Failure::Network => {
                        self.plan.after_network()
                    }
                    _ => None,
                };
                Err((wait, e))
            }
            Err(timeout) => Err((self.plan.after_stall(), RequestError::Stalled(timeout))),
        }
    }
}

/// Why a [`Reconnecting`] stream gave up after `e`.
#[cfg(feature = "retry")]
fn give_up_reason<C: Catalog>(e: &RequestError<C>) -> crate::response::GiveUp {
    use crate::response::GiveUp;
    match e {
        RequestError::Api(api) => match api.limit() {
            Some(
                l @ (crate::response::Limit::UsageCap
                | crate::response::Limit::Credits
                | crate::response::Limit::SpendCap),
            ) => GiveUp::Limit(l),
            _ if api.retry().hint == crate::Retry::Never => GiveUp::NotRetryable,
            _ => GiveUp::NoSchedule,
        },
        RequestError::Transport(t) if transport_failure(t) == Failure::Network => {
            GiveUp::NoSchedule
        }
        _ => GiveUp::NotRetryable,
    }
}
