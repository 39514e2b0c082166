//! The catalog's building blocks: what generated code implements and returns.
//!
//! The enums in this crate's root ([`HttpStatus`](crate::HttpStatus),
//! [`ErrorCode`](crate::ErrorCode), [`ProblemType`](crate::ProblemType), the
//! field vocabularies) are generated from `errors.yaml`. They implement the
//! traits here, so that the codecs work unchanged with a catalog generated
//! by another crate's build script.

use core::fmt;
use core::hash::Hash;
use std::borrow::Cow;
use std::time::Duration;

pub use crate::text::{MatchKind, TemplateRef, TextMatch, TextRef};
pub use crate::vocabulary::{Api, Evidence, Growth, Reset, Retry};

impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Retry::Never => "do not retry",
            Retry::AfterReset => "retry after the rate-limit window resets",
            Retry::Backoff => "retry with exponential backoff",
            Retry::Reconnect => "reconnect at once",
        })
    }
}

/// A backoff schedule: how long to wait before each attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Schedule {
    /// How the wait grows.
    pub growth: Growth,
    /// The first wait, when the guidance gives one.
    pub initial: Option<Duration>,
    /// What each attempt adds, for linear growth.
    pub step: Option<Duration>,
    /// The longest wait, when the guidance gives one.
    pub max: Option<Duration>,
}

impl Schedule {
    /// The wait before retry number `attempt` (0 for the first retry), or
    /// `None` when the schedule gives no first wait. Saturates rather than
    /// overflows, and never exceeds [`Schedule::max`].
    pub fn delay(&self, attempt: u32) -> Option<Duration> {
        let initial = self.initial?;
        let d = match self.growth {
            Growth::Linear => {
                let step = self.step.unwrap_or(initial);
                initial.saturating_add(step.saturating_mul(attempt))
            }
            _ => initial.saturating_mul(1u32.checked_shl(attempt.min(31)).unwrap_or(u32::MAX)),
        };
        Some(self.max.map_or(d, |m| d.min(m)))
    }
}

/// A named way to wait before retrying, from the catalog's
/// `retry_policies`. Built by generated code.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct PolicyInfo {
    /// The stable identifier from the spec.
    pub name: &'static str,
    /// When retrying helps.
    pub retry: Retry,
    /// The schedule, for [`Retry::Backoff`].
    pub backoff: Option<Schedule>,
    /// Where the end of a wait for a reset is read from, for
    /// [`Retry::AfterReset`].
    pub reset: Reset,
    /// What it means.
    pub description: &'static str,
}

/// Another meaning a code has had, in another era or another API, with
/// its own texts. Built by generated code.
#[derive(Debug)]
pub struct MeaningInfo<S: 'static> {
    /// When or where the code meant this.
    pub era: &'static str,
    /// The API's text for this meaning.
    pub message: &'static str,
    /// Other texts of this meaning.
    pub aliases: &'static [&'static str],
    /// Templates of this meaning, with `{name}` placeholders.
    pub templates: &'static [&'static str],
    /// The HTTP status it came with, when known.
    pub status: Option<S>,
    /// API families that served it.
    pub apis: &'static [Api],
    /// When retrying helps.
    pub retry: Retry,
    /// How to wait, when the catalog names a policy.
    pub policy: Option<&'static PolicyInfo>,
    /// What it meant.
    pub description: &'static str,
}

/// A legacy `error` text that reports success, not a failure (such as
/// `account/end_session`'s `Logged out.`). Built by generated code.
#[derive(Debug)]
pub struct NoticeInfo {
    /// The literal text.
    pub text: &'static str,
    /// The stable identifier from the spec.
    pub name: &'static str,
    /// API families that served it.
    pub apis: &'static [Api],
    /// What it means.
    pub description: &'static str,
}

/// A code of a v1.1 streaming `disconnect` notice. Built by generated
/// code.
#[derive(Debug)]
pub struct DisconnectInfo {
    /// The number in the notice.
    pub code: u32,
    /// The stable identifier from the spec.
    pub name: &'static str,
    /// The short name the streaming documentation gives it.
    pub reason: Option<&'static str>,
    /// When reconnecting helps.
    pub retry: Retry,
    /// How to wait, when the catalog names a policy.
    pub policy: Option<&'static PolicyInfo>,
    /// What it means.
    pub description: &'static str,
}

