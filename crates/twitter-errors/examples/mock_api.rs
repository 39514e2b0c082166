//! A tiny Twitter-like API that serves real error responses in every
//! format the API used, built on the `axum` integration.
//!
//! ```text
//! cargo run -p twitter-errors --example mock_api --features axum,xml -- --addr 127.0.0.1:8080
//! ```
//!
//! Options: `--addr HOST:PORT` (default `127.0.0.1:8080`), `--limit N`
//! requests per rate-limit window (default 15), `--window SECONDS` (default
//! 900), `--problem-host x|twitter|PREFIX`: the host v2 problem types are
//! written under (default `x`, `https://api.x.com/2/problems/`, where live
//! responses moved in 2026; `twitter` is `https://api.twitter.com/2/problems/`,
//! which they used before and which some clients still require).
//!
//! | Request | Answer |
//! |---|---|
//! | `GET /1.1/statuses/show.json?id=20` (or `show.xml`, `?callback=f`) | the tweet |
//! | `GET /1.1/statuses/show/20.json` (or `.xml`, `?callback=f`) | the tweet |
//! | `GET /1.1/statuses/show.json?id=1`, `/1.1/statuses/show/1.json` | 144 / 404 No status found with that ID |
//! | `GET /1.1/statuses/show.json` | 38 / 400 id parameter is missing |
//! | `GET /2/tweets/20` | the tweet, with `edit_history_tweet_ids` |
//! | `GET /2/tweets/1`, `GET /2/tweets?ids=20,1` | 200 with `errors`: a partial result |
//! | `GET /2/tweets/abc` | 400 `invalid-request` problem, its item naming the parameter in `parameters` |
//! | `GET /2/users/by/username/jack` | the user; another name: 200 with a `resource-not-found` item; a name that cannot be one: 400 `invalid-request` |
//! | `GET /2/users/me` | the user, with an `Authorization` header; without: 401 `about:blank` |
//! | `GET /2/tweets/search/stream` | a stream: two tweets and a keep-alive, then, once `POST /mock/disconnect` is called, an `operational-disconnect` problem, and the end |
//! | `GET /1.1/statuses/filter.json?disconnect=N` | a v1.1 stream: two tweets and a keep-alive, then, once `POST /mock/disconnect` is called, `{"disconnect":{"code":N,...}}` (default 4, a stall), and the end |
//! | any other path | 34 / 404; on `/2/`, as the live API answers: 404 with an empty body, no Content-Type and no rate-limit headers |
//! | more than `--limit` requests in a window | 88 / 429 (on `/2/`: a 429 problem) with `x-rate-limit-*` |
//! | `POST /mock/over-capacity?enabled=true` | then every request: 130 / 503 (on `/2/`: a 503 problem) |
//! | `POST /mock/faults?status=S&count=N&...` | the next N requests fail with S (below) |
//! | `DELETE /mock/faults` | no more scripted faults |
//! | `POST /mock/disconnect` | every open stream sends its disconnect and ends |
//!
//! Every API answer, faults included, carries the `x-rate-limit-*` headers
//! of its window, and on `/2/` an `api-version`. Errors come in the format
//! the request asked for: the path's extension, `callback`, `Accept`, and
//! status 200 with `suppress_response_codes`.
//!
//! Scripted faults (`POST /mock/faults`) queue up, each for `count`
//! requests (default 1), and take these parameters:
//!
//! - `status`: 503 (130 Over capacity), 500 (131 Internal error), 429 (88
//!   Rate limit exceeded), or any other status (the generic problem of that
//!   status); not needed with `billing`;
//! - `reset_in=T`: the window that ran out (below) resets T seconds from
//!   now, and its `remaining` is 0;
//! - `window`: `standard` (default, `x-rate-limit-*`), `user_24h`
//!   (`x-user-limit-24hour-*`) or `app_24h` (`x-app-limit-24hour-*`);
//! - `retry_after=S`: a `Retry-After` of S seconds; `retry_after_date=S`:
//!   a `Retry-After` HTTP date S seconds from now;
//! - `cap=Monthly` or `cap=Daily`: with 429, a v2 `usage-capped` problem
//!   for that period, with the `account_id` and `product_name` live bodies
//!   carry, instead of 88;
//! - `billing`: a pay-per-use billing failure as live responses sent it,
//!   with rate-limit headers that are not exhausted: `credits` (402, the
//!   `credits` problem of May to July 2026, with a numeric `account_id`),
//!   `credits-depleted` (402, August 2026) or `spend-cap` (403,
//!   `spend-cap-reached`);
//! - `endless=true`: the error body never ends.
//!
//! Any other parameter is refused with 400, as is a value it cannot use.

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use futures_util::StreamExt as _;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use twitter_errors::codec::problem::{self, Problem};
use twitter_errors::integrations::axum::{negotiate_errors, Requested};
use twitter_errors::integrations::http::ErrorResponse;
use twitter_errors::model::members;
use twitter_errors::response::{Quota, RateLimits, RetryAfter};
use twitter_errors::{
    Code, ErrorCode, ErrorObject, Format, ProblemType, ProblemUri, Term, V1Error,
};

