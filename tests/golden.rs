//! The generated code of a small spec, pinned: every change to the emitter
//! shows as a diff of `codegen/fixtures/valid/expected.rs`.

use twitter_errors_tests::{ensure_file, workspace_root};

#[test]
fn generated_code_matches_the_golden_file() {
    let spec = workspace_root().join("codegen/fixtures/valid/errors.yaml");
    let generated = twitter_errors_codegen::Builder::new()
        .spec(&spec)
        .emit_rerun_if_changed(false)
        .generate_in_memory()
        .expect("the valid fixture generates");
    ensure_file(
        "codegen/fixtures/valid/expected.rs",
        &generated.rust,
        "cargo test -p twitter-errors-tests --test golden",
    );
}
