//! Retrying as the API asks, against the `mock_api` example on 127.0.0.1:
//! the `reqwest-middleware` middleware, the `reqwest-retry` strategy, the
//! `tower` retry policy (over hyper's client) and the plain `Retrier`.
//!
//! The mock's scripted faults (`POST /mock/faults`) fail the next calls;
//! the retrier waits on a clock that only records each wait and moves the
//! time on by it, and the mock reads the same clock, so every wait is
//! checked exactly and no test sleeps.

#[allow(dead_code)]
#[path = "../examples/mock_api.rs"]
mod mock_api;
#[allow(dead_code)]
mod support {
    pub mod server;
}

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use mock_api::Config;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use reqwest_retry::policies::ExponentialBackoff;
use reqwest_retry::RetryTransientMiddleware;
use tower::{Service, ServiceBuilder, ServiceExt};
use twitter_errors::catalog::Catalog;
use twitter_errors::integrations::reqwest::{RequestError, ResponseExt};
use twitter_errors::integrations::reqwest_middleware::{ApiRetryableStrategy, RetryMiddleware};
use twitter_errors::integrations::retry::{Clock, Retrier, Sleep};
use twitter_errors::integrations::tower::{self as api_tower, ApiErrorLayer, ApiRetryPolicy};
use twitter_errors::response::{decode_response, Backoff, Failure, GiveUp, Outcome, RetryPolicy};
use twitter_errors::{Code, ErrorCode, ProblemType, Retry, Twitter};

/// The time the tests start at, in UTC epoch seconds.
const START: u64 = 1_800_000_000;
/// Requests the mock allows per window: far more than any test makes.
const LIMIT: u64 = 1000;

/// A clock whose `sleep` records the wait and moves the time on by it at
/// once.
#[derive(Clone, Default)]
struct TestClock(Arc<Inner>);

#[derive(Default)]
struct Inner {
    /// Nanoseconds since `START`.
    elapsed: AtomicU64,
    waits: Mutex<Vec<Duration>>,
}

impl TestClock {
    fn secs(&self) -> u64 {
        START + self.0.elapsed.load(Ordering::SeqCst) / 1_000_000_000
    }

    fn waits(&self) -> Vec<Duration> {
        self.0.waits.lock().unwrap().clone()
    }
}

impl Clock for TestClock {
    fn now(&self) -> SystemTime {
        UNIX_EPOCH
            + Duration::from_secs(START)
            + Duration::from_nanos(self.0.elapsed.load(Ordering::SeqCst))
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        self.0.waits.lock().unwrap().push(duration);
        let nanos = u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX);
        self.0.elapsed.fetch_add(nanos, Ordering::SeqCst);
        Box::pin(std::future::ready(()))
    }
}

fn secs(s: &[u64]) -> Vec<Duration> {
    s.iter().map(|&s| Duration::from_secs(s)).collect()
}

/// The wait before retry `n` (from 0) of a failure of the service, by the
/// bundled catalog's default schedule: the waits below follow the catalog,
/// not numbers written here.
fn service_wait(n: u32) -> Duration {
    <Twitter as Catalog>::FALLBACKS.service.unwrap().delay(n)
}

/// The same for a rate limit that gives no reset.
fn rate_limit(n: u32) -> Duration {
    <Twitter as Catalog>::FALLBACKS.rate_limit.unwrap().delay(n)
}

/// The same for a request that got no answer.
fn network(n: u32) -> Duration {
    <Twitter as Catalog>::FALLBACKS.network.unwrap().delay(n)
}

/// The waits before retries `0..n` of a failure of the service.
fn services(n: u32) -> Vec<Duration> {
    (0..n).map(service_wait).collect()
}

/// The default policy without jitter, so that backoffs are exact.
fn exact() -> RetryPolicy {
    RetryPolicy::new().with_jitter(false)
}

