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
//! Text is unescaped on decode and escaped on encode. Attributes of
//! `<errors>`, `<hash>` and `<error>` are kept in order, namespace
//! declarations included, and written back; an attribute on `<hash>`'s
//! children, or a prefixed element name, is refused rather than dropped. A
//! body declared in ISO-8859-1 is decoded as such, one in US-ASCII checked
//! to be; any other declared encoding is refused. A document type
//! declaration, or an entity other than the five XML predefines, is
//! refused, never expanded.
//!
//! ```
//! use twitter_errors::codec::xml;
//! use twitter_errors::ErrorCode;
//!
//! let bytes = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  \
//!     <error code=\"34\">Sorry, that page does not exist</error>\n</errors>";
//! let body = xml::decode(bytes).unwrap();
//! assert_eq!(body.v1_errors()[0].code, ErrorCode::PageDoesNotExist);
//! assert_eq!(body.encode().unwrap(), bytes);
//! ```

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::write::{serialize, Budget};
use super::{utf8, Bounds, DecodeError, EncodeError, ErrorKind};
use crate::catalog::{Catalog, Format};
use crate::known::Code;
use crate::model::members::{self, Json};
use crate::model::{interleave, CodeSent, Legacy, Members, Next, V1Error};

/// A decoded XML error body: its root element's content and attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct XmlBody<'a, C: Catalog = crate::Twitter> {
    /// What the root element holds.
    pub root: Root<'a, C>,
    /// The attributes of the root element (`<errors>` or `<hash>`), in
    /// order, each a JSON string.
    pub attributes: Members<'a>,
}

