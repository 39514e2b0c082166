//! Codecs: read and write every error body the API has served.
//!
//! | Module | Format | Example |
//! |---|---|---|
//! | [`json`] | v1.1 JSON, and the older JSON shapes when decoding | `{"errors":[{"message":"Sorry, that page does not exist","code":34}]}` |
//! | [`xml`] | v1.1 XML, and the pre-2012 `<hash>` when decoding | `<errors><error code="34">...</error></errors>` |
//! | [`jsonp`] | the JSON body inside a validated callback | `foo({"errors":[...]});` |
//! | [`problem`] | v2 problem details and partial errors | `{"title":...,"detail":...,"type":...,"errors":[...]}` |
//!
//! [`negotiate`] picks the format a request asked for, and [`response`]
//! decodes a whole response (status, headers, body) into an
//! [`ApiError`](response::ApiError) with its rate-limit state and a retry
//! decision.
//!
//! Every codec is generic over a [`Catalog`], by default the bundled
//! [`crate::Catalog`]. Values the catalog does not know (codes, problem
//! types, members) are kept, and encoding writes them back: decoding,
//! encoding and decoding again gives an equal value. Decoded values borrow
//! from the input where they can; `into_owned` detaches them.
//!
//! Decoding never panics: a body that is too large or too deep, not UTF-8,
//! not well-formed, or not an error body gives a [`DecodeError`], whose
//! [`ErrorKind`] says which. The bounds are set by [`Limits`].
//!
//! The decoders take the whole body as a slice. To get one from a stream
//! (a socket, stdin) without trusting its length, [`read_body`] reads at
//! most [`Limits::max_body`] bytes, plus one to tell that there is more.

use std::borrow::Cow;

use crate::catalog::{Catalog, Code, Format};

pub mod error;
pub mod json;
pub mod jsonp;
pub mod negotiate;
pub mod problem;
pub mod response;
mod scan;
pub mod xml;

pub use error::{DecodeError, ErrorKind};

/// Bounds that decoding enforces, so that a hostile body costs little.
///
/// ```
/// use twitter_errors::codec::Limits;
///
/// let strict = Limits::new().with_max_body(64 * 1024).with_max_depth(16);
/// assert_eq!(strict.max_body, 64 * 1024);
/// assert_eq!(strict.max_errors, Limits::DEFAULT.max_errors);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Limits {
    /// The longest body accepted, in bytes. Default: 8 MiB, room for a v2
    /// partial result with its `data` and `includes`. Checked before any
    /// parsing; [`read_body`] applies it while reading a stream.
    pub max_body: usize,
    /// The deepest nesting of JSON arrays and objects, or of XML elements,
    /// counting the outermost as 1. Default: 64. At most 128 is used: that
    /// is as deep as `serde_json` parses, and every member kept as JSON text
    /// must parse.
    pub max_depth: usize,
    /// The most items an `errors` list may hold. Default: 1024. A body with
    /// more is refused rather than cut, so that nothing is lost silently.
    pub max_errors: usize,
    /// The longest JSONP callback name, in bytes. Default: 128.
    pub max_callback: usize,
}

impl Limits {
    /// The defaults.
    pub const DEFAULT: Limits = Limits {
        max_body: 8 << 20,
        max_depth: 64,
        max_errors: 1024,
        max_callback: 128,
    };

    /// The defaults.
    pub const fn new() -> Self {
        Self::DEFAULT
    }

    /// Sets [`Limits::max_body`].
    #[must_use]
    pub const fn with_max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Sets [`Limits::max_depth`].
    #[must_use]
    pub const fn with_max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Sets [`Limits::max_errors`].
    #[must_use]
    pub const fn with_max_errors(mut self, errors: usize) -> Self {
        self.max_errors = errors;
        self
    }

    /// Sets [`Limits::max_callback`].
    #[must_use]
    pub const fn with_max_callback(mut self, bytes: usize) -> Self {
        self.max_callback = bytes;
        self
    }
}

impl Limits {
    /// The deepest nesting any limit allows.
    const DEPTH_CAP: usize = 128;