/// A running mock API on the test clock.
struct Server {
    base: String,
    clock: TestClock,
    plain: reqwest::Client,
}

impl Server {
    async fn start() -> Server {
        let clock = TestClock::default();
        let mock_clock = clock.clone();
        let config = Config {
            limit: LIMIT,
            // Longer than the sum of any test's waits: one window.
            window: 1_000_000,
            clock: Arc::new(move || mock_clock.secs()),
            ..Config::default()
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(mock_api::serve(listener, config));
        let plain = support::server::client();
        Server {
            base: format!("http://{addr}"),
            clock,
            plain,
        }
    }

    fn url(&self, target: &str) -> String {
        format!("{}{target}", self.base)
    }

    /// Scripts faults: `POST /mock/faults?{query}`.
    async fn fault(&self, query: &str) {
        let r = self.plain.post(self.url(&format!("/mock/faults?{query}")));
        assert_eq!(r.send().await.unwrap().status().as_u16(), 204, "{query}");
    }

    /// A client with the retry middleware on the test clock.
    fn middleware(&self, policy: RetryPolicy) -> ClientWithMiddleware {
        let retrier = Retrier::new()
            .with_policy(policy)
            .with_clock(self.clock.clone());
        ClientBuilder::new(self.plain.clone())
            .with(RetryMiddleware::with_retrier(retrier))
            .build()
    }

    /// How many API calls the mock answered before this one (which asks
    /// with no fault scripted).
    async fn calls_before(&self) -> u64 {
        let r = self
            .plain
            .get(self.url("/2/tweets/20"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        calls(r.headers()) - 1
    }

    fn retrier(&self, policy: RetryPolicy) -> Retrier<TestClock> {
        Retrier::new()
            .with_policy(policy)
            .with_clock(self.clock.clone())
    }
}

/// How many calls the mock answered in its window, from a response's
/// `x-rate-limit-remaining`.
fn calls(headers: &http::HeaderMap) -> u64 {
    let remaining: u64 = headers["x-rate-limit-remaining"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    LIMIT - remaining
}

fn calls_of(e: &RequestError) -> u64 {
    LIMIT - e.api().unwrap().rate_limits().standard.remaining.unwrap()
}

#[tokio::test]
async fn the_middleware_waits_for_the_reset_of_the_window_that_ran_out() {
    let s = Server::start().await;
    // 88 with x-rate-limit-reset 120 s away, then 88 on the 24-hour user
    // limit (its reset 3600 s away, the 15-minute window still open),
    // then on the 24-hour app limit, then the tweet.
    s.fault("status=429&reset_in=120").await;
    s.fault("status=429&reset_in=3600&window=user_24h").await;
    s.fault("status=429&reset_in=7200&window=app_24h").await;
    // Waits of hours are asked for, not taken by default.
    let client = s.middleware(exact().without_bounds());
    let r = client.get(s.url("/2/tweets/20")).send().await.unwrap();
    let r = r.api_error_for_status().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(calls(r.headers()), 4);
    let tweet: serde_json::Value = serde_json::from_slice(&r.bytes().await.unwrap()).unwrap();
    assert_eq!(tweet["data"]["edit_history_tweet_ids"][0], "20");
    // Each reset, plus the margin of a second.
    assert_eq!(s.clock.waits(), secs(&[121, 3601, 7201]));
    assert_eq!(s.clock.secs(), START + 121 + 3601 + 7201);

    // By default, the hour-long wait gives up: the 429 comes back.
    s.fault("status=429&reset_in=3600&window=user_24h").await;
    let client = s.middleware(exact());
    let r = client.get(s.url("/2/tweets/20")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(s.clock.waits().len(), 3, "no new wait");
}

#[tokio::test]
async fn the_middleware_waits_as_retry_after_says_in_seconds_or_as_a_date() {
    let s = Server::start().await;
    s.fault("status=503&retry_after=30").await;
    s.fault("status=429&retry_after=45").await;
    s.fault("status=503&retry_after_date=90").await;
    let client = s.middleware(exact());
    let r = client
        .get(s.url("/1.1/statuses/show.json?id=20"))
        .send()
        .await
        .unwrap();
    let r = r.api_error_for_status().await.unwrap();
    assert_eq!(calls(r.headers()), 4);
    // Retry-After comes before the window's reset; a date is a time to
    // wait for, so the margin is added.
    assert_eq!(s.clock.waits(), secs(&[30, 45, 91]));
}

#[tokio::test]
async fn the_middleware_backs_off_on_failures_of_the_service() {
    let s = Server::start().await;
    // 130 Over capacity three times, 131 Internal error once.
    s.fault("status=503&count=3").await;
    s.fault("status=500").await;
    let client = s.middleware(exact());
    let r = client.get(s.url("/2/tweets/20")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(calls(r.headers()), 5);
    assert_eq!(s.clock.waits(), services(4));

    // With jitter (the default), each wait is in the upper half of its
    // step.
    let s = Server::start().await;
    s.fault("status=503&count=3").await;
    let client = s.middleware(RetryPolicy::new());
    let r = client.get(s.url("/2/tweets/20")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let waits = s.clock.waits();
    assert_eq!(waits.len(), 3);
    for (wait, step) in waits.iter().zip(services(3)) {
        assert!(*wait >= step / 2 && *wait <= step, "{wait:?} for {step:?}");
    }
}

#[tokio::test]
async fn the_middleware_gives_up_on_errors_that_will_not_change() {
    let s = Server::start().await;
    let client = s.middleware(exact());
    // 144 No status found, 38 id parameter is missing, a v2
    // invalid-request problem.
    for (target, status) in [
        ("/1.1/statuses/show.json?id=1", 404),
        ("/1.1/statuses/show.json", 400),
        ("/2/tweets/abc", 400),
    ] {
        let r = client.get(s.url(target)).send().await.unwrap();
        let e = r.api_error_for_status().await.unwrap_err();
        let api = e.api().unwrap();
        assert_eq!(api.status().as_u16(), status, "{target}");
        assert_eq!(api.retry().hint, Retry::Never, "{target}");
    }
    assert!(s.clock.waits().is_empty());
    // One call each.
    let r = s.plain.get(s.url("/2/tweets/20")).send().await.unwrap();
    assert_eq!(calls(r.headers()), 4);
}

#[tokio::test]
async fn a_monthly_usage_cap_is_not_waited_on() {
    let s = Server::start().await;
    s.fault("status=429&cap=Monthly&reset_in=600").await;
    let client = s.middleware(exact());
    let r = client.get(s.url("/2/tweets/20")).send().await.unwrap();
    let e = r.api_error_for_status().await.unwrap_err();
    let api = e.api().unwrap();
    assert!(api.is_monthly_cap());
    let p = api.problems().next().unwrap();
    assert_eq!(p.problem_type(), Some(ProblemType::UsageCapped));
    assert!(s.clock.waits().is_empty());
    assert_eq!(s.calls_before().await, 1);

    // A daily cap whose window gives its reset is waited out.
    s.fault("status=429&cap=Daily&reset_in=600&window=app_24h")
        .await;
    let r = client.get(s.url("/2/tweets/20")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(s.clock.waits(), secs(&[601]));
}

#[tokio::test]
async fn the_middleware_stops_after_its_retries_and_gives_the_decoded_error() {
    let s = Server::start().await;
    s.fault("status=503&count=10").await;
    let client = s.middleware(exact().with_max_retries(2));
    let r = client
        .get(s.url("/1.1/statuses/show.json?id=20"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 503);
    let e = r.api_error_for_status().await.unwrap_err();
    let RequestError::Api(api) = &e else {
        panic!("{e}")
    };
    assert_eq!(
        api.codes().next(),
        Some(Code::from(ErrorCode::OverCapacity))
    );
    assert_eq!(calls_of(&e), 3);
    assert_eq!(s.clock.waits(), services(2));

    // A wait longer than max_wait gives up at once.
    let s = Server::start().await;
    s.fault("status=429&reset_in=86400&window=user_24h").await;
    let client = s.middleware(exact().with_max_wait(Duration::from_secs(3600)));
    let r = client.get(s.url("/2/tweets/20")).send().await.unwrap();
    let e = r.api_error_for_status().await.unwrap_err();
    assert!(e.api().unwrap().is_rate_limited());
    assert!(s.clock.waits().is_empty());
}

#[tokio::test]
async fn the_middleware_refuses_an_endless_error_body_and_retries() {
    let s = Server::start().await;
    s.fault("status=503&endless=true").await;
    let client = s.middleware(exact());
    // The body is refused at the limit; the 503 still says back off.
    let r = client.get(s.url("/2/tweets/20")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(s.clock.waits(), services(1));

    // With no retries left, the refusal is the error.
    s.fault("status=503&endless=true").await;
    let client = s.middleware(exact().with_max_retries(0));
    let e = client.get(s.url("/2/tweets/20")).send().await.unwrap_err();
    assert!(e.to_string().contains("body refused"), "{e}");
    assert_eq!(s.clock.waits().len(), 1);
}

#[tokio::test]
async fn the_reqwest_retry_strategy_backs_off_on_what_a_backoff_fixes() {
    let s = Server::start().await;
    // reqwest-retry's own policy chooses the waits (1 ms here); the
    // strategy only says which responses to retry.
    let policy = ExponentialBackoff::builder()
        .retry_bounds(Duration::from_millis(1), Duration::from_millis(1))
        .build_with_max_retries(5);
    let client = ClientBuilder::new(s.plain.clone())
        .with(RetryTransientMiddleware::new_with_policy_and_strategy(
            policy,
            ApiRetryableStrategy,
        ))
        .build();
    s.fault("status=503&count=2").await;
    let r = client.get(s.url("/2/tweets/20")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(calls(r.headers()), 3);
    // A rate limit is left to RetryMiddleware, which waits for the reset;
    // a 404 does not change.
    s.fault("status=429&reset_in=60").await;
    let r = client.get(s.url("/2/tweets/20")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(s.calls_before().await, 4);
    let r = client
        .get(s.url("/1.1/statuses/show.json?id=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);
    assert_eq!(calls(r.headers()), 6);
    let e = r.api_error_for_status().await.unwrap_err();
    assert_eq!(
        e.api().unwrap().codes().next(),
        Some(Code::from(ErrorCode::StatusNotFound))
    );
}

#[tokio::test]
async fn the_tower_policy_retries_a_hyper_client_as_the_api_asks() {
    let s = Server::start().await;
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let retrier = s.retrier(exact());
    let mut service = ServiceBuilder::new()
        .retry(ApiRetryPolicy::with_retrier(retrier))
        .layer(ApiErrorLayer::new())
        .service(client);
    let get = |target: &str| {
        http::Request::get(s.url(target))
            .body(Full::<Bytes>::default())
            .unwrap()
    };
    s.fault("status=429&reset_in=60").await;
    s.fault("status=503").await;
    let r = service
        .ready()
        .await
        .unwrap()
        .call(get("/2/tweets/20"))
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(calls(r.headers()), 3);
    // The body is the untouched stream.
    let body = r.into_body().collect().await.unwrap().to_bytes();
    assert!(body.starts_with(br#"{"data":"#));
    assert_eq!(s.clock.waits(), [secs(&[61])[0], service_wait(1)]);

    // Each call starts its count again: the first backoff's wait.
    s.fault("status=500").await;
    let r = service
        .ready()
        .await
        .unwrap()
        .call(get("/2/tweets/20"))
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        s.clock.waits(),
        [secs(&[61])[0], service_wait(1), service_wait(0)]
    );

    // A 404 is not retried; its error comes decoded.
    let e = service
        .ready()
        .await
        .unwrap()
        .call(get("/1.1/statuses/show.json?id=1"))
        .await
        .unwrap_err();
    let api_tower::ServiceError::Api(api) = e else {
        panic!("{e}")
    };
    assert_eq!(
        api.codes().next(),
        Some(Code::from(ErrorCode::StatusNotFound))
    );
    assert_eq!(s.clock.waits().len(), 3);

    // A monthly cap: not waited on.
    s.fault("status=429&cap=Monthly").await;
    let e = service
        .ready()
        .await
        .unwrap()
        .call(get("/2/tweets/20"))
        .await
        .unwrap_err();
    assert!(e.api().unwrap().is_monthly_cap());
    assert_eq!(s.clock.waits().len(), 3);

    // An endless body is refused at the limit, and backed off from.
    s.fault("status=503&endless=true").await;
    let r = service
        .ready()
        .await
        .unwrap()
        .call(get("/2/tweets/20"))
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        s.clock.waits(),
        [
            secs(&[61])[0],
            service_wait(1),
            service_wait(0),
            service_wait(0)
        ]
    );
}

#[tokio::test]
async fn the_retrier_runs_any_async_call() {
    let s = Server::start().await;
    s.fault("status=503&count=2").await;
    s.fault("status=429&retry_after=15").await;
    let retrier = s.retrier(exact());
    let url = s.url("/1.1/statuses/show.json?id=20");
    let r = retrier
        .run(|| async { s.plain.get(&url).send().await?.api_error_for_status().await })
        .await
        .unwrap();
    assert_eq!(calls(r.headers()), 4);
    let tweet: serde_json::Value = serde_json::from_slice(&r.bytes().await.unwrap()).unwrap();
    assert_eq!(tweet["id_str"], "20");
    assert_eq!(
        s.clock.waits(),
        [service_wait(0), service_wait(1), secs(&[15])[0]]
    );

    // No answer at all (nothing listens there): the network backoff, then
    // the transport error.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let clock = TestClock::default();
    let retrier = Retrier::new()
        .with_policy(exact().with_max_retries(3))
        .with_clock(clock.clone());
    let url = format!("http://{closed}/2/tweets/20");
    let e = retrier
        .run(|| async { s.plain.get(&url).send().await?.api_error_for_status().await })
        .await
        .unwrap_err();
    assert!(matches!(e.error, RequestError::Transport(_)), "{e}");
    assert_eq!(e.reason, GiveUp::Retries { max: 3 });
    assert_eq!(e.attempts, 4);
    assert_eq!(clock.waits(), (0..3).map(network).collect::<Vec<_>>());
}

#[tokio::test]
async fn waits_are_bounded_by_default_seen_by_a_hook_and_giving_up_says_why() {
    // A 429 whose 24-hour window resets a day from now: the default policy
    // gives up at once instead of sleeping a day.
    let clock = TestClock::default();
    let day = [
        ("x-app-limit-24hour-remaining", "0".to_string()),
        ("x-app-limit-24hour-reset", (START + 86_399).to_string()),
    ];
    let body = br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let hook = seen.clone();
    let retrier = Retrier::new()
        .with_policy(exact())
        .with_clock(clock.clone())
        .on_wait(move |w| hook.lock().unwrap().push((w.retries, w.wait, w.waited)));
    let e = retrier
        .run(|| async {
            Err::<(), _>(twitter_errors::response::ApiError::from_response(
                429,
                day.iter().map(|(k, v)| (*k, v.as_str())),
                &body[..],
            ))
        })
        .await
        .unwrap_err();
    assert!(
        matches!(e.reason, GiveUp::TooLong { max, .. } if max == RetryPolicy::MAX_WAIT),
        "{e}"
    );
    assert_eq!(e.attempts, 1);
    assert!(clock.waits().is_empty());
    assert!(seen.lock().unwrap().is_empty());
    let text = e.to_string();
    assert!(
        text.starts_with("88 Rate limit exceeded (HTTP 429)"),
        "{text}"
    );
    assert!(
        text.contains("; gave up after 1 attempt: the response asks for a wait of 86400s"),
        "{text}"
    );

    // Unbounded, the same answer is waited out (the old behaviour, asked for).
    let mut calls = 0;
    let unbounded = Retrier::new()
        .with_policy(exact().without_bounds())
        .with_clock(clock.clone());
    unbounded
        .run(|| {
            calls += 1;
            let result = if calls == 1 {
                Err(twitter_errors::response::ApiError::from_response(
                    429,
                    day.iter().map(|(k, v)| (*k, v.as_str())),
                    &body[..],
                ))
            } else {
                Ok(())
            };
            async move { result }
        })
        .await
        .unwrap();
    assert_eq!(clock.waits(), [Duration::from_secs(86_400)]);

    // The budget: 503s with `Retry-After: 600` wait twice (1,200 s), and
    // the third wait would pass 30 minutes.
    let clock = TestClock::default();
    let hook = seen.clone();
    let retrier = Retrier::new()
        .with_policy(exact().with_max_retries(10))
        .with_clock(clock.clone())
        .on_wait(move |w| hook.lock().unwrap().push((w.retries, w.wait, w.waited)));
    let e = retrier
        .run(|| async {
            Err::<(), _>(twitter_errors::response::ApiError::from_response(
                503,
                [("retry-after", "600")],
                &b""[..],
            ))
        })
        .await
        .unwrap_err();
    let ten = Duration::from_secs(600);
    assert_eq!(
        e.reason,
        GiveUp::OverBudget {
            wait: ten,
            waited: ten * 3,
            budget: RetryPolicy::BUDGET
        }
    );
    assert_eq!(e.attempts, 4);
    assert_eq!(clock.waits(), [ten; 3]);
    assert_eq!(
        *seen.lock().unwrap(),
        [(0, ten, Duration::ZERO), (1, ten, ten), (2, ten, ten * 2)]
    );
}

#[test]
fn rate_limits_without_a_reset_back_off_from_a_minute() {
    // 420 Enhance your calm and a 429 without headers: nothing says when,
    // so the catalog's rate-limit backoff.
    let policy = exact();
    let now = UNIX_EPOCH + Duration::from_secs(START);
    let none: [(&str, &str); 0] = [];
    for (status, body) in [
        (
            420,
            &br#"{"errors":[{"code":420,"message":"Enhance your calm"}]}"#[..],
        ),
        (429, &b""[..]),
    ] {
        let Outcome::Failure(e) = decode_response(status, none, body) else {
            panic!("{status}")
        };
        let failure = Failure::from(&e);
        let waits: Vec<_> = (0..6).map(|n| policy.wait(&failure, n, now)).collect();
        let expected: Vec<_> = (0..5).map(|n| Some(rate_limit(n))).collect();
        assert_eq!(waits[..5], expected, "{status}");
        assert_eq!(waits[5], None, "{status}: five retries");
    }
    // A schedule of one's own.
    let policy = exact()
        .with_rate_limit_backoff(Backoff::linear(
            Duration::from_secs(30),
            Duration::from_secs(30),
            Some(Duration::from_secs(90)),
        ))
        .with_max_retries(10);
    let Outcome::Failure(e) = decode_response(420, none, b"") else {
        panic!()
    };
    let waits: Vec<_> = (0..4)
        .map(|n| policy.wait(&Failure::from(&e), n, now).unwrap())
        .collect();
    assert_eq!(waits, secs(&[30, 60, 90, 90]));
    // A fatal failure is never retried.
    assert_eq!(policy.wait(&Failure::Fatal, 0, now), None);
}