/// A wire format of error bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Format {
    /// v1.1 JSON: `{"errors":[{"message":"...","code":34}]}`.
    Json,
    /// The v1 API's XML: `<errors><error code="34">...</error></errors>`.
    /// Read and written with the `xml` feature; without it, negotiation
    /// never picks it and decoding it gives
    /// [`ErrorKind::Unsupported`](crate::codec::ErrorKind::Unsupported).
    Xml,
    /// JSONP: the v1.1 JSON body inside `callback(...);`.
    Jsonp,
    /// v2 problem details JSON.
    Problem,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 4] = [Format::Json, Format::Xml, Format::Jsonp, Format::Problem];

    /// The spelling used in `errors.yaml` and on the command line.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
            Format::Jsonp => "jsonp",
            Format::Problem => "problem",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a rate-limit header's value means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum HeaderMeaning {
    /// The ceiling of the window.
    Limit,
    /// Requests left in the window.
    Remaining,
    /// When the window resets, in UTC epoch seconds.
    Reset,
    /// How long to wait before retrying (seconds or an HTTP date).
    RetryAfter,
}

/// Which allowance a rate-limit header describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Window {
    /// The per-endpoint window, usually 15 minutes.
    Standard,
    /// The app's 24-hour allowance.
    App24h,
    /// The user's 24-hour allowance.
    User24h,
}

/// Catalog data of one HTTP status. Built by generated code.
#[derive(Debug)]
pub struct StatusInfo {
    /// The status code.
    pub status: u16,
    /// The stable identifier from the spec.
    pub name: &'static str,
    /// The reason phrase the API documented.
    pub text: &'static str,
    /// Other reason phrases it documented.
    pub aliases: &'static [&'static str],
    /// API families that served it.
    pub apis: &'static [Api],
    /// When retrying helps.
    pub retry: Retry,
    /// How to wait, when the catalog names a policy.
    pub policy: Option<&'static PolicyInfo>,
    /// Why it was retired, when it was.
    pub deprecated: Option<&'static str>,
    /// What it means.
    pub description: &'static str,
}

/// Catalog data of one v1.1 error code. Built by generated code.
#[derive(Debug)]
pub struct CodeInfo<S: 'static> {
    /// The code.
    pub code: u32,
    /// The stable identifier from the spec.
    pub name: &'static str,
    /// The API's current message text.
    pub message: &'static str,
    /// Earlier or alternative message texts.
    pub aliases: &'static [&'static str],
    /// Texts the API fills in, with `{name}` placeholders.
    pub templates: &'static [&'static str],
    /// The HTTP status it comes with, when known.
    pub status: Option<S>,
    /// Other statuses it has been seen with.
    pub other_statuses: &'static [S],
    /// API families that served it.
    pub apis: &'static [Api],
    /// When retrying helps.
    pub retry: Retry,
    /// How to wait, when the catalog names a policy.
    pub policy: Option<&'static PolicyInfo>,
    /// Other meanings it has had, each with its own texts.
    pub meanings: &'static [MeaningInfo<S>],
    /// How well it is attested.
    pub evidence: Evidence,
    /// Why it was retired, when it was.
    pub deprecated: Option<&'static str>,
    /// What it means.
    pub description: &'static str,
}

/// Catalog data of one v2 problem type. Built by generated code.
#[derive(Debug)]
pub struct ProblemInfo<S: 'static> {
    /// The canonical `type` URI.
    pub uri: &'static str,
    /// The stable identifier from the spec.
    pub name: &'static str,
    /// The `title` an encoder writes: the one the API sends or, when no
    /// title was ever published ([`ProblemInfo::untitled`]), the reason
    /// phrase of its status, as `about:blank` problems carry.
    pub title: &'static str,
    /// Whether no title for it was ever published: [`ProblemInfo::title`]
    /// is then the catalog's stand-in, not the API's.
    pub untitled: bool,
    /// Other titles seen or documented.
    pub aliases: &'static [&'static str],
    /// The HTTP status it comes with, when documented.
    pub status: Option<S>,
    /// API families that served it.
    pub apis: &'static [Api],
    /// When retrying helps.
    pub retry: Retry,
    /// How to wait, when the catalog names a policy.
    pub policy: Option<&'static PolicyInfo>,
    /// Why it was retired, when it was.
    pub deprecated: Option<&'static str>,
    /// What it means.
    pub description: &'static str,
}

