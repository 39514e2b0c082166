//! v1.1 XML bodies, as the February 2012 announcement shows them:
//!
//! ```text
//! <?xml version="1.0" encoding="UTF-8"?>
//! <errors>
//!   <error code="34">Sorry, that page does not exist</error>
//! </errors>
//! ```
//!
//! Decoding also accepts the pre-2012 form,
//! `<hash><request>...</request><error>...</error></hash>`, in either order.
//! Text is unescaped on decode and escaped on encode. A document type
//! declaration, or an entity other than the five XML predefines, is refused,
//! never expanded.
//!
//! ```
//! use twitter_errors::codec::xml;
//! use twitter_errors::{Code, ErrorCode};
//!
//! let bytes = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  \
//!     <error code=\"34\">Sorry, that page does not exist</error>\n</errors>";
//! let body = xml::decode(bytes).unwrap();
//! assert_eq!(body.v1_errors()[0].code, Code::Known(ErrorCode::PageDoesNotExist));
//! assert_eq!(body.encode(), bytes);
//! ```

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use serde_json::Value;

use super::json::{Legacy, V1Error};
use super::{prelude, utf8, DecodeError, ErrorKind, Limits};
use crate::catalog::{Catalog, Code, Format, Members};

/// A decoded XML error body.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Body<'a, C: Catalog = crate::Catalog> {
    /// `<errors><error code="34">...</error></errors>`.
    Errors(Vec<V1Error<'a, C>>),
    /// The pre-2012 `<hash><request>...</request><error>...</error></hash>`.
    Hash(Legacy<'a>),
}

/// The declaration every body starts with.
const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

impl<'a, C: Catalog> Body<'a, C> {
    /// `<errors>` with the catalog's message for each code.
    pub fn from_codes(codes: impl IntoIterator<Item = C::Code>) -> Self {
        Body::Errors(codes.into_iter().map(V1Error::from_entry).collect())
    }

    /// The v1.1 errors (empty for `<hash>`).
    pub fn v1_errors(&self) -> &[V1Error<'a, C>] {
        match self {
            Body::Errors(e) => e,
            Body::Hash(_) => &[],
        }
    }

    /// The first error's text.
    pub fn message(&self) -> Option<&str> {
        match self {
            Body::Errors(e) => e.first().map(|e| &*e.message),
            Body::Hash(h) => Some(&h.error),
        }
    }

    /// Encodes the body, laid out as the API's documentation shows it.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(128);
        self.encode_into(&mut out);
        out
    }

    /// Encodes the body, appending to `out`.
    ///
    /// Members other than `code` become attributes of `<error>`; one that
    /// is not a JSON string is written as its JSON text. A member whose
    /// name is not an XML name (one decoded from JSON, say), or that
    /// repeats `code` or an earlier member's name (JSON allows repeated
    /// names), is left out: XML cannot carry it, and writing it as it is
    /// would inject markup or repeat an attribute.
    /// XML 1.0 cannot carry U+0000, so it is written as U+FFFD.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(DECLARATION.as_bytes());
        out.push(b'\n');
        match self {
            Body::Errors(errors) => {
                out.extend_from_slice(b"<errors>\n");
                for e in errors {
                    out.extend_from_slice(b"  <error code=\"");
                    out.extend_from_slice(e.code.code().to_string().as_bytes());
                    out.push(b'"');
                    // An attribute is written once: `code` is, already.
                    let mut written: Vec<&str> = vec!["code"];
                    for (k, v) in e.extra.iter() {
                        if !xml_name(k) || written.contains(&k) {
                            continue;
                        }
                        written.push(k);
                        out.push(b' ');
                        out.extend_from_slice(k.as_bytes());
                        out.extend_from_slice(b"=\"");
                        match v {
                            Value::String(s) => escape(out, s, true),
                            other => escape(out, &other.to_string(), true),
                        }
                        out.push(b'"');
                    }
                    out.push(b'>');
                    escape(out, &e.message, false);
                    out.extend_from_slice(b"</error>\n");
                }
                out.extend_from_slice(b"</errors>");
            }
            Body::Hash(h) => {
                out.extend_from_slice(b"<hash>\n");
                let request = |out: &mut Vec<u8>| {
                    if let Some(r) = &h.request {
                        out.extend_from_slice(b"  <request>");
                        escape(out, r, false);
                        out.extend_from_slice(b"</request>\n");
                    }
                };
                if h.request_first() {
                    request(out);
                }
                out.extend_from_slice(b"  <error>");
                escape(out, &h.error, false);
                out.extend_from_slice(b"</error>\n");
                if !h.request_first() {
                    request(out);
                }
                out.extend_from_slice(b"</hash>");
            }
        }
    }

    /// Detaches the body from the input it borrows.
    pub fn into_owned(self) -> Body<'static, C> {
        match self {
            Body::Errors(e) => Body::Errors(e.into_iter().map(V1Error::into_owned).collect()),
            Body::Hash(h) => Body::Hash(h.into_owned()),
        }
    }
}

