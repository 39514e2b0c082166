//! Content negotiation: which format a request asked its errors in.
//!
//! The v1 API served errors "in your requested format": the path's
//! extension decides (`.json`, `.xml`, and `.atom`/`.rss`, which get XML
//! errors), then a `callback` parameter turns JSON into JSONP, then the
//! `Accept` header, then JSON by default. v2 paths (`/2/...`, `/labs/...`)
//! get problem details. The `suppress_response_codes` parameter asks for
//! every response, errors too, to be served with status 200.
//!
//! XML is chosen only in a build with the `xml` feature; without it, a
//! request for XML is answered as if it had not named a format (JSON,
//! JSONP with a `callback`, or what its `Accept` header names), so that
//! what is served can always be encoded and carries its own Content-Type.
//!
//! ```
//! use twitter_errors::response::negotiate::negotiate;
//! use twitter_errors::{Format, Twitter};
//!
//! let n = negotiate("/1/statuses/show.json?id=1&callback=foo", None);
//! assert_eq!(n.format(), Format::Jsonp);
//! assert_eq!(n.callback().unwrap().as_str(), "foo");
//! assert_eq!(n.content_type::<Twitter>(), "application/javascript; charset=utf-8");
//!
//! let n = negotiate("/1/statuses/user_timeline.json?suppress_response_codes", None);
//! assert_eq!(n.status(404), 200);
//!
//! # #[cfg(feature = "xml")] {
//! let n = negotiate("/1/statuses/user_timeline.rss", None);
//! assert_eq!(n.format(), Format::Xml);
//! # }
//!
//! // A callback that is not a JavaScript identifier path is refused.
//! let n = negotiate("/1/x.json?callback=alert(1)", None);
//! assert_eq!((n.format(), n.callback_refused()), (Format::Json, true));
//! ```

use std::borrow::Cow;

use crate::catalog::{Catalog, Format};
use crate::codec::jsonp::{Callback, Jsonp};
#[cfg(feature = "xml")]
use crate::codec::xml;
use crate::codec::{json, EncodeError};
use crate::model::V1Error;

/// The format a request asked for, and how to serve its errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Negotiated {
    format: Format,
    callback: Option<Callback>,
    callback_refused: bool,
    suppress_response_codes: bool,
}

impl Negotiated {
    /// The format to serve errors in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The validated callback, for JSONP.
    pub fn callback(&self) -> Option<&Callback> {
        self.callback.as_ref()
    }

    /// Whether the request named a callback that was refused (errors are
    /// then served as plain JSON, without the name).
    pub fn callback_refused(&self) -> bool {
        self.callback_refused
    }

    /// Whether the request asked for `suppress_response_codes`.
    pub fn suppress_response_codes(&self) -> bool {
        self.suppress_response_codes
    }

    /// The status to serve: 200 when response codes are suppressed.
    pub fn status(&self, status: u16) -> u16 {
        if self.suppress_response_codes {
            200
        } else {
            status
        }
    }

    /// The Content-Type of the format, from the catalog's spec.
    pub fn content_type<C: Catalog>(&self) -> &'static str {
        C::content_type(self.format)
    }

    /// Encodes v1.1 errors in the negotiated format. A v2 request gets
    /// v1.1 JSON, since a v1.1 code has no problem type.
    pub fn encode<C: Catalog>(&self, errors: &[V1Error<'_, C>]) -> Result<Vec<u8>, EncodeError> {
        let errors = errors.to_vec();
        match (self.format, &self.callback) {
            #[cfg(feature = "xml")]
            (Format::Xml, _) => xml::XmlBody::from(errors).encode(),
            (Format::Jsonp, Some(cb)) => {
                Jsonp::new(cb.clone(), json::JsonBody::from(errors)).encode()
            }
            _ => json::JsonBody::from(errors).encode(),
        }
    }
}

/// Picks the error format for a request: its target (path and query, or a
/// whole URL) and its `Accept` header.
pub fn negotiate(target: &str, accept: Option<&str>) -> Negotiated {
    negotiate_with(target, accept, Callback::MAX_LEN)
}

