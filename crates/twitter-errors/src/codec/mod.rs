//! Codecs: read and write every error body the API has served, one
//! module per wire format.
//!
//! | Module | Format | Example |
//! |---|---|---|
//! | [`json`] | v1.1 JSON, and the older JSON shapes when decoding | `{"errors":[{"message":"Sorry, that page does not exist","code":34}]}` |
//! | `xml` (feature `xml`) | v1 XML, and the pre-2012 `<hash>` when decoding | `<errors><error code="34">...</error></errors>` |
//! | [`jsonp`] | the JSON body inside a validated callback | `foo({"errors":[...]});` |
//! | [`problem`] | v2 problem details and partial errors | `{"title":...,"detail":...,"type":...,"errors":[...]}` |
//!
//! Each reads into and writes from the format-independent
//! [`model`](crate::model). [`response`](crate::response) builds on them to
//! decode a whole response (status, headers, body) and to pick the format a
//! request asked for.
//!
//! # One way to read JSON
//!
//! Every JSON format (v1.1, JSONP's payload, v2 problems and partial
//! results) is read by `serde_json`'s `Deserializer` driving this crate's
//! visitors, which type what the model types (codes, messages, `type`) and
//! capture every other member as a borrowed [`RawValue`]: its exact text,
//! numbers like `1e400` included, without building a `Value`. The one extra
//! step is depth: `RawValue` does not count nesting, so a captured value
//! long enough to nest past [`Bounds::max_depth`] is walked once more by a
//! visitor that counts. serde_json was chosen over a scanner of our own for
//! one reader of JSON in the crate, with its error positions, UTF-8 checks
//! and escapes; BENCHMARKS.md has its cost against the baselines.
//!
//! [`RawValue`]: serde_json::value::RawValue
//!
//! # What decoding promises
//!
//! Every codec is generic over a [`Catalog`], by default the bundled
//! [`crate::Twitter`]. Values the catalog does not know (codes, problem
//! types, members) are kept, and encoding writes them back: decoding,
//! encoding and decoding again gives an equal value, and a compact body
//! encodes back to its own bytes. Decoded values borrow from the input
//! where they can; `into_owned` detaches them.
//!
//! Decoding never panics and is linear in the body: a body that is too
//! large or too deep, holds too many errors or members, is not UTF-8, not
//! well-formed, or not an error body gives a [`DecodeError`], whose
//! [`ErrorKind`] says which. The bounds are set by [`Bounds`]. Encoding
//! refuses, with an [`EncodeError`], a body that decoding would refuse at
//! the same limits.
//!
//! The decoders take the whole body as a slice. To get one from a stream
//! (a socket, stdin) without trusting its length, [`read_body`] reads at
//! most [`Bounds::max_body`] bytes, plus one to tell that there is more.

use std::borrow::Cow;

use crate::catalog::{Catalog, Format};
use crate::known::Code;
use crate::model::{Legacy, Problem, V1Error};

/// The `decode` and `decode_with` of a format's module, over its
/// `decode_bytes` (or the function given).
macro_rules! decoders {
    ($format:expr, $what:literal, $body:ident) => {
        decoders!($format, $what, $body, decode_bytes);
    };
    ($format:expr, $what:literal, $body:ident, $decode:expr) => {
        #[doc = concat!("Decodes ", $what, " with the bundled catalog and the default [`Bounds`].")]
        // Inline: compiled where it is called, so that a crate that never
        // decodes this format does not compile the decoder for it.
        #[inline]
        pub fn decode(body: &[u8]) -> Result<$body<'_>, DecodeError> {
            decode_with(body, &Bounds::DEFAULT)
        }

        #[doc = concat!("Decodes ", $what, ".")]
        pub fn decode_with<'a, C: Catalog>(
            body: &'a [u8],
            limits: &Bounds,
        ) -> Result<$body<'a, C>, DecodeError> {
            $crate::codec::decode_format(body, limits, $format, $decode)
        }
    };
}

/// A body type's `encode` and `encode_with`, over its `encode_into` and
/// `size_hint`.
macro_rules! encoders {
    ($how:literal) => {
        #[doc = concat!("Encodes the body", $how, ", refusing one that decoding would refuse at the default [`Bounds`].")]
        pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
            self.encode_with(&Bounds::DEFAULT)
        }

        #[doc = concat!("Encodes the body", $how, ", refusing one that decoding would refuse at `limits`.")]
        pub fn encode_with(&self, limits: &Bounds) -> Result<Vec<u8>, EncodeError> {
            let mut out = Vec::with_capacity(self.size_hint());
            self.encode_into(&mut out, limits)?;
            Ok(out)
        }
    };
}

