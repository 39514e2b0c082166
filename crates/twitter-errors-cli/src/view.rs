//! What `decode` prints: views of the runtime's values, serialized with
//! serde's derive (a cost of this binary alone; the runtime crate has no
//! derive).

use std::borrow::Cow;

use serde::Serialize;
use twitter_errors::catalog::Window;
use twitter_errors::codec::json::Shape;
use twitter_errors::codec::{json, problem, xml, Body};
use twitter_errors::response::{ApiError, Limit, Outcome, Quota, RetryAfter, Wait};
use twitter_errors::{Members, Problem, V1Error};

/// A decoded body.
#[derive(Serialize)]
pub struct BodyView<'a> {
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    callback: Option<&'a str>,
    #[serde(flatten)]
    shape: ShapeView<'a>,
    /// Top-level members the shape does not use, or the root element's
    /// attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    extra: Option<&'a Members<'a>>,
}

#[derive(Serialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
enum ShapeView<'a> {
    Errors {
        errors: Vec<V1View<'a>>,
    },
    Text {
        text: &'a str,
    },
    Legacy {
        error: &'a str,
        request: Option<&'a str>,
    },
    Hash {
        error: &'a str,
        request: Option<&'a str>,
    },
    Media {
        media_error: &'a Members<'a>,
        processing_info: &'a Members<'a>,
    },
    Disconnect {
        disconnect: &'a Members<'a>,
    },
    Problem {
        problem: ProblemView<'a>,
        errors: Vec<ProblemView<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        result: Option<&'a Members<'a>>,
    },
    /// A v2 body of only `errors` (a partial result when served with 200).
    #[serde(rename = "errors")]
    Items {
        errors: Vec<ProblemView<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        result: Option<&'a Members<'a>>,
    },
    Other,
}

/// A v1.1 error, with what the catalog says of its code.
#[derive(Serialize)]
struct V1View<'a> {
    code: u32,
    name: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    catalog_message: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Option<u16>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry: Option<&'static str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    extra: Option<&'a Members<'a>>,
}

/// A v2 error object, with what the catalog says of its type.
#[derive(Serialize)]
struct ProblemView<'a> {
    r#type: Option<Cow<'a, str>>,
    problem_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry: Option<&'static str>,
    /// Whether the members fit the catalog's `ErrorObject`.
    typed: bool,
    members: &'a Members<'a>,
}

fn some<'a>(m: &'a Members<'a>) -> Option<&'a Members<'a>> {
    (!m.is_empty()).then_some(m)
}

impl<'a> V1View<'a> {
    fn new(e: &'a V1Error<'a>) -> Self {
        let known = e.code.known();
        V1View {
            code: e.code.code(),
            name: known.map(|k| k.name()),
            catalog_message: known.map(|k| k.message()),
            status: known.map(|k| k.status().map(|s| s.as_u16())),
            retry: known.map(|k| k.retry().as_str()),
            message: &e.message,
            extra: some(&e.extra),
        }
    }
}

impl<'a> ProblemView<'a> {
    fn new(p: &'a Problem<'a>) -> Self {
        ProblemView {
            r#type: p.type_uri(),
            problem_type: p.problem_type().map(|t| t.name()),
            retry: p.problem_type().map(|t| t.retry().as_str()),
            typed: p.to_object().is_some(),
            members: p.members(),
        }
    }
}

fn json_shape<'a>(b: &'a json::JsonBody<'a>) -> ShapeView<'a> {
    match &b.shape {
        Shape::Errors(e) => ShapeView::Errors {
            errors: e.iter().map(V1View::new).collect(),
        },
        Shape::Text(t) => ShapeView::Text { text: t },
        Shape::Legacy(l) => ShapeView::Legacy {
            error: &l.error,
            request: l.request.as_deref(),
        },
        Shape::Media(m) => ShapeView::Media {
            media_error: &m.error,
            processing_info: &m.processing_info,
        },
        Shape::Disconnect(d) => ShapeView::Disconnect {
            disconnect: &d.members,
        },
        _ => ShapeView::Other,
    }
}

fn problem_shape<'a>(p: &'a problem::ProblemBody<'a>) -> ShapeView<'a> {
    let errors = p.errors.iter().map(ProblemView::new).collect();
    let result = some(&p.result);
    match &p.problem {
        Some(top) => ShapeView::Problem {
            problem: ProblemView::new(top),
            errors,
            result,
        },
        None => ShapeView::Items { errors, result },
    }
}

