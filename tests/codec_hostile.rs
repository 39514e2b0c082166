//! Bad bodies give a typed error, never a panic: invalid JSON or XML,
//! wrong types, document type declarations and entities (refused, never
//! expanded), bodies over the size limit, deep nesting, invalid UTF-8,
//! truncation. At the response level, such bodies still give an error
//! typed by the status, with the raw body kept.

use twitter_errors::codec::{self, json, jsonp, problem, xml, Bounds, DecodeError, ErrorKind};
use twitter_errors::response::{decode_response, Outcome};
use twitter_errors::{Format, HttpStatus, Retry, Status, Twitter};
use twitter_errors_tests::fixture;

const NO_HEADERS: [(&str, &str); 0] = [];

fn kind_in(format: Option<Format>, body: &[u8], limits: &Bounds) -> ErrorKind {
    match codec::decode_as::<Twitter>(body, format, limits) {
        Ok(b) => panic!(
            "{format:?} decoded {}: {b:?}",
            String::from_utf8_lossy(body)
        ),
        Err(e) => {
            // Every error says something and is not a panic in disguise.
            assert!(!e.to_string().is_empty());
            e.kind()
        }
    }
}

fn kind(format: Option<Format>, body: &[u8]) -> ErrorKind {
    kind_in(format, body, &Bounds::DEFAULT)
}

#[test]
fn invalid_json() {
    for body in [
        &b"{"[..],
        b"{\"errors\":[}",
        b"{\"errors\":[{\"message\":\"x\",\"code\":34}],}",
        b"{\"errors\":[{\"message\":\"x\",\"code\":34}]} trailing",
        b"{'errors':[]}",
        b"{\"errors\":[{\"message\":\"x\",\"code\":3 4}]}",
        b"{\"errors\":[{\"message\":\"\\q\",\"code\":34}]}",
        b"{\"errors\":[{\"message\":\"\\ud800\",\"code\":34}]}",
        b"{\"errors\":[{\"message\":\"tab\tinside\",\"code\":34}]}",
    ] {
        for format in [None, Some(Format::Json), Some(Format::Problem)] {
            assert_eq!(
                kind(format, body),
                ErrorKind::Syntax,
                "{format:?} {}",
                String::from_utf8_lossy(body)
            );
        }
    }
    let e = json::decode(b"{\n  \"errors\": [\n    {\"message\": \"x\", \"code\": 34},\n  ]\n}")
        .unwrap_err();
    assert_eq!((e.kind(), e.line()), (ErrorKind::Syntax, Some(4)));
    let e =
        problem::decode(b"{\n  \"errors\": [\n    {\"message\": \"x\", },\n  ]\n}").unwrap_err();
    assert_eq!((e.kind(), e.line()), (ErrorKind::Syntax, Some(3)));
}

