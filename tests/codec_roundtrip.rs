//! Property tests: for every format, encoding then decoding gives the
//! value back, and decoding then encoding then decoding gives an equal
//! value, with unknown codes, unknown problem types and undocumented
//! members kept. Decoding arbitrary or damaged bytes never panics.

use std::borrow::Cow;

use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;
use twitter_errors::codec::json::{self, DisconnectNotice, Media, Shape};
use twitter_errors::codec::jsonp::{self, Callback, Jsonp};
use twitter_errors::codec::problem::{self, Problem};
use twitter_errors::codec::{self, xml, Bounds};
use twitter_errors::model::{Json, Legacy};
use twitter_errors::response::{decode_response, Outcome};
use twitter_errors::V1Error;
use twitter_errors::{Code, ErrorCode, Members, ProblemType, Twitter};

fn config() -> Config {
    Config {
        cases: 200,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Text with the characters that need care in JSON, XML and JavaScript.
fn text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => any::<char>(),
        4 => proptest::char::range('a', 'z'),
        1 => prop::sample::select(vec!['/', '"', '\\', '<', '>', '&', '\'', '\n', '\r', '\t', '\u{0}', '\u{1f}', '\u{7f}', '\u{2028}', '\u{2029}', 'é', '𝄞']),
    ];
    prop::collection::vec(ch, 0..24).prop_map(String::from_iter)
}

/// A member name.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z_]{1,10}",
        1 => text(),
    ]
}

/// Any JSON value, a few levels deep. Numbers are integers or binary
/// fractions, which print and parse back exactly.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1000i32..1000).prop_map(|n| Value::from(f64::from(n) / 4.0)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((name(), inner), 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A value's compact JSON text.
fn raw(v: &Value) -> Json<'static> {
    Cow::Owned(serde_json::value::to_raw_value(v).unwrap())
}

/// A member's JSON text: any value, or a number no `f64` holds exactly.
fn raw_value() -> impl Strategy<Value = Json<'static>> {
    prop_oneof![
        6 => json_value().prop_map(|v| raw(&v)),
        1 => prop::sample::select(vec!["1e400", "-1e400", "1E+2", "-0", "0.10", "123456789012345678901234567890"])
            .prop_map(|t| Cow::Owned(serde_json::value::RawValue::from_string(t.to_string()).unwrap())),
    ]
}

/// Members whose names avoid `reserved`; a name may repeat.
fn members(reserved: &'static [&'static str]) -> impl Strategy<Value = Members<'static>> {
    prop::collection::vec((name(), raw_value()), 0..3).prop_map(move |m| {
        m.into_iter()
            .filter(|(k, _)| !reserved.contains(&k.as_str()))
            .collect()
    })
}

fn code() -> impl Strategy<Value = Code> {
    prop_oneof![
        prop::sample::select(ErrorCode::ALL.to_vec()).prop_map(Code::from),
        any::<u32>().prop_map(Code::from_code),
    ]
}

fn v1_error() -> impl Strategy<Value = V1Error<'static>> {
    (code(), text(), any::<bool>(), members(&["code", "message"])).prop_map(
        |(c, m, code_first, extra)| {
            let mut e = V1Error::new(c, m).with_code_first(code_first);
            e.extra = extra;
            e
        },
    )
}

fn opt_text() -> impl Strategy<Value = Option<Cow<'static, str>>> {
    prop::option::of(text().prop_map(Cow::Owned))
}

fn shape() -> impl Strategy<Value = Shape<'static>> {
    prop_oneof![
        4 => prop::collection::vec(v1_error(), 0..4).prop_map(Shape::Errors),
        1 => text().prop_map(|t| Shape::Text(t.into())),
        1 => (text(), opt_text(), any::<bool>()).prop_map(|(e, r, first)| {
            Shape::Legacy(Box::new(Legacy::new(e, r).with_request_first(first)))
        }),
        1 => (members(&[]), members(&["error"]))
            .prop_map(|(error, info)| {
                let mut media = Media::new(error);
                media.processing_info = info;
                Shape::Media(Box::new(media))
            }),
        1 => members(&[]).prop_map(|members| Shape::Disconnect(Box::new(DisconnectNotice { members }))),
    ]
}

/// Top-level names that pick a shape, and the names automatic detection
/// takes for v2.
const TOP_RESERVED: &[&str] = &[
    "errors",
    "error",
    "request",
    "processing_info",
    "disconnect",
    "type",
    "title",
    "detail",
    "status",
    "data",
    "includes",
    "meta",
];

