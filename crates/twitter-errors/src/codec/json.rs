//! v1.1 JSON bodies: `{"errors":[{"message":"...","code":34}]}`.
//!
//! Decoding accepts one or many errors, either key order, escaped slashes,
//! and the older shapes the API served:
//!
//! - `{"errors":"Status is a duplicate."}`: `errors` as a plain string;
//! - `{"request":"/1/...","error":"..."}` (pre-2012), in either order;
//! - a media upload's `processing_info.error`;
//! - a streaming `disconnect` notice.
//!
//! Encoding writes the compact form, in the key order and slash escaping
//! the body came with (or the 2012 documentation's, for values built in
//! code), so a decoded body encodes back to its own bytes when it was
//! compact.
//!
//! ```
//! use twitter_errors::codec::json;
//! use twitter_errors::{Code, ErrorCode};
//!
//! let bytes = br#"{"errors":[{"code":88,"message":"Rate limit exceeded."}]}"#;
//! let body = json::decode(bytes).unwrap();
//! let e = &body.v1_errors()[0];
//! assert_eq!(e.code, Code::Known(ErrorCode::RateLimitExceeded));
//! assert_eq!(e.message, "Rate limit exceeded.");
//! assert_eq!(body.encode(), bytes);
//! ```

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

use super::{json_depth, owned, prelude, DecodeError, ErrorKind, Hint, Limits};
use crate::__private::Key;
use crate::catalog::{Catalog, Code, CodeEntry, Format, Members};

/// A decoded v1.1 JSON body: its shape, plus any top-level members the
/// shape does not use.
#[derive(Clone, Debug, PartialEq)]
pub struct Body<'a, C: Catalog = crate::Catalog> {
    /// What the body holds.
    pub shape: Shape<'a, C>,
    /// Top-level members that are not part of the shape, in order.
    pub extra: Members,
    layout: Hint<BodyLayout>,
}

#[derive(Clone, Copy, Debug, Default)]
struct BodyLayout {
    /// How many of `extra` come before the shape's members.
    shape_at: usize,
    /// Whether strings wrote `/` as `\/`.
    slashes: bool,
}

/// The shapes of v1.1 JSON error bodies.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Shape<'a, C: Catalog = crate::Catalog> {
    /// `{"errors":[{"message":"...","code":34}]}`: the v1.1 form.
    Errors(Vec<V1Error<'a, C>>),
    /// `{"errors":"Status is a duplicate."}`: `errors` as a plain string.
    Text(Cow<'a, str>),
    /// `{"request":"/1/...","error":"..."}`: the pre-2012 form.
    Legacy(Box<Legacy<'a>>),
    /// A failed media upload: `{"processing_info":{"state":"failed","error":{...}}}`.
    Media(Box<Media<'a>>),
    /// A streaming disconnect notice: `{"disconnect":{"code":3,...}}`.
    Disconnect(Box<Disconnect<'a>>),
}

/// One v1.1 error: a code and its message.
#[derive(Clone, Debug, PartialEq)]
pub struct V1Error<'a, C: Catalog = crate::Catalog> {
    /// The code, known to the catalog or not.
    pub code: Code<C::Code>,
    /// The message, as sent.
    pub message: Cow<'a, str>,
    /// Members other than `code` and `message` (such as `label`), in order.
    pub extra: Members,
    layout: Hint<KeyOrder>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum KeyOrder {
    /// `{"message":...,"code":...}`, as the 2012 documentation shows.
    #[default]
    MessageFirst,
    /// `{"code":...,"message":...}`, as most later responses have it.
    CodeFirst,
}

impl<'a, C: Catalog> V1Error<'a, C> {
    /// An error with this code and message.
    pub fn new(code: impl Into<Code<C::Code>>, message: impl Into<Cow<'a, str>>) -> Self {
        V1Error {
            code: code.into(),
            message: message.into(),
            extra: Members::new(),
            layout: Hint::default(),
        }
    }

    /// An error with the catalog's message for `code`.
    pub fn from_entry(code: C::Code) -> Self {
        V1Error::new(Code::Known(code), code.info().message)
    }

    /// Whether encoding writes `code` before `message`. Decoding records
    /// the order the body had; built values write `message` first, as the
    /// 2012 documentation does.
    pub fn code_first(&self) -> bool {
        self.layout.0 == KeyOrder::CodeFirst
    }

    /// Sets the key order encoding writes.
    #[must_use]
    pub fn with_code_first(mut self, code_first: bool) -> Self {
        self.layout.0 = if code_first {
            KeyOrder::CodeFirst
        } else {
            KeyOrder::MessageFirst
        };
        self
    }

    /// Detaches the error from the input it borrows.
    pub fn into_owned(self) -> V1Error<'static, C> {
        V1Error {
            code: self.code,
            message: owned(self.message),
            extra: self.extra,
            layout: self.layout,
        }
    }
}

/// The pre-2012 error: `{"request":"/1/statuses/show.json","error":"..."}`,
/// or in XML `<hash><request>...</request><error>...</error></hash>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Legacy<'a> {
    /// The error text.
    pub error: Cow<'a, str>,
    /// The request path, when sent.
    pub request: Option<Cow<'a, str>>,
    layout: Hint<LegacyLayout>,
}

#[derive(Clone, Copy, Debug)]
struct LegacyLayout {
    request_first: bool,
}

impl Default for LegacyLayout {
    fn default() -> Self {
        LegacyLayout {
            request_first: true,
        }
    }
}

impl<'a> Legacy<'a> {
    /// An error for a request path.
    pub fn new(error: impl Into<Cow<'a, str>>, request: Option<Cow<'a, str>>) -> Self {
        Legacy {
            error: error.into(),
            request,
            layout: Hint::default(),
        }
    }

    /// Whether encoding writes `request` before `error` (as decoded; `true`
    /// for built values, as the 2009 documentation shows).
    pub fn request_first(&self) -> bool {
        self.layout.0.request_first
    }

    /// Sets whether encoding writes `request` before `error`.
    #[must_use]
    pub fn with_request_first(mut self, request_first: bool) -> Self {
        self.set_request_first(request_first);
        self
    }

    pub(crate) fn set_request_first(&mut self, request_first: bool) {
        self.layout.0.request_first = request_first;
    }

    /// Detaches the error from the input it borrows.
    pub fn into_owned(self) -> Legacy<'static> {
        Legacy {
            error: owned(self.error),
            request: self.request.map(owned),
            layout: self.layout,
        }
    }
}

/// A failed media upload's `processing_info.error`, with the rest of the
/// body kept.
#[derive(Clone, Debug, PartialEq)]
pub struct Media<'a> {
    /// `error.code`: the media service's own code, not a v1.1 code.
    pub code: Option<i64>,
    /// `error.name`, such as `InvalidMedia`.
    pub name: Option<Cow<'a, str>>,
    /// `error.message`.
    pub message: Option<Cow<'a, str>>,
    /// The other members of `error`, in order.
    pub extra: Members,
    /// The other members of `processing_info` (`state`,
    /// `progress_percent`...), in order.
    pub processing_info: Members,
    layout: Hint<usize>,
}

