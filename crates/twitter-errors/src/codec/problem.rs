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
//! members such as `client_id` or `account_id`. A body with `errors` but no
//! problem at the top, with or without `data`, is a result with problems
//! attached ([`Body::is_partial`]): the call worked for everything else, and
//! [`Body::result`] keeps `data`, `includes` and `meta`.
//!
//! Each error object is a [`Problem`]: its members in the order they came,
//! each kept as the JSON text it was (borrowed from the input), with the
//! problem type resolved while decoding. Typed views are one call away:
//! [`Problem::title`], [`Problem::status`]..., and [`Problem::to_object`]
//! for the catalog's [`ErrorObject`](crate::ErrorObject) with every
//! documented member typed. Encoding writes the members back as they came,
//! so nothing is lost and the order is kept.
//!
//! ```
//! use twitter_errors::codec::problem;
//! use twitter_errors::{ErrorObject, ProblemType};
//!
//! let bytes = br#"{"title":"Forbidden","detail":"Your account is temporarily locked.","type":"about:blank","status":403}"#;
//! let body = problem::decode(bytes).unwrap();
//! let p = body.problem.as_ref().unwrap();
//! assert_eq!(p.problem_type(), Some(ProblemType::Generic));
//! assert_eq!(p.status(), Some(403));
//! assert_eq!(p.title().as_deref(), Some("Forbidden"));
//! let object: ErrorObject = p.to_object().unwrap();
//! assert_eq!(object.status, Some(403));
//! assert!(!body.is_partial());
//! assert_eq!(body.encode(), bytes);
//! ```

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, IntoDeserializer, Visitor};
use serde_json::Value;

use super::json::{write_str, Escape};
use super::scan::{unescape, ScanError, Scanner};
use super::{prelude, utf8, DecodeError, ErrorKind, Limits};
use crate::catalog::{Catalog, Format, Members, ObjectEntry, ProblemEntry, ProblemUri};

/// JSON text kept as it came, borrowed from the input when it can be.
/// It always holds exactly one valid JSON value.
///
/// Two values are equal when their JSON values are, whatever the
/// whitespace or key order.
#[derive(Clone)]
pub struct RawJson<'a>(Cow<'a, str>);

impl<'a> RawJson<'a> {
    /// The JSON text.
    pub fn get(&self) -> &str {
        &self.0
    }

    /// Parses the text as any deserializable type.
    pub fn parse<'s, T: serde::Deserialize<'s>>(&'s self) -> Result<T, serde_json::Error> {
        serde_json::from_str(&self.0)
    }

    /// The text as a JSON value.
    pub fn to_value(&self) -> Value {
        // The text is valid JSON; only a value nested deeper than the
        // parser's limit (128) could fail, and none is accepted.
        self.parse().unwrap_or(Value::Null)
    }

    /// The compact text of a value.
    pub fn from_value(value: &Value) -> Result<RawJson<'static>, serde_json::Error> {
        serde_json::to_string(value).map(|t| RawJson(Cow::Owned(t)))
    }

    /// A JSON string holding `text`.
    ///
    /// ```
    /// use twitter_errors::codec::problem::RawJson;
    ///
    /// assert_eq!(RawJson::string("a \"b\"").get(), r#""a \"b\"""#);
    /// assert_eq!(RawJson::integer(-404).get(), "-404");
    /// ```
    pub fn string(text: &str) -> RawJson<'static> {
        let mut out = Vec::with_capacity(text.len() + 2);
        write_str(&mut out, text, Escape::default());
        // `write_str` writes valid UTF-8: the input's, and ASCII escapes.
        RawJson(Cow::Owned(String::from_utf8_lossy(&out).into_owned()))
    }

    /// A JSON number holding `n`.
    pub fn integer(n: i64) -> RawJson<'static> {
        RawJson(Cow::Owned(n.to_string()))
    }

    /// Checks that `text` is one JSON value and keeps it as it is.
    pub fn from_text(text: String) -> Result<RawJson<'static>, serde_json::Error> {
        serde_json::from_str::<de::IgnoredAny>(&text)?;
        Ok(RawJson(Cow::Owned(text)))
    }

    /// The text as a string, when it is a JSON string: borrowed when it has
    /// no escapes.
    pub fn as_str(&self) -> Option<Cow<'_, str>> {
        let inner = self.0.strip_prefix('"')?.strip_suffix('"')?;
        if !inner.contains('\\') {
            return Some(Cow::Borrowed(inner));
        }
        serde_json::from_str::<String>(&self.0).ok().map(Cow::Owned)
    }

    /// The text as an integer, when it is one.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    /// Detaches the text from the input it borrows.
    pub fn into_owned(self) -> RawJson<'static> {
        RawJson(Cow::Owned(self.0.into_owned()))
    }
}

