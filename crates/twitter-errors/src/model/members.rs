//! [`Members`]: the members of a JSON object (or an XML element's
//! attributes), in order, each kept as the exact JSON text it came as.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::value::RawValue;

/// A member's value: its JSON text exactly as it came (`1e400` and 30-digit
/// integers included), borrowed from the input when decoded, owned when
/// built.
pub type Json<'a> = Cow<'a, RawValue>;

/// Members of an object, in the order they came, each value kept as its
/// JSON text. Nothing is dropped and nothing is merged: a name that repeats
/// keeps every occurrence in its place, and encoding writes them all back.
///
/// When a name repeats, lookups ([`Members::get`] and the typed accessors
/// built on it) read the **first** occurrence; [`Members::get_all`] gives
/// every one.
///
/// Pushing is constant time and a lookup is constant time on average,
/// whatever the number of members: past a handful, the first lookup builds
/// an index from each name to its first occurrence (a `HashMap` with the
/// standard library's randomly seeded hasher, so member names chosen by an
/// attacker cannot make it slow), which later pushes keep up to date.
/// Decoding itself looks nothing up, so a long list costs no index unless
/// it is searched.
///
/// ```
/// use twitter_errors::Members;
///
/// let mut m = Members::new();
/// m.push_text("request", "/1/statuses/show.json");
/// m.push_json("code", "1e400").unwrap();
/// m.push_text("request", "again");
/// assert_eq!(m.len(), 3);
/// assert_eq!(m.get_str("request").as_deref(), Some("/1/statuses/show.json"));
/// assert_eq!(m.get("code").unwrap().get(), "1e400");
/// assert_eq!(m.get_all("request").count(), 2);
/// ```
#[derive(Clone, Default)]
pub struct Members<'a> {
    list: Vec<(Cow<'a, str>, Json<'a>)>,
    /// Name to the position of its first occurrence, built by the first
    /// lookup into a list longer than [`INDEX_AT`].
    /// Its names are copies: a lifetime inside a `OnceLock` would make the
    /// members' own lifetime invariant.
    index: OnceLock<HashMap<Box<str>, usize>>,
}

/// Up to this many members, a lookup scans them: faster than hashing.
const INDEX_AT: usize = 8;

impl<'a> Members<'a> {
    /// No members.
    pub const fn new() -> Self {
        Members {
            list: Vec::new(),
            index: OnceLock::new(),
        }
    }

    /// No members, with room for `n`.
    pub fn with_capacity(n: usize) -> Self {
        Members {
            list: Vec::with_capacity(n),
            index: OnceLock::new(),
        }
    }

    /// Appends a member. An earlier member of the same name stays.
    pub fn push(&mut self, name: impl Into<Cow<'a, str>>, value: Json<'a>) {
        let name = name.into();
        if let Some(index) = self.index.get_mut() {
            index.entry(Box::from(&*name)).or_insert(self.list.len());
        }
        self.list.push((name, value));
    }

    /// Appends a member whose value is a JSON string holding `text`.
    pub fn push_text(&mut self, name: impl Into<Cow<'a, str>>, text: &str) {
        self.push(name, Cow::Owned(string(text)));
    }

    /// Appends a member whose value is the JSON text `json`, checked to be
    /// one JSON value.
    pub fn push_json(
        &mut self,
        name: impl Into<Cow<'a, str>>,
        json: &str,
    ) -> Result<(), serde_json::Error> {
        let value = RawValue::from_string(json.to_owned())?;
        self.push(name, Cow::Owned(value));
        Ok(())
    }

    /// Sets the first member of this name to `value`, or appends one.
    pub fn set(&mut self, name: impl Into<Cow<'a, str>>, value: Json<'a>) {
        let name = name.into();
        match self.position(&name) {
            Some(i) => self.list[i].1 = value,
            None => self.push(name, value),
        }
    }

    /// The index of the first member of this name.
    pub(crate) fn position(&self, name: &str) -> Option<usize> {
        if self.list.len() <= INDEX_AT {
            return self.list.iter().position(|(k, _)| k == name);
        }
        let index = self.index.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.list.len());
            for (i, (k, _)) in self.list.iter().enumerate() {
                index.entry(Box::from(&**k)).or_insert(i);
            }
            index
        });
        index.get(name).copied()
    }

    /// The value of the first member of this name.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.position(name).map(|i| &*self.list[i].1)
    }

    /// The value of every member of this name, in order.
    pub fn get_all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s RawValue> + 's {
        self.list
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| &**v)
    }

    /// The first member of this name, when it is a JSON string: borrowed
    /// when it has no escapes.
    pub fn get_str(&self, name: &str) -> Option<Cow<'_, str>> {
        self.get(name).and_then(as_str)
    }

    /// The first member of this name, when it is an integer that fits in
    /// `i64`.
    pub fn get_i64(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(|v| v.get().parse().ok())
    }

    /// The member at `index` (counting repeats).
    #[cfg(feature = "xml")]
    pub(crate) fn entry(&self, index: usize) -> Option<(&str, &RawValue)> {
        self.list.get(index).map(|(k, v)| (&**k, &**v))
    }

    /// The value of the member at `index` (counting repeats).
    pub fn value_at(&self, index: usize) -> Option<&RawValue> {
        self.list.get(index).map(|(_, v)| &**v)
    }

    /// Whether a member of this name is there.
    pub fn contains(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// The members in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &RawValue)> + '_ {
        self.list.iter().map(|(k, v)| (&**k, &**v))
    }

    /// How many members there are, repeats included.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Removes the member at `index` and returns it. Linear in the number
    /// of members.
    pub(crate) fn remove_at(&mut self, index: usize) -> (Cow<'a, str>, Json<'a>) {
        // Positions after it move: the index is built again when needed.
        self.index = OnceLock::new();
        self.list.remove(index)
    }

    /// Detaches the members from the input they borrow.
    pub fn into_owned(self) -> Members<'static> {
        let mut m = Members::new();
        m.list.reserve(self.list.len());
        for (k, v) in self.list {
            m.push(Cow::Owned(k.into_owned()), Cow::Owned(v.into_owned()));
        }
        m
    }
}

