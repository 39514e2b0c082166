//! Specs written to break the generator: texts full of quotes, backslashes,
//! comment and attribute openers, HTML, table pipes, Unicode and sheer
//! length; names that shadow std and prelude items. Each either generates
//! a crate that compiles, whose `message()`/`description()` give back the
//! exact texts and whose docs carry them, or gets a located diagnostic.
//!
//! The compile check builds one throwaway crate (with the shared target
//! directory of the other build tests) and runs its tests.

use std::fmt::Write as _;
use std::path::Path;

use twitter_errors_codegen::{synth, Builder, Spec};
use twitter_errors_tests::build::{cargo_ok, fresh_dir, workspace, write};

/// Texts that mean something to Rust, rustdoc, Markdown, HTML, YAML or a
/// format string.
fn texts() -> Vec<String> {
    let long: String = "Très long, \"quoted\" \\ text | with */ and #[ inside. "
        .chars()
        .cycle()
        .take(12_000)
        .collect();
    vec![
        r#"Quote " and 'single' and backslash \ and \n (not a newline) and \u{41}."#.into(),
        "Comment closer */ and opener /* and // and /** doc */ then #[attr] and #![inner].".into(),
        "HTML </script><script>alert(1)</script> & <b>bold</b> &amp; <!-- c -->".into(),
        "Table | pipes || and \\| escaped-looking | and `back`ticks` and [link](x) and [ErrorCode]".into(),
        "Unicode: é ß 中文 🦀 \u{200B}zero-width \u{2028}line-sep \u{2029}para-sep \u{FEFF}bom \u{200F}rlm \u{0301}combining".into(),
        "Format {} {0} {name} {{}} %s %d $1 ${x} r#\"raw\"# b\"bytes\" '\\''".into(),
        long,
    ]
}

/// A YAML double-quoted scalar that reads back as exactly `s`.
fn yaml_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{85}' | '\u{200B}' | '\u{202E}'
                ) =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Codes whose names shadow std and prelude items once in CamelCase, with
/// one hostile text each as message and description.
const NAMES: &[&str] = &[
    "result",
    "option",
    "self_error",
    "some",
    "none",
    "ok",
    "err",
    "error",
    "string",
    "vec",
    "clone",
    "default",
    "from",
    "into",
    "iterator",
    "send",
    "sized",
    "drop",
    "fn_once",
    "str",
    "u32",
];

fn adversarial_spec() -> String {
    let base = synth::spec(1);
    let texts = texts();
    let mut codes = String::new();
    for (i, name) in NAMES.iter().enumerate() {
        let text = &texts[i % texts.len()];
        // Messages must be unique; descriptions need not be.
        let message = format!("{i}: {text}");
        let _ = write!(
            codes,
            "  - code: {code}\n    name: {name}\n    message: {m}\n    status: 400\n    retry: never\n    description: {d}\n",
            code = 90_000 + i,
            m = yaml_quote(&message),
            d = yaml_quote(text),
        );
    }
    let at = base.find("\ncodes:\n").unwrap() + "\ncodes:\n".len();
    let mut spec = format!("{}{}{}", &base[..at], codes, &base[at..]);
    // A problem type and members named after prelude items.
    spec = spec.replace(
        "problems:\n",
        &format!(
            "problems:\n  - type: https://api.example.com/2/problems/result\n    name: result\n    title: {}\n    status: 400\n    description: {}\n",
            yaml_quote(&texts[2]),
            yaml_quote(&texts[3])
        ),
    );
    spec.push_str("  - name: result\n    description: A member named like the prelude's Result.\n");
    spec.push_str(
        "  - name: verdict\n    description: Values named like prelude items.\n    values:\n",
    );
    for v in [
        "ok", "err", "error", "none", "some", "result", "option", "default",
    ] {
        spec.push_str(&format!(
            "      - value: {v}\n        name: {v}\n        description: {}\n",
            yaml_quote(&texts[0])
        ));
    }
    spec.push_str(
        "  - name: option\n    kind: integer\n    description: \"*/ #[x] </script> | \\\\\"\n",
    );
    spec
}

fn message_of(i: usize) -> String {
    format!("{i}: {}", texts()[i % texts().len()])
}