impl PartialEq for RawJson<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get() || self.to_value() == other.to_value()
    }
}

impl fmt::Debug for RawJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawJson({})", self.get())
    }
}

impl fmt::Display for RawJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

/// The catalog entry a `type` URI names: under one of the catalog's hosts,
/// or, since the host changed over time, under any host whose path ends in
/// `/problems/<slug>`.
fn resolve<C: Catalog>(uri: &str) -> Option<C::Problem> {
    C::Problem::from_uri(uri).or_else(|| {
        let (_, slug) = uri.rsplit_once("/problems/")?;
        (!slug.is_empty() && !slug.contains(['/', '?', '#']))
            .then(|| C::Problem::from_slug(slug))
            .flatten()
    })
}

/// One v2 error object: a whole body's problem, or one item of `errors`.
///
/// Its members are kept in order as JSON text; the accessors type them.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem<'a, C: Catalog = crate::Catalog> {
    members: Vec<(Cow<'a, str>, RawJson<'a>)>,
    /// The catalog entry `type` names, resolved when `type` is set.
    known: Option<C::Problem>,
}

impl<C: Catalog> Default for Problem<'_, C> {
    fn default() -> Self {
        Problem {
            members: Vec::new(),
            known: None,
        }
    }
}

impl<'a, C: Catalog> Problem<'a, C> {
    /// A problem without members.
    pub fn new() -> Self {
        Self::default()
    }

    /// A problem with the members of the catalog's error object, in the
    /// order its `Serialize` writes them.
    pub fn from_object(object: &C::Object) -> Result<Self, serde_json::Error> {
        match serde_json::to_value(object)? {
            Value::Object(map) => {
                let mut p = Problem::new();
                for (k, v) in &map {
                    p.insert(k.clone(), RawJson::from_value(v)?);
                }
                Ok(p)
            }
            _ => Err(serde::ser::Error::custom(
                "an error object must serialize as a map",
            )),
        }
    }

    /// A problem with these members.
    pub fn from_members(members: &Members) -> Result<Self, serde_json::Error> {
        let mut p = Problem::new();
        for (k, v) in members.iter() {
            p.insert(k.to_owned(), RawJson::from_value(v)?);
        }
        Ok(p)
    }

