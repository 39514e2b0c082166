//! The Markdown reference (`docs/ERRORS.md`), rendered from the spec.
//!
//! Every code, status and problem type gets an HTML anchor named after its
//! wire value, so that `ERRORS.md#88` or `ERRORS.md#invalid-request` link
//! straight to it.

use std::fmt::Write as _;

use super::escape::{cell, code};
use crate::spec::{Retry, Spec};

/// A literal wire text in a table cell.
fn literal(text: &str) -> String {
    code(text, true)
}

fn retry(r: Retry) -> &'static str {
    r.label()
}

/// The retry cell: the hint, and the policy it names, linked.
fn retry_cell(r: Retry, policy: Option<&String>) -> String {
    match policy {
        Some(p) => format!("{} ([`{p}`](#policy-{p}))", retry(r)),
        None => retry(r).to_string(),
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

/// Renders the whole reference.
pub(crate) fn render(spec: &Spec) -> String {
    let mut md = String::new();
    let sources: Vec<String> = spec
        .files
        .iter()
        .map(|f| {
            f.file_name().map_or_else(
                || f.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect();
    let _ = writeln!(
        md,
        "<!-- This file is \x40generated from {} by `twitter-errors docs`. Do not edit. -->",
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
    md.push_str("- [HTTP statuses](#http-statuses)\n- [v1.1 error codes](#v11-error-codes)\n- [v2 problem types](#v2-problem-types)\n- [v2 error-object members](#v2-error-object-members)\n- [Wire formats](#wire-formats)\n- [Rate-limit headers](#rate-limit-headers)\n\n");
    md.push_str("Retry: *never* means the same request fails again; *after reset* means wait for the rate-limit window (`x-rate-limit-reset`); *backoff* means a transient failure, retry with exponential backoff.\n\n");

    md.push_str("## HTTP statuses\n\n| Status | Text | Retry | APIs | Description |\n|---|---|---|---|---|\n");
    for s in &spec.statuses {
        let mut desc = cell(&s.description);
        if !s.aliases.is_empty() {
            let _ = write!(
                desc,
                " Also documented as: {}.",
                s.aliases
                    .iter()
                    .map(|a| literal(a))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if let Some(d) = &s.deprecated {
            let _ = write!(desc, " **Deprecated:** {}", cell(d));
        }
        let _ = writeln!(
            md,
            "| <a id=\"http-{0}\"></a>{0} | {1} | {2} | {3} | {4} |",
            s.status,
            cell(&s.text),
            retry_cell(s.retry, s.retry_policy.as_ref()),
            s.apis
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            desc
        );
    }

    md.push_str("\n## v1.1 error codes\n\n| Code | Message | Status | Retry | Description |\n|---|---|---|---|---|\n");
    for c in &spec.codes {
        let mut desc = cell(&c.description);
        if !c.aliases.is_empty() {
            let _ = write!(
                desc,
                " Also sent as: {}.",
                c.aliases
                    .iter()
                    .map(|a| literal(a))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if !c.templates.is_empty() {
            let _ = write!(
                desc,
                " Templates: {}.",
                c.templates
                    .iter()
                    .map(|a| literal(a))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        for m in &c.meanings {
            let texts: Vec<String> = std::iter::once(&m.message)
                .chain(&m.aliases)
                .chain(&m.templates)
                .map(|t| literal(t))
                .collect();
            let status = match m.status {
                Some(s) => format!(", HTTP {s}"),
                None => String::new(),
            };
            let _ = write!(
                desc,
                " **Also meant** ({}{status}, retry {}): {} {}",
                cell(&m.era),
                retry_cell(m.retry, m.retry_policy.as_ref()),
                texts.join(", "),
                cell(&m.description)
            );
        }
        if !c.other_statuses.is_empty() {
            let _ = write!(
                desc,
                " Also seen with HTTP {}.",
                c.other_statuses
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if let Some(note) = c.evidence.note() {
            let _ = write!(desc, " *Evidence: {note}.*");
        }
        if let Some(d) = &c.deprecated {
            let _ = write!(desc, " **Deprecated:** {}", cell(d));
        }
        let _ = writeln!(
            md,
            "| <a id=\"{0}\"></a>{0} | {1} | {2} | {3} | {4} |",
            c.code,
            literal(&c.message),
            status_link(spec, c.status),
            retry_cell(c.retry, c.retry_policy.as_ref()),
            desc
        );
    }

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
            let _ = write!(
                desc,
                " Also titled: {}.",
                p.aliases
                    .iter()
                    .map(|a| literal(a))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if let Some(d) = &p.deprecated {
            let _ = write!(desc, " **Deprecated:** {}", cell(d));
        }
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

    md.push_str("\n## v2 error-object members\n\nMembers not listed here are kept as they came by the decoders.\n\n| Member | Always present | Type | Description |\n|---|---|---|---|\n");
    for f in &spec.fields {
        let kind = match f.kind {
            crate::spec::FieldKind::String if !f.values.is_empty() => "string (vocabulary)",
            crate::spec::FieldKind::String => "string",
            crate::spec::FieldKind::Integer => "integer",
            crate::spec::FieldKind::Json => "any JSON",
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

    if !spec.retry_policies.is_empty() {
        md.push_str("\n## Retry policies\n\nHow to wait before retrying, as the API's own guidance gives it; the entries above name them.\n\n| Policy | Retry | Schedule | Reset | Description |\n|---|---|---|---|---|\n");
        for p in &spec.retry_policies {
            let ms = |v: Option<u64>| v.map(|v| format!("{v} ms"));
            let schedule = if p.retry == Retry::Backoff {
                let growth = match p.growth {
                    crate::spec::Growth::Linear => {
                        format!("linear, {} a step", ms(p.step_ms).unwrap_or_default())
                    }
                    g => g.as_str().to_string(),
                };
                let mut parts = vec![growth];
                parts.extend(ms(p.initial_ms).map(|v| format!("from {v}")));
                parts.extend(ms(p.max_ms).map(|v| format!("up to {v}")));
                parts.join(", ")
            } else {
                "—".to_string()
            };
            let reset = match p.retry {
                Retry::AfterReset => p.reset.label(),
                _ => "—",
            };
            let _ = writeln!(
                md,
                "| <a id=\"policy-{0}\"></a>`{0}` | {1} | {schedule} | {reset} | {2} |",
                p.name,
                retry(p.retry),
                cell(&p.description)
            );
        }
    }
    if !spec.disconnects.is_empty() {
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
    if !spec.notices.is_empty() {
        md.push_str("\n## Notices\n\nTexts of the legacy `error` member that report success, not a failure.\n\n| Text | Description |\n|---|---|\n");
        for n in &spec.notices {
            let _ = writeln!(md, "| {} | {} |", literal(&n.text), cell(&n.description));
        }
    }

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
    md.push_str("\n## Rate-limit headers\n\n| Header | Meaning | Window | Description |\n|---|---|---|---|\n");
    for h in &spec.headers {
        let (meaning, window) = (h.meaning.label(), h.window.label());
        let _ = writeln!(
            md,
            "| `{}` | {meaning} | {window} | {} |",
            h.name,
            cell(&h.description)
        );
    }
    md
}
