//! The `mock_api` example served on 127.0.0.1 and called with reqwest:
//! status, Content-Type, body bytes and the decoded `ApiError` of every
//! format, through the `http`, `reqwest` and `axum` integrations; streams
//! and their in-band disconnects; bodies that never end.

#[allow(dead_code)]
#[path = "../examples/mock_api.rs"]
mod mock_api;

use mock_api::Config;
use twitter_errors::catalog::Window;
use twitter_errors::codec::{Bounds, ErrorKind};
use twitter_errors::integrations::reqwest::{Line, Partial, RequestError, ResponseExt};
use twitter_errors::response::{ApiError, Limit, Wait};
use twitter_errors::{Code, ErrorCode, Format, HttpStatus, ProblemType, Retry, Status};

#[allow(dead_code)]
mod support {
    pub mod server;
}
use support::server::{generous, Server};

impl Server {
    /// Status, Content-Type and body as served, then the same response
    /// read whole through the reqwest integration.
    async fn call(
        &self,
        target: &str,
        accept: Option<&str>,
    ) -> (u16, String, Vec<u8>, Result<Partial, RequestError>) {
        let raw = self.get(target, accept).await;
        let status = raw.status().as_u16();
        let content_type = raw.headers()["content-type"].to_str().unwrap().to_owned();
        let body = raw.bytes().await.unwrap().to_vec();
        let checked = self.get(target, accept).await.api_partial().await;
        (status, content_type, body, checked)
    }

    /// [`Server::call`] for an error, which `api_error_for_status` gives
    /// too, equal.
    async fn error(&self, target: &str, accept: Option<&str>) -> (u16, String, Vec<u8>, ApiError) {
        let (status, content_type, body, checked) = self.call(target, accept).await;
        let e = match checked {
            Err(RequestError::Api(e)) => e,
            Err(e) => panic!("{target}: {e}"),
            Ok(r) => panic!("{target}: not an error: {:?}", r.text()),
        };
        match self.get(target, accept).await.api_error_for_status().await {
            // The same error; only the rate-limit window has moved on.
            Err(RequestError::Api(same)) => {
                assert_eq!(same.status(), e.status(), "{target}");
                assert_eq!(same.body(), e.body(), "{target}");
                assert_eq!(same.raw_body(), e.raw_body(), "{target}");
            }
            Err(other) => panic!("{target}: {other}"),
            Ok(r) => panic!("{target}: not an error: {}", r.status()),
        }
        (status, content_type, body, e)
    }
}

const JSON: &str = "application/json; charset=utf-8";
const XML: &str = "application/xml; charset=utf-8";
const JS: &str = "application/javascript; charset=utf-8";
const PROBLEM: &str = "application/problem+json; charset=utf-8";

const NOT_FOUND_JSON: &str =
    r#"{"errors":[{"message":"Sorry, that page does not exist.","code":34}]}"#;
const NOT_FOUND_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  <error code=\"34\">Sorry, that page does not exist.</error>\n</errors>";

fn codes(e: &ApiError) -> Vec<Code> {
    e.codes().collect()
}

#[tokio::test]
async fn an_unknown_route_is_34_in_every_v1_format() {
    let s = Server::start(generous()).await;
    let cases = [
        (
            "/1.1/nope.json",
            None,
            JSON,
            NOT_FOUND_JSON.to_owned(),
            Format::Json,
        ),
        (
            "/1.1/nope.xml",
            None,
            XML,
            NOT_FOUND_XML.to_owned(),
            Format::Xml,
        ),
        (
            "/1.1/nope.rss",
            None,
            XML,
            NOT_FOUND_XML.to_owned(),
            Format::Xml,
        ),
        (
            "/1.1/nope.json?callback=jQuery.cb_1",
            None,
            JS,
            format!("/**/jQuery.cb_1({NOT_FOUND_JSON});"),
            Format::Jsonp,
        ),
        (
            "/1.1/nope",
            Some("application/xml"),
            XML,
            NOT_FOUND_XML.to_owned(),
            Format::Xml,
        ),
        (
            "/1.1/nope",
            Some("text/html"),
            JSON,
            NOT_FOUND_JSON.to_owned(),
            Format::Json,
        ),
        // A callback that is not a JavaScript name gets plain JSON.
        (
            "/1.1/nope.json?callback=alert(1)",
            None,
            JSON,
            NOT_FOUND_JSON.to_owned(),
            Format::Json,
        ),
    ];
    for (target, accept, content_type, body, format) in cases {
        let (status, ct, bytes, e) = s.error(target, accept).await;
        assert_eq!(status, 404, "{target}");
        assert_eq!(ct, content_type, "{target}");
        assert_eq!(String::from_utf8(bytes).unwrap(), body, "{target}");
        assert_eq!(e.status(), Status::from(HttpStatus::NotFound), "{target}");
        assert_eq!(e.body().unwrap().format(), format, "{target}");
        assert_eq!(
            codes(&e),
            [Code::from(ErrorCode::PageDoesNotExist)],
            "{target}"
        );
        assert_eq!(e.retry().hint, Retry::Never, "{target}");
        assert_eq!(e.rate_limits().standard.limit, Some(1000), "{target}");
        assert_eq!(
            e.to_string(),
            "34 Sorry, that page does not exist (HTTP 404)",
            "{target}"
        );
    }
}

