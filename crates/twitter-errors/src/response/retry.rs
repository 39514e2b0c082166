//! Whether and when to retry a failed call.

use core::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::catalog::{Backoff, Catalog, Fallbacks, PolicyInfo, Reset, Retry, Window};

/// Which kind of limit a failure reports: a rate limit or a usage cap (both
/// 429), or a billing limit (402, or 403 for a spending limit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// A rate-limit window ran out; wait for its reset.
    RateLimit(Window),
    /// A v2 usage cap (a daily or monthly allowance of the project or
    /// account) was reached: the problem type `usage-capped`.
    UsageCap,
    /// The developer account has no credits left (pay-per-use, HTTP 402):
    /// requests fail until credits are added, whatever the rate-limit
    /// headers say.
    Credits,
    /// The account's spending limit was reached: requests fail until the
    /// next billing cycle, or until the limit is raised.
    SpendCap,
}

/// When to try again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Wait {
    /// After this many seconds (`Retry-After`).
    Seconds(u64),
    /// Once this UTC epoch second has passed (a reset header, or an HTTP
    /// date in `Retry-After`).
    Until(u64),
}

/// Whether and when to retry: the status, the codes or problem types and
/// the headers, combined.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use twitter_errors::response::{ApiError, Wait};
/// use twitter_errors::Retry;
///
/// let body = br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#;
/// let e = ApiError::from_response(429, [("x-rate-limit-reset", "1795356300")], body);
/// let decision = e.retry();
/// assert_eq!(decision.hint, Retry::AfterReset);
/// assert_eq!(decision.wait, Some(Wait::Until(1_795_356_300)));
/// // Ten minutes before the reset, wait ten minutes.
/// assert_eq!(decision.delay(1_795_355_700), Some(Duration::from_secs(600)));
///
/// // A code that will not change: do not retry.
/// let e = ApiError::from_response(401, [("x", "y")], br#"{"errors":[{"code":32,"message":"Could not authenticate you."}]}"#);
/// assert_eq!(e.retry().hint, Retry::Never);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetryDecision {
    /// Whether retrying can succeed, and how: never, at once, with
    /// backoff, or after a reset.
    pub hint: Retry,
    /// When, if the response says.
    pub wait: Option<Wait>,
    /// How to wait, when the catalog entry that decided names a policy:
    /// a backoff schedule, or where a reset is (not) to be read from.
    pub policy: Option<&'static PolicyInfo>,
}

impl RetryDecision {
    /// A decision without a policy.
    pub const fn new(hint: Retry, wait: Option<Wait>) -> Self {
        RetryDecision {
            hint,
            wait,
            policy: None,
        }
    }

    /// Whether the end of the wait can be read from the rate-limit headers:
    /// `false` for the quota errors (daily posts, follows, spam reports),
    /// monthly usage caps and billing limits, which lift on a schedule or
    /// an event no `x-rate-limit-*` header carries.
    pub fn reset_in_headers(&self) -> bool {
        self.hint == Retry::AfterReset && self.policy.is_none_or(|p| p.reset.in_headers())
    }

    /// What to do, in words: `retry in 30s`, `retry after
    /// 2026-11-22T14:05:00Z` when the response says when; else the
    /// catalog's words for the hint, and for a wait for a reset what ends
    /// it (`retry when the allowance refills (no header says when)`). What
    /// `Display` of an [`ApiError`](crate::response::ApiError) ends with.
    pub fn advice(&self) -> String {
        match (self.wait, self.hint) {
            (Some(Wait::Until(t)), _) => format!("retry after {}", Rfc3339(t)),
            (Some(Wait::Seconds(s)), _) => format!("retry in {s}s"),
            (None, Retry::AfterReset) => {
                let reset = self.policy.map_or(Reset::Headers, |p| p.reset);
                format!("retry {}", reset.advice())
            }
            (None, r) => r.advice().to_string(),
        }
    }

    /// The wait before retry number `attempt` (0 for the first), from the
    /// policy's backoff schedule, when it gives one.
    pub fn backoff_delay(&self, attempt: u32) -> Option<Duration> {
        Some(self.policy?.backoff?.delay(attempt))
    }

    /// How long to wait from `now` (UTC epoch seconds), if the response
    /// says.
    pub fn delay(&self, now: u64) -> Option<Duration> {
        match self.wait? {
            Wait::Seconds(s) => Some(Duration::from_secs(s)),
            Wait::Until(t) => Some(Duration::from_secs(t.saturating_sub(now))),
        }
    }

