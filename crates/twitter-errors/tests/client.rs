//! What a client meets first, against the `mock_api` example: one-call
//! checks, `Outcome` without `let ... else`, errors that read well, the
//! re-exported crates, a stream's lines as a `Stream`, and a stream that
//! reconnects itself by the catalog's schedules.

#[allow(dead_code)]
#[path = "../examples/mock_api.rs"]
mod mock_api;

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use futures_util::StreamExt as _;
use twitter_errors::catalog::Api;
use twitter_errors::integrations::reqwest::{Line, Reconnecting, RequestError, ResponseExt};
use twitter_errors::integrations::retry::{Clock, Sleep};
use twitter_errors::response::{decode_response, ApiError, GiveUp, Reconnect};
use twitter_errors::{Code, ErrorCode, ProblemType, Twitter};

#[allow(dead_code)]
mod support {
    pub mod server;
}
use support::server::{generous, Server};

/// POSTs to the mock, which must take it.
async fn post(s: &Server, target: &str) {
    let status = s.post(target).await;
    assert!((200..300).contains(&status), "{target}: {status}");
}

/// A clock that records each wait and ends it at once, but never ends the
/// read timeout (`stall`, a length no schedule gives), so that a slow read
/// is not taken for a dead connection.
#[derive(Clone, Default)]
struct Recorder {
    waits: Arc<Mutex<Vec<Duration>>>,
    stall: Option<Duration>,
}

impl Clock for Recorder {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, d: Duration) -> Sleep {
        if Some(d) == self.stall {
            return Box::pin(std::future::pending());
        }
        self.waits.lock().unwrap().push(d);
        Box::pin(std::future::ready(()))
    }
}

impl Recorder {
    fn waits(&self) -> Vec<Duration> {
        self.waits.lock().unwrap().clone()
    }
}

/// A clock whose read timeout ends after `real` of real time (every other
/// wait at once, recorded).
#[derive(Clone)]
struct ShortTimeout {
    timeout: Duration,
    real: Duration,
    waits: Arc<Mutex<Vec<Duration>>>,
}

impl Clock for ShortTimeout {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, d: Duration) -> Sleep {
        if d == self.timeout {
            let real = self.real;
            return Box::pin(tokio::time::sleep(real));
        }
        self.waits.lock().unwrap().push(d);
        Box::pin(std::future::ready(()))
    }
}

#[test]
fn one_call_checks_name_what_people_branch_on() {
    let none: [(&str, &str); 0] = [];
    let body = br#"{"errors":[{"code":88,"message":"Rate limit exceeded"},{"code":9999,"message":"New"}]}"#;
    let e = decode_response(429, none, body).into_result().unwrap_err();
    assert!(e.has_code(ErrorCode::RateLimitExceeded));
    assert!(!e.has_code(ErrorCode::PageDoesNotExist));
    assert_eq!(
        e.first_code(),
        Some(Code::from(ErrorCode::RateLimitExceeded))
    );
    assert!(e.is_rate_limited());
    assert!(!e.is_billing());
    assert_eq!(e.first_problem(), None);

    // A billing failure: every problem type whose policy waits for credits
    // or a billing cycle, from the catalog.
    let billing: Vec<ProblemType> = ProblemType::ALL
        .iter()
        .copied()
        .filter(|p| {
            p.info().policy.is_some_and(|pol| {
                matches!(
                    pol.reset,
                    twitter_errors::catalog::Reset::Credits
                        | twitter_errors::catalog::Reset::BillingCycle
                )
            })
        })
        .collect();
    for p in billing {
        let status = p.status().map_or(402, |s| s.as_u16());
        let body = format!(
            r#"{{"title":"t","detail":"d","type":"{}","status":{status}}}"#,
            p.uri()
        );
        let e = decode_response(status, none, body.as_bytes())
            .into_result()
            .unwrap_err();
        assert!(e.has_problem(p), "{p:?}");
        assert_eq!(e.first_problem(), Some(p));
        assert!(e.is_billing(), "{p:?}");
        assert!(!e.is_rate_limited(), "{p:?}");
    }
}

