//! The catalog is `src/bundled.rs`, generated from the workspace's
//! `errors.yaml` and committed. By default this script does nothing, and a
//! crate that depends on us compiles no generator.
//!
//! With the `regenerate` feature, which the workspace's CLI and tests turn
//! on, it runs the generator at build time, so that an edit to `errors.yaml`
//! shows in the next `cargo run`:
//! - in the workspace (the runtime crate sits at `crates/twitter-errors`
//!   beside `codegen/`), on the root `errors.yaml`;
//! - anywhere else (a packaged copy), on the catalog the generator bundles,
//!   which a test keeps identical to the root file.
//!
//! A broken `errors.yaml` does not stop the build: every diagnostic becomes
//! a `cargo::warning` and the committed `src/bundled.rs` is compiled instead,
//! so that `cargo run -- check` still runs and reports them. The freshness
//! test (`tests/golden.rs`) fails while the spec is broken, which keeps CI
//! red. Any other failure (an unreadable file) is a `cargo::error`.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    #[cfg(feature = "regenerate")]
    regenerate::run();
}

#[cfg(feature = "regenerate")]
mod regenerate {
    use std::path::{Path, PathBuf};

    use twitter_errors_codegen::{Category, BUNDLED_SPEC};

    include!("generate.rs");

    pub fn run() {
        let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
        let out =
            PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("errors.rs");
        let committed = manifest.join("src/bundled.rs");
        println!("cargo::rerun-if-changed=src/bundled.rs");
        println!("cargo::rerun-if-changed=generate.rs");

        let root = manifest.join("../..");
        let text = if in_workspace(&root) {
            let spec = root.join("errors.yaml");
            println!("cargo::rerun-if-changed={}", spec.display());
            match std::fs::read_to_string(&spec) {
                Ok(text) => text,
                Err(e) => {
                    println!("cargo::error={}: {e}", spec.display());
                    return;
                }
            }
        } else {
            BUNDLED_SPEC.to_string()
        };

        let result = match generate_bundled(&text) {
            Ok(generated) => std::fs::write(&out, generated.rust),
            Err(e) if e.category() == Category::Spec => {
                for line in e.lines() {
                    println!("cargo::warning={line}");
                }
                println!(
                    "cargo::warning=errors.yaml has errors: building the committed src/bundled.rs instead; `cargo run -- check` shows each error in context"
                );
                std::fs::copy(&committed, &out).map(drop)
            }
            Err(e) => {
                for line in e.lines() {
                    println!("cargo::error={line}");
                }
                return;
            }
        };
        if let Err(e) = result {
            println!("cargo::error={}: {e}", out.display());
        }
    }

    /// Whether `root` is this crate's workspace: the generator's manifest
    /// sits at `codegen/Cargo.toml` and the spec at `errors.yaml`. A
    /// packaged copy (in cargo's registry cache or a `vendor/` folder) has
    /// neither beside it.
    fn in_workspace(root: &Path) -> bool {
        root.join("errors.yaml").is_file()
            && std::fs::read_to_string(root.join("codegen/Cargo.toml"))
                .is_ok_and(|m| m.contains("name = \"twitter-errors-codegen\""))
    }
}
