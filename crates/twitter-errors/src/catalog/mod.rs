//! The catalog's building blocks: what generated code implements and returns.
//!
//! The enums in this crate's root ([`HttpStatus`](crate::HttpStatus),
//! [`ErrorCode`](crate::ErrorCode), [`ProblemType`](crate::ProblemType), the
//! field vocabularies) are generated from `errors.yaml`. They implement the
//! traits here, so that the codecs work unchanged with a catalog generated
//! by another crate's build script.
//!
//! Generated code is data: each type's entries ([`StatusInfo`],
//! [`CodeInfo`], ...) and its lookup tables ([`Table`], [`NumIndex`]),
//! gathered in one `TABLE` constant per type ([`StatusTable`],
//! [`CodeTable`], ...). The methods are written once, here and in the
//! macros generated code invokes, over those constants.

use core::fmt;
use core::hash::Hash;
use std::borrow::Cow;
use std::time::Duration;

mod table;

pub use crate::vocabulary::{
    Api, Evidence, Fallback, Format, Growth, HeaderMeaning, MemberKind, Reset, Retry, Window,
};
pub use table::{dense_index, slots, sorted_numbers, NumIndex, Slot, Table};

/// A schedule of waits between attempts: the first wait, how it grows,
/// and the longest. The catalog's retry policies carry one, and a
/// [`RetryPolicy`](crate::response::RetryPolicy) takes one for each kind
/// of failure it backs off from.
///
/// ```
/// use std::time::Duration;
/// use twitter_errors::catalog::Backoff;
///
/// let b = Backoff::exponential(Duration::from_secs(5), Some(Duration::from_secs(320)));
/// let waits: Vec<u64> = (0..8).map(|n| b.delay(n).as_secs()).collect();
/// assert_eq!(waits, [5, 10, 20, 40, 80, 160, 320, 320]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Backoff {
    /// How the wait grows.
    pub growth: Growth,
    /// The first wait.
    pub initial: Duration,
    /// What each attempt adds, for [`Growth::Linear`].
    pub step: Duration,
    /// The longest wait, when there is one.
    pub max: Option<Duration>,
}

impl Backoff {
    /// `initial`, doubling at each attempt, up to `max`.
    pub const fn exponential(initial: Duration, max: Option<Duration>) -> Self {
        Backoff {
            growth: Growth::Exponential,
            initial,
            step: Duration::ZERO,
            max,
        }
    }

    /// `initial`, then `step` more at each attempt, up to `max`.
    pub const fn linear(initial: Duration, step: Duration, max: Option<Duration>) -> Self {
        Backoff {
            growth: Growth::Linear,
            initial,
            step,
            max,
        }
    }

    /// The wait before retry number `attempt` (0 for the first retry).
    /// Saturates rather than overflows, and never exceeds [`Backoff::max`].
    pub fn delay(&self, attempt: u32) -> Duration {
        let d = match self.growth {
            Growth::Linear => self
                .initial
                .saturating_add(self.step.saturating_mul(attempt)),
            _ => self
                .initial
                .saturating_mul(1u32.checked_shl(attempt.min(31)).unwrap_or(u32::MAX)),
        };
        self.max.map_or(d, |m| d.min(m))
    }
}

/// `5 s`, `250 ms`, `1.5 s`: a wait as people write it.
fn fmt_wait(d: Duration, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let ms = d.as_millis();
    if ms % 1000 == 0 {
        write!(f, "{} s", ms / 1000)
    } else if ms < 1000 {
        write!(f, "{ms} ms")
    } else {
        write!(f, "{}.{:03} s", ms / 1000, ms % 1000)
    }
}

/// A wait in the words the catalog uses for it everywhere (`20 s`,
/// `250 ms`, `1.500 s`): those `Display` of a [`Backoff`] writes for each
/// of its waits, and the reference and `explain` for a stream's heartbeat.
pub fn wait_words(d: Duration) -> impl fmt::Display {
    struct Words(Duration);
    impl fmt::Display for Words {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fmt_wait(self.0, f)
        }
    }
    Words(d)
}

