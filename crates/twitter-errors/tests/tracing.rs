//! The `tracing` events: one for each failure the reqwest integration
//! decodes (code or problem type, status, retry decision as fields), one
//! for each wait a `Retrier` decides on, checked with a subscriber that
//! collects them.

#[allow(dead_code)]
#[path = "../examples/mock_api.rs"]
mod mock_api;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use mock_api::Config;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};
use twitter_errors::integrations::reqwest::ResponseExt;
use twitter_errors::integrations::retry::{Clock, Retrier, Sleep};
use twitter_errors::response::{ApiError, RetryPolicy};

/// An event as collected: its level, target and fields (`message`
/// included), each written with `Debug`.
#[derive(Clone, Debug)]
struct Collected {
    level: Level,
    target: String,
    fields: BTreeMap<String, String>,
}

impl Collected {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

#[derive(Clone, Default)]
struct Collector(Arc<Mutex<Vec<Collected>>>);

impl Collector {
    /// The events of target `twitter_errors` so far, taken.
    fn take(&self) -> Vec<Collected> {
        std::mem::take(&mut *self.0.lock().unwrap())
            .into_iter()
            .filter(|e| e.target == "twitter_errors")
            .collect()
    }
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Collector {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(Collected {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields,
        });
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// A clock that does not wait.
#[derive(Clone)]
struct Instant;

impl Clock for Instant {
    fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_800_000_000)
    }

    fn sleep(&self, _: Duration) -> Sleep {
        Box::pin(std::future::ready(()))
    }
}

async fn start() -> (String, reqwest::Client) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = Config {
        limit: 1000,
        clock: Arc::new(|| 1_800_000_000),
        ..Config::default()
    };
    tokio::spawn(mock_api::serve(listener, config));
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    (format!("http://{addr}"), client)
}

// The default (current-thread) runtime: the subscriber set for the test's
// thread sees every event.
#[tokio::test]
async fn each_decoded_failure_is_an_event_with_its_fields() {
    let collector = Collector::default();
    let _guard = tracing::subscriber::set_default(collector.clone());
    let (base, client) = start().await;

    // A v1.1 code.
    let r = client
        .get(format!("{base}/1.1/statuses/show.json?id=1"))
        .send()
        .await
        .unwrap();
    assert!(r.api_error_for_status().await.is_err());
    let events = collector.take();
    assert_eq!(events.len(), 1, "{events:?}");
    let e = &events[0];
    assert_eq!(e.level, Level::WARN);
    assert_eq!(e.get("status"), Some("404"));
    assert_eq!(e.get("effective_status"), Some("404"));
    assert_eq!(e.get("code"), Some("144"));
    assert_eq!(e.get("retry"), Some("never"));
    assert_eq!(e.get("problem"), None);
    assert_eq!(
        e.get("message"),
        Some("144 No status found with that ID (HTTP 404)")
    );

    // A v2 problem.
    let r = client
        .get(format!("{base}/2/tweets/abc"))
        .send()
        .await
        .unwrap();
    assert!(r.api_error_for_status().await.is_err());
    let e = &collector.take()[0];
    assert_eq!(e.get("status"), Some("400"));
    assert_eq!(
        e.get("problem"),
        Some("https://api.x.com/2/problems/invalid-request")
    );
    assert_eq!(e.get("code"), None);
    assert_eq!(e.get("retry"), Some("never"));

    // A rate limit: the reset to wait for, the limit hit.
    let r = client
        .post(format!("{base}/mock/faults?status=429&reset_in=60"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    let r = client
        .get(format!("{base}/2/tweets/20"))
        .send()
        .await
        .unwrap();
    assert!(r.api_error_for_status().await.is_err());
    let e = &collector.take()[0];
    assert_eq!(e.get("status"), Some("429"));
    assert_eq!(e.get("retry"), Some("after_reset"));
    assert_eq!(e.get("limit"), Some("rate_limit"));
    assert_eq!(e.get("reset"), Some("1800000060"));

    // A stream's disconnect.
    let r = client
        .get(format!("{base}/2/tweets/search/stream"))
        .send()
        .await
        .unwrap();
    let mut lines = r.api_error_for_status().await.unwrap().api_lines();
    let mut disconnected = false;
    loop {
        match lines.next_line().await {
            Ok(Some(_)) if !disconnected => {
                let r = client.post(format!("{base}/mock/disconnect")).send().await;
                assert_eq!(r.unwrap().status().as_u16(), 204);
                disconnected = true;
            }
            Ok(Some(_)) => {}
            Ok(None) => panic!("no disconnect"),
            Err(_) => break,
        }
    }
    let events = collector.take();
    assert_eq!(events.len(), 1, "{events:?}");
    let e = &events[0];
    assert_eq!(e.get("status"), Some("200"));
    assert_eq!(
        e.get("problem"),
        Some("https://api.x.com/2/problems/operational-disconnect")
    );
    assert_eq!(e.get("retry"), Some("reconnect"));

    // A success is not an event.
    let r = client
        .get(format!("{base}/2/tweets/20"))
        .send()
        .await
        .unwrap();
    assert!(r.api_error_for_status().await.is_ok());
    assert!(collector.take().is_empty());
}

#[tokio::test]
async fn each_retry_wait_is_an_event() {
    let collector = Collector::default();
    let _guard = tracing::subscriber::set_default(collector.clone());
    let (base, client) = start().await;
    let r = client
        .post(format!("{base}/mock/faults?status=503&count=2"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    let retrier = Retrier::new()
        .with_policy(RetryPolicy::new().with_jitter(false))
        .with_clock(Instant);
    let url = format!("{base}/2/tweets/20");
    let r = retrier
        .run(|| async { client.get(&url).send().await?.api_error_for_status().await })
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let events = collector.take();
    let summary: Vec<_> = events
        .iter()
        .map(|e| {
            (
                e.level,
                e.get("status")
                    .or(e.get("retries"))
                    .unwrap_or("-")
                    .to_owned(),
                e.get("wait_ms").unwrap_or("-").to_owned(),
            )
        })
        .collect();
    let row = |level, a: &str, b: &str| (level, a.to_owned(), b.to_owned());
    // The waits are the catalog's default schedule for a failure of the
    // service.
    let wait = |n: u32| {
        <twitter_errors::Twitter as twitter_errors::catalog::Catalog>::FALLBACKS
            .service
            .unwrap()
            .delay(n)
            .as_millis()
            .to_string()
    };
    assert_eq!(
        summary,
        [
            row(Level::WARN, "503", "-"),
            row(Level::INFO, "0", &wait(0)),
            row(Level::WARN, "503", "-"),
            row(Level::INFO, "1", &wait(1)),
        ]
    );
    assert_eq!(events[1].get("retry"), Some("backoff"));
    let first = <twitter_errors::Twitter as twitter_errors::catalog::Catalog>::FALLBACKS
        .service
        .unwrap()
        .delay(0);
    assert_eq!(
        events[1].get("message"),
        Some(format!("retrying in {}s", first.as_secs()).as_str())
    );

    // Giving up is an event too.
    let body = br#"{"errors":[{"code":144,"message":"No status found with that ID."}]}"#;
    let e = retrier
        .run(|| async { Err::<(), _>(ApiError::from_response(404, [("x", "y")], &body[..])) })
        .await
        .unwrap_err();
    assert_eq!(e.error.status().as_u16(), 404);
    let events = collector.take();
    let last = events.last().unwrap();
    assert_eq!(last.level, Level::INFO);
    assert_eq!(last.get("retry"), Some("never"));
    assert_eq!(
        last.get("message"),
        Some("giving up: retrying cannot succeed")
    );
}