/// Whether `name` is an XML name that can be written as an attribute:
/// a letter, `_` or `:`, then those, digits, `-`, `.` and `·`. Decoding
/// refuses other attribute names, so what decodes encodes whole.
fn xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, '_' | ':'))
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.' | '\u{B7}'))
}

/// Writes text (or, with `attr`, an attribute value) escaped so that a
/// parser gives back exactly `s`.
fn escape(out: &mut Vec<u8>, s: &str, attr: bool) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' if attr => b"&quot;",
            // Parsers turn CR LF into LF, and whitespace in attributes
            // into spaces: references survive both.
            b'\r' => b"&#13;",
            b'\n' if attr => b"&#10;",
            b'\t' if attr => b"&#9;",
            0 => "\u{FFFD}".as_bytes(),
            b if b < 0x20 && b != b'\n' && b != b'\t' => {
                out.extend_from_slice(&bytes[start..i]);
                out.extend_from_slice(format!("&#{b};").as_bytes());
                start = i + 1;
                continue;
            }
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(rep);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Decodes an XML body with the bundled catalog and the default [`Limits`].
pub fn decode(body: &[u8]) -> Result<Body<'_>, DecodeError> {
    decode_with(body, &Limits::DEFAULT)
}

/// Decodes an XML body.
pub fn decode_with<'a, C: Catalog>(
    body: &'a [u8],
    limits: &Limits,
) -> Result<Body<'a, C>, DecodeError> {
    let limits = &limits.clamped();
    let bytes = prelude(body, limits, Some(Format::Xml))?;
    decode_bytes(bytes, limits).map_err(|e| e.with_format(Format::Xml))
}

pub(crate) fn decode_bytes<'a, C: Catalog>(
    bytes: &'a [u8],
    limits: &Limits,
) -> Result<Body<'a, C>, DecodeError> {
    let text = utf8(bytes)?;
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(
            DecodeError::new(ErrorKind::Syntax, "U+0000 is not allowed in XML")
                .at_offset(bytes, at),
        );
    }
    if let Some(body) = fast(text, limits) {
        return Ok(body);
    }
    decode_str(text, limits)
}

/// A fast path for the form the API sent: an optional declaration, then
/// `<errors>` with `<error code="N">text</error>` items whose text has no
/// references or markup. Anything else returns `None` and goes to the
/// full parser, which has the final word on errors.
fn fast<'a, C: Catalog>(text: &'a str, limits: &Limits) -> Option<Body<'a, C>> {
    if limits.max_depth < 2 {
        return None;
    }
    let ws = |s: &'a str| s.trim_start_matches([' ', '\t', '\n', '\r']);
    let mut rest = ws(text);
    if let Some(r) = rest.strip_prefix(DECLARATION) {
        rest = ws(r);
    }
    rest = ws(rest.strip_prefix("<errors>")?);
    let mut errors = Vec::new();
    while let Some(r) = rest.strip_prefix("<error code=\"") {
        if errors.len() == limits.max_errors {
            return None;
        }
        let digits = r.find('"')?;
        let code = &r[..digits];
        if code.is_empty() || code.len() > 10 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let code: u32 = code.parse().ok()?;
        let r = r[digits..].strip_prefix("\">")?;
        let end = r.find('<')?;
        let message = &r[..end];
        if message.contains(['&', '\r', '>'])
            || message.chars().any(|c| c < ' ' && c != '\t' && c != '\n')
        {
            return None;
        }
        rest = ws(r[end..].strip_prefix("</error>")?);
        errors.push(V1Error::new(Code::from_code(code), Cow::Borrowed(message)));
    }
    rest = ws(rest.strip_prefix("</errors>")?);
    rest.is_empty().then_some(Body::Errors(errors))
}

