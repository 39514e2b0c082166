//! `twitter-errors explain`: whatever the catalog names, for people and for
//! scripts.
//!
//! Every kind of entry is built once as an [`Entry`] (a heading, labelled
//! rows, a description) and written either as text or, with `--json`, as
//! JSON objects with the same rows under snake_case keys.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use serde_json::{json, Map, Value};
use twitter_errors::catalog::{
    wait_words, Catalog, DetailInfo, DisconnectInfo, HeaderInfo, MemberInfo, NoticeInfo,
    PolicyInfo, StreamInfo,
};
use twitter_errors::catalog::{Api, Evidence};
use twitter_errors::text::{match_detail, DetailMatch, MatchKind, TextMatch};
use twitter_errors::{ErrorCode, HttpStatus, ProblemType, Retry, Twitter};

/// The catalog's detail entries, typed.
type Detail = DetailInfo<ProblemType, HttpStatus, ErrorCode>;

/// One entry of the catalog, ready to be written as text or JSON.
struct Entry {
    /// `code`, `status`, `problem`, `detail`, `member`, `header`, ...
    kind: &'static str,
    /// Its key in the catalog: the code, the status, the name...
    id: Value,
    /// The first line of its text form.
    heading: String,
    rows: Vec<Row>,
    description: String,
    /// Other meanings of a code, written after the description.
    more: Vec<Entry>,
}

/// A labelled line: `  status:     429 Too Many Requests`, and
/// `"status": 429` in JSON.
struct Row {
    label: &'static str,
    key: &'static str,
    text: String,
    json: Value,
}

impl Entry {
    fn new(kind: &'static str, id: impl Into<Value>, heading: String) -> Entry {
        Entry {
            kind,
            id: id.into(),
            heading,
            rows: Vec::new(),
            description: String::new(),
            more: Vec::new(),
        }
    }

    fn row(&mut self, label: &'static str, key: &'static str, text: String, json: Value) {
        self.rows.push(Row {
            label,
            key,
            text,
            json,
        });
    }

    /// A row whose JSON is its text.
    fn text(&mut self, label: &'static str, key: &'static str, text: impl Into<String>) {
        let text = text.into();
        self.row(label, key, text.clone(), Value::String(text));
    }

    /// A row of texts, quoted in the text form.
    fn texts(&mut self, label: &'static str, key: &'static str, items: &[&str]) {
        if !items.is_empty() {
            self.row(label, key, quoted(items), json!(items));
        }
    }

    /// A row of names, bare in the text form.
    fn names(&mut self, label: &'static str, key: &'static str, items: &[&str]) {
        if !items.is_empty() {
            self.row(label, key, items.join(", "), json!(items));
        }
    }

    /// Inserts a row right after the heading.
    fn first_row(&mut self, label: &'static str, key: &'static str, text: String) {
        self.rows.insert(
            0,
            Row {
                label,
                key,
                json: Value::String(text.clone()),
                text,
            },
        );
    }

    fn write_text(&self, out: &mut String, indent: &str) {
        let _ = writeln!(out, "{indent}{}", self.heading);
        for r in &self.rows {
            let label = format!("{}:", r.label);
            let _ = writeln!(out, "{indent}  {label:<11} {}", r.text);
        }
        if !self.description.is_empty() {
            if indent.is_empty() {
                out.push('\n');
            }
            for line in wrap(&self.description).lines() {
                let _ = writeln!(out, "{indent}{line}");
            }
        }
        for m in &self.more {
            out.push('\n');
            m.write_text(out, "  ");
        }
    }

    fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("kind".into(), json!(self.kind));
        m.insert("id".into(), self.id.clone());
        m.insert("title".into(), json!(self.heading));
        for r in &self.rows {
            m.insert(r.key.into(), r.json.clone());
        }
        m.insert("description".into(), json!(self.description));
        if !self.more.is_empty() {
            let more: Vec<Value> = self.more.iter().map(Entry::to_json).collect();
            m.insert("meanings".into(), Value::Array(more));
        }
        Value::Object(m)
    }
}

