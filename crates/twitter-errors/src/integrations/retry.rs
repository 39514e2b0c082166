//! Retrying as the API asks (feature `retry`).
//!
//! A [`Retrier`] is a [`RetryPolicy`] and a [`Clock`]: for each failed
//! attempt it asks the policy how long to wait (the response's
//! `Retry-After` or reset, or a backoff), waits that long on the clock, and
//! tries again, until a call succeeds, fails in a way no retry changes, or
//! the policy gives up. [`retry`] is the same with the defaults.
//!
//! The clock is [`SystemClock`] (`SystemTime` and tokio's timer) unless
//! another is given: a test passes one that records the waits and returns
//! at once, so that it runs without sleeping and checks every wait
//! exactly.
//!
//! The operation is any async closure whose error is [`Retryable`]: the
//! errors of the `reqwest` and `tower` integrations and [`ApiError`] are.
//!
//! ```no_run
//! use twitter_errors::integrations::reqwest::ResponseExt;
//! use twitter_errors::integrations::retry::retry;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = reqwest::Client::new();
//! // 503s, 130s and rate limits are waited out; a 404 returns at once.
//! let response = retry(|| async {
//!     client.get("http://127.0.0.1:8080/2/tweets/20").send().await?.api_error_for_status().await
//! })
//! .await?;
//! println!("{}", response.text().await?);
//! # Ok(())
//! # }
//! ```

/// The `tokio` this module is built for, re-exported: name it through this
/// path, or pin the same version, and its types are the ones these helpers
/// take.
#[doc(no_inline)]
pub use ::tokio;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::response::{ApiError, Failure, GiveUp, RetryPolicy};

/// A future a [`Clock`] returns from [`Clock::sleep`].
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// What time it is, and waiting: the time source of retries.
pub trait Clock: Send + Sync {
    /// The time now.
    fn now(&self) -> SystemTime;

    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> Sleep;
}

/// The system's clock: `SystemTime::now()`, and `tokio::time::sleep` (so a
/// tokio runtime with its timer must be running).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        Box::pin(tokio::time::sleep(duration))
    }
}

impl<K: Clock + ?Sized> Clock for std::sync::Arc<K> {
    fn now(&self) -> SystemTime {
        (**self).now()
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        (**self).sleep(duration)
    }
}

/// An error a [`Retrier`] can judge: what kind of failure it was.
pub trait Retryable {
    /// The failure, as a [`RetryPolicy`] sees it.
    fn failure(&self) -> Failure;
}

impl<C: Catalog> Retryable for ApiError<C> {
    fn failure(&self) -> Failure {
        Failure::from(self)
    }
}

impl<E: Retryable + ?Sized> Retryable for Box<E> {
    fn failure(&self) -> Failure {
        (**self).failure()
    }
}

/// A [`RetryPolicy`] and the [`Clock`] it waits on.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use twitter_errors::integrations::retry::{Clock, Retrier, Sleep};
/// use twitter_errors::response::{decode_response, ApiError, Outcome};
///
/// // A clock that only records the waits.
/// #[derive(Clone, Default)]
/// struct Recorder(std::sync::Arc<std::sync::Mutex<Vec<Duration>>>);
/// impl Clock for Recorder {
///     fn now(&self) -> SystemTime { SystemTime::UNIX_EPOCH }
///     fn sleep(&self, d: Duration) -> Sleep {
///         self.0.lock().unwrap().push(d);
///         Box::pin(std::future::ready(()))
///     }
/// }
///
/// let clock = Recorder::default();
/// let retrier = Retrier::new().with_clock(clock.clone());
/// let mut calls = 0;
/// let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// let result = runtime.block_on(retrier.run(|| {
///     calls += 1;
///     let (status, body): (u16, &[u8]) = if calls < 3 {
///         (503, br#"{"errors":[{"code":130,"message":"Over capacity"}]}"#)
///     } else {
///         (404, br#"{"errors":[{"code":34,"message":"Sorry, that page does not exist"}]}"#)
///     };
///     std::future::ready(match decode_response(status, [("retry-after", "7")], body) {
///         Outcome::Failure(e) => Err::<(), ApiError>(e),
///         _ => Ok(()),
///     })
/// }));
/// // Two 503s waited 7 s each (`Retry-After`); the 404 was not retried.
/// assert_eq!(calls, 3);
/// assert_eq!(*clock.0.lock().unwrap(), [Duration::from_secs(7); 2]);
/// let gave_up = result.unwrap_err();
/// assert_eq!(gave_up.error.status().as_u16(), 404);
/// assert_eq!(gave_up.attempts, 3);
/// assert_eq!(gave_up.to_string(), "34 Sorry, that page does not exist (HTTP 404); gave up after 3 attempts: retrying cannot succeed");
/// ```
#[derive(Clone, Default)]
pub struct Retrier<K = SystemClock> {
    policy: RetryPolicy,
    clock: K,
    on_wait: Option<WaitHook>,
}