mod error;
pub mod json;
pub use json::jsonp;
mod bounds;
pub mod problem;
pub(crate) mod read;
mod write;
#[cfg(feature = "xml")]
#[cfg_attr(docsrs, doc(cfg(feature = "xml")))]
pub mod xml;

pub use bounds::{read_body, Bounds};
pub use error::{DecodeError, EncodeError, ErrorKind};

/// A decoded error body in any format.
///
/// # Examples
///
/// ```
/// use twitter_errors::codec;
/// use twitter_errors::{Format, ProblemType};
///
/// let bytes = br#"{"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request"}"#;
/// let body = codec::decode(bytes).unwrap();
/// assert_eq!(body.format(), Format::Problem);
/// let problems: Vec<_> = body.problems().map(|p| p.problem_type()).collect();
/// assert_eq!(problems, [Some(ProblemType::InvalidRequest)]);
/// assert_eq!(body.message().as_deref(), Some("One or more parameters to your request was invalid."));
/// // What came in goes out.
/// assert_eq!(body.encode().unwrap(), bytes);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Body<'a, C: Catalog = crate::Twitter> {
    /// v1.1 JSON, or an older JSON shape.
    Json(json::JsonBody<'a, C>),
    /// v1 XML, or the pre-2012 `<hash>`.
    #[cfg(feature = "xml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "xml")))]
    Xml(xml::XmlBody<'a, C>),
    /// JSONP.
    Jsonp(jsonp::Jsonp<'a, C>),
    /// v2 problem details, or a v2 result with partial errors.
    Problem(problem::ProblemBody<'a, C>),
}

impl<'a, C: Catalog> Body<'a, C> {
    /// The format it came in, and that [`Body::encode`] writes.
    pub fn format(&self) -> Format {
        match self {
            Body::Json(_) => Format::Json,
            #[cfg(feature = "xml")]
            Body::Xml(_) => Format::Xml,
            Body::Jsonp(_) => Format::Jsonp,
            Body::Problem(_) => Format::Problem,
        }
    }

    encoders!(" in its own format");

    /// About how long the encoding is.
    fn size_hint(&self) -> usize {
        128
    }

    /// Encodes the body in its own format, appending to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>, limits: &Bounds) -> Result<(), EncodeError> {
        match self {
            Body::Json(b) => b.encode_into(out, limits),
            #[cfg(feature = "xml")]
            Body::Xml(b) => b.encode_into(out, limits),
            Body::Jsonp(b) => b.encode_into(out, limits),
            Body::Problem(b) => b.encode_into(out, limits),
        }
    }

    /// The v1.1 errors it holds (none for other shapes).
    pub fn v1_errors(&self) -> &[V1Error<'a, C>] {
        match self {
            Body::Json(b) => b.v1_errors(),
            Body::Jsonp(b) => b.body.v1_errors(),
            #[cfg(feature = "xml")]
            Body::Xml(b) => b.v1_errors(),
            Body::Problem(_) => &[],
        }
    }

    /// The pre-2012 `request` and `error` pair it holds, in JSON, JSONP
    /// or XML.
    pub fn legacy(&self) -> Option<&Legacy<'a>> {
        let shape = match self {
            Body::Json(b) => &b.shape,
            Body::Jsonp(b) => &b.body.shape,
            #[cfg(feature = "xml")]
            Body::Xml(xml::XmlBody {
                root: xml::Root::Hash(h),
                ..
            }) => return Some(h),
            _ => return None,
        };
        match shape {
            json::Shape::Legacy(l) => Some(l),
            _ => None,
        }
    }

    /// The v1.1 codes it holds, in order: those of its errors (inferred
    /// from the message for an item without one), or the code a legacy
    /// body's text names, inferred likewise.
    pub fn codes(&self) -> impl Iterator<Item = Code<C::Code>> + '_ {
        let legacy = self
            .legacy()
            .and_then(|l| l.inferred_code::<C>())
            .map(|m| Code::from(m.code));
        self.v1_errors().iter().map(|e| e.code).chain(legacy)
    }

    /// The v2 problems it holds: the body's own problem first, then each
    /// item of `errors`.
    pub fn problems(&self) -> impl Iterator<Item = &Problem<'a, C>> + '_ {
        let body = match self {
            Body::Problem(b) => Some(b),
            _ => None,
        };
        body.into_iter().flat_map(|b| b.problems())
    }

    /// A human-readable message: the first error's text.
    pub fn message(&self) -> Option<Cow<'_, str>> {
        match self {
            Body::Json(b) => b.message(),
            Body::Jsonp(b) => b.body.message(),
            #[cfg(feature = "xml")]
            Body::Xml(b) => b.message(),
            Body::Problem(b) => b
                .problems()
                .find_map(|p| p.detail().or_else(|| p.message())),
        }
    }

    /// Detaches the body from the input it borrows.
    pub fn into_owned(self) -> Body<'static, C> {
        match self {
            Body::Json(b) => Body::Json(b.into_owned()),
            #[cfg(feature = "xml")]
            Body::Xml(b) => Body::Xml(b.into_owned()),
            Body::Jsonp(b) => Body::Jsonp(b.into_owned()),
            Body::Problem(b) => Body::Problem(b.into_owned()),
        }
    }
}

