//! The closed vocabularies of `errors.yaml`: when to retry, how a backoff
//! grows, where a reset is read from, how well an entry is attested, and
//! which API served it.
//!
//! Defined once, here, and compiled into both crates: the runtime exports
//! these types from `catalog`, and the generator (which cannot depend on
//! the runtime, whose build script may run it) reads the spec into them
//! from a byte-for-byte copy at `codegen/src/spec/vocabulary.rs`, which
//! the workspace's golden test keeps identical. Edit this file, then run
//! `cargo test -p twitter-errors-tests --test golden` to refresh the copy.
//!
//! `Default` is what the spec implies when the key is absent.

/// When retrying a failed request can succeed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Retry {
    /// The same request will fail again: change it first.
    #[default]
    Never,
    /// Wait until the rate-limit window resets, then retry.
    AfterReset,
    /// A transient failure: retry with exponential backoff.
    Backoff,
    /// A stream was closed for a reason that does not recur (a stall, an
    /// operational disconnect): reconnect at once.
    Reconnect,
}

impl Retry {
    /// Every value, in order.
    pub const ALL: [Retry; 4] = [
        Retry::Never,
        Retry::AfterReset,
        Retry::Backoff,
        Retry::Reconnect,
    ];

    /// The spelling used in `errors.yaml`: `never`, `after_reset`,
    /// `backoff`, `reconnect`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::AfterReset => "after_reset",
            Retry::Backoff => "backoff",
            Retry::Reconnect => "reconnect",
        }
    }

    /// The value spelt `s` in `errors.yaml`.
    pub fn from_spelling(s: &str) -> Option<Retry> {
        Retry::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// How a backoff grows between attempts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Growth {
    /// Each wait doubles the one before.
    #[default]
    Exponential,
    /// Each wait adds the schedule's step to the one before.
    Linear,
}

impl Growth {
    /// Every value, in order.
    pub const ALL: [Growth; 2] = [Growth::Exponential, Growth::Linear];

    /// The spelling used in `errors.yaml`: `exponential`, `linear`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Growth::Exponential => "exponential",
            Growth::Linear => "linear",
        }
    }

    /// The value spelt `s` in `errors.yaml`.
    pub fn from_spelling(s: &str) -> Option<Growth> {
        Growth::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Where the end of a wait for a reset is read from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Reset {
    /// The rate-limit headers' resets (`x-rate-limit-reset` and the
    /// 24-hour ones).
    #[default]
    Headers,
    /// No header carries it: the allowance refills on a schedule of its
    /// own (a day's posts, a month's usage), so a reset header of the
    /// response is no guide.
    NotInHeaders,
}

impl Reset {
    /// Every value, in order.
    pub const ALL: [Reset; 2] = [Reset::Headers, Reset::NotInHeaders];

    /// The spelling used in `errors.yaml`: `headers`, `not_in_headers`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Reset::Headers => "headers",
            Reset::NotInHeaders => "not_in_headers",
        }
    }

    /// The value spelt `s` in `errors.yaml`.
    pub fn from_spelling(s: &str) -> Option<Reset> {
        Reset::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// How well a catalog entry is attested.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Evidence {
    /// In an official table or a dated copy of one.
    #[default]
    Documented,
    /// Seen in live responses only, never documented.
    Observed,
    /// Known from a single third-party source.
    Unverified,
}

impl Evidence {
    /// Every value, in order.
    pub const ALL: [Evidence; 3] = [
        Evidence::Documented,
        Evidence::Observed,
        Evidence::Unverified,
    ];

    /// The spelling used in `errors.yaml`: `documented`, `observed`,
    /// `unverified`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Evidence::Documented => "documented",
            Evidence::Observed => "observed",
            Evidence::Unverified => "unverified",
        }
    }

    /// The value spelt `s` in `errors.yaml`.
    pub fn from_spelling(s: &str) -> Option<Evidence> {
        Evidence::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// An API family that served an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Api {
    /// REST API v1 (retired 2013).
    V1,
    /// REST API v1.1.
    V1_1,
    /// API v2.
    V2,
    /// Twitter Developer Labs, the v2 previews.
    Labs,
    /// The v1 Search API.
    Search,
    /// The streaming APIs.
    Streaming,
    /// The Account Activity API.
    AccountActivity,
    /// The media upload API.
    Media,
}

impl Api {
    /// Every API family, in order.
    pub const ALL: [Api; 8] = [
        Api::V1,
        Api::V1_1,
        Api::V2,
        Api::Labs,
        Api::Search,
        Api::Streaming,
        Api::AccountActivity,
        Api::Media,
    ];

    /// The spelling used in `errors.yaml` (`v1.1`, `account_activity`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Api::V1 => "v1",
            Api::V1_1 => "v1.1",
            Api::V2 => "v2",
            Api::Labs => "labs",
            Api::Search => "search",
            Api::Streaming => "streaming",
            Api::AccountActivity => "account_activity",
            Api::Media => "media",
        }
    }

    /// The family spelt `s` in `errors.yaml`.
    pub fn from_spelling(s: &str) -> Option<Api> {
        Api::ALL.into_iter().find(|v| v.as_str() == s)
    }
}
