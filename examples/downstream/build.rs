fn main() {
    let result = twitter_errors_codegen::Builder::new()
        .bundled()
        .spec("errors.yaml")
        // The file is included at the crate root: each enum's docs get an
        // example that runs as a doctest of this crate.
        .examples_path("twitter_errors_example_downstream")
        .generate();
    // A broken errors.yaml fails the build with one located error per
    // problem, as cargo shows its own.
    if let Err(e) = result {
        for line in e.lines() {
            println!("cargo::error={line}");
        }
    }
}
