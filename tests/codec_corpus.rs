//! Every body in `../shared/corpus/real` (bodies captured from the API,
//! listed in its SOURCES.tsv) decodes without error, keeps every member,
//! and encodes back to the same JSON (or XML) in the same order.
//!
//! The corpus is not part of the repository: when it is absent these tests
//! print a notice and pass.

use std::collections::BTreeMap;

use twitter_errors::codec::json::Shape;
use twitter_errors::codec::{self, xml, Body, ErrorKind};
use twitter_errors::response::{decode_response, Outcome};
use twitter_errors::{Code, ErrorCode, Format, ProblemType};
use twitter_errors_tests::{corpus_dir, strip_ws, value};

/// `(file, status)` from SOURCES.tsv; a missing status is the one such a
/// body is served with (400 for errors, 200 for partial results and stream
/// messages).
fn sources() -> Option<Vec<(String, u16, Vec<u8>)>> {
    let dir = corpus_dir()?;
    let tsv = std::fs::read_to_string(dir.join("SOURCES.tsv")).expect("SOURCES.tsv");
    let mut out = Vec::new();
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, status, note) = (cols[0], cols[1], cols.get(3).copied().unwrap_or(""));
        let status = status.parse().unwrap_or(
            if note.contains("[v2-partial]") || note.contains("-stream]") {
                200
            } else {
                400
            },
        );
        let bytes = std::fs::read(dir.join(file)).expect(file);
        out.push((file.to_string(), status, bytes));
    }
    assert!(!out.is_empty(), "SOURCES.tsv lists no bodies");
    Some(out)
}

#[test]
fn every_body_decodes_and_encodes_back() {
    let Some(bodies) = sources() else { return };
    let mut seen = 0;
    for (file, _, bytes) in &bodies {
        if file.ends_with(".txt") {
            // Plain text (an OAuth error): not a body any codec reads.
            let e = codec::decode(bytes).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Shape, "{file}");
            continue;
        }
        let body = codec::decode(bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        let out = body.encode().unwrap();
        match body.format() {
            Format::Xml => assert_eq!(out, *bytes, "{file}: byte-exact"),
            _ => {
                // Same members, same values, same order.
                assert_eq!(value(&out), value(bytes), "{file}");
                assert_eq!(strip_ws(&out), strip_ws(bytes), "{file}");
            }
        }
        // Compact bodies come back byte for byte.
        if !bytes.contains(&b'\n') {
            assert_eq!(out, *bytes, "{file}: byte-exact");
        }
        // And decoding the output gives the same value.
        assert_eq!(codec::decode(&out).unwrap(), body, "{file}");
        seen += 1;
    }
    println!("{seen} corpus bodies round-tripped");
}

