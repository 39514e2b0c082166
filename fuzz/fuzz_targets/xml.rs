//! v1.1 XML and the pre-2012 `<hash>`: decoding never panics, never expands
//! an entity, and what decodes re-encodes to a body that decodes to an equal
//! value and encodes to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::codec::{xml, Limits};
use twitter_errors::Twitter;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::new().with_max_body(64 * 1024);
    if let Ok(body) = xml::decode_with::<Twitter>(data, &limits) {
        let bytes = body.encode().unwrap();
        let again = xml::decode_with::<Twitter>(&bytes, &Limits::DEFAULT)
            .unwrap_or_else(|e| panic!("re-encoded body does not decode: {e}"));
        assert_eq!(again, body);
        assert_eq!(again.encode().unwrap(), bytes);
    }
});
