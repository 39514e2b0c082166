//! The keys each section of `errors.yaml` accepts.
//!
//! One table drives the loader (known keys, required keys, value types,
//! "did you mean" hints), the JSON Schema and the contributor docs, so they
//! cannot disagree.

/// What a key's value must be.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Ty {
    /// A non-empty string.
    Text,
    /// A snake_case identifier: `^[a-z][a-z0-9_]*$`.
    Ident,
    /// The wire name of a v2 error-object member: `^[a-z][a-z0-9_.]*$`.
    Member,
    /// An HTTP header name, lower case: `^[a-z0-9-]+$`.
    Header,
    /// An HTTP status, 100 to 599.
    StatusCode,
    /// A v1.1 error code, 0 to 4294967295.
    ErrorCode,
    /// A problem type URI: `about:blank` or an `https://` URL.
    ProblemUri,
    /// A URI prefix: an `https://` URL ending in `/`.
    Prefix,
    /// `true` or `false`.
    Bool,
    /// A list of non-empty strings.
    TextList,
    /// A list of message templates: texts with `{name}` placeholders.
    TemplateList,
    /// A whole number of milliseconds, 0 to 86400000 (a day).
    Millis,
    /// A list of HTTP statuses.
    StatusList,
    /// A list of member names, each a `fields:` entry.
    MemberList,
    /// One of [`Ty::choices`].
    Choice(&'static [&'static str]),
    /// A list of [`Ty::choices`].
    ChoiceList(&'static [&'static str]),
    /// A list of entries of the given section.
    Entries(&'static Section),
}

impl Ty {
    /// The allowed values of a choice, or an empty slice.
    pub fn choices(self) -> &'static [&'static str] {
        match self {
            Ty::Choice(c) | Ty::ChoiceList(c) => c,
            _ => &[],
        }
    }
}

/// One key of an entry.
#[derive(Debug)]
pub struct Key {
    /// The key as written in YAML.
    pub name: &'static str,
    /// Whether every entry must have it.
    pub required: bool,
    /// What its value must be.
    pub ty: Ty,
    /// What it means, for the schema and docs.
    pub doc: &'static str,
    /// An example value, used in "add it" hints.
    pub example: &'static str,
}

/// A list of entries in the spec.
#[derive(Debug)]
pub struct Section {
    /// The top-level key (or nested key) holding the list.
    pub name: &'static str,
    /// What one entry is, in a few words ("a v1.1 error code").
    pub entry: &'static str,
    /// What the list holds.
    pub doc: &'static str,
    /// The keys an entry may have.
    pub keys: &'static [Key],
}

impl Section {
    /// The key named `name`.
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }
}

use twitter_errors::catalog::{
    Api, Evidence, Fallback, Format, Growth, HeaderMeaning, MemberKind, Reset, Retry, Window,
};

/// Retry hints.
pub const RETRY: &[&str] = Retry::SPELLINGS;
/// How a backoff grows.
pub const GROWTH: &[&str] = Growth::SPELLINGS;
/// What ends a wait for a reset.
pub const RESETS: &[&str] = Reset::SPELLINGS;
/// The failures a policy can be the default schedule for.
pub const FALLBACKS: &[&str] = Fallback::SPELLINGS;
/// API families.
pub const APIS: &[&str] = Api::SPELLINGS;
/// Evidence levels.
pub const EVIDENCE: &[&str] = Evidence::SPELLINGS;
/// Field kinds.
pub const FIELD_KINDS: &[&str] = MemberKind::SPELLINGS;
/// Wire formats.
pub const FORMATS: &[&str] = Format::SPELLINGS;
/// Header meanings.
pub const MEANINGS: &[&str] = HeaderMeaning::SPELLINGS;
/// Rate-limit windows.
pub const WINDOWS: &[&str] = Window::SPELLINGS;

const fn key(
    name: &'static str,
    required: bool,
    ty: Ty,
    doc: &'static str,
    example: &'static str,
) -> Key {
    Key {
        name,
        required,
        ty,
        doc,
        example,
    }
}