    /// The limits as decoding applies them.
    pub(crate) fn clamped(&self) -> Limits {
        Limits {
            max_depth: self.max_depth.min(Self::DEPTH_CAP),
            ..*self
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A layout detail of the input (key order, slash escaping) that encoding
/// reproduces. It is not part of a value's equality: two bodies that differ
/// only in layout are equal.
#[derive(Clone, Copy, Default)]
pub(crate) struct Hint<T>(pub(crate) T);

impl<T> PartialEq for Hint<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T: core::fmt::Debug> core::fmt::Debug for Hint<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt(f)
    }
}

/// A decoded error body in any format.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Body<'a, C: Catalog = crate::Catalog> {
    /// v1.1 JSON, or an older JSON shape.
    Json(json::Body<'a, C>),
    /// v1.1 XML, or the pre-2012 `<hash>`.
    Xml(xml::Body<'a, C>),
    /// JSONP.
    Jsonp(jsonp::Jsonp<'a, C>),
    /// v2 problem details, or a v2 result with partial errors.
    Problem(problem::Body<'a, C>),
}

impl<'a, C: Catalog> Body<'a, C> {
    /// The format it came in, and that [`Body::encode`] writes.
    pub fn format(&self) -> Format {
        match self {
            Body::Json(_) => Format::Json,
            Body::Xml(_) => Format::Xml,
            Body::Jsonp(_) => Format::Jsonp,
            Body::Problem(_) => Format::Problem,
        }
    }

    /// Encodes the body in its own format.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(128);
        self.encode_into(&mut out);
        out
    }

    /// Encodes the body in its own format, appending to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        match self {
            Body::Json(b) => b.encode_into(out),
            Body::Xml(b) => b.encode_into(out),
            Body::Jsonp(b) => b.encode_into(out),
            Body::Problem(b) => b.encode_into(out),
        }
    }

    /// The v1.1 errors it holds (none for other shapes).
    pub fn v1_errors(&self) -> &[json::V1Error<'a, C>] {
        match self {
            Body::Json(b) => b.v1_errors(),
            Body::Jsonp(b) => b.body.v1_errors(),
            Body::Xml(xml::Body::Errors(e)) => e,
            _ => &[],
        }
    }

    /// The v1.1 codes it holds, in order.
    pub fn codes(&self) -> impl Iterator<Item = Code<C::Code>> + '_ {
        self.v1_errors().iter().map(|e| e.code)
    }

    /// The v2 problems it holds: the body's own problem first, then each
    /// item of `errors`.
    pub fn problems(&self) -> impl Iterator<Item = &problem::Problem<'a, C>> + '_ {
        let body = match self {
            Body::Problem(b) => Some(b),
            _ => None,
        };
        body.into_iter().flat_map(|b| b.problems())
    }

    /// A human-readable message: the first error's text.
    pub fn message(&self) -> Option<Cow<'_, str>> {
        match self {
            Body::Json(b) => b.message().map(Cow::Borrowed),
            Body::Jsonp(b) => b.body.message().map(Cow::Borrowed),
            Body::Xml(b) => b.message().map(Cow::Borrowed),
            Body::Problem(b) => b
                .problems()
                .find_map(|p| p.detail().or_else(|| p.message())),
        }
    }

    /// Detaches the body from the input it borrows.
    pub fn into_owned(self) -> Body<'static, C> {
        match self {
            Body::Json(b) => Body::Json(b.into_owned()),
            Body::Xml(b) => Body::Xml(b.into_owned()),
            Body::Jsonp(b) => Body::Jsonp(b.into_owned()),
            Body::Problem(b) => Body::Problem(b.into_owned()),
        }
    }
}

/// Decodes a body of any format with the bundled catalog and the default
/// [`Limits`], telling the format from the body itself.
///
/// ```
/// use twitter_errors::codec::{self, Body};
/// use twitter_errors::{Code, ErrorCode, Format};
///
/// let body = codec::decode(br#"{"errors":[{"message":"Over capacity","code":130}]}"#).unwrap();
/// assert_eq!(body.format(), Format::Json);
/// assert_eq!(body.codes().collect::<Vec<_>>(), [Code::Known(ErrorCode::OverCapacity)]);
/// ```
pub fn decode(body: &[u8]) -> Result<Body<'_>, DecodeError> {
    decode_as(body, None, &Limits::DEFAULT)
}

/// Decodes a body in `format`, or with `None` in whatever format it is
/// (JSON objects are tried as v1.1 first, then as v2).
pub fn decode_as<'a, C: Catalog>(
    body: &'a [u8],
    format: Option<Format>,
    limits: &Limits,
) -> Result<Body<'a, C>, DecodeError> {
    let limits = &limits.clamped();
    match format {
        Some(Format::Json) => json::decode_with(body, limits).map(Body::Json),
        Some(Format::Xml) => xml::decode_with(body, limits).map(Body::Xml),
        Some(Format::Jsonp) => jsonp::decode_with(body, limits).map(Body::Jsonp),
        Some(Format::Problem) => problem::decode_with(body, limits).map(Body::Problem),
        None => decode_auto(body, limits),
    }
}

fn decode_auto<'a, C: Catalog>(
    body: &'a [u8],
    limits: &Limits,
) -> Result<Body<'a, C>, DecodeError> {
    let bytes = prelude(body, limits, None)?;
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        Some(b'{') => match json::decode_bytes(bytes, limits, true) {
            Ok(b) => Ok(Body::Json(b)),
            Err(e) if e.kind() == ErrorKind::Shape => problem::decode_bytes(bytes, limits)
                .map(Body::Problem)
                .map_err(|e| e.with_format(Format::Problem)),
            Err(e) => Err(e.with_format(Format::Json)),
        },
        Some(b'<') => xml::decode_bytes(bytes, limits)
            .map(Body::Xml)
            .map_err(|e| e.with_format(Format::Xml)),
        Some(&b) if b == b'/' || b == b'_' || b == b'$' || b.is_ascii_alphabetic() => {
            match jsonp::decode_bytes(bytes, limits) {
                Ok(j) => Ok(Body::Jsonp(j)),
                // Plain text, such as an OAuth error, is not a failed call.
                Err(e) if e.kind() == ErrorKind::Shape && !bytes.contains(&b'(') => Err(
                    DecodeError::new(ErrorKind::Shape, "neither JSON, XML nor JSONP"),
                ),
                Err(e) => Err(e.with_format(Format::Jsonp)),
            }
        }
        _ => Err(DecodeError::new(
            ErrorKind::Shape,
            "neither JSON, XML nor JSONP",
        )),
    }
}

