//! Decoding and encoding error bodies with the runtime's codecs, against the
//! baselines a client would otherwise use, in one run:
//!
//! - `serde_json::Value` parse plus manual extraction (what most clients
//!   do);
//! - a minimal `#[derive(Deserialize)]` struct with borrowed `&str` fields
//!   (the serde floor: it keeps only the fields it names and fails on an
//!   escaped string);
//! - the error types of two Rust clients, as their sources define them:
//!   egg-mode's `TwitterErrors` (v1.1) and twitter-v2's `ApiError` (v2);
//! - for XML, quick-xml's serde deserializer into a derived struct;
//! - for encoding, `serde_json::to_vec` of the equivalent derived struct
//!   (and quick-xml's serializer for XML).
//!
//! Every pair is checked once, before it is timed, to read (or write) the
//! same values.

use std::borrow::Cow;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use twitter_errors::codec::{json, jsonp, problem, xml};
use twitter_errors::ErrorCode;

// ---------------------------------------------------------------------------
// The bodies: the seeds' examples, and two built from the catalog.

/// Seed 000's v1.1 JSON 404 body.
const JSON_404: &[u8] = include_bytes!("../tests/fixtures/seeds/000-json-34.json");
/// Seed 003's XML 404 body.
const XML_404: &[u8] = include_bytes!("../tests/fixtures/seeds/003-xml-404-34.xml");
/// Seed 003's JSONP body.
const JSONP_503: &[u8] = include_bytes!("../tests/fixtures/seeds/003-jsonp-503-130.js");
/// Seed 002's v2 400 invalid-request body, its opening `{` restored.
const V2_400: &[u8] = include_bytes!("../tests/fixtures/seeds/002-v2-400-invalid-request.json");
/// Seed 002's v2 403 client-forbidden body: `errors` as one object, with
/// members the catalog does not document (`client_id`, `registration_url`,
/// `required_enrollment`, `reason`).
const V2_FORBIDDEN: &[u8] =
    include_bytes!("../tests/fixtures/seeds/002-v2-403-client-forbidden.json");

/// A v1.1 JSON body with ten errors: the first ten catalog codes whose
/// messages need no escaping (so that the borrowed-`&str` floor reads them).
fn json_ten() -> Vec<u8> {
    let errors: Vec<V1Err<'_>> = ErrorCode::ALL
        .iter()
        .filter(|c| serde_json::to_string(c.message()).unwrap() == format!("\"{}\"", c.message()))
        .take(10)
        .map(|c| V1Err {
            message: c.message(),
            code: c.code(),
        })
        .collect();
    assert_eq!(errors.len(), 10);
    serde_json::to_vec(&V1Body { errors }).unwrap()
}

/// A v1.1 JSON body with 1,000 errors: the catalog's codes whose messages
/// need no escaping, over and over.
fn json_thousand() -> Vec<u8> {
    let plain: Vec<&ErrorCode> = ErrorCode::ALL
        .iter()
        .filter(|c| serde_json::to_string(c.message()).unwrap() == format!("\"{}\"", c.message()))
        .collect();
    let errors: Vec<V1Err<'_>> = (0..1000)
        .map(|i| {
            let c = plain[i % plain.len()];
            V1Err {
                message: c.message(),
                code: c.code(),
            }
        })
        .collect();
    serde_json::to_vec(&V1Body { errors }).unwrap()
}

/// A v2 result with ten partial errors, as a lookup of ten missing Tweets
/// returns them.
fn v2_ten() -> Vec<u8> {
    let errors: Vec<String> = (0..10)
        .map(|i| {
            let id = 1_460_323_737_035_677_698u64 + i;
            format!(
                r#"{{"value":"{id}","detail":"Could not find tweet with ids: [{id}].","title":"Not Found Error","resource_type":"tweet","parameter":"ids","resource_id":"{id}","type":"https://api.twitter.com/2/problems/resource-not-found"}}"#
            )
        })
        .collect();
    format!(r#"{{"errors":[{}]}}"#, errors.join(",")).into_bytes()
}

// ---------------------------------------------------------------------------
// Baseline structs: the serde floor.

#[derive(Deserialize, Serialize, Debug)]
struct V1Body<'a> {
    #[serde(borrow)]
    errors: Vec<V1Err<'a>>,
}

