//! Synthetic catalogs of 10, 100, 1,000 and 10,000 codes, generated like any downstream
//! crate's, so that lookups can be compared across catalog sizes in one run.

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    for n in [10usize, 100, 1_000, 10_000] {
        let spec = out.join(format!("synthetic_{n}.yaml"));
        std::fs::write(&spec, twitter_errors_codegen::synth::spec(n)).expect("write spec");
        twitter_errors_codegen::Builder::new()
            .spec(&spec)
            .file_name(format!("catalog_{n}.rs"))
            .emit_rerun_if_changed(false)
            .generate()
            .unwrap_or_else(|e| panic!("{e}"));
    }
    println!("cargo:rerun-if-changed=build.rs");
}