    /// How long to wait from `now`, if the response says: [`delay`] with
    /// the time of a clock. A time before 1970 counts as 1970.
    ///
    /// [`delay`]: RetryDecision::delay
    pub fn delay_from(&self, now: SystemTime) -> Option<Duration> {
        match self.wait? {
            Wait::Seconds(s) => Some(Duration::from_secs(s)),
            Wait::Until(t) => {
                let at = UNIX_EPOCH.checked_add(Duration::from_secs(t));
                // A reset past what `SystemTime` holds is as far as it goes.
                Some(at.map_or(Duration::MAX, |at| {
                    at.duration_since(now).unwrap_or(Duration::ZERO)
                }))
            }
        }
    }
}

/// One failed attempt, as a [`RetryPolicy`] sees it.
///
/// An [`ApiError`](crate::response::ApiError) converts into one
/// (`Failure::from(&error)`); a client integration says which of its
/// errors are [`Network`](Failure::Network) failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Failure {
    /// The API answered with an error: a failure status, an error body
    /// served with 200, or an error sent in-band on a stream.
    Api {
        /// What the response says: [`ApiError::retry`](crate::response::ApiError::retry).
        decision: RetryDecision,
        /// The limit it hit: [`ApiError::limit`](crate::response::ApiError::limit).
        limit: Option<Limit>,
        /// Whether that limit is a usage cap of the month (`period:
        /// Monthly`), which no wait within reach ends.
        monthly_cap: bool,
    },
    /// No answer came: the connection failed, timed out or broke
    /// (a stream that stopped in the middle is one).
    Network,
    /// Something no retry changes: a request that could not be built, a
    /// body refused by the limits, a response that is not HTTP.
    Fatal,
}

impl Failure {
    /// The failure of an API error from its decision alone (no limit).
    pub const fn api(decision: RetryDecision) -> Self {
        Failure::Api {
            decision,
            limit: None,
            monthly_cap: false,
        }
    }
}

/// Why a [`RetryPolicy`] gives up: what [`RetryPolicy::decide`] returns
/// instead of a wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GiveUp {
    /// Retrying cannot succeed: the error will not change, or is not one
    /// of the API's.
    NotRetryable,
    /// A limit that no wait within reach lifts: a usage cap whose end the
    /// response does not give (or a monthly one), no credits left, a
    /// spending limit reached.
    Limit(Limit),
    /// The response gives no time and the policy has no schedule for this
    /// kind of failure (or, for a daily quota, no header says when it
    /// refills): a wait would be a guess.
    NoSchedule,
    /// The policy's retries were all made.
    Retries {
        /// How many retries the policy allows.
        max: u32,
    },
    /// The wait asked for is longer than the policy waits at once.
    TooLong {
        /// The wait asked for.
        wait: Duration,
        /// The policy's [`max_wait`](RetryPolicy::with_max_wait).
        max: Duration,
    },
    /// The wait would take the waits of this call past the policy's
    /// budget.
    OverBudget {
        /// The wait asked for.
        wait: Duration,
        /// What the call already waited.
        waited: Duration,
        /// The policy's [`budget`](RetryPolicy::with_budget).
        budget: Duration,
    },
}

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = |d: &Duration| {
            let ms = d.subsec_millis();
            if ms == 0 {
                format!("{}s", d.as_secs())
            } else {
                format!("{}.{ms:03}s", d.as_secs())
            }
        };
        match self {
            GiveUp::NotRetryable => f.write_str("retrying cannot succeed"),
            GiveUp::Limit(Limit::Credits) => f.write_str("no credits left: add credits first"),
            GiveUp::Limit(Limit::SpendCap) => {
                f.write_str("the spending limit was reached: it lifts in the next billing cycle")
            }
            GiveUp::Limit(_) => f.write_str("a usage cap was reached, and no response says when it ends"),
            GiveUp::NoSchedule => f.write_str("the response gives no time to retry at, and the policy has no schedule for it"),
            GiveUp::Retries { max } => write!(f, "all {max} retries were made"),
            GiveUp::TooLong { wait, max } => write!(
                f,
                "the response asks for a wait of {}, more than the most the policy waits at once ({})",
                secs(wait),
                secs(max)
            ),
            GiveUp::OverBudget {
                wait,
                waited,
                budget,
            } => write!(
                f,
                "a wait of {} after {} already waited would pass the policy's budget of {}",
                secs(wait),
                secs(waited),
                secs(budget)
            ),
        }
    }
}

