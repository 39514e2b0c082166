//! Helpers shared by the workspace-level integration tests.

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
