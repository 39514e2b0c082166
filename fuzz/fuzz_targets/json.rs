//! v1.1 JSON (and the older JSON shapes): decoding never panics; what
//! decodes re-encodes to a body that decodes to an equal value and encodes
//! to the same bytes; and its errors, served as XML instead, decode to the
//! same codes and messages (no member can inject markup).
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::codec::{json, xml, Limits};
use twitter_errors::Twitter;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::new().with_max_body(64 * 1024);
    if let Ok(body) = json::decode_with::<Twitter>(data, &limits) {
        let bytes = body.encode().unwrap();
        let again = json::decode_with::<Twitter>(&bytes, &Limits::DEFAULT)
            .unwrap_or_else(|e| panic!("re-encoded body does not decode: {e}"));
        assert_eq!(again, body);
        assert_eq!(again.encode().unwrap(), bytes);

        let as_xml = xml::Body::<Twitter>::from(body.v1_errors().to_vec()).encode().unwrap();
        let x = xml::decode_with::<Twitter>(&as_xml, &Limits::DEFAULT)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&as_xml)));
        assert_eq!(x.v1_errors().len(), body.v1_errors().len());
        for (a, b) in x.v1_errors().iter().zip(body.v1_errors()) {
            assert_eq!(a.code, b.code);
            // XML 1.0 cannot carry U+0000.
            assert_eq!(a.message, b.message.replace('\0', "\u{FFFD}"));
        }
    }
});
