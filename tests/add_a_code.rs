//! A data edit is only a data edit: a contributor who adds to `errors.yaml`
//! runs `cargo run -- check` and `cargo run -- generate`, and that is all.
//! The files that change are `errors.yaml` and files marked `@generated`
//! (or under `docs/`); the new entries are Rust items of the runtime
//! crate; and the tests that compare the catalog with its spec pass
//! without a Rust file touched.
//!
//! The test copies the workspace (without `target/`) and edits the copy,
//! as CONTRIBUTING.md's steps do. It is one of the slowest of the suite:
//! the copy is built with cargo, into the target directory every throwaway
//! build shares.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use twitter_errors_tests::build::{cargo, cargo_ok, copy_tree, fresh_dir, text, workspace, write};

/// Every file under `dir` but `target/`, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            if rel == Path::new("target") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Inserts `lines` after the first line of `spec` that is `after`.
fn insert_after(spec: &Path, after: &str, lines: &str) {
    let text = std::fs::read_to_string(spec).unwrap();
    let at = text
        .find(&format!("\n{after}\n"))
        .unwrap_or_else(|| panic!("no line {after:?}"))
        + after.len()
        + 2;
    let mut out = String::with_capacity(text.len() + lines.len());
    out.push_str(&text[..at]);
    out.push_str(lines);
    out.push_str(&text[at..]);
    std::fs::write(spec, out).unwrap();
}

/// A status, a code whose texts hold commas (in the quoted block-list form
/// CONTRIBUTING.md shows), a problem type, a member and a vocabulary
/// value: none of them in the catalog today.
fn edit(spec: &Path) {
    insert_after(
        spec,
        "statuses:",
        "  - status: 599
    name: widget_timeout
    text: Widget Timeout
    retry: backoff
    description: >-
      Added by a test: a new status.
",
    );
    insert_after(
        spec,
        "codes:",
        "  - code: 99902
    name: widget_jammed
    message: \"Sorry, the widget is jammed, again.\"
    aliases:
      - \"Sorry, that widget is jammed.\"
      - \"Widget jammed, try later\"
    status: 599
    apis: [v1.1]
    retry: backoff
    description: >-
      Added by a test: a new code needs nothing but this entry.
",
    );
    insert_after(
        spec,
        "problems:",
        "  - type: https://api.x.com/2/problems/widget-jammed
    name: widget_jammed
    title: Widget Jammed
    status: 599
    apis: [v2]
    retry: backoff
    description: >-
      Added by a test: a new problem type.
",
    );
    insert_after(
        spec,
        "fields:",
        "  - name: widget_id
    kind: string
    description: >-
      Added by a test: a new member.
",
    );
    insert_after(
        spec,
        "    values:",
        "      - value: widget
        name: widget
        description: >-
          Added by a test: a new vocabulary value.
",
    );
}

const EXAMPLE: &str = r#"use twitter_errors::{Code, ErrorCode, HttpStatus, ProblemType, Retry};

fn main() {
    let code = ErrorCode::WidgetJammed;
    assert_eq!(ErrorCode::from_code(99902), Some(code));
    assert_eq!(code.status(), Some(HttpStatus::WidgetTimeout));
    assert_eq!(code.retry(), Retry::Backoff);
    assert_eq!(ErrorCode::from_message("sorry, that widget is jammed"), Some(code));
    assert_eq!(ErrorCode::from_message("Widget jammed, try later."), Some(code));
    assert_eq!(Code::<ErrorCode>::from_code(99902).known(), Some(code));
    let problem = ProblemType::from_uri("https://api.twitter.com/2/problems/widget-jammed");
    assert_eq!(problem, Some(ProblemType::WidgetJammed));
    println!("{code}");
}
"#;

#[test]
fn a_data_edit_is_check_and_generate() {
    let ws = workspace();
    let copy = fresh_dir("workspace-copy");
    copy_tree(&ws, &copy, &["target", ".git", "fuzz"]);
    let before = snapshot(&copy);

    edit(&copy.join("errors.yaml"));
    let check = cargo_ok(&copy, &["run", "-q", "--", "check"]);
    assert!(check.contains("errors.yaml: ok ("), "{check}");
    let generate = cargo_ok(&copy, &["run", "-q", "--", "generate"]);
    assert!(
        generate.contains("wrote crates/twitter-errors/src/bundled.rs"),
        "{generate}"
    );
    cargo_ok(&copy, &["run", "-q", "--", "generate", "--check"]);

    // What changed: the spec, and files that say they are generated.
    let after = snapshot(&copy);
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path)
        .collect();
    assert!(
        changed.contains(&&PathBuf::from("errors.yaml")),
        "{changed:?}"
    );
    for path in &changed {
        let generated = String::from_utf8_lossy(&after[*path]).contains("@generated");
        assert!(
            *path == Path::new("errors.yaml") || path.starts_with("docs") || generated,
            "{} changed, and it is neither the spec nor a generated file",
            path.display()
        );
    }
    assert!(
        before.keys().all(|p| after.contains_key(p)),
        "a file went missing"
    );

    // The new entries are items of the runtime crate.
    write(&copy, "crates/twitter-errors/examples/widget.rs", EXAMPLE);
    let run = cargo(
        &copy,
        &["run", "-q", "-p", "twitter-errors", "--example", "widget"],
    );
    assert!(run.status.success(), "{}", text(&run));
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        "99902 Sorry, the widget is jammed, again.\n"
    );
    // And `explain` knows them.
    let explain = cargo_ok(&copy, &["run", "-q", "--", "explain", "99902"]);
    assert!(
        explain.starts_with("code 99902: Sorry, the widget is jammed, again.\n"),
        "{explain}"
    );

    // The tests that hold the catalog against its spec follow the data.
    cargo_ok(
        &copy,
        &[
            "test",
            "-q",
            "-p",
            "twitter-errors-tests",
            "--test",
            "catalog",
            "--test",
            "generated",
        ],
    );
}