/// Wraps `text` at 76 columns with a two-space indent.
fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > 76 {
            let _ = writeln!(out, "  {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// A text in double quotes, its control characters made visible.
fn q(text: &str) -> String {
    format!("\"{}\"", twitter_errors::shown(text))
}

fn quoted(items: &[&str]) -> String {
    items.iter().map(|a| q(a)).collect::<Vec<_>>().join(", ")
}

fn apis(apis: &[Api]) -> Vec<&'static str> {
    apis.iter().map(|a| a.as_str()).collect()
}

/// The retry row: the hint, or the policy's advice when there is one.
fn retry_row(e: &mut Entry, r: Retry, policy: Option<&PolicyInfo>) {
    let text = match policy {
        Some(p) => format!("{} (policy {})", p.advice(), p.name),
        None => r.advice().to_string(),
    };
    let json = json!({
        "hint": r.as_str(),
        "policy": policy.map(|p| p.name),
        "advice": policy.map_or_else(|| r.advice().to_string(), PolicyInfo::advice),
    });
    e.row("retry", "retry", text, json);
}

fn status_row(e: &mut Entry, status: Option<HttpStatus>) {
    match status {
        Some(s) => e.row(
            "status",
            "status",
            s.to_string(),
            json!({"code": s.as_u16(), "text": s.text()}),
        ),
        None => e.row("status", "status", "not documented".into(), Value::Null),
    }
}

fn evidence_row(e: &mut Entry, evidence: Evidence) {
    let text = match evidence {
        Evidence::Observed => "observed in live responses only",
        Evidence::Unverified => "unverified (one third-party source)",
        _ => return,
    };
    e.row(
        "evidence",
        "evidence",
        text.into(),
        json!(evidence.as_str()),
    );
}

#[allow(deprecated)]
fn code(c: ErrorCode) -> Entry {
    let mut e = Entry::new(
        "code",
        c.code(),
        format!("code {}: {}", c.code(), c.message()),
    );
    e.text("name", "name", format!("{} (ErrorCode::{c:?})", c.name()));
    status_row(&mut e, c.status());
    if !c.other_statuses().is_empty() {
        let others: Vec<String> = c.other_statuses().iter().map(ToString::to_string).collect();
        let numbers: Vec<u16> = c.other_statuses().iter().map(|s| s.as_u16()).collect();
        e.row("also seen", "also_seen", others.join(", "), json!(numbers));
    }
    retry_row(&mut e, c.retry(), c.policy());
    e.texts("also sent", "aliases", c.aliases());
    e.texts("templates", "templates", c.templates());
    e.names("apis", "apis", &apis(c.apis()));
    evidence_row(&mut e, c.evidence());
    let v2: Vec<&str> = <Twitter as Catalog>::DETAILS
        .iter()
        .filter(|d| d.code == Some(c))
        .map(|d| d.name)
        .collect();
    e.names("in v2", "v2_details", &v2);
    if let Some(d) = c.deprecated() {
        e.text("deprecated", "deprecated", d);
    }
    e.description = c.description().to_string();
    for m in c.meanings() {
        let mut x = Entry::new("meaning", m.era, format!("also meant ({}):", m.era));
        x.text("text", "text", q(m.message));
        x.texts("also", "aliases", m.aliases);
        x.texts("templates", "templates", m.templates);
        if m.status.is_some() {
            status_row(&mut x, m.status);
        }
        retry_row(&mut x, m.retry, m.policy);
        x.description = m.description.to_string();
        e.more.push(x);
    }
    e
}

/// How a text named a code, when it was not its message as is.
fn matched(kind: MatchKind, template: Option<&str>, captures: &[(&str, &str)]) -> Option<String> {
    match kind {
        MatchKind::Exact => None,
        MatchKind::Forgiving => Some(
            "the text, ignoring case, spacing, a final period, apostrophes and link forms"
                .to_string(),
        ),
        MatchKind::Template => {
            let parts: Vec<String> = captures
                .iter()
                .map(|(n, v)| format!("{n} = {}", q(v)))
                .collect();
            Some(format!(
                "the template {} ({})",
                q(template.unwrap_or_default()),
                parts.join(", ")
            ))
        }
        _ => Some("the text".to_string()),
    }
}

fn code_match(m: &TextMatch<'_, ErrorCode>) -> Entry {
    let mut e = code(m.code);
    let how = matched(m.kind, m.template(), m.captures());
    let meaning = m.meaning().map(|x| format!("its meaning of {}", x.era));
    let line = match (how, meaning) {
        (None, None) => None,
        (Some(h), None) => Some(h),
        (None, Some(x)) => Some(x),
        (Some(h), Some(x)) => Some(format!("{h}, as {x}")),
    };
    if let Some(line) = line {
        e.first_row("matched", "matched", line);
    }
    e
}

fn status(h: HttpStatus) -> Entry {
    let mut e = Entry::new(
        "status",
        h.as_u16(),
        format!("HTTP {} {}", h.as_u16(), h.text()),
    );
    e.text("name", "name", format!("{} (HttpStatus::{h:?})", h.name()));
    retry_row(&mut e, h.retry(), h.info().policy);
    e.texts("also named", "aliases", h.aliases());
    e.names("apis", "apis", &apis(h.apis()));
    e.description = h.description().to_string();
    e
}

#[allow(deprecated)]
fn problem(p: ProblemType) -> Entry {
    let title = p.title().unwrap_or("(no title was ever published)");
    let mut e = Entry::new("problem", p.uri(), format!("problem {}: {title}", p.uri()));
    e.text("name", "name", format!("{} (ProblemType::{p:?})", p.name()));
    status_row(&mut e, p.status());
    retry_row(&mut e, p.retry(), p.policy());
    e.texts("also titled", "aliases", p.aliases());
    e.names("members", "members", p.info().members);
    e.names("required", "required", p.info().required);
    let details: Vec<&str> = <Twitter as Catalog>::DETAILS
        .iter()
        .filter(|d| d.problem == p)
        .map(|d| d.name)
        .collect();
    e.names("details", "details", &details);
    e.names("apis", "apis", &apis(p.apis()));
    if let Some(d) = p.deprecated() {
        e.text("deprecated", "deprecated", d);
    }
    e.description = p.description().to_string();
    e
}

fn detail(d: &Detail) -> Entry {
    let mut e = Entry::new("detail", d.name, format!("detail: {}", d.text));
    e.text("name", "name", d.name);
    e.row(
        "problem",
        "problem",
        format!("{} ({})", d.problem.uri(), d.problem.name()),
        json!(d.problem.uri()),
    );
    status_row(&mut e, d.status);
    if let Some(c) = d.code {
        e.row(
            "v1.1 code",
            "code",
            format!("{} ({})", c.code(), c.message()),
            json!(c.code()),
        );
    }
    retry_row(&mut e, d.retry, d.policy);
    e.texts("also sent", "aliases", d.aliases);
    let templates: Vec<&str> = d.templates.iter().map(|t| t.template).collect();
    e.texts("templates", "templates", &templates);
    evidence_row(&mut e, d.evidence);
    e.description = d.description.to_string();
    e
}

fn detail_match(m: &DetailMatch<'_, Twitter>) -> Entry {
    let mut e = detail(m.detail);
    if let Some(line) = matched(m.kind, m.template(), m.captures()) {
        e.first_row("matched", "matched", line);
    }
    e
}

fn member(f: &MemberInfo) -> Entry {
    let mut e = Entry::new("member", f.name, format!("member {}", f.name));
    e.text("type", "type", f.kind.label());
    e.row(
        "present",
        "always",
        if f.always {
            "in every error object"
        } else {
            "in some error objects"
        }
        .into(),
        json!(f.always),
    );
    let values: Vec<&str> = f.values.iter().map(|v| v.value).collect();
    e.texts("values", "values", &values);
    let carried: Vec<&str> = ProblemType::ALL
        .iter()
        .filter(|p| p.info().members.contains(&f.name))
        .map(|p| p.name())
        .collect();
    e.names("carried by", "problems", &carried);
    let required: Vec<&str> = ProblemType::ALL
        .iter()
        .filter(|p| p.info().required.contains(&f.name))
        .map(|p| p.name())
        .collect();
    e.names("required by", "required_by", &required);
    e.description = f.description.to_string();
    e
}

fn header(h: &HeaderInfo) -> Entry {
    let mut e = Entry::new("header", h.name, format!("header {}", h.name));
    e.row(
        "meaning",
        "meaning",
        h.meaning.label().into(),
        json!(h.meaning.as_str()),
    );
    if let Some(w) = h.window {
        e.row("window", "window", w.label().into(), json!(w.as_str()));
    }
    e.description = h.description.to_string();
    e
}

fn policy(p: &PolicyInfo) -> Entry {
    let mut e = Entry::new("policy", p.name, format!("retry policy {}", p.name));
    e.row("retry", "retry", p.advice(), json!(p.retry.as_str()));
    if let Some(b) = p.backoff {
        e.text("schedule", "schedule", b.to_string());
    }
    if p.retry == Retry::AfterReset {
        e.row(
            "reset",
            "reset",
            p.reset.label().into(),
            json!(p.reset.as_str()),
        );
    }
    if let Some(f) = p.default_for {
        e.row(
            "default for",
            "default_for",
            f.as_str().into(),
            json!(f.as_str()),
        );
    }
    e.description = p.description.to_string();
    e
}

fn stream(s: &StreamInfo) -> Entry {
    let mut e = Entry::new(
        "stream",
        s.name,
        format!("stream {} ({})", s.name, s.api.as_str()),
    );
    let ms = |d: Duration| json!(u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    if let Some(h) = s.heartbeat {
        e.row(
            "heartbeat",
            "heartbeat_ms",
            wait_words(h).to_string(),
            ms(h),
        );
    }
    if let Some(t) = s.timeout {
        e.row("timeout", "timeout_ms", wait_words(t).to_string(), ms(t));
    }
    for (label, key, p) in [
        ("on network", "on_network", s.on_network),
        ("on HTTP", "on_http_error", s.on_http_error),
        ("on 429/420", "on_rate_limit", s.on_rate_limit),
    ] {
        if let Some(p) = p {
            let schedule = p.backoff.map_or_else(|| p.advice(), |b| b.to_string());
            e.row(
                label,
                key,
                format!("{schedule} (policy {})", p.name),
                json!(p.name),
            );
        }
    }
    e.description = s.description.to_string();
    e
}

/// A legacy `error` text that reports success.
fn notice(n: &NoticeInfo) -> Entry {
    let mut e = Entry::new("notice", n.name, format!("notice: {}", n.text));
    e.text("name", "name", n.name);
    e.row(
        "outcome",
        "outcome",
        "success, not a failure".into(),
        json!("success"),
    );
    e.names("apis", "apis", &apis(n.apis));
    e.description = n.description.to_string();
    e
}

/// A v1.1 streaming disconnect code.
fn disconnect(d: &DisconnectInfo) -> Entry {
    let mut e = Entry::new(
        "disconnect",
        d.code,
        format!(
            "stream disconnect {}: {}",
            d.code,
            d.reason.unwrap_or(d.name)
        ),
    );
    e.text("name", "name", d.name);
    retry_row(&mut e, d.retry, d.policy);
    e.description = d.description.to_string();
    e
}

/// The kinds a value may be qualified with: `code:88`, `header:api-version`.
const KINDS: &[&str] = &[
    "code",
    "http",
    "status",
    "disconnect",
    "problem",
    "member",
    "header",
    "detail",
    "policy",
    "stream",
];

/// Every entry that `value` names.
fn lookup(value: &str) -> Vec<Entry> {
    let v = value.trim();
    let (kind, v) = match v.split_once(':') {
        Some((k, rest)) if KINDS.contains(&k) => (Some(k), rest.trim()),
        _ => (None, v),
    };
    let wants = |k: &str| kind.is_none() || kind == Some(k);
    let mut found = Vec::new();
    if let Ok(n) = v.parse::<u32>() {
        if kind == Some("disconnect") {
            found.extend(<Twitter as Catalog>::disconnect(n).map(disconnect));
            return found;
        }
        if wants("code") {
            found.extend(ErrorCode::from_code(n).map(code));
        }
        if wants("http") || kind == Some("status") {
            let s = u16::try_from(n).ok().and_then(HttpStatus::from_u16);
            found.extend(s.map(status));
        }
        return found;
    }
    if wants("problem") {
        let p = ProblemType::from_uri(v)
            .or_else(|| ProblemType::from_slug(v))
            .or_else(|| ProblemType::from_name(v));
        found.extend(p.map(problem));
    }
    if wants("code") {
        found.extend(ErrorCode::from_name(v).map(code));
    }
    if wants("http") || kind == Some("status") {
        found.extend(HttpStatus::from_name(v).map(status));
    }
    if wants("member") {
        found.extend(<Twitter as Catalog>::field(v).map(member));
    }
    if wants("header") {
        found.extend(<Twitter as Catalog>::header(v).map(header));
    }
    if wants("policy") {
        found.extend(<Twitter as Catalog>::retry_policy(v).map(policy));
    }
    if wants("stream") {
        let by_api = Api::from_spelling(v).and_then(<Twitter as Catalog>::stream);
        let by_name = <Twitter as Catalog>::STREAMS.iter().find(|s| s.name == v);
        found.extend(by_name.or(by_api).map(stream));
    }
    if wants("detail") {
        found.extend(<Twitter as Catalog>::detail(v).map(detail));
    }
    if found.is_empty() && (kind.is_none() || kind == Some("detail")) {
        // A text: the v2 detail it is, then every code it names, best
        // first, then a notice. The value as given, so that surrounding
        // space is forgiven like the rest.
        found.extend(match_detail::<Twitter>(value).map(|m| detail_match(&m)));
        if kind.is_none() {
            found.extend(ErrorCode::match_message(value, None).iter().map(code_match));
            if found.is_empty() {
                found.extend(twitter_errors::text::notice::<Twitter>(value).map(notice));
            }
        }
    }
    found
}

/// The longest value that gets suggestions: comparing is quadratic in the
/// length, and no key of the catalog is longer.
const MAX_SUGGESTED: usize = 400;

/// The catalog's keys closest to `value`, best first: `(kind, key,
/// what it is)`.
fn suggestions(value: &str) -> Vec<(&'static str, String, String)> {
    let v = value.trim().to_lowercase();
    if v.is_empty() || v.len() > MAX_SUGGESTED {
        return Vec::new();
    }
    let mut candidates: Vec<(&'static str, String, String)> = Vec::new();
    for c in ErrorCode::ALL {
        candidates.push(("code", c.name().into(), format!("code {}", c.code())));
        candidates.push(("code", c.message().into(), format!("code {}", c.code())));
    }
    for s in HttpStatus::ALL {
        candidates.push(("status", s.name().into(), format!("HTTP {}", s.as_u16())));
    }
    for p in ProblemType::ALL {
        let slug =
            twitter_errors::catalog::problem_slug(p.uri(), ProblemType::HOSTS).unwrap_or(p.uri());
        candidates.push(("problem", p.name().into(), format!("problem {slug}")));
        candidates.push(("problem", slug.into(), format!("problem {slug}")));
    }
    for f in <Twitter as Catalog>::FIELDS {
        candidates.push(("member", f.name.into(), "member".into()));
    }
    for h in <Twitter as Catalog>::HEADERS {
        candidates.push(("header", h.name.into(), "header".into()));
    }
    for d in <Twitter as Catalog>::DETAILS {
        candidates.push(("detail", d.name.into(), "detail".into()));
        candidates.push(("detail", d.text.into(), format!("detail {}", d.name)));
    }
    for p in <Twitter as Catalog>::RETRY_POLICIES {
        candidates.push(("policy", p.name.into(), "retry policy".into()));
    }
    for s in <Twitter as Catalog>::STREAMS {
        candidates.push(("stream", s.name.into(), "stream".into()));
    }
    let mut scored: Vec<(f64, (&'static str, String, String))> = candidates
        .into_iter()
        .filter_map(|c| {
            let key = c.1.to_lowercase();
            let score =
                strsim::normalized_levenshtein(&v, &key).max(strsim::jaro_winkler(&v, &key) - 0.1);
            (score >= 0.75).then_some((score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<(&'static str, String, String)> = Vec::new();
    for (_, c) in scored {
        if !out.iter().any(|o| o.2 == c.2 && o.0 == c.0) {
            out.push(c);
        }
        if out.len() == 5 {
            break;
        }
    }
    out
}

/// `explain VALUE`: every entry it names, or the closest ones.
pub fn explain(value: &str, as_json: bool) -> ExitCode {
    let found = lookup(value);
    let suggested = if found.is_empty() {
        suggestions(value)
    } else {
        Vec::new()
    };
    if as_json {
        let found: Vec<Value> = found.iter().map(Entry::to_json).collect();
        let suggestions: Vec<Value> = suggested
            .iter()
            .map(|(kind, key, what)| json!({"kind": kind, "key": key, "entry": what}))
            .collect();
        let ok = !found.is_empty();
        let doc = json!({"query": value, "found": found, "suggestions": suggestions});
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        outln!("{}", twitter_errors::shown::json_visible(&text));
        return if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    if found.is_empty() {
        // Quoted and escaped: the value may hold anything, control
        // characters included.
        let mut msg = format!(
            "twitter-errors: nothing in the catalog matches {}",
            q(value)
        );
        if !suggested.is_empty() {
            msg.push_str("\n  did you mean:");
            for (kind, key, what) in &suggested {
                let _ = write!(msg, "\n    {kind}:{key}  ({what})");
            }
        }
        msg.push_str(
            "\n  hint: give a v1.1 code (88), an HTTP status (420), a v2 problem name, slug \
             or URI (invalid-request), a message or detail text, a member (account_id), a \
             header (x-rate-limit-reset), a retry policy, a stream (v2), or a stream \
             disconnect code (disconnect:4)",
        );
        eprintln!("{msg}");
        return ExitCode::FAILURE;
    }
    let texts: Vec<String> = found
        .iter()
        .map(|e| {
            let mut s = String::new();
            e.write_text(&mut s, "");
            s
        })
        .collect();
    outln!("{}", texts.join("\n"));
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_found_by_its_key() {
        let c = <Twitter as Catalog>::FIELDS.first().map(|f| f.name);
        let h = <Twitter as Catalog>::HEADERS
            .first()
            .map(|h| h.name.to_uppercase());
        let p = <Twitter as Catalog>::RETRY_POLICIES
            .first()
            .map(|p| format!("policy:{}", p.name));
        let s = <Twitter as Catalog>::STREAMS
            .first()
            .map(|s| format!("stream:{}", s.api.as_str()));
        let d = <Twitter as Catalog>::DETAILS.first().map(|d| d.name);
        let x = <Twitter as Catalog>::DISCONNECTS
            .first()
            .map(|d| format!("disconnect:{}", d.code));
        let code = ErrorCode::ALL.first().map(|c| c.code().to_string());
        let status = HttpStatus::ALL
            .first()
            .map(|s| format!("http:{}", s.as_u16()));
        let problem = ProblemType::ALL.first().map(|p| p.uri().to_string());
        for (value, kind) in [
            (code, "code"),
            (status, "status"),
            (problem, "problem"),
            (c.map(str::to_string), "member"),
            (h, "header"),
            (p, "policy"),
            (s, "stream"),
            (x, "disconnect"),
            (d.map(|d| format!("detail:{d}")), "detail"),
        ] {
            let Some(value) = value else { continue };
            let found = lookup(&value);
            assert!(found.iter().any(|e| e.kind == kind), "{value}");
        }
    }

    #[test]
    fn near_misses_get_suggestions_and_long_values_none() {
        for f in <Twitter as Catalog>::FIELDS
            .iter()
            .filter(|f| f.name.len() > 6)
        {
            let typo = format!("{}{}", &f.name[..3], &f.name[4..]);
            let s = suggestions(&typo);
            assert!(s.iter().any(|s| s.1 == f.name), "{typo}: {s:?}");
        }
        assert!(suggestions(&"x".repeat(MAX_SUGGESTED + 1)).is_empty());
        assert!(suggestions("   ").is_empty());
    }
}