fn v1_body() -> impl Strategy<Value = json::JsonBody<'static>> {
    (shape(), members(TOP_RESERVED), any::<bool>()).prop_map(|(shape, extra, slashes)| {
        let mut b = json::JsonBody::new(shape).with_escaped_slashes(slashes);
        b.extra = extra;
        b
    })
}

fn callback() -> impl Strategy<Value = Callback> {
    "[A-Za-z_$][A-Za-z0-9_$]{0,8}(\\.[A-Za-z_$][A-Za-z0-9_$]{0,4}){0,2}"
        .prop_filter_map("reserved word", |s| Callback::new(&s).ok())
}

/// A problem type URI: a catalog entry under any known host, or not.
fn type_uri() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            prop::sample::select(ProblemType::ALL.to_vec()),
            prop::sample::select(ProblemType::HOSTS.to_vec())
        )
            .prop_map(|(p, host)| {
                let uri = p.uri();
                match uri.rsplit_once('/') {
                    Some((_, slug)) if uri.contains("://") => format!("{host}{slug}"),
                    _ => uri.to_string(),
                }
            }),
        "https://api\\.x\\.com/2/problems/[a-z-]{1,12}",
        text(),
    ]
}

/// A problem's members: typed ones of the catalog's error object, and
/// others.
fn problem_members(with_type: bool) -> impl Strategy<Value = Members<'static>> {
    let documented = prop_oneof![
        text().prop_map(|t| ("title".to_string(), Value::String(t))),
        text().prop_map(|t| ("detail".to_string(), Value::String(t))),
        (100i64..600).prop_map(|s| ("status".to_string(), Value::from(s))),
        text().prop_map(|t| ("message".to_string(), Value::String(t))),
        json_value().prop_map(|v| ("parameters".to_string(), v)),
        prop::sample::select(vec!["tweet", "user", "thing"])
            .prop_map(|t| ("resource_type".to_string(), Value::from(t))),
        prop::sample::select(vec!["data", "includes", "elsewhere"])
            .prop_map(|t| ("section".to_string(), Value::from(t))),
        json_value().prop_map(|v| ("value".to_string(), v)),
        (name(), json_value()),
    ];
    let documented = prop_oneof![
        6 => documented.prop_map(|(k, v)| (k, raw(&v))),
        1 => (name(), raw_value()),
    ];
    let uri = if with_type {
        type_uri().prop_map(Some).boxed()
    } else {
        prop::option::of(type_uri()).boxed()
    };
    (uri, prop::collection::vec(documented, 0..6)).prop_map(move |(uri, rest)| {
        let mut m = Members::new();
        if let Some(u) = uri {
            m.push_text("type", &u);
        }
        for (k, v) in rest {
            if !matches!(
                k.as_str(),
                "errors" | "data" | "includes" | "meta" | "matching_rules"
            ) {
                m.push(k, v);
            }
        }
        m
    })
}

fn problem(with_type: bool) -> impl Strategy<Value = Problem<'static>> {
    problem_members(with_type).prop_map(Problem::from)
}

