//! The attacks of the issue "Lossless under attack", one test each: many
//! members, repeated members, exact numbers, XML attributes, namespaces and
//! encodings, dates from the wire, and encoding what decoding accepts.
//! Time is not measured here (BENCHMARKS.md shows the growth with the
//! number of members); what is checked is the typed result.

use std::borrow::Cow;

use twitter_errors::codec::{self, json, problem, xml, Bounds, ErrorKind};
use twitter_errors::model::members;
use twitter_errors::response::{decode_response, Outcome, RetryAfter};
use twitter_errors::{ErrorCode, Format, Twitter, V1Error};

fn decode(body: &[u8], limits: &Bounds) -> Result<codec::Body<'static>, ErrorKind> {
    codec::decode_as::<Twitter>(body, None, limits)
        .map(codec::Body::into_owned)
        .map_err(|e| e.kind())
}

/// `n` members `"m0":0,"m1":1,...`.
fn members(n: usize) -> String {
    (0..n)
        .map(|i| format!(r#""m{i}":{i}"#))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn many_members_are_refused_past_the_limit_with_a_typed_error() {
    let n = 40_000;
    for body in [
        format!(
            r#"{{"title":"t","detail":"d","type":"about:blank",{}}}"#,
            members(n)
        ),
        format!(
            r#"{{"errors":[{{"message":"m","code":1,{}}}]}}"#,
            members(n)
        ),
        format!(r#"{{"errors":[],{}}}"#, members(n)),
        format!(
            r#"<errors><error code="1" {}>m</error></errors>"#,
            (0..n)
                .map(|i| format!(r#"a{i}="1""#))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    ] {
        assert_eq!(
            decode(body.as_bytes(), &Bounds::DEFAULT).err(),
            Some(ErrorKind::TooManyMembers),
            "{}",
            &body[..40]
        );
        // Raised, the limit lets the same body through, whole.
        let loose = Bounds::new().with_max_members(usize::MAX);
        let b = decode(body.as_bytes(), &loose).unwrap();
        let again = b.encode_with(&loose).unwrap();
        assert_eq!(decode(&again, &loose).unwrap(), b);
    }
}

#[test]
fn every_repeat_of_a_member_stays_in_its_place() {
    for body in [
        &br#"{"request":"/1/a.json","errors":[{"message":"m","code":34}],"request":"/1/b.json"}"#[..],
        br#"{"errors":[{"code":34,"label":"a","message":"m","label":"b","code":35}]}"#,
        br#"{"a":1,"request":"/1/x.json","b":2,"error":"e","request":"r","error":"again"}"#,
        br#"{"type":"about:blank","title":"t","detail":"d","type":"https://api.twitter.com/2/problems/usage-capped"}"#,
        br#"{"errors":[{"value":"1","value":"2"}],"data":[],"data":{}}"#,
    ] {
        let b = decode(body, &Bounds::DEFAULT).unwrap();
        assert_eq!(b.encode().unwrap(), body, "{}", String::from_utf8_lossy(body));
    }
    // Accessors read the first occurrence.
    let b =
        problem::decode(br#"{"type":"about:blank","title":"first","detail":"d","title":"second"}"#)
            .unwrap();
    let p = b.problem.unwrap();
    assert_eq!(p.title().as_deref(), Some("first"));
    assert_eq!(p.problem_type(), Some(twitter_errors::ProblemType::Generic));
    assert_eq!(p.members().get_all("title").count(), 2);
    let object: twitter_errors::ErrorObject = p.to_object().unwrap();
    assert_eq!(object.title, "first");
    assert_eq!(object.extra.get_str("title").as_deref(), Some("second"));
}

#[test]
fn numbers_keep_their_exact_text() {
    let body = br#"{"errors":[{"message":"m","code":1,"big":123456789012345678901234567890,"huge":1e400,"neg":-1e400,"zero":-0,"frac":0.10}]}"#;
    let b = json::decode(body).unwrap();
    let extra = &b.v1_errors()[0].extra;
    let text = |k| extra.get(k).map(|v| v.get());
    assert_eq!(text("big"), Some("123456789012345678901234567890"));
    assert_eq!(text("huge"), Some("1e400"));
    assert_eq!(text("neg"), Some("-1e400"));
    assert_eq!(text("zero"), Some("-0"));
    assert_eq!(text("frac"), Some("0.10"));
    assert_eq!(b.encode().unwrap(), body);
    // Values are compared by their text: 1e400, -1e400 and null differ.
    let one = |v: &str| {
        let mut m = twitter_errors::Members::new();
        m.push_json("x", v).unwrap();
        m
    };
    assert_ne!(one("1e400"), one("-1e400"));
    assert_ne!(one("1e400"), one("null"));
    assert_ne!(
        one("123456789012345678901234567890"),
        one("123456789012345678901234567891")
    );
    assert_eq!(one("[1, 2]"), one("[1,2]"));
    let v2 = br#"{"errors":[{"value":123456789012345678901234567890,"status":1e400}]}"#;
    let b = problem::decode(v2).unwrap();
    assert_eq!(
        b.errors[0].get("value").unwrap().get(),
        "123456789012345678901234567890"
    );
    assert_eq!(b.errors[0].status(), None, "not an i64");
    assert_eq!(b.encode().unwrap(), v2);
}

#[test]
fn xml_keeps_attributes_and_namespaces_on_every_element() {
    let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<errors xmlns="urn:x-errors" xmlns:t="urn:x-twitter" t:version="1.1">
  <error t:label="x" code="34" xml:lang="en">Sorry, that page does not exist</error>
</errors>"#;
    let b = xml::decode(body).unwrap();
    assert_eq!(
        b.attributes.get_str("xmlns").as_deref(),
        Some("urn:x-errors")
    );
    assert_eq!(b.attributes.get_str("t:version").as_deref(), Some("1.1"));
    let e = &b.v1_errors()[0];
    assert_eq!(e.code, ErrorCode::PageDoesNotExist);
    assert_eq!(e.extra.get_str("t:label").as_deref(), Some("x"));
    assert_eq!(e.extra.get_str("xml:lang").as_deref(), Some("en"));
    let out = b.encode().unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(
        text.contains(r#"<errors xmlns="urn:x-errors" xmlns:t="urn:x-twitter" t:version="1.1">"#),
        "{text}"
    );
    assert!(
        text.contains(r#"<error t:label="x" code="34" xml:lang="en">"#),
        "{text}"
    );
    // What is written parses, prefixes with their declarations.
    assert_eq!(xml::decode(&out).unwrap(), b);
    let hash = br#"<hash id="7"><request>/1/x.xml</request><error>Not found</error></hash>"#;
    let h = xml::decode(hash).unwrap();
    assert_eq!(h.attributes.get_str("id").as_deref(), Some("7"));
    assert_eq!(xml::decode(&h.encode().unwrap()).unwrap(), h);
    // What cannot be kept is refused, never dropped.
    for refused in [
        &br#"<t:errors xmlns:t="urn:x"><t:error code="1">m</t:error></t:errors>"#[..],
        br#"<hash><request at="1">/1/x.xml</request><error>e</error></hash>"#,
        br#"<errors><error code="1" a="1" a="2">m</error></errors>"#,
    ] {
        assert!(
            xml::decode(refused).is_err(),
            "{}",
            String::from_utf8_lossy(refused)
        );
    }
}

#[test]
fn xml_in_other_encodings_is_read_as_declared_or_refused() {
    let mut latin1 =
        br#"<?xml version="1.0" encoding="ISO-8859-1"?><errors><error code="1">Caf"#.to_vec();
    latin1.push(0xE9);
    latin1.extend_from_slice(b" ferm\xE9</error></errors>");
    let b = xml::decode(&latin1).unwrap();
    assert_eq!(b.v1_errors()[0].message, "Café fermé");
    let ascii =
        br#"<?xml version="1.0" encoding="us-ascii"?><errors><error code="1">m</error></errors>"#;
    assert!(xml::decode(ascii).is_ok());
    let mut not_ascii = ascii.to_vec();
    let at = not_ascii.len() - "m</error></errors>".len();
    not_ascii[at] = 0xE9;
    assert_eq!(
        xml::decode(&not_ascii).unwrap_err().kind(),
        ErrorKind::Encoding
    );
    for other in ["Shift_JIS", "windows-1252", "UTF-16", "EBCDIC"] {
        let body = format!(r#"<?xml version="1.0" encoding="{other}"?><errors/>"#);
        assert_eq!(
            xml::decode(body.as_bytes()).unwrap_err().kind(),
            ErrorKind::Encoding,
            "{other}"
        );
    }
    assert_eq!(
        xml::decode(b"\xFF\xFE<\0e\0").unwrap_err().kind(),
        ErrorKind::Encoding
    );
}

#[test]
fn dates_from_the_wire_never_overflow() {
    let body = br#"{"errors":[{"message":"Rate limit exceeded","code":88}]}"#;
    for date in [
        "Sun, 06 Nov 99999999999999999999 08:49:37 GMT",
        "Sun, 06 Nov -4000 08:49:37 GMT",
        "Sun, 06 Nov 0000 08:49:37 GMT",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "Sun, 99 Nov 1994 99:99:99 GMT",
        "18446744073709551616",
        "-1",
        "\u{0}",
    ] {
        let Outcome::Failure(e) = decode_response(429, [("retry-after", date)], body) else {
            panic!("{date}")
        };
        let _ = e.to_string();
        let wait = e.retry();
        assert!(
            matches!(e.rate_limits().retry_after, None | Some(RetryAfter::At(_))),
            "{date}: {:?}",
            e.rate_limits().retry_after
        );
        let _ = wait.delay(u64::MAX);
        let _ = wait.delay(0);
    }
}

#[test]
fn encode_refuses_what_decode_would_refuse() {
    let many: json::JsonBody<'_> = json::JsonBody::from(
        (0..2000)
            .map(|_| V1Error::from_entry(ErrorCode::OverCapacity))
            .collect::<Vec<_>>(),
    );
    assert_eq!(many.encode().unwrap_err().kind(), ErrorKind::TooManyErrors);
    let loose = Bounds::new().with_max_errors(5000);
    let bytes = many.encode_with(&loose).unwrap();
    assert_eq!(
        decode(&bytes, &Bounds::DEFAULT).unwrap_err(),
        ErrorKind::TooManyErrors
    );
    assert!(decode(&bytes, &loose).is_ok());
    // Too deep, too long, too many members.
    let mut e: V1Error<'_> = V1Error::from_entry(ErrorCode::OverCapacity);
    e.extra.push(
        "deep",
        Cow::Owned(
            serde_json::value::RawValue::from_string(format!(
                "{}{}",
                "[".repeat(70),
                "]".repeat(70)
            ))
            .unwrap(),
        ),
    );
    let deep = json::JsonBody::from(vec![e]);
    assert_eq!(deep.encode().unwrap_err().kind(), ErrorKind::TooDeep);
    let long = json::JsonBody::<Twitter>::from(vec![V1Error::new(
        ErrorCode::OverCapacity,
        "x".repeat(100),
    )]);
    assert_eq!(
        long.encode_with(&Bounds::new().with_max_body(64))
            .unwrap_err()
            .kind(),
        ErrorKind::TooLarge
    );
    let mut wide = json::JsonBody::<Twitter>::from_codes([ErrorCode::OverCapacity]);
    for i in 0..20 {
        wide.extra
            .push(format!("m{i}"), Cow::Owned(members::integer(i)));
    }
    assert_eq!(
        wide.encode_with(&Bounds::new().with_max_members(10))
            .unwrap_err()
            .kind(),
        ErrorKind::TooManyMembers
    );
    // Every format.
    for format in [Format::Xml, Format::Jsonp, Format::Problem] {
        let asked = match format {
            Format::Xml => "/1/x.xml",
            Format::Jsonp => "/1/x.json?callback=cb",
            _ => "/2/x",
        };
        let n = twitter_errors::response::negotiate::negotiate(asked, None);
        let errors: Vec<V1Error<'_>> = (0..2000)
            .map(|_| V1Error::from_entry(ErrorCode::OverCapacity))
            .collect();
        if format != Format::Problem {
            assert_eq!(
                n.encode(&errors).unwrap_err().kind(),
                ErrorKind::TooManyErrors,
                "{format}"
            );
        }
    }
    let items: Vec<problem::Problem<'_>> = (0..2000).map(|_| problem::Problem::new()).collect();
    let v2 = problem::ProblemBody::<Twitter>::new(None, items);
    assert_eq!(v2.encode().unwrap_err().kind(), ErrorKind::TooManyErrors);
}