/// The two root elements of XML error bodies.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Root<'a, C: Catalog = crate::Twitter> {
    /// `<errors><error code="34">...</error></errors>`.
    Errors(Vec<V1Error<'a, C>>),
    /// The pre-2012 `<hash><request>...</request><error>...</error></hash>`.
    Hash(Legacy<'a>),
}

/// The declaration every body starts with.
const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

impl<'a, C: Catalog> XmlBody<'a, C> {
    /// A body with this root and no attributes.
    pub fn new(root: Root<'a, C>) -> Self {
        XmlBody {
            root,
            attributes: Members::new(),
        }
    }

    /// `<errors>` with the catalog's message for each code.
    pub fn from_codes(codes: impl IntoIterator<Item = C::Code>) -> Self {
        XmlBody::from(
            codes
                .into_iter()
                .map(V1Error::from_entry)
                .collect::<Vec<_>>(),
        )
    }

    /// The v1.1 errors (empty for `<hash>`).
    pub fn v1_errors(&self) -> &[V1Error<'a, C>] {
        match &self.root {
            Root::Errors(e) => e,
            Root::Hash(_) => &[],
        }
    }

    /// The first error's text.
    pub fn message(&self) -> Option<Cow<'_, str>> {
        match &self.root {
            Root::Errors(e) => e.first().map(|e| Cow::Borrowed(&*e.message)),
            Root::Hash(h) => Some(Cow::Borrowed(&h.error)),
        }
    }

    encoders!(", laid out as the API's documentation shows it");

    /// About how long the encoding is.
    fn size_hint(&self) -> usize {
        128
    }

    /// Encodes the body, appending to `out`. On an error, `out` is left as
    /// it was.
    ///
    /// Members other than `code` become attributes of `<error>`; one that
    /// is not a JSON string is written as its JSON text. A member whose
    /// name is not an XML name (one decoded from JSON, say), or that
    /// repeats `code` or an earlier member's name (JSON allows repeated
    /// names), is left out: XML cannot carry it, and writing it as it is
    /// would inject markup or repeat an attribute. XML 1.0 cannot carry
    /// U+0000, so it is written as U+FFFD.
    pub fn encode_into(&self, out: &mut Vec<u8>, limits: &Bounds) -> Result<(), EncodeError> {
        let mut budget = Budget::new(limits);
        budget.container(1)?;
        budget.members(self.attributes.len())?;
        match &self.root {
            Root::Errors(errors) => {
                budget.errors(errors.len())?;
                if !errors.is_empty() {
                    budget.container(2)?;
                }
                for e in errors {
                    // What is written: an inferred code never is.
                    budget.members(usize::from(!e.is_inferred()) + e.extra.len())?;
                    if let CodeSent::Text(t) = &e.code_sent {
                        if t.trim().parse::<u32>().is_err() {
                            return Err(EncodeError::new(
                                ErrorKind::Type,
                                "a code sent as a string that is not a number has no XML form",
                            ));
                        }
                    }
                }
            }
            Root::Hash(_) => budget.container(2)?,
        }
        let start = out.len();
        self.write(out);
        super::check_size(out, start, limits)
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(DECLARATION.as_bytes());
        out.push(b'\n');
        match &self.root {
            Root::Errors(errors) => {
                out.extend_from_slice(b"<errors");
                attributes(out, &self.attributes);
                out.extend_from_slice(b">\n");
                for e in errors {
                    out.extend_from_slice(b"  <error");
                    let p = e.layout.0;
                    // The place of `code` among the attributes: `message`
                    // is the element's text, not an attribute.
                    let code_at = match e.code_sent {
                        // An inferred code is never written.
                        CodeSent::Inferred => usize::MAX,
                        _ => p.code - usize::from(p.message < p.code),
                    };
                    for n in interleave([(code_at, 0)], e.extra.len()) {
                        match n {
                            Next::Typed(_) if e.is_inferred() => {}
                            Next::Typed(_) => {
                                out.extend_from_slice(b" code=\"");
                                match &e.code_sent {
                                    CodeSent::Text(t) => escape(out, t, true),
                                    _ => serialize(out, &e.code.code()),
                                }
                                out.push(b'"');
                            }
                            Next::Extra(i) => attribute(out, &e.extra, i, true),
                        }
                    }
                    out.push(b'>');
                    escape(out, &e.message, false);
                    out.extend_from_slice(b"</error>\n");
                }
                out.extend_from_slice(b"</errors>");
            }
            Root::Hash(h) => {
                out.extend_from_slice(b"<hash");
                attributes(out, &self.attributes);
                out.extend_from_slice(b">\n");
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
    pub fn into_owned(self) -> XmlBody<'static, C> {
        let root = match self.root {
            Root::Errors(e) => Root::Errors(e.into_iter().map(V1Error::into_owned).collect()),
            Root::Hash(h) => Root::Hash(h.into_owned()),
        };
        XmlBody {
            root,
            attributes: self.attributes.into_owned(),
        }
    }
}

impl<'a, C: Catalog> From<Vec<V1Error<'a, C>>> for XmlBody<'a, C> {
    fn from(errors: Vec<V1Error<'a, C>>) -> Self {
        XmlBody::new(Root::Errors(errors))
    }
}

/// Writes every member as an attribute, as [`attribute`] does.
/// Writes the attributes of a root element, in order (a `code` among
/// them too: only `<error>` has a `code` of its own).
fn attributes(out: &mut Vec<u8>, members: &Members<'_>) {
    for i in 0..members.len() {
        attribute(out, members, i, false);
    }
}

/// Writes the member at `i` as ` name="value"`, unless its name is not an
/// XML name, is `code` on an element that has its own (`own_code`, an
/// `<error>`), or repeats an earlier member's: XML cannot carry those.
fn attribute(out: &mut Vec<u8>, members: &Members<'_>, i: usize, own_code: bool) {
    let Some((name, value)) = members.entry(i) else {
        return;
    };
    if !xml_name(name) || (own_code && name == "code") || members.position(name) != Some(i) {
        return;
    }
    out.push(b' ');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"=\"");
    match members::as_str(value) {
        Some(s) => escape(out, &s, true),
        None => escape(out, value.get(), true),
    }
    out.push(b'"');
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

decoders!(Format::Xml, "an XML body", XmlBody);

pub(crate) fn decode_bytes<'a, C: Catalog>(
    bytes: &'a [u8],
    limits: &Bounds,
) -> Result<XmlBody<'a, C>, DecodeError> {
    let text = match declared_encoding(bytes)? {
        Encoding::Utf8 => Cow::Borrowed(utf8(bytes)?),
        Encoding::Ascii => match bytes.iter().position(|b| !b.is_ascii()) {
            Some(at) => {
                return Err(DecodeError::new(
                    ErrorKind::Encoding,
                    format!("byte 0x{:02X} in a body declared US-ASCII", bytes[at]),
                )
                .at_offset(bytes, at))
            }
            None => Cow::Borrowed(utf8(bytes)?),
        },
        // Each byte of ISO-8859-1 is the code point of the same number.
        Encoding::Latin1 => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
    };
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Err(
            DecodeError::new(ErrorKind::Syntax, "U+0000 is not allowed in XML")
                .at_offset(text.as_bytes(), at),
        );
    }
    match text {
        Cow::Borrowed(text) => match fast(text, limits) {
            Some(body) => Ok(body),
            None => decode_str(text, limits),
        },
        Cow::Owned(text) => decode_str(&text, limits).map(XmlBody::into_owned),
    }
}

