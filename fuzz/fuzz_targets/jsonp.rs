//! JSONP: decoding never panics; an accepted callback is an identifier
//! path within the limit; the encoding is safe in an HTML `<script>` (no
//! `<`, U+2028 or U+2029 at all); what decodes re-encodes at the same
//! limits, the tightest included (`twitter_errors_fuzz::round_trip`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::codec::{jsonp, Bounds};
use twitter_errors::{Format, Twitter};
use twitter_errors_fuzz::{round_trip, tightest};

fuzz_target!(|data: &[u8]| {
    let fmt = Some(Format::Jsonp);
    if !round_trip(data, fmt, &Bounds::DEFAULT) {
        return;
    }
    round_trip(data, fmt, &tightest(data, fmt, &Bounds::DEFAULT));
    let body = jsonp::decode_with::<Twitter>(data, &Bounds::DEFAULT).unwrap();
    let name = body.callback.as_str();
    assert!(!name.is_empty() && name.len() <= Bounds::DEFAULT.max_callback);
    assert!(name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.')));
    let bytes = body
        .encode_with(&Bounds::DEFAULT.with_max_body(usize::MAX / 2))
        .unwrap();
    let text = std::str::from_utf8(&bytes).expect("encoding writes UTF-8");
    assert!(!text.contains('<') && !text.contains('\u{2028}') && !text.contains('\u{2029}'));
});