impl<'a> Media<'a> {
    /// A processing error.
    pub fn new(
        code: Option<i64>,
        name: Option<Cow<'a, str>>,
        message: Option<Cow<'a, str>>,
    ) -> Self {
        Media {
            code,
            name,
            message,
            extra: Members::new(),
            processing_info: Members::new(),
            layout: Hint(usize::MAX),
        }
    }

    /// Detaches the error from the input it borrows.
    pub fn into_owned(self) -> Media<'static> {
        Media {
            code: self.code,
            name: self.name.map(owned),
            message: self.message.map(owned),
            extra: self.extra,
            processing_info: self.processing_info,
            layout: self.layout,
        }
    }
}

/// A streaming disconnect notice:
/// `{"disconnect":{"code":3,"stream_name":"...","reason":"..."}}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Disconnect<'a> {
    /// The streaming API's disconnect code (1 to 12), not a v1.1 code.
    pub code: Option<i64>,
    /// `stream_name`.
    pub stream_name: Option<Cow<'a, str>>,
    /// `reason`.
    pub reason: Option<Cow<'a, str>>,
    /// Other members, in order.
    pub extra: Members,
}

impl Disconnect<'_> {
    /// Detaches the notice from the input it borrows.
    pub fn into_owned(self) -> Disconnect<'static> {
        Disconnect {
            code: self.code,
            stream_name: self.stream_name.map(owned),
            reason: self.reason.map(owned),
            extra: self.extra,
        }
    }
}

impl<'a, C: Catalog> Body<'a, C> {
    /// A body of this shape.
    pub fn new(shape: Shape<'a, C>) -> Self {
        Body {
            shape,
            extra: Members::new(),
            layout: Hint::default(),
        }
    }

    /// `{"errors":[...]}` with the catalog's message for each code.
    pub fn from_codes(codes: impl IntoIterator<Item = C::Code>) -> Self {
        Body::new(Shape::Errors(
            codes.into_iter().map(V1Error::from_entry).collect(),
        ))
    }

    /// The v1.1 errors (empty for the other shapes).
    pub fn v1_errors(&self) -> &[V1Error<'a, C>] {
        match &self.shape {
            Shape::Errors(e) => e,
            _ => &[],
        }
    }

    /// The first error's text, whatever the shape.
    pub fn message(&self) -> Option<&str> {
        match &self.shape {
            Shape::Errors(e) => e.first().map(|e| &*e.message),
            Shape::Text(t) => Some(t),
            Shape::Legacy(l) => Some(&l.error),
            Shape::Media(m) => m.message.as_deref().or(m.name.as_deref()),
            Shape::Disconnect(d) => d.reason.as_deref(),
        }
    }

    /// Whether encoding writes `/` as `\/`, as the API did in the v1.1 era.
    /// Decoding records it from the body.
    pub fn escapes_slashes(&self) -> bool {
        self.layout.0.slashes
    }

    /// Sets whether encoding writes `/` as `\/`.
    #[must_use]
    pub fn with_escaped_slashes(mut self, escape: bool) -> Self {
        self.layout.0.slashes = escape;
        self
    }