const NAME: Key = key(
    "name",
    true,
    Ty::Ident,
    "Stable snake_case identifier; the generated Rust item takes its name from it. Never rename.",
    "example_name",
);
const DESCRIPTION: Key = key(
    "description",
    true,
    Ty::Text,
    "What it means and what a caller can do, in our own words.",
    "What went wrong and what to do about it.",
);
const RETRY_KEY: Key = key(
    "retry",
    false,
    Ty::Choice(RETRY),
    "When retrying can help: never (default), after_reset (wait for the rate-limit window), backoff (transient), reconnect (reconnect a stream at once). Implied by `retry_policy` when that is given.",
    "never",
);
const RETRY_POLICY_KEY: Key = key(
    "retry_policy",
    false,
    Ty::Ident,
    "The name of a `retry_policies:` entry that says how to wait (backoff schedule, where the reset is read from); it implies `retry`.",
    "rate_limited",
);
const TEMPLATES_KEY: Key = key(
    "templates",
    false,
    Ty::TemplateList,
    "Texts the API fills in, with each varying part written as `{name}`; lookups match them and return the parts.",
    "[\"{parameter} parameter is missing.\"]",
);
const APIS_KEY: Key = key(
    "apis",
    false,
    Ty::ChoiceList(APIS),
    "API families that served it.",
    "[v1.1]",
);
const DEPRECATED: Key = key(
    "deprecated",
    false,
    Ty::Text,
    "Why and when it was retired; the generated item is marked #[deprecated].",
    "Retired with API v1 in 2013.",
);
const ALIASES: Key = key(
    "aliases",
    false,
    Ty::TextList,
    "Other wordings the API has used; decoders recognise them too.",
    "[Earlier wording]",
);

/// `formats:` entries.
pub static FORMATS_SECTION: Section = Section {
    name: "formats",
    entry: "a wire format",
    doc: "The wire formats error bodies are served in, with their Content-Types.",
    keys: &[
        key("name", true, Ty::Choice(FORMATS), "Which format.", "json"),
        key(
            "content_type",
            true,
            Ty::Text,
            "The Content-Type header value, with charset.",
            "application/json; charset=utf-8",
        ),
        DESCRIPTION,
    ],
};

/// `headers:` entries.
pub static HEADERS_SECTION: Section = Section {
    name: "headers",
    entry: "a response header",
    doc: "Response headers the catalog reads: rate-limit state, and the API version that served a response.",
    keys: &[
        key(
            "name",
            true,
            Ty::Header,
            "The header name, lower case.",
            "x-rate-limit-limit",
        ),
        key(
            "meaning",
            true,
            Ty::Choice(MEANINGS),
            "What the value means.",
            "limit",
        ),
        key(
            "window",
            false,
            Ty::Choice(WINDOWS),
            "Which allowance it describes: required for a limit, the requests remaining or a reset; not for an API version.",
            "standard",
        ),
        DESCRIPTION,
    ],
};

/// `problem_hosts:` entries.
pub static HOSTS_SECTION: Section = Section {
    name: "problem_hosts",
    entry: "a problem URI prefix",
    doc: "URI prefixes under which v2 problem types have been served; lookups match a type under any of them.",
    keys: &[
        key(
            "prefix",
            true,
            Ty::Prefix,
            "The prefix, ending in `/`.",
            "https://api.x.com/2/problems/",
        ),
        key(
            "default",
            false,
            Ty::Bool,
            "`true` for the one prefix encoders write problem types under unless told otherwise: the host live responses use today.",
            "true",
        ),
        DESCRIPTION,
    ],
};

/// `statuses:` entries.
pub static STATUSES_SECTION: Section = Section {
    name: "statuses",
    entry: "an HTTP status",
    doc: "Every HTTP status the API documents.",
    keys: &[
        key("status", true, Ty::StatusCode, "The status code.", "404"),
        NAME,
        key(
            "text",
            true,
            Ty::Text,
            "The reason phrase the API documented.",
            "Not Found",
        ),
        ALIASES,
        APIS_KEY,
        RETRY_KEY,
        RETRY_POLICY_KEY,
        REPLACES,
        DEPRECATED,
        DESCRIPTION,
    ],
};

