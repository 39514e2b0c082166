fn main() {
    let result = twitter_errors_codegen::Builder::new()
        .bundled()
        .spec("errors.yaml")
        // The file is included at the crate root: each enum's docs get an
        // example that runs as a doctest of this crate.
        .examples_path("twitter_errors_example_downstream")
        .generate();
    // Each problem in errors.yaml as rustc shows its errors (the line, the
    // underline, the help); cargo fails the build.
    if let Err(e) = result {
        e.emit_cargo_errors();
    }
}