#[test]
fn suspensions_are_named_by_the_catalog() {
    let none: [(&str, &str); 0] = [];
    let fail = |status: u16, body: String| {
        decode_response(status, none, body.as_bytes())
            .into_result()
            .unwrap_err()
    };
    let v1 = |code: u32, message: &str| {
        serde_json::json!({"errors": [{"code": code, "message": message}]}).to_string()
    };
    let mut seen = 0;
    for c in ErrorCode::ALL {
        let info = c.info();
        let status = info.status.map_or(403, |s| s.as_u16());
        let e = fail(status, v1(info.code, info.message));
        assert_eq!(e.is_suspended(), info.suspended, "{c:?}");
        seen += usize::from(info.suspended);
        // In another meaning (code 64 as the v1-retirement notice), a
        // suspension code says nothing of a suspension.
        for m in info.meanings {
            let e = fail(
                m.status.map_or(status, |s| s.as_u16()),
                v1(info.code, m.message),
            );
            assert!(!e.is_suspended(), "{c:?} as {}", m.era);
        }
    }
    for p in ProblemType::ALL {
        let info = p.info();
        let status = info.status.map_or(403, |s| s.as_u16());
        let body = serde_json::json!({"title": info.title, "detail": "d", "type": info.uri, "status": status});
        let e = fail(status, body.to_string());
        assert_eq!(e.is_suspended(), info.suspended, "{p:?}");
        seen += usize::from(info.suspended);
    }
    // What the catalog marks (in the bundled one, some codes and problem
    // types), and nothing else.
    eprintln!("{seen} entries marked suspended");
}

