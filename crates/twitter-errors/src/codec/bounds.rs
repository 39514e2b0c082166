//! [`Bounds`]: the bounds decoding enforces and encoding respects.

use super::{DecodeError, ErrorKind};

/// Bounds that decoding enforces, so that a hostile body costs little; and
/// that encoding respects, so that what it writes decodes again.
///
/// Encoding counts what it writes as decoding counts what it reads (an
/// inferred code is never written, so it is not counted), so a body that
/// decoded within a set of limits encodes within them too, with one
/// exception: the escapes encoding adds can make a body longer than
/// [`max_body`](Bounds::max_body). JSONP writes every `<` as `\u003c`
/// and U+2028 and U+2029 as `\u2028` and `\u2029` (safe inside an HTML
/// `<script>`), and a v1.1 JSON body that came with `\/` writes every
/// `/` so; and XML is written in the API's own layout (the declaration,
/// one `<error>` a line), which a compact body does not have. Such a body,
/// decoded close to `max_body`, is refused on encoding with
/// [`ErrorKind::TooLarge`]: a typed error, never a body that the same
/// limits would refuse to decode.
///
/// # Examples
///
/// ```
/// use twitter_errors::codec::Bounds;
///
/// let strict = Bounds::new().with_max_body(64 * 1024).with_max_depth(16);
/// assert_eq!(strict.max_body, 64 * 1024);
/// assert_eq!(strict.max_errors, Bounds::DEFAULT.max_errors);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Bounds {
    /// The longest body accepted, in bytes. Default: 8 MiB, room for a v2
    /// partial result with its `data` and `includes`. Checked before any
    /// parsing; [`read_body`] applies it while reading a stream.
    pub max_body: usize,
    /// The deepest nesting of JSON arrays and objects, or of XML elements,
    /// counting the outermost as 1. Default: 64. At most 128 is used: that
    /// is as deep as `serde_json` parses, and every member kept as JSON text
    /// must parse.
    pub max_depth: usize,
    /// The most items an `errors` list may hold. Default: 1024. A body with
    /// more is refused rather than cut, so that nothing is lost silently.
    pub max_errors: usize,
    /// The most members a body may hold, counting every member of every
    /// object the decoder reads member by member (the top level, each error
    /// item, a media `error`, a `disconnect`) and every XML attribute; the
    /// insides of a member kept as JSON text do not count. Default: 16,384.
    /// Each member costs a few dozen bytes however short it is, so this is
    /// what keeps memory proportional to the body.
    pub max_members: usize,
    /// The longest JSONP callback name, in bytes. Default: 128.
    pub max_callback: usize,
}

/// `with_` setters, one per field.
macro_rules! setters {
    ($($setter:ident => $field:ident,)*) => {$(
        #[doc = concat!("Sets [`Bounds::", stringify!($field), "`].")]
        #[must_use]
        pub const fn $setter(mut self, value: usize) -> Self {
            self.$field = value;
            self
        }
    )*};
}

impl Bounds {
    /// The defaults.
    pub const DEFAULT: Bounds = Bounds {
        max_body: 8 << 20,
        max_depth: 64,
        max_errors: 1024,
        max_members: 16 * 1024,
        max_callback: 128,
    };

    /// The deepest nesting any limit allows.
    const DEPTH_CAP: usize = 128;

    /// The defaults.
    pub const fn new() -> Self {
        Self::DEFAULT
    }

    setters! {
        with_max_body => max_body,
        with_max_depth => max_depth,
        with_max_errors => max_errors,
        with_max_members => max_members,
        with_max_callback => max_callback,
    }

    /// The limits as decoding applies them.
    pub(crate) fn clamped(&self) -> Bounds {
        Bounds {
            max_depth: self.max_depth.min(Self::DEPTH_CAP),
            ..*self
        }
    }
}

impl Default for Bounds {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Reads a body from `reader`, refusing it as soon as it is longer than
/// [`Bounds::max_body`]: at most `max_body + 1` bytes are ever read, so an
/// endless or oversized stream costs no more than the limit.
///
/// A body over the limit gives an [`std::io::Error`] of kind
/// [`InvalidData`](std::io::ErrorKind::InvalidData) wrapping a
/// [`DecodeError`] of kind [`ErrorKind::TooLarge`]; errors of the reader
/// are passed on.
///
/// ```
/// use twitter_errors::codec::{self, DecodeError, ErrorKind, Bounds};
///
/// let limits = Bounds::new().with_max_body(64);
/// let body = codec::read_body(&br#"{"errors":[{"message":"Over capacity","code":130}]}"#[..], &limits).unwrap();
/// assert_eq!(codec::decode_as::<twitter_errors::Twitter>(&body, None, &limits).unwrap().codes().count(), 1);
///
/// // An endless stream is refused after 65 bytes.
/// let e = codec::read_body(std::io::repeat(b' '), &limits).unwrap_err();
/// let inner = e.get_ref().and_then(|e| e.downcast_ref::<DecodeError>()).unwrap();
/// assert_eq!(inner.kind(), ErrorKind::TooLarge);
/// ```
pub fn read_body<R: std::io::Read>(reader: R, limits: &Bounds) -> std::io::Result<Vec<u8>> {
    let max = limits.max_body;
    let mut body = Vec::new();
    let mut limited = std::io::Read::take(reader, (max as u64).saturating_add(1));
    std::io::Read::read_to_end(&mut limited, &mut body)?;
    if body.len() > max {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            DecodeError::new(ErrorKind::TooLarge, format!("more than {max} bytes")),
        ));
    }
    Ok(body)
}