/// `5 s, doubling each time, up to 320 s`.
impl fmt::Display for Backoff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_wait(self.initial, f)?;
        match self.growth {
            Growth::Linear => {
                f.write_str(", ")?;
                fmt_wait(self.step, f)?;
                f.write_str(" more each time")?;
            }
            _ => f.write_str(", doubling each time")?,
        }
        if let Some(max) = self.max {
            f.write_str(", up to ")?;
            fmt_wait(max, f)?;
        }
        Ok(())
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
    pub backoff: Option<Backoff>,
    /// What ends a wait for a reset, for [`Retry::AfterReset`].
    pub reset: Reset,
    /// The failures it is the catalog's default schedule for, if any.
    pub default_for: Option<Fallback>,
    /// What it means.
    pub description: &'static str,
}

impl PolicyInfo {
    /// What to do, in a few words: `retry with backoff: 5 s, doubling each
    /// time, up to 320 s`, `retry when the allowance refills (no header
    /// says when)`, `reconnect at once`.
    pub fn advice(&self) -> String {
        match (self.retry, self.backoff) {
            (Retry::Backoff, Some(b)) => format!("retry with backoff: {b}"),
            (Retry::AfterReset, _) => format!("retry {}", self.reset.advice()),
            (r, _) => r.advice().to_string(),
        }
    }
}

/// The catalog's schedules for failures that name no policy of their own
/// (the policies marked `default_for` in the spec): what
/// [`RetryPolicy::new`](crate::response::RetryPolicy::new) starts from.
/// Built by generated code; `None` where the catalog names none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fallbacks {
    /// For a failure of the service with no time given.
    pub service: Option<Backoff>,
    /// For a rate limit whose response gives no reset.
    pub rate_limit: Option<Backoff>,
    /// For a request that got no answer.
    pub network: Option<Backoff>,
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
    /// Whether it says that an account, a user or an app is suspended.
    pub suspended: bool,
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
    /// The members of the error object this type carries, beyond those
    /// every object has (its `fields:` names, in the spec's order). What
    /// arrives is kept whatever it is; this is what to expect.
    pub members: &'static [&'static str],
    /// The members a body of this type must carry, as the API's schema
    /// requires them (`type` and `title` included when it says so).
    pub required: &'static [&'static str],
    /// Whether it says that an account, a user or an app is suspended.
    pub suspended: bool,
    /// Why it was retired, when it was.
    pub deprecated: Option<&'static str>,
    /// What it means.
    pub description: &'static str,
}

impl StatusInfo {
    /// An entry with every part empty, for generated code to fill in with
    /// `..StatusInfo::EMPTY`.
    #[doc(hidden)]
    pub const EMPTY: Self = StatusInfo {
        status: 0,
        name: "",
        text: "",
        aliases: &[],
        apis: &[],
        retry: Retry::Never,
        policy: None,
        deprecated: None,
        description: "",
    };
}

impl<S> CodeInfo<S> {
    /// An entry with every part empty, for generated code to fill in with
    /// `..CodeInfo::EMPTY`.
    #[doc(hidden)]
    pub const EMPTY: Self = CodeInfo {
        code: 0,
        name: "",
        message: "",
        aliases: &[],
        templates: &[],
        status: None,
        other_statuses: &[],
        apis: &[],
        retry: Retry::Never,
        policy: None,
        meanings: &[],
        evidence: Evidence::Documented,
        suspended: false,
        deprecated: None,
        description: "",
    };
}

impl<S> MeaningInfo<S> {
    /// A meaning with every part empty, for generated code to fill in with
    /// `..MeaningInfo::EMPTY`.
    #[doc(hidden)]
    pub const EMPTY: Self = MeaningInfo {
        era: "",
        message: "",
        aliases: &[],
        templates: &[],
        status: None,
        apis: &[],
        retry: Retry::Never,
        policy: None,
        description: "",
    };
}

impl<S> ProblemInfo<S> {
    /// An entry with every part empty, for generated code to fill in with
    /// `..ProblemInfo::EMPTY`.
    #[doc(hidden)]
    pub const EMPTY: Self = ProblemInfo {
        uri: "",
        name: "",
        title: "",
        untitled: false,
        aliases: &[],
        status: None,
        apis: &[],
        retry: Retry::Never,
        policy: None,
        members: &[],
        required: &[],
        suspended: false,
        deprecated: None,
        description: "",
    };
}