    /// Encodes the body as compact JSON.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.size_hint());
        self.encode_into(&mut out);
        out
    }

    /// Encodes the body as compact JSON, appending to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        out.reserve(self.size_hint());
        self.write(out, Escape::plain());
    }

    /// About how long the encoding is, so that it is written without
    /// growing the buffer.
    fn size_hint(&self) -> usize {
        let shape = match &self.shape {
            Shape::Errors(e) => e
                .iter()
                .map(|e| e.message.len() + 36 + 16 * e.extra.len())
                .sum(),
            Shape::Text(t) => t.len(),
            Shape::Legacy(l) => l.error.len() + l.request.as_ref().map_or(0, |r| r.len()) + 32,
            _ => 128,
        };
        16 + shape + 32 * self.extra.len()
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>, esc: Escape) {
        let esc = Escape {
            slashes: esc.slashes || self.layout.0.slashes,
            ..esc
        };
        out.push(b'{');
        let mut first = true;
        let at = self.layout.0.shape_at.min(self.extra.len());
        for (i, (k, v)) in self.extra.iter().enumerate() {
            if i == at {
                self.write_shape(out, esc, &mut first);
            }
            write_member(out, &mut first, k, v, esc);
        }
        if at == self.extra.len() {
            self.write_shape(out, esc, &mut first);
        }
        out.push(b'}');
    }

    fn write_shape(&self, out: &mut Vec<u8>, esc: Escape, first: &mut bool) {
        match &self.shape {
            Shape::Errors(errors) => {
                lit(out, first, b"\"errors\":");
                out.push(b'[');
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_v1_error(out, e, esc);
                }
                out.push(b']');
            }
            Shape::Text(t) => {
                lit(out, first, b"\"errors\":");
                write_str(out, t, esc);
            }
            Shape::Legacy(l) => {
                let request = |out: &mut Vec<u8>, first: &mut bool| {
                    if let Some(r) = &l.request {
                        lit(out, first, b"\"request\":");
                        write_str(out, r, esc);
                    }
                };
                if l.request_first() {
                    request(out, first);
                }
                lit(out, first, b"\"error\":");
                write_str(out, &l.error, esc);
                if !l.request_first() {
                    request(out, first);
                }
            }
            Shape::Media(m) => {
                lit(out, first, b"\"processing_info\":");
                out.push(b'{');
                let mut inner = true;
                let at = m.layout.0.min(m.processing_info.len());
                for (i, (k, v)) in m.processing_info.iter().enumerate() {
                    if i == at {
                        write_media_error(out, m, esc, &mut inner);
                    }
                    write_member(out, &mut inner, k, v, esc);
                }
                if at == m.processing_info.len() {
                    write_media_error(out, m, esc, &mut inner);
                }
                out.push(b'}');
            }
            Shape::Disconnect(d) => {
                lit(out, first, b"\"disconnect\":");
                out.push(b'{');
                let mut inner = true;
                if let Some(c) = d.code {
                    lit(out, &mut inner, b"\"code\":");
                    write_int(out, c);
                }
                if let Some(s) = &d.stream_name {
                    lit(out, &mut inner, b"\"stream_name\":");
                    write_str(out, s, esc);
                }
                if let Some(r) = &d.reason {
                    lit(out, &mut inner, b"\"reason\":");
                    write_str(out, r, esc);
                }
                for (k, v) in d.extra.iter() {
                    write_member(out, &mut inner, k, v, esc);
                }
                out.push(b'}');
            }
        }
    }

    /// Detaches the body from the input it borrows.
    pub fn into_owned(self) -> Body<'static, C> {
        let shape = match self.shape {
            Shape::Errors(e) => Shape::Errors(e.into_iter().map(V1Error::into_owned).collect()),
            Shape::Text(t) => Shape::Text(owned(t)),
            Shape::Legacy(l) => Shape::Legacy(Box::new(l.into_owned())),
            Shape::Media(m) => Shape::Media(Box::new(m.into_owned())),
            Shape::Disconnect(d) => Shape::Disconnect(Box::new(d.into_owned())),
        };
        Body {
            shape,
            extra: self.extra,
            layout: self.layout,
        }
    }
}

impl<'a, C: Catalog> From<Vec<V1Error<'a, C>>> for Body<'a, C> {
    fn from(errors: Vec<V1Error<'a, C>>) -> Self {
        Body::new(Shape::Errors(errors))
    }
}

fn write_v1_error<C: Catalog>(out: &mut Vec<u8>, e: &V1Error<'_, C>, esc: Escape) {
    out.push(b'{');
    let mut first = true;
    if e.code_first() {
        lit(out, &mut first, b"\"code\":");
        write_int(out, i64::from(e.code.code()));
        lit(out, &mut first, b"\"message\":");
        write_str(out, &e.message, esc);
    } else {
        lit(out, &mut first, b"\"message\":");
        write_str(out, &e.message, esc);
        lit(out, &mut first, b"\"code\":");
        write_int(out, i64::from(e.code.code()));
    }
    for (k, v) in e.extra.iter() {
        write_member(out, &mut first, k, v, esc);
    }
    out.push(b'}');
}

fn write_media_error(out: &mut Vec<u8>, m: &Media<'_>, esc: Escape, first: &mut bool) {
    lit(out, first, b"\"error\":");
    out.push(b'{');
    let mut inner = true;
    if let Some(c) = m.code {
        lit(out, &mut inner, b"\"code\":");
        write_int(out, c);
    }
    if let Some(n) = &m.name {
        lit(out, &mut inner, b"\"name\":");
        write_str(out, n, esc);
    }
    if let Some(msg) = &m.message {
        lit(out, &mut inner, b"\"message\":");
        write_str(out, msg, esc);
    }
    for (k, v) in m.extra.iter() {
        write_member(out, &mut inner, k, v, esc);
    }
    out.push(b'}');
}

