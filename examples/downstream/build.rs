fn main() {
    twitter_errors_codegen::Builder::new()
        .bundled()
        .spec("errors.yaml")
        .generate()
        .unwrap();
}
