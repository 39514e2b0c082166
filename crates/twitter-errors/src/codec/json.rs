//! v1.1 JSON bodies: `{"errors":[{"message":"...","code":34}]}`, and the
//! JSON reading and writing the other JSON formats share.
//!
//! Decoding accepts one or many errors, either key order, escaped slashes,
//! and the older shapes the API served:
//!
//! - `{"errors":"Status is a duplicate."}`: `errors` as a plain string;
//! - `{"request":"/1/...","error":"..."}` (pre-2012), in either order;
//! - a media upload's `processing_info.error`;
//! - a streaming `disconnect` notice.
//!
//! Encoding writes the compact form, every member in the place it came
//! and with the slash escaping the body had (or the 2012 documentation's
//! order, for values built in code), so a compact body encodes back to its
//! own bytes.
//!
//! ```
//! use twitter_errors::codec::json;
//! use twitter_errors::ErrorCode;
//!
//! let bytes = br#"{"errors":[{"code":88,"message":"Rate limit exceeded."}]}"#;
//! let body = json::decode(bytes).unwrap();
//! let e = &body.v1_errors()[0];
//! assert_eq!(e.code, ErrorCode::RateLimitExceeded);
//! assert_eq!(e.message, "Rate limit exceeded.");
//! assert_eq!(body.encode().unwrap(), bytes);
//! ```

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{DecodeError, EncodeError, ErrorKind, Limits};
use crate::__private::Key;
use crate::catalog::{Catalog, Format};
use crate::known::Code;
use crate::model::members;
use crate::model::{interleave, owned, CodeSent, Hint, Legacy, Members, Next, Placed, V1Error};

/// A decoded v1.1 JSON body: its shape, plus any top-level members the
/// shape does not use.
#[derive(Clone, Debug, PartialEq)]
pub struct Body<'a, C: Catalog = crate::Twitter> {
    /// What the body holds.
    pub shape: Shape<'a, C>,
    /// Top-level members that are not part of the shape, in order.
    pub extra: Members<'a>,
    layout: Hint<BodyLayout>,
}

#[derive(Clone, Copy, Debug, Default)]
struct BodyLayout {
    /// Where the shape's member came among the top-level members (for the
    /// legacy shape, [`Legacy`] records its two members' places).
    shape_at: usize,
    /// Whether strings wrote `/` as `\/`.
    slashes: bool,
}

/// The shapes of v1.1 JSON error bodies.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Shape<'a, C: Catalog = crate::Twitter> {
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

/// A failed media upload: the members of `processing_info`, and those of
/// its `error`.
#[derive(Clone, Debug, PartialEq)]
pub struct Media<'a> {
    /// The members of `processing_info.error` (`code`, `name`,
    /// `message`...), in order.
    pub error: Members<'a>,
    /// The other members of `processing_info` (`state`,
    /// `progress_percent`...), in order.
    pub processing_info: Members<'a>,
    /// Where `error` came among the members of `processing_info`.
    error_at: Hint<usize>,
}

impl<'a> Media<'a> {
    /// A processing error with these members of `error`.
    pub fn new(error: Members<'a>) -> Self {
        Media {
            error,
            processing_info: Members::new(),
            error_at: Hint(usize::MAX),
        }
    }

    /// `error.code`: the media service's own code, not a v1.1 code.
    pub fn code(&self) -> Option<i64> {
        self.error.get_i64("code")
    }

    /// `error.name`, such as `InvalidMedia`.
    pub fn name(&self) -> Option<Cow<'_, str>> {
        self.error.get_str("name")
    }

    /// `error.message`.
    pub fn message(&self) -> Option<Cow<'_, str>> {
        self.error.get_str("message")
    }

    /// Detaches the error from the input it borrows.
    pub fn into_owned(self) -> Media<'static> {
        Media {
            error: self.error.into_owned(),
            processing_info: self.processing_info.into_owned(),
            error_at: self.error_at,
        }
    }
}

/// A streaming disconnect notice:
/// `{"disconnect":{"code":3,"stream_name":"...","reason":"..."}}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Disconnect<'a> {
    /// The members of `disconnect`, in order.
    pub members: Members<'a>,
}