/// What [`Retrier::on_wait`] keeps.
pub(crate) type WaitHook = Arc<dyn Fn(&Waiting<'_>) + Send + Sync>;

impl<K: fmt::Debug> fmt::Debug for Retrier<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Retrier")
            .field("policy", &self.policy)
            .field("clock", &self.clock)
            .field("on_wait", &self.on_wait.as_ref().map(|_| "Fn(&Waiting)"))
            .finish()
    }
}

/// A wait about to start, as an [`on_wait`](Retrier::on_wait) hook sees it.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Waiting<'a> {
    /// The failure waited out.
    pub failure: &'a Failure,
    /// Retries made so far (0 before the first).
    pub retries: u32,
    /// How long the wait is.
    pub wait: Duration,
    /// What this call waited before it.
    pub waited: Duration,
}

impl<'a> Waiting<'a> {
    pub(crate) fn new(
        failure: &'a Failure,
        retries: u32,
        wait: Duration,
        waited: Duration,
    ) -> Self {
        Waiting {
            failure,
            retries,
            wait,
            waited,
        }
    }
}

/// The error of a call a [`Retrier`] gave up on: the last attempt's error,
/// and why no further attempt was made.
///
/// Its `Display` is the error's, then the reason; its
/// [`source`](std::error::Error::source) is the error. Its `Debug` shows
/// the reason in words, for `?` out of `main`.
pub struct GaveUp<E> {
    /// The last attempt's error.
    pub error: E,
    /// Why the policy gave up.
    pub reason: GiveUp,
    /// How many attempts were made, the first one included.
    pub attempts: u32,
    /// How long the call waited between them.
    pub waited: Duration,
}

impl<E: fmt::Debug> fmt::Debug for GaveUp<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GaveUp")
            .field("error", &self.error)
            .field("reason", &format_args!("{:?}", self.reason.to_string()))
            .field("attempts", &self.attempts)
            .field("waited", &self.waited)
            .finish()
    }
}

impl<E> GaveUp<E> {
    /// The last attempt's error.
    pub fn into_inner(self) -> E {
        self.error
    }
}

impl<E: fmt::Display> fmt::Display for GaveUp<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)?;
        match self.reason {
            // The error says it all.
            GiveUp::NotRetryable if self.attempts == 1 => Ok(()),
            reason => write!(
                f,
                "; gave up after {} attempt{}: {reason}",
                self.attempts,
                if self.attempts == 1 { "" } else { "s" }
            ),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for GaveUp<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl Retrier {
    /// The default policy on the system's clock.
    pub fn new() -> Self {
        Retrier::default()
    }
}

impl<K: Clock> Retrier<K> {
    /// Sets the policy.
    #[must_use]
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Sets the clock.
    #[must_use]
    pub fn with_clock<K2: Clock>(self, clock: K2) -> Retrier<K2> {
        Retrier {
            policy: self.policy,
            clock,
            on_wait: self.on_wait,
        }
    }

    /// Calls `hook` before each wait, so that a long one is seen (a log
    /// line, a progress bar). With the `tracing` feature, an event is
    /// recorded for each wait as well.
    #[must_use]
    pub fn on_wait(mut self, hook: impl Fn(&Waiting<'_>) + Send + Sync + 'static) -> Self {
        self.on_wait = Some(Arc::new(hook));
        self
    }

    /// The policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// The clock.
    pub fn clock(&self) -> &K {
        &self.clock
    }

    /// How long to wait after `failure`, `retries` retries in and
    /// `waited` spent waiting, by the clock's time; or why to give up. The
    /// [`on_wait`](Self::on_wait) hook is called for a wait, and an event
    /// is recorded either way (feature `tracing`).
    pub fn next_wait(
        &self,
        failure: &Failure,
        retries: u32,
        waited: Duration,
    ) -> Result<Duration, GiveUp> {
        let wait = self
            .policy
            .decide(failure, retries, waited, self.clock.now());
        #[cfg(feature = "tracing")]
        super::tracing::record_wait(failure, retries, &wait);
        if let (Ok(wait), Some(hook)) = (&wait, &self.on_wait) {
            hook(&Waiting {
                failure,
                retries,
                wait: *wait,
                waited,
            });
        }
        wait
    }

    /// Runs `op` until it succeeds or the policy gives up, waiting on the
    /// clock between attempts; on giving up, the last error and why.
    pub async fn run<T, E, F, Fut>(&self, mut op: F) -> Result<T, GaveUp<E>>
    where
        E: Retryable,
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let (mut retries, mut waited) = (0, Duration::ZERO);
        loop {
            let error = match op().await {
                Ok(value) => return Ok(value),
                Err(e) => e,
            };
            match self.next_wait(&error.failure(), retries, waited) {
                Ok(wait) => {
                    self.clock.sleep(wait).await;
                    waited = waited.saturating_add(wait);
                }
                Err(reason) => {
                    return Err(GaveUp {
                        error,
                        reason,
                        attempts: retries + 1,
                        waited,
                    })
                }
            }
            retries += 1;
        }
    }
}

impl fmt::Debug for dyn Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

/// Runs `op` with the default [`RetryPolicy`] on the system's clock: see
/// [`Retrier::run`].
pub async fn retry<T, E, F, Fut>(op: F) -> Result<T, GaveUp<E>>
where
    E: Retryable,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    Retrier::new().run(op).await
}
