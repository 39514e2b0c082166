//! v1.1 JSON (and the older JSON shapes): decoding never panics; what
//! decodes re-encodes at the same limits, the tightest included, to a body
//! that decodes equal (`twitter_errors_fuzz::round_trip`); and its errors,
//! served as XML instead, decode to the same codes and messages (no member
//! can inject markup), unless a code kept as a non-numeric string has no
//! XML form, which encoding refuses with a typed error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::codec::{json, xml, ErrorKind, Bounds};
use twitter_errors::{Format, Twitter};
use twitter_errors_fuzz::{round_trip, tightest};

fuzz_target!(|data: &[u8]| {
    let json = Some(Format::Json);
    if !round_trip(data, json, &Bounds::DEFAULT) {
        return;
    }
    round_trip(data, json, &tightest(data, json, &Bounds::DEFAULT));
    let body = json::decode_with::<Twitter>(data, &Bounds::DEFAULT).unwrap();
    let as_xml = match xml::XmlBody::<Twitter>::from(body.v1_errors().to_vec()).encode() {
        Ok(bytes) => bytes,
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Type, "{e}");
            return;
        }
    };
    let x = xml::decode_with::<Twitter>(&as_xml, &Bounds::DEFAULT)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&as_xml)));
    assert_eq!(x.v1_errors().len(), body.v1_errors().len());
    for (a, b) in x.v1_errors().iter().zip(body.v1_errors()) {
        // The number: XML has no string type, so a code sent as a string
        // of digits is a number there, which the catalog resolves.
        assert_eq!(a.code.code(), b.code.code());
        // XML 1.0 cannot carry U+0000.
        assert_eq!(a.message, b.message.replace('\0', "\u{FFFD}"));
    }
});