/// What time it is for the mock, in UTC epoch seconds.
pub type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// How the mock API behaves.
#[derive(Clone)]
pub struct Config {
    /// Requests allowed per rate-limit window.
    pub limit: u64,
    /// The window's length in seconds.
    pub window: u64,
    /// The mock's clock, for its windows and resets (the system's by
    /// default).
    pub clock: Clock,
    /// The prefix v2 problem types are written under.
    pub problem_host: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            limit: 15,
            window: 900,
            clock: Arc::new(system_now),
            problem_host: X_HOST.to_owned(),
        }
    }
}

/// The problem host of live responses since 2026.
pub const X_HOST: &str = "https://api.x.com/2/problems/";
/// The problem host of live responses before 2026.
pub const TWITTER_HOST: &str = "https://api.twitter.com/2/problems/";

/// The `api-version` the mock's v2 answers carry: what live answers
/// carried in June 2026.
const API_VERSION: &str = "2.165";

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("limit", &self.limit)
            .field("window", &self.window)
            .field("problem_host", &self.problem_host)
            .finish_non_exhaustive()
    }
}

fn system_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A scripted failure, for the next `count` requests.
#[derive(Clone, Debug, Default)]
struct Fault {
    status: u16,
    count: u32,
    reset_in: Option<u64>,
    window: String,
    retry_after: Option<u64>,
    retry_after_date: Option<u64>,
    cap: Option<String>,
    billing: Option<String>,
    endless: bool,
}

/// Marks an answer that carries no rate-limit headers (an unknown v2
/// path).
#[derive(Clone, Copy)]
struct Bare;

/// The API's state.
struct Mock {
    config: Config,
    over_capacity: AtomicBool,
    /// The current window: when it resets (UTC epoch seconds) and the
    /// requests made in it.
    window: Mutex<(u64, u64)>,
    faults: Mutex<VecDeque<Fault>>,
    /// Bumped by `POST /mock/disconnect`; every open stream watches it.
    disconnect: watch::Sender<u64>,
}

/// The known tweet.
const TWEET_ID: &str = "20";
const TWEET_TEXT: &str = "just setting up my twttr";
const CREATED_AT: &str = "Tue Mar 21 20:50:14 +0000 2006";

/// The application.
pub fn app(config: Config) -> Router {
    let mock = Arc::new(Mock {
        config,
        over_capacity: AtomicBool::new(false),
        window: Mutex::new((0, 0)),
        faults: Mutex::new(VecDeque::new()),
        disconnect: watch::Sender::new(0),
    });
    let api = Router::new()
        .route("/1.1/statuses/show/{file}", get(show_v1))
        .route("/1.1/statuses/{file}", get(statuses_v1))
        .route("/2/tweets/search/stream", get(stream_v2))
        .route("/2/tweets/{id}", get(tweet_v2))
        .route("/2/tweets", get(tweets_v2))
        .route("/2/users/by/username/{name}", get(user_by_name))
        .route("/2/users/me", get(me))
        .fallback(unknown_path)
        .with_state(mock.clone())
        .layer(middleware::from_fn_with_state(mock.clone(), guard));
    Router::new()
        .route("/mock/over-capacity", post(over_capacity))
        .route("/mock/faults", post(add_fault).delete(clear_faults))
        .route("/mock/disconnect", post(disconnect))
        .with_state(mock)
        .merge(api)
        .layer(middleware::from_fn(negotiate_errors))
}