/// Decodes a body of any format with the bundled catalog and the default
/// [`Bounds`], telling the format from the body itself.
///
/// # Errors
///
/// A [`DecodeError`] when the body is none of the formats, or breaks a
/// limit; its [`kind`](DecodeError::kind) says which.
///
/// # Examples
///
/// ```
/// use twitter_errors::codec::{self, Body};
/// use twitter_errors::{Code, ErrorCode, Format};
///
/// let body = codec::decode(br#"{"errors":[{"message":"Over capacity","code":130}]}"#).unwrap();
/// assert_eq!(body.format(), Format::Json);
/// assert_eq!(body.codes().collect::<Vec<_>>(), [Code::from(ErrorCode::OverCapacity)]);
/// ```
#[inline]
pub fn decode(body: &[u8]) -> Result<Body<'_>, DecodeError> {
    decode_as(body, None, &Bounds::DEFAULT)
}

/// Decodes a body in `format`, or with `None` in whatever format it is
/// (JSON objects are tried as v1.1 first, then as v2).
pub fn decode_as<'a, C: Catalog>(
    body: &'a [u8],
    format: Option<Format>,
    limits: &Bounds,
) -> Result<Body<'a, C>, DecodeError> {
    let limits = &limits.clamped();
    match format {
        Some(Format::Json) => json::decode_with(body, limits).map(Body::Json),
        #[cfg(feature = "xml")]
        Some(Format::Xml) => xml::decode_with(body, limits).map(Body::Xml),
        #[cfg(not(feature = "xml"))]
        Some(Format::Xml) => Err(xml_unsupported()),
        Some(Format::Jsonp) => jsonp::decode_with(body, limits).map(Body::Jsonp),
        Some(Format::Problem) => problem::decode_with(body, limits).map(Body::Problem),
        None => decode_auto(body, limits),
    }
}

/// What decoding an XML body gives in a build without the `xml` feature.
#[cfg(not(feature = "xml"))]
fn xml_unsupported() -> DecodeError {
    DecodeError::new(
        ErrorKind::Unsupported,
        "an XML body; this build reads XML only with the crate's `xml` feature",
    )
    .with_format(Format::Xml)
}

fn decode_auto<'a, C: Catalog>(
    body: &'a [u8],
    limits: &Bounds,
) -> Result<Body<'a, C>, DecodeError> {
    let bytes = prelude(body, limits, None)?;
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        Some(b'{') => match json::decode_bytes(bytes, limits, true) {
            Ok(b) => Ok(Body::Json(b)),
            Err(e) if e.kind() == ErrorKind::Shape => problem::decode_bytes(bytes, limits)
                .map(Body::Problem)
                .map_err(|e| e.with_format(Format::Problem)),
            Err(e) => Err(e.with_format(Format::Json)),
        },
        #[cfg(feature = "xml")]
        Some(b'<') => xml::decode_bytes(bytes, limits)
            .map(Body::Xml)
            .map_err(|e| e.with_format(Format::Xml)),
        // Markup that is not the API's XML, such as a proxy's HTML page, is
        // not an error body: no reason to point at the `xml` feature.
        #[cfg(not(feature = "xml"))]
        Some(b'<') => {
            let markup = bytes.trim_ascii_start();
            if [&b"<?xml"[..], b"<errors", b"<hash"]
                .iter()
                .any(|p| markup.starts_with(p))
            {
                Err(xml_unsupported())
            } else {
                Err(DecodeError::new(
                    ErrorKind::Shape,
                    "markup that is not an error body",
                ))
            }
        }
        Some(&b) if b == b'/' || b == b'_' || b == b'$' || b.is_ascii_alphabetic() => {
            match jsonp::decode_bytes(bytes, limits) {
                Ok(j) => Ok(Body::Jsonp(j)),
                // Plain text, such as an OAuth error, is not a failed call.
                Err(e) if e.kind() == ErrorKind::Shape && !bytes.contains(&b'(') => Err(
                    DecodeError::new(ErrorKind::Shape, "neither JSON, XML nor JSONP"),
                ),
                Err(e) => Err(e.with_format(Format::Jsonp)),
            }
        }
        _ => Err(DecodeError::new(
            ErrorKind::Shape,
            "neither JSON, XML nor JSONP",
        )),
    }
}