impl<'a> IntoIterator for Members<'a> {
    type Item = (Cow<'a, str>, Json<'a>);
    type IntoIter = std::vec::IntoIter<(Cow<'a, str>, Json<'a>)>;

    /// The members in order.
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl PartialEq for Members<'_> {
    /// Equal when the names and values are, in the same order. Values are
    /// compared by their JSON text, numbers digit for digit (`1e400` equals
    /// only `1e400`), with what encoding may change set aside: whitespace
    /// between tokens, and the escapes `\/`, `\u003c`, `\u2028` and
    /// `\u2029`.
    fn eq(&self, other: &Self) -> bool {
        self.list.len() == other.list.len()
            && self
                .list
                .iter()
                .zip(&other.list)
                .all(|((a, x), (b, y))| a == b && same_json(x.get(), y.get()))
    }
}

/// Whether two JSON texts are the same but for whitespace between tokens
/// and the escapes `\/`, `\u003c`, `\u2028`, `\u2029`.
pub(crate) fn same_json(a: &str, b: &str) -> bool {
    a == b || Tokens::new(a).eq(Tokens::new(b))
}

/// The bytes of a JSON text with whitespace between tokens left out and
/// `\/`, `\u003c`, `\u2028` and `\u2029` written as the characters they
/// escape.
struct Tokens<'a> {
    text: &'a [u8],
    at: usize,
    in_string: bool,
    /// The next byte ends an escape: give it as it is.
    verbatim: bool,
    /// Bytes of an unescaped character still to give.
    pending: &'static [u8],
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Self {
        Tokens {
            text: text.as_bytes(),
            at: 0,
            in_string: false,
            verbatim: false,
            pending: &[],
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        if let Some((&b, rest)) = self.pending.split_first() {
            self.pending = rest;
            return Some(b);
        }
        loop {
            let b = *self.text.get(self.at)?;
            self.at += 1;
            if std::mem::take(&mut self.verbatim) {
                return Some(b);
            }
            if !self.in_string {
                if b.is_ascii_whitespace() {
                    continue;
                }
                self.in_string = b == b'"';
                return Some(b);
            }
            if b == b'"' {
                self.in_string = false;
            } else if b == b'\\' {
                let rest = &self.text[self.at..];
                let (skip, unescaped): (usize, &'static [u8]) = if rest.starts_with(b"/") {
                    (1, b"/")
                } else if rest.starts_with(b"u2028") {
                    (5, "\u{2028}".as_bytes())
                } else if rest.starts_with(b"u2029") {
                    (5, "\u{2029}".as_bytes())
                } else if rest.starts_with(b"u003c") || rest.starts_with(b"u003C") {
                    (5, b"<")
                } else {
                    self.verbatim = true;
                    return Some(b);
                };
                self.at += skip;
                self.pending = &unescaped[1..];
                return Some(unescaped[0]);
            }
            return Some(b);
        }
    }
}

impl core::fmt::Debug for Members<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_map()
            .entries(self.list.iter().map(|(k, v)| (k, v.get())))
            .finish()
    }
}

impl<'a, K: Into<Cow<'a, str>>> FromIterator<(K, Json<'a>)> for Members<'a> {
    fn from_iter<I: IntoIterator<Item = (K, Json<'a>)>>(iter: I) -> Self {
        let mut m = Members::new();
        for (k, v) in iter {
            m.push(k, v);
        }
        m
    }
}

impl serde::Serialize for Members<'_> {
    /// A JSON object with every member, repeats included, in order.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(Some(self.list.len()))?;
        for (k, v) in &self.list {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A JSON value that is a string holding `text`.
pub fn string(text: &str) -> Box<RawValue> {
    // Serializing a string cannot fail, and its output is one JSON value.
    serde_json::value::to_raw_value(text).unwrap_or_else(|_| null())
}

/// The JSON value `null`.
pub(crate) fn null() -> Box<RawValue> {
    RawValue::NULL.to_owned()
}

/// A JSON value that is the integer `n`.
pub fn integer(n: i64) -> Box<RawValue> {
    serde_json::value::to_raw_value(&n).unwrap_or_else(|_| null())
}

/// The text of a JSON string value, when it is one: borrowed when it has no
/// escapes.
pub fn as_str(value: &RawValue) -> Option<Cow<'_, str>> {
    let text = value.get();
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    if !inner.contains('\\') {
        return Some(Cow::Borrowed(inner));
    }
    serde_json::from_str::<String>(text).ok().map(Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::same_json;

    #[test]
    fn json_texts_compare_past_layout() {
        assert!(same_json("[1, {\"a\" : \"b c\"}]", "[1,{\"a\":\"b c\"}]"));
        assert!(same_json(r#""a\/b""#, r#""a/b""#));
        assert!(same_json(r#""\u2028""#, "\"\u{2028}\""));
        assert!(!same_json(r#""b c""#, r#""bc""#));
        assert!(!same_json("1e400", "-1e400"));
        assert!(!same_json("1e400", "null"));
        assert!(!same_json(r#""\"""#, r#""""#));
        // An escaped backslash, then a slash written either way.
        assert!(same_json(r#""\\\/""#, r#""\\/""#));
        assert!(!same_json(r#""\\/""#, r#""\/""#));
    }
}