/// Catalog data of one vocabulary value. Built by generated code.
#[derive(Debug)]
pub struct ValueInfo {
    /// The literal on the wire.
    pub value: &'static str,
    /// The stable identifier from the spec.
    pub name: &'static str,
    /// When retrying helps for a response that carries this value, when
    /// it says more than the problem type.
    pub retry: Option<Retry>,
    /// How to wait, when the catalog names a policy.
    pub policy: Option<&'static PolicyInfo>,
    /// What it means.
    pub description: &'static str,
}

/// A rate-limit header. Built by generated code.
#[derive(Debug)]
pub struct HeaderInfo {
    /// The header name, lower case.
    pub name: &'static str,
    /// What its value means.
    pub meaning: HeaderMeaning,
    /// Which allowance it describes.
    pub window: Window,
    /// What it means, in words.
    pub description: &'static str,
}

/// A wire format with its Content-Type. Built by generated code.
#[derive(Debug)]
pub struct FormatInfo {
    /// The format.
    pub format: Format,
    /// The Content-Type responses in this format carry.
    pub content_type: &'static str,
    /// What the format looks like.
    pub description: &'static str,
}

/// An HTTP status enum generated from a spec.
pub trait StatusEntry: Copy + Eq + Hash + Ord + fmt::Debug + fmt::Display + 'static {
    /// Every status in the catalog, in ascending order.
    const ALL: &'static [Self];
    /// Its catalog data.
    fn info(self) -> &'static StatusInfo;
    /// The entry for a status code, if the catalog has one.
    fn from_u16(status: u16) -> Option<Self>;
    /// The entry with this stable identifier.
    fn from_name(name: &str) -> Option<Self>;
}

/// A v1.1 error code enum generated from a spec.
pub trait CodeEntry: Copy + Eq + Hash + Ord + fmt::Debug + fmt::Display + 'static {
    /// The catalog's status type.
    type Status: StatusEntry;
    /// Every code in the catalog, in ascending order.
    const ALL: &'static [Self];
    /// Its catalog data.
    fn info(self) -> &'static CodeInfo<Self::Status>;
    /// The entry for a numeric code, if the catalog has one.
    fn from_code(code: u32) -> Option<Self>;
    /// The entry with this stable identifier.
    fn from_name(name: &str) -> Option<Self>;
    /// The entries whose message or alias is exactly `text`, with the
    /// meaning each text belongs to. Generated; see
    /// [`CodeEntry::match_message`].
    #[doc(hidden)]
    fn exact_texts(text: &str) -> &'static [TextRef<Self>];
    /// The entries with a text whose forgiving form
    /// ([`crate::text::normalize`]) is `key`. Generated.
    #[doc(hidden)]
    fn normalized_texts(key: &[u8]) -> &'static [TextRef<Self>];
    /// Every template, most specific first. Generated.
    #[doc(hidden)]
    const TEMPLATES: &'static [TemplateRef<Self>];
    /// The length of the longest forgiving form of a text. Generated.
    #[doc(hidden)]
    const LONGEST_TEXT: usize;

    /// Every code whose texts match `message`, best first: exact texts,
    /// then texts that differ only in what the API varies (case, a final
    /// period, surrounding space, apostrophes, `http`/`https` and
    /// `support.`/`help.` in links), then templates with their parts
    /// captured. With a `status`, the candidates that come with it go
    /// first. Linear in the text, and never panics (see
    /// [`crate::text`]).
    fn match_message(message: &str, status: Option<u16>) -> Vec<TextMatch<'_, Self>> {
        crate::text::match_message(message, status)
    }
}

