//! `decode_response` with any status and any headers: names and values of
//! any bytes, under every rate-limit name and `Content-Type`, beside a body
//! picked from the seeds. Never panics; the body decodes as `decode_as`
//! decodes it; the retry decision and its delay from any clock never
//! overflow.
//!
//! Input layout: two bytes of status (big-endian, any value), eight bytes
//! of a clock (UTC epoch seconds), one byte picking the body, then header
//! names and values separated by NUL bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::codec::{self, Body, Bounds};
use twitter_errors::response::{decode_response, Outcome};
use twitter_errors::{Format, Twitter};

const BODIES: &[&[u8]] = &[
    include_bytes!("../../tests/fixtures/seeds/000-json-34.json"),
    include_bytes!("../../tests/fixtures/seeds/002-v2-403-client-forbidden.json"),
    include_bytes!("../../tests/fixtures/seeds/002-v2-400-invalid-request.json"),
    include_bytes!("../../tests/fixtures/seeds/003-xml-503-130.xml"),
    include_bytes!("../../tests/fixtures/seeds/003-jsonp-503-130.js"),
    br#"{"errors":[{"message":"Rate limit exceeded","code":88}]}"#,
    br#"{"title":"UsageCapExceeded","detail":"Usage cap exceeded: Monthly product cap","type":"https://api.twitter.com/2/problems/usage-capped","period":"Monthly","scope":"Product"}"#,
    br#"{"data":[{"id":"1"}],"errors":[{"detail":"d","title":"Not Found Error","type":"https://api.twitter.com/2/problems/resource-not-found"}]}"#,
    b"<html><body>Over capacity</body></html>",
    b"",
];

fuzz_target!(|data: &[u8]| {
    if data.len() < 11 {
        return;
    }
    let status = u16::from_be_bytes([data[0], data[1]]);
    let mut clock = [0u8; 8];
    clock.copy_from_slice(&data[2..10]);
    let now = u64::from_be_bytes(clock);
    let body = BODIES[usize::from(data[10]) % BODIES.len()];
    let mut parts = data[11..].split(|&b| b == 0);
    let mut headers: Vec<(String, Vec<u8>)> = Vec::new();
    while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
        headers.push((String::from_utf8_lossy(name).into_owned(), value.to_vec()));
    }
    let outcome = decode_response(
        status,
        headers.iter().map(|(k, v)| (k.as_str(), v.as_slice())),
        body,
    );
    // The body is read as `decode_as` reads it, Content-Type included.
    let problem_json = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("content-type")
            && v.windows(12)
                .any(|w| w.eq_ignore_ascii_case(b"problem+json"))
    });
    let format = problem_json.then_some(Format::Problem);
    let expected =
        codec::decode_as::<Twitter>(body, format, &Bounds::DEFAULT).map(Body::into_owned);
    match (&outcome, &expected) {
        (Outcome::Failure(e), Ok(b)) => assert_eq!(e.body(), Some(b)),
        (Outcome::Failure(e), Err(err)) => {
            assert!(status >= 400);
            assert_eq!(e.decode_error().map(|d| d.kind()), Some(err.kind()));
        }
        (Outcome::Partial(p), Ok(Body::Problem(b))) => assert!(status < 400 && p == b),
        (Outcome::Success, Ok(Body::Problem(b))) => assert!(status < 400 && b.problem.is_none()),
        (Outcome::Success, Err(_)) => assert!(status < 400),
        (o, b) => panic!("{o:?} for {b:?}"),
    }
    if let Outcome::Failure(e) = &outcome {
        assert_eq!(e.status().as_u16(), status);
        let decision = e.retry();
        let _ = decision.delay(now);
        let _ = (e.to_string(), e.limit(), e.effective_status(), e.message());
        let r = e.rate_limits();
        let _ = (r.exhausted(), r.is_empty());
    }
});
