//! v2 problem details and partial errors.
//!
//! A v2 error body is a JSON object with the problem's members at the top
//! (`type`, `title`, `detail`, optional `status`, type-specific members)
//! and an `errors` array of error objects:
//!
//! ```text
//! {"errors":[{"parameters":{"ids":[]},"message":"The `ids` query parameter can not be empty"}],
//!  "title":"Invalid Request","detail":"One or more parameters to your request was invalid.",
//!  "type":"https://api.twitter.com/2/problems/invalid-request"}
//! ```
//!
//! Decoding also accepts what real responses show: `errors` as one object
//! instead of an array, items with only `message` and `parameters`,
//! `about:blank` with `status`, problem types under any host, undocumented
//! members (kept, in order). A body with `errors` but no problem at the
//! top, with or without `data`, is a result with problems attached
//! ([`Body::is_partial`]): the call succeeded for everything else, and
//! [`Body::result`] keeps `data`, `includes` and `meta` as raw JSON.
//!
//! Each error object is a [`Problem`]: the catalog's
//! [`ErrorObject`](crate::ErrorObject) when it has every member the spec
//! requires and each documented member has its documented type, otherwise
//! its members as they came. Encoding writes the members in the order they
//! came.
//!
//! ```
//! use twitter_errors::codec::problem;
//! use twitter_errors::ProblemType;
//!
//! let bytes = br#"{"title":"Forbidden","detail":"Your account is temporarily locked.","type":"about:blank","status":403}"#;
//! let body = problem::decode(bytes).unwrap();
//! let p = body.problem.as_ref().unwrap();
//! assert_eq!(p.problem_type(), Some(ProblemType::Generic));
//! assert_eq!(p.status(), Some(403));
//! assert!(!body.is_partial());
//! assert_eq!(body.encode(), bytes);
//! ```

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::json::{key, write_str, write_value, Cx, Escape, Formatter};
use super::{prelude, DecodeError, ErrorKind, Hint, Limits};
use crate::__private::Key;
use crate::catalog::{Catalog, Format, Members, ObjectEntry, ProblemEntry, ProblemUri};

/// JSON text kept as it came: `data`, `includes` and the other members of
/// a v2 result, which this crate does not interpret.
///
/// Two values are equal when their JSON values are, whatever the
/// whitespace.
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Parses the text as any deserializable type.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.0.get())
    }

    /// The text as a JSON value.
    pub fn to_value(&self) -> Value {
        // The text was validated when it was decoded or built.
        self.parse().unwrap_or(Value::Null)
    }

    /// The compact text of a value.
    pub fn from_value(value: &Value) -> Self {
        let mut out = Vec::new();
        write_value(&mut out, value, Escape::plain());
        let text = String::from_utf8(out).unwrap_or_default();
        RawJson(RawValue::from_string(text).unwrap_or_else(|_| null_raw()))
    }
}

fn null_raw() -> Box<RawValue> {
    RawValue::from_string("null".to_string()).unwrap_or_else(|_| unreachable_raw())
}

#[allow(clippy::unwrap_used)]
fn unreachable_raw() -> Box<RawValue> {
    // `null` is valid JSON; this is never reached.
    serde_json::value::to_raw_value(&Value::Null).unwrap()
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get() || self.to_value() == other.to_value()
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawJson({})", self.get())
    }
}

/// One v2 error object: a whole body's problem, or one item of `errors`.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem<C: Catalog = crate::Catalog> {
    repr: Repr<C>,
    order: Hint<Vec<u16>>,
}

#[derive(Clone, Debug, PartialEq)]
enum Repr<C: Catalog> {
    Object(C::Object),
    Members(Members),
}

/// In a problem's key order: an undocumented member.
const EXTRA: u16 = u16::MAX;

impl<C: Catalog> Problem<C> {
    /// A problem from the catalog's error object.
    pub fn new(object: C::Object) -> Self {
        Problem {
            repr: Repr::Object(object),
            order: Hint(Vec::new()),
        }
    }