/// Serves the application on a bound listener.
pub async fn serve(listener: TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, app(config)).await
}

/// Scripted faults, then over capacity, then the rate limit; every answer
/// carries the window's rate-limit headers.
async fn guard(State(mock): State<Arc<Mock>>, request: Request, next: Next) -> Response {
    let now = (mock.config.clock)();
    let (reset, used) = {
        let mut window = mock.window.lock().unwrap_or_else(|e| e.into_inner());
        if now >= window.0 {
            *window = (now.saturating_add(mock.config.window), 0);
        }
        window.1 += 1;
        *window
    };
    let mut limits = RateLimits {
        standard: Quota {
            limit: Some(mock.config.limit),
            remaining: Some(mock.config.limit.saturating_sub(used)),
            reset: Some(reset),
        },
        ..RateLimits::default()
    };
    let fault = {
        let mut faults = mock.faults.lock().unwrap_or_else(|e| e.into_inner());
        let fault = faults.front_mut().map(|f| {
            f.count -= 1;
            f.clone()
        });
        if faults.front().is_some_and(|f| f.count == 0) {
            faults.pop_front();
        }
        fault
    };
    let v2 = request.uri().path().starts_with("/2/");
    let mut response = if let Some(fault) = fault {
        fail(&fault, now, &mut limits, &mock.config.problem_host)
    } else if mock.over_capacity.load(Ordering::Relaxed) {
        ErrorResponse::code(ErrorCode::OverCapacity).into_response()
    } else if used > mock.config.limit {
        ErrorResponse::code(ErrorCode::RateLimitExceeded).into_response()
    } else {
        next.run(request).await
    };
    if response.extensions().get::<Bare>().is_some() {
        return response;
    }
    let headers = ErrorResponse::code(ErrorCode::RateLimitExceeded)
        .with_rate_limits(&limits)
        .headers()
        .clone();
    response.headers_mut().extend(headers);
    if v2 {
        response
            .headers_mut()
            .insert("api-version", HeaderValue::from_static(API_VERSION));
    }
    response
}

/// A path the API does not have: 34 on v1.1; on v2 what the live API
/// answers, a 404 with nothing in it.
async fn unknown_path(request: Request) -> Response {
    if !request.uri().path().starts_with("/2/") {
        return ErrorResponse::code(ErrorCode::PageDoesNotExist).into_response();
    }
    let mut response = StatusCode::NOT_FOUND.into_response();
    response.extensions_mut().insert(Bare);
    response
}

