//! The Markdown reference and the generated rustdoc render what the spec
//! says: every entry is linkable, tables keep their columns, and prose with
//! `|`, `<`, backticks or newlines reads as written and never becomes a code
//! block (a doctest in users' crates).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use twitter_errors_codegen::{Builder, Spec, BUNDLED_SPEC};

const NASTY: &str = "Pipes | and <b>tags</b> & `code | span`, an unmatched ` tick,\n\n    an indented line,\n- a dash\n```rust\nfn main() {}\n```\nand *stars* [x](y).";
/// What a reader sees: newlines are spaces, the fenced lines read as one
/// code span (their backticks match), the lone backtick stays.
const NASTY_SEEN: &str = "Pipes | and <b>tags</b> & code | span, an unmatched ` tick, an indented line, - a dash rust fn main() {} and *stars* [x](y).";

fn nasty_spec() -> Spec {
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid/errors.yaml"),
    )
    .expect("the valid fixture");
    let quoted = serde_json::to_string(NASTY).expect("a JSON string is a YAML string");
    let text = base.replace(
        "description: The resource was not found.",
        &format!("description: {quoted}"),
    );
    assert_ne!(text, base);
    Spec::parse("errors.yaml", &text).expect("the spec with odd prose is valid")
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Rows of every table as the text of their cells, and the HTML that
/// appeared outside of the anchors.
fn tables(md: &str) -> (Vec<Vec<String>>, Vec<String>) {
    let mut rows = Vec::new();
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<String> = None;
    let mut html = Vec::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableRow | Tag::TableHead) => row = Some(Vec::new()),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => rows.extend(row.take()),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(r), Some(c)) = (row.as_mut(), cell.take()) {
                    r.push(c);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                let h = h.to_string();
                let anchor = h.starts_with("<a id=\"") && h.ends_with("\">") || h == "</a>";
                if !anchor && !h.starts_with("<!-- This file is") {
                    html.push(h);
                }
            }
            _ => {}
        }
    }
    (rows, html)
}

#[test]
fn every_entry_of_the_catalog_has_an_anchor() {
    let spec = Spec::parse("errors.yaml", BUNDLED_SPEC).expect("the catalog is valid");
    let md = twitter_errors_codegen::markdown(&spec);
    for c in &spec.codes {
        assert!(
            md.contains(&format!("<a id=\"{}\"></a>", c.code)),
            "code {}",
            c.code
        );
    }
    for s in &spec.statuses {
        assert!(
            md.contains(&format!("<a id=\"http-{}\"></a>", s.status)),
            "status {}",
            s.status
        );
    }
    for p in &spec.problems {
        assert!(
            md.contains(&format!("<a id=\"{}\"></a>", p.slug())),
            "{}",
            p.type_uri
        );
    }
    // Anchors are unique.
    let ids: Vec<&str> = md
        .split("<a id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len());
}

#[test]
fn tables_keep_their_columns() {
    for spec in [
        Spec::parse("errors.yaml", BUNDLED_SPEC).expect("the catalog is valid"),
        nasty_spec(),
    ] {
        let md = twitter_errors_codegen::markdown(&spec);
        let (rows, html) = tables(&md);
        assert!(html.is_empty(), "raw HTML in the reference: {html:?}");
        // Every line that looks like a table row became a row, with as many
        // cells as its header.
        let row_lines = md.lines().filter(|l| l.starts_with("| ")).count();
        assert_eq!(rows.len(), row_lines);
        // A header is the row above a `|---` line.
        let lines: Vec<&str> = md.lines().collect();
        let headers: Vec<bool> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.starts_with('|') && !l.starts_with("|---"))
            .map(|(i, _)| lines.get(i + 1).is_some_and(|n| n.starts_with("|---")))
            .collect();
        assert_eq!(headers.len(), rows.len());
        let mut width = 0;
        for ((row, header), line) in rows.iter().zip(headers).zip(
            lines
                .iter()
                .filter(|l| l.starts_with('|') && !l.starts_with("|---")),
        ) {
            if header {
                width = row.len();
            }
            assert_eq!(row.len(), width, "{line}");
        }
    }
}

#[test]
fn odd_prose_reads_as_written_in_the_reference() {
    let md = twitter_errors_codegen::markdown(&nasty_spec());
    let (rows, _) = tables(&md);
    let row = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "34"))
        .expect("the row of code 34");
    assert_eq!(row.len(), 5, "{row:?}");
    assert_eq!(words(&row[4]), NASTY_SEEN);
}

/// Every run of `#[doc]` attributes of an item, joined.
fn docs(file: &syn::File) -> Vec<String> {
    fn doc(attrs: &[syn::Attribute]) -> String {
        attrs
            .iter()
            .filter(|a| a.path().is_ident("doc"))
            .filter_map(|a| match &a.meta {
                syn::Meta::NameValue(nv) => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
    let mut out = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Enum(e) => {
                out.push(doc(&e.attrs));
                out.extend(e.variants.iter().map(|v| doc(&v.attrs)));
            }
            syn::Item::Struct(s) => {
                out.push(doc(&s.attrs));
                out.extend(s.fields.iter().map(|f| doc(&f.attrs)));
            }
            syn::Item::Impl(i) => {
                for it in &i.items {
                    match it {
                        syn::ImplItem::Fn(f) => out.push(doc(&f.attrs)),
                        syn::ImplItem::Const(c) => out.push(doc(&c.attrs)),
                        _ => {}
                    }
                }
            }
            syn::Item::Const(c) => out.push(doc(&c.attrs)),
            syn::Item::Fn(f) => out.push(doc(&f.attrs)),
            _ => {}
        }
    }
    out.retain(|d| !d.is_empty());
    out
}

#[test]
fn generated_rustdoc_has_no_code_blocks_and_reads_as_written() {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    for (spec, least) in [
        (
            Spec::parse("errors.yaml", BUNDLED_SPEC).expect("the catalog is valid"),
            100,
        ),
        (nasty_spec(), 20),
    ] {
        let rust = Builder::new().generate_from(&spec).expect("generates").rust;
        let file = syn::parse_file(&rust).expect("parses");
        let all = docs(&file);
        assert!(all.len() > least, "only {} doc comments", all.len());
        for d in &all {
            for event in Parser::new_ext(d, options) {
                // The generator writes lists of its own; spec prose never
                // opens a block.
                if let Event::Start(
                    Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Heading { .. } | Tag::BlockQuote(_),
                ) = event
                {
                    panic!("{event:?} in the docs:\n{d}");
                }
            }
        }
    }
    // The variant of code 34 carries the prose, readable.
    let rust = Builder::new()
        .generate_from(&nasty_spec())
        .expect("generates")
        .rust;
    let file = syn::parse_file(&rust).expect("parses");
    let doc = docs(&file)
        .into_iter()
        .find(|d| d.contains("Pipes"))
        .expect("the description is in the docs");
    let mut seen = String::new();
    for event in Parser::new_ext(&doc, options) {
        match event {
            Event::Text(t) | Event::Code(t) => seen.push_str(&t),
            Event::SoftBreak | Event::End(TagEnd::Paragraph) => seen.push(' '),
            _ => {}
        }
    }
    assert!(words(&seen).contains(NASTY_SEEN), "{doc}\n->\n{seen}");
}
