//! `decode`'s default output: a few lines a person reads, the cause, the
//! status and what to do. `--json` gives the full typed view instead.

use std::fmt::Write as _;

use twitter_errors::codec::Body;
use twitter_errors::response::{ApiError, Limit, Outcome, RateLimits};
use twitter_errors::{shown, Twitter};

/// One line per v1.1 error or v2 problem of `body`, indented.
fn items(body: &Body<'_, Twitter>, out: &mut String) {
    for e in body.v1_errors() {
        let _ = write!(out, "  {} {}", e.code.code(), shown(&e.message));
        if let Some(k) = e.code.known() {
            let status = k
                .status()
                .map_or_else(String::new, |s| format!(", HTTP {s}"));
            let _ = write!(out, "  [{}{status}]", k.name());
        }
        out.push('\n');
    }
    if let Some(l) = body.legacy() {
        let _ = writeln!(out, "  {}", shown(&l.error));
    }
    for p in body.problems() {
        let title = p.title().unwrap_or_default();
        let detail = p.detail().or_else(|| p.message()).unwrap_or_default();
        let _ = write!(out, "  {}: {}", shown(&title), shown(&detail));
        match (p.problem_type(), p.type_uri()) {
            (Some(t), _) => {
                let _ = write!(out, "  [{}]", t.name());
            }
            (None, Some(u)) => {
                let _ = write!(out, "  [{}]", shown(&u));
            }
            _ => {}
        }
        if let Some(d) = p.cause() {
            let _ = write!(out, " (cause: {})", d.name);
        }
        out.push('\n');
    }
}

/// A decoded body on its own, with the retry decision it gives under the
/// status its first known entry comes with (400 when none says).
pub fn body(body: &Body<'_, Twitter>) -> String {
    let n = body.v1_errors().len() + body.problems().count() + usize::from(body.legacy().is_some());
    let mut out = format!(
        "{} body: {n} error{}\n",
        body.format(),
        if n == 1 { "" } else { "s" }
    );
    items(body, &mut out);
    let status = body
        .v1_errors()
        .iter()
        .find_map(|e| e.code.known()?.status())
        .or_else(|| body.problems().find_map(|p| p.problem_type()?.status()))
        .map_or(400, |s| s.as_u16());
    let e = ApiError::new(status, body.clone(), RateLimits::default());
    let _ = writeln!(
        out,
        "  retry:   {} (as with HTTP {status}; --status and --header judge a whole response)",
        e.retry().advice()
    );
    out
}

/// A failure: its `Display`, then the status, the limit and the decision.
pub fn failure(e: &ApiError) -> String {
    let mut out = format!("{e}\n");
    let status = e.effective_status();
    let _ = write!(out, "  status:  {status}");
    if status != e.status() {
        let _ = write!(out, " (served as {})", e.status().as_u16());
    }
    out.push('\n');
    if let Some(limit) = e.limit() {
        let what = match limit {
            Limit::RateLimit(w) => format!("rate limit, {} window", w.label()),
            Limit::UsageCap => "usage cap".to_string(),
            Limit::Credits => "no credits left".to_string(),
            Limit::SpendCap => "spending limit reached".to_string(),
            _ => "a limit".to_string(),
        };
        let _ = writeln!(out, "  limit:   {what}");
    }
    let decision = e.retry();
    let _ = write!(out, "  retry:   {}", decision.advice());
    if let Some(p) = decision.policy {
        let _ = write!(out, " (policy {})", p.name);
    }
    out.push('\n');
    if let Some(v) = e.api_version() {
        let _ = writeln!(out, "  api:     version {v}");
    }
    if let Some(b) = e.body() {
        items(b, &mut out);
    } else if let Some(d) = e.decode_error() {
        let _ = writeln!(out, "  body:    not an error body ({d})");
    }
    out
}

/// A whole response.
pub fn outcome(o: &Outcome, status: u16) -> String {
    match o {
        Outcome::Success => format!("success (HTTP {status}): no error in the body\n"),
        Outcome::Partial(p) => {
            let n = p.problems().count();
            let mut out = format!(
                "partial result (HTTP {status}): {} and {n} problem{}\n",
                if p.data().is_some() {
                    "data"
                } else {
                    "no data"
                },
                if n == 1 { "" } else { "s" }
            );
            items(&Body::Problem(p.clone()), &mut out);
            out
        }
        Outcome::Failure(e) => failure(e),
        _ => format!("HTTP {status}\n"),
    }
}