/// Where the reader is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the root element.
    Prolog,
    /// Inside `<errors>`.
    Errors,
    /// Inside `<hash>`.
    Hash,
    /// After the root element.
    Epilog,
}

fn decode_str<'a, C: Catalog>(text: &'a str, limits: &Limits) -> Result<Body<'a, C>, DecodeError> {
    let mut reader = Reader::from_str(text);
    let bytes = text.as_bytes();
    let fail = |reader: &Reader<&[u8]>, kind: ErrorKind, detail: String| {
        DecodeError::new(kind, detail).at_offset(bytes, reader.buffer_position() as usize)
    };
    let mut place = Place::Prolog;
    let mut errors: Vec<V1Error<'a, C>> = Vec::new();
    let mut request: Option<Cow<'a, str>> = None;
    let mut error: Option<Cow<'a, str>> = None;
    let mut request_first = true;
    let mut hash = false;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let kind = match e {
                    quick_xml::Error::Escape(_) => ErrorKind::Dtd,
                    _ => ErrorKind::Syntax,
                };
                return Err(DecodeError::new(kind, e.to_string())
                    .at_offset(bytes, reader.error_position() as usize));
            }
        };
        match event {
            Event::DocType(_) => {
                return Err(fail(
                    &reader,
                    ErrorKind::Dtd,
                    "<!DOCTYPE> is refused".into(),
                ));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Text(t) => {
                if !t.iter().all(u8::is_ascii_whitespace) {
                    return Err(fail(
                        &reader,
                        ErrorKind::Shape,
                        "text outside an element".into(),
                    ));
                }
            }
            Event::CData(_) | Event::GeneralRef(_) => {
                return Err(fail(
                    &reader,
                    ErrorKind::Shape,
                    "text outside an element".into(),
                ));
            }
            Event::Start(e) | Event::Empty(e) if place == Place::Epilog => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                return Err(fail(
                    &reader,
                    ErrorKind::Shape,
                    format!("<{name}> after the root element"),
                ));
            }
            Event::Start(e) if place == Place::Prolog => {
                if limits.max_depth < 1 {
                    return Err(fail(
                        &reader,
                        ErrorKind::TooDeep,
                        "nested too deeply".into(),
                    ));
                }
                place = match e.name().as_ref() {
                    b"errors" => Place::Errors,
                    b"hash" => {
                        hash = true;
                        Place::Hash
                    }
                    other => {
                        let name = String::from_utf8_lossy(other).into_owned();
                        return Err(fail(
                            &reader,
                            ErrorKind::Shape,
                            format!("root element <{name}>, not <errors> or <hash>"),
                        ));
                    }
                };
            }
            Event::Empty(e) if place == Place::Prolog => {
                if e.name().as_ref() == b"errors" {
                    place = Place::Epilog;
                } else {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    return Err(fail(
                        &reader,
                        ErrorKind::Shape,
                        format!("root element <{name}/>, not <errors>"),
                    ));
                }
            }
            Event::Start(e) | Event::Empty(e) if limits.max_depth < 2 => {
                let _ = e;
                return Err(fail(
                    &reader,
                    ErrorKind::TooDeep,
                    "nested too deeply".into(),
                ));
            }
            Event::Start(ref e) | Event::Empty(ref e) if place == Place::Errors => {
                if e.name().as_ref() != b"error" {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    return Err(fail(
                        &reader,
                        ErrorKind::Shape,
                        format!("<{name}> inside <errors>"),
                    ));
                }
                if errors.len() == limits.max_errors {
                    return Err(fail(
                        &reader,
                        ErrorKind::TooManyErrors,
                        format!("more than {} errors", limits.max_errors),
                    ));
                }
                let empty = matches!(event, Event::Empty(_));
                let (code, extra) = error_attributes(&reader, e)
                    .map_err(|err| err.at_offset(bytes, reader.buffer_position() as usize))?;
                let message = if empty {
                    Cow::Borrowed("")
                } else {
                    element_text(&mut reader, b"error", bytes)?
                };
                let mut v = V1Error::new(Code::from_code(code), message);
                v.extra = extra;
                errors.push(v);
            }
            Event::Start(ref e) | Event::Empty(ref e) if place == Place::Hash => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.name().as_ref().to_vec();
                let value = if empty {
                    Cow::Borrowed("")
                } else {
                    element_text(&mut reader, &name, bytes)?
                };
                match (&name[..], &request, &error) {
                    (b"request", None, _) => {
                        request_first = error.is_none();
                        request = Some(value);
                    }
                    (b"error", _, None) => error = Some(value),
                    _ => {
                        let name = String::from_utf8_lossy(&name).into_owned();
                        return Err(fail(
                            &reader,
                            ErrorKind::Shape,
                            format!("unexpected <{name}> inside <hash>"),
                        ));
                    }
                }
            }
            Event::Start(_) | Event::Empty(_) => {
                return Err(fail(&reader, ErrorKind::Shape, "unexpected element".into()));
            }
            Event::End(_) => place = Place::Epilog,
            Event::Eof => break,
        }
    }
    match place {
        Place::Epilog => {}
        Place::Prolog => {
            return Err(
                DecodeError::new(ErrorKind::Shape, "no root element").at_offset(bytes, bytes.len())
            );
        }
        Place::Errors | Place::Hash => {
            return Err(
                DecodeError::new(ErrorKind::Syntax, "the root element is not closed")
                    .at_offset(bytes, bytes.len()),
            );
        }
    }
    if let Some(error) = error {
        let mut l = Legacy::new(error, request);
        l.set_request_first(request_first);
        return Ok(Body::Hash(l));
    }
    if hash {
        return Err(DecodeError::new(ErrorKind::Shape, "<hash> without <error>"));
    }
    Ok(Body::Errors(errors))
}

