//! v1.1 JSON (and the older JSON shapes): decoding never panics, and what
//! decodes re-encodes to a body that decodes to an equal value and encodes
//! to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::codec::{json, Limits};
use twitter_errors::Catalog;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::new().with_max_body(64 * 1024);
    if let Ok(body) = json::decode_with::<Catalog>(data, &limits) {
        let bytes = body.encode();
        let again = json::decode_with::<Catalog>(&bytes, &Limits::DEFAULT)
            .unwrap_or_else(|e| panic!("re-encoded body does not decode: {e}"));
        assert_eq!(again, body);
        assert_eq!(again.encode(), bytes);
    }
});
