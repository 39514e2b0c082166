//! The Markdown reference (`docs/ERRORS.md`), rendered from the spec.
//!
//! Every code, status and problem type gets an HTML anchor named after its
//! wire value, so that `ERRORS.md#88` or `ERRORS.md#invalid-request` link
//! straight to it.

use std::fmt::Write as _;

use crate::spec::{Evidence, Retry, Spec};

/// Escapes text for a Markdown table cell: pipes, angle brackets and
/// emphasis markers are escaped, newlines become spaces. Inline code spans
/// written with backticks are kept.
pub(crate) fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            '|' => out.push_str("\\|"),
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '&' if !in_code => out.push_str("&amp;"),
            '*' | '_' | '[' | ']' | '\\' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    if in_code {
        out.push('`');
    }
    out
}

/// A literal wire text as an inline code span (pipes escaped for tables).
fn literal(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    let text = text.replace('|', "\\|").replace(['\n', '\r'], " ");
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn retry(r: Retry) -> &'static str {
    match r {
        Retry::Never => "never",
        Retry::AfterReset => "after reset",
        Retry::Backoff => "backoff",
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
         Link to an entry by its value: `ERRORS.md#88`, `ERRORS.md#http-429`, `ERRORS.md#invalid-request`.\n",
        spec.statuses.len(),
        spec.codes.len(),
        spec.problems.len(),
        spec.fields.len()
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
            retry(s.retry),
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
        match c.evidence {
            Evidence::Documented => {}
            Evidence::Observed => desc.push_str(" *Observed in live responses only.*"),
            Evidence::Unverified => desc.push_str(" *Unverified: one third-party source.*"),
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
            retry(c.retry),
            desc
        );
    }

    md.push_str("\n## v2 problem types\n\n");
    if !spec.problem_hosts.is_empty() {
        md.push_str("Problem types have been served under several URI prefixes; a type matches under any of them:\n\n");
        for h in &spec.problem_hosts {
            let _ = writeln!(md, "- `{}`: {}", h.prefix, cell(&h.description));
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
            "| <a id=\"{}\"></a>`{}` | {} | {} | {} | {} |",
            p.slug(),
            p.type_uri,
            literal(&p.title),
            status_link(spec, p.status),
            retry(p.retry),
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
            let _ = writeln!(md, "| {} | {} |", literal(&v.value), cell(&v.description));
        }
    }

    md.push_str("\n## Wire formats\n\n| Format | Content-Type | Description |\n|---|---|---|\n");
    for f in &spec.formats {
        let _ = writeln!(
            md,
            "| {} | `{}` | {} |",
            f.name,
            f.content_type,
            cell(&f.description)
        );
    }
    md.push_str("\n## Rate-limit headers\n\n| Header | Meaning | Window | Description |\n|---|---|---|---|\n");
    for h in &spec.headers {
        let meaning = match h.meaning {
            crate::spec::HeaderMeaning::Limit => "limit",
            crate::spec::HeaderMeaning::Remaining => "remaining",
            crate::spec::HeaderMeaning::Reset => "reset",
            crate::spec::HeaderMeaning::RetryAfter => "retry after",
        };
        let window = match h.window {
            crate::spec::Window::Standard => "standard",
            crate::spec::Window::App24h => "app, 24 hours",
            crate::spec::Window::User24h => "user, 24 hours",
        };
        let _ = writeln!(
            md,
            "| `{}` | {meaning} | {window} | {} |",
            h.name,
            cell(&h.description)
        );
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_what_breaks_tables() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell("<named> x"), "&lt;named&gt; x");
        assert_eq!(cell("line\nbreak"), "line break");
        assert_eq!(cell("`a|b` <c>"), "`a\\|b` &lt;c&gt;");
        assert_eq!(cell("open `tick"), "open `tick`");
    }

    #[test]
    fn literals_survive_backticks_and_pipes() {
        assert_eq!(literal("a`b"), "``a`b``");
        assert_eq!(literal("x|y"), "`x\\|y`");
    }
}
