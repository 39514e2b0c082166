//! JSONP bodies: the v1.1 JSON body inside a call to the function the
//! request named in its `callback` parameter, as the February 2012
//! announcement shows:
//!
//! ```text
//! foo({"errors":[{"message":"Over capacity","code":130}]});
//! ```
//!
//! The callback name is a [`Callback`]: a JavaScript identifier path
//! (`foo`, `jQuery123_456`, `ns.handlers.error`) of bounded length. Any
//! other name is refused and never echoed back, since a reflected callback
//! lets a page run script of an attacker's choosing. Bodies built in code
//! start with the empty comment `/**/`, which hardened JSONP endpoints
//! adopted against content-sniffing attacks. Every body's strings, decoded
//! ones too, are written with `<` as `\u003c` and U+2028 and U+2029 as
//! `\u2028` and `\u2029`: no `</script`, `<!--` or `<script` can appear, so
//! the body is safe inside an HTML `<script>` element whatever its messages
//! hold, and the element ends where the body does.
//!
//! ```
//! use twitter_errors::codec::jsonp::{self, Callback, Jsonp};
//! use twitter_errors::codec::json;
//! use twitter_errors::ErrorCode;
//!
//! let cb = Callback::new("foo").unwrap();
//! // The bundled catalog is the default: name the type to pick it.
//! let body: Jsonp = Jsonp::new(cb, json::JsonBody::from_codes([ErrorCode::OverCapacity]));
//! assert_eq!(body.encode().unwrap(), br#"/**/foo({"errors":[{"message":"Over capacity.","code":130}]});"#);
//!
//! assert!(Callback::new("alert(document.cookie)//").is_err());
//! ```

use core::fmt;

use super::super::write::Escape;
use super::super::{Bounds, DecodeError, EncodeError, ErrorKind};
use crate::catalog::{Catalog, Format};
use crate::codec::json;
use crate::model::Hint;

/// A validated JSONP callback name: identifiers (ASCII letters, digits,
/// `_` and `$`, not starting with a digit) joined by `.`, whose first
/// identifier is not a reserved word, at most 128 bytes unless another
/// bound is given.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Callback(Box<str>);

/// Why a callback name was refused. Its messages never include the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InvalidCallback {
    len: usize,
    reason: &'static str,
}

impl InvalidCallback {
    /// The length in bytes of the refused name.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the refused name was empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Why it was refused.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for InvalidCallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid JSONP callback ({} bytes): {}",
            self.len, self.reason
        )
    }
}

impl std::error::Error for InvalidCallback {}