#[test]
fn wrong_types() {
    for body in [
        &br#"{"errors":[{"message":"x","code":true}]}"#[..],
        br#"{"errors":[{"message":34,"code":34}]}"#,
        br#"{"errors":[{"message":"x","code":34.5}]}"#,
        br#"{"errors":[{"message":"x","code":null}]}"#,
        br#"{"errors":[{"message":"x","code":-34}]}"#,
        br#"{"errors":12}"#,
        br#"{"errors":["x"]}"#,
        br#"{"error":{"nested":true}}"#,
        br#"{"disconnect":"now"}"#,
    ] {
        assert_eq!(
            kind(Some(Format::Json), body),
            ErrorKind::Type,
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    for body in [
        &br#"{"errors":12}"#[..],
        br#"{"errors":"x"}"#,
        br#"{"errors":[1]}"#,
        br#"{"errors":[{}, "x"]}"#,
    ] {
        assert_eq!(
            kind(Some(Format::Problem), body),
            ErrorKind::Type,
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    assert_eq!(
        kind(
            Some(Format::Xml),
            br#"<errors><error code="x34">t</error></errors>"#
        ),
        ErrorKind::Type
    );
}

#[test]
fn not_error_bodies() {
    for (format, body) in [
        (None, &b"[1,2]"[..]),
        (None, b"\"just a string\""),
        (None, b"42"),
        (None, b"{\"data\":{\"id\":\"1\"}}"),
        (Some(Format::Json), b"{\"data\":{\"id\":\"1\"}}"),
        (
            Some(Format::Json),
            b"{\"errors\":[{\"message\":\"no code\"}]}",
        ),
        (
            Some(Format::Xml),
            b"<html><body><h1>Over capacity</h1></body></html>",
        ),
        (
            Some(Format::Xml),
            b"<?xml version=\"1.0\"?><status><id>1</id></status>",
        ),
        (Some(Format::Jsonp), b"foo"),
        (
            None,
            b"Error processing your OAuth request: Invalid oauth_verifier parameter",
        ),
    ] {
        assert_eq!(
            kind(format, body),
            ErrorKind::Shape,
            "{format:?} {}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn dtds_and_entities_are_refused_not_expanded() {
    let laughs = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<errors><error code="34">&lol3;</error></errors>"#;
    let external = br#"<?xml version="1.0"?><!DOCTYPE errors [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><errors><error code="34">&xxe;</error></errors>"#;
    let html = b"<!DOCTYPE html><html><head><title>Twitter / Over capacity</title></head><body></body></html>";
    for body in [&laughs[..], external, html] {
        assert_eq!(kind(Some(Format::Xml), body), ErrorKind::Dtd);
        assert_eq!(kind(None, body), ErrorKind::Dtd);
    }
    // Without a DOCTYPE, an undefined entity is refused too.
    assert_eq!(
        kind(None, b"<errors><error code=\"34\">&xxe;</error></errors>"),
        ErrorKind::Dtd
    );
    assert_eq!(
        kind(
            None,
            b"<errors><error code=\"34\" x=\"&xxe;\">t</error></errors>"
        ),
        ErrorKind::Dtd
    );
    // The five predefined entities and character references are text.
    let ok = xml::decode(
        b"<errors><error code=\"34\">&lt;&gt;&amp;&apos;&quot;&#x41;&#66;</error></errors>",
    )
    .unwrap();
    assert_eq!(ok.v1_errors()[0].message, "<>&'\"AB");
}

#[test]
fn oversize_bodies() {
    let limits = Bounds::new().with_max_body(64);
    let big = format!(
        r#"{{"errors":[{{"message":"{}","code":34}}]}}"#,
        "x".repeat(100)
    );
    for format in [
        None,
        Some(Format::Json),
        Some(Format::Problem),
        Some(Format::Jsonp),
        Some(Format::Xml),
    ] {
        assert_eq!(
            kind_in(format, big.as_bytes(), &limits),
            ErrorKind::TooLarge,
            "{format:?}"
        );
    }
    // The default limit is 8 MiB.
    let huge = vec![b' '; Bounds::DEFAULT.max_body + 1];
    assert_eq!(kind(None, &huge), ErrorKind::TooLarge);
}

#[test]
fn deep_nesting() {
    let deep = |open: &str, n: usize| open.repeat(n);
    // Well-formed but deep: refused for depth, not parsed recursively.
    let v1 = format!(
        r#"{{"errors":[{{"message":"x","code":1,"extra":{}{}}}]}}"#,
        deep("[", 100_000),
        deep("]", 100_000)
    );
    assert_eq!(kind(Some(Format::Json), v1.as_bytes()), ErrorKind::TooDeep);
    let v1_top = format!(
        r#"{{"errors":[],"x":{}1{}}}"#,
        deep("{\"a\":", 100_000),
        deep("}", 100_000)
    );
    assert_eq!(
        kind(Some(Format::Json), v1_top.as_bytes()),
        ErrorKind::TooDeep
    );
    // Truncated and deep: an error either way.
    let cut = format!(
        r#"{{"errors":[{{"message":"x","code":1,"extra":{}"#,
        deep("[", 100_000)
    );
    assert!(matches!(
        kind(Some(Format::Json), cut.as_bytes()),
        ErrorKind::TooDeep | ErrorKind::Syntax
    ));
    let v2 = format!(r#"{{"data":{}"#, deep("[", 100_000));
    assert!(matches!(
        kind(Some(Format::Problem), v2.as_bytes()),
        ErrorKind::TooDeep | ErrorKind::Syntax
    ));
    let v2 = format!(
        r#"{{"data":{}0{}}}"#,
        deep("[", 100_000),
        deep("]", 100_000)
    );
    assert_eq!(
        kind(Some(Format::Problem), v2.as_bytes()),
        ErrorKind::TooDeep
    );
    // Truncated inside a deep member: the parser meets the end of the
    // body before the member is whole, so either error may come first.
    let v2_item = format!(r#"{{"errors":[{{"parameters":{}"#, deep("{\"a\":", 100_000));
    assert!(matches!(
        kind(Some(Format::Problem), v2_item.as_bytes()),
        ErrorKind::TooDeep | ErrorKind::Syntax
    ));
    let v2_item = format!(
        r#"{{"errors":[{{"parameters":{}1{}}}]}}"#,
        deep("{\"a\":", 100_000),
        deep("}", 100_000)
    );
    assert_eq!(kind(None, v2_item.as_bytes()), ErrorKind::TooDeep);
    let jsonp = format!("cb({v1})");
    assert_eq!(kind(None, jsonp.as_bytes()), ErrorKind::TooDeep);
    let x = format!("<errors><error code=\"1\">{}", deep("<a>", 100_000));
    assert!(matches!(
        kind(None, x.as_bytes()),
        ErrorKind::Shape | ErrorKind::TooDeep
    ));
    // Within the limit, depth is fine; a tighter limit refuses it.
    let ok = format!(
        r#"{{"errors":[{{"message":"x","code":1,"extra":{}1{}}}]}}"#,
        deep("[", 50),
        deep("]", 50)
    );
    assert!(json::decode(ok.as_bytes()).is_ok());
    let tight = Bounds::new().with_max_depth(10);
    assert_eq!(
        kind_in(Some(Format::Json), ok.as_bytes(), &tight),
        ErrorKind::TooDeep
    );
    // No limit goes past 128, as deep as serde_json parses: every member
    // kept as JSON text stays parseable.
    let loose = Bounds::new().with_max_depth(10_000);
    let v2_200 = format!(
        r#"{{"errors":[{{"value":{}0{}}}]}}"#,
        deep("[", 200),
        deep("]", 200)
    );
    assert_eq!(kind_in(None, v2_200.as_bytes(), &loose), ErrorKind::TooDeep);
    let v2_120 = format!(
        r#"{{"errors":[{{"value":{}0{}}}]}}"#,
        deep("[", 120),
        deep("]", 120)
    );
    let body = codec::decode_as::<Twitter>(v2_120.as_bytes(), None, &loose).unwrap();
    let value = body.problems().next().unwrap().get("value").unwrap().get();
    assert!(twitter_errors_tests::value(value.as_bytes()).is_array());
    let standard = fixture("seeds/000-json-34.json");
    assert_eq!(
        kind_in(None, &standard, &Bounds::new().with_max_depth(2)),
        ErrorKind::TooDeep
    );
    assert_eq!(
        kind_in(
            None,
            &fixture("seeds/003-xml-503-130.xml"),
            &Bounds::new().with_max_depth(1)
        ),
        ErrorKind::TooDeep
    );
}

#[test]
fn too_many_errors() {
    let limits = Bounds::new().with_max_errors(3);
    let item = r#"{"message":"Over capacity","code":130}"#;
    let v1 = format!(r#"{{"errors":[{}]}}"#, [item; 4].join(","));
    assert_eq!(
        kind_in(Some(Format::Json), v1.as_bytes(), &limits),
        ErrorKind::TooManyErrors
    );
    let three = format!(r#"{{"errors":[{}]}}"#, [item; 3].join(","));
    assert_eq!(
        codec::decode_as::<Twitter>(three.as_bytes(), None, &limits)
            .unwrap()
            .codes()
            .count(),
        3
    );
    let x = format!(
        "<errors>{}</errors>",
        "<error code=\"130\">Over capacity</error>".repeat(4)
    );
    assert_eq!(
        kind_in(Some(Format::Xml), x.as_bytes(), &limits),
        ErrorKind::TooManyErrors
    );
    let v2 = format!(r#"{{"errors":[{}]}}"#, [r#"{"message":"x"}"#; 4].join(","));
    assert_eq!(
        kind_in(Some(Format::Problem), v2.as_bytes(), &limits),
        ErrorKind::TooManyErrors
    );
}

#[test]
fn invalid_utf8() {
    for body in [
        &b"{\"errors\":[{\"message\":\"\xff\",\"code\":34}]}"[..],
        b"{\"errors\":[{\"message\":\"x\",\"code\":34}],\"\xc3\":1}",
        b"<errors><error code=\"34\">\xfe</error></errors>",
        b"cb({\"errors\":[{\"message\":\"\xed\xa0\x80\",\"code\":34}]});",
        b"{\"errors\":[{\"message\":\"\xc3\x28\"}]}",
    ] {
        assert_eq!(
            kind(None, body),
            ErrorKind::InvalidUtf8,
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    assert_eq!(
        kind(Some(Format::Problem), b"{\"title\":\"\xff\"}"),
        ErrorKind::InvalidUtf8
    );
}

#[test]
fn empty_and_truncated_bodies() {
    for format in [
        None,
        Some(Format::Json),
        Some(Format::Xml),
        Some(Format::Jsonp),
        Some(Format::Problem),
    ] {
        assert_eq!(kind(format, b""), ErrorKind::Empty);
        assert_eq!(kind(format, b" \r\n\t"), ErrorKind::Empty);
    }
    // Every prefix of every seed example: an error or a body, never a panic.
    let seeds = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds")).unwrap();
    for entry in seeds {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for cut in 0..bytes.len() {
            let prefix = &bytes[..cut];
            for format in [
                None,
                Some(Format::Json),
                Some(Format::Xml),
                Some(Format::Jsonp),
                Some(Format::Problem),
            ] {
                if let Err(e) = codec::decode_as::<Twitter>(prefix, format, &Bounds::DEFAULT) {
                    let _: &DecodeError = &e;
                    assert_ne!(e.kind(), ErrorKind::TooLarge);
                }
            }
        }
    }
}

#[test]
fn refused_callbacks_are_never_echoed() {
    for cb in [
        "<script>alert(1)</script>",
        "alert(document.cookie)//",
        "a b",
        "x\"y",
        "1abc",
        "function",
    ] {
        let body = format!("{cb}({{\"errors\":[{{\"message\":\"x\",\"code\":1}}]}});");
        match jsonp::decode(body.as_bytes()) {
            Ok(j) => panic!("accepted {:?}", j.callback),
            Err(e) => {
                let text = e.to_string();
                assert!(
                    !text.contains("script")
                        && !text.contains("cookie")
                        && !text.contains("function"),
                    "{text}"
                );
            }
        }
    }
    let long = format!("{}({{\"errors\":[]}})", "a".repeat(129));
    assert_eq!(
        jsonp::decode(long.as_bytes()).unwrap_err().kind(),
        ErrorKind::Callback
    );
}

#[test]
fn responses_with_bodies_that_do_not_decode() {
    let html = b"<html><head><title>Twitter / Over capacity</title></head><body>...</body></html>";
    let cases: [(u16, &[u8], Retry); 6] = [
        (503, html, Retry::Backoff),
        (
            502,
            b"<!DOCTYPE html><html>Bad Gateway</html>",
            Retry::Backoff,
        ),
        (
            401,
            b"Error processing your OAuth request: Invalid oauth_verifier parameter",
            Retry::Never,
        ),
        (500, b"", Retry::Backoff),
        (
            404,
            b"{\"errors\":[{\"message\":\"Sorry, that page",
            Retry::Never,
        ),
        (429, b"\xff\xfe", Retry::AfterReset),
    ];
    for (status, body, retry) in cases {
        let Outcome::Failure(e) = decode_response(status, NO_HEADERS, body) else {
            panic!("{status} is a failure")
        };
        assert_eq!(
            e.status(),
            Status::from(HttpStatus::from_u16(status).unwrap())
        );
        assert!(e.body().is_none(), "{status}");
        assert_eq!(e.raw_body(), Some(body), "{status}: the raw body is kept");
        assert!(e.decode_error().is_some());
        assert_eq!(e.retry().hint, retry, "{status}");
        assert!(e.to_string().contains(&format!("(HTTP {status})")), "{e}");
    }
    // A success with a body that is not an error body is a success.
    assert_eq!(decode_response(200, NO_HEADERS, html), Outcome::Success);
}
