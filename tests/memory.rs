//! Peak memory while decoding and re-encoding hostile bodies within the
//! default limits stays under 16 times the body's size plus a small
//! constant, in every view the library offers. Measured by a global
//! allocator that tracks the bytes live on this thread and their peak, not
//! by timing.

use std::hint::black_box;

use twitter_errors::codec::{self, Bounds};
use twitter_errors::response::{decode_response, Outcome};
use twitter_errors::Twitter;
use twitter_errors_tests::peak::{peak_of, Tracking};

#[global_allocator]
static GLOBAL: Tracking = Tracking;

/// What every view may use: 16 times the body, plus this much for the
/// bookkeeping of members, bounded by `Bounds::max_members` whatever the
/// body (a few dozen bytes each, however short the member).
const CONSTANT: usize = 4 << 20;

/// Decodes `body` (any format), re-encodes it, and reads it as a whole
/// response, checking the peak of each step.
fn check(name: &str, body: &[u8]) {
    let limits = Bounds::DEFAULT;
    assert!(body.len() <= limits.max_body, "{name}: within the limits");
    let budget = 16 * body.len() + CONSTANT;
    let decode = peak_of(|| {
        let decoded = codec::decode_as::<Twitter>(body, None, &limits)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        black_box(&decoded);
    });
    let mut encoded = Vec::new();
    let round_trip = peak_of(|| {
        let decoded = codec::decode_as::<Twitter>(body, None, &limits).unwrap();
        encoded = decoded.encode_with(&limits).unwrap();
        black_box(&decoded);
    });
    assert!(
        codec::decode_as::<Twitter>(&encoded, None, &limits).is_ok(),
        "{name}: re-encoded"
    );
    let owned = peak_of(|| {
        let decoded = codec::decode_as::<Twitter>(body, None, &limits).unwrap();
        black_box(decoded.into_owned());
    });
    let response = peak_of(|| {
        let o = decode_response(400, [("x-rate-limit-remaining", "0")], body);
        if let Outcome::Failure(e) = &o {
            black_box(e.to_string());
            black_box(e.retry());
        }
        black_box(o);
    });
    for (step, peak) in [
        ("decode", decode),
        ("round trip", round_trip),
        ("owned", owned),
        ("response", response),
    ] {
        assert!(
            peak <= budget,
            "{name}, {step}: {peak} bytes at the peak for a body of {} bytes (budget {budget})",
            body.len()
        );
        eprintln!(
            "{name}, {step}: {peak} bytes for {} ({:.2}x)",
            body.len(),
            peak as f64 / body.len() as f64
        );
    }
}

/// `n` comma-separated copies of `item`.
fn repeat(item: &str, n: usize) -> String {
    let mut s = String::with_capacity((item.len() + 1) * n);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str(item);
    }
    s
}

#[test]
fn four_million_numbers_in_one_member() {
    let n = (Bounds::DEFAULT.max_body - 64) / 2;
    let body = format!(
        r#"{{"errors":[{{"message":"m","code":1,"x":[{}]}}]}}"#,
        repeat("1", n)
    );
    check("4M numbers, v1.1", body.as_bytes());
    let body = format!(
        r#"{{"title":"t","detail":"d","type":"about:blank","x":[{}]}}"#,
        repeat("1", n)
    );
    check("4M numbers, v2", body.as_bytes());
}

#[test]
fn as_many_members_as_the_limit_allows() {
    let n = Bounds::DEFAULT.max_members - 8;
    let members: Vec<String> = (0..n).map(|i| format!(r#""m{i}":1"#)).collect();
    let body = format!(
        r#"{{"title":"t","detail":"d","type":"about:blank",{}}}"#,
        members.join(",")
    );
    check("v2 top-level members", body.as_bytes());
    let body = format!(
        r#"{{"errors":[{{"message":"m","code":1,{}}}]}}"#,
        members.join(",")
    );
    check("v1.1 item members", body.as_bytes());
    let body = format!(r#"{{"errors":[],{}}}"#, members.join(","));
    check("v1.1 top-level members", body.as_bytes());
    let attrs: Vec<String> = (0..n).map(|i| format!(r#"a{i}="1""#)).collect();
    let body = format!(
        r#"<errors><error code="1" {}>m</error></errors>"#,
        attrs.join(" ")
    );
    check("XML attributes", body.as_bytes());
}

#[test]
fn short_repeated_members_and_errors() {
    // Repeats of one name, kept each in its place.
    let n = Bounds::DEFAULT.max_members - 8;
    let body = format!(r#"{{"errors":[],{}}}"#, repeat(r#""a":1"#, n));
    check("a repeated name", body.as_bytes());
    let body = format!(
        r#"{{"errors":[{}]}}"#,
        repeat(r#"{"message":"","code":1}"#, Bounds::DEFAULT.max_errors)
    );
    check("the most v1.1 errors", body.as_bytes());
    let body = format!(
        r#"{{"errors":[{}]}}"#,
        repeat(r#"{"a":1}"#, Bounds::DEFAULT.max_errors)
    );
    check("the most v2 items", body.as_bytes());
    let xml = format!(
        "<errors>{}</errors>",
        r#"<error code="1"/>"#.repeat(Bounds::DEFAULT.max_errors)
    );
    check("the most XML errors", xml.as_bytes());
}

#[test]
fn long_strings_and_deep_nesting() {
    let long = "\\u00e9".repeat((Bounds::DEFAULT.max_body - 64) / 6);
    let body = format!(r#"{{"errors":[{{"message":"{long}","code":1}}]}}"#);
    check("a long escaped message", body.as_bytes());
    let body = format!(r#"{{"title":"t","detail":"{long}","type":"about:blank"}}"#);
    check("a long escaped v2 member", body.as_bytes());
    let deep = format!("{}1{}", "[".repeat(60), "]".repeat(60));
    let n = (Bounds::DEFAULT.max_body - 64) / (deep.len() + 1);
    let body = format!(r#"{{"errors":[],"x":[{}]}}"#, repeat(&deep, n));
    check("deep values, many times", body.as_bytes());
    // Room is left for the declaration the encoder writes.
    let entity = "&amp;".repeat((Bounds::DEFAULT.max_body - 256) / 10);
    let body = format!(r#"<errors><error code="1" note="{entity}">{entity}</error></errors>"#);
    check("XML references", body.as_bytes());
}
