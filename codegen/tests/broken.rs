//! The broken-spec corpus: every `fixtures/broken/<case>/errors.yaml` must
//! fail with exactly the diagnostics in `expected.err` beside it.
//!
//! On a mismatch the test fails with a diff. Run it with `UPDATE_EXPECT=1`
//! to rewrite the expected files instead, then review the change in git.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use twitter_errors_codegen::{Category, Spec};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Loads a fixture under the name `errors.yaml`, as a contributor would
/// see it from `twitter-errors check` in the spec's folder.
fn load(dir: &Path) -> Result<Spec, twitter_errors_codegen::Error> {
    let bytes = std::fs::read(dir.join("errors.yaml")).expect("fixture is readable");
    Spec::from_sources(&[(PathBuf::from("errors.yaml"), bytes)])
}

/// A line diff of `expected` and `actual`, `-` for expected-only lines and
/// `+` for actual-only lines.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // Longest common subsequence table, from the end.
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            let _ = writeln!(out, "  {}", a[i]);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            let _ = writeln!(out, "+ {}", b[j]);
            j += 1;
        } else {
            let _ = writeln!(out, "- {}", a[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn the_valid_base_loads() {
    let spec = load(&fixtures().join("valid")).expect("the base of the broken fixtures is valid");
    twitter_errors_codegen::Builder::new()
        .generate_from(&spec)
        .expect("the base generates");
}

#[test]
fn every_broken_spec_gives_its_expected_diagnostics() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v == "1");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures().join("broken"))
        .expect("fixtures/broken exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 30,
        "the corpus has only {} broken specs",
        dirs.len()
    );

    let mut failures = Vec::new();
    for dir in &dirs {
        let case = dir.file_name().unwrap_or_default().to_string_lossy();
        let err = match load(dir) {
            Ok(_) => {
                failures.push(format!("{case}: the spec loaded without errors"));
                continue;
            }
            Err(e) => e,
        };
        if err.category() != Category::Spec {
            failures.push(format!("{case}: not a spec error: {err}"));
            continue;
        }
        // Every diagnostic points into the file.
        let text =
            String::from_utf8_lossy(&std::fs::read(dir.join("errors.yaml")).unwrap_or_default())
                .into_owned();
        let lines: Vec<&str> = text.split('\n').collect();
        for d in err.diagnostics() {
            let loc = d.location;
            let ok = loc.line >= 1
                && loc.column >= 1
                && lines
                    .get(loc.line - 1)
                    .is_some_and(|l| loc.column <= l.chars().count() + 1);
            if !ok {
                failures.push(format!("{case}: {d} points outside the file"));
            }
        }
        let actual = format!("{err}\n");
        let path = dir.join("expected.err");
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .replace("\r\n", "\n");
        if actual == expected {
            continue;
        }
        if update {
            std::fs::write(&path, &actual).expect("expected.err is writable");
            eprintln!("updated {}", path.display());
        } else {
            failures.push(format!(
                "{case}: diagnostics differ from expected.err (- expected, + actual):\n{}",
                diff(&expected, &actual)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} broken specs failed (run with UPDATE_EXPECT=1 to accept the new output):\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n")
    );
}

#[test]
fn the_diff_marks_changed_lines() {
    assert_eq!(diff("a\nb\nc\n", "a\nx\nc\n"), "  a\n+ x\n- b\n  c\n");
    assert_eq!(diff("", "new\n"), "+ new\n");
}

#[test]
fn layered_files_are_named_in_their_diagnostics() {
    let base = std::fs::read(fixtures().join("valid/errors.yaml")).expect("the valid fixture");
    let overlay = b"codes:\n  - code: 88\n    name: rate_limit_exceeded\n    message: Rate limit exceeded (overridden).\n    replaces: true\n    description: Replaces the base entry.\n  - code: 999\n    name: page_does_not_exist\n    message: Ours.\n    status: 418\n    description: Our own code.\n"
        .to_vec();
    let err = Spec::from_sources(&[
        (PathBuf::from("errors.yaml"), base),
        (PathBuf::from("local.yaml"), overlay),
    ])
    .expect_err("the overlay has mistakes");
    assert_eq!(
        err.to_string(),
        "error: local.yaml:8:11: duplicate name `page_does_not_exist`\n  \
         help: code 34 at errors.yaml:43 already has this name; names are unique within `codes`\n\
         error: local.yaml:10:13: code 999 refers to status 418, which no `statuses:` entry defines\n  \
         help: add a `statuses:` entry for 418, or use one of 400, 404, 429\n\
         2 errors in the spec"
    );
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_change_nothing() {
    for case in [
        "many_errors",
        "yaml_duplicate_key",
        "nested_values_flow_mapping",
    ] {
        let dir = fixtures().join("broken").join(case);
        let lf = std::fs::read_to_string(dir.join("errors.yaml")).expect("fixture");
        let expected = load(&dir).expect_err("broken").to_string();
        for variant in [lf.replace('\n', "\r\n"), format!("\u{feff}{lf}")] {
            let err = Spec::from_sources(&[(PathBuf::from("errors.yaml"), variant.into_bytes())])
                .expect_err("still broken");
            assert_eq!(err.to_string(), expected, "{case}");
        }
    }
    let valid = std::fs::read_to_string(fixtures().join("valid/errors.yaml")).expect("fixture");
    Spec::parse("errors.yaml", &valid.replace('\n', "\r\n")).expect("CRLF is fine");
    Spec::parse("errors.yaml", &format!("\u{feff}{valid}")).expect("a BOM is fine");
}
