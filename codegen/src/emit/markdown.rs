//! The Markdown reference (`docs/ERRORS.md`), rendered from the spec.
//!
//! Every code, status and problem type gets an HTML anchor named after its
//! wire value, so that `ERRORS.md#88` or `ERRORS.md#invalid-request` link
//! straight to it. The words for retry hints, evidence and header meanings
//! are the runtime's own ([`Retry::label`], [`Retry::advice`], ...), the
//! words `Display` and `explain` use.

use std::fmt::Write as _;
use std::time::Duration;

use super::escape::{cell, code};
use crate::spec::{self, Retry, Spec};

/// A literal wire text in a table cell.
fn literal(text: &str) -> String {
    code(text, true)
}

/// `a`, `b`: wire texts as code spans, for a table cell.
fn literals(texts: &[String]) -> String {
    texts
        .iter()
        .map(|t| literal(t))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The retry cell: the hint, and the policy it names, linked.
fn retry_cell(r: Retry, policy: Option<&String>) -> String {
    match policy {
        Some(p) => format!("{} ([`{p}`](#policy-{p}))", r.label()),
        None => r.label().to_string(),
    }
}

fn status_link(spec: &Spec, status: Option<u16>) -> String {
    match status {
        Some(s) => match spec.status(s) {
            Some(st) => format!("[{s}](#http-{s}) {}", cell(&st.text)),
            None => s.to_string(),
        },
        None => "—".to_string(),
    }
}

/// ` **Deprecated:** why` for a deprecated entry.
fn deprecated(note: Option<&String>) -> String {
    note.map_or_else(String::new, |d| format!(" **Deprecated:** {}", cell(d)))
}

/// The spec files by name, without directories.
fn sources(spec: &Spec) -> Vec<String> {
    spec.files
        .iter()
        .map(|f| {
            f.file_name().map_or_else(
                || f.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect()
}

/// Renders the whole reference.
pub(crate) fn render(spec: &Spec) -> String {
    let mut md = String::new();
    header(&mut md, spec);
    statuses(&mut md, spec);
    codes(&mut md, spec);
    problems(&mut md, spec);
    details(&mut md, spec);
    members(&mut md, spec);
    policies(&mut md, spec);
    streams(&mut md, spec);
    disconnects(&mut md, spec);
    notices(&mut md, spec);
    formats_and_headers(&mut md, spec);
    md
}

fn header(md: &mut String, spec: &Spec) {
    let sources = sources(spec);
    let _ = writeln!(
        md,
        "<!-- This file is \x40generated from {} by twitter-errors-codegen. Do not edit. -->",
        sources.join(" + ")
    );
    md.push_str("\n# Twitter (X) API error reference\n\n");
    let _ = writeln!(
        md,
        "{} HTTP statuses, {} v1.1 error codes, {} v2 problem types and {} v2 error-object members. \
         Link to an entry by its value: `ERRORS.md#88`, `ERRORS.md#http-429`, `ERRORS.md#invalid-request`.\n\n\
         This reference is generated from `{}`: to add or change an entry, edit the spec, check it with \
         `twitter-errors check` and regenerate this file (in the repository, `cargo run -- generate`).\n",
        spec.statuses.len(),
        spec.codes.len(),
        spec.problems.len(),
        spec.fields.len(),
        sources.join("` + `")
    );
    md.push_str("- [HTTP statuses](#http-statuses)\n- [v1.1 error codes](#v11-error-codes)\n- [v2 problem types](#v2-problem-types)\n- [v2 problem details](#v2-problem-details)\n- [v2 error-object members](#v2-error-object-members)\n- [Retry policies](#retry-policies)\n- [Streams](#streams)\n- [Wire formats](#wire-formats)\n- [Response headers](#response-headers)\n\n");
    md.push_str("Retry, in the tables below:\n\n");
    for r in Retry::ALL {
        let _ = writeln!(md, "- *{}*: {} ({}).", r.label(), r.advice(), r.reason());
    }
    md.push('\n');
}

fn statuses(md: &mut String, spec: &Spec) {
    md.push_str("## HTTP statuses\n\n| Status | Text | Retry | APIs | Description |\n|---|---|---|---|---|\n");
    for s in &spec.statuses {
        let mut desc = cell(&s.description);
        if !s.aliases.is_empty() {
            let _ = write!(desc, " Also documented as: {}.", literals(&s.aliases));
        }
        desc.push_str(&deprecated(s.deprecated.as_ref()));
        let apis: Vec<&str> = s.apis.iter().map(|a| a.as_str()).collect();
        let _ = writeln!(
            md,
            "| <a id=\"http-{0}\"></a>{0} | {1} | {2} | {3} | {4} |",
            s.status,
            cell(&s.text),
            retry_cell(s.retry, s.retry_policy.as_ref()),
            apis.join(", "),
            desc
        );
    }
}

/// The description cell of a code: ours, then its other texts, meanings,
/// statuses, evidence.
fn code_description(c: &spec::Code) -> String {
    let mut desc = cell(&c.description);
    if !c.aliases.is_empty() {
        let _ = write!(desc, " Also sent as: {}.", literals(&c.aliases));
    }
    if !c.templates.is_empty() {
        let _ = write!(desc, " Templates: {}.", literals(&c.templates));
    }
    for m in &c.meanings {
        let texts: Vec<String> = std::iter::once(&m.message)
            .chain(&m.aliases)
            .chain(&m.templates)
            .cloned()
            .collect();
        let status = m.status.map_or_else(String::new, |s| format!(", HTTP {s}"));
        let _ = write!(
            desc,
            " **Also meant** ({}{status}, retry {}): {} {}",
            cell(&m.era),
            retry_cell(m.retry, m.retry_policy.as_ref()),
            literals(&texts),
            cell(&m.description)
        );
    }
    if !c.other_statuses.is_empty() {
        let others: Vec<String> = c.other_statuses.iter().map(u16::to_string).collect();
        let _ = write!(desc, " Also seen with HTTP {}.", others.join(", "));
    }
    if c.suspended {
        desc.push_str(SUSPENDED);
    }
    if let Some(note) = c.evidence.note() {
        let _ = write!(desc, " *Evidence: {note}.*");
    }
    desc.push_str(&deprecated(c.deprecated.as_ref()));
    desc
}

/// What `suspended: true` adds to an entry's description.
const SUSPENDED: &str = " **Suspension**: `is_suspended()` is true for it.";

fn codes(md: &mut String, spec: &Spec) {
    md.push_str("\n## v1.1 error codes\n\n| Code | Message | Status | Retry | Description |\n|---|---|---|---|---|\n");
    for c in &spec.codes {
        let _ = writeln!(
            md,
            "| <a id=\"{0}\"></a>{0} | {1} | {2} | {3} | {4} |",
            c.code,
            literal(&c.message),
            status_link(spec, c.status),
            retry_cell(c.retry, c.retry_policy.as_ref()),
            code_description(c)
        );
    }
}

fn problems(md: &mut String, spec: &Spec) {
    md.push_str("\n## v2 problem types\n\n");
    if !spec.problem_hosts.is_empty() {
        md.push_str("Problem types have been served under several URI prefixes; a type matches under any of them:\n\n");
        for h in &spec.problem_hosts {
            let default = if h.default {
                " *(the host encoders write by default)*"
            } else {
                ""
            };
            let _ = writeln!(
                md,
                "- {}{default}: {}",
                literal(&h.prefix),
                cell(&h.description)
            );
        }
        md.push('\n');
    }
    md.push_str("| Type | Title | Status | Retry | Description |\n|---|---|---|---|---|\n");
    for p in &spec.problems {
        let mut desc = cell(&p.description);
        if !p.aliases.is_empty() {
            let _ = write!(desc, " Also titled: {}.", literals(&p.aliases));
        }
        let field = |m: &String| format!("[`{m}`](#field-{m})");
        if p.suspended {
            desc.push_str(SUSPENDED);
        }
        if !p.members.is_empty() {
            let members: Vec<String> = p.members.iter().map(field).collect();
            let _ = write!(desc, " Members: {}.", members.join(", "));
        }
        if !p.required.is_empty() {
            let required: Vec<String> = p.required.iter().map(field).collect();
            let _ = write!(desc, " Required: {}.", required.join(", "));
        }
        desc.push_str(&deprecated(p.deprecated.as_ref()));
        let _ = writeln!(
            md,
            "| <a id=\"{}\"></a>{} | {} | {} | {} | {} |",
            p.slug(),
            literal(&p.type_uri),
            p.title
                .as_deref()
                .map_or_else(|| "*never published*".to_string(), literal),
            status_link(spec, p.status),
            retry_cell(p.retry, p.retry_policy.as_ref()),
            desc
        );
    }
}

fn details(md: &mut String, spec: &Spec) {
    if spec.details.is_empty() {
        return;
    }
    md.push_str("\n## v2 problem details\n\n`detail` texts that name a cause of their own, beyond the problem's type; decoding finds them (`Problem::cause`), forgiving case, spacing and a final period, and the templates' varying parts.\n\n| Detail | Problem | Status | v1.1 code | Retry | Description |\n|---|---|---|---|---|---|\n");
    for d in &spec.details {
        let mut desc = cell(&d.description);
        if !d.aliases.is_empty() {
            let _ = write!(desc, " Also sent as: {}.", literals(&d.aliases));
        }
        if !d.templates.is_empty() && d.text.is_some() {
            let _ = write!(desc, " Templates: {}.", literals(&d.templates));
        }
        if let Some(note) = d.evidence.note() {
            let _ = write!(desc, " Evidence: {note}.");
        }
        let problem = spec
            .problems
            .iter()
            .find(|p| p.name == d.problem)
            .map_or_else(
                || d.problem.clone(),
                |p| format!("[{}](#{})", literal(p.slug()), p.slug()),
            );
        let code = d
            .code
            .map_or_else(|| "—".to_string(), |c| format!("[{c}](#{c})"));
        let _ = writeln!(
            md,
            "| <a id=\"detail-{}\"></a>{} | {problem} | {} | {code} | {} | {desc} |",
            d.name,
            d.text
                .as_deref()
                .map_or_else(|| literals(&d.templates), literal),
            status_link(spec, d.status),
            retry_cell(d.retry, d.retry_policy.as_ref()),
        );
    }
}

fn streams(md: &mut String, spec: &Spec) {
    if spec.streams.is_empty() {
        return;
    }
    md.push_str("\n## Streams\n\nHow each API's streams are kept alive, and how to reconnect after each kind of failure.\n\n| Stream | API | Heartbeat | Timeout | Network failure | HTTP error | Rate limit | Description |\n|---|---|---|---|---|---|---|---|\n");
    let ms = |v: Option<u64>| {
        v.map_or_else(
            || "—".to_string(),
            |ms| twitter_errors::catalog::wait_words(Duration::from_millis(ms)).to_string(),
        )
    };
    let policy = |p: &Option<String>| {
        p.as_ref()
            .map_or_else(|| "—".to_string(), |p| format!("[`{p}`](#policy-{p})"))
    };
    for x in &spec.streams {
        let _ = writeln!(
            md,
            "| <a id=\"stream-{0}\"></a>`{0}` | {1} | {2} | {3} | {4} | {5} | {6} | {7} |",
            x.name,
            x.api.as_str(),
            ms(x.heartbeat_ms),
            ms(x.timeout_ms),
            policy(&x.on_network),
            policy(&x.on_http_error),
            policy(&x.on_rate_limit),
            cell(&x.description)
        );
    }
}

fn members(md: &mut String, spec: &Spec) {
    md.push_str("\n## v2 error-object members\n\nMembers not listed here are kept as they came by the decoders.\n\n| Member | Always present | Type | Description |\n|---|---|---|---|\n");
    for f in &spec.fields {
        let kind = match f.kind {
            spec::FieldKind::String if !f.values.is_empty() => "string (vocabulary)",
            spec::FieldKind::Integer => "integer",
            spec::FieldKind::Json => "any JSON",
            _ => "string",
        };
        let _ = writeln!(
            md,
            "| <a id=\"field-{0}\"></a>`{0}` | {1} | {2} | {3} |",
            f.name,
            if f.always { "yes" } else { "no" },
            kind,
            cell(&f.description)
        );
    }
    for f in spec.fields.iter().filter(|f| !f.values.is_empty()) {
        let _ = writeln!(
            md,
            "\n### Values of `{}`\n\n| Value | Description |\n|---|---|",
            f.name
        );
        for v in &f.values {
            let mut desc = cell(&v.description);
            if let Some(r) = v.retry {
                let _ = write!(desc, " Retry: {}.", retry_cell(r, v.retry_policy.as_ref()));
            }
            let _ = writeln!(md, "| {} | {} |", literal(&v.value), desc);
        }
    }
}

/// The schedule of a backoff policy, in the runtime's words.
fn schedule(p: &spec::RetryPolicy) -> String {
    let ms = Duration::from_millis;
    let backoff = match (p.retry, p.initial_ms) {
        (Retry::Backoff, Some(initial)) => match p.growth {
            spec::Growth::Linear => twitter_errors::catalog::Backoff::linear(
                ms(initial),
                ms(p.step_ms.unwrap_or(0)),
                p.max_ms.map(ms),
            ),
            _ => twitter_errors::catalog::Backoff::exponential(ms(initial), p.max_ms.map(ms)),
        },
        _ => return "—".to_string(),
    };
    let mut out = backoff.to_string();
    if let Some(f) = p.default_for {
        let _ = write!(out, "; the default for `{}`", f.as_str());
    }
    out
}

fn policies(md: &mut String, spec: &Spec) {
    if spec.retry_policies.is_empty() {
        return;
    }
    md.push_str("\n## Retry policies\n\nHow to wait before retrying, as the API's own guidance gives it; the entries above name them, and a policy that is the default for a kind of failure is used for those that name none.\n\n| Policy | Retry | Schedule | Reset | Description |\n|---|---|---|---|---|\n");
    for p in &spec.retry_policies {
        let reset = match p.retry {
            Retry::AfterReset => p.reset.label(),
            _ => "—",
        };
        let _ = writeln!(
            md,
            "| <a id=\"policy-{0}\"></a>`{0}` | {1} | {2} | {reset} | {3} |",
            p.name,
            p.retry.label(),
            schedule(p),
            cell(&p.description)
        );
    }
}

fn disconnects(md: &mut String, spec: &Spec) {
    if spec.disconnects.is_empty() {
        return;
    }
    md.push_str("\n## Stream disconnect codes\n\nThe `code` of a v1.1 streaming `disconnect` notice; not v1.1 error codes.\n\n| Code | Reason | Retry | Description |\n|---|---|---|---|\n");
    for d in &spec.disconnects {
        let _ = writeln!(
            md,
            "| <a id=\"disconnect-{0}\"></a>{0} | {1} | {2} | {3} |",
            d.code,
            d.reason.as_deref().map_or_else(|| "—".to_string(), cell),
            retry_cell(d.retry, d.retry_policy.as_ref()),
            cell(&d.description)
        );
    }
}

fn notices(md: &mut String, spec: &Spec) {
    if spec.notices.is_empty() {
        return;
    }
    md.push_str("\n## Notices\n\nTexts of the legacy `error` member that report success, not a failure.\n\n| Text | Description |\n|---|---|\n");
    for n in &spec.notices {
        let _ = writeln!(md, "| {} | {} |", literal(&n.text), cell(&n.description));
    }
}

fn formats_and_headers(md: &mut String, spec: &Spec) {
    md.push_str("\n## Wire formats\n\n| Format | Content-Type | Description |\n|---|---|---|\n");
    for f in &spec.formats {
        let _ = writeln!(
            md,
            "| {} | {} | {} |",
            f.name,
            literal(&f.content_type),
            cell(&f.description)
        );
    }
    md.push_str(
        "\n## Response headers\n\n| Header | Meaning | Window | Description |\n|---|---|---|---|\n",
    );
    for h in &spec.headers {
        let _ = writeln!(
            md,
            "| <a id=\"header-{0}\"></a>`{0}` | {1} | {2} | {3} |",
            h.name,
            h.meaning.label(),
            h.window.map_or("—", |w| w.label()),
            cell(&h.description)
        );
    }
}