#[test]
fn outcome_needs_no_let_else() {
    let none: [(&str, &str); 0] = [];
    let ok = decode_response(200, none, br#"{"data":{"id":"20"}}"#);
    assert!(ok.is_success());
    assert!(ok.failure().is_none() && ok.partial().is_none());
    assert!(matches!(ok.into_result(), Ok(None)));

    let partial = br#"{"data":[{"id":"20"}],"errors":[{"detail":"Could not find tweet with ids: [1].","title":"Not Found Error","type":"https://api.twitter.com/2/problems/resource-not-found"}]}"#;
    let o = decode_response(200, none, partial);
    assert_eq!(o.partial().map(|p| p.problems().count()), Some(1));
    assert_eq!(o.into_result().unwrap().unwrap().problems().count(), 1);

    let o = decode_response(
        404,
        none,
        br#"{"errors":[{"code":34,"message":"Sorry, that page does not exist"}]}"#,
    );
    assert_eq!(o.failure().map(|e| e.status().as_u16()), Some(404));
    let e: ApiError = o.into_result().unwrap_err();
    assert!(e.has_code(ErrorCode::PageDoesNotExist));
}

#[test]
fn debug_is_what_a_person_reads() {
    // `?` out of `main` prints `Debug`: the status, the line `Display`
    // gives, the codes; not the layout of the decoded body.
    let body = br#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#;
    let e = ApiError::from_response(429, [("x-rate-limit-remaining", "0")], body);
    let debug = format!("{e:?}");
    assert!(
        debug.starts_with("ApiError { status: 429, error: \"88 Rate limit exceeded (HTTP 429)"),
        "{debug}"
    );
    assert!(debug.contains("codes: [88]"), "{debug}");
    assert!(
        !debug.contains("layout") && !debug.contains("members"),
        "{debug}"
    );
    // And small enough to return in a `Result` freely.
    assert_eq!(
        std::mem::size_of::<ApiError>(),
        std::mem::size_of::<usize>()
    );
}

#[tokio::test]
async fn a_transport_error_keeps_its_cause() {
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let e: RequestError = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(format!("http://{closed}/2/tweets/20"))
        .send()
        .await
        .unwrap_err()
        .into();
    let text = e.to_string();
    assert!(
        text.starts_with("the request failed: error sending request"),
        "{text}"
    );
    // The cause under reqwest's message: the refused connection.
    assert!(text.matches(": ").count() >= 2, "{text}");
    assert!(text.to_lowercase().contains("connect"), "{text}");
    // `?` out of `main` prints Debug: the same words, not reqwest's fields.
    let debug = format!("{e:?}");
    assert!(
        debug.starts_with("Transport(\"the request failed: "),
        "{debug}"
    );
    assert!(!debug.contains("kind:"), "{debug}");
}

#[test]
fn the_integrated_crates_are_re_exported() {
    // The same types as the crates a dependent names: no second copy.
    fn same<T>(_: Option<T>, _: Option<T>) {}
    same::<reqwest::StatusCode>(
        None,
        None::<twitter_errors::integrations::reqwest::reqwest::StatusCode>,
    );
    same::<http::StatusCode>(
        None,
        None::<twitter_errors::integrations::http::http::StatusCode>,
    );
    same::<axum::http::Method>(
        None,
        None::<twitter_errors::integrations::axum::axum::http::Method>,
    );
    let _: Option<twitter_errors::integrations::retry::tokio::time::Instant> = None;
}

#[tokio::test]
async fn a_streams_lines_are_a_futures_stream() {
    let s = Server::start(generous()).await;
    let r = s
        .client
        .get(s.url("/2/tweets/search/stream"))
        .send()
        .await
        .unwrap();
    let mut lines = r.api_error_for_status().await.unwrap().api_lines();
    let first: Vec<_> = (&mut lines).take(3).collect().await;
    assert!(matches!(first[0], Ok(Line::Data(_))), "{first:?}");
    assert!(matches!(first[1], Ok(Line::Data(_))), "{first:?}");
    assert!(matches!(first[2], Ok(Line::KeepAlive)), "{first:?}");
    post(&s, "/mock/disconnect").await;
    let Some(Err(RequestError::Api(e))) = lines.next().await else {
        panic!("no disconnect")
    };
    assert_eq!(e.retry().hint, twitter_errors::Retry::Reconnect);
    assert!(lines.next().await.is_none());
    // Ended, it stays ended.
    assert!(lines.next().await.is_none());
}

/// The data lines of `n` reads of `stream`, keep-alives skipped.
async fn data<F, Fut, K>(stream: &mut Reconnecting<F, Twitter, K>, n: usize) -> usize
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<reqwest::Response, reqwest::Error>>,
    K: Clock,
{
    let mut seen = 0;
    for i in 0..n {
        let line = tokio::time::timeout(Duration::from_secs(10), stream.next_line())
            .await
            .unwrap_or_else(|_| panic!("read {i} of {n} hung: {stream:?}"));
        if let Line::Data(_) = line.unwrap() {
            seen += 1;
        }
    }
    seen
}

#[tokio::test]
async fn a_reconnecting_stream_follows_the_catalogs_schedules() {
    let s = Server::start(generous()).await;
    let url = s.url("/2/tweets/search/stream");
    let plan = Reconnect::new::<Twitter>(Api::V2).expect("the catalog describes v2 streams");
    let stream_info = plan.stream();
    assert_eq!(
        format!(
            "{:?}",
            Reconnecting::new(Api::V2, || s.client.get(&url).send()).map(|r| r.plan().timeout())
        ),
        format!("{:?}", Some(plan.timeout()))
    );
    let stall = Duration::from_millis(123_456_789);
    let clock = Recorder {
        stall: Some(stall),
        ..Recorder::default()
    };
    let client = s.client.clone();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let hook = seen.clone();
    let mut stream = Reconnecting::new(Api::V2, || client.get(&url).send())
        .unwrap()
        .with_clock(clock.clone())
        .with_timeout(Some(stall))
        .on_wait(move |w| hook.lock().unwrap().push(w.wait));

    // Two tweets and a keep-alive.
    assert_eq!(data(&mut stream, 3).await, 2);
    // An operational disconnect: reconnected at once, and the tweets go on.
    post(&s, "/mock/disconnect").await;
    assert_eq!(data(&mut stream, 3).await, 2);
    assert_eq!(clock.waits(), [Duration::ZERO]);

    // Two 503s at the next connection: the stream's HTTP-error schedule
    // (the disconnect's reconnect at once came first).
    post(&s, "/mock/faults?status=503&count=2").await;
    post(&s, "/mock/disconnect").await;
    assert_eq!(data(&mut stream, 3).await, 2);
    let http = stream_info.on_http_error.and_then(|p| p.backoff).unwrap();
    assert_eq!(
        clock.waits()[1..],
        [Duration::ZERO, http.delay(1), http.delay(2)]
    );
    assert_eq!(stream.plan().attempts(), 0, "data flowed again");
    // Each wait was seen by the hook before it started.
    assert_eq!(*seen.lock().unwrap(), clock.waits());

    // A 429 with its reset: the time the response gives.
    post(&s, "/mock/faults?status=429&retry_after=7").await;
    post(&s, "/mock/disconnect").await;
    assert_eq!(data(&mut stream, 3).await, 2);
    assert_eq!(clock.waits()[4..], [Duration::ZERO, Duration::from_secs(7)]);

    // A reset a day away is not waited for by default: given up, with why
    // (the disconnect's reconnect at once came first).
    post(&s, "/mock/faults?status=429&retry_after=86400").await;
    post(&s, "/mock/disconnect").await;
    let gave_up = loop {
        match stream.next_line().await {
            Ok(_) => continue,
            Err(e) => break e,
        }
    };
    assert!(
        matches!(gave_up.reason, GiveUp::TooLong { wait, .. } if wait == Duration::from_secs(86_400)),
        "{gave_up:?}"
    );
    assert!(
        format!("{gave_up:?}").contains("reason: \"the response asks for a wait of 86400s"),
        "{gave_up:?}"
    );
    let mut stream = Reconnecting::new(Api::V2, || client.get(&url).send())
        .unwrap()
        .with_clock(clock.clone())
        .with_timeout(Some(stall));

    // A 401 cannot be fixed by reconnecting: given up, with why, on a
    // stream that had been reading (the disconnect's reconnect at once
    // came first).
    assert_eq!(data(&mut stream, 3).await, 2);
    post(&s, "/mock/faults?status=401").await;
    post(&s, "/mock/disconnect").await;
    let gave_up = loop {
        match stream.next_line().await {
            Ok(_) => continue,
            Err(e) => break e,
        }
    };
    assert_eq!(gave_up.reason, GiveUp::NotRetryable);
    assert_eq!(gave_up.error.api().map(|e| e.status().as_u16()), Some(401));
    assert!(
        gave_up.to_string().contains("gave up after 2 attempts"),
        "{gave_up}"
    );

    // A billing failure: given up, naming the limit.
    let client = s.client.clone();
    let url = s.url("/2/tweets/search/stream");
    let mut stream = Reconnecting::new(Api::V2, || client.get(&url).send())
        .unwrap()
        .with_clock(clock.clone())
        .with_timeout(Some(stall));
    post(&s, "/mock/faults?billing=spend-cap").await;
    let e = stream.next_line().await.unwrap_err();
    assert!(matches!(e.reason, GiveUp::Limit(_)), "{e}");
}

#[tokio::test]
async fn a_silent_connection_counts_as_dead_and_reconnects() {
    let s = Server::start(generous()).await;
    let url = s.url("/2/tweets/search/stream");
    let timeout = Reconnect::new::<Twitter>(Api::V2)
        .unwrap()
        .timeout()
        .unwrap();
    // The mock sends nothing after its keep-alive until told to
    // disconnect: the read timeout (shortened here) ends the connection.
    let clock = ShortTimeout {
        timeout,
        real: Duration::from_millis(300),
        waits: Arc::default(),
    };
    let client = s.client.clone();
    let mut stream = Reconnecting::new(Api::V2, || client.get(&url).send())
        .unwrap()
        .with_clock(clock.clone());
    assert_eq!(data(&mut stream, 3).await, 2);
    // The next read stalls; the stream reconnects at once and reads on.
    assert_eq!(data(&mut stream, 3).await, 2);
    assert_eq!(clock.waits.lock().unwrap()[..], [Duration::ZERO]);
}