    /// Sets a member, replacing one of the same name in place, or
    /// appending it.
    pub fn insert(&mut self, name: impl Into<Cow<'a, str>>, value: RawJson<'a>) {
        let name = name.into();
        if name == "type" {
            self.known = value.as_str().and_then(|u| resolve::<C>(&u));
        }
        match self.members.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = value,
            None => self.members.push((name, value)),
        }
    }

    /// A member's JSON text.
    pub fn get(&self, name: &str) -> Option<&RawJson<'a>> {
        self.members.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The members in order.
    pub fn members(&self) -> impl ExactSizeIterator<Item = (&str, &RawJson<'a>)> + '_ {
        self.members.iter().map(|(k, v)| (&**k, v))
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The members the catalog does not document, in order.
    pub fn undocumented(&self) -> impl Iterator<Item = (&str, &RawJson<'a>)> + '_ {
        self.members()
            .filter(|(k, _)| !C::Object::MEMBERS.contains(k))
    }

    /// A string member.
    pub fn get_str(&self, name: &str) -> Option<Cow<'_, str>> {
        self.get(name).and_then(RawJson::as_str)
    }

    /// The `type` URI as it came.
    pub fn type_uri(&self) -> Option<Cow<'_, str>> {
        self.get_str("type")
    }

    /// The `type` URI with the catalog entry it names.
    pub fn uri(&self) -> Option<ProblemUri<C::Problem>> {
        self.type_uri().map(|u| ProblemUri::new(u.into_owned()))
    }

    /// The catalog's problem type, under whichever host it came (the
    /// catalog's hosts, or any URI whose path ends in `/problems/<slug>`).
    pub fn problem_type(&self) -> Option<C::Problem> {
        self.known
    }

    /// `title`.
    pub fn title(&self) -> Option<Cow<'_, str>> {
        self.get_str("title")
    }

    /// `detail`.
    pub fn detail(&self) -> Option<Cow<'_, str>> {
        self.get_str("detail")
    }

    /// `message`, which parameter-validation items carry instead of
    /// `title` and `detail`.
    pub fn message(&self) -> Option<Cow<'_, str>> {
        self.get_str("message")
    }

    /// `status`, the HTTP status some problems repeat in the body.
    pub fn status(&self) -> Option<i64> {
        self.get("status").and_then(RawJson::as_i64)
    }

    /// The catalog's error object with every documented member typed, or
    /// `None` when the members do not fit it: a member the spec requires is
    /// missing (as in a parameter-validation item), or one has another
    /// type than documented.
    pub fn to_object(&self) -> Option<C::Object> {
        if !C::Object::REQUIRED.iter().all(|r| self.get(r).is_some()) {
            return None;
        }
        let iter = self
            .members
            .iter()
            .map(|(k, v)| (KeyDe(Cow::Borrowed(&**k)), RawDe(v.get())));
        <C::Object as serde::Deserialize>::deserialize(de::value::MapDeserializer::new(iter)).ok()
    }

    /// The members as JSON values.
    pub fn to_members(&self) -> Members {
        self.members()
            .map(|(k, v)| (k.to_owned(), v.to_value()))
            .collect()
    }

    /// The members as one JSON object.
    pub fn to_value(&self) -> Value {
        Value::Object(
            self.members()
                .map(|(k, v)| (k.to_owned(), v.to_value()))
                .collect(),
        )
    }

    /// Detaches the problem from the input it borrows.
    pub fn into_owned(self) -> Problem<'static, C> {
        Problem {
            members: self
                .members
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                .collect(),
            known: self.known,
        }
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        for (i, (k, v)) in self.members.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_str(out, k, Escape::plain());
            out.push(b':');
            out.extend_from_slice(v.get().as_bytes());
        }
        out.push(b'}');
    }
}

impl<C: Catalog> TryFrom<&Members> for Problem<'static, C> {
    type Error = serde_json::Error;
    fn try_from(m: &Members) -> Result<Self, Self::Error> {
        Problem::from_members(m)
    }
}

/// A decoded v2 error body.
#[derive(Clone, Debug, PartialEq)]
pub struct Body<'a, C: Catalog = crate::Catalog> {
    /// The problem the body's top-level members describe, when it has one
    /// (`type`, `title` or `detail` at the top).
    pub problem: Option<Problem<'a, C>>,
    /// The items of `errors`.
    pub errors: Vec<Problem<'a, C>>,
    /// The other top-level members (`data`, `includes`, `meta`...), in
    /// order.
    pub result: Vec<(Cow<'a, str>, RawJson<'a>)>,
    layout: super::Hint<Layout>,
}

#[derive(Clone, Debug, Default)]
struct Layout {
    /// Where `errors` came among the other top-level members, when it came.
    errors_at: Option<usize>,
    /// The top-level members in the order they came, when the body mixes
    /// problem and result members; otherwise `errors` is the only thing
    /// to place.
    slots: Option<Vec<Slot>>,
    /// `errors` came as one object, not an array.
    single: bool,
}

/// A top-level member other than `errors`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// The next member of `problem`.
    Problem,
    /// The next member of `result`.
    Result,
}

/// Top-level members of a v2 result rather than of a problem.
const RESULT: &[&str] = &["data", "includes", "meta", "matching_rules"];

impl<'a, C: Catalog> Body<'a, C> {
    /// A body with a problem at the top and `errors` items.
    pub fn new(problem: Option<Problem<'a, C>>, errors: Vec<Problem<'a, C>>) -> Self {
        Body {
            problem,
            errors,
            result: Vec::new(),
            layout: super::Hint::default(),
        }
    }

    /// Whether the body has the shape of a result with problems attached
    /// (v2 partial errors): no problem at the top, items in `errors`, with
    /// or without `data`. Served with status 200 it is a partial result
    /// ([`Outcome::Partial`](super::response::Outcome::Partial)); with an
    /// error status, the items are the error.
    pub fn is_partial(&self) -> bool {
        self.problem.is_none() && !self.errors.is_empty()
    }