/// The form the API sent, read without a parser: the declaration (or
/// none), `<errors>` without attributes, and `<error code="N">` items whose
/// text has no reference, markup or control character, with whitespace
/// between. Anything else, and any limit it would reach, returns `None`
/// for [`decode_str`], which has the final word; what this returns is
/// what `decode_str` gives for the same text. It is here for speed: a
/// third of quick-xml's time on the seeds' bodies (BENCHMARKS.md).
fn fast<'a, C: Catalog>(text: &'a str, limits: &Bounds) -> Option<XmlBody<'a, C>> {
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
        if errors.len() == limits.max_errors || errors.len() == limits.max_members {
            return None;
        }
        let (digits, r) = r.split_once("\">")?;
        if digits.is_empty() || digits.len() > 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let code: u32 = digits.parse().ok()?;
        let (message, r) = r.split_once("</error>")?;
        if message.bytes().any(|b| {
            matches!(b, b'&' | b'<' | b'>' | b'\r') || (b < 0x20 && b != b'\t' && b != b'\n')
        }) {
            return None;
        }
        let mut e = V1Error::new(Code::from_code(code), Cow::Borrowed(message));
        e.layout.0.code = 0;
        e.layout.0.message = usize::MAX;
        errors.push(e);
        rest = ws(r);
    }
    ws(rest.strip_prefix("</errors>")?)
        .is_empty()
        .then(|| XmlBody::from(errors))
}

/// The encodings decoding reads.
enum Encoding {
    Utf8,
    Ascii,
    Latin1,
}

/// The encoding the XML declaration names (UTF-8 without one).
fn declared_encoding(bytes: &[u8]) -> Result<Encoding, DecodeError> {
    if bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE]) {
        return Err(DecodeError::new(ErrorKind::Encoding, "UTF-16 is not read"));
    }
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    if !bytes[start..].starts_with(b"<?xml") {
        return Ok(Encoding::Utf8);
    }
    let mut reader = Reader::from_reader(&bytes[start..]);
    let Ok(Event::Decl(decl)) = reader.read_event() else {
        // Not a well-formed declaration: the parser reports it.
        return Ok(Encoding::Utf8);
    };
    let Some(Ok(name)) = decl.encoding() else {
        return Ok(Encoding::Utf8);
    };
    let name = String::from_utf8_lossy(&name).to_ascii_lowercase();
    match name.as_str() {
        "utf-8" | "utf8" => Ok(Encoding::Utf8),
        "us-ascii" | "ascii" => Ok(Encoding::Ascii),
        "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "l1" => Ok(Encoding::Latin1),
        _ => {
            let shown: String = name.chars().take(40).collect();
            Err(DecodeError::new(
                ErrorKind::Encoding,
                format!("`{shown}` is not read (UTF-8, US-ASCII and ISO-8859-1 are)"),
            ))
        }
    }
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

