//! Typed decode errors.

use core::fmt;

use crate::catalog::Format;

/// Why a body could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The body is empty, or holds only whitespace.
    Empty,
    /// The body is longer than [`Bounds::max_body`](super::Bounds::max_body).
    TooLarge,
    /// The body nests deeper than [`Bounds::max_depth`](super::Bounds::max_depth).
    TooDeep,
    /// The body holds more error items than
    /// [`Bounds::max_errors`](super::Bounds::max_errors).
    TooManyErrors,
    /// The body holds more members (or XML attributes) than
    /// [`Bounds::max_members`](super::Bounds::max_members).
    TooManyMembers,
    /// The body is not valid UTF-8.
    InvalidUtf8,
    /// XML that declares an encoding the decoder does not read (it reads
    /// UTF-8, US-ASCII and ISO-8859-1).
    Encoding,
    /// The body is not well-formed JSON or XML, or it is truncated.
    Syntax,
    /// The body is well-formed, but a member has the wrong type, such as a
    /// `code` that is a string.
    Type,
    /// The body is well-formed, but it is not an error body of the format
    /// that was asked for (an HTML page, a success body, another format).
    Shape,
    /// XML with a document type declaration or an entity it does not
    /// define. Refused, never expanded.
    Dtd,
    /// A JSONP callback name that is not a JavaScript identifier path, or is
    /// too long. The name is never echoed back, not even in this error.
    Callback,
    /// A format this build does not read: the API's XML, without the `xml`
    /// feature.
    Unsupported,
}

impl ErrorKind {
    const fn text(self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty body",
            ErrorKind::TooLarge => "body too large",
            ErrorKind::TooDeep => "body nested too deeply",
            ErrorKind::TooManyErrors => "too many error items",
            ErrorKind::TooManyMembers => "too many members",
            ErrorKind::InvalidUtf8 => "body is not valid UTF-8",
            ErrorKind::Encoding => "unsupported character encoding",
            ErrorKind::Syntax => "syntax error",
            ErrorKind::Type => "wrong type",
            ErrorKind::Shape => "not an error body",
            ErrorKind::Dtd => "document type declarations and entities are refused",
            ErrorKind::Callback => "invalid JSONP callback",
            ErrorKind::Unsupported => "format not supported by this build",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

/// A body that could not be decoded: what went wrong, in which format, and
/// where (1-based line and column, when known).
///
/// Boxed, so that `Result<_, DecodeError>` stays one pointer wide.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    format: Option<Format>,
    detail: String,
    position: Option<(usize, usize)>,
}

/// Longest detail kept: messages that quote the body stay readable.
const MAX_DETAIL: usize = 200;

impl DecodeError {
    /// An error of `kind`; `detail` may quote the body: its control
    /// characters are made visible ([`shown`](crate::shown())).
    pub(crate) fn new(kind: ErrorKind, detail: impl Into<String>) -> Self {
        let mut detail = detail.into();
        if detail.chars().any(crate::shown::is_escaped) {
            detail = crate::shown(&detail).to_string();
        }
        if detail.len() > MAX_DETAIL {
            let mut end = MAX_DETAIL;
            while !detail.is_char_boundary(end) {
                end -= 1;
            }
            detail.truncate(end);
            detail.push_str("...");
        }
        DecodeError {
            inner: Box::new(Inner {
                kind,
                format: None,
                detail,
                position: None,
            }),
        }
    }

    pub(crate) fn with_format(mut self, format: Format) -> Self {
        if self.inner.format.is_none() {
            self.inner.format = Some(format);
        }
        self
    }

    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        if self.inner.position.is_none() && line > 0 {
            self.inner.position = Some((line, column));
        }
        self
    }