#[tokio::test]
async fn v1_routes_answer_and_fail_in_the_asked_format() {
    let s = Server::start(generous()).await;
    let (status, ct, body, ok) = s.call("/1.1/statuses/show/20.xml", None).await;
    assert_eq!((status, ct.as_str()), (200, XML));
    let ok = ok.unwrap();
    assert_eq!(ok.bytes(), body);
    assert!(ok
        .text()
        .unwrap()
        .contains("<text>just setting up my twttr</text>"));
    assert_eq!(ok.rate_limits().standard.limit, Some(1000));
    assert_eq!(ok.problems().count(), 0);

    let (status, ct, body, e) = s.error("/1.1/statuses/show/1.json", None).await;
    assert_eq!((status, ct.as_str()), (404, JSON));
    assert_eq!(
        body,
        br#"{"errors":[{"message":"No status found with that ID.","code":144}]}"#
    );
    assert_eq!(codes(&e), [Code::from(ErrorCode::StatusNotFound)]);
}

#[tokio::test]
async fn suppressed_response_codes_are_200_with_the_error() {
    let s = Server::start(generous()).await;
    for (target, content_type, body) in [
        (
            "/1.1/nope.json?suppress_response_codes=true",
            JSON,
            NOT_FOUND_JSON.to_owned(),
        ),
        (
            "/1.1/nope.xml?suppress_response_codes",
            XML,
            NOT_FOUND_XML.to_owned(),
        ),
        (
            "/1.1/nope.json?callback=cb&suppress_response_codes=1",
            JS,
            format!("/**/cb({NOT_FOUND_JSON});"),
        ),
    ] {
        let (status, ct, bytes, e) = s.error(target, None).await;
        assert_eq!(status, 200, "{target}");
        assert_eq!(ct, content_type, "{target}");
        assert_eq!(String::from_utf8(bytes).unwrap(), body, "{target}");
        assert_eq!(e.status(), Status::from(HttpStatus::Ok), "{target}");
        assert_eq!(e.effective_status(), Status::from(HttpStatus::NotFound));
        assert_eq!(codes(&e), [Code::from(ErrorCode::PageDoesNotExist)]);
        assert_eq!(
            e.to_string(),
            "34 Sorry, that page does not exist (HTTP 404, served as 200)"
        );
    }
}

#[tokio::test]
async fn v2_routes_answer_with_problems() {
    let s = Server::start(generous()).await;
    // An unknown v2 route, as the live API answers it: 404, nothing in
    // the body, no Content-Type, no rate-limit headers.
    let r = s.get("/2/nope", None).await;
    assert_eq!(r.status().as_u16(), 404);
    assert!(
        r.headers().get("content-type").is_none(),
        "{:?}",
        r.headers()
    );
    assert!(
        !r.headers()
            .keys()
            .any(|k| k.as_str().starts_with("x-rate-limit")),
        "{:?}",
        r.headers()
    );
    let e = s.get("/2/nope", None).await.api_error_for_status().await;
    let Err(RequestError::Api(e)) = e else {
        panic!("{e:?}")
    };
    assert_eq!(e.status(), Status::from(HttpStatus::NotFound));
    assert_eq!(e.raw_body(), Some(&b""[..]));
    assert_eq!(e.to_string(), "Not Found (HTTP 404)");

    // An invalid parameter.
    let (status, ct, body, e) = s.error("/2/tweets/abc", None).await;
    assert_eq!((status, ct.as_str()), (400, PROBLEM));
    assert_eq!(
        body,
        br#"{"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.x.com/2/problems/invalid-request","errors":[{"parameters":{"id":["abc"]},"message":"The `id` query parameter value [abc] is not valid"}]}"#
    );
    let problems: Vec<_> = e.problems().collect();
    assert_eq!(problems.len(), 2);
    assert_eq!(
        problems[0].problem_type(),
        Some(ProblemType::InvalidRequest)
    );
    assert_eq!(
        problems[1].message().as_deref(),
        Some("The `id` query parameter value [abc] is not valid")
    );
    assert_eq!(e.retry().hint, Retry::Never);

    // With suppress_response_codes, the problem comes with 200.
    let (status, ct, _, e) = s.error("/2/tweets/abc?suppress_response_codes", None).await;
    assert_eq!((status, ct.as_str()), (200, PROBLEM));
    assert_eq!(e.effective_status(), Status::from(HttpStatus::BadRequest));
}