/// `meanings:` entries of a code.
pub static MEANINGS_SECTION: Section = Section {
    name: "meanings",
    entry: "a meaning of a code",
    doc: "Other things the same code has meant, in another era or another API, each with its own texts.",
    keys: &[
        key(
            "era",
            true,
            Ty::Text,
            "When or where the code meant this, in a few words.",
            "2020, on v1.1 upload paths",
        ),
        key(
            "message",
            true,
            Ty::Text,
            "The API's literal text for this meaning.",
            "The Twitter REST API v1 is no longer active.",
        ),
        ALIASES,
        TEMPLATES_KEY,
        key(
            "status",
            false,
            Ty::StatusCode,
            "The HTTP status it came with; must be listed under statuses.",
            "410",
        ),
        APIS_KEY,
        RETRY_KEY,
        RETRY_POLICY_KEY,
        DESCRIPTION,
    ],
};

/// `codes:` entries.
pub static CODES_SECTION: Section = Section {
    name: "codes",
    entry: "a v1.1 error code",
    doc: "Every v1.1 numeric error code.",
    keys: &[
        key("code", true, Ty::ErrorCode, "The number the API sends. Never reused.", "88"),
        NAME,
        key(
            "message",
            true,
            Ty::Text,
            "The API's literal message text, as sent.",
            "Rate limit exceeded.",
        ),
        ALIASES,
        TEMPLATES_KEY,
        key(
            "status",
            false,
            Ty::StatusCode,
            "The HTTP status it comes with; must be listed under statuses.",
            "429",
        ),
        key(
            "other_statuses",
            false,
            Ty::StatusList,
            "Other HTTP statuses it has been seen with.",
            "[401]",
        ),
        APIS_KEY,
        RETRY_KEY,
        RETRY_POLICY_KEY,
        key(
            "evidence",
            false,
            Ty::Choice(EVIDENCE),
            "documented (default), observed (live responses only) or unverified (one third-party source).",
            "documented",
        ),
        SUSPENDED,
        REPLACES,
        DEPRECATED,
        DESCRIPTION,
        key(
            "meanings",
            false,
            Ty::Entries(&MEANINGS_SECTION),
            "Other meanings the code has had, each with its era, texts and status.",
            "[]",
        ),
    ],
};

/// `replaces`, on statuses, codes and problem types.
const REPLACES: Key = key(
    "replaces",
    false,
    Ty::Bool,
    "`true` when the entry, in a file layered on others (on the bundled catalog, say), redefines one of theirs with the same key; a layer that redefines an entry without it is refused.",
    "true",
);

/// `suspended`, on codes and problem types.
const SUSPENDED: Key = key(
    "suspended",
    false,
    Ty::Bool,
    "`true` when the error says that an account, a user or an app is suspended (what `ApiError::is_suspended` asks).",
    "true",
);

/// `problems:` entries.
pub static PROBLEMS_SECTION: Section = Section {
    name: "problems",
    entry: "a v2 problem type",
    doc: "Every v2 problem type.",
    keys: &[
        key(
            "type",
            true,
            Ty::ProblemUri,
            "The canonical type URI.",
            "https://api.twitter.com/2/problems/invalid-request",
        ),
        NAME,
        key(
            "title",
            false,
            Ty::Text,
            "The title the API sends; required unless `untitled: true`.",
            "Invalid Request",
        ),
        key(
            "untitled",
            false,
            Ty::Bool,
            "`true` when no title for it was ever published: it then has no `title`, and encoders write its status's reason phrase.",
            "true",
        ),
        ALIASES,
        key(
            "status",
            false,
            Ty::StatusCode,
            "The HTTP status it comes with; must be listed under statuses.",
            "400",
        ),
        APIS_KEY,
        RETRY_KEY,
        RETRY_POLICY_KEY,
        key(
            "members",
            false,
            Ty::MemberList,
            "The members of the error object this type carries, beyond `type`, `title`, `detail` and `status`; each a `fields:` entry. What arrives is kept whatever it is; this documents what to expect.",
            "[parameter, value]",
        ),
        key(
            "required",
            false,
            Ty::MemberList,
            "The members the API's schema requires of this type; each in `members` or one every object carries.",
            "[resource_type]",
        ),
        SUSPENDED,
        REPLACES,
        DEPRECATED,
        DESCRIPTION,
    ],
};