/// The answer to a request that a scripted fault fails.
fn fail(fault: &Fault, now: u64, limits: &mut RateLimits, host: &str) -> Response {
    if let Some(reset_in) = fault.reset_in {
        let (quota, limit) = match fault.window.as_str() {
            "user_24h" => (&mut limits.user_24h, 17),
            "app_24h" => (&mut limits.app_24h, 500),
            _ => (&mut limits.standard, 15),
        };
        quota.limit.get_or_insert(limit);
        quota.remaining = Some(0);
        quota.reset = Some(now.saturating_add(reset_in));
    }
    if let Some(s) = fault.retry_after {
        limits.retry_after = Some(RetryAfter::Seconds(s));
    }
    let mut response = if fault.endless {
        endless(fault.status)
    } else {
        let error = match (fault.status, &fault.cap) {
            _ if fault.billing.is_some() => billing(fault.billing.as_deref().unwrap_or_default()),
            (503, _) => ErrorResponse::code(ErrorCode::OverCapacity),
            (500, _) => ErrorResponse::code(ErrorCode::InternalError),
            (429, Some(period)) => usage_capped(period, host),
            (429, None) => ErrorResponse::code(ErrorCode::RateLimitExceeded),
            (status, _) => ErrorResponse::errors(status, Vec::new()),
        };
        error.into_response()
    };
    // An HTTP date has four digits of year: a date past 9999 is written as
    // the last second of 9999 (httpdate panics past it).
    const LAST_HTTP_DATE: u64 = 253_402_300_799;
    let date = fault.retry_after_date.and_then(|s| {
        UNIX_EPOCH.checked_add(Duration::from_secs(
            now.saturating_add(s).min(LAST_HTTP_DATE),
        ))
    });
    if let Some(date) = date {
        if let Ok(v) = HeaderValue::from_str(&httpdate::fmt_http_date(date)) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    response
}

/// The account id of the mock's developer account.
const ACCOUNT_ID: i64 = 2_244_994_945;

/// A pay-per-use billing failure, in the form live responses had: the
/// `credits` problem under the old host (a numeric `account_id`), then the
/// `credits-depleted` and `spend-cap-reached` problems under the new one.
fn billing(kind: &str) -> ErrorResponse {
    let mut p = Problem::new();
    let status = match kind {
        "credits" => {
            p.push("account_id", Cow::Owned(members::integer(ACCOUNT_ID)));
            p.push("title", Cow::Owned(members::string("CreditsDepleted")));
            p.push(
                "detail",
                Cow::Owned(members::string(&format!(
                    "Your enrolled account [{ACCOUNT_ID}] does not have any credits to fulfill this request."
                ))),
            );
            p.push(
                "type",
                Cow::Owned(members::string(&format!("{TWITTER_HOST}credits"))),
            );
            402
        }
        "credits-depleted" => {
            p.push("detail", Cow::Owned(members::string("credits depleted")));
            p.push("status", Cow::Owned(members::integer(402)));
            p.push("title", Cow::Owned(members::string("Payment Required")));
            p.push(
                "type",
                Cow::Owned(members::string(&format!("{X_HOST}credits-depleted"))),
            );
            402
        }
        _ => {
            p.push("title", Cow::Owned(members::string("Forbidden")));
            p.push(
                "detail",
                Cow::Owned(members::string("Your monthly spend cap has been reached.")),
            );
            p.push(
                "type",
                Cow::Owned(members::string(&format!("{X_HOST}spend-cap-reached"))),
            );
            403
        }
    };
    ErrorResponse::problem(status, problem::ProblemBody::new(Some(p), Vec::new()))
}

/// A v2 `usage-capped` problem for `period`, with 429.
fn usage_capped(period: &str, host: &str) -> ErrorResponse {
    let mut p = Problem::new();
    p.push("account_id", Cow::Owned(members::integer(ACCOUNT_ID)));
    p.push(
        "product_name",
        Cow::Owned(members::string("standard-basic")),
    );
    p.push("title", Cow::Owned(members::string("UsageCapExceeded")));
    p.push("period", Cow::Owned(members::string(period)));
    p.push("scope", Cow::Owned(members::string("Product")));
    p.push(
        "detail",
        Cow::Owned(members::string(&format!(
            "Usage cap exceeded: {period} product cap"
        ))),
    );
    p.push(
        "type",
        Cow::Owned(members::string(&ProblemType::UsageCapped.uri_on(host))),
    );
    ErrorResponse::problem(429, problem::ProblemBody::new(Some(p), Vec::new()))
}

/// An error response whose body never ends: `{"errors":[` and then 130
/// over and over.
fn endless(status: u16) -> Response {
    let start = Bytes::from_static(b"{\"errors\":[");
    let item = Bytes::from(r#"{"message":"Over capacity.","code":130},"#.repeat(256));
    let chunks = futures_util::stream::iter(std::iter::once(start).chain(std::iter::repeat(item)))
        .map(Ok::<_, Infallible>);
    let mut response = Body::from_stream(chunks).into_response();
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
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

/// `POST /mock/faults?status=...`.
async fn add_fault(
    State(mock): State<Arc<Mock>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<StatusCode, (StatusCode, String)> {
    let number = |name: &str| -> Result<Option<u64>, (StatusCode, String)> {
        query
            .get(name)
            .map(|v| v.parse::<u64>())
            .transpose()
            .map_err(|_| (StatusCode::BAD_REQUEST, format!("`{name}` is not a number")))
    };
    const KNOWN: &[&str] = &[
        "status",
        "count",
        "reset_in",
        "window",
        "retry_after",
        "retry_after_date",
        "cap",
        "billing",
        "endless",
    ];
    if let Some(unknown) = query.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err((
            StatusCode::BAD_REQUEST,
            format!(
                "unknown parameter {unknown:?}; the parameters are {}",
                KNOWN.join(", ")
            ),
        ));
    }
    let billing = query.get("billing").cloned();
    let billing_status = match billing.as_deref() {
        None => None,
        Some("credits" | "credits-depleted") => Some(402),
        Some("spend-cap") => Some(403),
        Some(_) => {
            return Err((
                StatusCode::BAD_REQUEST,
                "`billing` is credits, credits-depleted or spend-cap".into(),
            ))
        }
    };
    if let Some(cap) = query
        .get("cap")
        .filter(|c| !["Daily", "Monthly"].contains(&c.as_str()))
    {
        return Err((
            StatusCode::BAD_REQUEST,
            format!("`cap` is Daily or Monthly, not {cap:?}"),
        ));
    }
    let status = number("status")?
        .and_then(|s| u16::try_from(s).ok())
        .filter(|s| (400..=599).contains(s))
        .or(billing_status)
        .ok_or((
            StatusCode::BAD_REQUEST,
            "`status` from 400 to 599 is needed".into(),
        ))?;
    let count = number("count")?.unwrap_or(1).clamp(1, u64::from(u32::MAX));
    let window = query.get("window").cloned().unwrap_or_default();
    if !["", "standard", "user_24h", "app_24h"].contains(&window.as_str()) {
        return Err((StatusCode::BAD_REQUEST, "unknown `window`".into()));
    }
    let fault = Fault {
        status,
        count: u32::try_from(count).unwrap_or(u32::MAX),
        reset_in: number("reset_in")?,
        window,
        retry_after: number("retry_after")?,
        retry_after_date: number("retry_after_date")?,
        cap: query.get("cap").cloned(),
        billing,
        endless: query.get("endless").is_some_and(|v| v != "false"),
    };
    mock.faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push_back(fault);
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /mock/faults`.
async fn clear_faults(State(mock): State<Arc<Mock>>) -> StatusCode {
    mock.faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    StatusCode::NO_CONTENT
}

/// `POST /mock/disconnect`.
async fn disconnect(State(mock): State<Arc<Mock>>) -> StatusCode {
    mock.disconnect.send_modify(|n| *n += 1);
    StatusCode::NO_CONTENT
}

/// The tweet as v1.1 JSON.
fn tweet_json() -> String {
    format!(
        concat!(
            r#"{{"created_at":"{created}","id":{id},"id_str":"{id}","text":"{text}","truncated":false,"#,
            r#""entities":{{"hashtags":[],"symbols":[],"user_mentions":[],"urls":[]}},"#,
            r#""user":{{"id":12,"id_str":"12","name":"jack","screen_name":"jack"}},"#,
            r#""retweet_count":0,"favorite_count":0,"favorited":false,"retweeted":false,"lang":"en"}}"#
        ),
        created = CREATED_AT,
        id = TWEET_ID,
        text = TWEET_TEXT,
    )
}

/// The tweet in the format asked for.
fn tweet_v1(asked: &Requested) -> Response {
    let (content_type, body) = match asked.format() {
        Format::Xml => (
            "application/xml; charset=utf-8",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<status>\n  <created_at>{CREATED_AT}</created_at>\n  <id>{TWEET_ID}</id>\n  <text>{TWEET_TEXT}</text>\n  <user>\n    <id>12</id>\n    <name>jack</name>\n    <screen_name>jack</screen_name>\n  </user>\n</status>"
            ),
        ),
        Format::Jsonp => (
            "application/javascript; charset=utf-8",
            format!(
                "/**/{}({});",
                asked.callback().map_or("", |c| c.as_str()),
                tweet_json()
            ),
        ),
        _ => ("application/json; charset=utf-8", tweet_json()),
    };
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// `GET /1.1/statuses/show/{id}.{json,xml}`.
async fn show_v1(Path(file): Path<String>, asked: Requested) -> Result<Response, ErrorResponse> {
    let id = file.split_once('.').map_or(file.as_str(), |(id, _)| id);
    if id != TWEET_ID {
        return Err(ErrorResponse::code(ErrorCode::StatusNotFound));
    }
    Ok(tweet_v1(&asked))
}

/// `GET /1.1/statuses/show.{json,xml}?id=N` and
/// `GET /1.1/statuses/filter.json`.
async fn statuses_v1(
    State(mock): State<Arc<Mock>>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    asked: Requested,
) -> Result<Response, ErrorResponse> {
    let name = file.split_once('.').map_or(file.as_str(), |(name, _)| name);
    match name {
        "show" => {}
        "filter" => {
            let code = query
                .get("disconnect")
                .and_then(|c| c.parse::<u8>().ok())
                .unwrap_or(4);
            let notice = format!(
                r#"{{"disconnect":{{"code":{code},"stream_name":"jack-statuses","reason":"{}"}}}}"#,
                if code == 4 { "Stall" } else { "Disconnected" }
            );
            return Ok(stream(&mock, tweet_json(), notice));
        }
        _ => return Err(ErrorResponse::code(ErrorCode::PageDoesNotExist)),
    }
    match query.get("id").map(String::as_str) {
        None | Some("") => Err(ErrorResponse::errors(
            400,
            vec![V1Error::new(
                Code::from(ErrorCode::ParameterMissing),
                "id parameter is missing.",
            )],
        )),
        Some(TWEET_ID) => Ok(tweet_v1(&asked)),
        Some(_) => Err(ErrorResponse::code(ErrorCode::StatusNotFound)),
    }
}

/// The v2 tweet object, with its default fields.
fn tweet_v2_json() -> serde_json::Value {
    serde_json::json!({
        "edit_history_tweet_ids": [TWEET_ID],
        "id": TWEET_ID,
        "text": TWEET_TEXT,
    })
}

/// `GET /2/tweets/search/stream`.
async fn stream_v2(State(mock): State<Arc<Mock>>) -> Response {
    let line = serde_json::json!({
        "data": tweet_v2_json(),
        "matching_rules": [{ "id": "1", "tag": "twttr" }],
    })
    .to_string();
    let problem = format!(
        concat!(
            r#"{{"errors":[{{"title":"operational-disconnect","disconnect_type":"UpstreamOperationalDisconnect","#,
            r#""detail":"This stream has been disconnected upstream for operational reasons.","#,
            r#""type":"{}"}}]}}"#
        ),
        ProblemType::OperationalDisconnect.uri_on(&mock.config.problem_host)
    );
    stream(&mock, line, problem)
}

/// A stream of `message` twice and a keep-alive, then, once
/// `POST /mock/disconnect` is called, `last`; each line ends with CR LF.
fn stream(mock: &Mock, message: String, last: String) -> Response {
    let mut disconnect = mock.disconnect.subscribe();
    let (tx, rx) = mpsc::channel::<Bytes>(8);
    tokio::spawn(async move {
        for line in [message.as_str(), message.as_str(), ""] {
            if tx.send(Bytes::from(format!("{line}\r\n"))).await.is_err() {
                return;
            }
        }
        tokio::select! {
            _ = disconnect.changed() => {
                let _ = tx.send(Bytes::from(format!("{last}\r\n"))).await;
            }
            () = tx.closed() => {}
        }
    });
    let lines = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|b| (Ok::<_, Infallible>(b), rx))
    });
    let mut response = Body::from_stream(lines).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

/// `GET /2/tweets/{id}`.
async fn tweet_v2(
    State(mock): State<Arc<Mock>>,
    Path(id): Path<String>,
) -> Result<Response, ErrorResponse> {
    tweets(&[id.as_str()], "id", &mock.config.problem_host)
}

/// `GET /2/tweets?ids=...`.
async fn tweets_v2(
    State(mock): State<Arc<Mock>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ErrorResponse> {
    let host = &mock.config.problem_host;
    let ids = query.get("ids").map_or("", String::as_str);
    if ids.is_empty() {
        return Err(invalid(
            "The `ids` query parameter can not be empty",
            ("ids", ""),
            host,
        ));
    }
    tweets(&ids.split(',').collect::<Vec<_>>(), "ids", host)
}

/// A `resource-not-found` item for `id`, of `resource` (`tweet`, `user`),
/// asked for by `parameter`.
fn not_found(
    resource: &str,
    parameter: &str,
    id: &str,
    host: &str,
) -> Result<Problem<'static>, ErrorResponse> {
    let mut object = ErrorObject::new(
        format!("Could not find {resource} with {parameter}: [{id}]."),
        ProblemType::ResourceNotFound.info().title.to_owned(),
        ProblemUri::new(ProblemType::ResourceNotFound.uri_on(host)),
    );
    object.value = Some(members::string(id));
    object.resource_type = Some(Term::new(resource));
    object.parameter = Some(parameter.to_owned());
    object.resource_id = Some(id.to_owned());
    Problem::from_object(&object).map_err(|_| server_error())
}

/// The tweets found, with a `resource-not-found` item in `errors` for each
/// one that is not: a partial result, served with 200.
fn tweets(ids: &[&str], parameter: &str, host: &str) -> Result<Response, ErrorResponse> {
    if let Some(bad) = ids.iter().find(|id| id.parse::<u64>().is_err()) {
        return Err(invalid(
            &format!("The `{parameter}` query parameter value [{bad}] is not valid"),
            (parameter, bad),
            host,
        ));
    }
    let mut body = problem::ProblemBody::<twitter_errors::Twitter>::new(None, Vec::new());
    let found: Vec<&&str> = ids.iter().filter(|id| **id == TWEET_ID).collect();
    for id in ids.iter().filter(|id| **id != TWEET_ID) {
        body.errors.push(not_found("tweet", parameter, id, host)?);
    }
    let tweet = tweet_v2_json();
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

/// A 400 `invalid-request` problem with one error item, which names the
/// failing parameter and its value in `parameters`, as live items do.
fn invalid(message: &str, (parameter, value): (&str, &str), host: &str) -> ErrorResponse {
    let detail = "One or more parameters to your request was invalid.";
    let mut item = Problem::new();
    let parameters = serde_json::json!({ parameter: [value] });
    if let Ok(raw) = serde_json::value::to_raw_value(&parameters) {
        item.push("parameters", Cow::Owned(raw));
    }
    item.push("message", Cow::Owned(members::string(message)));
    let top = Problem::from_type_on(ProblemType::InvalidRequest, detail, host);
    ErrorResponse::problem(400, problem::ProblemBody::new(Some(top), vec![item]))
}

/// The known user.
fn user_json() -> serde_json::Value {
    serde_json::json!({ "id": "12", "name": "jack", "username": "jack" })
}

/// `GET /2/users/by/username/{name}`: the user, a `resource-not-found`
/// item for a name no one has, or 400 for one that cannot be a username.
async fn user_by_name(
    State(mock): State<Arc<Mock>>,
    Path(name): Path<String>,
) -> Result<Response, ErrorResponse> {
    let host = &mock.config.problem_host;
    let valid = !name.is_empty()
        && name.len() <= 15
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !valid {
        return Err(invalid(
            &format!("The `username` query parameter value [{name}] does not match ^[A-Za-z0-9_]{{1,15}}$"),
            ("username", &name),
            host,
        ));
    }
    if name.eq_ignore_ascii_case("jack") {
        let body = serde_json::json!({ "data": user_json() }).to_string();
        return Ok((
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response());
    }
    let body = problem::ProblemBody::<twitter_errors::Twitter>::new(
        None,
        vec![not_found("user", "username", &name, host)?],
    );
    let bytes = body.encode().map_err(|_| server_error())?;
    Ok((
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        bytes,
    )
        .into_response())
}

/// `GET /2/users/me`: the user, for a request with credentials; without,
/// the 401 `about:blank` problem the live API answers.
async fn me(request: Request) -> Result<Response, ErrorResponse> {
    if !request.headers().contains_key(header::AUTHORIZATION) {
        return Err(ErrorResponse::errors(401, Vec::new()));
    }
    let body = serde_json::json!({ "data": user_json() }).to_string();
    Ok((
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response())
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
            ("--problem-host", Some("x")) => {
                config.problem_host = X_HOST.to_owned();
                true
            }
            ("--problem-host", Some("twitter")) => {
                config.problem_host = TWITTER_HOST.to_owned();
                true
            }
            ("--problem-host", Some(v)) if v.starts_with("https://") && v.ends_with('/') => {
                config.problem_host = v.to_owned();
                true
            }
            _ => false,
        };
        if !parsed {
            eprintln!("usage: mock_api [--addr HOST:PORT] [--limit N] [--window SECONDS] [--problem-host x|twitter|PREFIX]");
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