/// When to retry, and when to give up: the API's own guidance as a
/// policy, and the part of every retry integration (the `retry`,
/// `reqwest-middleware` and `tower` features) that decides.
///
/// For each failed attempt, [`RetryPolicy::wait`] gives how long to wait
/// before the next one, or `None` to give up:
///
/// - nothing for an error that will not change (`Retry::Never`: a bad
///   request, a missing page, a suspended account), for a monthly usage
///   cap, for a usage cap whose end the response does not give, for a
///   quota whose reset no header carries (codes 185, 161, 205: a day's
///   posts, follows or reports) unless `Retry-After` gives a time, and once
///   [`max_retries`](RetryPolicy::with_max_retries) retries were made;
/// - nothing, either, when the wait is longer than
///   [`max_wait`](RetryPolicy::with_max_wait) (16 minutes by default) or
///   would take the call's waits past its
///   [`budget`](RetryPolicy::with_budget) (30 minutes): a 24-hour reset
///   gives up at once, with [`GiveUp::TooLong`], rather than sleep a day
///   without a word;
/// - no wait before the first reconnect of a stream closed for a reason
///   that does not recur (`Retry::Reconnect`: a stall, an operational
///   disconnect); later reconnects back off as below;
/// - what the response asks for: `Retry-After` (seconds or an HTTP date),
///   else, for a rate limit, the reset of the window that ran out (the
///   24-hour user and app windows first, then `x-rate-limit-reset`), plus
///   a margin of a second for clocks that differ; a wait longer than
///   [`max_wait`](RetryPolicy::with_max_wait) gives up instead;
/// - when the response gives no time, the schedule of the catalog's retry
///   policy for the entry that decided (420's, a shed-load disconnect's),
///   else the catalog's default schedule for the kind of failure
///   ([`Catalog::FALLBACKS`]): for the bundled catalog, 5 s doubling to
///   320 s for failures of the service (503, 500, codes 130 and 131, a
///   stream's disconnect) and 60 s doubling for rate limits without a
///   reset (420, a bare 429), as the streaming guidance asks, with
///   jitter;
/// - the catalog's network schedule for a request that got no answer: for
///   the bundled catalog, 250 ms more each time up to 16 s.
///
/// Jitter spreads a backoff wait over its upper half (from half the
/// wait to all of it), so that clients that failed together do not retry
/// together.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use twitter_errors::catalog::Catalog;
/// use twitter_errors::response::{decode_response, Failure, RetryPolicy};
/// use twitter_errors::Twitter;
///
/// let policy = RetryPolicy::new().with_jitter(false);
/// let none: [(&str, &str); 0] = [];
/// let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
///
/// // 88 with the window's reset 120 s from now: wait for it.
/// let headers = [("x-rate-limit-remaining", "0"), ("x-rate-limit-reset", "1700000120")];
/// let body = br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#;
/// let e = decode_response(429, headers, body).into_result().unwrap_err();
/// assert_eq!(policy.wait(&Failure::from(&e), 0, now), Some(Duration::from_secs(121)));
///
/// // 130 Over capacity: the catalog's schedule for a failure of the
/// // service (5 s, then 10 s, 20 s... in the bundled catalog).
/// let body = br#"{"errors":[{"code":130,"message":"Over capacity"}]}"#;
/// let e = decode_response(503, none, body).into_result().unwrap_err();
/// let waits: Vec<_> = (0..3).map(|n| policy.wait(&Failure::from(&e), n, now)).collect();
/// let service = <Twitter as Catalog>::FALLBACKS.service.unwrap();
/// assert_eq!(waits, (0..3).map(|n| Some(service.delay(n))).collect::<Vec<_>>());
///
/// // 34 Sorry, that page does not exist: no retry.
/// let body = br#"{"errors":[{"code":34,"message":"Sorry, that page does not exist"}]}"#;
/// let e = decode_response(404, none, body).into_result().unwrap_err();
/// assert_eq!(policy.wait(&Failure::from(&e), 0, now), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    max_retries: u32,
    /// Whether the schedule a catalog entry names wins over `errors` and
    /// `rate_limits`: until the user sets one of them.
    entry_schedules: bool,
    errors: Option<Backoff>,
    rate_limits: Option<Backoff>,
    network: Option<Backoff>,
    max_wait: Option<Duration>,
    budget: Option<Duration>,
    reset_margin: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::new()
    }
}