#[test]
fn hostile_texts_and_shadowing_names_generate_a_crate_that_compiles_and_round_trips() {
    let text = adversarial_spec();
    let spec = Spec::parse("errors.yaml", &text).unwrap_or_else(|e| panic!("{e}"));
    for (i, name) in NAMES.iter().enumerate() {
        let code = spec.codes.iter().find(|c| c.name == *name).unwrap();
        assert_eq!(code.message, message_of(i), "{name}: YAML read back");
    }
    let generated = Builder::new().generate_from(&spec).unwrap();

    // The Markdown reference: every text appears, and every table row keeps
    // its column count (pipes inside texts are escaped).
    let md = &generated.markdown;
    let mut columns = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let cells = line.replace("\\|", "").matches('|').count();
        if line.starts_with("|---") || line.starts_with("| ---") {
            columns = Some(cells);
        }
        if let Some(n) = columns {
            assert_eq!(cells, n, "row with a stray pipe: {line}");
        }
    }
    // Each message is there as a code span, verbatim but for table pipes.
    let unpiped = md.replace("\\|", "|");
    for i in 0..NAMES.len() {
        assert!(unpiped.contains(&message_of(i)), "message {i} missing");
    }

    // The generated source parses, and its docs carry each text exactly,
    // once Markdown's backslash escapes are read.
    let file = syn::parse_file(&generated.rust).unwrap();
    let docs: Vec<String> = docs_of(&file).iter().map(|d| unescape(d)).collect();
    for t in texts() {
        assert!(
            docs.iter().any(|d| d.contains(t.as_str())),
            "no doc holds {:.60}",
            t
        );
    }

    // A crate built from it compiles with warnings denied, and its own
    // tests check every text through the generated functions.
    let ws = workspace();
    let dir = fresh_dir("adversarial-probe");
    write(&dir, "Cargo.toml", &manifest(&ws));
    std::fs::copy(ws.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    write(&dir, "errors.yaml", &text);
    write(
        &dir,
        "build.rs",
        "fn main() { twitter_errors_codegen::Builder::new().spec(\"errors.yaml\").generate().unwrap(); }\n",
    );
    write(
        &dir,
        "src/lib.rs",
        "//! A catalog of hostile texts.\n#![deny(warnings, missing_docs)]\ninclude!(concat!(env!(\"OUT_DIR\"), \"/errors.rs\"));\n",
    );
    write(&dir, "tests/texts.rs", &probe_tests());
    cargo_ok(&dir, &["test", "-q"]);
}

fn manifest(ws: &Path) -> String {
    twitter_errors_tests::build::probe_manifest(ws, "adversarial-probe")
}

/// The probe crate's tests: each text as a Rust literal (`{:?}` writes
/// one), compared with what the generated code returns.
fn probe_tests() -> String {
    let mut out = String::from(
        "use adversarial_probe::{ErrorCode, ProblemType};\n\n#[test]\nfn texts_round_trip() {\n",
    );
    for (i, name) in NAMES.iter().enumerate() {
        let variant: String = name
            .split('_')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            })
            .collect();
        let message = message_of(i);
        let description = &texts()[i % texts().len()];
        let _ = writeln!(
            out,
            "    let c = ErrorCode::{variant};\n    assert_eq!(c.code(), {code});\n    assert_eq!(c.message(), {message:?});\n    assert_eq!(c.description(), {description:?});\n    assert_eq!(ErrorCode::from_message({message:?}), Some(c));\n    assert_eq!(ErrorCode::from_code({code}), Some(c));\n    assert_eq!(c.to_string(), format!(\"{{}} {{}}\", {code}, {message:?}));\n    assert_eq!(ErrorCode::from_name({name:?}), Some(c));",
            code = 90_000 + i,
        );
    }
    out.push_str("    assert_eq!(\"err\".parse::<adversarial_probe::Verdict>().unwrap(), adversarial_probe::Verdict::Err);\n");
    out.push_str("    assert_eq!(<ErrorCode as core::convert::TryFrom<u32>>::try_from(90_007).unwrap(), ErrorCode::Error);\n");
    let _ = writeln!(
        out,
        "    let p = ProblemType::Result;\n    assert_eq!(p.title(), Some({:?}));\n    assert_eq!(p.description(), {:?});\n    assert_eq!(ProblemType::from_uri(\"https://api.example.com/2/problems/result\"), Some(p));\n}}",
        texts()[2],
        texts()[3]
    );
    out
}