/// Reads an element's attributes, counting them against the limit.
struct Attrs<'l> {
    limits: &'l Bounds,
    members: usize,
}

/// The attributes of an element, and for an `<error>` its `code`.
struct Read {
    attributes: Members<'static>,
    /// The `code` attribute's text and its place among the attributes.
    code: Option<(String, usize)>,
}

impl Attrs<'_> {
    /// Every attribute of `e`, in order, as JSON strings; with `take_code`,
    /// the `code` attribute apart. A repeated name is refused, as XML
    /// requires, with one lookup per attribute (quick-xml's own check
    /// compares each attribute with every earlier one).
    fn read(
        &mut self,
        reader: &Reader<&[u8]>,
        e: &BytesStart<'_>,
        take_code: bool,
    ) -> Result<Read, DecodeError> {
        let mut out = Read {
            attributes: Members::new(),
            code: None,
        };
        for attr in e.attributes().with_checks(false) {
            let attr = attr.map_err(|err| DecodeError::new(ErrorKind::Syntax, err.to_string()))?;
            self.members += 1;
            if self.members > self.limits.max_members {
                return Err(DecodeError::new(
                    ErrorKind::TooManyMembers,
                    format!("more than {} attributes", self.limits.max_members),
                ));
            }
            let name = std::str::from_utf8(attr.key.as_ref())
                .ok()
                .filter(|n| xml_name(n))
                .ok_or_else(|| {
                    let shown = String::from_utf8_lossy(attr.key.as_ref())
                        .chars()
                        .take(40)
                        .collect::<String>();
                    DecodeError::new(
                        ErrorKind::Syntax,
                        format!("attribute name `{shown}` is not an XML name"),
                    )
                })?;
            let is_code = take_code && name == "code";
            if out.attributes.contains(name) || (is_code && out.code.is_some()) {
                return Err(DecodeError::new(
                    ErrorKind::Syntax,
                    format!("attribute `{name}` is repeated"),
                ));
            }
            let value = attr
                .decoded_and_normalized_value(XmlVersion::Implicit1_0, reader.decoder())
                .map_err(|err| {
                    let kind = match err {
                        quick_xml::Error::Escape(_) => ErrorKind::Dtd,
                        _ => ErrorKind::Syntax,
                    };
                    DecodeError::new(kind, err.to_string())
                })?;
            if is_code {
                out.code = Some((value.into_owned(), out.attributes.len()));
            } else {
                out.attributes
                    .push(name.to_owned(), Json::Owned(members::string(&value)));
            }
        }
        Ok(out)
    }
}