/// First identifiers a callback may not start with.
const RESERVED: &[&str] = &[
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

impl Callback {
    /// The longest name [`Callback::new`] accepts.
    pub const MAX_LEN: usize = 128;

    /// Validates a callback name of at most [`Callback::MAX_LEN`] bytes.
    pub fn new(name: &str) -> Result<Self, InvalidCallback> {
        Self::with_max_len(name, Self::MAX_LEN)
    }

    /// Validates a callback name of at most `max` bytes.
    pub fn with_max_len(name: &str, max: usize) -> Result<Self, InvalidCallback> {
        let refuse = |reason| {
            Err(InvalidCallback {
                len: name.len(),
                reason,
            })
        };
        if name.is_empty() {
            return refuse("empty");
        }
        if name.len() > max {
            return refuse("too long");
        }
        for part in name.split('.') {
            let mut bytes = part.bytes();
            match bytes.next() {
                None => return refuse("empty identifier"),
                Some(b) if b.is_ascii_alphabetic() || b == b'_' || b == b'$' => {}
                Some(_) => return refuse("not an identifier"),
            }
            if !bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$') {
                return refuse("not an identifier");
            }
        }
        let head = name.split('.').next().unwrap_or(name);
        if RESERVED.contains(&head) {
            return refuse("reserved word");
        }
        Ok(Callback(name.into()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Callback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::str::FromStr for Callback {
    type Err = InvalidCallback;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Callback::new(s)
    }
}

/// A decoded JSONP body.
#[derive(Clone, Debug, PartialEq)]
pub struct Jsonp<'a, C: Catalog = crate::Twitter> {
    /// The function called.
    pub callback: Callback,
    /// Its argument: a v1.1 JSON body.
    pub body: json::JsonBody<'a, C>,
    layout: Hint<Layout>,
}

#[derive(Clone, Copy, Debug)]
struct Layout {
    comment: bool,
    semicolon: bool,
}

impl<'a, C: Catalog> Jsonp<'a, C> {
    /// A call of `callback` with `body`, in the hardened form:
    /// `/**/callback(body);`.
    pub fn new(callback: Callback, body: json::JsonBody<'a, C>) -> Self {
        Jsonp {
            callback,
            body,
            layout: Hint(Layout {
                comment: true,
                semicolon: true,
            }),
        }
    }

    /// Whether encoding starts with `/**/` (decoding records whether the
    /// body did).
    pub fn comment_prefix(&self) -> bool {
        self.layout.0.comment
    }

    /// Sets whether encoding starts with `/**/`.
    #[must_use]
    pub fn with_comment_prefix(mut self, comment: bool) -> Self {
        self.layout.0.comment = comment;
        self
    }

    encoders!("");

    /// About how long the encoding is.
    fn size_hint(&self) -> usize {
        96
    }

    /// Encodes the body, appending to `out`. On an error, `out` is left as
    /// it was.
    pub fn encode_into(&self, out: &mut Vec<u8>, limits: &Bounds) -> Result<(), EncodeError> {
        let callback = self.callback.as_str().len();
        if callback > limits.max_callback {
            return Err(EncodeError::new(
                ErrorKind::Callback,
                format!("{callback} bytes, limit {}", limits.max_callback),
            ));
        }
        self.body.check(limits)?;
        let start = out.len();
        if self.layout.0.comment {
            out.extend_from_slice(b"/**/");
        }
        out.extend_from_slice(self.callback.as_str().as_bytes());
        out.push(b'(');
        self.body.write(
            out,
            Escape {
                slashes: false,
                script: true,
            },
        );
        out.push(b')');
        if self.layout.0.semicolon {
            out.push(b';');
        }
        crate::codec::check_size(out, start, limits)
    }

    /// Detaches the body from the input it borrows.
    pub fn into_owned(self) -> Jsonp<'static, C> {
        Jsonp {
            callback: self.callback,
            body: self.body.into_owned(),
            layout: self.layout,
        }
    }
}

decoders!(Format::Jsonp, "a JSONP body (a callback name that [`Callback`] refuses gives an error of kind [`ErrorKind::Callback`] that does not quote it)", Jsonp);

pub(crate) fn decode_bytes<'a, C: Catalog>(
    bytes: &'a [u8],
    limits: &Bounds,
) -> Result<Jsonp<'a, C>, DecodeError> {
    let shape = |detail: &str| DecodeError::new(ErrorKind::Shape, detail);
    let ws = |b: &u8| b.is_ascii_whitespace();
    let start = bytes.iter().position(|b| !ws(b)).unwrap_or(bytes.len());
    let mut rest = &bytes[start..];
    let comment = rest.starts_with(b"/**/");
    if comment {
        rest = &rest[4..];
        rest = &rest[rest.iter().position(|b| !ws(b)).unwrap_or(rest.len())..];
    }
    let open = rest
        .iter()
        .position(|&b| b == b'(')
        .ok_or_else(|| shape("no `(` after the callback"))?;
    let name = &rest[..open];
    let name = &name[..name.iter().rposition(|b| !ws(b)).map_or(0, |i| i + 1)];
    let callback = std::str::from_utf8(name)
        .map_err(|_| InvalidCallback {
            len: name.len(),
            reason: "not an identifier",
        })
        .and_then(|n| Callback::with_max_len(n, limits.max_callback))
        .map_err(|e| {
            DecodeError::new(
                ErrorKind::Callback,
                format!("{} bytes: {}", e.len(), e.reason()),
            )
        })?;
    let inner_start = bytes.len() - rest.len() + open + 1;
    let mut end = bytes.len();
    while end > inner_start && ws(&bytes[end - 1]) {
        end -= 1;
    }
    let semicolon = end > inner_start && bytes[end - 1] == b';';
    if semicolon {
        end -= 1;
        while end > inner_start && ws(&bytes[end - 1]) {
            end -= 1;
        }
    }
    if end <= inner_start || bytes[end - 1] != b')' {
        return Err(shape("no `)` closing the call"));
    }
    let inner = &bytes[inner_start..end - 1];
    let body =
        json::decode_in(inner, limits, false, true).map_err(|e| shift(e, &bytes[..inner_start]))?;
    Ok(Jsonp {
        callback,
        body,
        layout: Hint(Layout { comment, semicolon }),
    })
}