/// A v2 problem type enum generated from a spec.
pub trait ProblemEntry: Copy + Eq + Hash + Ord + fmt::Debug + fmt::Display + 'static {
    /// The catalog's status type.
    type Status: StatusEntry;
    /// Every problem type in the catalog, ordered by URI.
    const ALL: &'static [Self];
    /// URI prefixes under which problem types have been served.
    const HOSTS: &'static [&'static str];
    /// The prefix encoders write problem types under unless told
    /// otherwise: the host live responses use today.
    const DEFAULT_HOST: &'static str;
    /// Its catalog data.
    fn info(self) -> &'static ProblemInfo<Self::Status>;
    /// The entry whose URI ends in this slug (`invalid-request`).
    fn from_slug(slug: &str) -> Option<Self>;
    /// The entry with this stable identifier.
    fn from_name(name: &str) -> Option<Self>;
    /// The entry for a `type` URI under any known host.
    fn from_uri(uri: &str) -> Option<Self> {
        problem_slug(uri, Self::HOSTS).and_then(Self::from_slug)
    }
    /// Its `type` URI under `prefix` (such as
    /// `https://api.twitter.com/2/problems/`); `about:blank` and other
    /// URIs without a host stay as they are.
    fn uri_on(self, prefix: &str) -> Cow<'static, str> {
        let uri = self.info().uri;
        if !uri.contains("://") || uri.starts_with(prefix) && !prefix.is_empty() {
            return Cow::Borrowed(uri);
        }
        let slug = uri.rsplit('/').next().unwrap_or(uri);
        Cow::Owned(format!("{prefix}{slug}"))
    }
}

/// A vocabulary enum generated from a field's `values`.
pub trait Vocabulary: Copy + Eq + Hash + Ord + fmt::Debug + fmt::Display + 'static {
    /// Every documented value.
    const ALL: &'static [Self];
    /// Its catalog data.
    fn info(self) -> &'static ValueInfo;
    /// The value for this literal, if documented.
    fn from_wire(value: &str) -> Option<Self>;
}

/// A v2 error object type generated from a spec's `fields`: what the
/// problem codec needs to build one from a body's members.
pub trait ObjectEntry:
    Clone + fmt::Debug + PartialEq + serde::Serialize + serde::de::DeserializeOwned + 'static
{
    /// The catalog's problem type.
    type Problem: ProblemEntry;
    /// The documented member names, in declaration order.
    const MEMBERS: &'static [&'static str];
    /// The members every object carries. An object without one of them
    /// does not decode as this type.
    const REQUIRED: &'static [&'static str];
    /// The retry hint and policy a vocabulary member's value gives, when
    /// the catalog says more for it than for the problem type (a
    /// `disconnect_type` that asks to reconnect at once, a usage cap's
    /// `period`).
    fn value_retry(member: &str, value: &str) -> Option<(Retry, Option<&'static PolicyInfo>)>;
}

/// A whole generated catalog: the types and tables the codecs work from.
///
/// Implemented by a generated unit struct ([`Twitter`](crate::Twitter) for
/// the bundled catalog), so the codecs' values can derive `Clone`, `Debug`
/// and `PartialEq` whatever the catalog.
pub trait Catalog: Copy + fmt::Debug + Default + Eq + Hash + Send + Sync + 'static {
    /// HTTP statuses.
    type Status: StatusEntry;
    /// v1.1 error codes.
    type Code: CodeEntry<Status = Self::Status>;
    /// v2 problem types.
    type Problem: ProblemEntry<Status = Self::Status>;
    /// The v2 error object.
    type Object: ObjectEntry<Problem = Self::Problem>;
    /// The wire formats with their Content-Types.
    const FORMATS: &'static [FormatInfo];
    /// Rate-limit headers.
    const HEADERS: &'static [HeaderInfo];
    /// Named ways to wait before retrying.
    const RETRY_POLICIES: &'static [PolicyInfo];
    /// Legacy `error` texts that report success.
    const NOTICES: &'static [NoticeInfo];
    /// Codes of v1.1 streaming `disconnect` notices.
    const DISCONNECTS: &'static [DisconnectInfo];

    /// The retry policy with this name.
    fn retry_policy(name: &str) -> Option<&'static PolicyInfo> {
        Self::RETRY_POLICIES.iter().find(|p| p.name == name)
    }

    /// The notice a legacy `error` text is, compared as forgivingly as
    /// message texts are.
    fn notice(text: &str) -> Option<&'static NoticeInfo> {
        let key = crate::text::normalize(text)?;
        Self::NOTICES.iter().find(|n| {
            n.text == text
                || crate::text::normalize(n.text).is_some_and(|k| k.as_str() == key.as_str())
        })
    }

    /// The catalog entry of a streaming disconnect code.
    fn disconnect(code: u32) -> Option<&'static DisconnectInfo> {
        Self::DISCONNECTS.iter().find(|d| d.code == code)
    }

    /// The Content-Type of a format, from the spec.
    fn content_type(format: Format) -> &'static str {
        Self::FORMATS
            .iter()
            .find(|f| f.format == format)
            .map_or("application/octet-stream", |f| f.content_type)
    }
}