#[derive(Deserialize, Serialize, Debug)]
struct V1Err<'a> {
    message: &'a str,
    code: u32,
}

/// egg-mode 0.16's `TwitterErrors`: owned strings, every other member
/// dropped.
#[derive(Deserialize, Debug)]
struct EggTwitterErrors {
    errors: Vec<EggTwitterErrorCode>,
}

#[derive(Deserialize, Debug)]
struct EggTwitterErrorCode {
    message: String,
    code: i32,
}

/// twitter-v2 0.1.8's `ApiError` (jpopesculian/twitter-v2-rs): owned
/// strings, items of `parameters` and `message` only, every other member
/// dropped.
#[derive(Deserialize, Debug)]
struct TwitterV2ApiError {
    title: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    status: u16,
    detail: String,
    #[serde(default)]
    errors: Vec<TwitterV2ApiErrorItem>,
}

#[derive(Deserialize, Debug)]
struct TwitterV2ApiErrorItem {
    parameters: std::collections::HashMap<String, Vec<Value>>,
    message: String,
}

/// Seed 002's 400 body.
#[derive(Deserialize, Serialize, Debug)]
struct V2Invalid<'a> {
    #[serde(borrow)]
    errors: Vec<V2ParamErr<'a>>,
    title: &'a str,
    detail: &'a str,
    r#type: &'a str,
}

#[derive(Deserialize, Serialize, Debug)]
struct V2ParamErr<'a> {
    #[serde(borrow)]
    parameters: &'a RawValue,
    message: &'a str,
}

/// The ten-error v2 body.
#[derive(Deserialize, Serialize, Debug)]
struct V2Partial<'a> {
    #[serde(borrow)]
    errors: Vec<V2NotFound<'a>>,
}

#[derive(Deserialize, Serialize, Debug)]
struct V2NotFound<'a> {
    value: &'a str,
    detail: &'a str,
    title: &'a str,
    resource_type: &'a str,
    parameter: &'a str,
    resource_id: &'a str,
    r#type: &'a str,
}

/// Seed 002's client-forbidden body, every member named.
#[derive(Deserialize, Serialize, Debug)]
struct V2Forbidden<'a> {
    #[serde(borrow)]
    errors: V2ForbiddenErr<'a>,
}

#[derive(Deserialize, Serialize, Debug)]
struct V2ForbiddenErr<'a> {
    client_id: &'a str,
    registration_url: &'a str,
    required_enrollment: &'a str,
    reason: &'a str,
    title: &'a str,
    detail: &'a str,
    r#type: &'a str,
}

/// `<errors><error code="34">...</error></errors>` for quick-xml's serde.
#[derive(Deserialize, Serialize, Debug)]
#[serde(rename = "errors")]
struct XmlErrors<'a> {
    #[serde(borrow)]
    error: Vec<XmlErr<'a>>,
}

#[derive(Deserialize, Serialize, Debug)]
struct XmlErr<'a> {
    #[serde(rename = "@code")]
    code: u32,
    #[serde(rename = "$text", borrow)]
    message: Cow<'a, str>,
}

// ---------------------------------------------------------------------------
// Baseline extraction from a `serde_json::Value`.

/// A v1.1 error list, extracted by hand.
fn extract_v1(v: &Value) -> Option<Vec<(u32, &str)>> {
    v.get("errors")?
        .as_array()?
        .iter()
        .map(|e| {
            Some((
                u32::try_from(e.get("code")?.as_u64()?).ok()?,
                e.get("message")?.as_str()?,
            ))
        })
        .collect()
}