    /// The body's problem, then each item of `errors`.
    pub fn problems(&self) -> impl Iterator<Item = &Problem<'a, C>> + '_ {
        self.problem.iter().chain(&self.errors)
    }

    /// A top-level result member, such as `data`.
    pub fn get(&self, name: &str) -> Option<&RawJson<'a>> {
        self.result.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// `data`, when the body has it.
    pub fn data(&self) -> Option<&RawJson<'a>> {
        self.get("data")
    }

    /// Encodes the body as compact JSON, every member written as it came.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.size_hint());
        self.encode_into(&mut out);
        out
    }

    fn size_hint(&self) -> usize {
        let members = |p: &Problem<'_, C>| {
            p.members
                .iter()
                .map(|(k, v)| k.len() + v.get().len() + 4)
                .sum::<usize>()
                + 2
        };
        16 + self.problems().map(members).sum::<usize>()
            + self
                .result
                .iter()
                .map(|(k, v)| k.len() + v.get().len() + 4)
                .sum::<usize>()
    }

    /// Encodes the body, appending to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        let empty = Problem::new();
        let problem = self.problem.as_ref().unwrap_or(&empty);
        let mut members = problem.members.iter();
        let mut results = self.result.iter();
        let layout = &self.layout.0;
        let mut w = Writer {
            out,
            first: true,
            errors_done: false,
        };
        w.out.push(b'{');
        let mut at = 0;
        match &layout.slots {
            Some(slots) => {
                for slot in slots {
                    w.errors_at(self, at);
                    at += 1;
                    let next = match slot {
                        Slot::Problem => members.next(),
                        Slot::Result => results.next(),
                    };
                    if let Some((k, v)) = next {
                        w.member(k, v.get());
                    }
                }
            }
            None => {
                for (k, v) in results.by_ref().chain(members.by_ref()) {
                    w.errors_at(self, at);
                    at += 1;
                    w.member(k, v.get());
                }
            }
        }
        w.errors_at(self, at);
        // Whatever the layout did not place (all of it, for built values):
        // the result, `errors`, then the problem, as the API orders them.
        for (k, v) in results {
            w.member(k, v.get());
        }
        if !w.errors_done && (!self.errors.is_empty() || self.problem.is_none()) {
            w.errors(self);
        }
        for (k, v) in members {
            w.member(k, v.get());
        }
        w.out.push(b'}');
    }

    /// Detaches the body from the input it borrows.
    pub fn into_owned(self) -> Body<'static, C> {
        Body {
            problem: self.problem.map(Problem::into_owned),
            errors: self.errors.into_iter().map(Problem::into_owned).collect(),
            result: self
                .result
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                .collect(),
            layout: self.layout,
        }
    }
}

/// Writes a body's top-level members.
struct Writer<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
    errors_done: bool,
}

impl Writer<'_> {
    fn member(&mut self, k: &str, v: &str) {
        if !std::mem::take(&mut self.first) {
            self.out.push(b',');
        }
        write_str(self.out, k, Escape::plain());
        self.out.push(b':');
        self.out.extend_from_slice(v.as_bytes());
    }

    fn errors<C: Catalog>(&mut self, body: &Body<'_, C>) {
        self.errors_done = true;
        self.member("errors", "");
        if body.layout.0.single && body.errors.len() == 1 {
            body.errors[0].write(self.out);
        } else {
            self.out.push(b'[');
            for (i, p) in body.errors.iter().enumerate() {
                if i > 0 {
                    self.out.push(b',');
                }
                p.write(self.out);
            }
            self.out.push(b']');
        }
    }

    /// Writes `errors` if it came at this place.
    fn errors_at<C: Catalog>(&mut self, body: &Body<'_, C>, at: usize) {
        if body.layout.0.errors_at == Some(at) && !self.errors_done {
            self.errors(body);
        }
    }
}

// ---------------------------------------------------------------------------
// Reading.

/// Decodes a v2 body with the bundled catalog and the default [`Limits`].
pub fn decode(body: &[u8]) -> Result<Body<'_>, DecodeError> {
    decode_with(body, &Limits::DEFAULT)
}

