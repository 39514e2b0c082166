//! The `mock_api` example served on 127.0.0.1 and called with reqwest:
//! status, Content-Type, body bytes and the decoded `ApiError` of every
//! format, through the `http`, `reqwest` and `axum` integrations.

#[allow(dead_code)]
#[path = "../examples/mock_api.rs"]
mod mock_api;

use std::time::Duration;

use mock_api::Config;
use twitter_errors::catalog::Window;
use twitter_errors::integrations::reqwest::{Error, Response, ResponseExt};
use twitter_errors::response::{ApiError, Limit, Wait};
use twitter_errors::{Code, ErrorCode, Format, HttpStatus, ProblemType, Retry, Status};

/// A running mock API and a client for it.
struct Server {
    base: String,
    client: reqwest::Client,
}

impl Server {
    async fn start(config: Config) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        assert!(addr.ip().is_loopback());
        tokio::spawn(mock_api::serve(listener, config));
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        Server {
            base: format!("http://{addr}"),
            client,
        }
    }

    async fn get(&self, target: &str, accept: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(format!("{}{target}", self.base));
        if let Some(a) = accept {
            request = request.header("accept", a);
        }
        request.send().await.unwrap()
    }

    /// Status, Content-Type and body as served, then the same response
    /// through the reqwest integration.
    async fn call(
        &self,
        target: &str,
        accept: Option<&str>,
    ) -> (u16, String, Vec<u8>, Result<Response, Error>) {
        let raw = self.get(target, accept).await;
        let status = raw.status().as_u16();
        let content_type = raw.headers()["content-type"].to_str().unwrap().to_owned();
        let body = raw.bytes().await.unwrap().to_vec();
        let checked = self.get(target, accept).await.api_result().await;
        (status, content_type, body, checked)
    }

    async fn error(&self, target: &str, accept: Option<&str>) -> (u16, String, Vec<u8>, ApiError) {
        let (status, content_type, body, checked) = self.call(target, accept).await;
        match checked {
            Err(Error::Api(e)) => (status, content_type, body, *e),
            Err(e) => panic!("{target}: {e}"),
            Ok(r) => panic!("{target}: not an error: {:?}", r.text()),
        }
    }
}

const JSON: &str = "application/json; charset=utf-8";
const XML: &str = "application/xml; charset=utf-8";
const JS: &str = "application/javascript; charset=utf-8";
const PROBLEM: &str = "application/problem+json; charset=utf-8";

const NOT_FOUND_JSON: &str =
    r#"{"errors":[{"message":"Sorry, that page does not exist.","code":34}]}"#;
const NOT_FOUND_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  <error code=\"34\">Sorry, that page does not exist.</error>\n</errors>";

fn generous() -> Config {
    Config {
        limit: 1000,
        window: 900,
    }
}

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
        assert_eq!(e.retry().retry, Retry::Never, "{target}");
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
    // An unknown v2 route: the generic problem of 404.
    let (status, ct, body, e) = s.error("/2/nope", None).await;
    assert_eq!((status, ct.as_str()), (404, PROBLEM));
    assert_eq!(
        body,
        br#"{"title":"Not Found","detail":"Not Found","type":"about:blank","status":404}"#
    );
    assert_eq!(e.body().unwrap().format(), Format::Problem);
    let p = e.problems().next().unwrap();
    assert_eq!(p.problem_type(), Some(ProblemType::Generic));
    assert_eq!(p.status(), Some(404));
    assert_eq!(e.to_string(), "Not Found (HTTP 404)");

    // An invalid parameter.
    let (status, ct, body, e) = s.error("/2/tweets/abc", None).await;
    assert_eq!((status, ct.as_str()), (400, PROBLEM));
    assert_eq!(
        body,
        br#"{"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request","errors":[{"message":"The `id` query parameter value [abc] is not valid"}]}"#
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
    assert_eq!(e.retry().retry, Retry::Never);

    // With suppress_response_codes, the problem comes with 200.
    let (status, ct, _, e) = s.error("/2/nope?suppress_response_codes", None).await;
    assert_eq!((status, ct.as_str()), (200, PROBLEM));
    assert_eq!(e.effective_status(), Status::from(HttpStatus::NotFound));
}

#[tokio::test]
async fn v2_partial_results_are_results_with_problems() {
    let s = Server::start(generous()).await;
    let (status, ct, body, ok) = s.call("/2/tweets?ids=20,1", None).await;
    assert_eq!((status, ct.as_str()), (200, JSON));
    assert_eq!(
        String::from_utf8(body.clone()).unwrap(),
        r#"{"data":[{"id":"20","text":"just setting up my twttr"}],"errors":[{"detail":"Could not find tweet with ids: [1].","title":"Not Found Error","type":"https://api.twitter.com/2/problems/resource-not-found","parameter":"ids","resource_id":"1","resource_type":"tweet","value":"1"}]}"#
    );
    let ok = ok.unwrap();
    assert_eq!(ok.bytes(), body);
    let partial = ok.partial().unwrap();
    assert!(partial.is_partial());
    assert_eq!(
        partial.data().unwrap().get(),
        r#"[{"id":"20","text":"just setting up my twttr"}]"#
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
    assert_eq!(
        ok.text().unwrap(),
        r#"{"data":{"id":"20","text":"just setting up my twttr"}}"#
    );
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
        assert_eq!(e.retry().retry, Retry::Backoff);
        assert_eq!(e.to_string(), "130 Over capacity (HTTP 503), retry with backoff");
    }
    let (status, ct, body, e) = s.error("/2/tweets/20", None).await;
    assert_eq!((status, ct.as_str()), (503, PROBLEM));
    assert_eq!(
        body,
        br#"{"title":"Service Unavailable","detail":"Service Unavailable","type":"about:blank","status":503}"#
    );
    assert_eq!(e.retry().retry, Retry::Backoff);
    assert_eq!(switch(false).await.unwrap().status().as_u16(), 204);
    assert!(s.call("/2/tweets/20", None).await.3.is_ok());
}

#[tokio::test]
async fn the_rate_limiter_answers_88_with_its_headers() {
    let s = Server::start(Config {
        limit: 3,
        window: 900,
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
    assert_eq!(e.retry().retry, Retry::AfterReset);
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
