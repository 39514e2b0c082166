//! The hostile inputs of SECURITY.md, one test each: entity expansion and
//! external entities, bodies over the size limit read from a stream,
//! 100,000-deep nesting, invalid UTF-8, NUL bytes, hostile JSONP callbacks;
//! what encoding must escape; every limit at its boundary; and the inputs
//! fuzzing found, replayed from `fixtures/fuzz`.

use std::io::Read;

use twitter_errors::codec::jsonp::{Callback, Jsonp};
use twitter_errors::codec::{self, json, jsonp, problem, xml, Bounds, DecodeError, ErrorKind};
use twitter_errors::response::negotiate::{negotiate, negotiate_with};
use twitter_errors::V1Error;
use twitter_errors::{Code, ErrorCode, Format, Twitter};

const FORMATS: [Option<Format>; 5] = [
    None,
    Some(Format::Json),
    Some(Format::Xml),
    Some(Format::Jsonp),
    Some(Format::Problem),
];

fn decode_in(format: Option<Format>, body: &[u8], limits: &Bounds) -> Result<(), ErrorKind> {
    codec::decode_as::<Twitter>(body, format, limits)
        .map(|_| ())
        .map_err(|e| e.kind())
}

/// A reader that counts the bytes taken from it, and serves `len` bytes of
/// `fill` (or without end).
struct Counting {
    fill: u8,
    len: Option<u64>,
    read: u64,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.len.map_or(buf.len() as u64, |l| l - self.read);
        let n = (buf.len() as u64).min(left) as usize;
        buf[..n].fill(self.fill);
        self.read += n as u64;
        Ok(n)
    }
}

#[test]
fn billion_laughs_is_refused_without_expansion() {
    // Ten levels of ten: a billion "lol"s if it were expanded.
    let mut body =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for level in 1..=9 {
        let prev = if level == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", level - 1)
        };
        body.push_str(&format!(
            " <!ENTITY lol{level} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    body.push_str("]>\n<errors><error code=\"34\">&lol9;</error></errors>");
    let started = std::time::Instant::now();
    for format in [None, Some(Format::Xml)] {
        assert_eq!(
            decode_in(format, body.as_bytes(), &Bounds::DEFAULT),
            Err(ErrorKind::Dtd)
        );
    }
    // Refused from the declaration, not after expanding: well under a
    // second even on a loaded machine.
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    // The error does not quote the entities either.
    let e = xml::decode(body.as_bytes()).unwrap_err();
    assert!(!e.to_string().contains("lollol"), "{e}");
}