/// The slug of a problem URI under one of `hosts`, or the whole URI when it
/// has no host (`about:blank`). Hosts compare case-insensitively, since the
/// API's docs have printed `api.X.com`; the exact spelling is tried first.
#[inline]
pub fn problem_slug<'a>(uri: &'a str, hosts: &[&str]) -> Option<&'a str> {
    fn slug(rest: &str) -> Option<&str> {
        // Slugs are short: a plain loop, not a memchr set up per call.
        let mut bytes = rest.bytes();
        (!rest.is_empty() && bytes.all(|b| b != b'/')).then_some(rest)
    }
    for h in hosts {
        if let Some(rest) = uri.strip_prefix(h) {
            return slug(rest);
        }
    }
    if !has_scheme_separator(uri.as_bytes()) {
        return Some(uri);
    }
    hosts.iter().find_map(|h| {
        let head = uri.get(..h.len())?;
        head.eq_ignore_ascii_case(h)
            .then(|| &uri[h.len()..])
            .and_then(slug)
    })
}

/// Whether `bytes` contain `://`. A URI's first `:` is almost always the
/// one, so this costs one `memchr` where a substring search would set up a
/// searcher on every call.
fn has_scheme_separator(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(i) = memchr::memchr(b':', &bytes[from..]) {
        let at = from + i;
        if bytes[at + 1..].starts_with(b"//") {
            return true;
        }
        from = at + 1;
    }
    false
}

/// The error of `FromStr` on catalog enums: the text names no entry.
#[derive(Clone, PartialEq, Eq)]
pub struct ParseError {
    kind: &'static str,
}

impl ParseError {
    #[doc(hidden)]
    pub const fn new(kind: &'static str) -> Self {
        ParseError { kind }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a known {}", self.kind)
    }
}

impl fmt::Debug for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ParseError({:?})", self.kind)
    }
}

impl std::error::Error for ParseError {}

#[cfg(test)]
mod tests {
    use super::problem_slug;

    const HOSTS: &[&str] = &[
        "https://api.twitter.com/2/problems/",
        "https://api.twitter.com/labs/2/problems/",
    ];

    #[test]
    fn problem_slugs() {
        let slug = |uri| problem_slug(uri, HOSTS);
        assert_eq!(slug("about:blank"), Some("about:blank"));
        assert_eq!(slug("urn:a:b:"), Some("urn:a:b:"));
        assert_eq!(slug("a:/b"), Some("a:/b"));
        assert_eq!(slug(""), Some(""));
        assert_eq!(
            slug("https://api.twitter.com/2/problems/usage-capped"),
            Some("usage-capped")
        );
        assert_eq!(
            slug("HTTPS://API.Twitter.com/labs/2/problems/invalid-request"),
            Some("invalid-request")
        );
        assert_eq!(slug("https://api.twitter.com/2/problems/"), None);
        assert_eq!(slug("https://api.twitter.com/2/problems/a/b"), None);
        assert_eq!(slug("https://example.com/2/problems/usage-capped"), None);
        assert_eq!(slug("tag:x:://y"), None);
        assert_eq!(slug("x://"), None);
    }
}