/// The status of each entry of `info`, as an array: what generated code
/// builds its index by number from. Evaluated by the compiler.
#[doc(hidden)]
pub const fn status_numbers<const N: usize>(info: &[StatusInfo]) -> [u32; N] {
    assert!(info.len() == N, "N entries");
    let mut out = [0u32; N];
    let mut i = 0;
    while i < N {
        out[i] = info[i].status as u32;
        i += 1;
    }
    out
}

/// The code of each entry of `info`, as an array: what generated code
/// builds its index by number from. Evaluated by the compiler.
#[doc(hidden)]
pub const fn code_numbers<const N: usize, S>(info: &[CodeInfo<S>]) -> [u32; N] {
    assert!(info.len() == N, "N entries");
    let mut out = [0u32; N];
    let mut i = 0;
    while i < N {
        out[i] = info[i].code;
        i += 1;
    }
    out
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

impl ValueInfo {
    /// A value with every part empty, for generated code to fill in with
    /// `..ValueInfo::EMPTY`.
    #[doc(hidden)]
    pub const EMPTY: Self = ValueInfo {
        value: "",
        name: "",
        retry: None,
        policy: None,
        description: "",
    };
}

/// A response header the catalog reads: rate-limit state, and the API
/// version that served the response. Built by generated code.
#[derive(Debug)]
pub struct HeaderInfo {
    /// The header name, lower case.
    pub name: &'static str,
    /// What its value means.
    pub meaning: HeaderMeaning,
    /// Which allowance it describes, for a limit, the requests remaining
    /// or a reset.
    pub window: Option<Window>,
    /// What it means, in words.
    pub description: &'static str,
}

/// A member of the v2 error object. Built by generated code.
#[derive(Debug)]
pub struct MemberInfo {
    /// The member's name on the wire.
    pub name: &'static str,
    /// Its JSON type.
    pub kind: MemberKind,
    /// Whether every error object carries it.
    pub always: bool,
    /// The documented values of a vocabulary member, in order.
    pub values: &'static [ValueInfo],
    /// What it means.
    pub description: &'static str,
}

/// A `detail` text of v2 problems that names a cause of its own, beyond
/// the problem's type (`about:blank` with `You are not allowed to create a
/// Tweet with duplicate content.`). Built by generated code.
///
/// `P`, `S` and `K` are the catalog's problem type, status and code enums.
#[derive(Debug)]
pub struct DetailInfo<P: 'static, S: 'static, K: 'static> {
    /// The stable identifier from the spec.
    pub name: &'static str,
    /// The text, as the API sends it; for a detail whose every form
    /// varies, its first template.
    pub text: &'static str,
    /// Other wordings of it.
    pub aliases: &'static [&'static str],
    /// Its wordings with varying parts (ids in brackets), split for
    /// matching.
    pub templates: &'static [TextTemplate],
    /// The forgiving forms of the text and its aliases, which a lookup
    /// compares with the forgiving form of what it is given.
    pub forms: &'static [&'static str],
    /// The problem type it comes with (`about:blank`: the generic one).
    pub problem: P,
    /// The HTTP status it comes with, when known.
    pub status: Option<S>,
    /// The v1.1 code that means the same, when there is one.
    pub code: Option<K>,
    /// When retrying helps.
    pub retry: Retry,
    /// How to wait, when the catalog names a policy.
    pub policy: Option<&'static PolicyInfo>,
    /// How well it is attested.
    pub evidence: Evidence,
    /// What it means.
    pub description: &'static str,
}

/// A template of a text the API fills in, split at its placeholders.
/// Built by generated code.
#[derive(Debug)]
pub struct TextTemplate {
    /// The template as the spec writes it.
    pub template: &'static str,
    /// The literal parts in forgiving form, one more than the names.
    pub literals: &'static [&'static str],
    /// The placeholder names, in order.
    pub names: &'static [&'static str],
}

