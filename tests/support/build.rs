//! Building throwaway crates with cargo, from tests.
//!
//! Every build shares one target directory under the workspace target's
//! `tmp/` (where cargo puts `CARGO_TARGET_TMPDIR`), so the dependencies are
//! compiled once per checkout, and each crate lives at a fixed path there,
//! so that a second run of the suite reuses its artifacts too.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use crate::workspace_root as workspace;

/// The target directory's `tmp/`: the test binary runs from
/// `<target>/<profile>/deps/`.
fn tmp_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let target = exe
        .ancestors()
        .nth(3)
        .expect("the test binary lives in <target>/<profile>/deps");
    target.join("tmp")
}

/// The target directory every throwaway build shares.
pub fn shared_target() -> PathBuf {
    tmp_dir().join("builds")
}

/// An empty directory at a fixed path under the target's `tmp/`.
pub fn fresh_dir(name: &str) -> PathBuf {
    let dir = tmp_dir().join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `text` to `dir/path`, creating directories.
pub fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Copies a directory tree, keeping symbolic links as links and leaving out
/// the top-level entries named in `skip`.
pub fn copy_tree(from: &Path, to: &Path, skip: &[&str]) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if skip.iter().any(|s| name == *s) {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            let target = std::fs::read_link(&src).unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&target, &dst).unwrap();
            #[cfg(not(unix))]
            std::fs::copy(src.parent().unwrap().join(target), &dst).unwrap();
        } else if kind.is_dir() {
            copy_tree(&src, &dst, &[]);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// Inserts `entry` right after the line `codes:` of a spec.
pub fn add_code(spec: &Path, entry: &str) {
    let text = std::fs::read_to_string(spec).unwrap();
    let at = text.find("\ncodes:\n").expect("a `codes:` section") + "\ncodes:\n".len();
    let mut out = String::with_capacity(text.len() + entry.len());
    out.push_str(&text[..at]);
    out.push_str(entry);
    out.push_str(&text[at..]);
    std::fs::write(spec, out).unwrap();
}

/// Runs cargo in `dir` with the shared target directory, offline, without
/// the variables cargo set for this test.
pub fn cargo(dir: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(dir)
        // Before the subcommand, so that it never reaches a program's own
        // arguments after `--`.
        .arg("--offline")
        .args(args)
        .env("CARGO_TARGET_DIR", shared_target())
        .env("CARGO_TERM_COLOR", "never");
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        let inherited = key.starts_with("CARGO_PKG_")
            || key.starts_with("CARGO_BIN_")
            || key.starts_with("CARGO_MANIFEST_")
            || matches!(
                &*key,
                "CARGO_CRATE_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
                    | "CARGO_TARGET_TMPDIR"
                    | "CARGO_BUILD_TARGET_DIR"
                    | "OUT_DIR"
            );
        if inherited {
            cmd.env_remove(&*key);
        }
    }
    cmd.output().expect("cargo runs")
}

/// What a cargo run printed, stdout then stderr.
pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Runs cargo and fails the test, with its output, unless it succeeds.
pub fn cargo_ok(dir: &Path, args: &[&str]) -> String {
    let output = cargo(dir, args);
    let text = text(&output);
    assert!(output.status.success(), "cargo {args:?} failed:\n{text}");
    text
}

/// The manifest of a throwaway crate named `name` that depends on this
/// workspace's runtime crate and generates its catalog with its codegen.
pub fn probe_manifest(ws: &Path, name: &str) -> String {
    format!(
        r#"[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
twitter-errors = {{ path = "{runtime}" }}

[build-dependencies]
twitter-errors-codegen = {{ path = "{codegen}" }}

[workspace]

# The workspace's profile: small binaries, quick build scripts.
[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
opt-level = 1
debug = false
"#,
        runtime = ws.join("crates/twitter-errors").display(),
        codegen = ws.join("codegen").display(),
    )
}