    /// A problem from its members, typed as the catalog's error object
    /// when they fit it.
    pub fn from_members(members: Members) -> Self {
        let fits = C::Object::REQUIRED.iter().all(|r| members.get(r).is_some());
        if fits {
            let map: serde_json::Map<String, Value> =
                members.iter().map(|(k, v)| (k.to_owned(), v.clone())).collect();
            if let Ok(o) = serde_json::from_value::<C::Object>(Value::Object(map)) {
                let order = members.iter().map(|(k, _)| member_index::<C>(k)).collect();
                return Problem {
                    repr: Repr::Object(o),
                    order: Hint(order),
                };
            }
        }
        Problem {
            repr: Repr::Members(members),
            order: Hint(Vec::new()),
        }
    }

    /// The catalog's error object, when the members fit it.
    pub fn object(&self) -> Option<&C::Object> {
        match &self.repr {
            Repr::Object(o) => Some(o),
            Repr::Members(_) => None,
        }
    }

    /// The catalog's error object, mutably.
    pub fn object_mut(&mut self) -> Option<&mut C::Object> {
        match &mut self.repr {
            Repr::Object(o) => Some(o),
            Repr::Members(_) => None,
        }
    }

    /// The members as they came, when they do not fit the catalog's error
    /// object (a parameter-validation item such as
    /// `{"parameters":{...},"message":"..."}` has no `type`).
    pub fn members(&self) -> Option<&Members> {
        match &self.repr {
            Repr::Object(_) => None,
            Repr::Members(m) => Some(m),
        }
    }

    fn member_str(&self, name: &str) -> Option<&str> {
        self.members().and_then(|m| m.get(name)).and_then(Value::as_str)
    }

    /// The `type` URI as it came.
    pub fn type_uri(&self) -> Option<&str> {
        match &self.repr {
            Repr::Object(o) => o.problem_type().map(ProblemUri::as_str),
            Repr::Members(_) => self.member_str("type"),
        }
    }

    /// The catalog's problem type, under whichever host it came.
    pub fn problem_type(&self) -> Option<C::Problem> {
        match &self.repr {
            Repr::Object(o) => o.problem_type().and_then(ProblemUri::known),
            Repr::Members(_) => self.type_uri().and_then(C::Problem::from_uri),
        }
    }

    /// `title`.
    pub fn title(&self) -> Option<&str> {
        match &self.repr {
            Repr::Object(o) => o.title(),
            Repr::Members(_) => self.member_str("title"),
        }
    }

    /// `detail`.
    pub fn detail(&self) -> Option<&str> {
        match &self.repr {
            Repr::Object(o) => o.detail(),
            Repr::Members(_) => self.member_str("detail"),
        }
    }

    /// `message`, which parameter-validation items carry.
    pub fn message(&self) -> Option<&str> {
        match &self.repr {
            Repr::Object(o) => o.message(),
            Repr::Members(_) => self.member_str("message"),
        }
    }

    /// `status`, the HTTP status some problems repeat in the body.
    pub fn status(&self) -> Option<i64> {
        match &self.repr {
            Repr::Object(o) => o.status(),
            Repr::Members(m) => m.get("status").and_then(Value::as_i64),
        }
    }

    /// The members as JSON, in the order encoding writes them.
    pub fn to_value(&self) -> Value {
        let mut out = Vec::new();
        write_problem(&mut out, self, Escape::plain());
        serde_json::from_slice(&out).unwrap_or(Value::Null)
    }
}

impl<C: Catalog> From<Members> for Problem<C> {
    fn from(m: Members) -> Self {
        Problem::from_members(m)
    }
}

fn member_index<C: Catalog>(name: &str) -> u16 {
    C::Object::MEMBERS
        .iter()
        .position(|m| *m == name)
        .and_then(|i| u16::try_from(i).ok())
        .unwrap_or(EXTRA)
}

