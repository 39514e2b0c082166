//! A tiny Twitter-like API that serves real error responses in every
//! format the API used, built on the `axum` integration.
//!
//! ```text
//! cargo run -p twitter-errors --example mock_api --features axum -- --addr 127.0.0.1:8080
//! ```
//!
//! Options: `--addr HOST:PORT` (default `127.0.0.1:8080`), `--limit N`
//! requests per rate-limit window (default 15), `--window SECONDS` (default
//! 900).
//!
//! | Request | Answer |
//! |---|---|
//! | `GET /1.1/statuses/show/20.json` (or `.xml`, `?callback=f`) | the tweet |
//! | `GET /1.1/statuses/show/1.json` | 144 / 404 No status found with that ID |
//! | `GET /2/tweets/20` | the tweet |
//! | `GET /2/tweets/1`, `GET /2/tweets?ids=20,1` | 200 with `errors`: a partial result |
//! | `GET /2/tweets/abc` | 400 `invalid-request` problem |
//! | any other path | 34 / 404 (on `/2/`: a 404 problem) |
//! | more than `--limit` requests in a window | 88 / 429 (on `/2/`: a 429 problem) with `x-rate-limit-*` |
//! | `POST /mock/over-capacity?enabled=true` | then every request: 130 / 503 (on `/2/`: a 503 problem) |
//!
//! Errors come in the format the request asked for: the path's extension,
//! `callback`, `Accept`, and status 200 with `suppress_response_codes`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;
use twitter_errors::codec::problem::{self, Problem};
use twitter_errors::integrations::axum::{negotiate_errors, Requested};
use twitter_errors::integrations::http::ErrorResponse;
use twitter_errors::model::members;
use twitter_errors::response::{Quota, RateLimits};
use twitter_errors::{ErrorCode, ErrorObject, Format, ProblemType, ProblemUri, Term};

/// How the mock API behaves.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Requests allowed per rate-limit window.
    pub limit: u64,
    /// The window's length in seconds.
    pub window: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            limit: 15,
            window: 900,
        }
    }
}

/// The API's state: the over-capacity switch and the rate limiter.
struct Mock {
    config: Config,
    over_capacity: AtomicBool,
    /// The current window: when it resets (UTC epoch seconds) and the
    /// requests made in it.
    window: Mutex<(u64, u64)>,
}

/// The known tweet.
const TWEET_ID: &str = "20";
const TWEET_TEXT: &str = "just setting up my twttr";

/// The application.
pub fn app(config: Config) -> Router {
    let mock = Arc::new(Mock {
        config,
        over_capacity: AtomicBool::new(false),
        window: Mutex::new((0, 0)),
    });
    let api = Router::new()
        .route("/1.1/statuses/show/{file}", get(show_v1))
        .route("/2/tweets/{id}", get(tweet_v2))
        .route("/2/tweets", get(tweets_v2))
        .fallback(|| async { ErrorResponse::code(ErrorCode::PageDoesNotExist) })
        .layer(middleware::from_fn_with_state(mock.clone(), guard));
    Router::new()
        .route("/mock/over-capacity", post(over_capacity))
        .with_state(mock)
        .merge(api)
        .layer(middleware::from_fn(negotiate_errors))
}

/// Serves the application on a bound listener.
pub async fn serve(listener: TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, app(config)).await
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Over capacity, then the rate limit; every answer carries the window's
/// rate-limit headers.
async fn guard(State(mock): State<Arc<Mock>>, request: Request, next: Next) -> Response {
    if mock.over_capacity.load(Ordering::Relaxed) {
        return ErrorResponse::code(ErrorCode::OverCapacity).into_response();
    }
    let now = now();
    let (reset, used) = {
        let mut window = mock.window.lock().unwrap_or_else(|e| e.into_inner());
        if now >= window.0 {
            *window = (now + mock.config.window, 0);
        }
        window.1 += 1;
        *window
    };
    let limits = RateLimits {
        standard: Quota {
            limit: Some(mock.config.limit),
            remaining: Some(mock.config.limit.saturating_sub(used)),
            reset: Some(reset),
        },
        ..RateLimits::default()
    };
    if used > mock.config.limit {
        return ErrorResponse::code(ErrorCode::RateLimitExceeded)
            .with_rate_limits(&limits)
            .into_response();
    }
    let mut response = next.run(request).await;
    let headers = ErrorResponse::code(ErrorCode::RateLimitExceeded)
        .with_rate_limits(&limits)
        .headers()
        .clone();
    response.headers_mut().extend(headers);
    response
}

/// `POST /mock/over-capacity?enabled=true|false`.
async fn over_capacity(
    State(mock): State<Arc<Mock>>,
    Query(query): Query<HashMap<String, String>>,
) -> StatusCode {
    let enabled = query.get("enabled").is_none_or(|v| v != "false");
    mock.over_capacity.store(enabled, Ordering::Relaxed);
    StatusCode::NO_CONTENT
}

