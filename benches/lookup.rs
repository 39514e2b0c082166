//! Lookups from wire values, against `http::StatusCode` and a linear scan of
//! a table, and across catalog sizes (10 to 10,000 codes) in one run.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use twitter_errors::{ErrorCode, HttpStatus, ProblemType};
use twitter_errors_benches::{cat10, cat100, cat1000, cat10000};

/// The baseline a hand-written client would use: a table and a scan.
fn linear_scan(table: &[(u32, &'static str)], code: u32) -> Option<&'static str> {
    table.iter().find(|(c, _)| *c == code).map(|(_, m)| *m)
}

fn lookups(c: &mut Criterion) {
    let table: Vec<(u32, &'static str)> = ErrorCode::ALL
        .iter()
        .map(|e| (e.code(), e.message()))
        .collect();

    let mut g = c.benchmark_group("status");
    g.bench_function("HttpStatus::from_u16+text", |b| {
        b.iter(|| HttpStatus::from_u16(black_box(429)).map(HttpStatus::text))
    });
    g.bench_function("baseline http::StatusCode::from_u16+reason", |b| {
        b.iter(|| {
            http::StatusCode::from_u16(black_box(429))
                .ok()
                .and_then(|s| s.canonical_reason())
        })
    });
    g.finish();

    let mut g = c.benchmark_group("code");
    g.bench_function("ErrorCode::from_code hit", |b| {
        b.iter(|| ErrorCode::from_code(black_box(433)).map(ErrorCode::message))
    });
    g.bench_function("ErrorCode::from_code miss", |b| {
        b.iter(|| ErrorCode::from_code(black_box(434)))
    });
    g.bench_function("baseline linear scan hit", |b| {
        b.iter(|| linear_scan(&table, black_box(433)))
    });
    g.bench_function("baseline linear scan miss", |b| {
        b.iter(|| linear_scan(&table, black_box(434)))
    });
    g.finish();

    let mut g = c.benchmark_group("problem");
    let uri = "https://api.twitter.com/2/problems/usage-capped";
    let other_host = "https://api.x.com/2/problems/usage-capped";
    let miss = "https://api.twitter.com/2/problems/brand-new-problem";
    let uris: Vec<&'static str> = ProblemType::ALL.iter().map(|p| p.uri()).collect();
    g.bench_function("ProblemType::from_uri hit", |b| {
        b.iter(|| ProblemType::from_uri(black_box(uri)))
    });
    g.bench_function("ProblemType::from_uri other host", |b| {
        b.iter(|| ProblemType::from_uri(black_box(other_host)))
    });
    g.bench_function("ProblemType::from_uri miss", |b| {
        b.iter(|| ProblemType::from_uri(black_box(miss)))
    });
    g.bench_function("baseline linear scan hit", |b| {
        b.iter(|| uris.iter().position(|u| *u == black_box(uri)))
    });
    g.finish();

    // Flatness: the same lookups in catalogs of 10 to 10,000 codes. Ten
    // probes spread over each catalog, so that no single arm is favoured.
    let mut g = c.benchmark_group("scale");
    macro_rules! sizes {
        ($($n:literal => $cat:ident),*) => {$(
            let probes: Vec<u32> = $cat::ErrorCode::ALL
                .iter()
                .step_by($n / 10)
                .map(|c| c.code())
                .collect();
            assert_eq!(probes.len(), 10);
            assert!(probes
                .iter()
                .all(|&p| $cat::ErrorCode::from_code(p).map($cat::ErrorCode::code) == Some(p)));
            g.bench_with_input(BenchmarkId::new("from_code x10", $n), &probes, |b, probes| {
                b.iter(|| {
                    for &p in probes {
                        black_box($cat::ErrorCode::from_code(black_box(p)));
                    }
                })
            });
            let uri = format!(
                "https://api.example.com/2/problems/synthetic-{}",
                $cat::ProblemType::ALL.len() / 2
            );
            assert!($cat::ProblemType::from_uri(&uri).is_some());
            g.bench_with_input(BenchmarkId::new("from_uri", $n), uri.as_str(), |b, uri| {
                b.iter(|| $cat::ProblemType::from_uri(black_box(uri)))
            });
        )*};
    }
    sizes!(10 => cat10, 100 => cat100, 1000 => cat1000, 10000 => cat10000);
    g.finish();
}

criterion_group!(benches, lookups);
criterion_main!(benches);