/// The `code` attribute and the others, of an `<error>`.
fn error_attributes(
    reader: &Reader<&[u8]>,
    e: &BytesStart<'_>,
) -> Result<(u32, Members), DecodeError> {
    let mut code = None;
    let mut extra = Members::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| DecodeError::new(ErrorKind::Syntax, err.to_string()))?;
        let value = attr
            .decoded_and_normalized_value(XmlVersion::Implicit1_0, reader.decoder())
            .map_err(|err| {
                let kind = match err {
                    quick_xml::Error::Escape(_) => ErrorKind::Dtd,
                    _ => ErrorKind::Syntax,
                };
                DecodeError::new(kind, err.to_string())
            })?;
        let name = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        if !xml_name(&name) {
            return Err(DecodeError::new(
                ErrorKind::Syntax,
                format!("attribute name `{name}` is not an XML name"),
            ));
        }
        if name == "code" && code.is_none() {
            let n = value.trim().parse::<u32>().map_err(|_| {
                DecodeError::new(
                    ErrorKind::Type,
                    format!("code=\"{value}\" is not a non-negative integer"),
                )
            })?;
            code = Some(n);
        } else {
            extra.insert(name, Value::String(value.into_owned()));
        }
    }
    let code =
        code.ok_or_else(|| DecodeError::new(ErrorKind::Shape, "<error> has no code attribute"))?;
    Ok((code, extra))
}