impl RetryPolicy {
    /// The longest single wait by default: 16 minutes, so that the reset
    /// of a 15-minute rate-limit window (and its margin) is waited for, and
    /// the reset of a 24-hour window is not.
    pub const MAX_WAIT: Duration = Duration::from_secs(16 * 60);
    /// The most all the waits of one call add up to by default: 30 minutes.
    pub const BUDGET: Duration = Duration::from_secs(30 * 60);

    /// The defaults: 5 retries, the bundled catalog's schedules (see
    /// above), at most [`MAX_WAIT`](Self::MAX_WAIT) for one wait and
    /// [`BUDGET`](Self::BUDGET) for all of them, a margin of 1 s after a
    /// reset, jitter.
    pub const fn new() -> Self {
        Self::with_fallbacks(<crate::Twitter as Catalog>::FALLBACKS)
    }

    /// The defaults, with the schedules of another catalog (one a build
    /// script generated): `RetryPolicy::for_catalog::<my_api::Catalog>()`.
    /// A kind of failure for which that catalog names no default schedule
    /// takes the bundled catalog's.
    pub const fn for_catalog<C: Catalog>() -> Self {
        let own = C::FALLBACKS;
        let bundled = <crate::Twitter as Catalog>::FALLBACKS;
        Self::with_fallbacks(Fallbacks {
            service: or(own.service, bundled.service),
            rate_limit: or(own.rate_limit, bundled.rate_limit),
            network: or(own.network, bundled.network),
        })
    }

    /// With no schedule for a kind of failure, that kind is not retried:
    /// a wait would be a guess.
    const fn with_fallbacks(f: Fallbacks) -> Self {
        RetryPolicy {
            max_retries: 5,
            entry_schedules: true,
            errors: f.service,
            rate_limits: f.rate_limit,
            network: f.network,
            max_wait: Some(Self::MAX_WAIT),
            budget: Some(Self::BUDGET),
            reset_margin: Duration::from_secs(1),
            jitter: true,
        }
    }

    /// Sets how many retries follow the first attempt.
    #[must_use]
    pub const fn with_max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets the backoff for failures of the service with no time given,
    /// in place of the catalog's schedules (its default and those its
    /// entries name).
    #[must_use]
    pub const fn with_error_backoff(mut self, backoff: Backoff) -> Self {
        self.errors = Some(backoff);
        self.entry_schedules = false;
        self
    }

    /// Sets the backoff for rate limits with no reset given, in place of
    /// the catalog's schedules (its default and those its entries name).
    #[must_use]
    pub const fn with_rate_limit_backoff(mut self, backoff: Backoff) -> Self {
        self.rate_limits = Some(backoff);
        self.entry_schedules = false;
        self
    }

    /// Sets the backoff for network failures.
    #[must_use]
    pub const fn with_network_backoff(mut self, backoff: Backoff) -> Self {
        self.network = Some(backoff);
        self
    }

    /// Gives up rather than wait longer than `max` for a time the response
    /// gives (a reset 24 hours away, say), and never backs off longer
    /// (default [`MAX_WAIT`](Self::MAX_WAIT)).
    #[must_use]
    pub const fn with_max_wait(mut self, max: Duration) -> Self {
        self.max_wait = Some(max);
        self
    }

    /// Gives up rather than let the waits of one call add up to more than
    /// `budget` (default [`BUDGET`](Self::BUDGET)).
    #[must_use]
    pub const fn with_budget(mut self, budget: Duration) -> Self {
        self.budget = Some(budget);
        self
    }

    /// Waits as long as the response asks, however long, and for as long
    /// in all: no [`max_wait`](Self::with_max_wait), no
    /// [`budget`](Self::with_budget). A 24-hour reset is then slept
    /// through.
    #[must_use]
    pub const fn without_bounds(mut self) -> Self {
        self.max_wait = None;
        self.budget = None;
        self
    }

    /// Sets the time added after a reset (default 1 s).
    #[must_use]
    pub const fn with_reset_margin(mut self, margin: Duration) -> Self {
        self.reset_margin = margin;
        self
    }

    /// Turns jitter on (the default) or off (waits exactly as scheduled).
    #[must_use]
    pub const fn with_jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// How many retries follow the first attempt.
    pub const fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// How long to wait after `failure` before the next attempt, when
    /// `retries` retries were already made and the time is `now`; `None`:
    /// give up. [`decide`](Self::decide) says why, and counts the budget.
    pub fn wait(&self, failure: &Failure, retries: u32, now: SystemTime) -> Option<Duration> {
        self.decide(failure, retries, Duration::ZERO, now).ok()
    }

