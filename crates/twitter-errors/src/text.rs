//! Finding the codes a message text names, as forgivingly as the API
//! varies its texts.
//!
//! The API has sent the same text with and without its final period, in
//! other cases, with straight or curly apostrophes, with `http` or
//! `https` and `support.` or `help.` in its links; and many texts carry a
//! parameter name or value. [`match_message`] finds every code
//! a text belongs to in three steps, best first:
//!
//! 1. **exact**: a search of the generated table of the catalog's texts
//!    ([`CodeTable::exact`](crate::catalog::CodeTable::exact));
//! 2. **forgiving**: the same search for the text's forgiving form
//!    ([`normalize`]: surrounding space trimmed, runs of space made one,
//!    ASCII letters in lower case, `’`, `‘` and `ʼ` as `'`, `https://` as
//!    `http://`, `://support.` as `://help.`, one final period dropped),
//!    against the forgiving forms of the catalog's texts, computed when
//!    the catalog is generated;
//! 3. **templates**: texts with `{name}` placeholders
//!    (`{parameter} parameter is missing.`), matched against the forgiving
//!    form, each varying part captured.
//!
//! ```
//! use twitter_errors::text::MatchKind;
//! use twitter_errors::ErrorCode;
//!
//! let found = ErrorCode::match_message("count parameter is invalid", None);
//! assert_eq!(found[0].code, ErrorCode::InvalidAttachmentUrl);
//! assert_eq!(found[0].kind, MatchKind::Template);
//! assert_eq!(found[0].capture("parameter"), Some("count"));
//! ```
//!
//! # Cost, on any input
//!
//! Every step is linear in the text and never panics. The template
//! matcher is written here rather than built on a regex crate: a template
//! is literal segments with placeholders between them, each placeholder
//! taking at least one character, so it matches exactly when the text
//! starts with the first segment, ends with the last, and holds the
//! middle ones in order; taking each middle segment at its leftmost place
//! is always right (a later place leaves less room, never more), so there
//! is no backtracking. Each segment is found with `memchr::memmem`, whose
//! search is linear in the text, and the catalog has a fixed number of
//! templates, with at most a few placeholders each. Texts longer than
//! [`MAX_TEXT`] bytes are only compared exactly: no message the API sends
//! comes close, and the forgiving form of a text costs memory in
//! proportion to it (a few bytes per byte of text, freed on return).

use crate::catalog::{
    Catalog, CodeEntry, DetailInfo, MeaningInfo, NoticeInfo, PolicyInfo, Retry, StatusEntry,
};

mod forgiving;

/// The longest text, in bytes, that forgiving and template lookups read.
pub const MAX_TEXT: usize = 4096;

/// A text in its forgiving form, with where each of its bytes came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`, the range of the input it came from.
    spans: Vec<(u32, u32)>,
}

impl Normalized {
    /// The forgiving form.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl forgiving::Sink for Normalized {
    fn push(&mut self, s: &str, from: usize, to: usize) {
        self.text.push_str(s);
        let span = (from as u32, to as u32);
        self.spans.extend(std::iter::repeat_n(span, s.len()));
    }

    fn written(&self) -> &str {
        &self.text
    }

    fn pop_byte(&mut self) {
        self.text.pop();
        self.spans.pop();
    }
}

/// The forgiving form of `text` (see the module docs), or `None` when the
/// text is longer than [`MAX_TEXT`] bytes. The catalog's generator
/// computes its texts' forms with the same rules.
///
/// ```
/// use twitter_errors::text::normalize;
///
/// let n = normalize("  Bad Authentication data. ").unwrap();
/// assert_eq!(n.as_str(), "bad authentication data");
/// let n = normalize("Contact us through https://support.twitter.com/forms/platform").unwrap();
/// assert_eq!(n.as_str(), "contact us through http://help.twitter.com/forms/platform");
/// ```
pub fn normalize(text: &str) -> Option<Normalized> {
    if text.len() > MAX_TEXT {
        return None;
    }
    let mut n = Normalized {
        text: String::with_capacity(text.len()),
        spans: Vec::with_capacity(text.len()),
    };
    forgiving::write_forgiving(text, &mut n);
    Some(n)
}

/// Forgiving forms that need no positions: the generator's, for the
/// catalog's texts.
impl forgiving::Sink for String {
    fn push(&mut self, s: &str, _from: usize, _to: usize) {
        self.push_str(s);
    }

