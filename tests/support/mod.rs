//! Helpers shared by the workspace-level integration tests: the one place
//! they come from (`twitter_errors_tests::...`).

pub mod build;
pub mod hostile;
pub mod peak;

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The reference material beside the checkout (`../shared`), if present.
/// Tests that need it print a notice and skip when it is absent, so that a
/// fresh clone on its own still passes.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = workspace_root().join("..").join("shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} not found; skipping the checks that read the shared reference material",
            dir.display()
        );
        None
    }
}

/// The spec the runtime crate was generated from, loaded by the codegen
/// crate: the independent reading tests compare the generated code against.
pub fn spec() -> twitter_errors_codegen::Spec {
    twitter_errors_codegen::Spec::from_path(workspace_root().join("errors.yaml"))
        .expect("errors.yaml is valid")
}

/// A fixture under `tests/fixtures/`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `../shared/corpus/real` beside the repository, if it is there. Prints a
/// notice and returns `None` when it is not (a fresh clone), so that the
/// tests that read it skip rather than fail.
pub fn corpus_dir() -> Option<PathBuf> {
    shared_dir()
        .map(|d| d.join("corpus").join("real"))
        .filter(|d| d.join("SOURCES.tsv").is_file())
}

/// JSON text without the whitespace between tokens (strings untouched).
pub fn strip_ws(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for &b in json {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if !b.is_ascii_whitespace() {
            if b == b'"' {
                in_string = true;
            }
            out.push(b);
        }
    }
    out
}

/// The JSON value of a text.
pub fn value(json: &[u8]) -> serde_json::Value {
    serde_json::from_slice(json)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(json)))
}

/// JSON text with whitespace between every token (strings untouched), as a
/// pretty printer lays it out, without going through a map that would
/// reorder or merge members.
pub fn spaced(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() * 2);
    let mut in_string = false;
    let mut escaped = false;
    for &b in json {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                out.push(b);
            }
            b'}' | b']' => out.extend_from_slice(&[b'\n', b]),
            b'{' | b'[' | b',' => out.extend_from_slice(&[b, b'\n', b' ', b' ']),
            b':' => out.extend_from_slice(b" : "),
            _ => out.push(b),
        }
    }
    out
}
