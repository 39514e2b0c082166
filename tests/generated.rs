//! The committed files derived from others (the runtime's bundled catalog,
//! the docs, the schema, the generator's copy of the catalog, the emitter's
//! golden output, the crates' licence copies) are what
//! `cargo run -- generate` makes of their sources now. The list of them is
//! `twitter_errors_codegen::workspace`'s, the one `generate` writes.

use twitter_errors_codegen::workspace;
use twitter_errors_tests::workspace_root;

#[test]
fn every_derived_file_is_fresh() {
    let root = workspace_root();
    let files = workspace::derived(&root).unwrap_or_else(|e| {
        panic!("errors.yaml does not generate (`cargo run -- check` shows each problem in context):\n{e}")
    });
    assert!(files.len() > 5, "{files:?}");
    let stale: Vec<&str> = files
        .iter()
        .filter(|f| !f.is_fresh(&root))
        .map(|f| f.path.as_str())
        .collect();
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run `cargo run -- generate` and commit what it writes"
    );
}
