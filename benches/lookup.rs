//! Lookups from wire values on the bundled catalog, against `http`'s status
//! table, a linear scan of the same entries and the lookups as the
//! generator wrote them before they became tables (a `match` on the length,
//! then on each key; a `match` on the number), in one run.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use twitter_errors::catalog::CodeEntry;
use twitter_errors::{ErrorCode, HttpStatus, ProblemType};

/// The lookups as they were generated before, written by `build.rs` from
/// the same catalog.
#[allow(
    deprecated,
    clippy::match_same_arms,
    clippy::too_many_lines,
    clippy::match_overlapping_arm
)]
mod previous {
    use twitter_errors::{ErrorCode, HttpStatus, ProblemType};
    include!(concat!(env!("OUT_DIR"), "/previous.rs"));
}

/// The exact step of `ErrorCode::from_message`: the first code of a text
/// as the catalog has it.
fn exact(text: &str) -> Option<ErrorCode> {
    ErrorCode::TABLE
        .exact
        .all(text.as_bytes())
        .first()
        .map(|&(c, _)| c)
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
    assert_eq!(previous::status(429), HttpStatus::from_u16(429));
    g.bench_function("previous match on the number+text", |b| {
        b.iter(|| previous::status(black_box(429)).map(HttpStatus::text))
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
        assert_eq!(previous::code(probe), ErrorCode::from_code(probe));
        g.bench_function(
            format!("previous match on the number+message {what}"),
            |b| b.iter(|| previous::code(black_box(probe)).map(ErrorCode::message)),
        );
    }
    g.finish();

    // The previous lookups hold the same keys as the tables.
    for (name, code) in &names {
        assert_eq!(previous::name(name), Some(*code));
    }
    for (t, _) in &texts {
        assert_eq!(previous::text(t), exact(t), "{t}");
    }
    for (uri, p) in &uris {
        let slug = twitter_errors::catalog::problem_slug(uri, ProblemType::HOSTS);
        assert_eq!(slug.and_then(previous::slug), Some(*p));
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
        // The same lookup, the table against the previous length switch:
        // for messages, the exact step of `from_message`.
        let (table_lookup, switch): (Lookup, Lookup) = if what == "name" {
            (ErrorCode::from_name, previous::name)
        } else {
            (exact, previous::text)
        };
        assert_eq!(table_lookup(text), switch(text));
        assert_eq!(table_lookup(text), ours(text));
        g.bench_function(format!("table {what}"), |b| {
            b.iter(|| table_lookup(black_box(text)))
        });
        g.bench_function(format!("previous length switch {what}"), |b| {
            b.iter(|| switch(black_box(text)))
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
    let by_switch = |uri: &str| {
        twitter_errors::catalog::problem_slug(uri, ProblemType::HOSTS).and_then(previous::slug)
    };
    assert_eq!(by_switch(uri), ProblemType::from_uri(uri));
    assert_eq!(by_switch(miss), None);
    g.bench_function("previous from_uri with a length switch hit", |b| {
        b.iter(|| by_switch(black_box(uri)))
    });
    g.bench_function("previous from_uri with a length switch miss", |b| {
        b.iter(|| by_switch(black_box(miss)))
    });
    g.finish();
}

criterion_group!(benches, lookups);
criterion_main!(benches);