/// The fields a client reads from one v2 error object.
#[derive(Debug, PartialEq, Eq)]
struct Fields<'a> {
    r#type: Option<Cow<'a, str>>,
    title: Option<Cow<'a, str>>,
    detail: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    status: Option<i64>,
}

impl<'a> Fields<'a> {
    fn of_value(v: &'a Value) -> Self {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(Cow::Borrowed);
        Fields {
            r#type: s("type"),
            title: s("title"),
            detail: s("detail"),
            message: s("message"),
            status: v.get("status").and_then(Value::as_i64),
        }
    }

    fn of_problem(p: &'a problem::Problem<'a>) -> Self {
        Fields {
            r#type: p.type_uri(),
            title: p.title(),
            detail: p.detail(),
            message: p.message(),
            status: p.status(),
        }
    }

    fn is_empty(&self) -> bool {
        self.r#type.is_none() && self.title.is_none() && self.detail.is_none()
    }
}

/// A v2 body, extracted by hand: the problem at the top (if any) and the
/// `errors` items (an array, or one object).
fn extract_v2(v: &Value) -> (Option<Fields<'_>>, Vec<Fields<'_>>) {
    let top = Fields::of_value(v);
    let errors = match v.get("errors") {
        Some(Value::Array(a)) => a.iter().map(Fields::of_value).collect(),
        Some(o @ Value::Object(_)) => vec![Fields::of_value(o)],
        _ => Vec::new(),
    };
    ((!top.is_empty()).then_some(top), errors)
}

fn ours_v2<'a>(b: &'a problem::ProblemBody<'a>) -> (Option<Fields<'a>>, Vec<Fields<'a>>) {
    (
        b.problem.as_ref().map(Fields::of_problem),
        b.errors.iter().map(Fields::of_problem).collect(),
    )
}

/// Every member of a v2 body as a JSON value, in a form that ignores
/// whether `errors` was an array or one object.
fn canon_value(mut v: Value) -> Value {
    let obj = v.as_object_mut().expect("an object");
    let errors = match obj.remove("errors") {
        Some(Value::Array(a)) => a,
        Some(o) => vec![o],
        None => Vec::new(),
    };
    let top = (!obj.is_empty()).then(|| Value::Object(obj.clone()));
    serde_json::json!({ "problem": top, "errors": errors })
}

fn canon_ours(b: &problem::ProblemBody<'_>) -> Value {
    let value = |p: &problem::Problem<'_>| serde_json::to_value(p.members()).expect("members");
    serde_json::json!({
        "problem": b.problem.as_ref().map(value),
        "errors": b.errors.iter().map(value).collect::<Vec<_>>(),
    })
}

