// How the bundled catalog is generated, defined once: included by
// `build.rs` (with the `regenerate` feature) and by the workspace's
// freshness test, which keeps `src/bundled.rs` equal to its output.

/// The generated code for the catalog `text` (an `errors.yaml`), named as
/// a contributor sees it from the workspace root, so that every build and
/// the committed `src/bundled.rs` agree byte for byte.
fn generate_bundled(
    text: &str,
) -> Result<twitter_errors_codegen::Generated, twitter_errors_codegen::Error> {
    let spec = twitter_errors_codegen::Spec::parse("errors.yaml", text)?;
    twitter_errors_codegen::Builder::new()
        .runtime_path("crate")
        .examples_path("twitter_errors")
        .generate_from(&spec)
}
