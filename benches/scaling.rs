//! Decoding time against the number of members: v2 top-level members,
//! members of a v1.1 error item, and XML attributes, at 10,000, 100,000 and
//! 700,000 members (with `max_members` and `max_body` raised so that the
//! largest bodies decode). Linear decoding takes the same time per member
//! at every size.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use twitter_errors::codec::{self, Bounds};
use twitter_errors::{Format, Twitter};

fn members(n: usize, json: bool) -> String {
    let mut s = String::with_capacity(n * 12);
    for i in 0..n {
        if json {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&format!(r#""m{i}":1"#));
        } else {
            s.push_str(&format!(r#" a{i}="1""#));
        }
    }
    s
}

fn scaling(c: &mut Criterion) {
    let limits = Bounds::new()
        .with_max_body(64 << 20)
        .with_max_members(usize::MAX);
    let mut g = c.benchmark_group("members");
    g.sample_size(10);
    for n in [10_000usize, 100_000, 700_000] {
        let bodies = [
            (
                "v2 top-level",
                Format::Problem,
                format!(
                    r#"{{"title":"t","detail":"d","type":"about:blank",{}}}"#,
                    members(n, true)
                ),
            ),
            (
                "v1.1 item",
                Format::Json,
                format!(
                    r#"{{"errors":[{{"message":"m","code":1,{}}}]}}"#,
                    members(n, true)
                ),
            ),
            (
                "XML attributes",
                Format::Xml,
                format!(
                    r#"<errors><error code="1"{}>m</error></errors>"#,
                    members(n, false)
                ),
            ),
        ];
        for (name, format, body) in &bodies {
            let decoded =
                codec::decode_as::<Twitter>(body.as_bytes(), Some(*format), &limits).unwrap();
            assert!(decoded.encode_with(&limits).is_ok());
            g.throughput(Throughput::Elements(n as u64));
            g.bench_with_input(BenchmarkId::new(*name, n), body, |b, body| {
                b.iter(|| {
                    codec::decode_as::<Twitter>(black_box(body.as_bytes()), Some(*format), &limits)
                        .unwrap()
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, scaling);
criterion_main!(benches);
