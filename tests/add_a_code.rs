//! Adding an error code takes one edit to `errors.yaml` and a rebuild: no
//! Rust to write, no other file to touch; and a broken `errors.yaml` still
//! lets `cargo run -- check` run and say what is wrong.
//!
//! Each test copies the workspace (without `target/`) and edits the copy's
//! root `errors.yaml`. Inside the workspace the runtime crate regenerates
//! its catalog from that file (the CLI and the tests turn on its
//! `regenerate` feature), so the next `cargo run` sees the edit.

use twitter_errors_tests::build::{
    add_code, cargo, cargo_ok, copy_tree, fresh_dir, text, workspace, write,
};

const ENTRY: &str = "  - code: 99902
    name: widget_jammed
    message: The widget is jammed.
    status: 503
    apis: [v1.1]
    retry: backoff
    description: >-
      Added by a test: a new code needs nothing but this entry.
";

const EXAMPLE: &str = r#"use twitter_errors::{Code, ErrorCode, HttpStatus, Retry};

fn main() {
    let code = ErrorCode::WidgetJammed;
    assert_eq!(ErrorCode::from_code(99902), Some(code));
    assert_eq!(code.status(), Some(HttpStatus::ServiceUnavailable));
    assert_eq!(code.retry(), Retry::Backoff);
    assert_eq!(Code::<ErrorCode>::from_code(99902).known(), Some(code));
    println!("{code}");
}
"#;

#[test]
fn a_new_entry_in_errors_yaml_is_all_it_takes() {
    let ws = workspace();
    let copy = fresh_dir("workspace-copy");
    copy_tree(&ws, &copy, &["target", ".git", "fuzz"]);
    let runtime = copy.join("crates/twitter-errors");

    cargo_ok(&copy, &["build", "-q"]);

    add_code(&copy.join("errors.yaml"), ENTRY);
    // What the README promises: edit, then `cargo run -- explain`.
    let explain = cargo(&copy, &["run", "-q", "--", "explain", "99902"]);
    assert!(explain.status.success(), "{}", text(&explain));
    let out = String::from_utf8_lossy(&explain.stdout);
    assert!(
        out.starts_with("code 99902: The widget is jammed.\n"),
        "{out}"
    );
    assert!(out.contains("503 Service Unavailable"), "{out}");

    // And the new variant is a Rust item of the runtime crate.
    write(&runtime, "examples/widget.rs", EXAMPLE);
    let run = cargo(
        &copy,
        &[
            "run",
            "-q",
            "-p",
            "twitter-errors",
            "--features",
            "regenerate",
            "--example",
            "widget",
        ],
    );
    assert!(run.status.success(), "{}", text(&run));
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        "99902 The widget is jammed.\n"
    );
}

/// A contributor who breaks `errors.yaml` and runs `cargo run -- check`
/// gets `check`'s own report, exit status 1: the build falls back to the
/// committed catalog with a warning instead of failing in the runtime
/// crate's build script.
#[test]
fn check_runs_on_a_broken_spec() {
    let ws = workspace();
    let copy = fresh_dir("workspace-copy-broken");
    copy_tree(&ws, &copy, &["target", ".git", "fuzz"]);
    let spec = copy.join("errors.yaml");
    // Code 88 again, with a misspelled key.
    add_code(
        &spec,
        "  - code: 88\n    name: widget_jammed\n    mesage: The widget is jammed.\n    status: 503\n    retry: backoff\n    description: Broken on purpose.\n",
    );
    let line = std::fs::read_to_string(&spec)
        .unwrap()
        .lines()
        .position(|l| l == "  - code: 88")
        .unwrap()
        + 1;

    let check = cargo(
        &copy,
        &["run", "-q", "--", "check", "--message-format", "short"],
    );
    let all = text(&check);
    assert_eq!(check.status.code(), Some(1), "{all}");
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        stderr.contains(&format!(
            "error: errors.yaml:{}:5: unknown key `mesage` in code 88\n  help: did you mean `message`?\n",
            line + 2
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("help: code 88 is already defined at line {line};")),
        "{stderr}"
    );
    assert!(stderr.ends_with("2 errors in the spec\n"), "{stderr}");
    assert!(!all.contains("failed to run custom build command"), "{all}");
    assert!(!all.contains("build script logged errors"), "{all}");
    // The build said why it used the committed catalog.
    let build = cargo(&copy, &["build"]);
    let log = text(&build);
    assert!(build.status.success(), "{log}");
    assert!(
        log.contains("building the committed src/bundled.rs instead"),
        "{log}"
    );
}
