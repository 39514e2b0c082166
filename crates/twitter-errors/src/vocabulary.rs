//! The closed vocabularies of `errors.yaml`: when to retry, how a backoff
//! grows, what lifts a wait, how well an entry is attested, which API
//! served it, the wire formats, and what a rate-limit header says.
//!
//! Defined once, here. The runtime exports these types from `catalog`;
//! the generator (`twitter-errors-codegen`, which depends on this crate)
//! reads the spec into them, takes the spellings its key tables accept
//! from [`SPELLINGS`](Retry::SPELLINGS), and writes their words into the
//! Markdown reference.
//!
//! `Default` is what the spec implies when the key is absent.

/// Defines a vocabulary: the enum, its values in order (`ALL`), their
/// spellings in `errors.yaml` (`SPELLINGS`, `as_str`, `from_spelling`).
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $spelling:literal,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )*
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The spellings used in `errors.yaml`, in the order of
            /// [`ALL`](Self::ALL).
            pub const SPELLINGS: &'static [&'static str] = &[$($spelling),*];

            /// The spelling used in `errors.yaml`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $spelling,)*
                }
            }

            /// The value spelt `s` in `errors.yaml`.
            pub fn from_spelling(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            /// The variant's name in Rust (`AfterReset`): what generated
            /// code writes.
            #[doc(hidden)]
            pub const fn rust_name(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant),)*
                }
            }
        }
    };
}

vocabulary! {
    /// When retrying a failed request can succeed.
    ///
    /// [`label`](Retry::label) and [`advice`](Retry::advice) are the words
    /// every output uses for it: the reference's legend, `Display` of a
    /// decision, the command line's `explain`.
    #[derive(Default)]
    pub enum Retry {
        /// The same request will fail again: change it first.
        #[default]
        Never = "never",
        /// Wait until what ran out is given back (a rate-limit window's
        /// reset, or what [`Reset`] names), then retry.
        AfterReset = "after_reset",
        /// A transient failure: retry with exponential backoff.
        Backoff = "backoff",
        /// A stream was closed for a reason that does not recur (a stall, an
        /// operational disconnect): reconnect at once.
        Reconnect = "reconnect",
    }
}

impl Retry {
    /// A short label, for tables: `never`, `after reset`, `backoff`,
    /// `reconnect`.
    pub const fn label(self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::AfterReset => "after reset",
            Retry::Backoff => "backoff",
            Retry::Reconnect => "reconnect",
        }
    }

    /// What to do, in a few words: `do not retry`, `retry after the
    /// rate-limit window resets`, `retry with exponential backoff`,
    /// `reconnect at once`. Also its `Display`.
    pub const fn advice(self) -> &'static str {
        match self {
            Retry::Never => "do not retry",
            Retry::AfterReset => "retry after the rate-limit window resets",
            Retry::Backoff => "retry with exponential backoff",
            Retry::Reconnect => "reconnect at once",
        }
    }

    /// Why: `the same request fails again`, and so on.
    pub const fn reason(self) -> &'static str {
        match self {
            Retry::Never => "the same request fails again until it is changed",
            Retry::AfterReset => "an allowance ran out and is given back later",
            Retry::Backoff => "the failure is transient",
            Retry::Reconnect => "a stream was closed for a reason that does not recur",
        }
    }
}

impl core::fmt::Display for Retry {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.advice())
    }
}

vocabulary! {
    /// How a backoff grows between attempts.
    #[derive(Default)]
    pub enum Growth {
        /// Each wait doubles the one before.
        #[default]
        Exponential = "exponential",
        /// Each wait adds the schedule's step to the one before.
        Linear = "linear",
    }
}

vocabulary! {
    /// What ends a wait for a reset: where the time is read from, or what
    /// has to happen first.
    #[derive(Default)]
    pub enum Reset {
        /// The rate-limit headers' resets (`x-rate-limit-reset` and the
        /// 24-hour ones).
        #[default]
        Headers = "headers",
        /// No header carries it: the allowance refills on a schedule of its
        /// own (a day's posts, a month's usage), so a reset header of the
        /// response is no guide.
        NotInHeaders = "not_in_headers",
        /// The account has no credits left: requests fail until credits are
        /// added (by hand, or by an auto-recharge, which runs at most once
        /// every five minutes). No header says when; the rate-limit headers
        /// of such a response may show plenty left.
        Credits = "credits",
        /// A spending limit was reached: requests fail until the next
        /// billing cycle starts, or until the limit is raised. No header says
        /// when.
        BillingCycle = "billing_cycle",
    }
}

impl Reset {
    /// A short label, for tables: `rate-limit headers`, `not in the
    /// headers`.
    pub const fn label(self) -> &'static str {
        match self {
            Reset::Headers => "rate-limit headers",
            Reset::NotInHeaders => "not in the headers",
            Reset::Credits => "credits added",
            Reset::BillingCycle => "next billing cycle",
        }
    }

    /// When a retry can succeed, in a few words, after `retry `: `after the
    /// rate-limit window resets`, `when the allowance refills (no header
    /// says when)`, and so on.
    pub const fn advice(self) -> &'static str {
        match self {
            Reset::Headers => "after the rate-limit window resets",
            Reset::NotInHeaders => "when the allowance refills (no header says when)",
            Reset::Credits => {
                "once credits are added to the account (an auto-recharge runs at most once every five minutes)"
            }
            Reset::BillingCycle => {
                "when the next billing cycle starts, or once the spending limit is raised"
            }
        }
    }

    /// Whether the wait ends when a rate-limit header says: only for
    /// [`Reset::Headers`].
    pub const fn in_headers(self) -> bool {
        matches!(self, Reset::Headers)
    }
}