/// A decoded v2 error body.
#[derive(Clone, Debug, PartialEq)]
pub struct Body<C: Catalog = crate::Catalog> {
    /// The problem the body's top-level members describe, when it has one
    /// (`type`, `title` or `detail` at the top).
    pub problem: Option<Problem<C>>,
    /// The items of `errors`.
    pub errors: Vec<Problem<C>>,
    /// The other members (`data`, `includes`, `meta`...), in order.
    pub result: Vec<(String, RawJson)>,
    layout: Hint<BodyLayout>,
}

#[derive(Clone, Debug, Default)]
struct BodyLayout {
    slots: Vec<Slot>,
    /// `errors` came as one object, not an array.
    single: bool,
    /// The body had an `errors` member (perhaps empty).
    has_errors: bool,
}

/// A top-level member, in the order they came.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// The next member of `problem`.
    Problem,
    /// `errors`.
    Errors,
    /// The next member of `result`.
    Result,
}

/// Members of a v2 result rather than of a problem.
const RESULT: &[&str] = &["data", "includes", "meta", "matching_rules"];

impl<C: Catalog> Body<C> {
    /// A body describing one problem, with `errors` items.
    pub fn new(problem: Option<Problem<C>>, errors: Vec<Problem<C>>) -> Self {
        Body {
            problem,
            errors,
            result: Vec::new(),
            layout: Hint(BodyLayout {
                has_errors: true,
                ..BodyLayout::default()
            }),
        }
    }

    /// Whether this is a result with problems attached (v2 partial
    /// errors): no problem at the top, items in `errors`.
    pub fn is_partial(&self) -> bool {
        self.problem.is_none() && !self.errors.is_empty()
    }

    /// The body's problem, then each item of `errors`.
    pub fn problems(&self) -> impl Iterator<Item = &Problem<C>> + '_ {
        self.problem.iter().chain(&self.errors)
    }

    /// A member of the result, such as `data`.
    pub fn get(&self, name: &str) -> Option<&RawJson> {
        self.result.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// `data`, when the body has it.
    pub fn data(&self) -> Option<&RawJson> {
        self.get("data")
    }

    /// Encodes the body as compact JSON (`data` and the other result
    /// members are written as they came).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        self.encode_into(&mut out);
        out
    }

    /// Encodes the body, appending to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        let esc = Escape::plain();
        let layout = &self.layout.0;
        // The problem's members, in their order, as `"key":value` ranges.
        let mut scratch = Vec::new();
        let entries = match &self.problem {
            Some(p) => problem_entries(&mut scratch, p, esc),
            None => Vec::new(),
        };
        let canonical = [Slot::Result; 0];
        let slots: &[Slot] = if layout.slots.is_empty() { &canonical } else { &layout.slots };
        let mut entries = entries.into_iter();
        let mut results = self.result.iter();
        let mut errors_done = false;
        let mut first = true;
        out.push(b'{');
        let write_errors = |out: &mut Vec<u8>, first: &mut bool| {
            key(out, first, "errors", esc);
            if layout.single && self.errors.len() == 1 {
                write_problem(out, &self.errors[0], esc);
            } else {
                out.push(b'[');
                for (i, p) in self.errors.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_problem(out, p, esc);
                }
                out.push(b']');
            }
        };
        let entry = |out: &mut Vec<u8>, first: &mut bool, r: Range<usize>| {
            if !std::mem::take(first) {
                out.push(b',');
            }
            out.extend_from_slice(&scratch[r]);
        };
        let result = |out: &mut Vec<u8>, first: &mut bool, (k, v): &(String, RawJson)| {
            key(out, first, k, esc);
            out.extend_from_slice(v.get().as_bytes());
        };
        for slot in slots {
            match slot {
                Slot::Problem => {
                    if let Some(r) = entries.next() {
                        entry(out, &mut first, r);
                    }
                }
                Slot::Errors if !errors_done => {
                    errors_done = true;
                    write_errors(out, &mut first);
                }
                Slot::Errors => {}
                Slot::Result => {
                    if let Some(m) = results.next() {
                        result(out, &mut first, m);
                    }
                }
            }
        }
        // Whatever the layout did not place (all of it, for built values):
        // result, errors, then the problem, as the API orders them.
        for m in results {
            result(out, &mut first, m);
        }
        if !errors_done && (layout.has_errors || !self.errors.is_empty() || self.problem.is_none()) {
            write_errors(out, &mut first);
        }
        for r in entries {
            entry(out, &mut first, r);
        }
        out.push(b'}');
    }
}