impl Disconnect<'_> {
    /// The streaming API's disconnect code (1 to 12), not a v1.1 code.
    pub fn code(&self) -> Option<i64> {
        self.members.get_i64("code")
    }

    /// `stream_name`.
    pub fn stream_name(&self) -> Option<Cow<'_, str>> {
        self.members.get_str("stream_name")
    }

    /// `reason`.
    pub fn reason(&self) -> Option<Cow<'_, str>> {
        self.members.get_str("reason")
    }

    /// Detaches the notice from the input it borrows.
    pub fn into_owned(self) -> Disconnect<'static> {
        Disconnect {
            members: self.members.into_owned(),
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
    pub fn message(&self) -> Option<Cow<'_, str>> {
        match &self.shape {
            Shape::Errors(e) => e.first().map(|e| Cow::Borrowed(&*e.message)),
            Shape::Text(t) => Some(Cow::Borrowed(t)),
            Shape::Legacy(l) => Some(Cow::Borrowed(&l.error)),
            Shape::Media(m) => m.message().or_else(|| m.name()),
            Shape::Disconnect(d) => d.reason(),
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

    encoders!(" as compact JSON");

    /// Encodes the body as compact JSON, appending to `out`. On an error,
    /// `out` is left as it was.
    pub fn encode_into(&self, out: &mut Vec<u8>, limits: &Limits) -> Result<(), EncodeError> {
        self.check(limits)?;
        let start = out.len();
        self.write(out, Escape::plain());
        super::check_size(out, start, limits)
    }

    /// Refuses a body that decoding would refuse at `limits`: too many
    /// errors, too many members, members nested too deeply.
    pub(crate) fn check(&self, limits: &Limits) -> Result<(), EncodeError> {
        let mut budget = Budget::new(limits);
        budget.container(1)?;
        budget.members(1 + self.extra.len())?;
        budget.values(&self.extra, 2)?;
        match &self.shape {
            Shape::Errors(errors) => {
                budget.container(2)?;
                budget.errors(errors.len())?;
                for e in errors {
                    budget.container(3)?;
                    budget.members(2 + e.extra.len())?;
                    budget.values(&e.extra, 4)?;
                }
            }
            Shape::Legacy(l) => budget.members(usize::from(l.request.is_some()))?,
            Shape::Media(m) => {
                budget.container(3)?;
                budget.members(1 + m.processing_info.len() + m.error.len())?;
                budget.values(&m.processing_info, 3)?;
                budget.values(&m.error, 4)?;
            }
            Shape::Disconnect(d) => {
                budget.container(2)?;
                budget.members(d.members.len())?;
                budget.values(&d.members, 3)?;
            }
            Shape::Text(_) => {}
        }
        Ok(())
    }

    /// About how long the encoding is, so that it is written without
    /// growing the buffer.
    fn size_hint(&self) -> usize {
        let shape = match &self.shape {
            Shape::Errors(e) => e
                .iter()
                .map(|e| e.message.len() + 36 + raw_len(&e.extra))
                .sum(),
            Shape::Text(t) => t.len(),
            Shape::Legacy(l) => l.error.len() + l.request.as_ref().map_or(0, |r| r.len()) + 32,
            Shape::Media(m) => raw_len(&m.error) + raw_len(&m.processing_info) + 32,
            Shape::Disconnect(d) => raw_len(&d.members) + 16,
        };
        16 + shape + raw_len(&self.extra)
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>, esc: Escape) {
        let esc = Escape {
            slashes: esc.slashes || self.layout.0.slashes,
            ..esc
        };
        let mut w = Writer::new(out, esc);
        w.open(b'{');
        let extra = self.extra.len();
        if extra == 0 && !matches!(&self.shape, Shape::Legacy(l) if l.request.is_some()) {
            self.write_shape(&mut w, 0);
            w.close(b'}');
            return;
        }
        let mut members = self.extra.iter();
        let mut next = |w: &mut Writer<'_>, n: Next| match n {
            Next::Extra(_) => {
                if let Some((k, v)) = members.next() {
                    w.member(k, v.get());
                }
            }
            Next::Typed(id) => self.write_shape(w, id),
        };
        match &self.shape {
            Shape::Legacy(l) if l.request.is_some() => {
                let p = l.layout.0;
                interleave([(p.error, 0), (p.request, 1)], extra).for_each(|n| next(&mut w, n));
            }
            Shape::Legacy(l) => {
                interleave([(l.layout.0.error, 0)], extra).for_each(|n| next(&mut w, n));
            }
            _ => interleave([(self.layout.0.shape_at, 0)], extra).for_each(|n| next(&mut w, n)),
        }
        w.out.push(b'}');
    }

    /// Writes the shape's member `id` (for the legacy shape, 0 is `error`
    /// and 1 `request`).
    fn write_shape(&self, w: &mut Writer<'_>, id: u8) {
        match &self.shape {
            Shape::Errors(errors) => {
                w.lit(b"\"errors\"");
                w.out.push(b'[');
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        w.out.push(b',');
                    }
                    w.v1_error(e);
                }
                w.out.push(b']');
            }
            Shape::Text(t) => {
                w.lit(b"\"errors\"");
                w.str(t);
            }
            Shape::Legacy(l) => match (id, &l.request) {
                (1, Some(r)) => {
                    w.lit(b"\"request\"");
                    w.str(r);
                }
                _ => {
                    w.lit(b"\"error\"");
                    w.str(&l.error);
                }
            },
            Shape::Media(m) => {
                w.lit(b"\"processing_info\"");
                w.open(b'{');
                let mut members = m.processing_info.iter();
                for n in interleave([(m.error_at.0, 0)], m.processing_info.len()) {
                    match n {
                        Next::Typed(_) => {
                            w.lit(b"\"error\"");
                            w.object(&m.error);
                        }
                        Next::Extra(_) => {
                            if let Some((k, v)) = members.next() {
                                w.member(k, v.get());
                            }
                        }
                    }
                }
                w.close(b'}');
            }
            Shape::Disconnect(d) => {
                w.lit(b"\"disconnect\"");
                w.object(&d.members);
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
            extra: self.extra.into_owned(),
            layout: self.layout,
        }
    }
}