impl<'a> BodyView<'a> {
    pub fn new(body: &'a Body<'a>) -> Self {
        let (callback, shape, extra) = match body {
            Body::Json(b) => (None, json_shape(b), some(&b.extra)),
            Body::Jsonp(j) => (
                Some(j.callback.as_str()),
                json_shape(&j.body),
                some(&j.body.extra),
            ),
            Body::Xml(x) => {
                let shape = match &x.root {
                    xml::Root::Errors(e) => ShapeView::Errors {
                        errors: e.iter().map(V1View::new).collect(),
                    },
                    xml::Root::Hash(h) => ShapeView::Hash {
                        error: &h.error,
                        request: h.request.as_deref(),
                    },
                    _ => ShapeView::Other,
                };
                (None, shape, some(&x.attributes))
            }
            Body::Problem(p) => (None, problem_shape(p), None),
            _ => (None, ShapeView::Other, None),
        };
        BodyView {
            format: body.format().as_str(),
            callback,
            shape,
            extra,
        }
    }

    fn problem(format: &'static str, p: &'a problem::ProblemBody<'a>) -> Self {
        BodyView {
            format,
            callback: None,
            shape: problem_shape(p),
            extra: None,
        }
    }
}

/// A whole response.
#[derive(Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum OutcomeView<'a> {
    Success { status: u16 },
    Partial { status: u16, body: BodyView<'a> },
    Failure(Box<FailureView<'a>>),
    Unknown { status: u16 },
}

#[derive(Serialize)]
pub struct FailureView<'a> {
    status: u16,
    effective_status: u16,
    error: String,
    limit: Option<LimitView>,
    retry: RetryView,
    #[serde(skip_serializing_if = "Option::is_none")]
    rate_limits: Option<RateLimitsView>,
    body: Option<BodyView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    raw_body: Option<Cow<'a, str>>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum LimitView {
    UsageCap,
    Credits,
    SpendCap,
    RateLimit { window: &'static str },
}

#[derive(Serialize)]
struct RetryView {
    retry: &'static str,
    wait: Option<WaitView>,
    advice: String,
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum WaitView {
    Seconds(u64),
    Until(u64),
}

#[derive(Serialize)]
struct RateLimitsView {
    standard: QuotaView,
    app_24h: QuotaView,
    user_24h: QuotaView,
    retry_after: Option<RetryAfterView>,
}

#[derive(Serialize)]
struct QuotaView {
    limit: Option<u64>,
    remaining: Option<u64>,
    reset: Option<u64>,
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum RetryAfterView {
    Seconds(u64),
    At(u64),
}

impl From<&Quota> for QuotaView {
    fn from(q: &Quota) -> Self {
        QuotaView {
            limit: q.limit,
            remaining: q.remaining,
            reset: q.reset,
        }
    }
}

fn window(w: Window) -> &'static str {
    match w {
        Window::App24h => "app_24h",
        Window::User24h => "user_24h",
        _ => "standard",
    }
}

impl<'a> OutcomeView<'a> {
    /// A failure on its own, such as an in-band error of a stream.
    pub fn failure(e: &'a ApiError) -> Self {
        OutcomeView::Failure(Box::new(FailureView::new(e)))
    }

    pub fn new(o: &'a Outcome, status: u16) -> Self {
        match o {
            Outcome::Success => OutcomeView::Success { status },
            Outcome::Partial(p) => OutcomeView::Partial {
                status,
                body: BodyView::problem("problem", p),
            },
            Outcome::Failure(e) => OutcomeView::Failure(Box::new(FailureView::new(e))),
            _ => OutcomeView::Unknown { status },
        }
    }
}

impl<'a> FailureView<'a> {
    fn new(e: &'a ApiError) -> Self {
        let decision = e.retry();
        let r = e.rate_limits();
        FailureView {
            status: e.status().as_u16(),
            effective_status: e.effective_status().as_u16(),
            error: e.to_string(),
            limit: match e.limit() {
                Some(Limit::UsageCap) => Some(LimitView::UsageCap),
                Some(Limit::Credits) => Some(LimitView::Credits),
                Some(Limit::SpendCap) => Some(LimitView::SpendCap),
                Some(Limit::RateLimit(w)) => Some(LimitView::RateLimit { window: window(w) }),
                _ => None,
            },
            retry: RetryView {
                advice: decision.advice(),
                retry: decision.hint.as_str(),
                wait: match decision.wait {
                    Some(Wait::Seconds(s)) => Some(WaitView::Seconds(s)),
                    Some(Wait::Until(t)) => Some(WaitView::Until(t)),
                    _ => None,
                },
            },
            rate_limits: (!r.is_empty()).then(|| RateLimitsView {
                standard: (&r.standard).into(),
                app_24h: (&r.app_24h).into(),
                user_24h: (&r.user_24h).into(),
                retry_after: match r.retry_after {
                    Some(RetryAfter::Seconds(s)) => Some(RetryAfterView::Seconds(s)),
                    Some(RetryAfter::At(t)) => Some(RetryAfterView::At(t)),
                    _ => None,
                },
            }),
            body: e.body().map(BodyView::new),
            body_error: e.decode_error().map(ToString::to_string),
            raw_body: e.raw_body().map(String::from_utf8_lossy),
        }
    }
}
