//! A whole response: status, headers and body, all from the input, decoded
//! with tight limits. Never panics; a failure keeps its status and either
//! a decoded body or the raw body with the reason it did not decode.
//!
//! Input layout: two bytes of status (big-endian, folded into 100..=599),
//! then header lines `name: value` up to a blank line, then the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::codec::{self, Bounds};
use twitter_errors::response::{decode_response_with, Outcome};
use twitter_errors::Twitter;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let status = 100 + u16::from_be_bytes([data[0], data[1]]) % 500;
    let rest = &data[2..];
    let split = rest.windows(2).position(|w| w == b"\n\n");
    let (head, body) = match split {
        Some(i) => (&rest[..i], &rest[i + 2..]),
        None => (&[][..], rest),
    };
    let headers: Vec<(String, Vec<u8>)> = head
        .split(|&b| b == b'\n')
        .filter_map(|line| {
            let colon = line.iter().position(|&b| b == b':')?;
            let name = String::from_utf8_lossy(&line[..colon]).into_owned();
            let value = line[colon + 1..]
                .strip_prefix(b" ")
                .unwrap_or(&line[colon + 1..]);
            Some((name, value.to_vec()))
        })
        .collect();
    let limits = Bounds::new()
        .with_max_body(16 * 1024)
        .with_max_depth(16)
        .with_max_errors(8);
    let outcome = decode_response_with::<Twitter, _, _>(status, headers, body, &limits);
    if let Outcome::Failure(e) = &outcome {
        assert_eq!(e.status().as_u16(), status);
        let _ = e.to_string();
        let _ = e.retry();
        let _ = e.effective_status();
        let _ = e.message();
        match (e.body(), e.raw_body(), e.decode_error()) {
            (Some(b), _, None) => {
                // A decoded body round-trips.
                let bytes = b.encode().unwrap();
                let again = codec::decode_as::<Twitter>(&bytes, Some(b.format()), &Bounds::DEFAULT)
                    .unwrap_or_else(|err| panic!("re-encoded body does not decode: {err}"));
                assert_eq!(&again, b);
            }
            (None, Some(raw), Some(_)) => assert_eq!(raw, body),
            other => panic!("inconsistent failure: {other:?}"),
        }
    }
    let _ = format!("{outcome:?}");
});
