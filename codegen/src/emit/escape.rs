//! Escaping spec prose and wire texts for Markdown and rustdoc, so that
//! they render as the plain text they are: shared by the Markdown reference
//! and the generated Rust's docs.

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
