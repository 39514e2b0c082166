//! The `check`, `docs` and `schema` subcommands, through the built binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_twitter-errors"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../codegen/fixtures")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n")
}

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("twitter-errors-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the binary runs")
}

#[test]
fn check_reports_every_diagnostic_and_exits_1() {
    for case in [
        "many_errors",
        "duplicate_code",
        "yaml_unclosed_quote",
        "not_utf8",
    ] {
        let dir = fixtures().join("broken").join(case);
        let out = run(bin().current_dir(&dir).args([
            "check",
            "--message-format",
            "short",
            "errors.yaml",
        ]));
        let expected = std::fs::read_to_string(dir.join("expected.err"))
            .expect("expected.err")
            .replace("\r\n", "\n");
        assert_eq!(out.status.code(), Some(1), "{case}");
        assert_eq!(text(&out.stderr), expected, "{case}");
        assert_eq!(text(&out.stdout), "", "{case}");
    }
}

#[test]
fn check_prints_one_line_and_exits_0_on_a_good_spec() {
    // Without an argument, `check` reads errors.yaml in the current folder.
    let out = run(bin().current_dir(fixtures().join("valid")).arg("check"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "errors.yaml: ok (3 statuses, 2 codes, 2 problem types, 5 fields)\n"
    );
    assert_eq!(text(&out.stderr), "");

    // The real catalog.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = run(bin().current_dir(&root).arg("check"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("errors.yaml: ok ("), "{stdout}");
}

#[test]
fn check_names_a_missing_file() {
    let dir = scratch("missing");
    let out = run(bin().current_dir(&dir).args(["check", "nope.yaml"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("nope.yaml: "),
        "{}",
        text(&out.stderr)
    );

    // Without an argument, the hint says where the spec is looked for.
    let out = run(bin().current_dir(&dir).arg("check"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("run this from the folder that holds errors.yaml"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn docs_prints_the_reference_of_any_spec() {
    let dir = fixtures().join("valid");
    let out = run(bin().current_dir(&dir).arg("docs"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.contains("<a id=\"88\"></a>"), "{md}");

    let scratch = scratch("docs");
    let out = run(bin()
        .current_dir(&dir)
        .args(["docs", "--out"])
        .arg(scratch.join("ERRORS.md")));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(scratch.join("ERRORS.md")).expect("written"),
        md
    );
    // A layer renders with the bundled catalog under it.
    let layer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/downstream");
    let out = run(bin().current_dir(&layer).args(["docs", "--bundled"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("<a id=\"88\"></a>"));
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn schema_prints_json() {
    let out = run(bin().arg("schema"));
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    assert_eq!(schema["type"], "object");
    assert!(schema["properties"]["codes"].is_object());
}
