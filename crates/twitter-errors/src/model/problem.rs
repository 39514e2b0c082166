//! The v2 error object: a whole v2 body's problem, or one item of its
//! `errors` array.

use std::borrow::Cow;

use serde_json::value::RawValue;

use super::members::{self, Json, Members};
use crate::catalog::{Catalog, DetailInfo, ObjectEntry, ProblemEntry};
use crate::known::ProblemUri;

/// One v2 error object: its members in the order they came, each kept as
/// its JSON text, with the problem type resolved from `type`.
///
/// The accessors type the members on demand: [`Problem::title`],
/// [`Problem::status`]..., and [`Problem::to_object`] for the catalog's
/// [`ErrorObject`](crate::ErrorObject) with every documented member typed.
/// When a member repeats, the accessors read its first occurrence (see
/// [`Members`]); encoding writes every one back.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem<'a, C: Catalog = crate::Twitter> {
    members: Members<'a>,
    /// The catalog entry the first `type` names.
    known: Option<C::Problem>,
}

impl<C: Catalog> Default for Problem<'_, C> {
    fn default() -> Self {
        Problem {
            members: Members::new(),
            known: None,
        }
    }
}

impl<'a, C: Catalog> From<Members<'a>> for Problem<'a, C> {
    fn from(members: Members<'a>) -> Self {
        // One scan: a lookup would index a long list for this one name.
        let known = members
            .iter()
            .find(|(k, _)| *k == "type")
            .and_then(|(_, v)| resolve::<C>(v));
        Problem { members, known }
    }
}

/// The catalog entry a `type` value names: under one of the catalog's
/// hosts, or, since the host changed over time, under any host whose path
/// ends in `/problems/<slug>`.
fn resolve<C: Catalog>(value: &RawValue) -> Option<C::Problem> {
    let uri = members::as_str(value)?;
    C::Problem::from_uri(&uri).or_else(|| {
        let (_, slug) = uri.rsplit_once("/problems/")?;
        (!slug.is_empty() && !slug.contains(['/', '?', '#']))
            .then(|| C::Problem::from_slug(slug))
            .flatten()
    })
}

impl<'a, C: Catalog> Problem<'a, C> {
    /// A problem without members.
    pub fn new() -> Self {
        Self::default()
    }

    /// A problem of a catalog type, as an encoder builds one: its `title`
    /// (the reason phrase of its status when no title was ever
    /// published), `detail`, and `type` under
    /// [`ProblemEntry::DEFAULT_HOST`], the host live responses use today.
    ///
    /// ```
    /// use twitter_errors::{Problem, ProblemType};
    ///
    /// let p: Problem = Problem::from_type(ProblemType::UsageCapped, "Usage cap exceeded");
    /// assert_eq!(p.type_uri().as_deref(), Some("https://api.x.com/2/problems/usage-capped"));
    /// let p: Problem = Problem::from_type_on(
    ///     ProblemType::UsageCapped,
    ///     "Usage cap exceeded",
    ///     "https://api.twitter.com/2/problems/",
    /// );
    /// assert_eq!(p.type_uri().as_deref(), Some("https://api.twitter.com/2/problems/usage-capped"));
    /// assert_eq!(p.problem_type(), Some(ProblemType::UsageCapped));
    /// ```
    pub fn from_type(problem_type: C::Problem, detail: &str) -> Problem<'static, C> {
        Problem::from_type_on(problem_type, detail, C::Problem::DEFAULT_HOST)
    }

    /// A problem of a catalog type with its `type` under `prefix`, such as
    /// `https://api.twitter.com/2/problems/` (see [`Problem::from_type`]);
    /// lookups match it under every host.
    pub fn from_type_on(
        problem_type: C::Problem,
        detail: &str,
        prefix: &str,
    ) -> Problem<'static, C> {
        let info = problem_type.info();
        let mut p = Problem::new();
        p.push("title", Cow::Owned(members::string(info.title)));
        p.push("detail", Cow::Owned(members::string(detail)));
        p.push(
            "type",
            Cow::Owned(members::string(&problem_type.uri_on(prefix))),
        );
        p
    }

    /// A problem with the members of the catalog's error object, in the
    /// order its `Serialize` writes them.
    pub fn from_object(object: &C::Object) -> Result<Problem<'static, C>, serde_json::Error> {
        let text = serde_json::to_string(object)?;
        let members = crate::codec::read::object_members(&text)?.into_owned();
        Ok(Problem::from(members))
    }

    /// Appends a member (an earlier one of the same name stays).
    pub fn push(&mut self, name: impl Into<Cow<'a, str>>, value: Json<'a>) {
        let name = name.into();
        if name == "type" && !self.members.contains("type") {
            self.known = resolve::<C>(&value);
        }
        self.members.push(name, value);
    }

    /// Sets the first member of this name, or appends one.
    pub fn set(&mut self, name: impl Into<Cow<'a, str>>, value: Json<'a>) {
        let name = name.into();
        if name == "type" {
            self.known = resolve::<C>(&value);
        }
        self.members.set(name, value);
    }

    /// The members, in order.
    pub fn members(&self) -> &Members<'a> {
        &self.members
    }

    /// A member's JSON text (its first occurrence).
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.members.get(name)
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
    pub fn undocumented(&self) -> impl Iterator<Item = (&str, &RawValue)> + '_ {
        self.members
            .iter()
            .filter(|(k, _)| !C::Object::MEMBERS.contains(k))
    }

    /// A string member.
    pub fn get_str(&self, name: &str) -> Option<Cow<'_, str>> {
        self.members.get_str(name)
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

    /// The catalog's entry for the `detail` text, when the text names a
    /// cause of its own beyond the type (duplicate content, a reply
    /// restriction, an id that was not found): see
    /// [`text::match_detail`](crate::text::match_detail), which also gives
    /// what a template captured.
    pub fn cause(&self) -> Option<&'static DetailInfo<C::Problem, C::Status, C::Code>> {
        let detail = self.detail()?;
        crate::text::match_detail::<C>(&detail).map(|m| m.detail)
    }

    /// `message`, which parameter-validation items carry instead of
    /// `title` and `detail`.
    pub fn message(&self) -> Option<Cow<'_, str>> {
        self.get_str("message")
    }

    /// `status`, the HTTP status some problems repeat in the body, when it
    /// is an integer that fits in `i64`.
    pub fn status(&self) -> Option<i64> {
        self.members.get_i64("status")
    }

    /// The catalog's error object with every documented member typed, or
    /// `None` when the members do not fit it: a member the spec requires is
    /// missing (as in a parameter-validation item), or one has another type
    /// than documented.
    pub fn to_object(&self) -> Option<C::Object> {
        if !C::Object::REQUIRED.iter().all(|r| self.members.contains(r)) {
            return None;
        }
        let text = serde_json::to_string(&self.members).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Detaches the problem from the input it borrows.
    pub fn into_owned(self) -> Problem<'static, C> {
        Problem {
            members: self.members.into_owned(),
            known: self.known,
        }
    }
}