impl<'a, C: Catalog> From<Vec<V1Error<'a, C>>> for Body<'a, C> {
    fn from(errors: Vec<V1Error<'a, C>>) -> Self {
        Body::new(Shape::Errors(errors))
    }
}

/// The length of the members' JSON texts and names, with room for quotes.
fn raw_len(members: &Members<'_>) -> usize {
    members
        .iter()
        .map(|(k, v)| k.len() + v.get().len() + 4)
        .sum()
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

/// Appends JSON text to `out`, adding the escapes `esc` asks for. The text
/// is valid JSON, so `/`, U+2028 and U+2029 only occur inside strings,
/// where their escaped forms mean the same.
fn escaped(out: &mut Vec<u8>, text: &[u8], esc: Escape) {
    if !esc.any() {
        out.extend_from_slice(text);
        return;
    }
    let (mut start, mut i) = (0, 0);
    while i < text.len() {
        let rep: &[u8] = match text[i] {
            // An escape is copied as it is: `\/` stays one slash.
            b'\\' => {
                i += 2;
                continue;
            }
            b'/' if esc.slashes || (esc.script && i > 0 && text[i - 1] == b'<') => b"\\/",
            0xE2 if esc.script && text.get(i + 1) == Some(&0x80) => match text.get(i + 2) {
                Some(0xA8) => b"\\u2028",
                Some(0xA9) => b"\\u2029",
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&text[start..i]);
        out.extend_from_slice(rep);
        i += if rep.len() == 2 { 1 } else { 3 };
        start = i;
    }
    out.extend_from_slice(&text[start.min(text.len())..]);
}

/// Writes members and values as compact JSON.
pub(crate) struct Writer<'o> {
    pub(crate) out: &'o mut Vec<u8>,
    esc: Escape,
    /// Whether the next member is the first of its object.
    first: bool,
}

impl<'o> Writer<'o> {
    pub(crate) fn new(out: &'o mut Vec<u8>, esc: Escape) -> Self {
        Writer {
            out,
            esc,
            first: true,
        }
    }

    /// A JSON string holding `s`, escaped as serde_json escapes it.
    pub(crate) fn str(&mut self, s: &str) {
        if self.esc.any() {
            let mut plain = Vec::with_capacity(s.len() + 2);
            serialize(&mut plain, s);
            escaped(self.out, &plain, self.esc);
        } else {
            serialize(self.out, s);
        }
    }

    /// JSON text, as it is.
    pub(crate) fn raw(&mut self, json: &str) {
        escaped(self.out, json.as_bytes(), self.esc);
    }

    /// `,"name":` (no comma before an object's first member).
    pub(crate) fn key(&mut self, name: &str) {
        if !std::mem::take(&mut self.first) {
            self.out.push(b',');
        }
        self.str(name);
        self.out.push(b':');
    }

    /// `,"name":` for a name known to need no escape, written as it is.
    pub(crate) fn lit(&mut self, quoted: &[u8]) {
        if !std::mem::take(&mut self.first) {
            self.out.push(b',');
        }
        self.out.extend_from_slice(quoted);
        self.out.push(b':');
    }

    /// `,"name":value`.
    pub(crate) fn member(&mut self, name: &str, json: &str) {
        self.key(name);
        self.raw(json);
    }

    /// Starts an object or array: its first member needs no comma.
    pub(crate) fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.first = true;
    }

    /// `{...}` of these members.
    pub(crate) fn object(&mut self, members: &Members<'_>) {
        self.open(b'{');
        for (k, v) in members.iter() {
            self.member(k, v.get());
        }
        self.close(b'}');
    }

    /// Ends an object or array: the enclosing one's next member is not its
    /// first.
    pub(crate) fn close(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.first = false;
    }

    /// An item's `code` as it came: a number or a string.
    fn code<C: Catalog>(&mut self, e: &V1Error<'_, C>) {
        self.lit(b"\"code\"");
        match &e.code_sent {
            CodeSent::Text(t) => self.str(t),
            _ => serialize(self.out, &e.code.code()),
        }
    }

    fn v1_error<C: Catalog>(&mut self, e: &V1Error<'_, C>) {
        self.open(b'{');
        let p = e.layout.0;
        if e.code_sent != CodeSent::Number {
            // A code kept as a string, or none at all (an inferred code is
            // never written).
            let written = !e.is_inferred();
            let mut extra = e.extra.iter();
            let typed = [
                (p.message, 1),
                (if written { p.code } else { usize::MAX }, 0),
            ];
            let order: Vec<Next> = if written {
                interleave(typed, e.extra.len()).collect()
            } else {
                interleave([typed[0]], e.extra.len()).collect()
            };
            for n in order {
                match n {
                    Next::Typed(0) => self.code(e),
                    Next::Typed(_) => {
                        self.lit(b"\"message\"");
                        self.str(&e.message);
                    }
                    Next::Extra(_) => {
                        if let Some((k, v)) = extra.next() {
                            self.member(k, v.get());
                        }
                    }
                }
            }
            self.close(b'}');
            return;
        }
        if e.extra.is_empty() {
            // The usual item: two members, no places to work out.
            let (code, message) = (e.code.code(), &*e.message);
            if p.code < p.message {
                self.lit(b"\"code\"");
                serialize(self.out, &code);
                self.lit(b"\"message\"");
                self.str(message);
            } else {
                self.lit(b"\"message\"");
                self.str(message);
                self.lit(b"\"code\"");
                serialize(self.out, &code);
            }
            self.close(b'}');
            return;
        }
        let mut extra = e.extra.iter();
        for n in interleave([(p.code, 0), (p.message, 1)], e.extra.len()) {
            match n {
                Next::Typed(0) => {
                    self.lit(b"\"code\"");
                    serialize(self.out, &e.code.code());
                }
                Next::Typed(_) => {
                    self.lit(b"\"message\"");
                    self.str(&e.message);
                }
                Next::Extra(_) => {
                    if let Some((k, v)) = extra.next() {
                        self.member(k, v.get());
                    }
                }
            }
        }
        self.close(b'}');
    }
}