/// The text of an element up to its end tag, unescaped. Borrowed when the
/// text is one run without references.
fn element_text<'a>(
    reader: &mut Reader<&'a [u8]>,
    name: &[u8],
    bytes: &[u8],
) -> Result<Cow<'a, str>, DecodeError> {
    let mut text: Cow<'a, str> = Cow::Borrowed("");
    let push = |text: &mut Cow<'a, str>, piece: Cow<'a, str>| {
        if text.is_empty() {
            *text = piece;
        } else {
            text.to_mut().push_str(&piece);
        }
    };
    loop {
        let pos = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            let kind = match e {
                quick_xml::Error::Escape(_) => ErrorKind::Dtd,
                _ => ErrorKind::Syntax,
            };
            DecodeError::new(kind, e.to_string()).at_offset(bytes, reader.error_position() as usize)
        })?;
        let here = |kind, detail: String| Err(DecodeError::new(kind, detail).at_offset(bytes, pos));
        match event {
            Event::Text(t) => {
                let piece = t
                    .xml10_content()
                    .map_err(|e| DecodeError::new(ErrorKind::Syntax, e.to_string()))?;
                push(&mut text, piece);
            }
            Event::CData(c) => {
                let piece = c
                    .decode()
                    .map_err(|e| DecodeError::new(ErrorKind::Syntax, e.to_string()))?;
                push(&mut text, piece);
            }
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        _ => return here(ErrorKind::Syntax, "invalid character reference".into()),
                    }
                } else {
                    match &*r {
                        b"lt" => '<',
                        b"gt" => '>',
                        b"amp" => '&',
                        b"apos" => '\'',
                        b"quot" => '"',
                        other => {
                            let name = String::from_utf8_lossy(other).into_owned();
                            return here(ErrorKind::Dtd, format!("undefined entity &{name};"));
                        }
                    }
                };
                let mut buf = [0u8; 4];
                text.to_mut().push_str(c.encode_utf8(&mut buf));
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::End(_) => return Ok(text),
            Event::Start(e) | Event::Empty(e) => {
                let inner = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let outer = String::from_utf8_lossy(name).into_owned();
                return here(ErrorKind::Shape, format!("<{inner}> inside <{outer}>"));
            }
            Event::DocType(_) => return here(ErrorKind::Dtd, "<!DOCTYPE> is refused".into()),
            Event::Decl(_) => return here(ErrorKind::Syntax, "misplaced XML declaration".into()),
            Event::Eof => {
                let outer = String::from_utf8_lossy(name).into_owned();
                return Err(DecodeError::new(
                    ErrorKind::Syntax,
                    format!("<{outer}> is not closed"),
                )
                .at_offset(bytes, bytes.len()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn text_is_escaped_and_unescaped() {
        let b: Body<'_> = Body::Errors(vec![V1Error::new(
            Code::Known(ErrorCode::PageDoesNotExist),
            "a <b> & \"c\" \r\n\t\u{1}",
        )]);
        let bytes = b.encode();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.contains("a &lt;b&gt; &amp; \"c\" &#13;\n\t&#1;"),
            "{text}"
        );
        assert_eq!(decode(&bytes).unwrap(), b);
    }

    #[test]
    fn references_are_resolved() {
        let b = decode(
            b"<errors><error code=\"1\">&lt;&#65;&#x42;&amp;<![CDATA[<c>]]></error></errors>",
        )
        .unwrap();
        assert_eq!(b.v1_errors()[0].message, "<AB&<c>");
    }

    #[test]
    fn doctype_and_entities_are_refused() {
        let bomb = b"<?xml version=\"1.0\"?><!DOCTYPE errors [<!ENTITY a \"aaaa\">]><errors><error code=\"1\">&a;</error></errors>";
        assert_eq!(decode(bomb).unwrap_err().kind(), ErrorKind::Dtd);
        let undefined = b"<errors><error code=\"1\">&a;</error></errors>";
        assert_eq!(decode(undefined).unwrap_err().kind(), ErrorKind::Dtd);
        let in_attr = b"<errors><error code=\"1\" x=\"&a;\">t</error></errors>";
        assert_eq!(decode(in_attr).unwrap_err().kind(), ErrorKind::Dtd);
    }

    #[test]
    fn bad_bodies() {
        for (body, kind) in [
            (
                &b"<errors><error code=\"x\">t</error></errors>"[..],
                ErrorKind::Type,
            ),
            (b"<errors><error>t</error></errors>", ErrorKind::Shape),
            (b"<html><body>Over capacity</body></html>", ErrorKind::Shape),
            (b"<errors><error code=\"1\">t</error>", ErrorKind::Syntax),
            (
                b"<errors><error code=\"1\">t</erro></errors>",
                ErrorKind::Syntax,
            ),
            (
                b"<errors><error code=\"1\"><b>t</b></error></errors>",
                ErrorKind::Shape,
            ),
            (b"<errors></errors><x/>", ErrorKind::Shape),
            (b"<hash><request>/1/x</request></hash>", ErrorKind::Shape),
        ] {
            let e = decode(body).unwrap_err();
            assert_eq!(e.kind(), kind, "{}: {e}", String::from_utf8_lossy(body));
        }
    }
}