    fn written(&self) -> &str {
        self
    }

    fn pop_byte(&mut self) {
        self.pop();
    }
}

/// The forgiving form of `text`, of any length, without where its bytes
/// came from: what the generator stores for each of the catalog's texts,
/// and what [`normalize`] computes for a text looked up.
///
/// ```
/// use twitter_errors::text::forgiving_form;
///
/// assert_eq!(forgiving_form("You can’t mute yourself."), "you can't mute yourself");
/// ```
pub fn forgiving_form(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    forgiving::write_forgiving(text, &mut out);
    out
}

/// How a text matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MatchKind {
    /// Byte for byte, as the catalog has it.
    Exact,
    /// Once both were in their forgiving form ([`normalize`]).
    Forgiving,
    /// As a template, its varying parts captured.
    Template,
}

/// The spans of the normalized text `text` each of a template's `k`
/// placeholders takes, when the text matches the template whose literal
/// parts (in forgiving form) are `literals`.
fn spans(literals: &[&str], k: usize, text: &str) -> Option<Vec<(usize, usize)>> {
    let h = text.as_bytes();
    let (first, last) = (*literals.first()?, *literals.last()?);
    if k == 0 || literals.len() != k + 1 {
        return None;
    }
    if h.len() < first.len() + last.len() + k
        || !h.starts_with(first.as_bytes())
        || !h.ends_with(last.as_bytes())
    {
        return None;
    }
    let end = h.len() - last.len();
    let mut pos = first.len();
    let mut spans = Vec::with_capacity(k);
    for lit in &literals[1..k] {
        // The placeholder before takes at least one byte.
        let from = pos + 1;
        let region = h.get(from..end)?;
        let found = from + memchr::memmem::find(region, lit.as_bytes())?;
        spans.push((pos, found));
        pos = found + lit.len();
    }
    if end <= pos {
        return None;
    }
    spans.push((pos, end));
    Some(spans)
}

/// One code a text matched, with how it matched and what a template
/// captured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextMatch<'t, C: 'static> {
    /// The code.
    pub code: C,
    /// How the text matched.
    pub kind: MatchKind,
    meaning: u8,
    template: Option<&'static str>,
    captures: Vec<(&'static str, &'t str)>,
}

impl<'t, C: CodeEntry> TextMatch<'t, C> {
    /// The meaning of the code the text belongs to, when it is one of the
    /// code's other meanings rather than its own.
    pub fn meaning(&self) -> Option<&'static MeaningInfo<C::Status>> {
        let i = usize::from(self.meaning.checked_sub(1)?);
        self.code.info().meanings.get(i)
    }

    /// The template that matched, as the catalog writes it.
    pub fn template(&self) -> Option<&'static str> {
        self.template
    }

    /// What each placeholder of a template took, as the text has it, in
    /// order.
    pub fn captures(&self) -> &[(&'static str, &'t str)] {
        &self.captures
    }

    /// What the placeholder `name` took.
    pub fn capture(&self, name: &str) -> Option<&'t str> {
        self.captures
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    /// The HTTP status of the matched meaning (or of the code).
    pub fn status(&self) -> Option<C::Status> {
        match self.meaning() {
            Some(m) => m.status.or(self.code.info().status),
            None => self.code.info().status,
        }
    }

    /// The retry hint of the matched meaning (or of the code).
    pub fn retry(&self) -> Retry {
        self.meaning().map_or(self.code.info().retry, |m| m.retry)
    }

    /// The retry policy of the matched meaning (or of the code).
    pub fn policy(&self) -> Option<&'static PolicyInfo> {
        match self.meaning() {
            Some(m) => m.policy,
            None => self.code.info().policy,
        }
    }

    /// Whether the match comes with `status`: the meaning's or the code's
    /// status, or one the code has also been seen with.
    fn comes_with(&self, status: u16) -> bool {
        let info = self.code.info();
        self.status().is_some_and(|s| s.info().status == status)
            || (self.meaning.checked_sub(1).is_none()
                && info
                    .other_statuses
                    .iter()
                    .any(|s| s.info().status == status))
    }
}