// ---------------------------------------------------------------------------
// Writing.

/// Writes one error object.
fn write_problem<C: Catalog>(out: &mut Vec<u8>, p: &Problem<C>, esc: Escape) {
    match &p.repr {
        Repr::Members(m) => {
            out.push(b'{');
            let mut first = true;
            for (k, v) in m.iter() {
                key(out, &mut first, k, esc);
                write_value(out, v, esc);
            }
            out.push(b'}');
        }
        Repr::Object(o) if p.order.0.is_empty() => {
            let mut ser = serde_json::Serializer::with_formatter(&mut *out, Formatter(esc));
            if o.serialize(&mut ser).is_err() {
                out.extend_from_slice(b"{}");
            }
        }
        Repr::Object(_) => {
            let mut scratch = Vec::new();
            let entries = problem_entries(&mut scratch, p, esc);
            out.push(b'{');
            for (i, r) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(&scratch[r]);
            }
            out.push(b'}');
        }
    }
}

/// Writes a problem's members into `scratch` and returns the range of
/// each `"key":value`, in the order the problem came.
fn problem_entries<C: Catalog>(scratch: &mut Vec<u8>, p: &Problem<C>, esc: Escape) -> Vec<Range<usize>> {
    let mut entries: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    match &p.repr {
        Repr::Members(m) => {
            for (k, v) in m.iter() {
                let start = scratch.len();
                write_str(scratch, k, esc);
                let key_end = scratch.len();
                scratch.push(b':');
                write_value(scratch, v, esc);
                entries.push((start..key_end, start..scratch.len()));
            }
            return entries.into_iter().map(|(_, r)| r).collect();
        }
        Repr::Object(o) => {
            let mut cap = Capture {
                out: scratch,
                esc,
                entries: &mut entries,
            };
            if o.serialize(&mut cap).is_err() {
                return Vec::new();
            }
        }
    }
    let order = &p.order.0;
    if order.is_empty() {
        return entries.into_iter().map(|(_, r)| r).collect();
    }
    // Documented members go where their name was; undocumented ones fill
    // the other places in turn; anything left goes last.
    let quoted = |i: u16| C::Object::MEMBERS.get(usize::from(i)).map(|m| format!("\"{m}\""));
    let named: Vec<String> = order.iter().filter_map(|&i| quoted(i)).collect();
    let mut used = vec![false; entries.len()];
    let mut result = Vec::with_capacity(entries.len());
    for &i in order {
        let found = match quoted(i) {
            Some(q) => entries
                .iter()
                .enumerate()
                .position(|(j, (k, _))| !used[j] && scratch[k.clone()] == *q.as_bytes()),
            None => entries.iter().enumerate().position(|(j, (k, _))| {
                !used[j] && !named.iter().any(|q| scratch[k.clone()] == *q.as_bytes())
            }),
        };
        if let Some(j) = found {
            used[j] = true;
            result.push(entries[j].1.clone());
        }
    }
    for (j, (_, r)) in entries.into_iter().enumerate() {
        if !used[j] {
            result.push(r);
        }
    }
    result
}

/// A serializer that writes an object's entries one by one, recording
/// where each key and each `"key":value` starts and ends.
struct Capture<'a> {
    out: &'a mut Vec<u8>,
    esc: Escape,
    entries: &'a mut Vec<(Range<usize>, Range<usize>)>,
}

struct CaptureMap<'a, 'b> {
    cap: &'b mut Capture<'a>,
    start: usize,
    key_end: usize,
}

fn not_an_object() -> serde_json::Error {
    ser::Error::custom("an error object must serialize as a map")
}