/// Writes a string or an integer with serde_json, which cannot fail for
/// either into a `Vec`.
pub(crate) fn serialize<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    if serde_json::to_writer(out, value).is_err() {
        debug_assert!(false, "serializing a string or an integer failed");
    }
}

/// Counts what encoding a body writes against the limits decoding applies
/// to it, as decoding counts it.
pub(crate) struct Budget {
    limits: Limits,
    members: usize,
}

impl Budget {
    pub(crate) fn new(limits: &Limits) -> Self {
        Budget {
            limits: limits.clamped(),
            members: 0,
        }
    }

    /// `n` error items.
    pub(crate) fn errors(&self, n: usize) -> Result<(), EncodeError> {
        if n > self.limits.max_errors {
            return Err(EncodeError::new(
                ErrorKind::TooManyErrors,
                format!("{n} errors, limit {}", self.limits.max_errors),
            ));
        }
        Ok(())
    }

    /// `n` more members.
    pub(crate) fn members(&mut self, n: usize) -> Result<(), EncodeError> {
        self.members = self.members.saturating_add(n);
        if self.members > self.limits.max_members {
            return Err(EncodeError::new(
                ErrorKind::TooManyMembers,
                format!("more than {} members", self.limits.max_members),
            ));
        }
        Ok(())
    }

    /// An object, array or element at `depth`.
    pub(crate) fn container(&self, depth: usize) -> Result<(), EncodeError> {
        if depth > self.limits.max_depth {
            return Err(EncodeError::new(
                ErrorKind::TooDeep,
                format!("nested deeper than {}", self.limits.max_depth),
            ));
        }
        Ok(())
    }

    /// The members of an object at `depth - 1`, their values at `depth`.
    pub(crate) fn values(&self, members: &Members<'_>, depth: usize) -> Result<(), EncodeError> {
        for (k, v) in members.iter() {
            if !fits_depth(v, room(self.limits.max_depth, depth)) {
                return Err(EncodeError::new(
                    ErrorKind::TooDeep,
                    format!("`{k}` nests deeper than {}", self.limits.max_depth),
                ));
            }
        }
        Ok(())
    }
}

/// How many arrays and objects deep a value sitting at `depth` may nest
/// under `max_depth` (the outermost container counting as 1).
fn room(max_depth: usize, depth: usize) -> usize {
    (max_depth + 1).saturating_sub(depth)
}

// ---------------------------------------------------------------------------
// Reading JSON.
//
// Every JSON format is read the same way: serde_json's `Deserializer`
// drives the visitors below, and every member the model does not type is
// captured as a borrowed `&RawValue`, its exact text.