    /// How long to wait after `failure` before the next attempt, when
    /// `retries` retries were already made, `waited` was spent waiting
    /// before them, and the time is `now`; or why to give up.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use twitter_errors::response::{ApiError, Failure, GiveUp, RetryPolicy};
    ///
    /// let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    /// // The app's 24-hour window ran out: its reset is a day away.
    /// let headers = [("x-app-limit-24hour-remaining", "0"), ("x-app-limit-24hour-reset", "1700086399")];
    /// let body = br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#;
    /// let e = ApiError::from_response(429, headers, body);
    /// let why = RetryPolicy::new().decide(&Failure::from(&e), 0, Duration::ZERO, now).unwrap_err();
    /// assert!(matches!(why, GiveUp::TooLong { .. }));
    /// assert_eq!(why.to_string(), "the response asks for a wait of 86400s, more than the most the policy waits at once (960s)");
    /// ```
    pub fn decide(
        &self,
        failure: &Failure,
        retries: u32,
        waited: Duration,
        now: SystemTime,
    ) -> Result<Duration, GiveUp> {
        let d = self.wait_unbounded(failure, retries, now)?;
        if let Some(max) = self.max_wait {
            if d > max {
                return Err(GiveUp::TooLong { wait: d, max });
            }
        }
        if let Some(budget) = self.budget {
            if waited.saturating_add(d) > budget {
                return Err(GiveUp::OverBudget {
                    wait: d,
                    waited,
                    budget,
                });
            }
        }
        Ok(d)
    }

    /// The wait `failure` asks for, before the bounds on a wait and on
    /// all waits are applied (a backoff is held to the longest wait).
    fn wait_unbounded(
        &self,
        failure: &Failure,
        retries: u32,
        now: SystemTime,
    ) -> Result<Duration, GiveUp> {
        if retries >= self.max_retries {
            return Err(GiveUp::Retries {
                max: self.max_retries,
            });
        }
        let backoff = |schedule: &Option<Backoff>| {
            let Some(schedule) = schedule else {
                return Err(GiveUp::NoSchedule);
            };
            let d = self.jittered(schedule.delay(retries), retries, now);
            Ok(self.max_wait.map_or(d, |max| d.min(max)))
        };
        let (decision, limit, monthly_cap) = match *failure {
            Failure::Fatal => return Err(GiveUp::NotRetryable),
            Failure::Network => return backoff(&self.network),
            Failure::Api {
                decision,
                limit,
                monthly_cap,
            } => (decision, limit, monthly_cap),
        };
        if decision.hint == Retry::Never {
            return Err(GiveUp::NotRetryable);
        }
        if monthly_cap {
            return Err(GiveUp::Limit(Limit::UsageCap));
        }
        if let Some(wait) = decision.wait {
            // A time in the past: at once.
            let mut d = decision.delay_from(now).unwrap_or(Duration::ZERO);
            if matches!(wait, Wait::Until(_)) {
                d = d.saturating_add(self.reset_margin);
            }
            return Ok(d);
        }
        match (limit, decision.hint) {
            // A cap whose end is not given: waiting would be a guess. A
            // billing limit lifts when someone pays.
            (Some(l @ (Limit::UsageCap | Limit::Credits | Limit::SpendCap)), _) => {
                Err(GiveUp::Limit(l))
            }
            // A quota that refills on a schedule of its own (a day's
            // posts): no header says when, and retrying soon fails again.
            (_, Retry::AfterReset) if !decision.reset_in_headers() => Err(GiveUp::NoSchedule),
            // A stream closed for a reason that does not recur: the first
            // reconnect is immediate, later ones back off.
            (_, Retry::Reconnect) if retries == 0 => Ok(Duration::ZERO),
            // The schedule the deciding catalog entry names.
            _ if self.entry_schedules && decision.policy.and_then(|p| p.backoff).is_some() => {
                backoff(&decision.policy.and_then(|p| p.backoff))
            }
            // A rate limit with no reset given (420 never sends one).
            (Some(Limit::RateLimit(_)), _) | (_, Retry::AfterReset) => backoff(&self.rate_limits),
            _ => backoff(&self.errors),
        }
    }