// ---------------------------------------------------------------------------
// Writing JSON.

/// Which characters strings escape beyond what JSON requires.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Escape {
    /// Every `/` as `\/`.
    pub(crate) slashes: bool,
    /// Safe inside a `<script>`: U+2028 and U+2029 as `\u2028`/`\u2029`,
    /// and `</` as `<\/`.
    pub(crate) script: bool,
}

impl Escape {
    pub(crate) const fn plain() -> Self {
        Escape {
            slashes: false,
            script: false,
        }
    }

    fn any(self) -> bool {
        self.slashes || self.script
    }
}

const UU: u8 = b'u';
const BB: u8 = b'b';
const TT: u8 = b't';
const NN: u8 = b'n';
const FF: u8 = b'f';
const RR: u8 = b'r';
const QU: u8 = b'"';
const BS: u8 = b'\\';
const __: u8 = 0;

/// What each byte escapes to, as serde_json writes it (0: itself).
static ESCAPE: [u8; 256] = [
    //   1   2   3   4   5   6   7   8   9   A   B   C   D   E   F
    UU, UU, UU, UU, UU, UU, UU, UU, BB, TT, NN, UU, FF, RR, UU, UU, // 0
    UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, // 1
    __, __, QU, __, __, __, __, __, __, __, __, __, __, __, __, __, // 2
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 3
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 4
    __, __, __, __, __, __, __, __, __, __, __, __, BS, __, __, __, // 5
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 6
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 7
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 8
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 9
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // A
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // B
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // C
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // D
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // E
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // F
];

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes `s` as a JSON string.
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str, esc: Escape) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let e = ESCAPE[b as usize];
        if e == 0 {
            if esc.any() {
                if let Some(extra) = extra_escape(bytes, i, esc) {
                    out.extend_from_slice(&bytes[start..i]);
                    out.extend_from_slice(extra.0);
                    i += extra.1;
                    start = i;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        if e == UU {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xF) as usize],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', e]);
        }
        i += 1;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// The escape for the character at `bytes[i]` beyond JSON's own, and how
/// many bytes it replaces.
fn extra_escape(bytes: &[u8], i: usize, esc: Escape) -> Option<(&'static [u8], usize)> {
    match bytes[i] {
        b'/' if esc.slashes || (esc.script && i > 0 && bytes[i - 1] == b'<') => Some((b"\\/", 1)),
        0xE2 if esc.script && bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
            Some(0xA8) => Some((b"\\u2028", 3)),
            Some(0xA9) => Some((b"\\u2029", 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Writes an integer.
pub(crate) fn write_int(out: &mut Vec<u8>, n: i64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut v = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&buf[i..]);
}

/// Writes `,` (unless first) and a key known to need no escaping.
#[inline]
fn lit(out: &mut Vec<u8>, first: &mut bool, quoted_key: &[u8]) {
    if !std::mem::take(first) {
        out.push(b',');
    }
    out.extend_from_slice(quoted_key);
}

/// Writes `,"name":` (without the comma for the first member).
pub(crate) fn key(out: &mut Vec<u8>, first: &mut bool, name: &str, esc: Escape) {
    if !std::mem::take(first) {
        out.push(b',');
    }
    write_str(out, name, esc);
    out.push(b':');
}

/// Writes `,"name":value`.
pub(crate) fn write_member(
    out: &mut Vec<u8>,
    first: &mut bool,
    name: &str,
    v: &Value,
    esc: Escape,
) {
    key(out, first, name, esc);
    write_value(out, v, esc);
}

/// Writes any JSON value.
pub(crate) fn write_value(out: &mut Vec<u8>, v: &Value, esc: Escape) {
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Value::String(s) => write_str(out, s, esc),
        Value::Array(a) => {
            out.push(b'[');
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(out, v, esc);
            }
            out.push(b']');
        }
        Value::Object(m) => {
            out.push(b'{');
            let mut first = true;
            for (k, v) in m {
                write_member(out, &mut first, k, v, esc);
            }
            out.push(b'}');
        }
    }
}

// ---------------------------------------------------------------------------
// Reading JSON.

/// Decodes a v1.1 JSON body with the bundled catalog and the default
/// [`Limits`].
pub fn decode(body: &[u8]) -> Result<Body<'_>, DecodeError> {
    decode_with(body, &Limits::DEFAULT)
}

/// Decodes a v1.1 JSON body.
pub fn decode_with<'a, C: Catalog>(
    body: &'a [u8],
    limits: &Limits,
) -> Result<Body<'a, C>, DecodeError> {
    let limits = &limits.clamped();
    let bytes = prelude(body, limits, Some(Format::Json))?;
    decode_bytes(bytes, limits, false).map_err(|e| e.with_format(Format::Json))
}

/// Decodes; with `strict`, refuses members that only v2 bodies have (so
/// that automatic detection can try v2 next).
pub(crate) fn decode_bytes<'a, C: Catalog>(
    bytes: &'a [u8],
    limits: &Limits,
    strict: bool,
) -> Result<Body<'a, C>, DecodeError> {
    decode_in(bytes, limits, strict, false)
}