decoders!(Format::Json, "a v1.1 JSON body", Body, |b, l| decode_bytes(
    b, l, false
));

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
    let text = super::utf8(bytes)?;
    let cx = Cx::new(limits, strict, text);
    let mut body = read(
        text,
        &cx,
        Any(BodySeed::<C> {
            cx: &cx,
            marker: PhantomC::default(),
        }),
    )?;
    if has_escaped_slash(bytes, script) {
        body.layout.0.slashes = true;
    }
    Ok(body)
}

/// Reads one JSON value from `text` with `seed`, refusing trailing text,
/// and turns serde's error into a [`DecodeError`]. The text is a `str`, so
/// serde_json does not check the UTF-8 of each string again.
pub(crate) fn read<'a, S: DeserializeSeed<'a>>(
    text: &'a str,
    cx: &Cx<'_>,
    seed: S,
) -> Result<S::Value, DecodeError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let result = seed.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    result.map_err(|e| DecodeError::from_json(&e, cx.side.take(), text.as_bytes()))
}

/// The members of the JSON object `text`, for building values in code.
pub(crate) fn object_members(text: &str) -> Result<Members<'_>, serde_json::Error> {
    let cx = Cx::new(&Limits::DEFAULT, false, text);
    let mut de = serde_json::Deserializer::from_str(text);
    let members = Any(MembersSeed { cx: &cx, depth: 1 }).deserialize(&mut de)?;
    de.end()?;
    Ok(members)
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

pub(crate) type PhantomC<C> = core::marker::PhantomData<fn() -> C>;

/// A visitor as a seed: serde_json looks at the next value and calls the
/// visitor's method for it (a visitor without that method refuses the
/// value as of the wrong type).
pub(crate) struct Any<V>(pub(crate) V);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for Any<V> {
    type Value = V::Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_any(self.0)
    }
}

/// Shared decoding state: limits, the members read so far, and the typed
/// error a visitor reported (serde's error type can only carry a string).
pub(crate) struct Cx<'l> {
    pub(crate) limits: &'l Limits,
    pub(crate) strict: bool,
    pub(crate) side: Cell<Option<DecodeError>>,
    members: Cell<usize>,
    /// Whether the body has a `\u` escape anywhere: only then can a
    /// captured value hold a lone surrogate.
    escapes: bool,
}