fn decode_str<'a, C: Catalog>(
    text: &'a str,
    limits: &Bounds,
) -> Result<XmlBody<'a, C>, DecodeError> {
    let mut reader = Reader::from_str(text);
    let bytes = text.as_bytes();
    let fail = |reader: &Reader<&[u8]>, kind: ErrorKind, detail: String| {
        DecodeError::new(kind, detail).at_offset(bytes, reader.buffer_position() as usize)
    };
    let name = |e: &BytesStart<'_>| -> String {
        String::from_utf8_lossy(e.name().as_ref())
            .chars()
            .take(40)
            .collect()
    };
    let mut attrs = Attrs { limits, members: 0 };
    let mut place = Place::Prolog;
    let mut root_attributes = Members::new();
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
                return Err(fail(
                    &reader,
                    ErrorKind::Shape,
                    format!("<{}> after the root element", name(&e)),
                ));
            }
            Event::Start(ref e) | Event::Empty(ref e) if place == Place::Prolog => {
                if limits.max_depth < 1 {
                    return Err(fail(
                        &reader,
                        ErrorKind::TooDeep,
                        "nested too deeply".into(),
                    ));
                }
                let empty = matches!(event, Event::Empty(_));
                place = match (e.name().as_ref(), empty) {
                    (b"errors", false) => Place::Errors,
                    (b"errors", true) => Place::Epilog,
                    (b"hash", false) => {
                        hash = true;
                        Place::Hash
                    }
                    _ => {
                        return Err(fail(
                            &reader,
                            ErrorKind::Shape,
                            format!("root element <{}>, not <errors> or <hash>", name(e)),
                        ));
                    }
                };
                root_attributes = attrs
                    .read(&reader, e, false)
                    .map_err(|err| err.at_offset(bytes, reader.buffer_position() as usize))?
                    .attributes;
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
                    return Err(fail(
                        &reader,
                        ErrorKind::Shape,
                        format!("<{}> inside <errors>", name(e)),
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
                let at = |err: DecodeError| err.at_offset(bytes, reader.buffer_position() as usize);
                let read = attrs.read(&reader, e, true).map_err(at)?;
                let code = match read.code {
                    Some(c) => Some(code_number(Some(c)).map_err(at)?),
                    None => None,
                };
                let extra = read.attributes;
                let message = if empty {
                    Cow::Borrowed("")
                } else {
                    element_text(&mut reader, b"error", bytes)?
                };
                let mut v = match code {
                    Some((code, code_at)) => {
                        let mut v = V1Error::new(Code::from_code(code), message);
                        v.layout.0.code = code_at;
                        v
                    }
                    // No code: the text must name one, as in JSON.
                    None => V1Error::inferred(message).ok_or_else(|| {
                        DecodeError::new(
                            ErrorKind::Shape,
                            "<error> has no code attribute, and its text names no code",
                        )
                        .at_offset(bytes, reader.buffer_position() as usize)
                    })?,
                };
                v.extra = extra;
                v.layout.0.message = usize::MAX;
                errors.push(v);
            }
            Event::Start(ref e) | Event::Empty(ref e) if place == Place::Hash => {
                if e.attributes().next().is_some() {
                    return Err(fail(
                        &reader,
                        ErrorKind::Shape,
                        format!(
                            "<{}> inside <hash> has attributes, which are not kept",
                            name(e)
                        ),
                    ));
                }
                let empty = matches!(event, Event::Empty(_));
                let element = e.name().as_ref().to_vec();
                let value = if empty {
                    Cow::Borrowed("")
                } else {
                    element_text(&mut reader, &element, bytes)?
                };
                match (&element[..], &request, &error) {
                    (b"request", None, _) => {
                        request_first = error.is_none();
                        request = Some(value);
                    }
                    (b"error", _, None) => error = Some(value),
                    _ => {
                        let shown = String::from_utf8_lossy(&element)
                            .chars()
                            .take(40)
                            .collect::<String>();
                        return Err(fail(
                            &reader,
                            ErrorKind::Shape,
                            format!("unexpected <{shown}> inside <hash>"),
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
    let root = match error {
        Some(error) => Root::Hash(Legacy::new(error, request).with_request_first(request_first)),
        None if hash => return Err(DecodeError::new(ErrorKind::Shape, "<hash> without <error>")),
        None => Root::Errors(errors),
    };
    Ok(XmlBody {
        root,
        attributes: root_attributes,
    })
}

/// An `<error>`'s code, from its `code` attribute, with the attribute's
/// place.
fn code_number(code: Option<(String, usize)>) -> Result<(u32, usize), DecodeError> {
    let (text, at) =
        code.ok_or_else(|| DecodeError::new(ErrorKind::Shape, "<error> has no code attribute"))?;
    let code = text.trim().parse::<u32>().map_err(|_| {
        let shown: String = text.chars().take(40).collect();
        DecodeError::new(
            ErrorKind::Type,
            format!("code=\"{shown}\" is not a non-negative integer"),
        )
    })?;
    Ok((code, at))
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
        let b: XmlBody<'_> = XmlBody::from(vec![V1Error::new(
            Code::from(ErrorCode::PageDoesNotExist),
            "a <b> & \"c\" \r\n\t\u{1}",
        )]);
        let bytes = b.encode().unwrap();
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
