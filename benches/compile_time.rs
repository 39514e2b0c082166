//! Measures how long a crate generated from a synthetic catalog takes to
//! compile, at 1,000 and 3,000 codes (and 10, as the baseline of the same
//! run): 3,000 is about the most the spec loader's node limit lets in.
//! Dependencies are built once first, so only the generated crate is timed.
//!
//! `cargo run --release -p twitter-errors-benches --bin compile-time [SIZES...]`

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn build(dir: &Path, target: &Path) -> Duration {
    let start = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "build of {} failed", dir.display());
    start.elapsed()
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("sizes are numbers"))
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10, 1_000, 3_000]
    } else {
        sizes
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf();
    let work = std::env::temp_dir().join(format!(
        "twitter-errors-compile-time-{}",
        std::process::id()
    ));
    let target = work.join("target");
    println!("| codes | generated Rust (bytes) | compile, debug (s) | ratio to 10 codes |");
    println!("|---|---|---|---|");
    let mut base = None;
    for n in sizes {
        let dir = work.join(format!("c{n}"));
        std::fs::create_dir_all(dir.join("src")).expect("mkdir");
        std::fs::write(
            dir.join("errors.yaml"),
            twitter_errors_codegen::synth::spec(n),
        )
        .expect("spec");
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"c{n}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n\
                 [dependencies]\ntwitter-errors = {{ path = {:?} }}\n\n[build-dependencies]\ntwitter-errors-codegen = {{ path = {:?} }}\n",
                root.join("crates/twitter-errors"),
                root.join("codegen")
            ),
        )
        .expect("manifest");
        std::fs::write(dir.join("build.rs"), "fn main() { twitter_errors_codegen::Builder::new().spec(\"errors.yaml\").generate().unwrap(); }\n").expect("build.rs");
        std::fs::write(
            dir.join("src/lib.rs"),
            "#![allow(missing_docs)]\ninclude!(concat!(env!(\"OUT_DIR\"), \"/errors.rs\"));\n",
        )
        .expect("lib.rs");
        if std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).is_err() {
            eprintln!("note: no Cargo.lock to copy");
        }
        // Warm: dependencies and the build script.
        build(&dir, &target);
        // Timed: only the generated crate is rebuilt (touching the spec
        // reruns the generator and recompiles its output).
        let mut times = Vec::new();
        for _ in 0..3 {
            std::fs::write(
                dir.join("errors.yaml"),
                twitter_errors_codegen::synth::spec(n),
            )
            .expect("spec");
            times.push(build(&dir, &target));
        }
        times.sort();
        let median = times[1].as_secs_f64();
        let size = std::fs::read_dir(target.join("debug/build"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("c{n}-"))
            })
            .filter_map(|e| std::fs::metadata(e.path().join("out/errors.rs")).ok())
            .map(|m| m.len())
            .max()
            .unwrap_or(0);
        let ratio = base.map_or(1.0, |b: f64| median / b);
        base.get_or_insert(median);
        println!("| {n} | {size} | {median:.2} | {ratio:.1}x |");
    }
    let _ = std::fs::remove_dir_all(&work);
}