#[test]
fn external_entities_are_refused_without_file_access() {
    // A file the test controls: were it read, its marker would show up.
    let dir = std::env::temp_dir().join(format!("twitter-errors-xxe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let secret = dir.join("secret.txt");
    std::fs::write(&secret, "MARKER-3e1d").unwrap();
    let uri = format!("file://{}", secret.display());
    let bodies = [
        format!("<?xml version=\"1.0\"?><!DOCTYPE errors [<!ENTITY xxe SYSTEM \"{uri}\">]><errors><error code=\"34\">&xxe;</error></errors>"),
        format!("<?xml version=\"1.0\"?><!DOCTYPE errors SYSTEM \"{uri}\"><errors><error code=\"34\">x</error></errors>"),
        format!("<!DOCTYPE errors [<!ENTITY % p SYSTEM \"{uri}\"> %p;]><errors><error code=\"34\">x</error></errors>"),
        format!("<hash><!DOCTYPE x [<!ENTITY e SYSTEM \"{uri}\">]><error>&e;</error></hash>"),
    ];
    // Reading the file would change its access time on most systems; the
    // marker check holds everywhere.
    for body in &bodies {
        for format in [None, Some(Format::Xml)] {
            let e =
                codec::decode_as::<Twitter>(body.as_bytes(), format, &Bounds::DEFAULT).unwrap_err();
            assert!(
                matches!(e.kind(), ErrorKind::Dtd | ErrorKind::Syntax),
                "{e}"
            );
            assert!(!e.to_string().contains("MARKER"), "{e}");
            assert!(!format!("{e:?}").contains("MARKER"));
        }
        assert_eq!(
            xml::decode(body.as_bytes()).unwrap_err().kind(),
            if body.starts_with("<hash>") {
                xml::decode(body.as_bytes()).unwrap_err().kind()
            } else {
                ErrorKind::Dtd
            }
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn huge_bodies_are_refused_at_the_limit_without_being_read_whole() {
    let limits = Bounds::new().with_max_body(1024);
    // An endless stream: read_body stops one byte past the limit.
    let mut endless = Counting {
        fill: b' ',
        len: None,
        read: 0,
    };
    let e = codec::read_body(&mut endless, &limits).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
    let inner = e
        .get_ref()
        .and_then(|e| e.downcast_ref::<DecodeError>())
        .unwrap();
    assert_eq!(inner.kind(), ErrorKind::TooLarge);
    assert_eq!(endless.read, 1025);

    // A 1 GiB body costs the same 1025 bytes at the default... limit set
    // low; at the default limit, 8 MiB + 1.
    let mut gig = Counting {
        fill: b'x',
        len: Some(1 << 30),
        read: 0,
    };
    assert!(codec::read_body(&mut gig, &Bounds::DEFAULT).is_err());
    assert_eq!(gig.read, (Bounds::DEFAULT.max_body + 1) as u64);

    // Exactly at the limit: read whole and handed on.
    let mut exact = Counting {
        fill: b' ',
        len: Some(1024),
        read: 0,
    };
    let body = codec::read_body(&mut exact, &limits).unwrap();
    assert_eq!(body.len(), 1024);
    assert_eq!(decode_in(None, &body, &limits), Err(ErrorKind::Empty));

    // Reader errors are passed on as they are.
    struct Broken;
    impl Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "reset",
            ))
        }
    }
    assert_eq!(
        codec::read_body(Broken, &limits).unwrap_err().kind(),
        std::io::ErrorKind::ConnectionReset
    );

    // A slice over the limit is refused before any parsing: a 9 MiB body
    // that would be a syntax error on its first byte says TooLarge.
    let big = vec![b'!'; Bounds::DEFAULT.max_body + 1];
    for format in FORMATS {
        assert_eq!(
            decode_in(format, &big, &Bounds::DEFAULT),
            Err(ErrorKind::TooLarge)
        );
    }
}

#[test]
fn nesting_100_000_deep_is_refused_in_every_format() {
    let n = 100_000;
    let arrays = format!("{}{}", "[".repeat(n), "]".repeat(n));
    let objects = format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    let bodies = [
        arrays.clone(),
        objects.clone(),
        format!(r#"{{"errors":[{{"message":"x","code":1,"extra":{arrays}}}]}}"#),
        format!(r#"{{"title":"t","detail":"d","type":"about:blank","x":{objects}}}"#),
        format!(r#"{{"errors":[{{"parameters":{objects}}}]}}"#),
        format!(r#"cb({{"errors":[{{"message":"x","code":1,"extra":{arrays}}}]}})"#),
        format!("<errors>{}{}</errors>", "<a>".repeat(n), "</a>".repeat(n)),
    ];
    for body in &bodies {
        for format in FORMATS {
            // Refused, not parsed recursively (which would overflow the
            // stack): for depth where the format applies, as the wrong
            // shape or syntax where it does not.
            let kind = decode_in(format, body.as_bytes(), &Bounds::DEFAULT).unwrap_err();
            assert!(
                matches!(
                    kind,
                    ErrorKind::TooDeep | ErrorKind::Shape | ErrorKind::Syntax | ErrorKind::Type
                ),
                "{format:?}: {kind:?}"
            );
        }
    }
    assert_eq!(
        decode_in(Some(Format::Json), bodies[2].as_bytes(), &Bounds::DEFAULT),
        Err(ErrorKind::TooDeep)
    );
    assert_eq!(
        decode_in(
            Some(Format::Problem),
            bodies[3].as_bytes(),
            &Bounds::DEFAULT
        ),
        Err(ErrorKind::TooDeep)
    );
    assert_eq!(
        decode_in(None, bodies[4].as_bytes(), &Bounds::DEFAULT),
        Err(ErrorKind::TooDeep)
    );
    assert_eq!(
        decode_in(Some(Format::Jsonp), bodies[5].as_bytes(), &Bounds::DEFAULT),
        Err(ErrorKind::TooDeep)
    );
    // XML error bodies have a fixed shape: an element where none belongs
    // is refused as it opens, before the depth matters.
    assert!(matches!(
        decode_in(Some(Format::Xml), bodies[6].as_bytes(), &Bounds::DEFAULT),
        Err(ErrorKind::TooDeep | ErrorKind::Shape)
    ));
}

#[test]
fn invalid_utf8_in_every_format() {
    // Overlong encodings, surrogates, a lone continuation byte, a cut
    // sequence, bytes that never occur.
    for bad in [
        &b"\xc0\xaf"[..],
        b"\xed\xa0\x80",
        b"\x80",
        b"\xe2\x82",
        b"\xff",
        b"\xf5\x80\x80\x80",
    ] {
        let splice = |before: &str, after: &str| {
            let mut v = before.as_bytes().to_vec();
            v.extend_from_slice(bad);
            v.extend_from_slice(after.as_bytes());
            v
        };
        let bodies = [
            (
                Some(Format::Json),
                splice(r#"{"errors":[{"message":""#, r#"","code":34}]}"#),
            ),
            (
                Some(Format::Xml),
                splice(r#"<errors><error code="34">"#, "</error></errors>"),
            ),
            (
                Some(Format::Jsonp),
                splice(r#"cb({"errors":[{"message":""#, r#"","code":34}]})"#),
            ),
            (
                Some(Format::Problem),
                splice(r#"{"title":"t","detail":""#, r#"","type":"about:blank"}"#),
            ),
        ];
        for (format, body) in bodies {
            assert_eq!(
                decode_in(format, &body, &Bounds::DEFAULT),
                Err(ErrorKind::InvalidUtf8),
                "{format:?} {bad:?}"
            );
            assert_eq!(
                decode_in(None, &body, &Bounds::DEFAULT),
                Err(ErrorKind::InvalidUtf8),
                "auto {bad:?}"
            );
        }
    }
}

#[test]
fn nul_bytes() {
    // A raw NUL is not allowed in JSON strings or XML: refused.
    for (format, body) in [
        (
            Some(Format::Json),
            &b"{\"errors\":[{\"message\":\"a\0b\",\"code\":34}]}"[..],
        ),
        (
            Some(Format::Xml),
            b"<errors><error code=\"34\">a\0b</error></errors>",
        ),
        (
            Some(Format::Jsonp),
            b"cb({\"errors\":[{\"message\":\"a\0b\",\"code\":34}]})",
        ),
        (
            Some(Format::Problem),
            b"{\"title\":\"a\0b\",\"detail\":\"d\"}",
        ),
        (Some(Format::Json), b"\0"),
        (None, b"\0{\"errors\":[]}"),
    ] {
        assert!(
            decode_in(format, body, &Bounds::DEFAULT).is_err(),
            "{format:?} {body:?}"
        );
    }
    // An escaped NUL is text: kept, and written back escaped.
    let body = br#"{"errors":[{"message":"a\u0000b","code":34}]}"#;
    let decoded = json::decode(body).unwrap();
    assert_eq!(decoded.v1_errors()[0].message, "a\0b");
    assert_eq!(decoded.encode().unwrap(), body.to_vec());
    let p = problem::decode(br#"{"title":"a\u0000b","detail":"d"}"#).unwrap();
    assert!(!p.encode().unwrap().contains(&0));
    assert_eq!(problem::decode(&p.encode().unwrap()).unwrap(), p);
    // XML cannot carry a NUL at all: encoding writes U+FFFD in its place,
    // never a NUL byte nor a reference parsers refuse.
    let x = xml::XmlBody::<Twitter>::from(vec![V1Error::new(
        Code::from(ErrorCode::PageDoesNotExist),
        "a\0b",
    )]);
    let bytes = x.encode().unwrap();
    assert!(!bytes.contains(&0));
    assert_eq!(
        xml::decode(&bytes).unwrap().v1_errors()[0].message,
        "a\u{FFFD}b"
    );
    // A NUL in a callback name is refused like any other character.
    assert_eq!(
        jsonp::decode(b"c\0b({\"errors\":[]})").unwrap_err().kind(),
        ErrorKind::Callback
    );
}

#[test]
fn hostile_callbacks_are_refused_and_never_echoed() {
    let long = "a".repeat(10_000);
    let hostile = [
        "alert(1)//",
        "<script>",
        "<script>alert(1)</script>",
        "a\u{2028}b",
        "a\u{2029}b",
        r"a\u2028b",
        "a</b",
        "a\nb",
        "a;b",
        "a[0]",
        "a b",
        long.as_str(),
    ];
    for cb in hostile {
        // As a name.
        assert!(Callback::new(cb).is_err(), "{cb:?}");
        assert!(cb.parse::<Callback>().is_err());
        // In a body.
        let body = format!("{cb}({{\"errors\":[{{\"message\":\"x\",\"code\":1}}]}});");
        let e = jsonp::decode(body.as_bytes()).unwrap_err();
        assert!(
            // `alert(1)//(...)` reads as a call of `alert` with `1`.
            matches!(
                e.kind(),
                ErrorKind::Callback | ErrorKind::Syntax | ErrorKind::Shape | ErrorKind::Type
            ),
            "{cb:?}: {e}"
        );
        let text = format!("{e} {e:?}");
        assert!(
            !text.contains("script") && !text.contains("alert") && !text.contains("aaaaaaaaaa"),
            "{text}"
        );
        // In a request: answered as plain JSON, without the name.
        let query: String = cb.bytes().map(|b| format!("%{b:02X}")).collect();
        let n = negotiate(&format!("/1/statuses/show.json?callback={query}"), None);
        assert_eq!(
            (n.format(), n.callback_refused()),
            (Format::Json, true),
            "{cb:?}"
        );
        assert!(n.callback().is_none());
        let out = n
            .encode::<Twitter>(&[V1Error::from_entry(ErrorCode::OverCapacity)])
            .unwrap();
        assert!(out.starts_with(b"{"), "{}", String::from_utf8_lossy(&out));
    }
    // 10,000 characters is refused for length, and even a limit that
    // allows it refuses the others for what they are.
    let e = jsonp::decode(format!("{long}({{\"errors\":[]}})").as_bytes()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Callback);
    assert!(e.to_string().len() < 200);
    let loose = Bounds::new().with_max_callback(10_000);
    let body = format!("{long}({{\"errors\":[]}})");
    let ok = codec::decode_as::<Twitter>(body.as_bytes(), None, &loose).unwrap();
    assert_eq!(ok.format(), Format::Jsonp);
    assert!(Callback::with_max_len("alert(1)//", 10_000).is_err());
}

#[test]
fn xml_encoding_escapes_markup_and_quotes() {
    let message = r#"<b>&amp; "quoted" 'single' ]]> </error></errors><x>"#;
    let mut e = V1Error::<Twitter>::new(Code::from_code(999_999), message);
    e.extra.push_text("note", r#"a"b<c>&d'e ]]>"#);
    let body = xml::XmlBody::from(vec![e]);
    let bytes = body.encode().unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    // The text: no markup survives, `]]>` is not left whole.
    assert!(
        text.contains(
            "&lt;b&gt;&amp;amp; \"quoted\" 'single' ]]&gt; &lt;/error&gt;&lt;/errors&gt;&lt;x&gt;"
        ),
        "{text}"
    );
    assert!(!text.contains("]]>"), "{text}");
    // The attribute: quotes escaped too.
    assert!(
        text.contains(r#"note="a&quot;b&lt;c&gt;&amp;d'e ]]&gt;""#),
        "{text}"
    );
    // Exactly one element of each kind, and it decodes back to the text.
    assert_eq!(text.matches("<error ").count(), 1);
    assert_eq!(text.matches("</errors>").count(), 1);
    let decoded = xml::decode(&bytes).unwrap();
    assert_eq!(decoded, body);
    assert_eq!(decoded.v1_errors()[0].message, message);

    // A member whose name is no XML name (it came from a JSON body, say)
    // cannot inject markup through the attribute name.
    let json =
        br#"{"errors":[{"message":"m","code":34,"x=\"1\"><injected a":"v","a b":1,"ok":"k"}]}"#;
    let from_json = json::decode(json).unwrap();
    let body = xml::XmlBody::from(from_json.v1_errors().to_vec());
    let text = String::from_utf8(body.encode().unwrap()).unwrap();
    assert!(!text.contains("<injected"), "{text}");
    assert_eq!(
        text.matches('<').count(),
        text.matches('>').count(),
        "{text}"
    );
    let decoded = xml::decode(text.as_bytes()).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(decoded.v1_errors()[0].message, "m");
    // The members XML can carry are kept; the others are left out.
    let kept: Vec<&str> = decoded.v1_errors()[0]
        .extra
        .iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(kept, ["ok"]);
    // Decoding refuses attribute names that are not XML names.
    assert_eq!(
        xml::decode(b"<errors><error code=\"1\" a$b=\"x\">m</error></errors>")
            .unwrap_err()
            .kind(),
        ErrorKind::Syntax
    );
}

#[test]
fn jsonp_encoding_is_safe_inside_a_script() {
    let message = "</script><script>alert(1)</script>\u{2028}\u{2029}<!-- -->";
    let body =
        json::JsonBody::<Twitter>::from(vec![V1Error::new(Code::from_code(999_999), message)]);
    let j = Jsonp::new(Callback::new("cb").unwrap(), body);
    let bytes = j.encode().unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(!text.contains("</"), "{text}");
    assert!(
        !text.contains('\u{2028}') && !text.contains('\u{2029}'),
        "{text}"
    );
    assert!(!text.contains('<'), "{text}");
    assert!(
        text.contains(r"\u003c/script>") && text.contains(r"\u2028\u2029"),
        "{text}"
    );
    assert!(
        text.starts_with("/**/cb(") || text.starts_with("cb("),
        "{text}"
    );
    let decoded = jsonp::decode(&bytes).unwrap();
    assert_eq!(decoded, j);
    assert_eq!(decoded.body.v1_errors()[0].message, message);
    // Negotiated JSONP goes through the same encoder.
    let n = negotiate("/1/x.json?callback=cb", None);
    let out = n
        .encode::<Twitter>(&[V1Error::new(Code::from_code(999_999), message)])
        .unwrap();
    assert_eq!(out, bytes);
}

#[test]
fn every_limit_at_its_boundary() {
    // max_body: n bytes pass, n + 1 do not.
    let body = br#"{"errors":[{"message":"Over capacity","code":130}]}"#;
    let n = body.len();
    for format in [None, Some(Format::Json)] {
        assert!(decode_in(format, body, &Bounds::new().with_max_body(n)).is_ok());
        assert_eq!(
            decode_in(format, body, &Bounds::new().with_max_body(n - 1)),
            Err(ErrorKind::TooLarge)
        );
    }
    assert_eq!(
        codec::read_body(&body[..], &Bounds::new().with_max_body(n)).unwrap(),
        body
    );
    assert!(codec::read_body(&body[..], &Bounds::new().with_max_body(n - 1)).is_err());

    // max_depth: this body nests 3 deep (object, errors array, item).
    let nested = |d: usize| {
        format!(
            r#"{{"errors":[{{"message":"x","code":1,"extra":{}0{}}}]}}"#,
            "[".repeat(d),
            "]".repeat(d)
        )
    };
    for (format, body) in [
        (Some(Format::Json), nested(5)),
        (Some(Format::Jsonp), format!("cb({})", nested(5))),
        (
            Some(Format::Problem),
            format!(
                r#"{{"errors":[{{"value":{}0{}}}]}}"#,
                "[".repeat(5),
                "]".repeat(5)
            ),
        ),
    ] {
        assert!(
            decode_in(format, body.as_bytes(), &Bounds::new().with_max_depth(8)).is_ok(),
            "{format:?}"
        );
        assert_eq!(
            decode_in(format, body.as_bytes(), &Bounds::new().with_max_depth(7)),
            Err(ErrorKind::TooDeep),
            "{format:?}"
        );
    }
    let x = br#"<errors><error code="1">x</error></errors>"#;
    assert!(decode_in(Some(Format::Xml), x, &Bounds::new().with_max_depth(2)).is_ok());
    assert_eq!(
        decode_in(Some(Format::Xml), x, &Bounds::new().with_max_depth(1)),
        Err(ErrorKind::TooDeep)
    );
    // The cap: 128 is the deepest any limit allows.
    let deep = |d: usize| {
        format!(
            r#"{{"errors":[{{"value":{}0{}}}]}}"#,
            "[".repeat(d),
            "]".repeat(d)
        )
    };
    let huge = Bounds::new().with_max_depth(usize::MAX);
    assert!(decode_in(None, deep(125).as_bytes(), &huge).is_ok());
    assert_eq!(
        decode_in(None, deep(126).as_bytes(), &huge),
        Err(ErrorKind::TooDeep)
    );

    // max_errors: n items pass, n + 1 do not, in every format.
    let item = r#"{"message":"Over capacity","code":130}"#;
    let v1 = |k: usize| format!(r#"{{"errors":[{}]}}"#, vec![item; k].join(","));
    let v2 = |k: usize| {
        format!(
            r#"{{"errors":[{}]}}"#,
            vec![r#"{"message":"m"}"#; k].join(",")
        )
    };
    let x = |k: usize| {
        format!(
            "<errors>{}</errors>",
            r#"<error code="130">Over capacity</error>"#.repeat(k)
        )
    };
    let limits = Bounds::new().with_max_errors(5);
    for (format, ok, over) in [
        (Some(Format::Json), v1(5), v1(6)),
        (
            Some(Format::Jsonp),
            format!("cb({})", v1(5)),
            format!("cb({})", v1(6)),
        ),
        (Some(Format::Problem), v2(5), v2(6)),
        (Some(Format::Xml), x(5), x(6)),
    ] {
        assert!(
            decode_in(format, ok.as_bytes(), &limits).is_ok(),
            "{format:?}"
        );
        assert_eq!(
            decode_in(format, over.as_bytes(), &limits),
            Err(ErrorKind::TooManyErrors),
            "{format:?}"
        );
    }
    // The default keeps 1024 and refuses 1025.
    assert!(decode_in(None, v1(1024).as_bytes(), &Bounds::DEFAULT).is_ok());
    assert_eq!(
        decode_in(None, v1(1025).as_bytes(), &Bounds::DEFAULT),
        Err(ErrorKind::TooManyErrors)
    );

    // max_callback: n bytes pass, n + 1 do not, in bodies and requests.
    let name = |k: usize| "c".repeat(k);
    let limits = Bounds::new().with_max_callback(16);
    let cb = |k: usize| format!("{}({{\"errors\":[]}})", name(k));
    assert!(decode_in(Some(Format::Jsonp), cb(16).as_bytes(), &limits).is_ok());
    assert_eq!(
        decode_in(Some(Format::Jsonp), cb(17).as_bytes(), &limits),
        Err(ErrorKind::Callback)
    );
    assert!(decode_in(Some(Format::Jsonp), cb(128).as_bytes(), &Bounds::DEFAULT).is_ok());
    assert_eq!(
        decode_in(Some(Format::Jsonp), cb(129).as_bytes(), &Bounds::DEFAULT),
        Err(ErrorKind::Callback)
    );
    let req = |k: usize| format!("/1/x.json?callback={}", name(k));
    assert_eq!(negotiate_with(&req(16), None, 16).format(), Format::Jsonp);
    assert!(negotiate_with(&req(17), None, 16).callback_refused());
    assert_eq!(negotiate(&req(128), None).format(), Format::Jsonp);
    assert!(negotiate(&req(129), None).callback_refused());
}

#[test]
fn limits_are_configurable_and_default_as_documented() {
    let d = Bounds::default();
    assert_eq!(d, Bounds::DEFAULT);
    assert_eq!(d, Bounds::new());
    assert_eq!(
        (d.max_body, d.max_depth, d.max_errors, d.max_callback),
        (8 << 20, 64, 1024, 128)
    );
    let l = Bounds::new()
        .with_max_body(1)
        .with_max_depth(2)
        .with_max_errors(3)
        .with_max_callback(4);
    assert_eq!(
        (l.max_body, l.max_depth, l.max_errors, l.max_callback),
        (1, 2, 3, 4)
    );
    assert_eq!(Callback::MAX_LEN, d.max_callback);
}

/// Inputs that once broke a property the fuzz targets check (see
/// `fuzz/README.md`), named `<target>-<what>`, replayed through the same
/// checks: a body that decodes re-encodes to one that decodes equal, and
/// v1.1 JSON errors served as XML decode to the same codes and messages.
/// The checks the fuzz targets run, shared with them.
#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

#[test]
fn fuzz_regressions() {
    use fuzz_checks::{limits_from, round_trip, tightest, FORMATS};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        seen += 1;
        // `roundtrip` inputs start with the format and limits they pick.
        if name.starts_with("roundtrip-") && bytes.len() >= 6 {
            let format = FORMATS[usize::from(bytes[0]) % FORMATS.len()];
            let limits = limits_from([bytes[1], bytes[2], bytes[3], bytes[4], bytes[5]]);
            round_trip(&bytes[6..], format, &limits);
            if round_trip(&bytes[6..], format, &Bounds::DEFAULT) {
                round_trip(
                    &bytes[6..],
                    format,
                    &tightest(&bytes[6..], format, &Bounds::DEFAULT),
                );
            }
            continue;
        }
        let format = match name.split('-').next().unwrap() {
            "json" => Some(Format::Json),
            "xml" => Some(Format::Xml),
            "jsonp" => Some(Format::Jsonp),
            "problem" => Some(Format::Problem),
            _ => None,
        };
        if !round_trip(&bytes, format, &Bounds::DEFAULT) {
            continue;
        }
        round_trip(&bytes, format, &tightest(&bytes, format, &Bounds::DEFAULT));
        let body = codec::decode_as::<Twitter>(&bytes, format, &Bounds::DEFAULT).unwrap();
        if format == Some(Format::Json) {
            // Served as XML: the same codes and messages, or a typed
            // refusal for a code kept as a non-numeric string.
            let as_xml = match xml::XmlBody::<Twitter>::from(body.v1_errors().to_vec()).encode() {
                Ok(bytes) => bytes,
                Err(e) => {
                    assert_eq!(e.kind(), ErrorKind::Type, "{name}: {e}");
                    continue;
                }
            };
            let x = xml::decode(&as_xml)
                .unwrap_or_else(|e| panic!("{name}: {e}: {}", String::from_utf8_lossy(&as_xml)));
            assert_eq!(x.v1_errors().len(), body.v1_errors().len(), "{name}");
            for (a, b) in x.v1_errors().iter().zip(body.v1_errors()) {
                // XML has no string type: the number is what carries over.
                assert_eq!(a.code.code(), b.code.code(), "{name}");
                assert_eq!(a.message, b.message.replace('\0', "\u{FFFD}"), "{name}");
            }
        }
    }
    assert!(seen >= 2, "fixtures/fuzz holds {seen} inputs");
}