    /// `delay` spread over its upper half.
    fn jittered(&self, delay: Duration, retries: u32, now: SystemTime) -> Duration {
        if !self.jitter {
            return delay;
        }
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(retries);
        h.write_u128(now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
        let half = delay / 2;
        let nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        let extra = match nanos.checked_add(1) {
            Some(n) => h.finish() % n,
            None => h.finish(),
        };
        half.saturating_add(Duration::from_nanos(extra))
    }
}

/// `a`, or `b` when `a` is `None`, in a `const fn`.
const fn or(a: Option<Backoff>, b: Option<Backoff>) -> Option<Backoff> {
    match a {
        Some(_) => a,
        None => b,
    }
}

/// UTC epoch seconds written as RFC 3339: `2026-11-22T14:05:00Z`.
///
/// A private function of a dozen lines rather than a date-time crate: it is
/// the crate's only date output, and its arithmetic in `u64` cannot
/// overflow for any value. Its test checks it against `httpdate`'s
/// formatter on every day of two centuries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Rfc3339(pub(crate) u64);

impl fmt::Display for Rfc3339 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0;
        let days = secs / 86_400;
        let rem = secs % 86_400;
        // Civil date from days since 1970-01-01 (Howard Hinnant's
        // algorithm), in u64: every value of u64 seconds fits.
        let z = days + 719_468;
        let era = z / 146_097;
        let doe = z % 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + u64::from(month <= 2);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::{decode_response, Outcome};

    fn failure(status: u16, body: &[u8]) -> Failure {
        let Outcome::Failure(e) =
            decode_response(status, [("x-rate-limit-reset", "2000000000")], body)
        else {
            panic!("a failure")
        };
        Failure::from(&e)
    }

    #[test]
    fn a_quota_whose_reset_no_header_carries_is_not_waited_for() {
        assert_eq!(
            crate::Twitter::retry_policy("quota").map(|p| p.reset),
            Some(Reset::NotInHeaders)
        );
        // 185: over the daily limit of posts; the reset header is of
        // another window.
        let f = failure(
            403,
            br#"{"errors":[{"code":185,"message":"User is over daily status update limit."}]}"#,
        );
        let Failure::Api { decision, .. } = f else {
            panic!("{f:?}")
        };
        assert_eq!(decision.hint, Retry::AfterReset);
        assert!(!decision.reset_in_headers());
        let now = UNIX_EPOCH + Duration::from_secs(1_999_999_000);
        assert_eq!(RetryPolicy::new().with_jitter(false).wait(&f, 0, now), None);
    }

    #[test]
    fn a_stream_reconnects_at_once_then_backs_off() {
        let f = Failure::Api {
            decision: RetryDecision::new(Retry::Reconnect, None),
            limit: None,
            monthly_cap: false,
        };
        let policy = RetryPolicy::new().with_jitter(false);
        let waits: Vec<_> = (0..3).map(|n| policy.wait(&f, n, UNIX_EPOCH)).collect();
        let service = crate::Twitter::FALLBACKS.service.unwrap();
        assert_eq!(
            waits,
            [
                Some(Duration::ZERO),
                Some(service.delay(1)),
                Some(service.delay(2))
            ]
        );
    }

    #[test]
    fn rfc3339_covers_every_second() {
        assert_eq!(Rfc3339(1_795_356_300).to_string(), "2026-11-22T14:05:00Z");
        assert_eq!(Rfc3339(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Rfc3339(951_782_400).to_string(), "2000-02-29T00:00:00Z");
        assert_eq!(Rfc3339(1_709_251_199).to_string(), "2024-02-29T23:59:59Z");
        assert_eq!(Rfc3339(253_402_300_799).to_string(), "9999-12-31T23:59:59Z");
        assert_eq!(
            Rfc3339(253_402_300_800).to_string(),
            "10000-01-01T00:00:00Z"
        );
        // The largest value formats without overflow.
        assert!(Rfc3339(u64::MAX).to_string().ends_with("T07:00:15Z"));
        // Agrees with httpdate's formatter on every day for 200 years.
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        for day in 0..(200 * 366) {
            let t = day * 86_400 + 3_723;
            let text = Rfc3339(t).to_string();
            let (y, m, d) = (&text[0..4], &text[5..7], &text[8..10]);
            let month = MONTHS[m.parse::<usize>().unwrap() - 1];
            let http = httpdate::fmt_http_date(std::time::UNIX_EPOCH + Duration::from_secs(t));
            assert_eq!(
                &http[5..],
                format!("{d} {month} {y} 01:02:03 GMT"),
                "{text}"
            );
        }
    }
}