/// Decodes a v2 body.
pub fn decode_with<'a, C: Catalog>(
    body: &'a [u8],
    limits: &Limits,
) -> Result<Body<'a, C>, DecodeError> {
    let limits = &limits.clamped();
    let bytes = prelude(body, limits, Some(Format::Problem))?;
    decode_bytes(bytes, limits).map_err(|e| e.with_format(Format::Problem))
}

pub(crate) fn decode_bytes<'a, C: Catalog>(
    bytes: &'a [u8],
    limits: &Limits,
) -> Result<Body<'a, C>, DecodeError> {
    let text = utf8(bytes)?;
    let mut sc = Scanner::new(bytes, limits.max_depth);
    read_body(&mut sc, text, limits).map_err(|e| match e {
        Fail::Scan(ScanError::Syntax(what, at)) => {
            DecodeError::new(ErrorKind::Syntax, what).at_offset(bytes, at)
        }
        Fail::Scan(ScanError::TooDeep(at)) => DecodeError::new(
            ErrorKind::TooDeep,
            format!("nested deeper than {}", limits.max_depth),
        )
        .at_offset(bytes, at),
        Fail::Other(kind, detail, at) => DecodeError::new(kind, detail).at_offset(bytes, at),
    })
}

/// A failure while reading a v2 body.
enum Fail {
    Scan(ScanError),
    Other(ErrorKind, &'static str, usize),
}

impl From<ScanError> for Fail {
    fn from(e: ScanError) -> Self {
        Fail::Scan(e)
    }
}

/// A member name: borrowed unless it has escapes.
fn key<'a>(sc: &mut Scanner<'_>, text: &'a str) -> Result<Cow<'a, str>, ScanError> {
    let (r, escapes) = sc.string()?;
    Ok(if escapes {
        Cow::Owned(unescape(&text[r]))
    } else {
        Cow::Borrowed(&text[r.start + 1..r.end - 1])
    })
}

fn read_body<'a, C: Catalog>(
    sc: &mut Scanner<'_>,
    text: &'a str,
    limits: &Limits,
) -> Result<Body<'a, C>, Fail> {
    if sc.peek() != Some(b'{') {
        return Err(Fail::Other(ErrorKind::Shape, "not a JSON object", sc.i));
    }
    if limits.max_depth < 1 {
        return Err(Fail::Scan(ScanError::TooDeep(sc.i)));
    }
    sc.i += 1;
    // Allocated on the first member: a body of only `errors` needs none.
    let mut top: Vec<(Cow<'a, str>, RawJson<'a>)> = Vec::new();
    let mut errors: Option<(Vec<Problem<'a, C>>, bool)> = None;
    let mut errors_at = 0;
    if sc.peek() == Some(b'}') {
        sc.i += 1;
    } else {
        loop {
            let k = key(sc, text)?;
            sc.expect(b':', "expected `:`")?;
            if k == "errors" && errors.is_none() {
                errors_at = top.len();
                errors = Some(read_items(sc, text, limits)?);
            } else {
                let r = sc.value(1)?;
                top.push((k, RawJson(Cow::Borrowed(&text[r]))));
            }
            match sc.peek() {
                Some(b',') => sc.i += 1,
                Some(b'}') => {
                    sc.i += 1;
                    break;
                }
                None => return Err(Fail::Scan(ScanError::Syntax("unexpected end", sc.i))),
                Some(_) => return Err(Fail::Scan(ScanError::Syntax("expected `,` or `}`", sc.i))),
            }
        }
    }
    if !sc.at_end() {
        return Err(Fail::Scan(ScanError::Syntax("trailing characters", sc.i)));
    }
    let has_problem = top.iter().any(|(k, _)| C::Object::REQUIRED.contains(&&**k));
    let seen_errors = errors.is_some();
    let Some((errors, single)) = errors.or_else(|| has_problem.then(|| (Vec::new(), false))) else {
        return Err(Fail::Other(
            ErrorKind::Shape,
            "neither problem members (`type`, `title`, `detail`) nor `errors`",
            0,
        ));
    };
    let errors_at = seen_errors.then_some(errors_at);
    let layout = |slots| {
        super::Hint(Layout {
            errors_at,
            slots,
            single,
        })
    };
    if !has_problem {
        return Ok(Body {
            problem: None,
            errors,
            result: top,
            layout: layout(None),
        });
    }
    let known = |members: &[(Cow<'a, str>, RawJson<'a>)]| {
        members
            .iter()
            .find(|(k, _)| k == "type")
            .and_then(|(_, v)| v.as_str())
            .and_then(|u| resolve::<C>(&u))
    };
    if !top.iter().any(|(k, _)| RESULT.contains(&&**k)) {
        let known = known(&top);
        return Ok(Body {
            problem: Some(Problem {
                members: top,
                known,
            }),
            errors,
            result: Vec::new(),
            layout: layout(None),
        });
    }
    let mut slots = Vec::with_capacity(top.len());
    let mut members = Vec::new();
    let mut result = Vec::new();
    for (k, v) in top {
        if RESULT.contains(&&*k) {
            result.push((k, v));
            slots.push(Slot::Result);
        } else {
            members.push((k, v));
            slots.push(Slot::Problem);
        }
    }
    let known = known(&members);
    Ok(Body {
        problem: Some(Problem { members, known }),
        errors,
        result,
        layout: layout(Some(slots)),
    })
}

