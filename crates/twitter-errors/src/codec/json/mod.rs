//! v1.1 JSON bodies: `{"errors":[{"message":"...","code":34}]}`, and their
//! script form, [`jsonp`]. The JSON reading and writing every JSON format
//! shares is in `codec::read` and `codec::write`.
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

pub mod jsonp;

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::read::{has_escaped_slash, read, Any, Cx, MembersSeed, PhantomC, StrSeed};
use super::write::{serialize, Budget, Escape, Writer};
use super::{Bounds, DecodeError, EncodeError, ErrorKind};
use crate::__private::Key;
use crate::catalog::{Catalog, Format};
use crate::known::Code;
use crate::model::members;
use crate::model::{interleave, owned, CodeSent, Hint, Legacy, Members, Next, Placed, V1Error};

/// A decoded v1.1 JSON body: its shape, plus any top-level members the
/// shape does not use.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonBody<'a, C: Catalog = crate::Twitter> {
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
    Disconnect(Box<DisconnectNotice<'a>>),
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
pub struct DisconnectNotice<'a> {
    /// The members of `disconnect`, in order.
    pub members: Members<'a>,
}

impl DisconnectNotice<'_> {
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
    pub fn into_owned(self) -> DisconnectNotice<'static> {
        DisconnectNotice {
            members: self.members.into_owned(),
        }
    }
}

impl<'a, C: Catalog> JsonBody<'a, C> {
    /// A body of this shape.
    pub fn new(shape: Shape<'a, C>) -> Self {
        JsonBody {
            shape,
            extra: Members::new(),
            layout: Hint::default(),
        }
    }

    /// `{"errors":[...]}` with the catalog's message for each code.
    pub fn from_codes(codes: impl IntoIterator<Item = C::Code>) -> Self {
        JsonBody::new(Shape::Errors(
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
    pub fn encode_into(&self, out: &mut Vec<u8>, limits: &Bounds) -> Result<(), EncodeError> {
        self.check(limits)?;
        let start = out.len();
        self.write(out, Escape::plain());
        super::check_size(out, start, limits)
    }

    /// Refuses a body that decoding would refuse at `limits`: too many
    /// errors, too many members, members nested too deeply.
    pub(crate) fn check(&self, limits: &Bounds) -> Result<(), EncodeError> {
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
                    // `message`, and `code` unless it was inferred (never
                    // written).
                    budget.members(1 + usize::from(!e.is_inferred()) + e.extra.len())?;
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
    pub fn into_owned(self) -> JsonBody<'static, C> {
        let shape = match self.shape {
            Shape::Errors(e) => Shape::Errors(e.into_iter().map(V1Error::into_owned).collect()),
            Shape::Text(t) => Shape::Text(owned(t)),
            Shape::Legacy(l) => Shape::Legacy(Box::new(l.into_owned())),
            Shape::Media(m) => Shape::Media(Box::new(m.into_owned())),
            Shape::Disconnect(d) => Shape::Disconnect(Box::new(d.into_owned())),
        };
        JsonBody {
            shape,
            extra: self.extra.into_owned(),
            layout: self.layout,
        }
    }
}

impl<'a, C: Catalog> From<Vec<V1Error<'a, C>>> for JsonBody<'a, C> {
    fn from(errors: Vec<V1Error<'a, C>>) -> Self {
        JsonBody::new(Shape::Errors(errors))
    }
}

/// Writing a v1.1 error item.
impl Writer<'_> {
    /// An item's `code` as it came: a number or a string.
    pub(crate) fn code<C: Catalog>(&mut self, e: &V1Error<'_, C>) {
        self.lit(b"\"code\"");
        match &e.code_sent {
            CodeSent::Text(t) => self.str(t),
            _ => serialize(self.out, &e.code.code()),
        }
    }

    pub(crate) fn v1_error<C: Catalog>(&mut self, e: &V1Error<'_, C>) {
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

/// The length of the members' JSON texts and names, with room for quotes.
fn raw_len(members: &Members<'_>) -> usize {
    members
        .iter()
        .map(|(k, v)| k.len() + v.get().len() + 4)
        .sum()
}

decoders!(Format::Json, "a v1.1 JSON body", JsonBody, |b, l| {
    decode_bytes(b, l, false)
});

/// Decodes; with `strict`, refuses members that only v2 bodies have (so
/// that automatic detection can try v2 next).
pub(crate) fn decode_bytes<'a, C: Catalog>(
    bytes: &'a [u8],
    limits: &Bounds,
    strict: bool,
) -> Result<JsonBody<'a, C>, DecodeError> {
    decode_in(bytes, limits, strict, false)
}

/// Decodes; `script` says the text sits inside JSONP.
pub(crate) fn decode_in<'a, C: Catalog>(
    bytes: &'a [u8],
    limits: &Bounds,
    strict: bool,
    script: bool,
) -> Result<JsonBody<'a, C>, DecodeError> {
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

/// Top-level members that only v2 bodies have.
const V2_ONLY: &[&str] = &[
    "type", "title", "detail", "status", "data", "includes", "meta",
];

struct BodySeed<'c, 'l, C> {
    cx: &'c Cx<'l>,
    marker: PhantomC<C>,
}

impl<'de, C: Catalog> Visitor<'de> for BodySeed<'_, '_, C> {
    type Value = JsonBody<'de, C>;

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
                        shape = Some(Shape::Disconnect(Box::new(DisconnectNotice { members })));
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
        Ok(JsonBody {
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
}
