//! The checks the fuzz targets share, also replayed on every regression
//! input by the workspace's tests (`tests/codec_hardening.rs` includes this
//! file).
//!
//! - [`round_trip`]: a body that decodes at some limits encodes at the same
//!   limits, to bytes that decode (with the same detection) to an equal
//!   value and encode to the same bytes again. The one refusal allowed is
//!   [`ErrorKind::TooLarge`] when the escapes encoding adds (JSONP's
//!   `\u003c`, a v1.1 body's `\/`) or XML's own layout made the body longer
//!   than `max_body`, as `Bounds` documents: then, with room, it encodes
//!   and decodes back equal. A body that does not decode gets a typed
//!   error whose text holds no raw control character.
//! - [`limits_from`]: limits picked by a few input bytes, tight enough that
//!   inputs of a few kilobytes reach every one of them.
//! - [`tightest`]: the tightest limits a body decodes under.

use twitter_errors::codec::{self, Bounds, DecodeError, ErrorKind};
use twitter_errors::shown::is_escaped;
use twitter_errors::{Format, Twitter};

/// The formats a target may ask for: `None` is detection, as the command
/// line and `decode_response` use it.
pub const FORMATS: [Option<Format>; 5] = [
    None,
    Some(Format::Json),
    Some(Format::Jsonp),
    Some(Format::Xml),
    Some(Format::Problem),
];

/// Bounds from five bytes: the errors, members, depth and body size a
/// decoder allows, each small enough to be reached by a short input.
pub fn limits_from(b: [u8; 5]) -> Bounds {
    Bounds::DEFAULT
        .with_max_errors(usize::from(b[0] % 8))
        .with_max_members(usize::from(b[1] % 32))
        .with_max_depth(1 + usize::from(b[2] % 16))
        .with_max_body(16 + usize::from(u16::from_be_bytes([b[3], b[4]]) % 8192))
}

/// The tightest limits `body` decodes under in `format`, lowering one
/// bound at a time from `start` until decoding fails (each bound at most
/// 64 steps).
pub fn tightest(body: &[u8], format: Option<Format>, start: &Bounds) -> Bounds {
    let ok = |l: &Bounds| codec::decode_as::<Twitter>(body, format, l).is_ok();
    let mut l = start.with_max_body(body.len().min(start.max_body));
    if !ok(&l) {
        return *start;
    }
    for _ in 0..64 {
        if l.max_errors == 0 || !ok(&l.with_max_errors(l.max_errors.min(64) - 1)) {
            break;
        }
        l = l.with_max_errors(l.max_errors.min(64) - 1);
    }
    for _ in 0..64 {
        if l.max_members == 0 || !ok(&l.with_max_members(l.max_members.min(64) - 1)) {
            break;
        }
        l = l.with_max_members(l.max_members.min(64) - 1);
    }
    for _ in 0..64 {
        if l.max_depth <= 1 || !ok(&l.with_max_depth(l.max_depth.min(64) - 1)) {
            break;
        }
        l = l.with_max_depth(l.max_depth.min(64) - 1);
    }
    l
}

/// A refusal is typed, and its text shows no input raw.
pub fn clean_refusal(e: &DecodeError) {
    let text = e.to_string();
    assert!(!text.is_empty());
    assert!(
        !text.chars().any(is_escaped),
        "raw control character in {text:?}"
    );
    assert!(!e.detail().chars().any(is_escaped));
}

/// Decodes `data` in `format` at `limits`; see the [crate](self) docs for
/// what must hold. Returns whether it decoded.
pub fn round_trip(data: &[u8], format: Option<Format>, limits: &Bounds) -> bool {
    let first = match codec::decode_as::<Twitter>(data, format, limits) {
        Ok(b) => b,
        Err(e) => {
            clean_refusal(&e);
            return false;
        }
    };
    let _ = first.to_string_lossy_summary();
    let (bytes, limits) = match first.encode_with(limits) {
        Ok(bytes) => (bytes, *limits),
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::TooLarge, "{e} at {limits:?}");
            let roomy =
                limits.with_max_body(limits.max_body.saturating_mul(8).saturating_add(4096));
            let bytes = first
                .encode_with(&roomy)
                .unwrap_or_else(|e| panic!("{e} even with room"));
            assert!(bytes.len() > limits.max_body, "refused within the limit");
            (bytes, roomy)
        }
    };
    assert!(bytes.len() <= limits.max_body);
    let again = codec::decode_as::<Twitter>(&bytes, format, &limits).unwrap_or_else(|e| {
        panic!(
            "re-encoded body does not decode: {e}: {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    assert_eq!(again, first);
    assert_eq!(again.encode_with(&limits).unwrap(), bytes);
    true
}

/// Summaries every decoded body offers, which must not panic.
trait Summary {
    fn to_string_lossy_summary(&self) -> String;
}

impl Summary for codec::Body<'_, Twitter> {
    fn to_string_lossy_summary(&self) -> String {
        let codes: Vec<u32> = self.v1_errors().iter().map(|e| e.code.code()).collect();
        format!("{:?} {codes:?} {:?}", self.format(), self.message())
    }
}