/// `GET /1.1/statuses/show/{id}.{json,xml}`.
async fn show_v1(Path(file): Path<String>, asked: Requested) -> Result<Response, ErrorResponse> {
    let id = file.split_once('.').map_or(file.as_str(), |(id, _)| id);
    if id != TWEET_ID {
        return Err(ErrorResponse::code(ErrorCode::StatusNotFound));
    }
    let (content_type, body) = match asked.format() {
        Format::Xml => (
            "application/xml; charset=utf-8",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<status>\n  <id>{TWEET_ID}</id>\n  <text>{TWEET_TEXT}</text>\n</status>"
            ),
        ),
        Format::Jsonp => (
            "application/javascript; charset=utf-8",
            format!(
                "/**/{}({{\"id_str\":\"{TWEET_ID}\",\"text\":\"{TWEET_TEXT}\"}});",
                asked.callback().map_or("", |c| c.as_str())
            ),
        ),
        _ => (
            "application/json; charset=utf-8",
            format!("{{\"id_str\":\"{TWEET_ID}\",\"text\":\"{TWEET_TEXT}\"}}"),
        ),
    };
    Ok(([(header::CONTENT_TYPE, content_type)], body).into_response())
}

/// `GET /2/tweets/{id}`.
async fn tweet_v2(Path(id): Path<String>) -> Result<Response, ErrorResponse> {
    tweets(&[id.as_str()], "id")
}

/// `GET /2/tweets?ids=...`.
async fn tweets_v2(
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ErrorResponse> {
    let ids = query.get("ids").map_or("", String::as_str);
    if ids.is_empty() {
        return Err(invalid("The `ids` query parameter can not be empty"));
    }
    tweets(&ids.split(',').collect::<Vec<_>>(), "ids")
}

/// The tweets found, with a `resource-not-found` item in `errors` for each
/// one that is not: a partial result, served with 200.
fn tweets(ids: &[&str], parameter: &str) -> Result<Response, ErrorResponse> {
    if let Some(bad) = ids.iter().find(|id| id.parse::<u64>().is_err()) {
        return Err(invalid(&format!(
            "The `{parameter}` query parameter value [{bad}] is not valid"
        )));
    }
    let mut body = problem::Body::<twitter_errors::Twitter>::new(None, Vec::new());
    let found: Vec<&&str> = ids.iter().filter(|id| **id == TWEET_ID).collect();
    for id in ids.iter().filter(|id| **id != TWEET_ID) {
        let mut object = ErrorObject::new(
            format!("Could not find tweet with {parameter}: [{id}]."),
            ProblemType::ResourceNotFound.info().title.to_owned(),
            ProblemUri::from(ProblemType::ResourceNotFound),
        );
        object.value = Some(members::string(id));
        object.resource_type = Some(Term::new("tweet"));
        object.parameter = Some(parameter.to_owned());
        object.resource_id = Some((*id).to_owned());
        body.errors
            .push(Problem::from_object(&object).map_err(|_| server_error())?);
    }
    let tweet = serde_json::json!({ "id": TWEET_ID, "text": TWEET_TEXT });
    let data = match (parameter, found.is_empty()) {
        ("id", false) => Some(tweet),
        ("id", true) => None,
        (_, false) => Some(serde_json::Value::Array(vec![tweet; found.len()])),
        (_, true) => None,
    };
    let bytes = match data {
        // Everything found: a plain result.
        Some(data) if body.errors.is_empty() => {
            serde_json::json!({ "data": data }).to_string().into_bytes()
        }
        Some(data) => {
            let data = serde_json::value::to_raw_value(&data).map_err(|_| server_error())?;
            body.result.push("data", Cow::Owned(data));
            body.encode().map_err(|_| server_error())?
        }
        None => body.encode().map_err(|_| server_error())?,
    };
    Ok((
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        bytes,
    )
        .into_response())
}

/// A 400 `invalid-request` problem with one error item.
fn invalid(message: &str) -> ErrorResponse {
    let detail = "One or more parameters to your request was invalid.";
    let mut item = Problem::new();
    item.push("message", Cow::Owned(members::string(message)));
    let e = ErrorResponse::problem_type(ProblemType::InvalidRequest, detail);
    let mut body = e
        .problem_body()
        .cloned()
        .unwrap_or_else(|| problem::Body::new(None, Vec::new()));
    body.errors.push(item);
    e.with_problem(body)
}

fn server_error() -> ErrorResponse {
    ErrorResponse::code(ErrorCode::InternalError)
}

#[tokio::main]
async fn main() {
    let mut addr: SocketAddr = ([127, 0, 0, 1], 8080).into();
    let mut config = Config::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let parsed = match (arg.as_str(), value.as_deref()) {
            ("--addr", Some(v)) => v.parse().map(|a| addr = a).is_ok(),
            ("--limit", Some(v)) => v.parse().map(|n| config.limit = n).is_ok(),
            ("--window", Some(v)) => v.parse().map(|n| config.window = n).is_ok(),
            _ => false,
        };
        if !parsed {
            eprintln!("usage: mock_api [--addr HOST:PORT] [--limit N] [--window SECONDS]");
            std::process::exit(2);
        }
    }
    let listener = match TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("mock_api: cannot listen on {addr}: {e}");
            std::process::exit(1);
        }
    };
    let local = listener.local_addr().unwrap_or(addr);
    println!("mock API listening on http://{local}");
    if let Err(e) = serve(listener, config).await {
        eprintln!("mock_api: {e}");
        std::process::exit(1);
    }
}