/// The value of `errors`: an array of objects, or one object.
fn read_items<'a, C: Catalog>(
    sc: &mut Scanner<'_>,
    text: &'a str,
    limits: &Limits,
) -> Result<(Vec<Problem<'a, C>>, bool), Fail> {
    let wrong = |sc: &Scanner<'_>| {
        Fail::Other(
            ErrorKind::Type,
            "`errors` must be an array of error objects or one error object",
            sc.i,
        )
    };
    match sc.peek() {
        Some(b'{') => Ok((vec![read_item(sc, text, limits, 2)?], true)),
        Some(b'[') => {
            if limits.max_depth < 2 {
                return Err(Fail::Scan(ScanError::TooDeep(sc.i)));
            }
            sc.i += 1;
            let mut items = Vec::new();
            if sc.peek() == Some(b']') {
                sc.i += 1;
                return Ok((items, false));
            }
            loop {
                if items.len() == limits.max_errors {
                    return Err(Fail::Other(
                        ErrorKind::TooManyErrors,
                        "more error items than the limit",
                        sc.i,
                    ));
                }
                if sc.peek() != Some(b'{') {
                    // Not JSON at all is a syntax error; other JSON, a type.
                    sc.value(2)?;
                    return Err(wrong(sc));
                }
                items.push(read_item(sc, text, limits, 3)?);
                match sc.peek() {
                    Some(b',') => sc.i += 1,
                    Some(b']') => {
                        sc.i += 1;
                        return Ok((items, false));
                    }
                    None => return Err(Fail::Scan(ScanError::Syntax("unexpected end", sc.i))),
                    Some(_) => {
                        return Err(Fail::Scan(ScanError::Syntax("expected `,` or `]`", sc.i)))
                    }
                }
            }
        }
        _ => {
            // Check that it is JSON at all before calling it the wrong type.
            sc.value(1)?;
            Err(wrong(sc))
        }
    }
}

/// One error object at the next `{`, which sits at `depth`.
fn read_item<'a, C: Catalog>(
    sc: &mut Scanner<'_>,
    text: &'a str,
    limits: &Limits,
    depth: usize,
) -> Result<Problem<'a, C>, Fail> {
    if depth > limits.max_depth {
        return Err(Fail::Scan(ScanError::TooDeep(sc.i)));
    }
    sc.i += 1;
    // Room for the members of the error objects the API sends.
    let mut p = Problem {
        members: Vec::with_capacity(12),
        known: None,
    };
    if sc.peek() == Some(b'}') {
        sc.i += 1;
        return Ok(p);
    }
    loop {
        let k = key(sc, text)?;
        sc.expect(b':', "expected `:`")?;
        let r = sc.value(depth)?;
        let v = RawJson(Cow::Borrowed(&text[r]));
        if k == "type" {
            p.known = v.as_str().and_then(|u| resolve::<C>(&u));
        }
        p.members.push((k, v));
        match sc.peek() {
            Some(b',') => sc.i += 1,
            Some(b'}') => {
                sc.i += 1;
                return Ok(p);
            }
            None => return Err(Fail::Scan(ScanError::Syntax("unexpected end", sc.i))),
            Some(_) => return Err(Fail::Scan(ScanError::Syntax("expected `,` or `}`", sc.i))),
        }
    }
}

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