impl<'a, 'b> ser::Serializer for &'b mut Capture<'a> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = ser::Impossible<(), serde_json::Error>;
    type SerializeTuple = ser::Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = ser::Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = ser::Impossible<(), serde_json::Error>;
    type SerializeMap = CaptureMap<'a, 'b>;
    type SerializeStruct = CaptureMap<'a, 'b>;
    type SerializeStructVariant = ser::Impossible<(), serde_json::Error>;

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
        Ok(CaptureMap {
            cap: self,
            start: 0,
            key_end: 0,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Self::Error> {
        self.serialize_map(None)
    }
    fn serialize_bool(self, _: bool) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_i8(self, _: i8) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_i16(self, _: i16) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_i32(self, _: i32) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_i64(self, _: i64) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_u8(self, _: u8) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_u16(self, _: u16) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_u32(self, _: u32) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_u64(self, _: u64) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_f32(self, _: f32) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_f64(self, _: f64) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_char(self, _: char) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_str(self, _: &str) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_none(self) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), Self::Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Result<(), Self::Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Self::Error> {
        Err(not_an_object())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
        Err(not_an_object())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Self::Error> {
        Err(not_an_object())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Self::Error> {
        Err(not_an_object())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Self::Error> {
        Err(not_an_object())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Self::Error> {
        Err(not_an_object())
    }
}

impl CaptureMap<'_, '_> {
    fn write<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), serde_json::Error> {
        let mut ser = serde_json::Serializer::with_formatter(&mut *self.cap.out, Formatter(self.cap.esc));
        v.serialize(&mut ser)
    }
}

impl ser::SerializeMap for CaptureMap<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, k: &T) -> Result<(), Self::Error> {
        self.start = self.cap.out.len();
        self.write(k)?;
        self.key_end = self.cap.out.len();
        if self.cap.out.get(self.start) != Some(&b'"') {
            return Err(ser::Error::custom("object keys must be strings"));
        }
        self.cap.out.push(b':');
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), Self::Error> {
        self.write(v)?;
        self.cap.entries.push((self.start..self.key_end, self.start..self.cap.out.len()));
        Ok(())
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

impl ser::SerializeStruct for CaptureMap<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, k: &'static str, v: &T) -> Result<(), Self::Error> {
        ser::SerializeMap::serialize_key(self, k)?;
        ser::SerializeMap::serialize_value(self, v)
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Reading.

/// Decodes a v2 body with the bundled catalog and the default [`Limits`].
pub fn decode(body: &[u8]) -> Result<Body, DecodeError> {
    decode_with(body, &Limits::DEFAULT)
}

/// Decodes a v2 body.
pub fn decode_with<C: Catalog>(body: &[u8], limits: &Limits) -> Result<Body<C>, DecodeError> {
    let text = prelude(body, limits, Some(Format::Problem))?;
    decode_str(text, limits).map_err(|e| e.with_format(Format::Problem))
}

pub(crate) fn decode_str<C: Catalog>(text: &str, limits: &Limits) -> Result<Body<C>, DecodeError> {
    let cx = Cx::new(limits, false);
    let mut de = serde_json::Deserializer::from_str(text);
    let seed = BodySeed::<C> {
        cx: &cx,
        marker: core::marker::PhantomData,
    };
    let result = de::Deserializer::deserialize_map(&mut de, seed);
    match result.and_then(|b| de.end().map(|()| b)) {
        Ok(b) => Ok(b),
        Err(e) => Err(DecodeError::from_json(&e, cx.side.take())),
    }
}

type Pairs<'de> = Vec<(Key<'de>, &'de RawValue)>;

/// A key handed to the catalog's `Deserialize`.
struct KeyDe<'de>(Cow<'de, str>);

impl<'de> de::Deserializer<'de> for KeyDe<'de> {
    type Error = serde_json::Error;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Cow::Borrowed(s) => v.visit_borrowed_str(s),
            Cow::Owned(s) => v.visit_string(s),
        }
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, serde_json::Error> for KeyDe<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

/// Builds a problem from its members; `depth` is where the object sits.
fn build<'de, C: Catalog, E: de::Error>(
    cx: &Cx<'_>,
    pairs: &[(Key<'de>, &'de RawValue)],
    depth: usize,
    path: &dyn fmt::Display,
) -> Result<Problem<C>, E> {
    for (k, raw) in pairs {
        cx.check_depth(raw, depth, &format_args!("{path}.{}", &**k))?;
    }
    let fits = C::Object::REQUIRED
        .iter()
        .all(|r| pairs.iter().any(|(k, _)| &**k == *r));
    if fits {
        let iter = pairs.iter().map(|(k, v)| (KeyDe(k.0.clone()), *v));
        let map = de::value::MapDeserializer::new(iter);
        if let Ok(o) = <C::Object as serde::Deserialize>::deserialize(map) {
            let order = pairs.iter().map(|(k, _)| member_index::<C>(k)).collect();
            return Ok(Problem {
                repr: Repr::Object(o),
                order: Hint(order),
            });
        }
    }
    let mut members = Members::new();
    for (k, raw) in pairs {
        let v = cx.value(raw, depth, &format_args!("{path}.{}", &**k))?;
        members.insert(k.0.clone().into_owned(), v);
    }
    Ok(Problem {
        repr: Repr::Members(members),
        order: Hint(Vec::new()),
    })
}

