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
//! attached ([`ProblemBody::is_partial`]): the call worked for everything else, and
//! [`ProblemBody::result`] keeps `data`, `includes` and `meta`.
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
//! assert_eq!(body.encode().unwrap(), bytes);
//! ```

use std::borrow::Cow;
use std::fmt;

use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::read::{read, Any, Cx, MembersSeed, PhantomC};
use super::write::{Budget, Escape, Writer};
use super::{Bounds, DecodeError, EncodeError, ErrorKind};
use crate::__private::Key;
use crate::catalog::{Catalog, Format, ObjectEntry};
use crate::model::{Hint, Members};

pub use crate::model::Problem;

/// A decoded v2 error body.
#[derive(Clone, Debug, PartialEq)]
pub struct ProblemBody<'a, C: Catalog = crate::Twitter> {
    /// The problem the body's top-level members describe, when it has one
    /// (`type`, `title` or `detail` at the top).
    pub problem: Option<Problem<'a, C>>,
    /// The items of `errors`.
    pub errors: Vec<Problem<'a, C>>,
    /// The other top-level members (`data`, `includes`, `meta`...), in
    /// order.
    pub result: Members<'a>,
    layout: Hint<Layout>,
}

#[derive(Clone, Debug, Default)]
struct Layout {
    /// The top-level members in the order they came; empty for built
    /// values, which write the result, the problem, then `errors`.
    order: Vec<Slot>,
    /// `errors` came as one object, not an array.
    single: bool,
}

/// Which list a top-level member came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// The next member of `problem`.
    Problem,
    /// The next member of `result`.
    Result,
    /// `errors`.
    Errors,
}

/// Top-level members of a v2 result rather than of a problem.
const RESULT: &[&str] = &["data", "includes", "meta", "matching_rules"];

impl<'a, C: Catalog> ProblemBody<'a, C> {
    /// A body with a problem at the top and `errors` items.
    pub fn new(problem: Option<Problem<'a, C>>, errors: Vec<Problem<'a, C>>) -> Self {
        ProblemBody {
            problem,
            errors,
            result: Members::new(),
            layout: Hint::default(),
        }
    }

    /// Whether the body has the shape of a result with problems attached
    /// (v2 partial errors): no problem at the top, items in `errors`, with
    /// or without `data`. Served with status 200 it is a partial result
    /// ([`Outcome::Partial`](crate::response::Outcome::Partial)); with an
    /// error status, the items are the error.
    pub fn is_partial(&self) -> bool {
        self.problem.is_none() && !self.errors.is_empty()
    }

    /// The body's problem, then each item of `errors`.
    pub fn problems(&self) -> impl Iterator<Item = &Problem<'a, C>> + '_ {
        self.problem.iter().chain(&self.errors)
    }

    /// `data`, when the body has it.
    pub fn data(&self) -> Option<&RawValue> {
        self.result.get("data")
    }

    encoders!(" as compact JSON, every member written as it came");

    fn size_hint(&self) -> usize {
        let len = |m: &Members<'_>| {
            m.iter()
                .map(|(k, v)| k.len() + v.get().len() + 4)
                .sum::<usize>()
        };
        16 + self.problems().map(|p| len(p.members()) + 2).sum::<usize>() + len(&self.result)
    }

    /// Encodes the body, appending to `out`. On an error, `out` is left as
    /// it was.
    pub fn encode_into(&self, out: &mut Vec<u8>, limits: &Bounds) -> Result<(), EncodeError> {
        self.check(limits)?;
        let start = out.len();
        self.write(out);
        super::check_size(out, start, limits)
    }

    fn check(&self, limits: &Bounds) -> Result<(), EncodeError> {
        let mut budget = Budget::new(limits);
        budget.container(1)?;
        let top = self.problem.as_ref().map_or(0, Problem::len) + self.result.len();
        let errors = self.has_errors_member();
        budget.members(top + usize::from(errors))?;
        budget.values(&self.result, 2)?;
        if let Some(p) = &self.problem {
            budget.values(p.members(), 2)?;
        }
        if errors {
            let single = self.layout.0.single && self.errors.len() == 1;
            budget.errors(self.errors.len())?;
            let depth = if single { 2 } else { 3 };
            budget.container(depth - 1)?;
            for p in &self.errors {
                budget.container(depth)?;
                budget.members(p.len())?;
                budget.values(p.members(), depth + 1)?;
            }
        }
        Ok(())
    }

    /// Whether encoding writes an `errors` member: when the body came with
    /// one, when it has items, and always for a body without a problem.
    fn has_errors_member(&self) -> bool {
        self.layout.0.order.contains(&Slot::Errors)
            || !self.errors.is_empty()
            || self.problem.is_none()
    }

    fn write(&self, out: &mut Vec<u8>) {
        let empty = Members::new();
        let mut problem = self
            .problem
            .as_ref()
            .map_or(&empty, Problem::members)
            .iter();
        let mut result = self.result.iter();
        let mut w = Writer::new(out, Escape::plain());
        w.open(b'{');
        let mut errors_done = false;
        for slot in &self.layout.0.order {
            let next = match slot {
                Slot::Problem => problem.next(),
                Slot::Result => result.next(),
                Slot::Errors => {
                    if !std::mem::replace(&mut errors_done, true) {
                        self.write_errors(&mut w);
                    }
                    continue;
                }
            };
            if let Some((k, v)) = next {
                w.member(k, v.get());
            }
        }
        // Whatever the order did not place (all of it, for built values):
        // the result, the problem, then `errors`.
        for (k, v) in result.chain(problem) {
            w.member(k, v.get());
        }
        if !errors_done && self.has_errors_member() {
            self.write_errors(&mut w);
        }
        w.close(b'}');
    }

    fn write_errors(&self, w: &mut Writer<'_>) {
        w.lit(b"\"errors\"");
        if self.layout.0.single && self.errors.len() == 1 {
            w.object(self.errors[0].members());
        } else {
            w.open(b'[');
            for (i, p) in self.errors.iter().enumerate() {
                if i > 0 {
                    w.out.push(b',');
                }
                w.object(p.members());
            }
            w.close(b']');
        }
    }

    /// Detaches the body from the input it borrows.
    pub fn into_owned(self) -> ProblemBody<'static, C> {
        ProblemBody {
            problem: self.problem.map(Problem::into_owned),
            errors: self.errors.into_iter().map(Problem::into_owned).collect(),
            result: self.result.into_owned(),
            layout: self.layout,
        }
    }
}