vocabulary! {
    /// How well a catalog entry is attested.
    #[derive(Default)]
    pub enum Evidence {
        /// In an official table or a dated copy of one.
        #[default]
        Documented = "documented",
        /// Seen in live responses only, never documented.
        Observed = "observed",
        /// Known from a single third-party source.
        Unverified = "unverified",
    }
}

impl Evidence {
    /// What it says of an entry, when it says more than that the entry is
    /// documented.
    pub const fn note(self) -> Option<&'static str> {
        match self {
            Evidence::Documented => None,
            Evidence::Observed => {
                Some("observed in live responses only; no documentation lists it")
            }
            Evidence::Unverified => Some("unverified; known from a single third-party source"),
        }
    }
}

vocabulary! {
    /// An API family that served an entry.
    pub enum Api {
        /// REST API v1 (retired 2013).
        V1 = "v1",
        /// REST API v1.1.
        V1_1 = "v1.1",
        /// API v2.
        V2 = "v2",
        /// Twitter Developer Labs, the v2 previews.
        Labs = "labs",
        /// The v1 Search API.
        Search = "search",
        /// The streaming APIs.
        Streaming = "streaming",
        /// The Account Activity API.
        AccountActivity = "account_activity",
        /// The media upload API.
        Media = "media",
    }
}

vocabulary! {
    /// A wire format of error bodies.
    pub enum Format {
        /// v1.1 JSON: `{"errors":[{"message":"...","code":34}]}`.
        Json = "json",
        /// The v1 API's XML: `<errors><error code="34">...</error></errors>`.
        /// Read and written with the `xml` feature; without it, negotiation
        /// never picks it and decoding it gives
        /// [`ErrorKind::Unsupported`](crate::codec::ErrorKind::Unsupported).
        Xml = "xml",
        /// JSONP: the v1.1 JSON body inside `callback(...);`.
        Jsonp = "jsonp",
        /// v2 problem details JSON.
        Problem = "problem",
    }
}

impl core::fmt::Display for Format {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

vocabulary! {
    /// What a response header's value means.
    pub enum HeaderMeaning {
        /// The ceiling of the window.
        Limit = "limit",
        /// Requests left in the window.
        Remaining = "remaining",
        /// When the window resets, in UTC epoch seconds.
        Reset = "reset",
        /// How long to wait before retrying (seconds or an HTTP date).
        RetryAfter = "retry_after",
        /// The version of the API's OpenAPI spec that served the response
        /// (`2.164`): not a limit, but the one header that dates a body.
        ApiVersion = "api_version",
    }
}

impl HeaderMeaning {
    /// A short label, for tables: `limit`, `remaining`, `reset`, `retry
    /// after`, `API version`.
    pub const fn label(self) -> &'static str {
        match self {
            HeaderMeaning::Limit => "limit",
            HeaderMeaning::Remaining => "remaining",
            HeaderMeaning::Reset => "reset",
            HeaderMeaning::RetryAfter => "retry after",
            HeaderMeaning::ApiVersion => "API version",
        }
    }
}

vocabulary! {
    /// Which allowance a rate-limit header describes.
    pub enum Window {
        /// The per-endpoint window, usually 15 minutes.
        Standard = "standard",
        /// The app's 24-hour allowance.
        App24h = "app_24h",
        /// The user's 24-hour allowance.
        User24h = "user_24h",
    }
}

impl Window {
    /// A short label, for tables: `standard`, `app, 24 hours`, `user, 24
    /// hours`.
    pub const fn label(self) -> &'static str {
        match self {
            Window::Standard => "standard",
            Window::App24h => "app, 24 hours",
            Window::User24h => "user, 24 hours",
        }
    }
}

vocabulary! {
    /// The failures a retry policy is the catalog's default schedule for:
    /// those that name no policy of their own.
    pub enum Fallback {
        /// A failure of the service (a 5xx status, an over-capacity code, a
        /// stream closed by the server) with no time to wait given.
        Service = "service",
        /// A rate limit whose response gives no reset (420 never does).
        RateLimit = "rate_limit",
        /// No answer at all: the connection failed, timed out or broke.
        Network = "network",
    }
}

vocabulary! {
    /// The JSON type of a v2 error-object member.
    #[derive(Default)]
    pub enum MemberKind {
        /// A string (a vocabulary when the catalog lists its values).
        #[default]
        String = "string",
        /// An integer.
        Integer = "integer",
        /// Any JSON value, kept as it came.
        Json = "json",
    }
}

impl MemberKind {
    /// A short label, for tables: `string`, `integer`, `any JSON`.
    pub const fn label(self) -> &'static str {
        match self {
            MemberKind::String => "string",
            MemberKind::Integer => "integer",
            MemberKind::Json => "any JSON",
        }
    }
}