#[tokio::test]
async fn v2_partial_results_are_results_with_problems() {
    let s = Server::start(generous()).await;
    let (status, ct, body, ok) = s.call("/2/tweets?ids=20,1", None).await;
    assert_eq!((status, ct.as_str()), (200, JSON));
    assert_eq!(
        String::from_utf8(body.clone()).unwrap(),
        r#"{"data":[{"edit_history_tweet_ids":["20"],"id":"20","text":"just setting up my twttr"}],"errors":[{"detail":"Could not find tweet with ids: [1].","title":"Not Found Error","type":"https://api.x.com/2/problems/resource-not-found","parameter":"ids","resource_id":"1","resource_type":"tweet","value":"1"}]}"#
    );
    let ok = ok.unwrap();
    assert_eq!(ok.bytes(), body);
    let partial = ok.partial().unwrap();
    assert!(partial.is_partial());
    assert_eq!(
        partial.data().unwrap().get(),
        r#"[{"edit_history_tweet_ids":["20"],"id":"20","text":"just setting up my twttr"}]"#
    );
    let problems: Vec<_> = ok.problems().collect();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].problem_type(),
        Some(ProblemType::ResourceNotFound)
    );
    let object = problems[0].to_object().unwrap();
    assert_eq!(object.resource_id.as_deref(), Some("1"));
    let data: serde_json::Value = ok.json().unwrap();
    assert_eq!(data["data"][0]["id"], "20");

    // Nothing found: still 200, still a result, with only errors.
    let ok = s.call("/2/tweets/1", None).await.3.unwrap();
    assert!(ok.partial().unwrap().data().is_none());
    assert_eq!(ok.problems().count(), 1);

    // Everything found: no problems.
    let ok = s.call("/2/tweets/20", None).await.3.unwrap();
    assert!(ok.partial().is_none());
    assert_eq!(ok.problems().count(), 0);
    let tweet = r#"{"edit_history_tweet_ids":["20"],"id":"20","text":"just setting up my twttr"}"#;
    assert_eq!(ok.text().unwrap(), format!(r#"{{"data":{tweet}}}"#));
    assert_eq!(ok.data().unwrap().get(), tweet);

    // api_error_for_status leaves a partial result alone: it is a result.
    let r = s.get("/2/tweets?ids=20,1", None).await;
    let r = r.api_error_for_status().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let v: serde_json::Value = serde_json::from_slice(&r.bytes().await.unwrap()).unwrap();
    assert_eq!(v["data"][0]["edit_history_tweet_ids"][0], "20");
    assert_eq!(v["errors"][0]["resource_id"], "1");
}

#[tokio::test]
async fn over_capacity_is_130_or_a_503_problem() {
    let s = Server::start(generous()).await;
    let switch = |on: bool| {
        s.client
            .post(format!("{}/mock/over-capacity?enabled={on}", s.base))
            .send()
    };
    assert_eq!(switch(true).await.unwrap().status().as_u16(), 204);
    let json = r#"{"errors":[{"message":"Over capacity.","code":130}]}"#;
    for (target, content_type, body) in [
        ("/1.1/statuses/show/20.json", JSON, json.to_owned()),
        (
            "/1.1/statuses/show/20.xml",
            XML,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  <error code=\"130\">Over capacity.</error>\n</errors>".to_owned(),
        ),
        ("/1.1/statuses/show/20.json?callback=f", JS, format!("/**/f({json});")),
    ] {
        let (status, ct, bytes, e) = s.error(target, None).await;
        assert_eq!((status, ct.as_str()), (503, content_type), "{target}");
        assert_eq!(String::from_utf8(bytes).unwrap(), body, "{target}");
        assert_eq!(codes(&e), [Code::from(ErrorCode::OverCapacity)]);
        assert_eq!(e.retry().hint, Retry::Backoff);
        assert_eq!(
            e.to_string(),
            format!("130 Over capacity (HTTP 503), {}", Retry::Backoff.advice())
        );
    }
    let (status, ct, body, e) = s.error("/2/tweets/20", None).await;
    assert_eq!((status, ct.as_str()), (503, PROBLEM));
    assert_eq!(
        body,
        br#"{"title":"Service Unavailable","detail":"Service Unavailable","type":"about:blank","status":503}"#
    );
    assert_eq!(e.retry().hint, Retry::Backoff);
    assert_eq!(switch(false).await.unwrap().status().as_u16(), 204);
    assert!(s.call("/2/tweets/20", None).await.3.is_ok());
}

#[tokio::test]
async fn the_rate_limiter_answers_88_with_its_headers() {
    let s = Server::start(Config {
        limit: 3,
        ..Config::default()
    })
    .await;
    for remaining in [2, 1, 0] {
        let r = s.get("/1.1/statuses/show/20.json", None).await;
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(r.headers()["x-rate-limit-limit"], "3");
        assert_eq!(
            r.headers()["x-rate-limit-remaining"],
            remaining.to_string().as_str()
        );
    }
    let r = s.get("/1.1/statuses/show/20.json", None).await;
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["content-type"], JSON);
    assert_eq!(r.headers()["x-rate-limit-remaining"], "0");
    let reset: u64 = r.headers()["x-rate-limit-reset"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let body = r.bytes().await.unwrap();
    assert_eq!(
        &body[..],
        br#"{"errors":[{"message":"Rate limit exceeded.","code":88}]}"#
    );

    let (status, ct, body, e) = s.error("/1.1/statuses/show/20.xml", None).await;
    assert_eq!((status, ct.as_str()), (429, XML));
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  <error code=\"88\">Rate limit exceeded.</error>\n</errors>"
    );
    assert_eq!(codes(&e), [Code::from(ErrorCode::RateLimitExceeded)]);
    assert!(e.is_rate_limited());
    assert_eq!(e.limit(), Some(Limit::RateLimit(Window::Standard)));
    assert_eq!(e.rate_limits().standard.reset, Some(reset));
    assert_eq!(e.retry().hint, Retry::AfterReset);
    assert_eq!(e.retry().wait, Some(Wait::Until(reset)));
    let text = e.to_string();
    let at = text
        .strip_prefix("88 Rate limit exceeded (HTTP 429), retry after ")
        .unwrap_or_else(|| panic!("{text}"));
    // An RFC 3339 time in UTC, such as 2026-11-22T14:05:00Z.
    assert_eq!(at.len(), "2026-11-22T14:05:00Z".len(), "{at}");
    assert!(at.as_bytes()[10] == b'T' && at.ends_with('Z'), "{at}");

    // v2 gets the generic 429 problem, with the same headers.
    let (status, ct, body, e) = s.error("/2/tweets/20", None).await;
    assert_eq!((status, ct.as_str()), (429, PROBLEM));
    assert_eq!(
        body,
        br#"{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}"#
    );
    assert!(e.is_rate_limited());
    assert_eq!(e.retry().wait, Some(Wait::Until(reset)));
}

