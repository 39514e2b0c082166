//! Committed files that are generated or copied, kept fresh: each test
//! rewrites its file when it differs and fails, so the fix is to rerun the
//! test and commit the change.
//!
//! - `codegen/fixtures/valid/expected.rs`, the generated code of a small
//!   spec: every change to the emitter shows as a diff of it;
//! - `crates/twitter-errors/src/bundled.rs`, the catalog the runtime crate
//!   ships pre-generated;
//! - `codegen/errors.yaml`, the generator's copy of the root `errors.yaml`;
//! - `codegen/src/spec/vocabulary.rs`, the generator's copy of the
//!   runtime's `src/vocabulary.rs` (`Retry`, `Growth`, `Reset`,
//!   `Evidence`, `Api`), so that each is defined once;
//! - `codegen/src/text/forgiving.rs`, the generator's copy of the
//!   runtime's `src/text/forgiving.rs` (the rules of a text's forgiving
//!   form), for the same reason;
//! - the licence files in each published crate, copies of the root's.

use twitter_errors_tests::{ensure_file, workspace_root};

// The build script's own generation of the bundled catalog.
include!("../crates/twitter-errors/generate.rs");

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

/// The catalog the runtime crate compiles by default, `src/bundled.rs`, is
/// what the generator makes of the root `errors.yaml`, exactly as the
/// runtime's build script runs it with the `regenerate` feature.
#[test]
fn bundled_catalog_is_fresh() {
    let text = std::fs::read_to_string(workspace_root().join("errors.yaml")).unwrap();
    let generated = generate_bundled(&text).unwrap_or_else(|e| {
        panic!("the catalog does not generate (`cargo run -- check` shows spec errors in context):\n{e}")
    });
    ensure_file(
        "crates/twitter-errors/src/bundled.rs",
        &generated.rust,
        "cargo test -p twitter-errors-tests --test golden",
    );
}

/// The generator ships its own copy of the catalog (`BUNDLED_SPEC`, for
/// `Builder::bundled` and for the runtime's `regenerate` feature outside
/// the workspace). It is the root `errors.yaml`, byte for byte.
#[test]
fn generator_copy_of_the_catalog_is_the_root_file() {
    let text = std::fs::read_to_string(workspace_root().join("errors.yaml")).unwrap();
    ensure_file(
        "codegen/errors.yaml",
        &text,
        "cargo test -p twitter-errors-tests --test golden",
    );
}

/// The spec vocabularies the generator reads into are the runtime's own
/// types, compiled from the same text.
#[test]
fn generator_copy_of_the_vocabularies_is_the_runtimes() {
    let text =
        std::fs::read_to_string(workspace_root().join("crates/twitter-errors/src/vocabulary.rs"))
            .unwrap();
    ensure_file(
        "codegen/src/spec/vocabulary.rs",
        &text,
        "cargo test -p twitter-errors-tests --test golden",
    );
}

#[test]
fn generator_copy_of_the_forgiving_rules_is_the_runtimes() {
    let text = std::fs::read_to_string(
        workspace_root().join("crates/twitter-errors/src/text/forgiving.rs"),
    )
    .unwrap();
    ensure_file(
        "codegen/src/text/forgiving.rs",
        &text,
        "cargo test -p twitter-errors-tests --test golden",
    );
}

/// Each published crate's package carries the licence texts of the root.
#[test]
fn published_crates_carry_the_root_licences() {
    for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
        let text = std::fs::read_to_string(workspace_root().join(licence)).unwrap();
        for krate in [
            "codegen",
            "crates/twitter-errors",
            "crates/twitter-errors-cli",
        ] {
            ensure_file(
                &format!("{krate}/{licence}"),
                &text,
                "cargo test -p twitter-errors-tests --test golden",
            );
        }
    }
}
