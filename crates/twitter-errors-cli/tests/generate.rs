//! `generate`, through the built binary, on a copy of the repository's
//! sources in a scratch folder: it writes every derived file, `--check`
//! names the stale ones, and a spec with mistakes is reported as `check`
//! reports it, with nothing written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n")
}

fn generate(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twitter-errors"))
        .current_dir(dir)
        .arg("generate")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A folder with what `generate` reads (the sources of the derived files)
/// and the files that mark a repository, but none of the derived files.
fn sources(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("generate-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    for path in [
        "errors.yaml",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "codegen/fixtures/valid/errors.yaml",
        "codegen/src/workspace.rs",
        "crates/twitter-errors/src/lib.rs",
    ] {
        let to = dir.join(path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join(path), to).unwrap();
    }
    dir
}

#[test]
fn generate_writes_every_derived_file_and_check_names_the_stale_ones() {
    let dir = sources("fresh");
    let out = generate(&dir, &["--check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("crates/twitter-errors/src/bundled.rs is stale (derived from errors.yaml)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: run `cargo run -- generate`"),
        "{stderr}"
    );

    let out = generate(&dir, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for path in [
        "crates/twitter-errors/src/bundled.rs",
        "docs/ERRORS.md",
        "docs/errors.schema.json",
        "codegen/errors.yaml",
    ] {
        assert!(stdout.contains(&format!("wrote {path}\n")), "{stdout}");
        // What it wrote is what the repository commits.
        assert_eq!(
            std::fs::read(dir.join(path)).unwrap(),
            std::fs::read(root().join(path)).unwrap(),
            "{path}"
        );
    }
    let out = generate(&dir, &["--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = generate(&dir, &[]);
    assert!(
        text(&out.stdout).contains("were up to date"),
        "{}",
        text(&out.stdout)
    );

    // An edit to the spec makes the files derived from it stale, and only
    // them.
    let spec = std::fs::read_to_string(dir.join("errors.yaml")).unwrap();
    std::fs::write(
        dir.join("errors.yaml"),
        spec.replacen("\ncodes:\n", "\ncodes:\n  - code: 99903\n    name: widget_stuck\n    message: Widget stuck.\n    description: Added by a test.\n", 1),
    )
    .unwrap();
    let out = generate(&dir, &["--check"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("bundled.rs is stale"), "{stderr}");
    assert!(stderr.contains("docs/ERRORS.md is stale"), "{stderr}");
    assert!(!stderr.contains("schema.json"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_spec_with_mistakes_is_reported_and_nothing_is_written() {
    let dir = sources("broken");
    let spec = std::fs::read_to_string(dir.join("errors.yaml")).unwrap();
    std::fs::write(
        dir.join("errors.yaml"),
        spec.replacen(
            "\ncodes:\n",
            "\ncodes:\n  - code: 88\n    name: widget_jammed\n    mesage: The widget is jammed.\n    description: Broken on purpose.\n",
            1,
        ),
    )
    .unwrap();
    let out = generate(&dir, &["--message-format", "short"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("unknown key `mesage` in code 88\n  help: did you mean `message`?"),
        "{stderr}"
    );
    assert!(stderr.contains("duplicate code 88"), "{stderr}");
    assert!(!dir.join("crates/twitter-errors/src/bundled.rs").exists());
    assert!(!dir.join("docs").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn outside_a_repository_generate_says_what_it_is_for() {
    // Outside the workspace: its target directory lies inside it.
    let dir = std::env::temp_dir().join(format!("twitter-errors-generate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = generate(&dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("not inside a clone of the twitter-errors repository"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