#[tokio::test]
async fn the_show_route_answers_as_the_clients_call_it() {
    let s = Server::start(generous()).await;
    let r = s
        .get("/1.1/statuses/show.json?id=20&tweet_mode=extended", None)
        .await;
    assert_eq!(r.headers()["content-type"], JSON);
    let r = r.api_error_for_status().await.unwrap();
    let tweet: serde_json::Value = serde_json::from_slice(&r.bytes().await.unwrap()).unwrap();
    assert_eq!(tweet["id"], 20);
    assert_eq!(tweet["id_str"], "20");
    assert_eq!(tweet["text"], "just setting up my twttr");
    assert_eq!(tweet["user"]["screen_name"], "jack");
    assert_eq!(tweet["created_at"], "Tue Mar 21 20:50:14 +0000 2006");

    let (status, ct, body, ok) = s.call("/1.1/statuses/show.xml?id=20", None).await;
    assert_eq!((status, ct.as_str()), (200, XML));
    assert_eq!(ok.unwrap().bytes(), body);
    assert!(String::from_utf8(body)
        .unwrap()
        .contains("<id>20</id>\n  <text>just setting up my twttr</text>"));

    let (status, ct, body, e) = s.error("/1.1/statuses/show.json?id=1", None).await;
    assert_eq!((status, ct.as_str()), (404, JSON));
    assert_eq!(
        body,
        br#"{"errors":[{"message":"No status found with that ID.","code":144}]}"#
    );
    assert_eq!(codes(&e), [Code::from(ErrorCode::StatusNotFound)]);

    let (status, ct, body, e) = s.error("/1.1/statuses/show.xml", None).await;
    assert_eq!((status, ct.as_str()), (400, XML));
    assert!(String::from_utf8(body)
        .unwrap()
        .contains(r#"<error code="38">id parameter is missing.</error>"#));
    assert_eq!(codes(&e), [Code::from(ErrorCode::ParameterMissing)]);
    assert_eq!(e.retry().hint, Retry::Never);
}

#[tokio::test]
async fn every_answer_carries_the_rate_limit_headers() {
    let s = Server::start(Config {
        limit: 4,
        ..Config::default()
    })
    .await;
    assert_eq!(s.post("/mock/faults?status=500").await, 204);
    let targets = [
        ("/2/tweets/20", 500),
        ("/1.1/statuses/show.json?id=20", 200),
        ("/1.1/nope.json", 404),
        ("/2/tweets/search/stream", 200),
        ("/2/tweets/abc", 429),
    ];
    for (n, (target, status)) in targets.into_iter().enumerate() {
        let r = s.get(target, None).await;
        assert_eq!(r.status().as_u16(), status, "{target}");
        let h = r.headers();
        assert_eq!(h["x-rate-limit-limit"], "4", "{target}");
        let remaining = 4u64.saturating_sub(n as u64 + 1).to_string();
        assert_eq!(h["x-rate-limit-remaining"], remaining.as_str(), "{target}");
        assert!(h.contains_key("x-rate-limit-reset"), "{target}");
    }
    assert_eq!(s.post("/mock/over-capacity?enabled=true").await, 204);
    let r = s.get("/1.1/statuses/show.json?id=20", None).await;
    assert_eq!(r.status().as_u16(), 503);
    assert!(r.headers().contains_key("x-rate-limit-reset"));
}

#[tokio::test]
async fn successes_come_back_untouched_and_unread() {
    let s = Server::start(generous()).await;
    let mut r = s
        .get("/1.1/statuses/show.json?id=20", None)
        .await
        .api_error_for_status()
        .await
        .unwrap();
    assert_eq!(r.url().path(), "/1.1/statuses/show.json");
    assert_eq!(r.headers()["x-rate-limit-limit"], "1000");
    // Still the network's body: read chunk by chunk.
    let mut body = Vec::new();
    while let Some(chunk) = r.chunk().await.unwrap() {
        body.extend_from_slice(&chunk);
    }
    assert!(body.starts_with(br#"{"created_at":"#));

    // With suppress_response_codes the body is read, and a success given
    // back with it, headers and URL as they were.
    let target = "/1.1/statuses/show.json?id=20&suppress_response_codes=true";
    let r = s
        .get(target, None)
        .await
        .api_error_for_status()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.url().query(), Some("id=20&suppress_response_codes=true"));
    assert_eq!(r.headers()["content-type"], JSON);
    assert_eq!(r.headers()["x-rate-limit-limit"], "1000");
    assert_eq!(r.text().await.unwrap(), String::from_utf8(body).unwrap());
    // And an error is an error.
    let target = "/1.1/statuses/show.json?id=1&suppress_response_codes=true";
    let Err(RequestError::Api(e)) = s.get(target, None).await.api_error_for_status().await else {
        panic!("not an error")
    };
    assert_eq!(e.status(), Status::from(HttpStatus::Ok));
    assert_eq!(codes(&e), [Code::from(ErrorCode::StatusNotFound)]);
}

#[tokio::test]
async fn a_v2_stream_is_read_as_it_comes_and_ends_in_a_disconnect() {
    let s = Server::start(generous()).await;
    // The server holds the stream open until /mock/disconnect: the call
    // returns with the body unread.
    let r = s.get("/2/tweets/search/stream", None).await;
    let r = r.api_error_for_status().await.unwrap();
    let mut lines = r.api_lines();
    assert_eq!(lines.status().as_u16(), 200);
    let tweet = r#"{"data":{"edit_history_tweet_ids":["20"],"id":"20","text":"just setting up my twttr"},"matching_rules":[{"id":"1","tag":"twttr"}]}"#;
    for _ in 0..2 {
        match lines.next_line().await.unwrap() {
            Some(Line::Data(line)) => assert_eq!(String::from_utf8(line).unwrap(), tweet),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(lines.next_line().await.unwrap(), Some(Line::KeepAlive));
    assert_eq!(s.post("/mock/disconnect").await, 204);
    let e = match lines.next_line().await {
        Err(RequestError::Api(e)) => e,
        other => panic!("{other:?}"),
    };
    let p = e.problems().next().unwrap();
    assert_eq!(p.problem_type(), Some(ProblemType::OperationalDisconnect));
    assert_eq!(
        p.get_str("disconnect_type").as_deref(),
        Some("UpstreamOperationalDisconnect")
    );
    assert_eq!(e.status(), Status::from(HttpStatus::Ok));
    // An operational disconnect does not recur: reconnect at once.
    assert_eq!(e.retry().hint, Retry::Reconnect);
    assert_eq!(
        e.to_string(),
        "operational-disconnect: This stream has been disconnected upstream for operational reasons (HTTP 200), reconnect at once"
    );
    assert_eq!(lines.next_line().await.unwrap(), None);
}

#[tokio::test]
async fn a_v1_stream_ends_in_a_disconnect_notice() {
    let s = Server::start(generous()).await;
    for (target, code, retry) in [
        // 4: a stall, which does not recur: reconnect at once.
        ("/1.1/statuses/filter.json?track=twttr", 4, Retry::Reconnect),
        // 6: the token was revoked; a new connection cannot help.
        ("/1.1/statuses/filter.json?disconnect=6", 6, Retry::Never),
    ] {
        let r = s
            .get(target, None)
            .await
            .api_error_for_status()
            .await
            .unwrap();
        let mut lines = r.api_lines();
        for _ in 0..2 {
            let Some(Line::Data(line)) = lines.next_line().await.unwrap() else {
                panic!("{target}: no tweet")
            };
            let tweet: serde_json::Value = serde_json::from_slice(&line).unwrap();
            assert_eq!(tweet["id_str"], "20", "{target}");
        }
        assert_eq!(lines.next_line().await.unwrap(), Some(Line::KeepAlive));
        assert_eq!(s.post("/mock/disconnect").await, 204);
        let Err(RequestError::Api(e)) = lines.next_line().await else {
            panic!("{target}: no disconnect")
        };
        assert_eq!(e.disconnect().and_then(|d| d.code), Some(code), "{target}");
        assert_eq!(e.body().unwrap().format(), Format::Json);
        assert_eq!(e.retry().hint, retry, "{target}");
        assert!(e.to_string().contains("(HTTP 200)"), "{e}");
        assert_eq!(lines.next_line().await.unwrap(), None);
    }
}

#[tokio::test]
async fn a_line_longer_than_the_limit_is_refused() {
    let s = Server::start(generous()).await;
    let r = s.get("/2/tweets/search/stream", None).await;
    let mut lines = r.api_lines_with(&Bounds::new().with_max_body(64));
    match lines.next_line().await {
        Err(RequestError::TooLarge(e)) => {
            assert_eq!(e.decode_error().unwrap().kind(), ErrorKind::TooLarge);
            assert_eq!(e.status(), Status::from(HttpStatus::Ok));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(lines.next_line().await.unwrap(), None);
}

#[tokio::test]
async fn an_endless_error_body_is_refused_at_the_limit() {
    let s = Server::start(generous()).await;
    assert_eq!(
        s.post("/mock/faults?status=503&count=3&endless=true").await,
        204
    );
    let limits = Bounds::new().with_max_body(256 * 1024);
    let check = |e: RequestError, how: &str| {
        let RequestError::TooLarge(api) = &e else {
            panic!("{how}: {e}")
        };
        assert!(e.is_too_large());
        assert_eq!(
            api.status(),
            Status::from(HttpStatus::ServiceUnavailable),
            "{how}"
        );
        assert_eq!(
            api.decode_error().unwrap().kind(),
            ErrorKind::TooLarge,
            "{how}"
        );
        assert_eq!(api.raw_body(), Some(&b""[..]), "{how}");
        // The status and headers still decide: back off.
        assert_eq!(api.retry().hint, Retry::Backoff, "{how}");
        assert_eq!(api.rate_limits().standard.limit, Some(1000), "{how}");
        assert!(
            e.to_string().starts_with("body refused (body too large"),
            "{e}"
        );
    };
    let r = s.get("/2/tweets/20", None).await;
    check(
        r.api_error_for_status_with(&limits).await.unwrap_err(),
        "error_for_status",
    );
    let r = s.get("/2/tweets/20", None).await;
    check(r.api_partial_with(&limits).await.unwrap_err(), "partial");
    let r = s.get("/2/tweets/search/stream", None).await;
    let mut lines = r.api_lines_with(&limits);
    check(lines.next_line().await.unwrap_err(), "lines");
    assert_eq!(lines.next_line().await.unwrap(), None);
    // The faults are used up.
    assert!(s.call("/2/tweets/20", None).await.3.is_ok());
}

#[tokio::test]
async fn problems_come_under_the_host_the_mock_is_told() {
    let s = Server::start(Config {
        problem_host: mock_api::TWITTER_HOST.to_owned(),
        ..generous()
    })
    .await;
    let (_, _, body, ok) = s.call("/2/tweets?ids=20,1", None).await;
    let text = String::from_utf8(body).unwrap();
    assert!(
        text.contains(r#""type":"https://api.twitter.com/2/problems/resource-not-found""#),
        "{text}"
    );
    // Under either host, the decoder knows the type.
    let ok = ok.unwrap();
    assert_eq!(
        ok.problems().next().unwrap().problem_type(),
        Some(ProblemType::ResourceNotFound)
    );
    let (_, _, body, e) = s.error("/2/tweets/abc", None).await;
    assert!(String::from_utf8_lossy(&body).contains("api.twitter.com/2/problems/invalid-request"));
    assert_eq!(
        e.problems().next().unwrap().problem_type(),
        Some(ProblemType::InvalidRequest)
    );
}

#[tokio::test]
async fn billing_faults_are_neither_rate_limits_nor_waited_for() {
    use twitter_errors::response::Limit;
    let s = Server::start(generous()).await;
    for (billing, status, slug, limit) in [
        ("credits", 402, "credits", Limit::Credits),
        ("credits-depleted", 402, "credits-depleted", Limit::Credits),
        ("spend-cap", 403, "spend-cap-reached", Limit::SpendCap),
    ] {
        assert_eq!(
            s.post(&format!("/mock/faults?billing={billing}")).await,
            204
        );
        let r = s.get("/2/tweets/20", None).await;
        assert_eq!(r.status().as_u16(), status, "{billing}");
        // The rate-limit headers show requests to spare, as live ones did.
        let remaining: u64 = r.headers()["x-rate-limit-remaining"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(remaining > 0);
        assert_eq!(r.headers()["api-version"], "2.165");
        let Err(RequestError::Api(e)) = r.api_error_for_status().await else {
            panic!("{billing}: not an error")
        };
        assert_eq!(
            e.problems().next().unwrap().problem_type(),
            ProblemType::from_slug(slug),
            "{billing}"
        );
        assert_eq!(e.limit(), Some(limit), "{billing}");
        assert!(!e.is_rate_limited());
        assert_eq!(e.retry().wait, None, "{billing}");
        assert_eq!(e.api_version(), Some("2.165"));
    }
    // A usage cap carries the account and the product (three requests:
    // `error` reads the answer three ways).
    assert_eq!(
        s.post("/mock/faults?status=429&cap=Monthly&count=3").await,
        204
    );
    let (status, _, body, e) = s.error("/2/tweets/20", None).await;
    assert_eq!(status, 429);
    let p = e.problems().next().unwrap();
    assert!(
        p.get("account_id").is_some(),
        "{}",
        String::from_utf8_lossy(&body)
    );
    assert_eq!(p.get_str("product_name").as_deref(), Some("standard-basic"));
    assert!(e.is_usage_capped());
    // Parameters it does not know, or values it cannot use, are refused.
    for bad in [
        "status=503&colour=red",
        "billing=free",
        "status=429&cap=Weekly",
        "reset_in=soon&status=429",
    ] {
        assert_eq!(s.post(&format!("/mock/faults?{bad}")).await, 400, "{bad}");
    }
    // The refusal names what it refused.
    let r = s
        .client
        .post(format!("{}/mock/faults?status=503&colour=red", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let text = r.text().await.unwrap();
    assert!(text.contains("colour"), "{text}");
}

#[tokio::test]
async fn the_user_routes_sdks_call_first() {
    let s = Server::start(generous()).await;
    let ok = s.call("/2/users/by/username/jack", None).await.3.unwrap();
    assert_eq!(ok.problems().count(), 0);
    let v: serde_json::Value = ok.json().unwrap();
    assert_eq!(v["data"]["username"], "jack");
    // No such user: 200 with a resource-not-found item.
    let (status, _, body, ok) = s.call("/2/users/by/username/nobody_here", None).await;
    assert_eq!(status, 200);
    let ok = ok.unwrap();
    let p = ok.problems().next().unwrap();
    assert_eq!(p.problem_type(), Some(ProblemType::ResourceNotFound));
    assert_eq!(
        p.detail().as_deref(),
        Some("Could not find user with username: [nobody_here]."),
        "{}",
        String::from_utf8_lossy(&body)
    );
    assert_eq!(
        p.cause().map(|d| d.name),
        twitter_errors::text::match_detail::<twitter_errors::Twitter>(&p.detail().unwrap())
            .map(|m| m.detail.name)
    );
    // Not a username at all: 400 invalid-request naming it.
    let (status, _, _, e) = s.error("/2/users/by/username/not-a-name!", None).await;
    assert_eq!(status, 400);
    let item = e.problems().nth(1).unwrap();
    assert_eq!(
        item.get("parameters").map(|v| v.get()),
        Some(r#"{"username":["not-a-name!"]}"#)
    );
    // `me` needs credentials.
    let (status, _, _, e) = s.error("/2/users/me", None).await;
    assert_eq!(status, 401);
    assert_eq!(
        e.problems().next().unwrap().problem_type(),
        Some(ProblemType::Generic)
    );
    let r = s
        .client
        .get(format!("{}/2/users/me", s.base))
        .header("authorization", "Bearer x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
}

#[tokio::test]
async fn a_url_in_the_query_changes_nothing() {
    let s = Server::start(generous()).await;
    // Not XML, though the query holds a URL ending in `.xml`.
    let (status, ct, body, e) = s
        .error("/1.1/statuses/show/1.json?ref=http://x.example/a.xml", None)
        .await;
    assert_eq!((status, ct.as_str()), (404, JSON));
    assert!(body.starts_with(b"{\"errors\""));
    assert_eq!(e.body().unwrap().format(), Format::Json);
    // The callback after it is kept.
    let (_, ct, body, _) = s
        .error(
            "/1.1/statuses/show/1.json?ref=http://x.example/a.xml&callback=cb",
            None,
        )
        .await;
    assert_eq!(ct, JS);
    assert!(
        body.starts_with(b"/**/cb("),
        "{}",
        String::from_utf8_lossy(&body)
    );
    // suppress_response_codes after it is kept: served with 200, and the
    // reqwest integration still sees the error in it.
    let target = "/1.1/statuses/show/1.json?ref=https://x.example/&suppress_response_codes=true";
    let r = s.get(target, None).await;
    assert_eq!(r.status().as_u16(), 200);
    let Err(RequestError::Api(e)) = s.get(target, None).await.api_error_for_status().await else {
        panic!("an error served with 200 read as a success")
    };
    assert_eq!(e.effective_status(), Status::from(HttpStatus::NotFound));
    // And a `?` inside a parameter's value asks for nothing.
    let r = s
        .get(
            "/1.1/statuses/show/1.json?next=https://x.example/a?suppress_response_codes",
            None,
        )
        .await;
    assert_eq!(r.status().as_u16(), 404);
}

#[tokio::test]
async fn a_retry_date_past_the_year_9999_is_clamped_not_a_panic() {
    let s = Server::start(generous()).await;
    for far in [u64::MAX, 253_402_300_800, 1 << 40] {
        assert_eq!(
            s.post(&format!("/mock/faults?status=503&retry_after_date={far}"))
                .await,
            204
        );
        let r = s.get("/1.1/statuses/show/20.json", None).await;
        assert_eq!(r.status().as_u16(), 503, "{far}");
        let date = r.headers()["retry-after"].to_str().unwrap().to_owned();
        assert!(date.ends_with("9999 23:59:59 GMT"), "{date}");
    }
    // The server is still up.
    assert_eq!(
        s.get("/1.1/statuses/show/20.json", None)
            .await
            .status()
            .as_u16(),
        200
    );
}
