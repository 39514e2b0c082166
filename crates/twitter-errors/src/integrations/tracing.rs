//! Events for decoded failures and retry waits (feature `tracing`).
//!
//! With this feature, every failure the `reqwest`, `reqwest-middleware`
//! and `tower` integrations decode is recorded by [`record`] as a `WARN`
//! event of target `twitter_errors`, and every wait a
//! [`Retrier`](super::retry::Retrier) decides on (feature `retry`) as an
//! `INFO` event of the same target. Their fields:
//!
//! | Field | In | Value |
//! |---|---|---|
//! | `status` | failures | the HTTP status as served |
//! | `effective_status` | failures | the status the error stands for (differs with `suppress_response_codes`) |
//! | `code` | failures | the first v1.1 code, when there is one |
//! | `problem` | failures | the first v2 problem's `type`, when there is one |
//! | `disconnect` | failures | a v1.1 stream `disconnect` notice's code |
//! | `limit` | failures | `rate_limit` or `usage_cap`, when one was hit |
//! | `retry` | both | `never`, `after_reset`, `backoff` or `reconnect`; for a wait after no answer, `network` (or `fatal`) |
//! | `retry_after_secs` | failures | the wait `Retry-After` gives in seconds |
//! | `reset` | failures | the UTC epoch second to wait for |
//! | `retries` | waits | retries made before this wait |
//! | `wait_ms` | waits | the wait, in milliseconds (absent: giving up) |
//!
//! The event's message is the error's [`Display`](ApiError#impl-Display-for-ApiError<C>)
//! line.

/// The `tracing` this module is built for, re-exported: name it through this
/// path, or pin the same version, and its types are the ones these helpers
/// take.
#[doc(no_inline)]
pub use ::tracing;

use crate::catalog::Catalog;
use crate::response::{ApiError, Limit, Wait};

/// Records a decoded failure as a `WARN` event with structured fields (see
/// the [module](self) docs).
pub fn record<C: Catalog>(error: &ApiError<C>) {
    let decision = error.retry();
    let (retry_after_secs, reset) = match decision.wait {
        Some(Wait::Seconds(s)) => (Some(s), None),
        Some(Wait::Until(t)) => (None, Some(t)),
        None => (None, None),
    };
    let limit = error.limit().map(|l| match l {
        Limit::UsageCap => "usage_cap",
        Limit::Credits => "credits",
        Limit::SpendCap => "spend_cap",
        _ => "rate_limit",
    });
    // Quoted from the body: shown with its control characters escaped, as
    // the message is, so that no body can start a log line of its own.
    let problem = error
        .problems()
        .find_map(|p| p.type_uri())
        .map(|u| crate::shown::shown_cow(&u).into_owned());
    tracing::warn!(
        target: "twitter_errors",
        status = error.status().as_u16(),
        effective_status = error.effective_status().as_u16(),
        code = error.codes().next().map(|c| c.code()),
        problem = problem.as_deref(),
        disconnect = error.disconnect().and_then(|d| d.code),
        limit,
        retry = decision.hint.as_str(),
        retry_after_secs,
        reset,
        "{error}"
    );
}

/// Records a retry decision as an `INFO` event.
#[cfg(feature = "retry")]
pub(crate) fn record_wait(
    failure: &crate::response::Failure,
    retries: u32,
    wait: &Result<std::time::Duration, crate::response::GiveUp>,
) {
    let retry = match failure {
        crate::response::Failure::Api { decision, .. } => decision.hint.as_str(),
        crate::response::Failure::Network => "network",
        _ => "fatal",
    };
    match wait {
        Ok(w) => {
            let wait_ms = u64::try_from(w.as_millis()).unwrap_or(u64::MAX);
            tracing::info!(target: "twitter_errors", retry, retries, wait_ms, "retrying in {w:?}")
        }
        Err(why) => {
            tracing::info!(target: "twitter_errors", retry, retries, reason = %why, "giving up: {why}")
        }
    }
}
