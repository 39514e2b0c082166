//! A crate whose build script runs the generator on a broken spec fails to
//! build, and cargo's output shows each problem as `errors.yaml:LINE:COLUMN`.
//!
//! The consumer crate is written to a temporary folder and built with the
//! workspace's target directory and lock file, so that the dependencies
//! compiled for this test run are reused.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The target directory this test binary was built into:
/// `<target>/<profile>/deps/<test binary>`.
fn target_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.parent()?.to_path_buf())
}

#[test]
fn cargo_build_fails_with_located_diagnostics() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest.parent().expect("codegen sits in the workspace");
    let fixture = manifest.join("fixtures/broken/many_errors");
    let expected = std::fs::read_to_string(fixture.join("expected.err"))
        .expect("expected.err")
        .replace("\r\n", "\n");
    let target = target_dir().expect("the test binary lives in a target directory");

    let dir = std::env::temp_dir().join(format!("twitter-errors-consumer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("temp crate");
    let codegen = manifest.display().to_string().replace('\\', "/");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            r#"[package]
name = "twitter-errors-spec-consumer"
version = "0.0.0"
edition = "2021"
publish = false

[build-dependencies]
twitter-errors-codegen = {{ path = "{codegen}" }}

[workspace]

# The workspace's profile, so that its compiled dependencies are reused; the
# generator itself is a workspace member there, built without optimisation.
[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
opt-level = 1
debug = false

[profile.dev.package.twitter-errors-codegen]
opt-level = 0
debug = "line-tables-only"
"#
        ),
    )
    .expect("Cargo.toml");
    std::fs::write(
        dir.join("build.rs"),
        r#"fn main() {
    let result = twitter_errors_codegen::Builder::new()
        .spec("errors.yaml")
        .runtime_path("crate")
        .generate();
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
"#,
    )
    .expect("build.rs");
    std::fs::write(dir.join("src/lib.rs"), "").expect("lib.rs");
    std::fs::copy(fixture.join("errors.yaml"), dir.join("errors.yaml")).expect("spec");
    // Same versions as the workspace, so nothing new is resolved or built.
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(&dir)
        .args(["build", "--offline", "--quiet"])
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("CARGO_MAKEFLAGS")
        .env_remove("MAKEFLAGS")
        .env_remove("MFLAGS")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&out.stderr).replace("\r\n", "\n");
    let _ = std::fs::remove_dir_all(&dir);

    assert!(!out.status.success(), "the build succeeded:\n{stderr}");
    assert!(
        stderr.contains("failed to run custom build command"),
        "{stderr}"
    );
    // Cargo indents the script's output; every line of it is there, in order.
    let mut rest = stderr.as_str();
    for line in expected.lines() {
        match rest.find(line) {
            Some(i) => rest = &rest[i + line.len()..],
            None => panic!("cargo's output lacks `{line}` (in order):\n{stderr}"),
        }
    }
    assert!(
        stderr.contains("errors.yaml:47:11: duplicate code 34"),
        "{stderr}"
    );
    // Our text, not a panic or a Debug dump.
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Diagnostic {"), "{stderr}");
}