#[test]
fn typed_values_of_real_bodies() {
    let Some(bodies) = sources() else { return };
    let by_file: BTreeMap<&str, &[u8]> = bodies.iter().map(|(f, _, b)| (&f[..3], &b[..])).collect();
    let decode = |prefix: &str| codec::decode(by_file[prefix]).unwrap().into_owned();
    let v1 = |prefix: &str| -> (Code, String, bool) {
        let b = decode(prefix);
        let e = &b.v1_errors()[0];
        (e.code, e.message.to_string(), e.code_first())
    };
    assert_eq!(
        v1("02_"),
        (
            Code::from(ErrorCode::CouldNotAuthenticate),
            "Could not authenticate you.".into(),
            true
        )
    );
    assert!(!v1("11_").2, "message first");
    // 211 is not in the published table: kept as an unknown code.
    assert_eq!(v1("15_").0, Code::from_code(211));
    assert_eq!(v1("16_").0, Code::from(ErrorCode::BadAuthenticationData));

    let Body::Json(b) = decode("19_") else {
        panic!("19")
    };
    assert_eq!(b.shape, Shape::Text("Status is a duplicate.".into()));
    let Body::Json(b) = decode("21_") else {
        panic!("21")
    };
    let Shape::Media(m) = &b.shape else {
        panic!("21: {b:?}")
    };
    assert_eq!(
        (m.code(), m.name().as_deref(), m.message().as_deref()),
        (
            Some(1),
            Some("InvalidMedia"),
            Some("Unsupported video format")
        )
    );
    assert_eq!(
        m.processing_info.get_str("state").as_deref(),
        Some("failed")
    );
    assert_eq!(
        b.extra.get("media_id").map(|v| v.get()),
        Some("710511363345354753")
    );
    let Body::Json(b) = decode("23_") else {
        panic!("23")
    };
    let Shape::Legacy(l) = &b.shape else {
        panic!("23")
    };
    assert_eq!(
        (&*l.error, l.request.as_deref()),
        (
            "media_id field must be provided.",
            Some("/1.1/media/metadata/create.json")
        )
    );
    assert!(l.request_first());
    let Body::Xml(xml::XmlBody {
        root: xml::Root::Hash(h),
        ..
    }) = decode("28_")
    else {
        panic!("28")
    };
    assert_eq!(
        h.error,
        "Could not follow user: billymeltdown is already on your list."
    );
    assert_eq!(
        h.request.as_deref(),
        Some("/friendships/create/billymeltdown.xml")
    );
    let Body::Json(b) = decode("31_") else {
        panic!("31")
    };
    let Shape::Disconnect(d) = &b.shape else {
        panic!("31")
    };
    assert_eq!(
        (d.code(), d.stream_name().as_deref()),
        (Some(3), Some("yusuke-sitestream6139-yusuke"))
    );

    let Body::Problem(p) = decode("32_") else {
        panic!("32")
    };
    // A Labs host: still the catalog's type.
    assert_eq!(
        p.problem.as_ref().unwrap().problem_type(),
        Some(ProblemType::InvalidRequest)
    );
    assert_eq!(
        twitter_errors_tests::value(p.errors[0].get("parameters").unwrap().get().as_bytes()),
        serde_json::json!({"query": []})
    );
    let Body::Problem(p) = decode("34_") else {
        panic!("34")
    };
    let top = p.problem.as_ref().unwrap();
    assert_eq!(
        (top.problem_type(), top.status()),
        (Some(ProblemType::Generic), Some(403))
    );
    let Body::Problem(p) = decode("39_") else {
        panic!("39")
    };
    assert_eq!(p.errors.len(), 8);
    let Body::Problem(p) = decode("43_") else {
        panic!("43")
    };
    assert_eq!(
        p.errors[0].message().as_deref(),
        Some("This tweet cannot be found.")
    );
    let Body::Problem(p) = decode("50_") else {
        panic!("50")
    };
    assert!(p.is_partial());
    assert_eq!(
        p.errors[0].problem_type(),
        Some(ProblemType::ResourceNotFound)
    );
    let Body::Problem(p) = decode("53_") else {
        panic!("53")
    };
    assert_eq!(p.errors.len(), 15);
    for e in &p.errors {
        let o = e.to_object().unwrap();
        assert_eq!(o.r#type.known(), Some(ProblemType::NotAuthorizedForField));
        assert!(o.field.as_deref().unwrap().contains("_metrics."));
    }
    let Body::Problem(p) = decode("54_") else {
        panic!("54")
    };
    assert!(p.is_partial());
    assert!(p.data().unwrap().get().contains("\"1387820661742112771\""));
    assert!(p.result.get("includes").is_some());
    let Body::Problem(p) = decode("59_") else {
        panic!("59")
    };
    let o = p.errors[0].to_object().unwrap();
    assert_eq!(
        o.disconnect_type.unwrap().as_str(),
        "UpstreamOperationalDisconnect"
    );
}

#[test]
fn every_response_gives_the_right_outcome() {
    let Some(bodies) = sources() else { return };
    for (file, status, bytes) in &bodies {
        let headers = [("content-type", "application/json; charset=utf-8")];
        match decode_response(*status, headers, bytes) {
            Outcome::Partial(p) => {
                assert_eq!(*status, 200, "{file}");
                assert!(p.is_partial());
            }
            Outcome::Failure(e) => {
                assert_eq!(e.status().as_u16(), *status, "{file}");
                if file.ends_with(".txt") {
                    assert_eq!(e.raw_body(), Some(&bytes[..]), "{file}");
                    assert!(e.message().is_some(), "{file}");
                } else {
                    assert!(e.body().is_some(), "{file}: {:?}", e.decode_error());
                }
                // Display never fails and names the status.
                assert!(
                    e.to_string().contains(&status.to_string()) || *status == 200,
                    "{e}"
                );
            }
            other => panic!("{file}: {other:?}"),
        }
    }
}
