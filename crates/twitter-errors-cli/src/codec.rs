//! `twitter-errors decode` and `twitter-errors encode`: the codecs on the
//! command line.

use std::io::Write as _;
use std::process::ExitCode;

use serde_json::{json, Map, Value};
use twitter_errors::catalog::Window;
use twitter_errors::codec::json::{Shape, V1Error};
use twitter_errors::codec::jsonp::{Callback, Jsonp};
use twitter_errors::codec::problem::{self, Problem};
use twitter_errors::codec::response::{
    decode_response_as, ApiError, Limit, Outcome, RetryAfter, Wait,
};
use twitter_errors::codec::{self, json, xml, Body, Limits};
use twitter_errors::{Catalog, Code, ErrorCode, Format, Members};

pub const DECODE_USAGE: &str =
    "usage: twitter-errors decode [--format auto|json|xml|jsonp|v2] [--status N] [--header NAME:VALUE]... [--reencode]";
pub const ENCODE_USAGE: &str =
    "usage: twitter-errors encode CODE... --format json|xml|jsonp [--callback NAME]";

struct DecodeArgs {
    format: Option<Format>,
    status: Option<u16>,
    headers: Vec<(String, String)>,
    reencode: bool,
}

fn format_arg(value: &str, allow_auto: bool) -> Result<Option<Format>, String> {
    Ok(Some(match value {
        "auto" if allow_auto => return Ok(None),
        "json" => Format::Json,
        "xml" => Format::Xml,
        "jsonp" => Format::Jsonp,
        "v2" | "problem" if allow_auto => Format::Problem,
        other => return Err(format!("unknown format `{other}`")),
    }))
}

fn decode_args(rest: &[String]) -> Result<DecodeArgs, String> {
    let mut a = DecodeArgs {
        format: None,
        status: None,
        headers: Vec::new(),
        reencode: false,
    };
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--format" => {
                let v = it.next().ok_or("--format needs a value")?;
                a.format = format_arg(v, true)?;
            }
            "--status" => {
                let v = it.next().ok_or("--status needs a number")?;
                a.status = Some(
                    v.parse()
                        .map_err(|_| format!("--status: `{v}` is not a status"))?,
                );
            }
            "--header" => {
                let v = it.next().ok_or("--header needs NAME:VALUE")?;
                let (name, value) = v.split_once(':').ok_or("--header needs NAME:VALUE")?;
                a.headers
                    .push((name.trim().to_string(), value.trim().to_string()));
            }
            "--reencode" => a.reencode = true,
            other => return Err(format!("unexpected argument `{other}`\n{DECODE_USAGE}")),
        }
    }
    if a.reencode && a.status.is_some() {
        return Err("--reencode and --status do not go together".into());
    }
    Ok(a)
}

fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| format!("stdout: {e}"))
}

/// `decode`: the body on stdin.
pub fn decode(rest: &[String]) -> Result<ExitCode, String> {
    let args = decode_args(rest)?;
    // Never more than the size limit, however much is piped in.
    let input = codec::read_body(std::io::stdin().lock(), &Limits::DEFAULT)
        .map_err(|e| format!("stdin: {e}"))?;
    if let Some(status) = args.status {
        let headers = args.headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let o = decode_response_as::<Catalog, _, _>(
            status,
            headers,
            &input,
            args.format,
            &Limits::DEFAULT,
        );
        outln!("{}", pretty(&outcome(&o, status)));
        return Ok(ExitCode::SUCCESS);
    }
    let body = match codec::decode_as::<Catalog>(&input, args.format, &Limits::DEFAULT) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("twitter-errors: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    if args.reencode {
        write_stdout(&body.encode())?;
    } else {
        outln!("{}", pretty(&typed(&body)));
    }
    Ok(ExitCode::SUCCESS)
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn code(c: Code) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), json!(c.code()));
    if let Some(k) = c.known() {
        m.insert("name".into(), json!(k.name()));
        m.insert("catalog_message".into(), json!(k.message()));
        m.insert("status".into(), json!(k.status().map(|s| s.as_u16())));
        m.insert("retry".into(), json!(k.retry().as_str()));
    } else {
        m.insert("name".into(), Value::Null);
    }
    Value::Object(m)
}