/// Moves an error's position from the inner JSON to the whole body, whose
/// JSON starts after `before`.
fn shift(e: DecodeError, before: &[u8]) -> DecodeError {
    let (Some(line), Some(column)) = (e.line(), e.column()) else {
        return e;
    };
    let before = String::from_utf8_lossy(before);
    let lines = before.matches('\n').count();
    let last = before
        .rsplit('\n')
        .next()
        .unwrap_or(&before)
        .chars()
        .count();
    let kind = e.kind();
    let detail = e.detail().to_string();
    let moved = DecodeError::new(kind, detail);
    if line == 1 {
        moved.at(1 + lines, column + last)
    } else {
        moved.at(line + lines, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callbacks() {
        for ok in ["foo", "jQuery1_2", "$", "_x.y.$z", "a.default"] {
            assert!(Callback::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "1a", "a..b", "a.", ".a", "a b", "a(", "x<y", "é", "function", "a-b", "a[0]",
        ] {
            let e = Callback::new(bad).unwrap_err();
            assert!(bad.is_empty() || !e.to_string().contains(bad), "{e}");
        }
        assert!(Callback::new(&"a".repeat(129)).is_err());
        assert!(Callback::with_max_len("abcd", 3).is_err());
    }

    #[test]
    fn refused_callbacks_are_not_echoed() {
        let evil = "<img src=x onerror=alert";
        let body = format!("{evil}(document.cookie)({{\"errors\":[]}});");
        let e = decode(body.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Callback);
        assert!(!e.to_string().contains("img"), "{e}");
        assert!(!e.to_string().contains("alert"), "{e}");
    }

    #[test]
    fn seed_form_round_trips_and_built_form_is_hardened() {
        let seed = br#"foo({"errors":[{"message":"Over capacity","code":130}]});"#;
        let j = decode(seed).unwrap();
        assert_eq!(j.callback.as_str(), "foo");
        assert!(!j.comment_prefix());
        assert_eq!(j.encode().unwrap(), seed);
        let hardened = Jsonp::new(j.callback.clone(), j.body.clone());
        assert_eq!(hardened, j);
        assert!(hardened.encode().unwrap().starts_with(b"/**/foo("));
        assert_eq!(decode(&hardened.encode().unwrap()).unwrap(), j);
    }

    #[test]
    fn script_breakers_are_escaped() {
        let j =
            decode("cb({\"errors\":[{\"message\":\"</script>\u{2028}\",\"code\":1}]})".as_bytes())
                .unwrap();
        let out = String::from_utf8(j.encode().unwrap()).unwrap();
        assert_eq!(
            out,
            r#"cb({"errors":[{"message":"\u003c/script>\u2028","code":1}]})"#
        );
        assert_eq!(decode(out.as_bytes()).unwrap(), j);
    }

    #[test]
    fn errors_point_into_the_whole_body() {
        let e = decode(b"/**/cb({\"errors\":[{\"message\":\"x\",\"code\":null}]});").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Type);
        assert_eq!(e.line(), Some(1));
        assert!(e.column().unwrap() > 40);
    }
}
