//! Adding an error code takes one edit to `errors.yaml` and a rebuild: no
//! Rust to write, no other file to touch.
//!
//! The test copies the workspace (without `target/`), builds the runtime
//! crate, appends a code to the root `errors.yaml`, and builds an example
//! that uses the new variant. The runtime crate reads the spec through a
//! link, so this also proves that the rebuild notices an edit made through
//! it.

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
    copy_tree(&ws, &copy, &["target", ".git"]);
    let runtime = copy.join("crates/twitter-errors");

    cargo_ok(&copy, &["build", "-p", "twitter-errors"]);

    add_code(&copy.join("errors.yaml"), ENTRY);
    write(&runtime, "examples/widget.rs", EXAMPLE);
    let run = cargo(
        &copy,
        &["run", "-q", "-p", "twitter-errors", "--example", "widget"],
    );
    assert!(run.status.success(), "{}", text(&run));
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        "99902 The widget is jammed.\n"
    );
}
