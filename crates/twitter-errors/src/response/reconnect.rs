//! When to reconnect a stream, by the catalog's schedules for its kind.

use std::time::{Duration, SystemTime};

use crate::catalog::{Api, Backoff, Catalog, PolicyInfo, Retry, StreamInfo};

use super::{ApiError, Limit};

/// How to reconnect a stream: the catalog's [`StreamInfo`] for its kind
/// (the v2 filtered and sampled streams, or the v1.1 streaming APIs) and
/// the reconnects made so far. It does no I/O: a client asks it how long
/// to wait after each way a connection can end, and calls
/// [`connected`](Reconnect::connected) once data flows again.
///
/// - a stream closed for a reason that does not recur (an operational
///   disconnect, a stall: [`Retry::Reconnect`]) reconnects at once, and
///   by the HTTP-error schedule if that fails again;
/// - a rate limit (420, 429) waits for the time its response gives, else
///   by the stream's rate-limit schedule;
/// - another HTTP error waits for the time its response gives, else by the
///   schedule its catalog entry names, else the stream's HTTP-error one;
/// - a network failure, a stream that ended, or nothing received for
///   [`timeout`](Reconnect::timeout) (a stall), by the network schedule;
/// - an error that will not change, a billing limit or a usage cap: never
///   (`None`).
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use twitter_errors::catalog::Api;
/// use twitter_errors::response::{ApiError, Reconnect};
///
/// let mut plan = Reconnect::new::<twitter_errors::Twitter>(Api::V2).unwrap();
/// // No keep-alive for this long: the connection is dead.
/// assert!(plan.timeout().is_some());
///
/// let line = br#"{"errors":[{"title":"operational-disconnect","disconnect_type":"UpstreamOperationalDisconnect","detail":"d","type":"https://api.twitter.com/2/problems/operational-disconnect"}]}"#;
/// let e = ApiError::from_response(200, [("x", "y")], line);
/// assert_eq!(plan.after_error(&e, SystemTime::now()), Some(Duration::ZERO));
/// // Failing again right away backs off.
/// let again = plan.after_error(&e, SystemTime::now()).unwrap();
/// assert!(again > Duration::ZERO);
/// // Data flowed: the schedules start over.
/// plan.connected();
/// assert_eq!(plan.after_error(&e, SystemTime::now()), Some(Duration::ZERO));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Reconnect {
    stream: &'static StreamInfo,
    attempts: u32,
}

impl Reconnect {
    /// The plan for the streams of `api` in catalog `C`, if it describes
    /// them (the bundled one has [`Api::V2`] and [`Api::Streaming`]).
    pub fn new<C: Catalog>(api: Api) -> Option<Self> {
        C::stream(api).map(Reconnect::for_stream)
    }

    /// The plan for a stream the catalog describes.
    pub const fn for_stream(stream: &'static StreamInfo) -> Self {
        Reconnect {
            stream,
            attempts: 0,
        }
    }

    /// The catalog's entry for the stream.
    pub const fn stream(&self) -> &'static StreamInfo {
        self.stream
    }

    /// How long to go without receiving anything, data or keep-alive,
    /// before the connection counts as dead: then reconnect, asking
    /// [`after_stall`](Reconnect::after_stall) how soon.
    pub const fn timeout(&self) -> Option<Duration> {
        self.stream.timeout
    }

    /// Reconnects made since data last flowed.
    pub const fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Data flowed: the next failure starts its schedule over.
    pub fn connected(&mut self) {
        self.attempts = 0;
    }

    /// How long to wait before reconnecting after the API's error `e`
    /// (a failed connection, or an error sent in the stream), by the time
    /// `now`; `None`: do not reconnect.
    pub fn after_error<C: Catalog>(
        &mut self,
        e: &ApiError<C>,
        now: SystemTime,
    ) -> Option<Duration> {
        let decision = e.retry();
        let limit = e.limit();
        // The schedule the deciding entry names, if it names one.
        let named = decision.policy.filter(|p| p.backoff.is_some());
        let wait = match (decision.hint, limit) {
            (Retry::Never, _) | (_, Some(Limit::UsageCap | Limit::Credits | Limit::SpendCap)) => {
                None
            }
            // Closed for a reason that does not recur: at once, the first
            // time.
            (Retry::Reconnect, _) if self.attempts == 0 => Some(Duration::ZERO),
            _ if decision.wait.is_some() => decision.delay_from(now),
            (_, Some(Limit::RateLimit(_))) => self.schedule(named.or(self.stream.on_rate_limit)),
            _ => self.schedule(named.or(self.stream.on_http_error)),
        };
        self.count(wait)
    }

    /// How long to wait before reconnecting after a network failure, or a
    /// stream the server ended without a word.
    pub fn after_network(&mut self) -> Option<Duration> {
        let wait = self.schedule(self.stream.on_network);
        self.count(wait)
    }

    /// How long to wait before reconnecting after nothing arrived for
    /// [`timeout`](Reconnect::timeout): at once the first time (a stall
    /// is a reason that does not recur), then by the network schedule.
    pub fn after_stall(&mut self) -> Option<Duration> {
        if self.attempts == 0 {
            return self.count(Some(Duration::ZERO));
        }
        self.after_network()
    }

    /// The policy's schedule at this attempt, if it has one.
    fn schedule(&self, policy: Option<&'static PolicyInfo>) -> Option<Duration> {
        let backoff: Backoff = policy?.backoff?;
        Some(backoff.delay(self.attempts))
    }

    fn count(&mut self, wait: Option<Duration>) -> Option<Duration> {
        if wait.is_some() {
            self.attempts = self.attempts.saturating_add(1);
        }
        wait
    }
}