/// Decodes; `script` says the text sits inside JSONP.
pub(crate) fn decode_in<'a, C: Catalog>(
    bytes: &'a [u8],
    limits: &Limits,
    strict: bool,
    script: bool,
) -> Result<Body<'a, C>, DecodeError> {
    if let Some(body) = fast::decode(bytes, limits) {
        return Ok(body);
    }
    let cx = Cx::new(limits, strict);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let seed = BodySeed::<C> {
        cx: &cx,
        marker: PhantomC::default(),
    };
    let result = de::Deserializer::deserialize_map(&mut de, seed);
    let mut body = match result.and_then(|b| de.end().map(|()| b)) {
        Ok(b) => b,
        Err(e) => return Err(DecodeError::from_json(&e, cx.side.take(), bytes)),
    };
    if has_escaped_slash(bytes, script) {
        body.layout.0.slashes = true;
    }
    Ok(body)
}

/// A fast path for the shape nearly every v1.1 error body has:
/// `{"errors":[{"message":"...","code":N},...]}`, either key order, with
/// strings free of escapes. Anything else (and any doubt) returns `None`
/// and goes to the general decoder, which has the final word on errors.
mod fast {
    use std::borrow::Cow;

    use super::{Body, BodyLayout, Code, Hint, KeyOrder, Members, Shape, V1Error};
    use crate::catalog::Catalog;
    use crate::codec::Limits;