/// How a kind of stream is kept alive and reconnected. Built by generated
/// code.
#[derive(Debug)]
pub struct StreamInfo {
    /// The stable identifier from the spec.
    pub name: &'static str,
    /// The API family whose streams these are.
    pub api: Api,
    /// How often the server sends a keep-alive when there is nothing else
    /// to send.
    pub heartbeat: Option<Duration>,
    /// How long to go without receiving anything (data or keep-alive)
    /// before treating the connection as dead and reconnecting.
    pub timeout: Option<Duration>,
    /// How to reconnect after a network failure.
    pub on_network: Option<&'static PolicyInfo>,
    /// How to reconnect after an HTTP error other than a rate limit.
    pub on_http_error: Option<&'static PolicyInfo>,
    /// How to reconnect after a rate limit (429, 420).
    pub on_rate_limit: Option<&'static PolicyInfo>,
    /// What it means.
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

/// A catalog template, split at its placeholders, its literal parts in
/// forgiving form. Built by generated code.
#[derive(Debug)]
pub struct TemplateRef<C: 'static> {
    /// The code.
    pub code: C,
    /// The meaning: 0, or one more than its index.
    pub meaning: u8,
    /// The template as the spec writes it.
    pub template: &'static str,
    /// The literal parts in forgiving form, one more than the names.
    pub literals: &'static [&'static str],
    /// The placeholder names, in order.
    pub names: &'static [&'static str],
}

/// The generated tables of an HTTP status enum.
#[derive(Debug)]
pub struct StatusTable<S: 'static> {
    /// Each entry's data, in the order of the enum.
    pub info: &'static [StatusInfo],
    /// The entries by status code.
    pub by_number: NumIndex,
    /// The entries by stable identifier.
    pub by_name: Table<S>,
}

/// The generated tables of a v1.1 error code enum.
#[derive(Debug)]
pub struct CodeTable<C: 'static, S: 'static> {
    /// Each entry's data, in the order of the enum.
    pub info: &'static [CodeInfo<S>],
    /// The entries by code.
    pub by_number: NumIndex,
    /// The entries by stable identifier.
    pub by_name: Table<C>,
    /// Every message, alias and meaning text, exactly as the catalog has
    /// it, with the code and meaning it belongs to (0 for the code's own
    /// texts, `n` for `meanings[n - 1]`): a text several codes share
    /// repeats, once for each, in code order.
    pub exact: Table<(C, u8)>,
    /// The same texts in forgiving form ([`crate::text::normalize`]).
    pub forgiving: Table<(C, u8)>,
    /// Every template, most specific first.
    pub templates: &'static [TemplateRef<C>],
}

/// The generated tables of a v2 problem type enum.
#[derive(Debug)]
pub struct ProblemTable<P: 'static, S: 'static> {
    /// Each entry's data, in the order of the enum.
    pub info: &'static [ProblemInfo<S>],
    /// The entries by the last segment of their URI (`invalid-request`),
    /// or by the whole URI when it has no host (`about:blank`).
    pub by_slug: Table<P>,
    /// The entries by stable identifier.
    pub by_name: Table<P>,
    /// URI prefixes under which problem types have been served.
    pub hosts: &'static [&'static str],
    /// The prefix encoders write problem types under unless told otherwise.
    pub default_host: &'static str,
}

/// The generated tables of a vocabulary enum.
#[derive(Debug)]
pub struct ValueTable<V: 'static> {
    /// Each value's data, in the order of the enum.
    pub info: &'static [ValueInfo],
    /// The values by their literal on the wire.
    pub by_wire: Table<V>,
}

/// An HTTP status enum generated from a spec.
pub trait StatusEntry:
    Copy + Eq + Hash + Ord + fmt::Debug + fmt::Display + Send + Sync + 'static
{
    /// Every status in the catalog, in ascending order.
    const ALL: &'static [Self];
    /// Its tables. Generated.
    #[doc(hidden)]
    const TABLE: StatusTable<Self>;
    /// Its position in [`StatusEntry::ALL`] and the tables. Generated.
    #[doc(hidden)]
    fn index(self) -> usize;

    /// Its catalog data.
    fn info(self) -> &'static StatusInfo {
        &Self::TABLE.info[self.index()]
    }
    /// The entry for a status code, if the catalog has one.
    fn from_u16(status: u16) -> Option<Self> {
        Self::TABLE
            .by_number
            .get(u32::from(status))
            .map(|i| Self::ALL[i])
    }
    /// The entry with this stable identifier.
    fn from_name(name: &str) -> Option<Self> {
        Self::TABLE.by_name.get(name.as_bytes()).copied()
    }
}

