//! `twitter-errors explain`: one catalog entry, for people.

use std::fmt::Write as _;
use std::process::ExitCode;

use twitter_errors::catalog::{Catalog, DisconnectInfo, NoticeInfo, PolicyInfo};
use twitter_errors::text::{MatchKind, TextMatch};
use twitter_errors::{Api, ErrorCode, HttpStatus, ProblemType, Retry, Twitter};

fn retry(r: Retry) -> &'static str {
    r.advice()
}

/// The retry line: the hint, or the policy's advice when there is one.
fn retry_with(r: Retry, policy: Option<&PolicyInfo>) -> String {
    match policy {
        Some(p) => format!("{} (policy {})", p.advice(), p.name),
        None => retry(r).to_string(),
    }
}

fn apis(apis: &[Api]) -> String {
    apis.iter()
        .map(|a| a.as_str())
        .collect::<Vec<_>>()
        .join(", ")
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

fn quoted(items: &[&str]) -> String {
    items
        .iter()
        .map(|a| format!("{a:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[allow(deprecated)]
fn code(c: ErrorCode) -> String {
    let mut s = format!("code {}: {}\n", c.code(), c.message());
    let _ = writeln!(s, "  name:       {} (ErrorCode::{c:?})", c.name());
    let status = c
        .status()
        .map_or_else(|| "not documented".to_string(), |s| s.to_string());
    let _ = writeln!(s, "  status:     {status}");
    if !c.other_statuses().is_empty() {
        let others: Vec<String> = c.other_statuses().iter().map(ToString::to_string).collect();
        let _ = writeln!(s, "  also seen:  {}", others.join(", "));
    }
    let _ = writeln!(s, "  retry:      {}", retry_with(c.retry(), c.policy()));
    if !c.aliases().is_empty() {
        let _ = writeln!(s, "  also sent:  {}", quoted(c.aliases()));
    }
    if !c.templates().is_empty() {
        let _ = writeln!(s, "  templates:  {}", quoted(c.templates()));
    }
    if !c.apis().is_empty() {
        let _ = writeln!(s, "  apis:       {}", apis(c.apis()));
    }
    match c.evidence() {
        twitter_errors::Evidence::Observed => {
            let _ = writeln!(s, "  evidence:   observed in live responses only");
        }
        twitter_errors::Evidence::Unverified => {
            let _ = writeln!(s, "  evidence:   unverified (one third-party source)");
        }
        _ => {}
    }
    if let Some(d) = c.deprecated() {
        let _ = writeln!(s, "  deprecated: {d}");
    }
    s.push('\n');
    s.push_str(&wrap(c.description()));
    for m in c.meanings() {
        let _ = writeln!(s, "\n  also meant ({}):", m.era);
        let _ = writeln!(s, "    text:     {:?}", m.message);
        if !m.aliases.is_empty() {
            let _ = writeln!(s, "    also:     {}", quoted(m.aliases));
        }
        if !m.templates.is_empty() {
            let _ = writeln!(s, "    templates: {}", quoted(m.templates));
        }
        if let Some(st) = m.status {
            let _ = writeln!(s, "    status:   {st}");
        }
        let _ = writeln!(s, "    retry:    {}", retry_with(m.retry, m.policy));
        for line in wrap(m.description).lines() {
            let _ = writeln!(s, "  {line}");
        }
    }
    s
}

/// How a text named a code, when it was not its message as is.
fn matched(m: &TextMatch<'_, ErrorCode>) -> Option<String> {
    let how = match m.kind {
        MatchKind::Exact => None,
        MatchKind::Forgiving => Some(
            "the text, ignoring case, spacing, a final period, apostrophes and link forms"
                .to_string(),
        ),
        MatchKind::Template => {
            let parts: Vec<String> = m
                .captures()
                .iter()
                .map(|(n, v)| format!("{n} = {v:?}"))
                .collect();
            Some(format!(
                "the template {:?} ({})",
                m.template().unwrap_or_default(),
                parts.join(", ")
            ))
        }
        _ => Some("the text".to_string()),
    };
    let meaning = m.meaning().map(|x| format!("its meaning of {}", x.era));
    match (how, meaning) {
        (None, None) => None,
        (Some(h), None) => Some(format!("  matched:    {h}\n")),
        (None, Some(x)) => Some(format!("  matched:    {x}\n")),
        (Some(h), Some(x)) => Some(format!("  matched:    {h}, as {x}\n")),
    }
}

fn status(h: HttpStatus) -> String {
    let mut s = format!("HTTP {} {}\n", h.as_u16(), h.text());
    let _ = writeln!(s, "  name:       {} (HttpStatus::{h:?})", h.name());
    let _ = writeln!(
        s,
        "  retry:      {}",
        retry_with(h.retry(), h.info().policy)
    );
    if !h.aliases().is_empty() {
        let _ = writeln!(s, "  also named: {}", quoted(h.aliases()));
    }
    if !h.apis().is_empty() {
        let _ = writeln!(s, "  apis:       {}", apis(h.apis()));
    }
    s.push('\n');
    s.push_str(&wrap(h.description()));
    s
}

#[allow(deprecated)]
fn problem(p: ProblemType) -> String {
    let title = p.title().unwrap_or("(no title was ever published)");
    let mut s = format!("problem {}: {title}\n", p.uri());
    let _ = writeln!(s, "  name:       {} (ProblemType::{p:?})", p.name());
    let status = p
        .status()
        .map_or_else(|| "not documented".to_string(), |s| s.to_string());
    let _ = writeln!(s, "  status:     {status}");
    let _ = writeln!(s, "  retry:      {}", retry_with(p.retry(), p.policy()));
    if !p.aliases().is_empty() {
        let _ = writeln!(s, "  also titled: {}", quoted(p.aliases()));
    }
    if !p.apis().is_empty() {
        let _ = writeln!(s, "  apis:       {}", apis(p.apis()));
    }
    if let Some(d) = p.deprecated() {
        let _ = writeln!(s, "  deprecated: {d}");
    }
    s.push('\n');
    s.push_str(&wrap(p.description()));
    s
}

/// Every entry that `value` names, rendered.
pub fn lookup(value: &str) -> Vec<String> {
    let v = value.trim();
    let (kind, v) = match v.split_once(':') {
        Some((k @ ("code" | "http" | "status" | "disconnect"), rest)) => (Some(k), rest.trim()),
        _ => (None, v),
    };
    let mut found = Vec::new();
    if let Ok(n) = v.parse::<u32>() {
        if kind == Some("disconnect") {
            found.extend(<Twitter as Catalog>::disconnect(n).map(disconnect));
            return found;
        }
        if kind.is_none() || kind == Some("code") {
            found.extend(ErrorCode::from_code(n).map(code));
        }
        if kind != Some("code") {
            let s = u16::try_from(n).ok().and_then(HttpStatus::from_u16);
            found.extend(s.map(status));
        }
        return found;
    }
    if kind.is_some() {
        return found;
    }
    if let Some(p) = ProblemType::from_uri(v)
        .or_else(|| ProblemType::from_slug(v))
        .or_else(|| ProblemType::from_name(v))
    {
        found.push(problem(p));
    }
    found.extend(ErrorCode::from_name(v).map(code));
    found.extend(HttpStatus::from_name(v).map(status));
    if found.is_empty() {
        // A message text: every code it names, best first. The value as
        // given, so that surrounding space is forgiven like the rest.
        for m in ErrorCode::match_message(value, None) {
            let mut entry = code(m.code);
            if let Some(how) = matched(&m) {
                let at = entry.find('\n').map_or(entry.len(), |i| i + 1);
                entry.insert_str(at, &how);
            }
            found.push(entry);
        }
    }
    if found.is_empty() {
        found.extend(twitter_errors::text::notice::<Twitter>(value).map(notice));
    }
    found
}

/// A legacy `error` text that reports success.
fn notice(n: &NoticeInfo) -> String {
    let mut s = format!(
        "notice: {}
",
        n.text
    );
    let _ = writeln!(s, "  name:       {}", n.name);
    let _ = writeln!(s, "  outcome:    success, not a failure");
    if !n.apis.is_empty() {
        let _ = writeln!(s, "  apis:       {}", apis(n.apis));
    }
    s.push('\n');
    s.push_str(&wrap(n.description));
    s
}

/// A v1.1 streaming disconnect code.
fn disconnect(d: &DisconnectInfo) -> String {
    let mut s = format!(
        "stream disconnect {}: {}\n",
        d.code,
        d.reason.unwrap_or(d.name)
    );
    let _ = writeln!(s, "  name:       {}", d.name);
    let _ = writeln!(s, "  retry:      {}", retry_with(d.retry, d.policy));
    s.push('\n');
    s.push_str(&wrap(d.description));
    s
}

pub fn explain(value: &str) -> ExitCode {
    let found = lookup(value);
    if found.is_empty() {
        eprintln!(
            "twitter-errors: nothing in the catalog matches `{value}`\n  \
             hint: give a v1.1 code (88), an HTTP status (420), a v2 problem \
             name, slug or URI (invalid_request, invalid-request), a message \
             text, or a stream disconnect code (disconnect:4)"
        );
        return ExitCode::FAILURE;
    }
    outln!("{}", found.join("\n"));
    ExitCode::SUCCESS
}