/// `details:` entries.
pub static DETAILS_SECTION: Section = Section {
    name: "details",
    entry: "a problem detail",
    doc: "`detail` texts of v2 problems that name a cause of their own beyond the problem's type, such as the reasons an `about:blank` 403 gives.",
    keys: &[
        key(
            "text",
            false,
            Ty::Text,
            "The `detail` text, as the API sends it; required unless `templates` gives every form it takes.",
            "You are not permitted to perform this action.",
        ),
        NAME,
        ALIASES,
        TEMPLATES_KEY,
        key(
            "problem",
            true,
            Ty::Ident,
            "The `name` of the `problems:` entry it comes with (`generic` for `about:blank`).",
            "generic",
        ),
        key(
            "status",
            false,
            Ty::StatusCode,
            "The HTTP status it comes with; must be listed under statuses.",
            "403",
        ),
        key(
            "code",
            false,
            Ty::ErrorCode,
            "The v1.1 code that means the same, when there is one; must be listed under codes.",
            "187",
        ),
        RETRY_KEY,
        RETRY_POLICY_KEY,
        key(
            "evidence",
            false,
            Ty::Choice(EVIDENCE),
            "documented (default), observed (live responses only) or unverified (one third-party source).",
            "observed",
        ),
        DESCRIPTION,
    ],
};

/// `streams:` entries.
pub static STREAMS_SECTION: Section = Section {
    name: "streams",
    entry: "a kind of stream",
    doc: "How each API family's streams are kept alive, and how to reconnect after each kind of failure.",
    keys: &[
        NAME,
        key(
            "api",
            true,
            Ty::Choice(APIS),
            "The API family whose streams these are; each once.",
            "v2",
        ),
        key(
            "heartbeat_ms",
            false,
            Ty::Millis,
            "How often the server sends a keep-alive when it has nothing else to send, in milliseconds.",
            "20000",
        ),
        key(
            "timeout_ms",
            false,
            Ty::Millis,
            "How long to go without receiving anything before treating the connection as dead, in milliseconds.",
            "20000",
        ),
        key(
            "on_network",
            false,
            Ty::Ident,
            "The `retry_policies:` entry to reconnect by after a network failure.",
            "network_error",
        ),
        key(
            "on_http_error",
            false,
            Ty::Ident,
            "The `retry_policies:` entry to reconnect by after an HTTP error other than a rate limit.",
            "http_error",
        ),
        key(
            "on_rate_limit",
            false,
            Ty::Ident,
            "The `retry_policies:` entry to reconnect by after a rate limit.",
            "rate_limited",
        ),
        DESCRIPTION,
    ],
};

/// `values:` entries of a field.
pub static VALUES_SECTION: Section = Section {
    name: "values",
    entry: "a vocabulary value",
    doc: "The documented values of a vocabulary member.",
    keys: &[
        key("value", true, Ty::Text, "The literal on the wire.", "tweet"),
        NAME,
        RETRY_KEY,
        RETRY_POLICY_KEY,
        DESCRIPTION,
    ],
};

