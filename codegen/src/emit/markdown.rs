//! The Markdown reference (`docs/ERRORS.md`), rendered from the spec.
//!
//! Every code, status and problem type gets an HTML anchor named after its
//! wire value, so that `ERRORS.md#88` or `ERRORS.md#invalid-request` link
//! straight to it.

use std::fmt::Write as _;

use crate::spec::{Retry, Spec};

/// The length of the run of backticks at `chars[i..]`.
fn backticks(chars: &[char], i: usize) -> usize {
    chars[i..].iter().take_while(|c| **c == '`').count()
}

/// Escapes one line of prose for CommonMark, so that it renders as the
/// plain text it is. Code spans written with backticks are kept (an
/// unmatched backtick is escaped instead of opening one), bare URLs become
/// autolinks, and every character that could start emphasis, a link, HTML
/// or an entity is escaped. In a GFM `table` cell, pipes are escaped inside
/// code spans too and `<`, `>`, `&` become entities.
pub(crate) fn inline(text: &str, table: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let run = backticks(&chars, i);
            let mut j = i + run;
            let mut close = None;
            while j < chars.len() {
                if chars[j] == '`' {
                    let r = backticks(&chars, j);
                    if r == run {
                        close = Some(j);
                        break;
                    }
                    j += r;
                } else {
                    j += 1;
                }
            }
            match close {
                Some(j) => {
                    for &ch in &chars[i..j + run] {
                        if ch == '|' && table {
                            out.push_str("\\|");
                        } else {
                            out.push(ch);
                        }
                    }
                    i = j + run;
                }
                None => {
                    out.push_str(&"\\`".repeat(run));
                    i += run;
                }
            }
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
        let word_start = i == 0 || !chars[i - 1].is_alphanumeric();
        if word_start && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let mut end = i;
            while end < chars.len()
                && !chars[end].is_whitespace()
                && !matches!(chars[end], '<' | '>' | '"' | '`' | '|' | ')')
            {
                end += 1;
            }
            while end > i && matches!(chars[end - 1], '.' | ',' | ';' | ':' | '!' | '?') {
                end -= 1;
            }
            out.push('<');
            out.extend(&chars[i..end]);
            out.push('>');
            i = end;
            continue;
        }
        match c {
            '|' => out.push_str("\\|"),
            '<' if table => out.push_str("&lt;"),
            '>' if table => out.push_str("&gt;"),
            '&' if table => out.push_str("&amp;"),
            '<' | '>' | '&' | '[' | ']' | '*' | '_' | '\\' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Escapes text for a Markdown table cell: one line, see [`inline`].
pub(crate) fn cell(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    inline(&line, true)
}

/// Escapes prose for rustdoc: lines of a paragraph are joined, blank lines
/// stay paragraph breaks, and nothing can start a block (indented or fenced
/// code, which would become a doctest; lists, headings, quotes, HTML).
pub(crate) fn rustdoc(text: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs
        .iter()
        .map(|p| {
            let mut out = String::with_capacity(p.len() + 8);
            // What a line may start with that opens a block: `-`, `+`, `=`,
            // `#` (lists, setext and ATX headings), and `1.` or `1)`
            // (ordered lists). The rest is escaped wherever it appears.
            let digits = p.chars().take_while(char::is_ascii_digit).count();
            let rest = &p[digits..];
            if p.starts_with(['-', '+', '=', '#']) {
                out.push('\\');
                out.push_str(&inline(p, false));
            } else if digits > 0 && rest.starts_with(['.', ')']) {
                out.push_str(&p[..digits]);
                out.push('\\');
                out.push_str(&inline(rest, false));
            } else {
                out.push_str(&inline(p, false));
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A literal text as an inline code span: a fence longer than any run of
/// backticks inside, padding where CommonMark would strip or merge a
/// space or backtick, newlines as spaces. In a `table` cell pipes are
/// escaped.
pub(crate) fn code(text: &str, table: bool) -> String {
    let text: String = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let spaced = text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty();
    let pad = if text.starts_with('`') || text.ends_with('`') || spaced {
        " "
    } else {
        ""
    };
    let text = if table {
        text.replace('|', "\\|")
    } else {
        text
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// Texts that break naive Markdown, and the words a reader must see.
    const NASTY: &[(&str, &str)] = &[
        ("a | b", "a | b"),
        ("<named> parameter & <b>bold</b>", "<named> parameter & <b>bold</b>"),
        ("`a|b` <c>", "a|b <c>"),
        ("open `tick and a `` double run", "open `tick and a `` double run"),
        ("``code with ` inside``", "code with ` inside"),
        (
            "*stars* _under_ [link](x) ~~strike~~ \\backslash [^1] ![i](x)",
            "*stars* _under_ [link](x) ~~strike~~ \\backslash [^1] ![i](x)",
        ),
        (
            "line one\nline two\n\n    indented code\n- item\n1. numbered\n# heading\n> quote\n---\n===\n~~~\n<div>",
            "line one line two indented code - item 1. numbered # heading > quote --- === ~~~ <div>",
        ),
        ("```rust\nfn main() {}\n```", "rust fn main() {}"),
        ("```\nunclosed fence", "``` unclosed fence"),
        (
            "see https://developer.x.com/en/docs_x|y, then retry.",
            "see https://developer.x.com/en/docs_x|y, then retry.",
        ),
        ("C# and 100% & 3 < 4 > 2", "C# and 100% & 3 < 4 > 2"),
        ("&amp; is an entity", "&amp; is an entity"),
        ("- starts like a list", "- starts like a list"),
        ("12. starts like an ordered list", "12. starts like an ordered list"),
        ("# starts like a heading", "# starts like a heading"),
    ];

    /// The text a reader sees, and whether anything but paragraphs, text,
    /// code spans, links and table structure appeared.
    fn rendered(md: &str, options: Options) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut unexpected = Vec::new();
        for event in Parser::new_ext(md, options) {
            match event {
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak => text.push(' '),
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => text.push(' '),
                Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => {}
                Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell) => {}
                Event::End(
                    TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell,
                ) => text.push(' '),
                other => unexpected.push(format!("{other:?}")),
            }
        }
        (text, unexpected)
    }

    fn words(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn rustdoc_text_renders_as_written() {
        // The extensions rustdoc turns on, but smart punctuation (which
        // only changes quotes and dashes).
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_TASKLISTS;
        for (text, want) in NASTY {
            let md = rustdoc(text);
            let (seen, unexpected) = rendered(&md, options);
            assert!(unexpected.is_empty(), "{text:?} -> {md:?}: {unexpected:?}");
            assert_eq!(words(&seen), *want, "{text:?} -> {md:?}");
        }
    }

    #[test]
    fn table_cells_render_as_written() {
        for (text, want) in NASTY {
            let md = format!(
                "| A | B |\n|---|---|\n| {} | {} |\n",
                cell(text),
                code(text, true)
            );
            let (seen, unexpected) = rendered(&md, Options::ENABLE_TABLES);
            assert!(unexpected.is_empty(), "{text:?} -> {md:?}: {unexpected:?}");
            // The prose cell, then the literal cell with the text verbatim.
            let expected = format!("A B {want} {}", words(text));
            assert_eq!(words(&seen), expected, "{text:?} -> {md:?}");
        }
    }

    #[test]
    fn code_spans_keep_edge_spaces_and_backticks() {
        assert_eq!(code("a`b", false), "``a`b``");
        assert_eq!(code("`x", false), "`` `x ``");
        assert_eq!(code(" a ", false), "`  a  `");
        assert_eq!(code("x|y", true), "`x\\|y`");
        assert_eq!(code("two\nlines", false), "`two lines`");
    }

    #[test]
    fn escapes_are_minimal_in_plain_prose() {
        assert_eq!(cell("Rate limit exceeded."), "Rate limit exceeded.");
        assert_eq!(
            rustdoc("Sorry, that page does not exist!"),
            "Sorry, that page does not exist!"
        );
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell("<named> x"), "&lt;named&gt; x");
        assert_eq!(cell("line\nbreak"), "line break");
        assert_eq!(cell("open `tick"), "open \\`tick");
        assert_eq!(rustdoc("<named> x"), "\\<named\\> x");
        assert_eq!(rustdoc("a\n\n  b"), "a\n\nb");
    }
}
