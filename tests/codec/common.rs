//! Helpers shared by the codec tests (included with `#[path]`, so that
//! each test binary has its own copy).
#![allow(dead_code)]

use std::path::PathBuf;

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
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/real");
    if dir.join("SOURCES.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "note: {} not found; skipping the tests that read real bodies",
            dir.display()
        );
        None
    }
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