fn ours_v1(errors: &[twitter_errors::V1Error<'_>]) -> Vec<(u32, String)> {
    errors
        .iter()
        .map(|e| (e.code.code(), e.message.to_string()))
        .collect()
}

fn owned(v: &[(u32, &str)]) -> Vec<(u32, String)> {
    v.iter().map(|(c, m)| (*c, (*m).to_string())).collect()
}

/// The callback's argument, found by hand.
fn strip_jsonp(body: &[u8]) -> &[u8] {
    let open = body.iter().position(|&b| b == b'(').expect("(");
    let close = body.iter().rposition(|&b| b == b')').expect(")");
    &body[open + 1..close]
}

// ---------------------------------------------------------------------------
// Decoding.

fn decode_v1(c: &mut Criterion, name: &str, body: &[u8]) {
    let ours = json::decode(body).unwrap();
    let value: Value = serde_json::from_slice(body).unwrap();
    let floor: V1Body<'_> = serde_json::from_slice(body).unwrap();
    let expected = ours_v1(ours.v1_errors());
    assert_eq!(owned(&extract_v1(&value).unwrap()), expected);
    let floor_pairs: Vec<(u32, &str)> = floor.errors.iter().map(|e| (e.code, e.message)).collect();
    assert_eq!(owned(&floor_pairs), expected);
    let egg: EggTwitterErrors = serde_json::from_slice(body).unwrap();
    let egg_pairs: Vec<(u32, String)> = egg
        .errors
        .iter()
        .map(|e| (u32::try_from(e.code).unwrap(), e.message.clone()))
        .collect();
    assert_eq!(egg_pairs, expected);

    let mut g = c.benchmark_group(format!("decode/{name}"));
    g.bench_function("ours json::decode", |b| {
        b.iter(|| json::decode(black_box(body)).unwrap())
    });
    g.bench_function("baseline derive borrowed", |b| {
        b.iter(|| serde_json::from_slice::<V1Body<'_>>(black_box(body)).unwrap())
    });
    g.bench_function("baseline egg-mode TwitterErrors", |b| {
        b.iter(|| serde_json::from_slice::<EggTwitterErrors>(black_box(body)).unwrap())
    });
    g.bench_function("baseline Value+extract", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_slice(black_box(body)).unwrap();
            black_box(extract_v1(&v).map(|e| e.len()))
        })
    });
    g.finish();
}

fn decode_xml(c: &mut Criterion) {
    let body = XML_404;
    let text = std::str::from_utf8(body).unwrap();
    let ours = xml::decode(body).unwrap();
    let theirs: XmlErrors<'_> = quick_xml::de::from_str(text).unwrap();
    let theirs_pairs: Vec<(u32, String)> = theirs
        .error
        .iter()
        .map(|e| (e.code, e.message.to_string()))
        .collect();
    assert_eq!(ours_v1(ours.v1_errors()), theirs_pairs);

    let mut g = c.benchmark_group("decode/xml 404");
    g.bench_function("ours xml::decode", |b| {
        b.iter(|| xml::decode(black_box(body)).unwrap())
    });
    g.bench_function("baseline quick-xml serde", |b| {
        b.iter(|| {
            let text = std::str::from_utf8(black_box(body)).unwrap();
            quick_xml::de::from_str::<XmlErrors<'_>>(text).unwrap()
        })
    });
    g.finish();
}

fn decode_jsonp(c: &mut Criterion) {
    let body = JSONP_503;
    let ours = jsonp::decode(body).unwrap();
    assert_eq!(ours.callback.as_str(), "foo");
    let inner = strip_jsonp(body);
    let value: Value = serde_json::from_slice(inner).unwrap();
    let floor: V1Body<'_> = serde_json::from_slice(inner).unwrap();
    let expected = ours_v1(ours.body.v1_errors());
    assert_eq!(owned(&extract_v1(&value).unwrap()), expected);
    let floor_pairs: Vec<(u32, &str)> = floor.errors.iter().map(|e| (e.code, e.message)).collect();
    assert_eq!(owned(&floor_pairs), expected);

    let mut g = c.benchmark_group("decode/jsonp 503");
    g.bench_function("ours jsonp::decode", |b| {
        b.iter(|| jsonp::decode(black_box(body)).unwrap())
    });
    g.bench_function("baseline strip+derive borrowed", |b| {
        b.iter(|| serde_json::from_slice::<V1Body<'_>>(strip_jsonp(black_box(body))).unwrap())
    });
    g.bench_function("baseline strip+Value+extract", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_slice(strip_jsonp(black_box(body))).unwrap();
            black_box(extract_v1(&v).map(|e| e.len()))
        })
    });
    g.finish();
}

