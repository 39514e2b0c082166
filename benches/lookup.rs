//! Lookups from wire values on the bundled catalog, against `http`'s status
//! table, a linear scan of the same entries and, for the string lookups,
//! a `match` on the keys' bytes (how they were generated before), in one
//! run.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use twitter_errors::catalog::CodeEntry;
use twitter_errors::{ErrorCode, HttpStatus, ProblemType};

/// The string lookups as a `match` on the keys' bytes, written by
/// `build.rs` from the same catalog.
#[allow(deprecated, clippy::match_same_arms, clippy::too_many_lines)]
mod byte_match {
    use twitter_errors::{ErrorCode, ProblemType};
    include!(concat!(env!("OUT_DIR"), "/byte_match.rs"));
}

/// A code lookup from a name or text.
type Lookup = fn(&str) -> Option<ErrorCode>;

/// What a hand-written client would do: a table and a scan.
#[inline(never)]
fn scan<K: PartialEq + ?Sized, V: Copy>(table: &[(&K, V)], key: &K) -> Option<V> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

fn lookups(c: &mut Criterion) {
    let codes: Vec<(&u32, &'static str)> = ErrorCode::ALL
        .iter()
        .map(|e| (&e.info().code, e.message()))
        .collect();
    let names: Vec<(&str, ErrorCode)> = ErrorCode::ALL.iter().map(|e| (e.name(), *e)).collect();
    let texts: Vec<(&str, ErrorCode)> = ErrorCode::ALL
        .iter()
        .flat_map(|e| {
            std::iter::once(e.message())
                .chain(e.aliases().iter().copied())
                .map(move |t| (t, *e))
        })
        .collect();
    let uris: Vec<(&str, ProblemType)> = ProblemType::ALL.iter().map(|p| (p.uri(), *p)).collect();

    let mut g = c.benchmark_group("status");
    assert_eq!(
        HttpStatus::from_u16(429).map(HttpStatus::text),
        Some("Too Many Requests")
    );
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
    for (probe, hit) in [(404u32, true), (419, false)] {
        assert_eq!(ErrorCode::from_code(probe).is_some(), hit);
        assert_eq!(scan(&codes, &probe).is_some(), hit);
        let what = if hit { "hit" } else { "miss" };
        g.bench_function(format!("ErrorCode::from_code+message {what}"), |b| {
            b.iter(|| ErrorCode::from_code(black_box(probe)).map(ErrorCode::message))
        });
        g.bench_function(
            format!("baseline http::StatusCode::from_u16+reason {what}"),
            |b| {
                let probe = u16::try_from(probe).unwrap();
                b.iter(|| {
                    http::StatusCode::from_u16(black_box(probe))
                        .ok()
                        .and_then(|s| s.canonical_reason())
                })
            },
        );
        g.bench_function(format!("baseline linear scan {what}"), |b| {
            b.iter(|| scan(&codes, black_box(&probe)))
        });
    }
    g.finish();

    // The byte `match`es hold the same keys as the generated lookups.
    for (name, code) in &names {
        assert_eq!(byte_match::name(name), Some(*code));
    }
    for (t, _) in &texts {
        let first = ErrorCode::exact_texts(t).first().map(|r| r.code);
        assert_eq!(byte_match::text(t), first, "{t}");
    }
    for (uri, p) in &uris {
        let slug = twitter_errors::catalog::problem_slug(uri, ProblemType::HOSTS);
        assert_eq!(slug.and_then(byte_match::slug), Some(*p));
    }

    let mut g = c.benchmark_group("name and message");
    let long = ErrorCode::from_code(326).unwrap().message();
    for (what, text) in [
        ("name", "rate_limit_exceeded"),
        ("long message", long),
        ("short message", "Over capacity."),
    ] {
        let table = if what == "name" { &names } else { &texts };
        let ours = |t: &str| {
            if what == "name" {
                ErrorCode::from_name(t)
            } else {
                ErrorCode::from_message(t)
            }
        };
        assert!(ours(text).is_some());
        assert_eq!(ours(text), scan(table, text));
        g.bench_function(
            format!(
                "ErrorCode::from_{} {what}",
                if what == "name" { "name" } else { "message" }
            ),
            |b| b.iter(|| ours(black_box(text))),
        );
        g.bench_function(format!("baseline linear scan {what}"), |b| {
            b.iter(|| scan(table, black_box(text)))
        });
        // The same lookup, our generated length switch against the byte
        // `match`: for messages, the exact step of `from_message`.
        let (exact, bytes): (Lookup, Lookup) = if what == "name" {
            (ErrorCode::from_name, byte_match::name)
        } else {
            (
                |t| ErrorCode::exact_texts(t).first().map(|r| r.code),
                byte_match::text,
            )
        };
        assert_eq!(exact(text), bytes(text));
        assert_eq!(exact(text), ours(text));
        g.bench_function(format!("length switch {what}"), |b| {
            b.iter(|| exact(black_box(text)))
        });
        g.bench_function(format!("baseline match on bytes {what}"), |b| {
            b.iter(|| bytes(black_box(text)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("problem");
    let uri = "https://api.twitter.com/2/problems/usage-capped";
    let other_host = "https://api.x.com/2/problems/usage-capped";
    let miss = "https://api.twitter.com/2/problems/usage-capper";
    assert_eq!(ProblemType::from_uri(uri), scan(&uris, uri));
    assert_eq!(
        ProblemType::from_uri(other_host),
        Some(ProblemType::UsageCapped)
    );
    assert_eq!(
        (ProblemType::from_uri(miss), scan(&uris, miss)),
        (None, None)
    );
    g.bench_function("ProblemType::from_uri hit", |b| {
        b.iter(|| ProblemType::from_uri(black_box(uri)))
    });
    g.bench_function("ProblemType::from_uri other host", |b| {
        b.iter(|| ProblemType::from_uri(black_box(other_host)))
    });
    g.bench_function("ProblemType::from_uri miss", |b| {
        b.iter(|| ProblemType::from_uri(black_box(miss)))
    });
    g.bench_function("baseline linear scan of the URIs hit", |b| {
        b.iter(|| scan(&uris, black_box(uri)))
    });
    g.bench_function("baseline linear scan of the URIs miss", |b| {
        b.iter(|| scan(&uris, black_box(miss)))
    });
    let by_bytes = |uri: &str| {
        twitter_errors::catalog::problem_slug(uri, ProblemType::HOSTS).and_then(byte_match::slug)
    };
    assert_eq!(by_bytes(uri), ProblemType::from_uri(uri));
    assert_eq!(by_bytes(miss), None);
    g.bench_function("baseline from_uri with a match on bytes hit", |b| {
        b.iter(|| by_bytes(black_box(uri)))
    });
    g.bench_function("baseline from_uri with a match on bytes miss", |b| {
        b.iter(|| by_bytes(black_box(miss)))
    });
    g.finish();
}

criterion_group!(benches, lookups);
criterion_main!(benches);