/// A request target split as RFC 3986 splits a URI reference: the
/// fragment goes first (at the first `#`), then the query (at the first
/// `?`); only what is before the query can hold a scheme (letters, digits,
/// `+`, `-` and `.` from its start to a `:`) and, after `//`, an authority,
/// which ends at the next `/`. What remains is the path. So a URL inside
/// the query (`?ref=http://x.example/a.xml`) stays in the query.
fn split_target(target: &str) -> (&str, &str) {
    let target = target.split('#').next().unwrap_or_default();
    let (before, query) = target.split_once('?').unwrap_or((target, ""));
    let scheme = before.find(':').filter(|&i| {
        let s = &before[..i];
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let path = match scheme {
        Some(i) => {
            let rest = &before[i + 1..];
            match rest.strip_prefix("//") {
                Some(authority) => authority.find('/').map_or("", |j| &authority[j..]),
                None => rest,
            }
        }
        None => before,
    };
    (path, query)
}

/// [`negotiate`], with a bound on the callback's length.
pub fn negotiate_with(target: &str, accept: Option<&str>, max_callback: usize) -> Negotiated {
    let (path, query) = split_target(target);
    let mut callback_param = None;
    let mut suppress = false;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match &*percent_decode(name) {
            "callback" if callback_param.is_none() => callback_param = Some(percent_decode(value)),
            // The documentation: "If this parameter is present, all
            // responses will be returned with a 200 OK status code".
            "suppress_response_codes" => suppress = true,
            _ => {}
        }
    }
    let v2 = path.starts_with("/2/") || path.starts_with("/labs/");
    let segment = path.rsplit('/').next().unwrap_or(path);
    let extension = segment
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase());
    let by_extension = match extension.as_deref() {
        Some("json") => Some(Format::Json),
        #[cfg(feature = "xml")]
        Some("xml" | "atom" | "rss") => Some(Format::Xml),
        _ => None,
    };
    let mut format = if v2 {
        Format::Problem
    } else {
        by_extension
            .or_else(|| accept.and_then(from_accept))
            .unwrap_or(Format::Json)
    };
    let mut callback = None;
    let mut callback_refused = false;
    if let Some(name) = callback_param.filter(|n| !n.is_empty()) {
        match Callback::with_max_len(&name, max_callback) {
            Ok(cb) if matches!(format, Format::Json | Format::Jsonp) => {
                format = Format::Jsonp;
                callback = Some(cb);
            }
            Ok(_) => {}
            Err(_) => callback_refused = true,
        }
    }
    if format == Format::Jsonp && callback.is_none() {
        // JavaScript was asked for without a usable callback.
        format = Format::Json;
    }
    Negotiated {
        format,
        callback,
        callback_refused,
        suppress_response_codes: suppress,
    }
}

/// The format an `Accept` header prefers, if it names one.
fn from_accept(accept: &str) -> Option<Format> {
    let mut best: Option<(f32, Format)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let mut q = 1.0f32;
        for p in parts {
            if let Some((k, v)) = p.split_once('=') {
                if k.trim().eq_ignore_ascii_case("q") {
                    q = v.trim().parse().unwrap_or(0.0);
                }
            }
        }
        let format = match media.as_str() {
            "application/json" | "text/json" => Format::Json,
            "application/problem+json" => Format::Problem,
            #[cfg(feature = "xml")]
            "application/xml" | "text/xml" | "application/atom+xml" | "application/rss+xml" => {
                Format::Xml
            }
            "application/javascript" | "text/javascript" | "application/x-javascript" => {
                Format::Jsonp
            }
            _ => continue,
        };
        if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, format));
        }
    }
    best.map(|(_, f)| f)
}