/// Markdown text as read: a backslash before ASCII punctuation stands for
/// the punctuation.
fn unescape(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&n)) if n.is_ascii_punctuation() => {
                out.push(n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every `#[doc = "..."]` text in the file, items and their members.
fn docs_of(file: &syn::File) -> Vec<String> {
    fn attrs(out: &mut Vec<String>, attrs: &[syn::Attribute]) {
        for a in attrs {
            if let syn::Meta::NameValue(nv) = &a.meta {
                if nv.path.is_ident("doc") {
                    if let syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) = &nv.value
                    {
                        out.push(s.value());
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Enum(e) => {
                attrs(&mut out, &e.attrs);
                for v in &e.variants {
                    attrs(&mut out, &v.attrs);
                }
            }
            syn::Item::Struct(s) => {
                attrs(&mut out, &s.attrs);
                for f in &s.fields {
                    attrs(&mut out, &f.attrs);
                }
            }
            syn::Item::Impl(i) => {
                for it in &i.items {
                    if let syn::ImplItem::Fn(f) = it {
                        attrs(&mut out, &f.attrs);
                    }
                }
            }
            _ => {}
        }
    }
    // Doc lines are joined as rustdoc joins them.
    let joined: Vec<String> = out.iter().map(|d| d.trim_start().to_string()).collect();
    let mut all = joined.clone();
    all.push(joined.join("\n"));
    all
}

/// Names that cannot be generated get a diagnostic at the name.
#[test]
fn names_that_cannot_be_generated_get_located_diagnostics() {
    let base = synth::spec(1);
    // (anchor, replacement, the line the diagnostic points at, its column,
    // its message)
    let cases: &[(&str, &str, &str, usize, &str)] = &[
        // A vocabulary member named `result` would generate `enum Result`.
        (
            "fields:\n",
            "fields:\n  - name: result\n    description: Shadows Result.\n    values:\n      - value: a\n        name: a\n        description: A.\n",
            "  - name: result",
            11,
            "member `result` lists values, and its generated type `Result` would clash",
        ),
        (
            "fields:\n",
            "fields:\n  - name: option\n    description: Shadows Option.\n    values:\n      - value: a\n        name: a\n        description: A.\n",
            "  - name: option",
            11,
            "member `option` lists values, and its generated type `Option` would clash",
        ),
        (
            "codes:\n",
            "codes:\n  - code: 90001\n    name: self\n    message: M.\n    status: 400\n    description: D.\n",
            "    name: self\n",
            11,
            "`self` is a Rust keyword and cannot be a name",
        ),
        (
            "codes:\n",
            "codes:\n  - code: 90001\n    name: Self\n    message: M.\n    status: 400\n    description: D.\n",
            "    name: Self\n",
            11,
            "`Self` is not a valid name\n  help: names are lower-case ASCII letters, digits and single underscores, starting with a letter: e.g. `self_error`",
        ),
        // Texts that would be invisible, reorder what is displayed, or
        // break a generated doc comment, even when written as escapes.
        (
            "codes:\n",
            "codes:\n  - code: 90001\n    name: rtl\n    message: \"pay \\u202Eexe.txt\"\n    status: 400\n    description: D.\n",
            "    message: ",
            14,
            "`message` contains the text-direction control U+202E",
        ),
        (
            "codes:\n",
            "codes:\n  - code: 90001\n    name: isolate\n    message: M.\n    status: 400\n    description: \"a \\u2066b\\u2069\"\n",
            "    description: \"a",
            18,
            "`description` contains the text-direction control U+2066",
        ),
        (
            "codes:\n",
            "codes:\n  - code: 90001\n    name: bell\n    message: \"ding\\a\"\n    status: 400\n    description: D.\n",
            "    message: ",
            14,
            "`message` contains the control character U+0007",
        ),
        (
            "codes:\n",
            "codes:\n  - code: 90001\n    name: carriage\n    message: M.\n    status: 400\n    description: \"one\\rtwo\"\n",
            "    description: \"one",
            18,
            "`description` contains the control character U+000D",
        ),
        (
            "codes:\n",
            "codes:\n  - code: 90001\n    name: box\n    message: M.\n    status: 400\n    description: D.\n",
            "    name: box\n",
            11,
            "`box` is a Rust keyword and cannot be a name",
        ),
    ];
    for (anchor, with, needle, column, expected) in cases {
        let text = base.replacen(anchor, with, 1);
        let line = text[..text.find(needle).unwrap()].lines().count() + 1;
        let e = Spec::parse("errors.yaml", &text)
            .err()
            .unwrap_or_else(|| panic!("accepted: {with}"));
        let shown = e.to_string();
        let want = format!("error: errors.yaml:{line}:{column}: {expected}");
        assert!(shown.starts_with(&want), "expected {want:?}, got {shown}");
        assert!(shown.ends_with("1 error in the spec"), "{shown}");
    }
}