fn decode_v2<'a, T>(c: &mut Criterion, name: &str, body: &'a [u8], twitter_v2: bool)
where
    T: Deserialize<'a> + Serialize,
{
    let ours = problem::decode(body).unwrap();
    let value: Value = serde_json::from_slice(body).unwrap();
    let floor: T = serde_json::from_slice(body).unwrap();
    // The fields a client reads, and every member, are the same.
    assert_eq!(ours_v2(&ours), extract_v2(&value));
    assert_eq!(canon_ours(&ours), canon_value(value.clone()));
    assert_eq!(
        canon_value(serde_json::to_value(&floor).unwrap()),
        canon_ours(&ours),
        "the derived struct names every member"
    );

    let mut g = c.benchmark_group(format!("decode/{name}"));
    g.bench_function("ours problem::decode", |b| {
        b.iter(|| problem::decode(black_box(body)).unwrap())
    });
    g.bench_function("baseline derive borrowed", |b| {
        b.iter(|| serde_json::from_slice::<T>(black_box(body)).unwrap())
    });
    g.bench_function("baseline Value+extract", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_slice(black_box(body)).unwrap();
            let (top, errors) = extract_v2(&v);
            black_box((top.is_some(), errors.len()));
        })
    });
    g.bench_function("baseline Value parse alone", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(body)).unwrap())
    });
    if twitter_v2 {
        let theirs: TwitterV2ApiError = serde_json::from_slice(body).unwrap();
        let top = ours.problem.as_ref().unwrap();
        assert_eq!(theirs.kind, top.type_uri().unwrap());
        assert_eq!(
            (theirs.title.as_str(), theirs.detail.as_str(), theirs.status),
            (&*top.title().unwrap(), &*top.detail().unwrap(), 0)
        );
        let messages: Vec<_> = theirs
            .errors
            .iter()
            .map(|e| (e.message.as_str(), e.parameters.len()))
            .collect();
        let ours_messages: Vec<_> = ours
            .errors
            .iter()
            .map(|p| (p.message().unwrap().into_owned(), 1))
            .collect();
        assert_eq!(
            messages
                .iter()
                .map(|(m, n)| (m.to_string(), *n))
                .collect::<Vec<_>>(),
            ours_messages
        );
        g.bench_function("baseline twitter-v2 ApiError", |b| {
            b.iter(|| serde_json::from_slice::<TwitterV2ApiError>(black_box(body)).unwrap())
        });
    }
    g.finish();
}

fn decoding(c: &mut Criterion) {
    let json10 = json_ten();
    let json1000 = json_thousand();
    let v2ten = v2_ten();
    decode_v1(c, "json 404", JSON_404);
    decode_v1(c, "json ten errors", &json10);
    decode_v1(c, "json 1000 errors", &json1000);
    decode_xml(c);
    decode_jsonp(c);
    decode_v2::<V2Invalid<'_>>(c, "v2 400 invalid-request", V2_400, true);
    decode_v2::<V2Partial<'_>>(c, "v2 ten errors", &v2ten, false);
    decode_v2::<V2Forbidden<'_>>(c, "v2 403 undocumented members", V2_FORBIDDEN, false);
}

// ---------------------------------------------------------------------------
// Encoding.

fn encode_v1(c: &mut Criterion, name: &str, body: &[u8]) {
    let ours = json::decode(body).unwrap().into_owned();
    let floor: V1Body<'_> = serde_json::from_slice(body).unwrap();
    assert_eq!(ours.encode().unwrap(), body, "byte-exact");
    assert_eq!(serde_json::to_vec(&floor).unwrap(), body, "byte-exact");

    let mut g = c.benchmark_group(format!("encode/{name}"));
    g.bench_function("ours Body::encode", |b| {
        b.iter(|| black_box(&ours).encode().unwrap())
    });
    g.bench_function("baseline serde_json::to_vec derive", |b| {
        b.iter(|| serde_json::to_vec(black_box(&floor)).unwrap())
    });
    g.finish();
}