    struct Cursor<'a> {
        b: &'a [u8],
        i: usize,
    }

    impl<'a> Cursor<'a> {
        #[inline]
        fn ws(&mut self) {
            while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.b.get(self.i) {
                self.i += 1;
            }
        }

        #[inline]
        fn eat(&mut self, lit: &[u8]) -> Option<()> {
            self.ws();
            if self.b.get(self.i..self.i + lit.len())? == lit {
                self.i += lit.len();
                Some(())
            } else {
                None
            }
        }

        #[inline]
        fn peek(&mut self) -> Option<u8> {
            self.ws();
            self.b.get(self.i).copied()
        }

        /// A string without escapes or control characters.
        #[inline]
        fn string(&mut self) -> Option<&'a str> {
            self.eat(b"\"")?;
            let start = self.i;
            loop {
                match *self.b.get(self.i)? {
                    b'"' => break,
                    b'\\' | 0..=0x1f => return None,
                    _ => self.i += 1,
                }
            }
            let s = std::str::from_utf8(&self.b[start..self.i]).ok()?;
            self.i += 1;
            Some(s)
        }

        /// A non-negative integer that fits in `u32`, in JSON's spelling.
        #[inline]
        fn code(&mut self) -> Option<u32> {
            self.ws();
            let start = self.i;
            let mut n: u32 = 0;
            while let Some(&d @ b'0'..=b'9') = self.b.get(self.i) {
                n = n.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
                self.i += 1;
            }
            let len = self.i - start;
            if len == 0 || (len > 1 && self.b[start] == b'0') {
                return None;
            }
            match self.b.get(self.i) {
                Some(b'.' | b'e' | b'E') => None,
                _ => Some(n),
            }
        }
    }

    pub(super) fn decode<'a, C: Catalog>(bytes: &'a [u8], limits: &Limits) -> Option<Body<'a, C>> {
        if limits.max_depth < 3 {
            return None;
        }
        let mut c = Cursor { b: bytes, i: 0 };
        c.eat(b"{")?;
        c.eat(b"\"errors\"")?;
        c.eat(b":")?;
        c.eat(b"[")?;
        let mut errors = Vec::new();
        if c.peek()? == b']' {
            c.i += 1;
        } else {
            loop {
                if errors.len() == limits.max_errors {
                    return None;
                }
                c.eat(b"{")?;
                let (code, message, order);
                if c.peek()? == b'"' && c.b.get(c.i + 1) == Some(&b'm') {
                    c.eat(b"\"message\"")?;
                    c.eat(b":")?;
                    message = c.string()?;
                    c.eat(b",")?;
                    c.eat(b"\"code\"")?;
                    c.eat(b":")?;
                    code = c.code()?;
                    order = KeyOrder::MessageFirst;
                } else {
                    c.eat(b"\"code\"")?;
                    c.eat(b":")?;
                    code = c.code()?;
                    c.eat(b",")?;
                    c.eat(b"\"message\"")?;
                    c.eat(b":")?;
                    message = c.string()?;
                    order = KeyOrder::CodeFirst;
                }
                c.eat(b"}")?;
                errors.push(V1Error {
                    code: Code::from_code(code),
                    message: Cow::Borrowed(message),
                    extra: Members::new(),
                    layout: Hint(order),
                });
                match c.peek()? {
                    b',' => c.i += 1,
                    b']' => {
                        c.i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        c.eat(b"}")?;
        c.ws();
        if c.i != bytes.len() {
            return None;
        }
        Some(Body {
            shape: Shape::Errors(errors),
            extra: Members::new(),
            layout: Hint(BodyLayout::default()),
        })
    }
}

/// Whether a JSON text escapes a `/` anywhere; in a script (JSONP), other
/// than in `<\/`, which is written there whether or not slashes are.
fn has_escaped_slash(text: &[u8], script: bool) -> bool {
    let Some(mut i) = memchr::memchr(b'\\', text) else {
        return false;
    };
    while i < text.len() {
        if text[i] == b'\\' {
            if text.get(i + 1) == Some(&b'/') && !(script && i > 0 && text[i - 1] == b'<') {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

type PhantomC<C> = core::marker::PhantomData<fn() -> C>;

/// Shared decoding state: limits, and the typed error a visitor reported
/// (serde's error type can only carry a string).
pub(crate) struct Cx<'l> {
    pub(crate) limits: &'l Limits,
    pub(crate) strict: bool,
    pub(crate) side: Cell<Option<DecodeError>>,
}

impl<'l> Cx<'l> {
    pub(crate) fn new(limits: &'l Limits, strict: bool) -> Self {
        Cx {
            limits,
            strict,
            side: Cell::new(None),
        }
    }

    /// Records a typed error and returns serde's error to unwind with.
    pub(crate) fn fail<E: de::Error>(&self, kind: ErrorKind, detail: impl Into<String>) -> E {
        let detail = detail.into();
        // The first error wins: it is the one that stopped decoding.
        let prev = self.side.take();
        self.side
            .set(Some(prev.unwrap_or_else(|| DecodeError::new(kind, detail))));
        E::custom("")
    }

    /// Parses a raw value into a `Value`, checking its depth first.
    pub(crate) fn value<E: de::Error>(
        &self,
        raw: &RawValue,
        depth: usize,
        path: &dyn fmt::Display,
    ) -> Result<Value, E> {
        self.check_depth(raw, depth, path)?;
        serde_json::from_str(raw.get())
            .map_err(|e| self.fail(ErrorKind::Syntax, format!("{path}: {e}")))
    }

    /// Refuses a raw value that would nest deeper than the limit, when it
    /// sits at `depth`.
    pub(crate) fn check_depth<E: de::Error>(
        &self,
        raw: &RawValue,
        depth: usize,
        path: &dyn fmt::Display,
    ) -> Result<(), E> {
        let text = raw.get().as_bytes();
        if matches!(text.first(), Some(b'[' | b'{')) {
            let room = self.limits.max_depth.saturating_sub(depth);
            if json_depth(text, room).is_none() {
                return Err(self.fail(
                    ErrorKind::TooDeep,
                    format!("{path} nests deeper than {}", self.limits.max_depth),
                ));
            }
        }
        Ok(())
    }

    /// Refuses a container at `depth` beyond the limit.
    pub(crate) fn enter<E: de::Error>(&self, depth: usize) -> Result<(), E> {
        if depth > self.limits.max_depth {
            return Err(self.fail(
                ErrorKind::TooDeep,
                format!("nested deeper than {}", self.limits.max_depth),
            ));
        }
        Ok(())
    }
}

/// A string member, borrowed when it has no escapes.
pub(crate) struct StrSeed {
    pub(crate) what: &'static str,
}

impl<'de> DeserializeSeed<'de> for StrSeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for StrSeed {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` as a string", self.what)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// An integer member.
struct IntSeed {
    what: &'static str,
}

impl<'de> DeserializeSeed<'de> for IntSeed {
    type Value = i64;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<i64, D::Error> {
        d.deserialize_i64(self)
    }
}

impl Visitor<'_> for IntSeed {
    type Value = i64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` as an integer", self.what)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
}

/// A v1.1 code: an integer from 0 to 2^32 - 1.
struct CodeSeed;

impl<'de> DeserializeSeed<'de> for CodeSeed {
    type Value = u32;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<u32, D::Error> {
        d.deserialize_u32(self)
    }
}

impl Visitor<'_> for CodeSeed {
    type Value = u32;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`code` as a non-negative integer")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
        u32::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
        u32::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }
}

/// Top-level members that only v2 bodies have.
const V2_ONLY: &[&str] = &[
    "type", "title", "detail", "status", "data", "includes", "meta",
];

struct BodySeed<'c, 'l, C> {
    cx: &'c Cx<'l>,
    marker: PhantomC<C>,
}

impl<'de, C: Catalog> Visitor<'de> for BodySeed<'_, '_, C> {
    type Value = Body<'de, C>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        cx.enter(1)?;
        let mut shape: Option<Shape<'de, C>> = None;
        let mut shape_at = 0;
        let mut extra = Members::new();
        let mut request: Option<Cow<'de, str>> = None;
        let mut error_seen_before_request = false;
        while let Some(k) = map.next_key::<Key<'de>>()? {
            if cx.strict && V2_ONLY.contains(&&*k) {
                return Err(cx.fail(ErrorKind::Shape, format!("`{}` is a v2 member", &*k)));
            }
            match (&*k, &shape) {
                ("errors", None) => {
                    shape = Some(map.next_value_seed(ErrorsSeed::<C> {
                        cx,
                        marker: PhantomC::default(),
                    })?);
                    shape_at = extra.len();
                }
                ("error", None) => {
                    let error = map.next_value_seed(StrSeed { what: "error" })?;
                    error_seen_before_request = request.is_none();
                    shape = Some(Shape::Legacy(Box::new(Legacy::new(error, None))));
                    shape_at = extra.len();
                }
                ("request", None | Some(Shape::Legacy(_))) if request.is_none() => {
                    request = Some(map.next_value_seed(StrSeed { what: "request" })?);
                }
                ("processing_info", None) => match map.next_value_seed(ProcessingSeed { cx })? {
                    Ok(media) => {
                        shape = Some(Shape::Media(Box::new(media)));
                        shape_at = extra.len();
                    }
                    Err(members) => extra.insert(
                        k.into_owned(),
                        Value::Object(
                            members
                                .iter()
                                .map(|(k, v)| (k.to_owned(), v.clone()))
                                .collect(),
                        ),
                    ),
                },
                ("disconnect", None) => {
                    shape = Some(Shape::Disconnect(Box::new(
                        map.next_value_seed(DisconnectSeed { cx })?,
                    )));
                    shape_at = extra.len();
                }
                _ => {
                    let raw = map.next_value::<&'de RawValue>()?;
                    let v = cx.value(raw, 1, &format_args!("`{}`", &*k))?;
                    extra.insert(k.into_owned(), v);
                }
            }
        }
        let mut shape = match shape {
            Some(s) => s,
            None if cx.strict || request.is_none() => {
                return Err(cx.fail(
                    ErrorKind::Shape,
                    "no `errors`, `error`, `processing_info.error` or `disconnect` member",
                ))
            }
            None => {
                return Err(cx.fail(ErrorKind::Shape, "`request` without `error`"));
            }
        };
        if let Shape::Legacy(l) = &mut shape {
            if let Some(r) = request.take() {
                l.request = Some(r);
                l.set_request_first(!error_seen_before_request);
            }
        }
        if let Some(r) = request {
            extra.insert("request", Value::String(r.into_owned()));
        }
        Ok(Body {
            shape,
            extra,
            layout: Hint(BodyLayout {
                shape_at,
                slashes: false,
            }),
        })
    }
}

impl<'de, C: Catalog> DeserializeSeed<'de> for BodySeed<'_, '_, C> {
    type Value = Body<'de, C>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

struct ErrorsSeed<'c, 'l, C> {
    cx: &'c Cx<'l>,
    marker: PhantomC<C>,
}

impl<'de, C: Catalog> DeserializeSeed<'de> for ErrorsSeed<'_, '_, C> {
    type Value = Shape<'de, C>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, C: Catalog> Visitor<'de> for ErrorsSeed<'_, '_, C> {
    type Value = Shape<'de, C>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`errors` as an array of error objects or a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Shape::Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Shape::Text(Cow::Owned(v.to_owned())))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        // `errors` as one object is a v2 form.
        let kind = if self.cx.strict {
            ErrorKind::Shape
        } else {
            ErrorKind::Type
        };
        Err(self.cx.fail(kind, "`errors` is an object, as in v2 bodies"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        cx.enter(2)?;
        let mut errors = Vec::new();
        loop {
            if errors.len() == cx.limits.max_errors {
                if seq.next_element::<IgnoredAny>()?.is_some() {
                    return Err(cx.fail(
                        ErrorKind::TooManyErrors,
                        format!("more than {} errors", cx.limits.max_errors),
                    ));
                }
                break;
            }
            let seed = ItemSeed::<C> {
                cx,
                index: errors.len(),
                marker: PhantomC::default(),
            };
            match seq.next_element_seed(seed)? {
                Some(e) => errors.push(e),
                None => break,
            }
        }
        Ok(Shape::Errors(errors))
    }
}

struct ItemSeed<'c, 'l, C> {
    cx: &'c Cx<'l>,
    index: usize,
    marker: PhantomC<C>,
}

impl<'de, C: Catalog> DeserializeSeed<'de> for ItemSeed<'_, '_, C> {
    type Value = V1Error<'de, C>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, C: Catalog> Visitor<'de> for ItemSeed<'_, '_, C> {
    type Value = V1Error<'de, C>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`errors[{}]` as an object", self.index)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        cx.enter(3)?;
        let mut code = None;
        let mut message = None;
        let mut extra = Members::new();
        let mut order = KeyOrder::MessageFirst;
        while let Some(k) = map.next_key::<Key<'de>>()? {
            match &*k {
                "code" if code.is_none() => {
                    code = Some(map.next_value_seed(CodeSeed)?);
                    if message.is_none() {
                        order = KeyOrder::CodeFirst;
                    }
                }
                "message" if message.is_none() => {
                    message = Some(map.next_value_seed(StrSeed { what: "message" })?);
                }
                _ => {
                    let raw = map.next_value::<&'de RawValue>()?;
                    let v = cx.value(raw, 3, &format_args!("`errors[{}].{}`", self.index, &*k))?;
                    extra.insert(k.into_owned(), v);
                }
            }
        }
        let (Some(code), Some(message)) = (code, message) else {
            let missing = if code.is_none() { "code" } else { "message" };
            return Err(cx.fail(
                ErrorKind::Shape,
                format!("`errors[{}]` has no `{missing}`", self.index),
            ));
        };
        Ok(V1Error {
            code: Code::from_code(code),
            message,
            extra,
            layout: Hint(order),
        })
    }
}

struct ProcessingSeed<'c, 'l> {
    cx: &'c Cx<'l>,
}

impl<'de> DeserializeSeed<'de> for ProcessingSeed<'_, '_> {
    type Value = Result<Media<'de>, Members>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ProcessingSeed<'_, '_> {
    type Value = Result<Media<'de>, Members>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`processing_info` as an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        cx.enter(2)?;
        let mut media: Option<Media<'de>> = None;
        let mut others = Members::new();
        while let Some(k) = map.next_key::<Key<'de>>()? {
            if &*k == "error" && media.is_none() {
                let mut m = map.next_value_seed(MediaErrorSeed { cx })?;
                m.layout = Hint(others.len());
                media = Some(m);
            } else {
                let raw = map.next_value::<&'de RawValue>()?;
                let v = cx.value(raw, 2, &format_args!("`processing_info.{}`", &*k))?;
                others.insert(k.into_owned(), v);
            }
        }
        Ok(match media {
            Some(mut m) => {
                m.processing_info = others;
                Ok(m)
            }
            None => Err(others),
        })
    }
}

struct MediaErrorSeed<'c, 'l> {
    cx: &'c Cx<'l>,
}

impl<'de> DeserializeSeed<'de> for MediaErrorSeed<'_, '_> {
    type Value = Media<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for MediaErrorSeed<'_, '_> {
    type Value = Media<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`processing_info.error` as an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        cx.enter(3)?;
        let mut m = Media::new(None, None, None);
        while let Some(k) = map.next_key::<Key<'de>>()? {
            match &*k {
                "code" if m.code.is_none() => {
                    m.code = Some(map.next_value_seed(IntSeed { what: "code" })?)
                }
                "name" if m.name.is_none() => {
                    m.name = Some(map.next_value_seed(StrSeed { what: "name" })?)
                }
                "message" if m.message.is_none() => {
                    m.message = Some(map.next_value_seed(StrSeed { what: "message" })?);
                }
                _ => {
                    let raw = map.next_value::<&'de RawValue>()?;
                    let v = cx.value(raw, 3, &format_args!("`processing_info.error.{}`", &*k))?;
                    m.extra.insert(k.into_owned(), v);
                }
            }
        }
        Ok(m)
    }
}