struct BodySeed<'c, 'l, C> {
    cx: &'c Cx<'l>,
    marker: core::marker::PhantomData<fn() -> C>,
}

impl<'de, C: Catalog> DeserializeSeed<'de> for BodySeed<'_, '_, C> {
    type Value = Body<C>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, C: Catalog> Visitor<'de> for BodySeed<'_, '_, C> {
    type Value = Body<C>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        cx.enter(1)?;
        let mut pairs: Pairs<'de> = Vec::new();
        let mut keyed: Vec<bool> = Vec::new();
        let mut errors: Option<(Vec<Problem<C>>, bool)> = None;
        let mut slots = Vec::new();
        while let Some(k) = map.next_key::<Key<'de>>()? {
            if &*k == "errors" && errors.is_none() {
                errors = Some(map.next_value_seed(ItemsSeed::<C> {
                    cx,
                    marker: core::marker::PhantomData,
                })?);
                slots.push(Slot::Errors);
            } else {
                let raw = map.next_value::<&'de RawValue>()?;
                keyed.push(RESULT.contains(&&*k));
                pairs.push((k, raw));
                slots.push(Slot::Result);
            }
        }
        let has_problem = pairs
            .iter()
            .any(|(k, _)| C::Object::REQUIRED.contains(&&**k));
        let (errors, single, has_errors) = match errors {
            Some((e, single)) => (e, single, true),
            None => (Vec::new(), false, false),
        };
        if !has_problem && !has_errors {
            return Err(cx.fail(
                ErrorKind::Shape,
                "neither problem members (`type`, `title`, `detail`) nor `errors`",
            ));
        }
        let mut result = Vec::new();
        let mut problem_pairs: Pairs<'de> = Vec::new();
        let mut member = keyed.iter();
        for slot in &mut slots {
            if *slot == Slot::Errors {
                continue;
            }
            if has_problem && member.next() == Some(&false) {
                *slot = Slot::Problem;
            }
        }
        for ((k, raw), &is_result) in pairs.into_iter().zip(&keyed) {
            if has_problem && !is_result {
                problem_pairs.push((k, raw));
            } else {
                cx.check_depth(raw, 1, &format_args!("`{}`", &*k))?;
                result.push((k.into_owned(), RawJson(raw.to_owned())));
            }
        }
        let problem = if has_problem {
            Some(build::<C, A::Error>(cx, &problem_pairs, 1, &"body")?)
        } else {
            None
        };
        Ok(Body {
            problem,
            errors,
            result,
            layout: Hint(BodyLayout {
                slots,
                single,
                has_errors,
            }),
        })
    }
}

struct ItemsSeed<'c, 'l, C> {
    cx: &'c Cx<'l>,
    marker: core::marker::PhantomData<fn() -> C>,
}