impl<'l> Cx<'l> {
    pub(crate) fn new(limits: &'l Limits, strict: bool, text: &str) -> Self {
        Cx {
            limits,
            strict,
            side: Cell::new(None),
            members: Cell::new(0),
            escapes: has_u_escape(text.as_bytes()),
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

    /// Counts one more member against [`Limits::max_members`].
    pub(crate) fn member<E: de::Error>(&self) -> Result<(), E> {
        let n = self.members.get() + 1;
        self.members.set(n);
        if n > self.limits.max_members {
            return Err(self.fail(
                ErrorKind::TooManyMembers,
                format!("more than {} members", self.limits.max_members),
            ));
        }
        Ok(())
    }

    /// Refuses a raw value that would nest deeper than the limit, when it
    /// sits at `depth`.
    pub(crate) fn check_depth<E: de::Error>(
        &self,
        raw: &RawValue,
        depth: usize,
        path: &dyn fmt::Display,
    ) -> Result<(), E> {
        match check_raw(raw, room(self.limits.max_depth, depth), self.escapes) {
            Ok(()) => Ok(()),
            Err(RawProblem::TooDeep) => Err(self.fail(
                ErrorKind::TooDeep,
                format!("{path} nests deeper than {}", self.limits.max_depth),
            )),
            Err(RawProblem::Surrogate) => Err(self.fail(
                ErrorKind::Syntax,
                format!("{path}: lone surrogate in a \\u escape"),
            )),
        }
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

    /// A member's raw value, counted and checked, when it sits at `depth`.
    pub(crate) fn raw<'de, A: MapAccess<'de>>(
        &self,
        map: &mut A,
        depth: usize,
        path: &dyn fmt::Display,
    ) -> Result<&'de RawValue, A::Error> {
        self.member()?;
        let raw = map.next_value::<&'de RawValue>()?;
        self.check_depth(raw, depth, path)?;
        Ok(raw)
    }
}

/// What is wrong with a captured value.
pub(crate) enum RawProblem {
    /// It nests deeper than its room.
    TooDeep,
    /// A string in it escapes a lone surrogate (`"\ud800"`), which no
    /// Rust string can hold.
    Surrogate,
}

/// Checks a captured value: that it nests at most `room` arrays and
/// objects deep, and, when the body has `\u` escapes (`escapes`), that its
/// strings' escapes make text.
///
/// serde_json has checked the value's grammar while capturing it, but a
/// `RawValue` capture neither counts depth nor decodes strings, and
/// serde_json's walk of a value (`deserialize_any`) refuses numbers such
/// as `1e400` that this crate keeps. So the two checks are made here, on
/// text already known to be JSON: a count of brackets outside strings, and
/// a look at each `\u` escape. A value too short to nest past its room and
/// without a `\u` needs neither.
pub(crate) fn check_raw(raw: &RawValue, room: usize, escapes: bool) -> Result<(), RawProblem> {
    let text = raw.get().as_bytes();
    let deep = text.len() / 2 > room && text.starts_with(b"[") | text.starts_with(b"{");
    let escapes = escapes && has_u_escape(text);
    if !deep && !escapes {
        return Ok(());
    }
    let (mut depth, mut i, mut in_string) = (0usize, 0, false);
    while i < text.len() {
        match (text[i], in_string) {
            (b'"', _) => in_string = !in_string,
            (b'\\', true) => {
                if text.get(i + 1) == Some(&b'u') {
                    let unit = hex4(text, i + 2);
                    if (0xDC00..0xE000).contains(&unit) {
                        return Err(RawProblem::Surrogate);
                    }
                    if (0xD800..0xDC00).contains(&unit) {
                        let low = (text.get(i + 6..i + 8) == Some(b"\\u"))
                            .then(|| hex4(text, i + 8))
                            .filter(|u| (0xDC00..0xE000).contains(u));
                        if low.is_none() {
                            return Err(RawProblem::Surrogate);
                        }
                        i += 6;
                    }
                    i += 4;
                }
                i += 1;
            }
            (b'[' | b'{', false) => {
                depth += 1;
                if depth > room {
                    return Err(RawProblem::TooDeep);
                }
            }
            (b']' | b'}', false) => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Whether JSON text has a `\u` escape (or a `\\` followed by `u`, which
/// costs a needless check at worst).
fn has_u_escape(text: &[u8]) -> bool {
    memchr::memchr_iter(b'\\', text).any(|i| text.get(i + 1) == Some(&b'u'))
}

/// The four hex digits at `at` (valid: serde_json checked them).
fn hex4(text: &[u8], at: usize) -> u32 {
    text.get(at..at + 4)
        .and_then(|h| std::str::from_utf8(h).ok())
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .unwrap_or(0)
}

/// Whether a JSON value nests at most `room` arrays and objects deep.
fn fits_depth(raw: &RawValue, room: usize) -> bool {
    check_raw(raw, room, false).is_ok()
}

/// A string member, borrowed when it has no escapes.
pub(crate) struct StrSeed {
    pub(crate) what: &'static str,
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
}

/// An item's `code`: an integer from 0 to 2^32 - 1, or a string kept as
/// sent.
struct CodeSeed;

enum CodeValue<'de> {
    Number(u32),
    Text(Cow<'de, str>),
}

impl<'de> Visitor<'de> for CodeSeed {
    type Value = CodeValue<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`code` as a non-negative integer or a string")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        u32::try_from(v)
            .map(CodeValue::Number)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        u32::try_from(v)
            .map(CodeValue::Number)
            .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(CodeValue::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(CodeValue::Text(Cow::Owned(v.to_owned())))
    }
}

/// An object read into [`Members`], each value kept as its text; the object
/// sits at `depth`.
pub(crate) struct MembersSeed<'c, 'l> {
    pub(crate) cx: &'c Cx<'l>,
    pub(crate) depth: usize,
}

impl<'de> Visitor<'de> for MembersSeed<'_, '_> {
    type Value = Members<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        self.cx.enter(self.depth)?;
        let mut members = Members::with_capacity(8);
        while let Some(Key(k)) = map.next_key()? {
            let raw = self
                .cx
                .raw(&mut map, self.depth + 1, &format_args!("`{k}`"))?;
            members.push(k, Cow::Borrowed(raw));
        }
        Ok(members)
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
        // The first `request`: its place among all members, and in `extra`.
        let mut request: Option<(usize, usize)> = None;
        let mut at = 0;
        while let Some(Key(k)) = map.next_key()? {
            if cx.strict && V2_ONLY.contains(&&*k) {
                return Err(cx.fail(ErrorKind::Shape, format!("`{k}` is a v2 member")));
            }
            cx.member()?;
            let mut raw = None;
            match (&*k, &shape) {
                ("errors", None) => {
                    shape = Some(map.next_value_seed(Any(ErrorsSeed::<C> {
                        cx,
                        marker: PhantomC::default(),
                    }))?);
                    shape_at = at;
                }
                ("error", None) => {
                    let error = map.next_value_seed(Any(StrSeed { what: "error" }))?;
                    let mut legacy = Legacy::new(error, None);
                    legacy.layout.0.error = at;
                    shape = Some(Shape::Legacy(Box::new(legacy)));
                }
                ("processing_info", None) => {
                    let v = map.next_value::<&'de RawValue>()?;
                    match media(cx, v) {
                        Ok(Some(m)) => {
                            shape = Some(Shape::Media(Box::new(m)));
                            shape_at = at;
                        }
                        Ok(None) => raw = Some(v),
                        Err(e) => return Err(cx.fail(e.kind(), e.detail())),
                    }
                }
                ("disconnect", None) => {
                    let v = map.next_value::<&'de RawValue>()?;
                    if !cx.strict && !v.get().starts_with('{') {
                        return Err(cx.fail(ErrorKind::Type, "`disconnect` must be an object"));
                    }
                    if v.get().starts_with('{') {
                        let members = read(v.get(), cx, Any(MembersSeed { cx, depth: 2 }))
                            .map_err(|e| cx.fail::<A::Error>(e.kind(), e.detail()))?;
                        shape = Some(Shape::Disconnect(Box::new(Disconnect { members })));
                        shape_at = at;
                    } else {
                        raw = Some(v);
                    }
                }
                _ => {
                    if &*k == "request" && request.is_none() {
                        request = Some((at, extra.len()));
                    }
                    raw = Some(map.next_value::<&'de RawValue>()?);
                }
            }
            if let Some(raw) = raw {
                cx.check_depth(raw, 2, &format_args!("`{k}`"))?;
                extra.push(k, Cow::Borrowed(raw));
            }
            at += 1;
        }
        let mut shape = match shape {
            Some(s) => s,
            None => {
                let why = if !cx.strict && request.is_some() {
                    "`request` without `error`"
                } else {
                    "no `errors`, `error`, `processing_info.error` or `disconnect` member"
                };
                return Err(cx.fail(ErrorKind::Shape, why));
            }
        };
        if let (Shape::Legacy(l), Some((at, index))) = (&mut shape, request) {
            if extra
                .value_at(index)
                .is_some_and(|v| v.get().starts_with('"'))
            {
                if let (_, Cow::Borrowed(v)) = extra.remove_at(index) {
                    l.request = members::as_str(v);
                    l.layout.0.request = at;
                }
            }
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

/// `processing_info`, when it is an object with an `error` object (`None`
/// when it is not: it is then an ordinary member).
fn media<'de>(cx: &Cx<'_>, v: &'de RawValue) -> Result<Option<Media<'de>>, DecodeError> {
    if !v.get().starts_with('{') {
        return Ok(None);
    }
    let mut processing_info = read(v.get(), cx, Any(MembersSeed { cx, depth: 2 }))?;
    let Some(index) = processing_info
        .iter()
        .position(|(k, v)| k == "error" && v.get().starts_with('{'))
    else {
        return Ok(None);
    };
    let Cow::Borrowed(error) = processing_info.remove_at(index).1 else {
        return Ok(None);
    };
    let error = read(error.get(), cx, Any(MembersSeed { cx, depth: 3 }))?;
    Ok(Some(Media {
        error,
        processing_info,
        error_at: Hint(index),
    }))
}

struct ErrorsSeed<'c, 'l, C> {
    cx: &'c Cx<'l>,
    marker: PhantomC<C>,
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
            match seq.next_element_seed(Any(seed))? {
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
        let mut placed = Placed::default();
        let mut at = 0;
        while let Some(Key(k)) = map.next_key()? {
            match &*k {
                "code" if code.is_none() => {
                    cx.member()?;
                    code = Some(map.next_value_seed(Any(CodeSeed))?);
                    placed.code = at;
                }
                "message" if message.is_none() => {
                    cx.member()?;
                    message = Some(map.next_value_seed(Any(StrSeed { what: "message" }))?);
                    placed.message = at;
                }
                _ => {
                    let raw = cx.raw(&mut map, 4, &format_args!("`errors[{}].{k}`", self.index))?;
                    extra.push(k, Cow::Borrowed(raw));
                }
            }
            at += 1;
        }
        let Some(message) = message else {
            return Err(cx.fail(
                ErrorKind::Shape,
                format!("`errors[{}]` has no `message`", self.index),
            ));
        };
        let (code, code_sent) = match code {
            Some(CodeValue::Number(n)) => (Code::from_code(n), CodeSent::Number),
            Some(CodeValue::Text(t)) => {
                let n = t.trim().parse::<u32>().unwrap_or(0);
                (Code::unknown(n), CodeSent::Text(t))
            }
            // No code: the message must name one, or the item is not a
            // v1.1 error (v2 parameter errors carry only `message`).
            None => match crate::text::match_message::<C::Code>(&message, None).first() {
                Some(m) => (Code::from(m.code), CodeSent::Inferred),
                None => {
                    return Err(cx.fail(
                        ErrorKind::Shape,
                        format!(
                            "`errors[{}]` has no `code`, and its message names none",
                            self.index
                        ),
                    ))
                }
            },
        };
        Ok(V1Error {
            code,
            code_sent,
            message,
            extra,
            layout: Hint(placed),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn enc(s: &str, esc: Escape) -> String {
        let mut out = Vec::new();
        Writer::new(&mut out, esc).str(s);
        String::from_utf8(out).unwrap()
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
        assert_eq!(enc("a\\/b", slashes), r#""a\\\/b""#);
        assert_eq!(
            enc("</script> a/b \u{2028}\u{2029}", script),
            r#""<\/script> a/b \u2028\u2029""#
        );
        let mut out = Vec::new();
        escaped(&mut out, br#"{"a":"<\/b","c":"</d"}"#, script);
        assert_eq!(out, br#"{"a":"<\/b","c":"<\/d"}"#);
    }

    #[test]
    fn both_key_orders_round_trip() {
        for body in [
            r#"{"errors":[{"message":"Sorry, that page does not exist","code":34}]}"#,
            r#"{"errors":[{"code":34,"message":"Sorry, that page does not exist"}]}"#,
            r#"{"errors":[{"label":"x","code":34,"n":1e400,"message":"m","code":35}]}"#,
        ] {
            let b = decode(body.as_bytes()).unwrap();
            assert_eq!(b.v1_errors()[0].code, ErrorCode::PageDoesNotExist);
            assert_eq!(String::from_utf8(b.encode().unwrap()).unwrap(), body);
        }
    }

    #[test]
    fn repeated_members_stay_in_place() {
        let body = r#"{"request":"/a","errors":[{"message":"m","code":1}],"request":"/b"}"#;
        let b = decode(body.as_bytes()).unwrap();
        assert_eq!(b.extra.get_all("request").count(), 2);
        assert_eq!(b.extra.get_str("request").as_deref(), Some("/a"));
        assert_eq!(String::from_utf8(b.encode().unwrap()).unwrap(), body);
        for body in [
            r#"{"request":"/1/x.json","error":"Not found"}"#,
            r#"{"error":"Not found","request":"/1/x.json"}"#,
            r#"{"a":1,"request":"/1/x.json","b":2,"error":"Not found","c":3,"request":"r"}"#,
            r#"{"a":1,"error":"Not found","b":2,"request":"/1/x.json","c":3}"#,
        ] {
            let b = decode(body.as_bytes()).unwrap();
            assert!(matches!(b.shape, Shape::Legacy(_)), "{body}");
            assert_eq!(String::from_utf8(b.encode().unwrap()).unwrap(), body);
        }
    }

    #[test]
    fn escaped_slashes_are_kept() {
        let body = r#"{"errors":[{"message":"see https:\/\/dev.twitter.com","code":64}]}"#;
        let b = decode(body.as_bytes()).unwrap();
        assert_eq!(b.v1_errors()[0].message, "see https://dev.twitter.com");
        assert!(b.escapes_slashes());
        assert_eq!(String::from_utf8(b.encode().unwrap()).unwrap(), body);
        // An escaped backslash before a slash is not an escaped slash.
        assert!(!has_escaped_slash(br#""a\\/b""#, false));
        assert!(has_escaped_slash(br#""<\/b""#, false));
        assert!(!has_escaped_slash(br#""<\/b""#, true));
    }

    #[test]
    fn wrong_types_are_typed_errors() {
        for body in [
            r#"{"errors":[{"message":"x","code":null}]}"#,
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

    #[test]
    fn depth_walk_counts_only_containers() {
        let raw = |s: &str| RawValue::from_string(s.to_owned()).unwrap();
        // The object, `b`'s array and the one inside it: 3 deep.
        let text = r#"{"a":"[[[[[[[[[[\"[","b":[1,[2]]}"#;
        assert!(fits_depth(&raw(text), 3));
        assert!(!fits_depth(&raw(text), 2));
        assert!(fits_depth(&raw("[[[[]]]]"), 4));
        assert!(!fits_depth(&raw("[[[[]]]]"), 3));
        assert!(fits_depth(&raw("\"[[[[\""), 0));
        assert!(matches!(
            check_raw(&raw(r#"["\ud800"]"#), 9, true),
            Err(RawProblem::Surrogate)
        ));
        assert!(matches!(
            check_raw(&raw(r#"["\udc00\ud800"]"#), 9, true),
            Err(RawProblem::Surrogate)
        ));
        assert!(check_raw(&raw(r#"["\ud83d\ude00 \u00e9", 1e400]"#), 9, true).is_ok());
    }
}