/// A v1.1 error code enum generated from a spec.
pub trait CodeEntry:
    Copy + Eq + Hash + Ord + fmt::Debug + fmt::Display + Send + Sync + 'static
{
    /// The catalog's status type.
    type Status: StatusEntry;
    /// Every code in the catalog, in ascending order.
    const ALL: &'static [Self];
    /// Its tables. Generated.
    #[doc(hidden)]
    const TABLE: CodeTable<Self, Self::Status>;
    /// Its position in [`CodeEntry::ALL`] and the tables. Generated.
    #[doc(hidden)]
    fn index(self) -> usize;

    /// Its catalog data.
    fn info(self) -> &'static CodeInfo<Self::Status> {
        &Self::TABLE.info[self.index()]
    }
    /// The entry for a numeric code, if the catalog has one.
    fn from_code(code: u32) -> Option<Self> {
        Self::TABLE.by_number.get(code).map(|i| Self::ALL[i])
    }
    /// The entry with this stable identifier.
    fn from_name(name: &str) -> Option<Self> {
        Self::TABLE.by_name.get(name.as_bytes()).copied()
    }
}

/// A v2 problem type enum generated from a spec.
pub trait ProblemEntry:
    Copy + Eq + Hash + Ord + fmt::Debug + fmt::Display + Send + Sync + 'static
{
    /// The catalog's status type.
    type Status: StatusEntry;
    /// Every problem type in the catalog, ordered by URI.
    const ALL: &'static [Self];
    /// Its tables. Generated.
    #[doc(hidden)]
    const TABLE: ProblemTable<Self, Self::Status>;
    /// Its position in [`ProblemEntry::ALL`] and the tables. Generated.
    #[doc(hidden)]
    fn index(self) -> usize;

    /// URI prefixes under which problem types have been served.
    const HOSTS: &'static [&'static str] = Self::TABLE.hosts;
    /// The prefix encoders write problem types under unless told
    /// otherwise: the host live responses use today.
    const DEFAULT_HOST: &'static str = Self::TABLE.default_host;

    /// Its catalog data.
    fn info(self) -> &'static ProblemInfo<Self::Status> {
        &Self::TABLE.info[self.index()]
    }
    /// The entry whose URI ends in this slug (`invalid-request`).
    fn from_slug(slug: &str) -> Option<Self> {
        Self::TABLE.by_slug.get(slug.as_bytes()).copied()
    }
    /// The entry with this stable identifier.
    fn from_name(name: &str) -> Option<Self> {
        Self::TABLE.by_name.get(name.as_bytes()).copied()
    }
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
    /// Its tables. Generated.
    #[doc(hidden)]
    const TABLE: ValueTable<Self>;
    /// Its position in [`Vocabulary::ALL`] and the tables. Generated.
    #[doc(hidden)]
    fn index(self) -> usize;

    /// Its catalog data.
    fn info(self) -> &'static ValueInfo {
        &Self::TABLE.info[self.index()]
    }
    /// The value for this literal, if documented.
    fn from_wire(value: &str) -> Option<Self> {
        Self::TABLE.by_wire.get(value.as_bytes()).copied()
    }
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
    /// The schedules for failures that name no policy of their own.
    const FALLBACKS: Fallbacks;
    /// The members of the v2 error object, those every object carries
    /// first.
    const FIELDS: &'static [MemberInfo] = &[];
    /// `detail` texts of v2 problems that name a cause of their own.
    const DETAILS: &'static [DetailInfo<Self::Problem, Self::Status, Self::Code>] = &[];
    /// How each kind of stream is kept alive and reconnected.
    const STREAMS: &'static [StreamInfo] = &[];

    /// The retry policy with this name.
    fn retry_policy(name: &str) -> Option<&'static PolicyInfo> {
        Self::RETRY_POLICIES.iter().find(|p| p.name == name)
    }

    /// The member of the v2 error object named `name`.
    fn field(name: &str) -> Option<&'static MemberInfo> {
        Self::FIELDS.iter().find(|f| f.name == name)
    }

    /// The `detail` entry with this name.
    fn detail(name: &str) -> Option<&'static DetailInfo<Self::Problem, Self::Status, Self::Code>> {
        Self::DETAILS.iter().find(|d| d.name == name)
    }

    /// The stream entry of an API family.
    fn stream(api: Api) -> Option<&'static StreamInfo> {
        Self::STREAMS.iter().find(|s| s.api == api)
    }

    /// The header entry named `name`, ignoring case.
    fn header(name: &str) -> Option<&'static HeaderInfo> {
        Self::HEADERS
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
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