impl<'de, C: Catalog> DeserializeSeed<'de> for ItemsSeed<'_, '_, C> {
    type Value = (Vec<Problem<C>>, bool);
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, C: Catalog> Visitor<'de> for ItemsSeed<'_, '_, C> {
    type Value = (Vec<Problem<C>>, bool);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`errors` as an array of error objects or one error object")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        cx.enter(2)?;
        let mut items = Vec::new();
        loop {
            if items.len() == cx.limits.max_errors {
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
                index: Some(items.len()),
                marker: core::marker::PhantomData,
            };
            match seq.next_element_seed(seed)? {
                Some(p) => items.push(p),
                None => break,
            }
        }
        Ok((items, false))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let seed = ItemSeed::<C> {
            cx: self.cx,
            index: None,
            marker: core::marker::PhantomData,
        };
        Ok((vec![seed.visit_map(map)?], true))
    }
}

struct ItemSeed<'c, 'l, C> {
    cx: &'c Cx<'l>,
    /// The index in `errors`, or `None` for a lone object.
    index: Option<usize>,
    marker: core::marker::PhantomData<fn() -> C>,
}

impl<'de, C: Catalog> DeserializeSeed<'de> for ItemSeed<'_, '_, C> {
    type Value = Problem<C>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, C: Catalog> Visitor<'de> for ItemSeed<'_, '_, C> {
    type Value = Problem<C>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        let depth = if self.index.is_some() { 3 } else { 2 };
        cx.enter(depth)?;
        let mut pairs: Pairs<'de> = Vec::new();
        while let Some(k) = map.next_key::<Key<'de>>()? {
            let raw = map.next_value::<&'de RawValue>()?;
            pairs.push((k, raw));
        }
        match self.index {
            Some(i) => build(cx, &pairs, depth, &format_args!("errors[{i}]")),
            None => build(cx, &pairs, depth, &"errors"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorObject, ProblemType};

    #[test]
    fn validation_items_keep_their_members() {
        let body = br#"{"errors":[{"parameters":{"ids":[]},"message":"The `ids` query parameter can not be empty"}],"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request"}"#;
        let b = decode(body).unwrap();
        assert_eq!(b.problem.as_ref().unwrap().problem_type(), Some(ProblemType::InvalidRequest));
        let item = &b.errors[0];
        assert!(item.object().is_none());
        assert_eq!(item.message(), Some("The `ids` query parameter can not be empty"));
        assert_eq!(b.encode(), body);
        assert!(!b.is_partial());
    }

    #[test]
    fn partial_results_keep_data() {
        let body = br#"{"data":[{"id":"1"}],"errors":[{"value":"2","detail":"Could not find tweet with ids: [2].","title":"Not Found Error","resource_type":"tweet","parameter":"ids","resource_id":"2","type":"https://api.twitter.com/2/problems/resource-not-found"}]}"#;
        let b = decode(body).unwrap();
        assert!(b.is_partial());
        assert_eq!(b.data().unwrap().get(), r#"[{"id":"1"}]"#);
        let o: &ErrorObject = b.errors[0].object().unwrap();
        assert_eq!(o.resource_id.as_deref(), Some("2"));
        assert_eq!(b.encode(), body);
    }

    #[test]
    fn built_bodies_use_the_api_order() {
        let o = ErrorObject::new(
            "Too Many Requests".into(),
            "Too Many Requests".into(),
            ProblemUri::new("about:blank"),
        );
        let b: Body = Body::new(Some(Problem::new(o)), Vec::new());
        let text = String::from_utf8(b.encode()).unwrap();
        assert_eq!(text, r#"{"errors":[],"detail":"Too Many Requests","title":"Too Many Requests","type":"about:blank"}"#);
        assert_eq!(decode(text.as_bytes()).unwrap(), b);
    }

    #[test]
    fn not_problem_bodies() {
        for body in [&br#"{"data":{"id":"1"}}"#[..], b"[]", br#"{"errors":"x"}"#, br#"{"errors":[1]}"#] {
            assert!(decode(body).is_err(), "{}", String::from_utf8_lossy(body));
        }
    }
}