// ---------------------------------------------------------------------------
// Reading: serde_json's `Deserializer` and the visitors below, with every
// member kept as its `RawValue` (see the `codec` module's docs).

decoders!(Format::Problem, "a v2 body", ProblemBody);

pub(crate) fn decode_bytes<'a, C: Catalog>(
    bytes: &'a [u8],
    limits: &Bounds,
) -> Result<ProblemBody<'a, C>, DecodeError> {
    let text = super::utf8(bytes)?;
    let cx = Cx::new(limits, false, text);
    read(text, &cx, Any(BodySeed::<C>(&cx, PhantomC::default())))
}

/// A whole v2 body.
struct BodySeed<'c, 'l, C>(&'c Cx<'l>, PhantomC<C>);

impl<'de, C: Catalog> Visitor<'de> for BodySeed<'_, '_, C> {
    type Value = ProblemBody<'de, C>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a v2 body: a JSON object")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.0.fail(ErrorKind::Shape, "not a JSON object"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let cx = self.0;
        cx.enter(1)?;
        let mut problem = Members::new();
        let mut result = Members::new();
        let mut errors: Option<(Vec<Problem<'de, C>>, bool)> = None;
        let mut order = Vec::new();
        let mut has_problem = false;
        while let Some(Key(k)) = map.next_key()? {
            if k == "errors" && errors.is_none() {
                cx.member()?;
                errors = Some(map.next_value_seed(Any(ItemsSeed::<C> {
                    cx,
                    marker: PhantomC::default(),
                }))?);
                order.push(Slot::Errors);
                continue;
            }
            let raw = cx.raw(&mut map, 2, &format_args!("`{k}`"))?;
            if RESULT.contains(&&*k) {
                result.push(k, Cow::Borrowed(raw));
                order.push(Slot::Result);
            } else {
                has_problem |= C::Object::REQUIRED.contains(&&*k);
                problem.push(k, Cow::Borrowed(raw));
                order.push(Slot::Problem);
            }
        }
        let (errors, single) = match errors {
            Some(e) => e,
            None if has_problem => (Vec::new(), false),
            None => {
                return Err(cx.fail(
                    ErrorKind::Shape,
                    "neither problem members (`type`, `title`, `detail`) nor `errors`",
                ))
            }
        };
        if !has_problem && !problem.is_empty() {
            // The top-level members of a body without a problem are all its
            // result, in the order they came.
            let (mut p, mut r) = (problem.into_iter(), result.into_iter());
            result = Members::new();
            for slot in order.iter_mut().filter(|s| **s != Slot::Errors) {
                let next = if *slot == Slot::Problem {
                    p.next()
                } else {
                    r.next()
                };
                if let Some((k, v)) = next {
                    result.push(k, v);
                }
                *slot = Slot::Result;
            }
            problem = Members::new();
        }
        Ok(ProblemBody {
            problem: has_problem.then(|| Problem::from(problem)),
            errors,
            result,
            layout: Hint(Layout { order, single }),
        })
    }
}

/// An item of `errors`: an object, at depth 3.
struct ItemSeed<'c, 'l> {
    cx: &'c Cx<'l>,
}

impl<'de> Visitor<'de> for ItemSeed<'_, '_> {
    type Value = Members<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(WRONG_ITEMS)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        MembersSeed {
            cx: self.cx,
            depth: 3,
        }
        .visit_map(map)
    }
}

/// The value of `errors`: an array of objects, or one object.
struct ItemsSeed<'c, 'l, C> {
    cx: &'c Cx<'l>,
    marker: PhantomC<C>,
}

const WRONG_ITEMS: &str = "`errors` must be an array of error objects or one error object";

impl<'de, C: Catalog> Visitor<'de> for ItemsSeed<'_, '_, C> {
    type Value = (Vec<Problem<'de, C>>, bool);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(WRONG_ITEMS)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        // One object is one error item, counted as an array's would be.
        if self.cx.limits.max_errors == 0 {
            return Err(self
                .cx
                .fail(ErrorKind::TooManyErrors, "more than 0 errors".to_string()));
        }
        let members = MembersSeed {
            cx: self.cx,
            depth: 2,
        }
        .visit_map(map)?;
        Ok((vec![Problem::from(members)], true))
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
                return Ok((items, false));
            }
            match seq.next_element_seed(Any(ItemSeed { cx }))? {
                Some(members) => items.push(Problem::from(members)),
                None => return Ok((items, false)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProblemUri;
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
        assert_eq!(b.encode().unwrap(), body);
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
        assert_eq!(b.encode().unwrap(), body);
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
        let b: ProblemBody<'_> = ProblemBody::new(Some(p), Vec::new());
        let text = String::from_utf8(b.encode().unwrap()).unwrap();
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
        assert_eq!(b.encode().unwrap(), body);
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
