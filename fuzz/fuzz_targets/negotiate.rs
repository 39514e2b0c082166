//! Content negotiation: any request target and `Accept` header give a
//! format; a kept callback is a valid identifier path; and errors encoded
//! for the request decode back, in that format, to the same codes.
//!
//! Input layout: the request target, then optionally a newline and the
//! `Accept` header.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::codec::{self, Bounds};
use twitter_errors::response::negotiate::negotiate;
use twitter_errors::V1Error;
use twitter_errors::{Code, ErrorCode, Format, Twitter};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (target, accept) = match text.split_once('\n') {
        Some((t, a)) => (t, Some(a)),
        None => (text, None),
    };
    let n = negotiate(target, accept);
    match n.callback() {
        Some(cb) => {
            assert_eq!(n.format(), Format::Jsonp);
            assert!(!n.callback_refused());
            assert!(cb
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.')));
        }
        None => assert_ne!(n.format(), Format::Jsonp),
    }
    let _ = n.content_type::<Twitter>();
    let status = n.status(404);
    assert!(status == 404 || (status == 200 && n.suppress_response_codes()));
    let errors = [
        V1Error::<Twitter>::from_entry(ErrorCode::OverCapacity),
        V1Error::new(Code::from_code(4_000_000), "</script>\u{2028}&]]>\""),
    ];
    let bytes = n.encode(&errors).expect("two errors encode");
    // A v2 request gets v1.1 JSON: a v1.1 code has no problem type.
    let wire = match n.format() {
        Format::Problem => Format::Json,
        f => f,
    };
    let body = codec::decode_as::<Twitter>(&bytes, Some(wire), &Bounds::DEFAULT)
        .unwrap_or_else(|e| panic!("{wire:?} encoding does not decode: {e}"));
    assert_eq!(
        body.codes().collect::<Vec<_>>(),
        errors.iter().map(|e| e.code).collect::<Vec<_>>()
    );
    assert_eq!(body.v1_errors()[1].message, errors[1].message);
});