/// Decodes `%XX` and `+` in a query component; invalid escapes stay as
/// they are.
fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains(['%', '+']) {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_is_split_as_rfc_3986_splits_it() {
        for (target, path, query) in [
            (
                "/1.1/statuses/show/1.json?ref=http://x.example/a.xml",
                "/1.1/statuses/show/1.json",
                "ref=http://x.example/a.xml",
            ),
            (
                "https://api.twitter.com/1.1/x.json?a=b#c?d",
                "/1.1/x.json",
                "a=b",
            ),
            ("https://api.twitter.com?callback=f", "", "callback=f"),
            ("http:/1.1/x.xml", "/1.1/x.xml", ""),
            ("/a:b/c.json", "/a:b/c.json", ""),
            ("1x://h/p.json", "1x://h/p.json", ""),
            ("/x.json#frag?callback=f", "/x.json", ""),
            ("", "", ""),
        ] {
            assert_eq!(split_target(target), (path, query), "{target}");
        }
        // A URL in the query changes nothing.
        let n = negotiate(
            "/1.1/statuses/show/1.json?ref=http://x.example/a.xml&callback=cb&suppress_response_codes",
            None,
        );
        assert_eq!(n.format(), Format::Jsonp);
        assert_eq!(n.callback().map(Callback::as_str), Some("cb"));
        assert!(n.suppress_response_codes());
        // Nor does a parameter's value that holds a `?`.
        let n = negotiate(
            "/1.1/statuses/show/1.json?next=https://h/x.xml?suppress_response_codes",
            None,
        );
        assert_eq!(n.format(), Format::Json);
        assert!(!n.suppress_response_codes());
        let n = negotiate("/1.1/statuses/show/1.json#?suppress_response_codes", None);
        assert!(!n.suppress_response_codes());
    }

    /// What a request for XML gets: XML with the `xml` feature, else the
    /// default, JSON.
    const XML: Format = if cfg!(feature = "xml") {
        Format::Xml
    } else {
        Format::Json
    };

    #[test]
    fn extensions() {
        assert_eq!(
            negotiate("/1/statuses/show.json", None).format(),
            Format::Json
        );
        assert_eq!(negotiate("/1/statuses/show.xml", None).format(), XML);
        assert_eq!(
            negotiate("/1/statuses/home_timeline.atom", None).format(),
            XML
        );
        assert_eq!(
            negotiate("/1/statuses/home_timeline.RSS", None).format(),
            XML
        );
        assert_eq!(
            negotiate("https://api.twitter.com/1/x.xml?a=b", None).format(),
            XML
        );
        assert_eq!(negotiate("/2/tweets/1", None).format(), Format::Problem);
        assert_eq!(negotiate("/1/x", None).format(), Format::Json);
    }

    #[test]
    fn extension_beats_accept_and_xml_ignores_callback() {
        assert_eq!(
            negotiate("/1/x.json", Some("application/xml")).format(),
            Format::Json
        );
        assert_eq!(negotiate("/1/x", Some("application/xml")).format(), XML);
        assert_eq!(
            negotiate("/1/x", Some("application/json;q=0.5, text/xml;q=0.9")).format(),
            XML
        );
        assert_eq!(
            negotiate("/1/x", Some("text/html, */*")).format(),
            Format::Json
        );
        let n = negotiate("/1/x.xml?callback=foo", None);
        if cfg!(feature = "xml") {
            assert_eq!((n.format(), n.callback()), (Format::Xml, None));
        } else {
            assert_eq!(n.format(), Format::Jsonp);
        }
        assert_eq!(
            negotiate("/1/x", Some("text/javascript")).format(),
            Format::Json
        );
        assert_eq!(
            negotiate("/1/x?callback=cb", Some("text/javascript")).format(),
            Format::Jsonp
        );
    }

    #[test]
    fn callbacks_are_validated_after_decoding() {
        let n = negotiate("/1/x.json?callback=jQuery%2412", None);
        assert_eq!(n.callback().unwrap().as_str(), "jQuery$12");
        for bad in ["%3Cscript%3E", "a%28%29", "x%", "1x", "a+b"] {
            let n = negotiate(&format!("/1/x.json?callback={bad}"), None);
            assert_eq!(n.format(), Format::Json, "{bad}");
            assert!(n.callback_refused());
        }
    }

    #[test]
    fn suppressed_codes_and_content_types() {
        let n = negotiate("/1/x.json?suppress_response_codes=true", None);
        assert!(n.suppress_response_codes());
        assert_eq!(n.status(503), 200);
        assert_eq!(
            n.content_type::<crate::Twitter>(),
            "application/json; charset=utf-8"
        );
        let n = negotiate("/1/x.xml", None);
        assert_eq!(n.status(503), 503);
        assert_eq!(
            n.content_type::<crate::Twitter>(),
            if cfg!(feature = "xml") {
                "application/xml; charset=utf-8"
            } else {
                "application/json; charset=utf-8"
            }
        );
        assert_eq!(
            negotiate("/2/x", None).content_type::<crate::Twitter>(),
            "application/problem+json; charset=utf-8"
        );
    }

    #[test]
    fn encodes_in_the_negotiated_format() {
        let errors = [V1Error::<crate::Twitter>::from_entry(
            crate::ErrorCode::OverCapacity,
        )];
        assert_eq!(
            negotiate("/1/method.json?callback=foo", None)
                .encode(&errors)
                .unwrap(),
            br#"/**/foo({"errors":[{"message":"Over capacity.","code":130}]});"#
        );
        let xml = negotiate("/1/method.xml", None).encode(&errors).unwrap();
        if cfg!(feature = "xml") {
            assert!(xml.ends_with(b"<error code=\"130\">Over capacity.</error>\n</errors>"));
        } else {
            assert_eq!(
                xml,
                br#"{"errors":[{"message":"Over capacity.","code":130}]}"#
            );
        }
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b+c"), "a b c");
        assert_eq!(percent_decode("%zz%"), "%zz%");
        assert_eq!(percent_decode("plain"), "plain");
    }
}
