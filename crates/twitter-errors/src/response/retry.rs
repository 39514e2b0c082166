//! Whether and when to retry a failed call.

use core::fmt;
use std::time::Duration;

use crate::catalog::{Reset, Retry, RetryPolicy, Window};

/// Which kind of limit a 429 (or 420) was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// A rate-limit window ran out; wait for its reset.
    RateLimit(Window),
    /// A v2 usage cap (a daily or monthly allowance of the project or
    /// account) was reached: the problem type `usage-capped`.
    UsageCap,
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
/// assert_eq!(decision.retry, Retry::AfterReset);
/// assert_eq!(decision.wait, Some(Wait::Until(1_795_356_300)));
/// // Ten minutes before the reset, wait ten minutes.
/// assert_eq!(decision.delay(1_795_355_700), Some(Duration::from_secs(600)));
///
/// // A code that will not change: do not retry.
/// let e = ApiError::from_response(401, [("x", "y")], br#"{"errors":[{"code":32,"message":"Could not authenticate you."}]}"#);
/// assert_eq!(e.retry().retry, Retry::Never);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetryDecision {
    /// Whether retrying can succeed.
    pub retry: Retry,
    /// When, if the response says.
    pub wait: Option<Wait>,
    /// How to wait, when the catalog entry that decided names a policy:
    /// a backoff schedule, or where a reset is (not) to be read from.
    pub policy: Option<&'static RetryPolicy>,
}

impl RetryDecision {
    /// A decision without a policy.
    pub const fn new(retry: Retry, wait: Option<Wait>) -> Self {
        RetryDecision {
            retry,
            wait,
            policy: None,
        }
    }

    /// Whether the end of the wait can be read from the rate-limit headers:
    /// `false` for the quota errors (daily posts, follows, spam reports)
    /// and monthly usage caps, whose allowance refills on a schedule no
    /// `x-rate-limit-*` header carries.
    pub fn reset_in_headers(&self) -> bool {
        self.retry == Retry::AfterReset && self.policy.is_none_or(|p| p.reset == Reset::Headers)
    }

    /// The wait before retry number `attempt` (0 for the first), from the
    /// policy's backoff schedule, when it gives one.
    pub fn backoff_delay(&self, attempt: u32) -> Option<Duration> {
        self.policy?.backoff?.delay(attempt)
    }

    /// How long to wait from `now` (UTC epoch seconds), if the response
    /// says.
    pub fn delay(&self, now: u64) -> Option<Duration> {
        match self.wait? {
            Wait::Seconds(s) => Some(Duration::from_secs(s)),
            Wait::Until(t) => Some(Duration::from_secs(t.saturating_sub(now))),
        }
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