/// Reads a body from `reader`, refusing it as soon as it is longer than
/// [`Limits::max_body`]: at most `max_body + 1` bytes are ever read, so an
/// endless or oversized stream costs no more than the limit.
///
/// A body over the limit gives an [`std::io::Error`] of kind
/// [`InvalidData`](std::io::ErrorKind::InvalidData) wrapping a
/// [`DecodeError`] of kind [`ErrorKind::TooLarge`]; errors of the reader
/// are passed on.
///
/// ```
/// use twitter_errors::codec::{self, DecodeError, ErrorKind, Limits};
///
/// let limits = Limits::new().with_max_body(64);
/// let body = codec::read_body(&br#"{"errors":[{"message":"Over capacity","code":130}]}"#[..], &limits).unwrap();
/// assert_eq!(codec::decode_as::<twitter_errors::Catalog>(&body, None, &limits).unwrap().codes().count(), 1);
///
/// // An endless stream is refused after 65 bytes.
/// let e = codec::read_body(std::io::repeat(b' '), &limits).unwrap_err();
/// let inner = e.get_ref().and_then(|e| e.downcast_ref::<DecodeError>()).unwrap();
/// assert_eq!(inner.kind(), ErrorKind::TooLarge);
/// ```
pub fn read_body<R: std::io::Read>(reader: R, limits: &Limits) -> std::io::Result<Vec<u8>> {
    let max = limits.max_body;
    let mut body = Vec::new();
    let mut limited = std::io::Read::take(reader, (max as u64).saturating_add(1));
    std::io::Read::read_to_end(&mut limited, &mut body)?;
    if body.len() > max {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            DecodeError::new(ErrorKind::TooLarge, format!("more than {max} bytes")),
        ));
    }
    Ok(body)
}

/// Checks the size, strips a byte-order mark, refuses an empty body.
/// UTF-8 is checked by each codec as it reads.
pub(crate) fn prelude<'a>(
    body: &'a [u8],
    limits: &Limits,
    format: Option<Format>,
) -> Result<&'a [u8], DecodeError> {
    let tag = |e: DecodeError| match format {
        Some(f) => e.with_format(f),
        None => e,
    };
    if body.len() > limits.max_body {
        return Err(tag(DecodeError::new(
            ErrorKind::TooLarge,
            format!("{} bytes, limit {}", body.len(), limits.max_body),
        )));
    }
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(tag(DecodeError::new(ErrorKind::Empty, "")));
    }
    Ok(body)
}

/// The body as UTF-8.
pub(crate) fn utf8(body: &[u8]) -> Result<&str, DecodeError> {
    std::str::from_utf8(body).map_err(|e| {
        DecodeError::new(
            ErrorKind::InvalidUtf8,
            format!("invalid byte at offset {}", e.valid_up_to()),
        )
        .at_offset(body, e.valid_up_to())
    })
}

/// The nesting depth of a JSON value's text (`0` for a scalar), or `None`
/// when it exceeds `max`. Strings are skipped, so brackets inside them do
/// not count.
pub(crate) fn json_depth(text: &[u8], max: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut in_string = false;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > deepest {
                        deepest = depth;
                        if deepest > max {
                            return None;
                        }
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        i += 1;
    }
    Some(deepest)
}

/// A string that borrows from the input when it can.
pub(crate) fn owned(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_skips_strings() {
        assert_eq!(json_depth(br#"{"a":"[[[[","b":[1,[2]]}"#, 10), Some(3));
        assert_eq!(json_depth(br#""\"[""#, 10), Some(0));
        assert_eq!(json_depth(b"[[[[]]]]", 3), None);
    }

    #[test]
    fn prelude_refuses_what_no_codec_can_read() {
        let l = Limits::DEFAULT;
        assert_eq!(prelude(b"", &l, None).unwrap_err().kind(), ErrorKind::Empty);
        assert_eq!(
            prelude(b" \n", &l, None).unwrap_err().kind(),
            ErrorKind::Empty
        );
        assert_eq!(
            utf8(b"{\"a\":\"\xff\"}").unwrap_err().kind(),
            ErrorKind::InvalidUtf8
        );
        let small = Limits::new().with_max_body(3);
        assert_eq!(
            prelude(b"{ }  ", &small, None).unwrap_err().kind(),
            ErrorKind::TooLarge
        );
        assert_eq!(prelude(b"\xEF\xBB\xBF{}", &l, None).unwrap(), b"{}");
    }
}
