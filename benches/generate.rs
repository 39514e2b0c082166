//! The generator's phases on one synthetic spec, timed separately: a
//! harness to profile (`perf record`) or to time one size quickly.
//!
//! `cargo run --release -p twitter-errors-benches --bin generate [CODES] [ROUNDS]`

use std::time::Instant;

use twitter_errors_codegen::{synth, Builder, Spec};

fn main() {
    let mut args = std::env::args().skip(1);
    let codes: usize = args
        .next()
        .map_or(10_000, |a| a.parse().expect("CODES is a number"));
    let rounds: usize = args
        .next()
        .map_or(1, |a| a.parse().expect("ROUNDS is a number"));
    let text = synth::spec(codes);
    for _ in 0..rounds {
        let start = Instant::now();
        let spec = Spec::parse("synthetic.yaml", &text).unwrap_or_else(|e| panic!("{e}"));
        let parsed = start.elapsed();
        let generated = Builder::new()
            .generate_from(&spec)
            .unwrap_or_else(|e| panic!("{e}"));
        let total = start.elapsed();
        let start = Instant::now();
        Builder::new()
            .format(false)
            .generate_from(&spec)
            .unwrap_or_else(|e| panic!("{e}"));
        let unformatted = start.elapsed();
        println!(
            "{codes} codes: parse+validate {:.3} s, emit+format {:.3} s, total {:.3} s \
             ({} bytes of Rust, {} of Markdown); emit without formatting {:.3} s",
            parsed.as_secs_f64(),
            (total - parsed).as_secs_f64(),
            total.as_secs_f64(),
            generated.rust.len(),
            generated.markdown.len(),
            unformatted.as_secs_f64(),
        );
    }
}