/// The original text a span of the forgiving form came from, without
/// surrounding space.
fn original<'t>(text: &'t str, n: &Normalized, (a, b): (usize, usize)) -> &'t str {
    let (Some(start), Some(end)) = (
        n.spans.get(a),
        b.checked_sub(1).and_then(|i| n.spans.get(i)),
    ) else {
        return "";
    };
    text.get(start.0 as usize..end.1 as usize)
        .map_or("", str::trim)
}

/// Every code whose texts match `text`, best first: exact texts, then
/// texts that differ only in what the API varies (case, a final period,
/// surrounding space, apostrophes, `http`/`https` and `support.`/`help.`
/// in links), then templates with their parts captured. With a `status`,
/// the candidates that come with it go first. Linear in the text, and
/// never panics (see the module docs).
///
/// `ErrorCode::match_message` calls it for the bundled catalog.
pub fn match_message<C: CodeEntry>(text: &str, status: Option<u16>) -> Vec<TextMatch<'_, C>> {
    fn add<'t, C: CodeEntry>(m: TextMatch<'t, C>, out: &mut Vec<TextMatch<'t, C>>) {
        if !out
            .iter()
            .any(|o| o.code == m.code && o.meaning == m.meaning)
        {
            out.push(m);
        }
    }
    let mut out: Vec<TextMatch<'_, C>> = Vec::new();
    for &(code, meaning) in C::TABLE.exact.all(text.as_bytes()) {
        add(
            TextMatch {
                code,
                kind: MatchKind::Exact,
                meaning,
                template: None,
                captures: Vec::new(),
            },
            &mut out,
        );
    }
    if let Some(n) = normalize(text) {
        {
            for &(code, meaning) in C::TABLE.forgiving.all(n.text.as_bytes()) {
                add(
                    TextMatch {
                        code,
                        kind: MatchKind::Forgiving,
                        meaning,
                        template: None,
                        captures: Vec::new(),
                    },
                    &mut out,
                );
            }
        }
        for t in C::TABLE.templates {
            let Some(spans) = spans(t.literals, t.names.len(), &n.text) else {
                continue;
            };
            let captures = t
                .names
                .iter()
                .zip(spans)
                .map(|(name, span)| (*name, original(text, &n, span)))
                .collect();
            add(
                TextMatch {
                    code: t.code,
                    kind: MatchKind::Template,
                    meaning: t.meaning,
                    template: Some(t.template),
                    captures,
                },
                &mut out,
            );
        }
    }
    if let Some(s) = status {
        // A stable sort: within each group, the order above stays.
        out.sort_by_key(|m| !m.comes_with(s));
    }
    out
}

/// The best code for a text: see [`match_message`]. An exact text is
/// found without computing its forgiving form.
pub fn code_for<C: CodeEntry>(text: &str) -> Option<C> {
    if let Some(&(code, _)) = C::TABLE.exact.all(text.as_bytes()).first() {
        return Some(code);
    }
    match_message::<C>(text, None).first().map(|m| m.code)
}

/// The notice a legacy `error` text is (a text that reports success, such
/// as `Logged out.`), compared as forgivingly as message texts are.
pub fn notice<C: Catalog>(text: &str) -> Option<&'static NoticeInfo> {
    let key = normalize(text)?;
    C::NOTICES
        .iter()
        .find(|n| n.text == text || forgiving_form(n.text) == key.as_str())
}

/// The catalog's entry for a v2 problem's `detail` text, with how it
/// matched and what a template captured.
#[derive(Debug)]
pub struct DetailMatch<'t, C: Catalog> {
    /// The entry.
    pub detail: &'static DetailInfo<C::Problem, C::Status, C::Code>,
    /// How the text matched.
    pub kind: MatchKind,
    template: Option<&'static str>,
    captures: Vec<(&'static str, &'t str)>,
}

impl<C: Catalog> Clone for DetailMatch<'_, C> {
    fn clone(&self) -> Self {
        DetailMatch {
            detail: self.detail,
            kind: self.kind,
            template: self.template,
            captures: self.captures.clone(),
        }
    }
}

impl<C: Catalog> PartialEq for DetailMatch<'_, C> {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self.detail, other.detail)
            && self.kind == other.kind
            && self.template == other.template
            && self.captures == other.captures
    }
}