/// Decodes a body in one format: the limits clamped, the [`prelude`], then
/// `decode`, whose errors are tagged with the format.
pub(crate) fn decode_format<'a, T>(
    body: &'a [u8],
    limits: &Bounds,
    format: Format,
    decode: impl FnOnce(&'a [u8], &Bounds) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    let limits = &limits.clamped();
    let bytes = prelude(body, limits, Some(format))?;
    decode(bytes, limits).map_err(|e| e.with_format(format))
}

/// Checks the size, strips a byte-order mark, refuses an empty body.
/// UTF-8 is checked by each codec as it reads.
pub(crate) fn prelude<'a>(
    body: &'a [u8],
    limits: &Bounds,
    format: Option<Format>,
) -> Result<&'a [u8], DecodeError> {
    let tag = |e: DecodeError| match format {
        Some(f) => e.with_format(f),
        None => e,
    };
    if body.len() > limits.max_body {
        return Err(tag(DecodeError::new(
            ErrorKind::TooLarge,
            format!("{} bytes, limit {}", body.len(), limits.max_body),
        )));
    }
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(tag(DecodeError::new(ErrorKind::Empty, "")));
    }
    Ok(body)
}

/// The body as UTF-8.
pub(crate) fn utf8(body: &[u8]) -> Result<&str, DecodeError> {
    std::str::from_utf8(body).map_err(|e| {
        DecodeError::new(
            ErrorKind::InvalidUtf8,
            format!("invalid byte at offset {}", e.valid_up_to()),
        )
        .at_offset(body, e.valid_up_to())
    })
}

/// Refuses what was appended to `out` since `start` when it is longer
/// than [`Bounds::max_body`], taking it back out.
pub(crate) fn check_size(
    out: &mut Vec<u8>,
    start: usize,
    limits: &Bounds,
) -> Result<(), EncodeError> {
    let len = out.len() - start;
    if len > limits.max_body {
        out.truncate(start);
        return Err(EncodeError::new(
            ErrorKind::TooLarge,
            format!("{len} bytes, limit {}", limits.max_body),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without the `xml` feature an XML body is a typed error, whether the
    /// format was asked for or told from the body.
    #[cfg(not(feature = "xml"))]
    #[test]
    fn xml_without_the_feature_is_unsupported() {
        let body = b"<errors><error code=\"34\">Sorry, that page does not exist</error></errors>";
        for e in [
            decode(body).unwrap_err(),
            decode_as::<crate::Twitter>(body, Some(Format::Xml), &Bounds::DEFAULT).unwrap_err(),
        ] {
            assert_eq!(e.kind(), ErrorKind::Unsupported);
            assert_eq!(e.format(), Some(Format::Xml));
            assert!(e.to_string().contains("`xml` feature"), "{e}");
        }
        for body in [
            &b" <?xml version=\"1.0\"?><hash/>"[..],
            b"<hash><error>x</error></hash>",
        ] {
            assert_eq!(decode(body).unwrap_err().kind(), ErrorKind::Unsupported);
        }
        // A proxy's HTML page is not an error body, and the `xml` feature
        // would not read it either.
        let page = b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>";
        assert_eq!(decode(page).unwrap_err().kind(), ErrorKind::Shape);
    }

    #[test]
    fn prelude_refuses_what_no_codec_can_read() {
        let l = Bounds::DEFAULT;
        assert_eq!(prelude(b"", &l, None).unwrap_err().kind(), ErrorKind::Empty);
        assert_eq!(
            prelude(b" \n", &l, None).unwrap_err().kind(),
            ErrorKind::Empty
        );
        assert_eq!(
            utf8(b"{\"a\":\"\xff\"}").unwrap_err().kind(),
            ErrorKind::InvalidUtf8
        );
        let small = Bounds::new().with_max_body(3);
        assert_eq!(
            prelude(b"{ }  ", &small, None).unwrap_err().kind(),
            ErrorKind::TooLarge
        );
        assert_eq!(prelude(b"\xEF\xBB\xBF{}", &l, None).unwrap(), b"{}");
    }
}
