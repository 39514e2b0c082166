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
//! # async fn run() -> Result<(), twitter_errors::integrations::reqwest::Error> {
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

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

use crate::catalog::Catalog;
use crate::response::{ApiError, Failure, RetryPolicy};

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
/// let result = futures_executor_block_on(retrier.run(|| {
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
/// assert_eq!(result.unwrap_err().status().as_u16(), 404);
/// # fn futures_executor_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Retrier<K = SystemClock> {
    policy: RetryPolicy,
    clock: K,
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
        }
    }

    /// The policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// The clock.
    pub fn clock(&self) -> &K {
        &self.clock
    }

    /// How long to wait after `failure`, `retries` retries in, by the
    /// clock's time; `None`: give up. An event is recorded for it (feature
    /// `tracing`).
    pub fn next_wait(&self, failure: &Failure, retries: u32) -> Option<Duration> {
        let wait = self.policy.wait(failure, retries, self.clock.now());
        #[cfg(feature = "tracing")]
        super::tracing::record_wait(failure, retries, wait);
        wait
    }

    /// Runs `op` until it succeeds or the policy gives up, waiting on the
    /// clock between attempts, and gives the last result.
    pub async fn run<T, E, F, Fut>(&self, mut op: F) -> Result<T, E>
    where
        E: Retryable,
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let mut retries = 0;
        loop {
            let error = match op().await {
                Ok(value) => return Ok(value),
                Err(e) => e,
            };
            match self.next_wait(&error.failure(), retries) {
                Some(wait) => self.clock.sleep(wait).await,
                None => return Err(error),
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
pub async fn retry<T, E, F, Fut>(op: F) -> Result<T, E>
where
    E: Retryable,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    Retrier::new().run(op).await
}