    /// Sets the position from a byte offset into `text`.
    pub(crate) fn at_offset(self, text: &[u8], offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
        self.at(line, column)
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The format that was being decoded, when one was chosen.
    pub fn format(&self) -> Option<Format> {
        self.inner.format
    }

    /// The 1-based line of the problem, when known.
    pub fn line(&self) -> Option<usize> {
        self.inner.position.map(|p| p.0)
    }

    /// The 1-based column (in characters) of the problem, when known.
    pub fn column(&self) -> Option<usize> {
        self.inner.position.map(|p| p.1)
    }

    /// The detail message, without kind or position.
    pub fn detail(&self) -> &str {
        &self.inner.detail
    }

    /// Wraps an error from the JSON parser. `side` holds an error that one
    /// of our visitors set before failing, which wins.
    pub(crate) fn from_json(
        e: &serde_json::Error,
        side: Option<DecodeError>,
        input: &[u8],
    ) -> Self {
        if side.is_none() && e.is_syntax() {
            if let Err(u) = std::str::from_utf8(input) {
                return DecodeError::new(
                    ErrorKind::InvalidUtf8,
                    format!("invalid byte at offset {}", u.valid_up_to()),
                )
                .at_offset(input, u.valid_up_to());
            }
        }
        let err = match side {
            Some(s) => s,
            None => {
                let kind = match e.classify() {
                    serde_json::error::Category::Data => ErrorKind::Type,
                    _ => ErrorKind::Syntax,
                };
                let mut text = e.to_string();
                // serde_json appends the position; we keep it separately.
                if let Some(i) = text.rfind(" at line ") {
                    text.truncate(i);
                }
                let kind = if text.contains("recursion limit") {
                    ErrorKind::TooDeep
                } else {
                    kind
                };
                DecodeError::new(kind, text)
            }
        };
        err.at(e.line(), e.column())
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(format) = self.inner.format {
            write!(f, "{format} body: ")?;
        }
        f.write_str(self.inner.kind.text())?;
        if !self.inner.detail.is_empty() {
            write!(f, ": {}", self.inner.detail)?;
        }
        if let Some((line, column)) = self.inner.position {
            write!(f, " at line {line} column {column}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "DecodeError({:?}, {:?})",
            self.inner.kind,
            self.to_string()
        )
    }
}

impl std::error::Error for DecodeError {}

/// A body that encoding refused, because decoding it would be refused at
/// the same [`Bounds`](super::Bounds): too long, too many errors or
/// members, nested too deeply, or a callback name that is too long.
#[derive(Clone, PartialEq, Eq)]
pub struct EncodeError {
    kind: ErrorKind,
    detail: Box<str>,
}

impl EncodeError {
    /// An error of `kind`; `detail` may quote the body: its control
    /// characters are made visible ([`shown`](crate::shown())).
    pub(crate) fn new(kind: ErrorKind, detail: impl Into<Box<str>>) -> Self {
        let detail: Box<str> = detail.into();
        let detail = match crate::shown::shown_cow(&detail) {
            std::borrow::Cow::Borrowed(_) => detail,
            std::borrow::Cow::Owned(s) => s.into_boxed_str(),
        };
        EncodeError { kind, detail }
    }

    /// Which limit the body is over.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot encode: {}: {}", self.kind.text(), self.detail)
    }
}

impl fmt::Debug for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EncodeError({:?}, {:?})", self.kind, self.to_string())
    }
}

impl std::error::Error for EncodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_kind_format_and_position() {
        let e = DecodeError::new(ErrorKind::Type, "`code` must be an integer")
            .with_format(Format::Json)
            .at(1, 12);
        assert_eq!(
            e.to_string(),
            "json body: wrong type: `code` must be an integer at line 1 column 12"
        );
        assert_eq!(e.kind(), ErrorKind::Type);
        assert_eq!((e.line(), e.column()), (Some(1), Some(12)));
    }

    #[test]
    fn offsets_become_lines_and_columns() {
        let e = DecodeError::new(ErrorKind::Syntax, "").at_offset(b"ab\ncd\nef", 4);
        assert_eq!((e.line(), e.column()), (Some(2), Some(2)));
    }

    #[test]
    fn details_show_control_characters_as_escapes() {
        let e = DecodeError::new(ErrorKind::Shape, "<a\u{1b}[31m\nb> inside <errors>");
        assert_eq!(e.detail(), "<a\\u{1b}[31m\\nb> inside <errors>");
        let e = EncodeError::new(ErrorKind::TooLarge, "x\u{2028}y");
        assert_eq!(e.to_string(), "cannot encode: body too large: x\\u{2028}y");
    }

    #[test]
    fn long_details_are_cut_on_a_char_boundary() {
        let e = DecodeError::new(ErrorKind::Type, "é".repeat(300));
        assert!(e.detail().len() <= MAX_DETAIL + 3);
        assert!(e.detail().ends_with("..."));
    }
}
