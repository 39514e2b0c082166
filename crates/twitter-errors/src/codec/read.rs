//! Reading JSON, shared by every JSON format. serde_json's `Deserializer`
//! drives the visitors of each format, and every member the model does not
//! type is captured as a borrowed `&RawValue`, its exact text; this module
//! holds what they share: the decoding state and its limits, the checks on
//! a captured value, and the visitors for strings and member lists.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::write::room;
use super::{Bounds, DecodeError, ErrorKind};
use crate::__private::Key;
use crate::model::Members;

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
    let cx = Cx::new(&Bounds::DEFAULT, false, text);
    let mut de = serde_json::Deserializer::from_str(text);
    let members = Any(MembersSeed { cx: &cx, depth: 1 }).deserialize(&mut de)?;
    de.end()?;
    Ok(members)
}

/// Whether a JSON text escapes a `/` anywhere; in a script (JSONP), other
/// than in `<\/`, which is written there whether or not slashes are.
pub(crate) fn has_escaped_slash(text: &[u8], script: bool) -> bool {
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
    pub(crate) limits: &'l Bounds,
    pub(crate) strict: bool,
    pub(crate) side: Cell<Option<DecodeError>>,
    members: Cell<usize>,
    /// Whether the body has a `\u` escape anywhere: only then can a
    /// captured value hold a lone surrogate.
    escapes: bool,
}

impl<'l> Cx<'l> {
    pub(crate) fn new(limits: &'l Bounds, strict: bool, text: &str) -> Self {
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

    /// Counts one more member against [`Bounds::max_members`].
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
pub(crate) fn fits_depth(raw: &RawValue, room: usize) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