fn members(m: &Members) -> Value {
    Value::Object(m.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
}

fn v1_error(e: &V1Error<'_>) -> Value {
    let mut v = code(e.code);
    if let Value::Object(m) = &mut v {
        m.insert("message".into(), json!(&*e.message));
        if !e.extra.is_empty() {
            m.insert("extra".into(), members(&e.extra));
        }
    }
    v
}

fn problem(p: &Problem<'_>) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!(p.type_uri()));
    m.insert(
        "problem_type".into(),
        json!(p.problem_type().map(|t| t.name())),
    );
    if let Some(t) = p.problem_type() {
        m.insert("retry".into(), json!(t.retry().as_str()));
    }
    m.insert("typed".into(), json!(p.to_object().is_some()));
    m.insert("members".into(), p.to_value());
    Value::Object(m)
}

fn json_body(b: &json::Body<'_>) -> Map<String, Value> {
    let mut m = Map::new();
    match &b.shape {
        Shape::Errors(e) => {
            m.insert("shape".into(), json!("errors"));
            m.insert(
                "errors".into(),
                Value::Array(e.iter().map(v1_error).collect()),
            );
        }
        Shape::Text(t) => {
            m.insert("shape".into(), json!("text"));
            m.insert("text".into(), json!(&**t));
        }
        Shape::Legacy(l) => {
            m.insert("shape".into(), json!("legacy"));
            m.insert("error".into(), json!(&*l.error));
            m.insert("request".into(), json!(l.request.as_deref()));
        }
        Shape::Media(x) => {
            m.insert("shape".into(), json!("media"));
            m.insert(
                "media_error".into(),
                json!({"code": x.code, "name": x.name.as_deref(), "message": x.message.as_deref()}),
            );
            m.insert("processing_info".into(), members(&x.processing_info));
        }
        Shape::Disconnect(d) => {
            m.insert("shape".into(), json!("disconnect"));
            m.insert(
                "disconnect".into(),
                json!({"code": d.code, "stream_name": d.stream_name.as_deref(), "reason": d.reason.as_deref()}),
            );
        }
        _ => {
            m.insert("shape".into(), json!("other"));
        }
    }
    if !b.extra.is_empty() {
        m.insert("extra".into(), members(&b.extra));
    }
    m
}

/// The typed view of a body, as JSON.
fn typed(body: &Body<'_>) -> Value {
    let mut m = Map::new();
    m.insert("format".into(), json!(body.format().as_str()));
    match body {
        Body::Json(b) => m.extend(json_body(b)),
        Body::Jsonp(j) => {
            m.insert("callback".into(), json!(j.callback.as_str()));
            m.extend(json_body(&j.body));
        }
        Body::Xml(xml::Body::Errors(e)) => {
            m.insert("shape".into(), json!("errors"));
            m.insert(
                "errors".into(),
                Value::Array(e.iter().map(v1_error).collect()),
            );
        }
        Body::Xml(xml::Body::Hash(h)) => {
            m.insert("shape".into(), json!("hash"));
            m.insert("error".into(), json!(&*h.error));
            m.insert("request".into(), json!(h.request.as_deref()));
        }
        Body::Problem(p) => m.extend(problem_body(p)),
        _ => {}
    }
    Value::Object(m)
}

fn problem_body(p: &problem::Body<'_>) -> Map<String, Value> {
    let mut m = Map::new();
    // Whether the body is one problem (with items) or only items: with
    // status 200 the latter is a partial result, otherwise the error.
    m.insert(
        "shape".into(),
        json!(if p.problem.is_some() {
            "problem"
        } else {
            "errors"
        }),
    );
    m.insert(
        "problem".into(),
        p.problem.as_ref().map_or(Value::Null, problem),
    );
    m.insert(
        "errors".into(),
        Value::Array(p.errors.iter().map(problem).collect()),
    );
    if !p.result.is_empty() {
        m.insert(
            "result".into(),
            Value::Object(
                p.result
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_value()))
                    .collect(),
            ),
        );
    }
    m
}

fn outcome(o: &Outcome, status: u16) -> Value {
    match o {
        Outcome::Success => json!({"outcome": "success", "status": status}),
        Outcome::Partial(p) => {
            let mut m = Map::new();
            m.insert("outcome".into(), json!("partial"));
            m.insert("status".into(), json!(status));
            m.insert("body".into(), Value::Object(problem_body(p)));
            Value::Object(m)
        }
        Outcome::Failure(e) => failure(e),
        _ => json!({"outcome": "unknown", "status": status}),
    }
}