fn encode_xml(c: &mut Criterion) {
    let ours = xml::decode(XML_404).unwrap().into_owned();
    let text = std::str::from_utf8(XML_404).unwrap();
    let theirs: XmlErrors<'_> = quick_xml::de::from_str(text).unwrap();
    let floor = V1Body {
        errors: theirs
            .error
            .iter()
            .map(|e| V1Err {
                message: &e.message,
                code: e.code,
            })
            .collect(),
    };
    assert_eq!(ours.encode().unwrap(), XML_404, "byte-exact");
    let written = quick_xml::se::to_string(&theirs).unwrap();
    assert_eq!(
        xml::decode(written.as_bytes()).unwrap(),
        ours,
        "quick-xml writes the same error: {written}"
    );
    assert_eq!(
        json::decode(&serde_json::to_vec(&floor).unwrap())
            .unwrap()
            .v1_errors(),
        ours.v1_errors()
    );

    let mut g = c.benchmark_group("encode/xml 404");
    g.bench_function("ours Body::encode", |b| {
        b.iter(|| black_box(&ours).encode().unwrap())
    });
    g.bench_function("baseline quick-xml serde", |b| {
        b.iter(|| quick_xml::se::to_string(black_box(&theirs)).unwrap())
    });
    g.bench_function("baseline serde_json::to_vec derive", |b| {
        b.iter(|| serde_json::to_vec(black_box(&floor)).unwrap())
    });
    g.finish();
}

fn encode_jsonp(c: &mut Criterion) {
    let ours = jsonp::decode(JSONP_503).unwrap().into_owned();
    let floor: V1Body<'_> = serde_json::from_slice(strip_jsonp(JSONP_503)).unwrap();
    assert_eq!(ours.encode().unwrap(), JSONP_503, "byte-exact");
    let theirs = |floor: &V1Body<'_>| {
        let mut out = b"foo(".to_vec();
        serde_json::to_writer(&mut out, floor).unwrap();
        out.extend_from_slice(b");");
        out
    };
    assert_eq!(theirs(&floor), JSONP_503);

    let mut g = c.benchmark_group("encode/jsonp 503");
    g.bench_function("ours Jsonp::encode", |b| {
        b.iter(|| black_box(&ours).encode().unwrap())
    });
    g.bench_function("baseline serde_json::to_writer derive", |b| {
        b.iter(|| theirs(black_box(&floor)))
    });
    g.finish();
}

fn encode_v2<'a, T>(c: &mut Criterion, name: &str, body: &'a [u8])
where
    T: Deserialize<'a> + Serialize,
{
    let ours = problem::decode(body).unwrap().into_owned();
    let floor: T = serde_json::from_slice(body).unwrap();
    let ours_bytes = ours.encode().unwrap();
    let floor_bytes = serde_json::to_vec(&floor).unwrap();
    // Both write the same members with the same values.
    assert_eq!(problem::decode(&ours_bytes).unwrap(), ours);
    assert_eq!(problem::decode(&floor_bytes).unwrap(), ours);

    let mut g = c.benchmark_group(format!("encode/{name}"));
    g.bench_function("ours Body::encode", |b| {
        b.iter(|| black_box(&ours).encode().unwrap())
    });
    g.bench_function("baseline serde_json::to_vec derive", |b| {
        b.iter(|| serde_json::to_vec(black_box(&floor)).unwrap())
    });
    g.finish();
}

fn encoding(c: &mut Criterion) {
    let json10 = json_ten();
    let json1000 = json_thousand();
    let v2ten = v2_ten();
    encode_v1(c, "json 404", JSON_404);
    encode_v1(c, "json ten errors", &json10);
    encode_v1(c, "json 1000 errors", &json1000);
    encode_xml(c);
    encode_jsonp(c);
    encode_v2::<V2Invalid<'_>>(c, "v2 400 invalid-request", V2_400);
    encode_v2::<V2Partial<'_>>(c, "v2 ten errors", &v2ten);
    encode_v2::<V2Forbidden<'_>>(c, "v2 403 undocumented members", V2_FORBIDDEN);
}

criterion_group!(benches, decoding, encoding);
criterion_main!(benches);
