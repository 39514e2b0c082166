//! JSONP: decoding never panics, an accepted callback is an identifier
//! path, the encoding is safe inside a `<script>`, and what decodes
//! re-encodes to a body that decodes to an equal value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::codec::{jsonp, Limits};
use twitter_errors::Twitter;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::new().with_max_body(64 * 1024);
    if let Ok(body) = jsonp::decode_with::<Twitter>(data, &limits) {
        let name = body.callback.as_str();
        assert!(!name.is_empty() && name.len() <= limits.max_callback);
        assert!(name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.')));
        let bytes = body.encode().unwrap();
        let text = std::str::from_utf8(&bytes).expect("encoding writes UTF-8");
        assert!(!text.contains("</") && !text.contains('\u{2028}') && !text.contains('\u{2029}'));
        let again = jsonp::decode_with::<Twitter>(&bytes, &Limits::DEFAULT)
            .unwrap_or_else(|e| panic!("re-encoded body does not decode: {e}"));
        assert_eq!(again, body);
        assert_eq!(again.encode().unwrap(), bytes);
    }
});