/// A member's JSON text handed to the catalog's `Deserialize`: each call
/// parses the text with `serde_json`.
struct RawDe<'de>(&'de str);

macro_rules! forward_raw {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Self::Error> {
                let mut de = serde_json::Deserializer::from_str(self.0);
                let value = de::Deserializer::$method(&mut de, $($arg,)* visitor)?;
                de.end()?;
                Ok(value)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for RawDe<'de> {
    type Error = serde_json::Error;
    forward_raw! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }
}

impl<'de> IntoDeserializer<'de, serde_json::Error> for RawDe<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
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
        assert_eq!(
            b.problem.as_ref().unwrap().problem_type(),
            Some(ProblemType::InvalidRequest)
        );
        let item = &b.errors[0];
        assert!(item.to_object().is_none());
        assert_eq!(
            item.message().as_deref(),
            Some("The `ids` query parameter can not be empty")
        );
        assert_eq!(item.get("parameters").unwrap().get(), r#"{"ids":[]}"#);
        assert_eq!(b.encode(), body);
        assert!(!b.is_partial());
    }

    #[test]
    fn partial_results_keep_data() {
        let body = br#"{"data":[{"id":"1"}],"errors":[{"value":"2","detail":"Could not find tweet with ids: [2].","title":"Not Found Error","resource_type":"tweet","parameter":"ids","resource_id":"2","type":"https://api.twitter.com/2/problems/resource-not-found"}]}"#;
        let b = decode(body).unwrap();
        assert!(b.is_partial());
        assert_eq!(b.data().unwrap().get(), r#"[{"id":"1"}]"#);
        let o: ErrorObject = b.errors[0].to_object().unwrap();
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
        let p = Problem::from_object(&o).unwrap();
        assert_eq!(p.problem_type(), Some(ProblemType::Generic));
        let b: Body<'_> = Body::new(Some(p), Vec::new());
        let text = String::from_utf8(b.encode()).unwrap();
        assert_eq!(
            text,
            r#"{"detail":"Too Many Requests","title":"Too Many Requests","type":"about:blank"}"#
        );
        assert_eq!(decode(text.as_bytes()).unwrap(), b);
    }

    #[test]
    fn a_problem_without_errors_member_encodes_without_one() {
        let body = br#"{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}"#;
        let b = decode(body).unwrap();
        assert!(b.errors.is_empty());
        assert_eq!(b.encode(), body);
    }

    #[test]
    fn problem_types_match_by_path_under_any_host() {
        for (uri, want) in [
            (
                "https://api.twitter.com/2/problems/usage-capped",
                Some(ProblemType::UsageCapped),
            ),
            (
                "https://api.X.com/2/problems/usage-capped",
                Some(ProblemType::UsageCapped),
            ),
            (
                "https://api.example.com/3/problems/invalid-request",
                Some(ProblemType::InvalidRequest),
            ),
            (
                "https://api.example.com/problems/invalid-request/more",
                None,
            ),
            ("https://api.example.com/2/problems/no-such-thing", None),
            ("about:blank", Some(ProblemType::Generic)),
        ] {
            let body = format!(r#"{{"type":"{uri}","title":"t","detail":"d"}}"#);
            let b = decode(body.as_bytes()).unwrap();
            assert_eq!(b.problem.unwrap().problem_type(), want, "{uri}");
        }
    }

    #[test]
    fn not_problem_bodies() {
        for (body, kind) in [
            (&br#"{"data":{"id":"1"}}"#[..], ErrorKind::Shape),
            (b"[]", ErrorKind::Shape),
            (br#"{"errors":"x"}"#, ErrorKind::Type),
            (br#"{"errors":[1]}"#, ErrorKind::Type),
            (br#"{"errors":[{}],}"#, ErrorKind::Syntax),
            (br#"{"errors":[{"a":01}]}"#, ErrorKind::Syntax),
            (br#"{"errors":[{"a":1}]} x"#, ErrorKind::Syntax),
            (b"{\"errors\":[{\"a\":\"\xff\"}]}", ErrorKind::InvalidUtf8),
        ] {
            let e = decode(body).unwrap_err();
            assert_eq!(e.kind(), kind, "{}: {e}", String::from_utf8_lossy(body));
        }
    }
}
