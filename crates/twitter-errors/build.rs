//! Generates the catalog from `errors.yaml` (the workspace root's file; the
//! copy in this folder is a link to it, so that `cargo package` ships it).

fn main() {
    let result = twitter_errors_codegen::Builder::new()
        .spec("errors.yaml")
        .runtime_path("crate")
        .generate();
    if let Err(e) = result {
        // Our Display, not a Debug dump: every problem with file:line:column.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