struct DisconnectSeed<'c, 'l> {
    cx: &'c Cx<'l>,
}

impl<'de> DeserializeSeed<'de> for DisconnectSeed<'_, '_> {
    type Value = Disconnect<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DisconnectSeed<'_, '_> {
    type Value = Disconnect<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`disconnect` as an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        cx.enter(2)?;
        let mut d = Disconnect {
            code: None,
            stream_name: None,
            reason: None,
            extra: Members::new(),
        };
        while let Some(k) = map.next_key::<Key<'de>>()? {
            match &*k {
                "code" if d.code.is_none() => {
                    d.code = Some(map.next_value_seed(IntSeed { what: "code" })?)
                }
                "stream_name" if d.stream_name.is_none() => {
                    d.stream_name = Some(map.next_value_seed(StrSeed {
                        what: "stream_name",
                    })?);
                }
                "reason" if d.reason.is_none() => {
                    d.reason = Some(map.next_value_seed(StrSeed { what: "reason" })?);
                }
                _ => {
                    let raw = map.next_value::<&'de RawValue>()?;
                    let v = cx.value(raw, 2, &format_args!("`disconnect.{}`", &*k))?;
                    d.extra.insert(k.into_owned(), v);
                }
            }
        }
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn enc(s: &str, esc: Escape) -> String {
        let mut out = Vec::new();
        write_str(&mut out, s, esc);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_escape_like_serde_json() {
        for s in [
            "plain",
            "q\"b\\s",
            "\u{0}\u{1f}\n\t\r\u{8}\u{c}\u{7f}",
            "é/\u{2028}",
        ] {
            assert_eq!(enc(s, Escape::plain()), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn extra_escapes() {
        let slashes = Escape {
            slashes: true,
            script: false,
        };
        let script = Escape {
            slashes: false,
            script: true,
        };
        assert_eq!(enc("a/b", slashes), r#""a\/b""#);
        assert_eq!(
            enc("</script> a/b \u{2028}\u{2029}", script),
            r#""<\/script> a/b \u2028\u2029""#
        );
    }

    #[test]
    fn integers() {
        for n in [0, 7, -7, i64::MAX, i64::MIN, 1_000_000] {
            let mut out = Vec::new();
            write_int(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }

    #[test]
    fn both_key_orders_round_trip() {
        for body in [
            r#"{"errors":[{"message":"Sorry, that page does not exist","code":34}]}"#,
            r#"{"errors":[{"code":34,"message":"Sorry, that page does not exist"}]}"#,
        ] {
            let b = decode(body.as_bytes()).unwrap();
            assert_eq!(
                b.v1_errors()[0].code,
                Code::Known(ErrorCode::PageDoesNotExist)
            );
            assert_eq!(String::from_utf8(b.encode()).unwrap(), body);
        }
    }

    #[test]
    fn escaped_slashes_are_kept() {
        let body = r#"{"errors":[{"message":"see https:\/\/dev.twitter.com","code":64}]}"#;
        let b = decode(body.as_bytes()).unwrap();
        assert_eq!(b.v1_errors()[0].message, "see https://dev.twitter.com");
        assert!(b.escapes_slashes());
        assert_eq!(String::from_utf8(b.encode()).unwrap(), body);
        // An escaped backslash before a slash is not an escaped slash.
        assert!(!has_escaped_slash(br#""a\\/b""#, false));
        assert!(has_escaped_slash(br#""<\/b""#, false));
        assert!(!has_escaped_slash(br#""<\/b""#, true));
    }

    #[test]
    fn wrong_types_are_typed_errors() {
        for body in [
            r#"{"errors":[{"message":"x","code":"34"}]}"#,
            r#"{"errors":[{"message":1,"code":34}]}"#,
            r#"{"errors":[{"message":"x","code":-1}]}"#,
            r#"{"errors":[{"message":"x","code":4294967296}]}"#,
            r#"{"errors":[5]}"#,
            r#"{"errors":5}"#,
        ] {
            let e = decode(body.as_bytes()).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Type, "{body}: {e}");
            assert!(e.line().is_some());
        }
    }
}
