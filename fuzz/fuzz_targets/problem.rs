//! v2 problem details: decoding never panics; what decodes re-encodes at
//! the same limits, the tightest included (`twitter_errors_fuzz::round_trip`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::codec::Bounds;
use twitter_errors::Format;
use twitter_errors_fuzz::{round_trip, tightest};

fuzz_target!(|data: &[u8]| {
    let problem = Some(Format::Problem);
    if round_trip(data, problem, &Bounds::DEFAULT) {
        round_trip(data, problem, &tightest(data, problem, &Bounds::DEFAULT));
    }
});
