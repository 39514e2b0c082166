//! Every format, with detection: a body that decodes at some limits
//! encodes at the same limits to bytes that decode equal (the checks of
//! `twitter_errors_fuzz::round_trip`), at limits picked by the input and at
//! the tightest the body decodes under.
//!
//! Input layout: one byte picking the format (detection or one of the
//! four), five picking the limits (`limits_from`), then the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twitter_errors::codec::Bounds;
use twitter_errors_fuzz::{limits_from, round_trip, tightest, FORMATS};

fuzz_target!(|data: &[u8]| {
    if data.len() < 6 {
        return;
    }
    let format = FORMATS[usize::from(data[0]) % FORMATS.len()];
    let limits = limits_from([data[1], data[2], data[3], data[4], data[5]]);
    let body = &data[6..];
    round_trip(body, format, &limits);
    if round_trip(body, format, &Bounds::DEFAULT) {
        round_trip(body, format, &tightest(body, format, &Bounds::DEFAULT));
    }
});