impl<'t, C: Catalog> DetailMatch<'t, C> {
    /// The template that matched, as the catalog writes it.
    pub fn template(&self) -> Option<&'static str> {
        self.template
    }

    /// What each placeholder of a template took, as the text has it, in
    /// order.
    pub fn captures(&self) -> &[(&'static str, &'t str)] {
        &self.captures
    }

    /// What the placeholder `name` took.
    pub fn capture(&self, name: &str) -> Option<&'t str> {
        self.captures
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }
}

/// The catalog's entry for a v2 problem's `detail` text (`You are not
/// allowed to create a Tweet with duplicate content.`), best first: a text
/// or alias as the catalog has it, then one that differs only in what the
/// API varies ([`normalize`]), then a template with its parts captured
/// (`Could not find tweet with id: [{id}].`). Linear in the text and in
/// the catalog's details; never panics.
///
/// ```
/// use twitter_errors::text::{match_detail, MatchKind};
/// use twitter_errors::{ErrorCode, Twitter};
///
/// let m = match_detail::<Twitter>("You are not allowed to create a Tweet with duplicate content.").unwrap();
/// assert_eq!(m.kind, MatchKind::Exact);
/// assert_eq!(m.detail.code, Some(ErrorCode::DuplicateStatus));
///
/// let m = match_detail::<Twitter>("Could not find tweet with id: [20].").unwrap();
/// assert_eq!(m.kind, MatchKind::Template);
/// assert_eq!(m.capture("id"), Some("20"));
/// ```
pub fn match_detail<C: Catalog>(text: &str) -> Option<DetailMatch<'_, C>> {
    let found = |detail, kind| DetailMatch {
        detail,
        kind,
        template: None,
        captures: Vec::new(),
    };
    if let Some(d) = C::DETAILS
        .iter()
        .find(|d| d.text == text || d.aliases.contains(&text))
    {
        return Some(found(d, MatchKind::Exact));
    }
    let n = normalize(text)?;
    if let Some(d) = C::DETAILS.iter().find(|d| d.forms.contains(&n.as_str())) {
        return Some(found(d, MatchKind::Forgiving));
    }
    C::DETAILS.iter().find_map(|d| {
        d.templates.iter().find_map(|t| {
            let spans = spans(t.literals, t.names.len(), &n.text)?;
            Some(DetailMatch {
                detail: d,
                kind: MatchKind::Template,
                template: Some(t.template),
                captures: t
                    .names
                    .iter()
                    .zip(spans)
                    .map(|(name, span)| (*name, original(text, &n, span)))
                    .collect(),
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgiving_forms() {
        let n = |s| normalize(s).unwrap().as_str().to_string();
        assert_eq!(n("Rate limit exceeded."), "rate limit exceeded");
        assert_eq!(n("  Rate   limit\texceeded . "), "rate limit exceeded");
        assert_eq!(n("You can’t mute yourself."), "you can't mute yourself");
        assert_eq!(
            n("HTTPS://Support.twitter.com/x."),
            "http://help.twitter.com/x"
        );
        assert_eq!(n(""), "");
        assert_eq!(n("."), "");
        assert_eq!(n("É."), "É");
        assert!(normalize(&"a".repeat(MAX_TEXT + 1)).is_none());
    }

    #[test]
    fn spans_map_back_to_the_input() {
        let text = "  Count   parameter is invalid. ";
        let n = normalize(text).unwrap();
        assert_eq!(original(text, &n, (0, 5)), "Count");
        assert_eq!(
            original(text, &n, (0, n.text.len())),
            "Count   parameter is invalid"
        );
        assert_eq!(original(text, &n, (3, 3)), "");
    }

    #[test]
    fn templates_take_the_leftmost_place_and_never_empty_parts() {
        let spans = |text: &str| spans(&["", ": [", "] is not in the past"], 2, text);
        assert_eq!(
            spans("from_date: [x] is not in the past"),
            Some(vec![(0, 9), (12, 13)])
        );
        assert_eq!(spans(": [x] is not in the past"), None);
        assert_eq!(spans("a: [] is not in the past"), None);
        assert_eq!(
            spans("a: [b: [c] is not in the past"),
            Some(vec![(0, 1), (4, 9)])
        );
        assert_eq!(spans("is not in the past"), None);
        let long = format!(
            "{}: [{}] is not in the past",
            "a".repeat(3000),
            ": [".repeat(300)
        );
        assert!(spans(&long).is_some());
    }
}