/// `retry_policies:` entries.
pub static POLICIES_SECTION: Section = Section {
    name: "retry_policies",
    entry: "a retry policy",
    doc: "Named ways to wait before retrying, as the API's own guidance gives them; entries refer to them with `retry_policy`.",
    keys: &[
        NAME,
        key(
            "retry",
            true,
            Ty::Choice(RETRY),
            "When retrying can help: never, after_reset, backoff or reconnect.",
            "backoff",
        ),
        key(
            "growth",
            false,
            Ty::Choice(GROWTH),
            "How the wait grows between attempts: exponential (doubling, the default) or linear (by `step_ms`); only with `retry: backoff`.",
            "exponential",
        ),
        key(
            "initial_ms",
            false,
            Ty::Millis,
            "The first wait, in milliseconds; required with `retry: backoff`, and only there.",
            "60000",
        ),
        key(
            "step_ms",
            false,
            Ty::Millis,
            "What each attempt adds to the wait, in milliseconds; only with `growth: linear`.",
            "250",
        ),
        key(
            "max_ms",
            false,
            Ty::Millis,
            "The longest wait, in milliseconds; only with `retry: backoff`.",
            "320000",
        ),
        key(
            "reset",
            false,
            Ty::Choice(RESETS),
            "What ends the wait: headers (the `x-rate-limit-*` resets, the default), not_in_headers (an allowance no header reports), credits (credits added to the account) or billing_cycle (the next billing cycle); only with `retry: after_reset`.",
            "not_in_headers",
        ),
        key(
            "default_for",
            false,
            Ty::Choice(FALLBACKS),
            "The failures that name no policy of their own and wait by this one: service (a 5xx or an overloaded service), rate_limit (a rate limit with no reset given) or network (no answer); each once in a catalog, only with `retry: backoff`.",
            "service",
        ),
        DESCRIPTION,
    ],
};

/// `notices:` entries.
pub static NOTICES_SECTION: Section = Section {
    name: "notices",
    entry: "a notice",
    doc: "Texts the API sent in the legacy `error` member that report success, not a failure.",
    keys: &[
        key(
            "text",
            true,
            Ty::Text,
            "The literal text, as sent.",
            "Logged out.",
        ),
        NAME,
        APIS_KEY,
        DESCRIPTION,
    ],
};

/// `disconnects:` entries.
pub static DISCONNECTS_SECTION: Section = Section {
    name: "disconnects",
    entry: "a stream disconnect code",
    doc: "The codes of v1.1 streaming `disconnect` notices (not v1.1 error codes).",
    keys: &[
        key(
            "code",
            true,
            Ty::ErrorCode,
            "The number in the notice's `code`.",
            "4",
        ),
        NAME,
        key(
            "reason",
            false,
            Ty::Text,
            "The short name the streaming documentation gives it.",
            "Stall",
        ),
        RETRY_KEY,
        RETRY_POLICY_KEY,
        DESCRIPTION,
    ],
};

/// `fields:` entries.
pub static FIELDS_SECTION: Section = Section {
    name: "fields",
    entry: "a v2 error-object member",
    doc: "The members a v2 error object carries.",
    keys: &[
        key(
            "name",
            true,
            Ty::Member,
            "The member name on the wire.",
            "resource_type",
        ),
        key(
            "always",
            false,
            Ty::Bool,
            "Whether every error object carries it (default false).",
            "false",
        ),
        key(
            "kind",
            false,
            Ty::Choice(FIELD_KINDS),
            "Its JSON type: string (default), integer or json (any value).",
            "string",
        ),
        DESCRIPTION,
        key(
            "values",
            false,
            Ty::Entries(&VALUES_SECTION),
            "The documented values, for a vocabulary.",
            "[]",
        ),
    ],
};

/// Every top-level section, in the order the file lists them.
pub static SECTIONS: &[&Section] = &[
    &FORMATS_SECTION,
    &HEADERS_SECTION,
    &HOSTS_SECTION,
    &POLICIES_SECTION,
    &STATUSES_SECTION,
    &CODES_SECTION,
    &PROBLEMS_SECTION,
    &FIELDS_SECTION,
    &DETAILS_SECTION,
    &NOTICES_SECTION,
    &DISCONNECTS_SECTION,
    &STREAMS_SECTION,
];

/// Rust keywords: names that need care as identifiers (see
/// the crate's `naming` module, where the naming rules live).
pub use crate::naming::RESERVED;

/// The closest of `candidates` to `word`, if it is close enough to be a typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
