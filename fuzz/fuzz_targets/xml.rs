//! XML: decoding never panics nor expands an entity; what decodes
//! re-encodes at the same limits, the tightest included
//! (`twitter_errors_fuzz::round_trip`), every root attribute kept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::codec::Bounds;
use twitter_errors::Format;
use twitter_errors_fuzz::{round_trip, tightest};

fuzz_target!(|data: &[u8]| {
    let xml = Some(Format::Xml);
    if round_trip(data, xml, &Bounds::DEFAULT) {
        round_trip(data, xml, &tightest(data, xml, &Bounds::DEFAULT));
    }
});