fn window(w: Window) -> &'static str {
    match w {
        Window::App24h => "app_24h",
        Window::User24h => "user_24h",
        _ => "standard",
    }
}

fn failure(e: &ApiError) -> Value {
    let retry = e.retry();
    let wait = match retry.wait {
        Some(Wait::Seconds(s)) => json!({"seconds": s}),
        Some(Wait::Until(t)) => json!({"until": t}),
        _ => Value::Null,
    };
    let limit = match e.limit() {
        Some(Limit::UsageCap) => json!({"kind": "usage_cap"}),
        Some(Limit::RateLimit(w)) => json!({"kind": "rate_limit", "window": window(w)}),
        _ => Value::Null,
    };
    let r = e.rate_limits();
    let quota = |q: &twitter_errors::codec::response::Quota| json!({"limit": q.limit, "remaining": q.remaining, "reset": q.reset});
    let mut m = Map::new();
    m.insert("outcome".into(), json!("failure"));
    m.insert("status".into(), json!(e.status().as_u16()));
    m.insert(
        "effective_status".into(),
        json!(e.effective_status().as_u16()),
    );
    m.insert("error".into(), json!(e.to_string()));
    m.insert("limit".into(), limit);
    m.insert(
        "retry".into(),
        json!({"retry": retry.retry.as_str(), "wait": wait}),
    );
    if !r.is_empty() {
        m.insert(
            "rate_limits".into(),
            json!({
                "standard": quota(&r.standard),
                "app_24h": quota(&r.app_24h),
                "user_24h": quota(&r.user_24h),
                "retry_after": match r.retry_after {
                    Some(RetryAfter::Seconds(s)) => json!({"seconds": s}),
                    Some(RetryAfter::At(t)) => json!({"at": t}),
                    _ => Value::Null,
                },
            }),
        );
    }
    m.insert("body".into(), e.body().map_or(Value::Null, typed));
    if let Some(err) = e.decode_error() {
        m.insert("body_error".into(), json!(err.to_string()));
        m.insert(
            "raw_body".into(),
            json!(String::from_utf8_lossy(e.raw_body().unwrap_or_default())),
        );
    }
    Value::Object(m)
}

/// `encode`: a body for catalog codes.
pub fn encode(rest: &[String]) -> Result<ExitCode, String> {
    let mut codes = Vec::new();
    let mut format = None;
    let mut callback = None;
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--format" => {
                let v = it.next().ok_or("--format needs a value")?;
                format = format_arg(v, false)?;
            }
            "--callback" => callback = Some(it.next().ok_or("--callback needs a name")?),
            s if s.starts_with("--") => {
                return Err(format!("unexpected argument `{s}`\n{ENCODE_USAGE}"))
            }
            s => {
                let c = s
                    .parse::<u32>()
                    .ok()
                    .and_then(ErrorCode::from_code)
                    .or_else(|| ErrorCode::from_name(s))
                    .ok_or_else(|| {
                        format!("`{s}` is not a code in the catalog (see `twitter-errors explain`)")
                    })?;
                codes.push(c);
            }
        }
    }
    if codes.is_empty() {
        return Err(ENCODE_USAGE.into());
    }
    let format = format.ok_or_else(|| format!("--format is required\n{ENCODE_USAGE}"))?;
    let body: json::Body<'_> = json::Body::from_codes(codes.iter().copied());
    let bytes = match format {
        Format::Xml => {
            let x: xml::Body<'_> = xml::Body::from_codes(codes.iter().copied());
            x.encode()
        }
        Format::Jsonp => {
            let name = callback.ok_or("--format jsonp needs --callback NAME")?;
            // The name is not repeated: a refused callback is never echoed.
            let cb =
                Callback::new(name).map_err(|e| format!("--callback refused: {}", e.reason()))?;
            Jsonp::new(cb, body).encode()
        }
        _ => body.encode(),
    };
    if callback.is_some() && format != Format::Jsonp {
        return Err("--callback goes with --format jsonp".into());
    }
    write_stdout(&bytes)?;
    Ok(ExitCode::SUCCESS)
}
