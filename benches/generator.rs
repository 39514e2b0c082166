//! The generator end to end (parse, validate, emit, format) on synthetic
//! specs of 10 to 1,000 codes.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use twitter_errors_codegen::{synth, Builder, Spec};

fn generator(c: &mut Criterion) {
    let mut g = c.benchmark_group("generator");
    g.sample_size(10);
    for n in [10usize, 100, 1_000] {
        let text = synth::spec(n);
        g.bench_with_input(
            BenchmarkId::new("parse+validate+emit+format", n),
            &text,
            |b, text| {
                b.iter(|| {
                    let spec = Spec::parse("synthetic.yaml", black_box(text)).expect("valid");
                    Builder::new().generate_from(&spec).expect("generates")
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, generator);
criterion_main!(benches);