fn v2_body() -> impl Strategy<Value = problem::ProblemBody<'static>> {
    (
        prop::option::of(problem(true)),
        prop::collection::vec(problem(false), 0..4),
        prop::collection::vec(
            (
                prop::sample::select(vec!["data", "includes", "meta"]),
                json_value(),
            ),
            0..3,
        ),
    )
        .prop_filter("an error body", |(p, e, _)| p.is_some() || !e.is_empty())
        .prop_map(|(p, errors, result)| {
            let mut b = problem::ProblemBody::new(p, errors);
            for (k, v) in result {
                b.result.push(k, raw(&v));
            }
            b
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn v1_json_round_trips(body in v1_body()) {
        let bytes = body.encode().unwrap();
        let decoded = json::decode(&bytes).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&bytes)));
        prop_assert_eq!(&decoded, &body);
        prop_assert_eq!(decoded.encode().unwrap(), bytes.clone());
        // The same text pretty-printed, or with an escaped key, decodes the
        // same.
        let pretty = twitter_errors_tests::spaced(&bytes);
        prop_assert_eq!(&json::decode(&pretty).unwrap(), &body);
        let text = String::from_utf8(bytes).unwrap();
        if let Some(rest) = text.strip_prefix("{\"errors\"") {
            let escaped = format!("{{\"err\\u006frs\"{rest}");
            prop_assert_eq!(&json::decode(escaped.as_bytes()).unwrap(), &body);
        }
        // Automatic detection agrees.
        let again = body.encode().unwrap();
        let auto = codec::decode(&again).unwrap();
        prop_assert_eq!(auto, codec::Body::Json(body));
    }

    #[test]
    fn xml_round_trips(errors in prop::collection::vec(v1_error(), 0..4), attrs in prop::collection::vec(("[a-z][a-z0-9_]{0,8}", text()), 0..3), hash in prop::option::of((text(), opt_text(), any::<bool>()))) {
        let body: xml::XmlBody<'static> = match hash {
            Some((e, r, first)) => xml::XmlBody::new(xml::Root::Hash(Legacy::new(e.replace('\0', ""), r.map(|r| Cow::Owned(r.replace('\0', "")))).with_request_first(first))),
            None => xml::XmlBody::from(errors.into_iter().map(|e| {
                // XML 1.0 cannot carry U+0000; attributes are strings.
                let mut x = V1Error::new(e.code, e.message.replace('\0', ""));
                for (k, v) in &attrs {
                    if k != "code" {
                        x.extra.set(k.clone(), Cow::Owned(twitter_errors::model::members::string(&v.replace('\0', ""))));
                    }
                }
                x
            }).collect::<Vec<_>>()),
        };
        let bytes = body.encode().unwrap();
        let decoded = xml::decode(&bytes).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&bytes)));
        prop_assert_eq!(&decoded, &body);
        prop_assert_eq!(decoded.encode().unwrap(), bytes.clone());
        // A comment changes nothing.
        let text = String::from_utf8(bytes).unwrap();
        let commented = text.replacen("<errors>", "<errors><!-- -->", 1);
        prop_assert_eq!(&xml::decode(commented.as_bytes()).unwrap(), &body);
    }

    #[test]
    fn jsonp_round_trips(cb in callback(), body in v1_body(), comment in any::<bool>()) {
        let j = Jsonp::new(cb, body).with_comment_prefix(comment);
        let bytes = j.encode().unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        // Safe inside a <script>: no `<` at all, no raw line separators.
        let safe = !text.contains('<') && !text.contains('\u{2028}') && !text.contains('\u{2029}');
        prop_assert!(safe, "not safe in a script: {}", text);
        let decoded = jsonp::decode(&bytes).unwrap_or_else(|e| panic!("{e}: {text}"));
        prop_assert_eq!(&decoded, &j);
        prop_assert_eq!(decoded.encode().unwrap(), bytes);
    }

    #[test]
    fn v2_round_trips(body in v2_body()) {
        let bytes = body.encode().unwrap();
        let decoded = problem::decode(&bytes).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&bytes)));
        prop_assert_eq!(&decoded, &body);
        prop_assert_eq!(decoded.encode().unwrap(), bytes.clone());
        // Problem types resolve the same whichever way the value was made.
        for (a, b) in decoded.problems().zip(body.problems()) {
            prop_assert_eq!(a.problem_type(), b.problem_type());
            if let Some(known) = a.type_uri().and_then(|u| ProblemType::from_uri(&u)) {
                prop_assert_eq!(a.problem_type(), Some(known));
            }
        }
        let pretty = twitter_errors_tests::spaced(&bytes);
        prop_assert_eq!(&problem::decode(&pretty).unwrap(), &body);
    }

    #[test]
    fn decoding_then_encoding_then_decoding_is_stable(body in prop_oneof![
        v1_body().prop_map(|b| b.encode().unwrap()),
        v2_body().prop_map(|b| b.encode().unwrap()),
        (callback(), v1_body()).prop_map(|(c, b)| Jsonp::new(c, b).encode().unwrap()),
        prop::collection::vec(v1_error(), 0..3).prop_map(|e| {
            let e: Vec<V1Error<'_>> = e.into_iter().map(|x| V1Error::new(x.code, x.message.replace('\0', ""))).collect();
            xml::XmlBody::<Twitter>::from(e).encode().unwrap()
        }),
    ]) {
        let first = codec::decode(&body).unwrap();
        let again = first.encode().unwrap();
        let second = codec::decode(&again).unwrap();
        prop_assert_eq!(&second, &first);
        prop_assert_eq!(second.encode().unwrap(), again);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256), status in 100u16..600) {
        let _ = codec::decode(&bytes);
        let _ = json::decode(&bytes);
        let _ = xml::decode(&bytes);
        let _ = jsonp::decode(&bytes);
        let _ = problem::decode(&bytes);
        let o = decode_response(status, [("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT")], &bytes);
        let _ = format!("{o:?}");
    }

    #[test]
    fn damaged_bodies_give_errors_not_panics(body in prop_oneof![
        v1_body().prop_map(|b| b.encode().unwrap()),
        v2_body().prop_map(|b| b.encode().unwrap()),
        prop::collection::vec(v1_error(), 1..3).prop_map(|e| xml::XmlBody::<Twitter>::from(e).encode().unwrap()),
    ], cut in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let cut = cut.index(body.len() + 1);
        for damaged in [body[..cut].to_vec(), {
            let mut b = body.clone();
            if !b.is_empty() {
                let i = flip.index(b.len());
                b[i] = byte;
            }
            b
        }] {
            if let Ok(b) = codec::decode(&damaged) {
                // Whatever decodes encodes and decodes again.
                let again = b.encode().unwrap();
                prop_assert_eq!(codec::decode(&again).unwrap(), b);
            }
            let small = Bounds::new().with_max_depth(3).with_max_errors(1);
            let _ = codec::decode_as::<Twitter>(&damaged, None, &small);
        }
    }

    #[test]
    fn decode_response_reads_the_body_as_decode_does(
        status in any::<u16>(),
        headers in prop::collection::vec((header_name(), prop::collection::vec(any::<u8>(), 0..40)), 0..8),
        body in prop_oneof![
            v1_body().prop_map(|b| b.encode().unwrap()),
            v2_body().prop_map(|b| b.encode().unwrap()),
            prop::collection::vec(any::<u8>(), 0..64),
        ],
    ) {
        let o = decode_response(status, headers.iter().map(|(k, v)| (k.as_str(), v.as_slice())), &body);
        let problem_json = headers.iter().any(|(k, v)| {
            k.eq_ignore_ascii_case("content-type")
                && v.windows(12).any(|w| w.eq_ignore_ascii_case(b"problem+json"))
        });
        let format = problem_json.then_some(twitter_errors::Format::Problem);
        let expected = codec::decode_as::<Twitter>(&body, format, &Bounds::DEFAULT).map(codec::Body::into_owned);
        match (&o, &expected) {
            (Outcome::Failure(e), Ok(b)) => prop_assert_eq!(e.body(), Some(b)),
            (Outcome::Failure(e), Err(err)) => {
                prop_assert!(status >= 400);
                prop_assert_eq!(e.decode_error().map(|d| d.kind()), Some(err.kind()));
                prop_assert_eq!(e.raw_body(), Some(&body[..]));
            }
            (Outcome::Partial(p), Ok(codec::Body::Problem(b))) => {
                prop_assert!(status < 400 && b.is_partial());
                prop_assert_eq!(p, b);
            }
            (Outcome::Success, Ok(codec::Body::Problem(b))) => prop_assert!(status < 400 && b.problem.is_none() && !b.is_partial()),
            (Outcome::Success, Err(_)) => prop_assert!(status < 400),
            (o, b) => prop_assert!(false, "{o:?} for {b:?}"),
        }
        // Whatever came, the error reads and decides without panicking.
        if let Outcome::Failure(e) = &o {
            let _ = (e.to_string(), e.retry(), e.limit(), e.effective_status());
        }
    }

    #[test]
    fn what_encode_writes_decode_accepts_at_the_same_limits(
        body in prop_oneof![
            v1_body().prop_map(codec::Body::Json),
            v2_body().prop_map(codec::Body::Problem),
            (callback(), v1_body()).prop_map(|(c, b)| codec::Body::Jsonp(Jsonp::new(c, b))),
        ],
        max_body in 0usize..400,
        max_depth in 0usize..6,
        max_errors in 0usize..4,
        max_members in 0usize..12,
        max_callback in 0usize..12,
    ) {
        let limits = Bounds::new()
            .with_max_body(max_body)
            .with_max_depth(max_depth)
            .with_max_errors(max_errors)
            .with_max_members(max_members)
            .with_max_callback(max_callback);
        if let Ok(bytes) = body.encode_with(&limits) {
            let decoded = codec::decode_as::<Twitter>(&bytes, Some(body.format()), &limits);
            prop_assert!(decoded.is_ok(), "{:?}: {}", decoded, String::from_utf8_lossy(&bytes));
        }
    }
}

/// A header name: the rate-limit ones in any case, Content-Type, or any
/// text.
fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "retry-after",
            "x-rate-limit-reset",
            "X-Rate-Limit-Remaining",
            "x-rate-limit-limit",
            "x-app-limit-24hour-remaining",
            "x-user-limit-24hour-reset",
            "content-type",
        ])
        .prop_map(str::to_string),
        text(),
    ]
}
