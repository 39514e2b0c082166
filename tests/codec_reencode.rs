//! What decodes re-encodes, at the limits it decoded under: encoding counts
//! what it writes as decoding counted what it read, keeps every attribute
//! of an XML root in order, and refuses with a typed error only what its
//! own escapes made longer than the body limit.

use twitter_errors::codec::{self, Bounds, ErrorKind};
use twitter_errors::{Format, Twitter};

/// The tightest limits `body` decodes under, one bound at a time: each of
/// max_errors, max_members and max_depth lowered until decoding fails,
/// then the last that passed.
fn tightest(body: &[u8], format: Option<Format>) -> Bounds {
    let ok = |l: &Bounds| codec::decode_as::<Twitter>(body, format, l).is_ok();
    let mut l = Bounds::DEFAULT.with_max_body(body.len());
    assert!(ok(&l), "{}", String::from_utf8_lossy(body));
    while l.max_errors > 0 && ok(&l.with_max_errors(l.max_errors.min(64) - 1)) {
        l = l.with_max_errors(l.max_errors.min(64) - 1);
    }
    while l.max_members > 0 && ok(&l.with_max_members(l.max_members.min(64) - 1)) {
        l = l.with_max_members(l.max_members.min(64) - 1);
    }
    while l.max_depth > 1 && ok(&l.with_max_depth(l.max_depth.min(64) - 1)) {
        l = l.with_max_depth(l.max_depth.min(64) - 1);
    }
    l
}

/// Decodes at the tightest limits, encodes at the same, decodes again.
/// XML is written in the API's layout, which a compact body lacks: it
/// keeps room for it (see `Bounds`), and at the exact size the refusal is
/// typed.
fn round_trip(body: &[u8], format: Option<Format>) -> Vec<u8> {
    let mut limits = tightest(body, format);
    let first = codec::decode_as::<Twitter>(body, format, &limits).unwrap();
    if first.format() == Format::Xml {
        if let Err(e) = first.encode_with(&limits) {
            assert_eq!(e.kind(), ErrorKind::TooLarge);
        }
        limits = limits.with_max_body(body.len() + 128);
    }
    let bytes = first
        .encode_with(&limits)
        .unwrap_or_else(|e| panic!("{e} at {limits:?}: {}", String::from_utf8_lossy(body)));
    let again = codec::decode_as::<Twitter>(&bytes, format, &limits).unwrap();
    assert_eq!(again, first, "{}", String::from_utf8_lossy(&bytes));
    bytes
}

#[test]
fn an_inferred_code_is_not_counted_as_written() {
    // Items without a code: decoding infers one from the text and counts
    // only the members that came.
    round_trip(br#"{"errors":[{"message":"Rate limit exceeded"}]}"#, None);
    round_trip(
        br#"{"errors":[{"message":"Rate limit exceeded","x":1},{"message":"Over capacity"}]}"#,
        Some(Format::Json),
    );
    round_trip(b"<errors><error>Rate limit exceeded</error></errors>", None);
    round_trip(
        b"<errors><error a=\"1\">Rate limit exceeded</error><error code=\"34\">x</error></errors>",
        Some(Format::Xml),
    );
}

#[test]
fn every_attribute_of_an_xml_root_is_kept_in_order() {
    for body in [
        &b"<errors code=\"5\" a=\"1\"><error code=\"34\">m</error></errors>"[..],
        b"<errors a=\"1\" code=\"5\"><error code=\"34\">m</error></errors>",
        b"<hash code=\"7\" b=\"2\"><error>Not authorized</error></hash>",
    ] {
        let out = String::from_utf8(round_trip(body, None)).unwrap();
        let root =
            &String::from_utf8_lossy(body)[..String::from_utf8_lossy(body).find('>').unwrap()];
        assert!(out.contains(root), "{out}");
    }
}

#[test]
fn an_errors_object_counts_as_one_error() {
    let body = br#"{"errors":{}}"#;
    let at_zero = Bounds::DEFAULT.with_max_errors(0);
    let e = codec::decode_as::<Twitter>(body, None, &at_zero).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooManyErrors);
    round_trip(body, None);
    round_trip(br#"{"errors":{"detail":"x","type":"about:blank"}}"#, None);
}

#[test]
fn only_escapes_encoding_adds_can_outgrow_the_body_limit_and_the_refusal_is_typed() {
    // JSONP writes `<` as `\u003c`: five bytes more each.
    let body = br#"cb({"errors":[{"message":"<<<<","code":34}]});"#;
    let limits = Bounds::DEFAULT.with_max_body(body.len());
    let decoded = codec::decode_as::<Twitter>(body, None, &limits).unwrap();
    let e = decoded.encode_with(&limits).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLarge);
    let roomy = Bounds::DEFAULT.with_max_body(body.len() + 20);
    let bytes = decoded.encode_with(&roomy).unwrap();
    assert_eq!(
        codec::decode_as::<Twitter>(&bytes, None, &roomy).unwrap(),
        decoded
    );
    // A v1.1 body that escaped one slash writes every slash so.
    let body = br#"{"errors":[{"message":"a\/b c/d","code":34}]}"#;
    let limits = Bounds::DEFAULT.with_max_body(body.len());
    let decoded = codec::decode_as::<Twitter>(body, None, &limits).unwrap();
    match decoded.encode_with(&limits) {
        Ok(bytes) => assert!(bytes.len() <= body.len()),
        Err(e) => assert_eq!(e.kind(), ErrorKind::TooLarge),
    }
}
