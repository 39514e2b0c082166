//! Wire values resolved against the catalog, kept exactly as they came.
//!
//! Each type here is the same shape: the value as it was sent, and the
//! catalog entry it names when there is one. Nothing is coerced: an unknown
//! code, status, problem type or vocabulary value is kept, and writes back
//! as it came. [`Code`], [`Status`], [`ProblemUri`] and [`Term`] all offer
//! `known()` for the entry, a constructor from the raw value that looks it
//! up, `From` the entry, `PartialEq` with the entry, and serde through the
//! raw value.
//!
//! ```
//! use twitter_errors::{Code, ErrorCode, ProblemType, ProblemUri};
//!
//! let c: Code = Code::from_code(88);
//! assert_eq!(c.known(), Some(ErrorCode::RateLimitExceeded));
//! assert_eq!(c, ErrorCode::RateLimitExceeded);
//!
//! let c: Code = Code::from_code(99_999);
//! assert_eq!((c.code(), c.known()), (99_999, None));
//!
//! // A problem URI keeps its host, and still names the entry.
//! let u: ProblemUri = ProblemUri::new("https://api.x.com/2/problems/usage-capped");
//! assert_eq!(u.known(), Some(ProblemType::UsageCapped));
//! assert_eq!(u.as_str(), "https://api.x.com/2/problems/usage-capped");
//! ```

use core::fmt;
use std::borrow::Cow;

use crate::catalog::{CodeEntry, ProblemEntry, Retry, StatusEntry, Vocabulary};
use crate::{ErrorCode, HttpStatus, ProblemType};

/// A v1.1 error code as it came on the wire, with the catalog entry it
/// names.
///
/// # Examples
///
/// ```
/// use twitter_errors::{Code, ErrorCode, Retry};
///
/// let known: Code = Code::from_code(130);
/// assert_eq!(known.known(), Some(ErrorCode::OverCapacity));
/// assert_eq!(known, ErrorCode::OverCapacity);
/// assert_eq!(known.retry(), Some(Retry::Backoff));
///
/// // A code the catalog does not have is kept, and reads as unknown.
/// let unknown: Code = Code::from_code(4_000_000);
/// assert_eq!((unknown.code(), unknown.known()), (4_000_000, None));
/// assert_eq!(unknown.to_string(), "4000000 (unknown code)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code<C = ErrorCode> {
    code: u32,
    known: Option<C>,
}

impl<C: CodeEntry> Code<C> {
    /// Wraps a number, looking it up in the catalog.
    pub fn from_code(code: u32) -> Self {
        Code {
            code,
            known: C::from_code(code),
        }
    }

    /// A number that the catalog is not to resolve, such as a code sent
    /// as a string ([`CodeSent::Text`](crate::model::CodeSent::Text)):
    /// unknown whatever its value.
    pub fn unknown(code: u32) -> Self {
        Code { code, known: None }
    }

    /// The number.
    pub fn code(self) -> u32 {
        self.code
    }

    /// The catalog entry, if the catalog has one.
    pub fn known(self) -> Option<C> {
        self.known
    }

    /// The entry's retry hint, or `None` for a code the catalog does not
    /// know (decide from the HTTP status then).
    pub fn retry(self) -> Option<Retry> {
        self.known.map(|c| c.info().retry)
    }
}

impl<C: CodeEntry> From<C> for Code<C> {
    fn from(c: C) -> Self {
        Code {
            code: c.info().code,
            known: Some(c),
        }
    }
}

impl<C: CodeEntry> From<u32> for Code<C> {
    fn from(n: u32) -> Self {
        Code::from_code(n)
    }
}

impl<C: CodeEntry> PartialEq<C> for Code<C> {
    fn eq(&self, other: &C) -> bool {
        self.known == Some(*other)
    }
}

impl<C: CodeEntry> fmt::Display for Code<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.known {
            Some(c) => fmt::Display::fmt(&c, f),
            None => write!(f, "{} (unknown code)", self.code),
        }
    }
}

impl<C> serde::Serialize for Code<C> {
    fn serialize<Z: serde::Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        s.serialize_u32(self.code)
    }
}

impl<'de, C: CodeEntry> serde::Deserialize<'de> for Code<C> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        u32::deserialize(d).map(Code::from_code)
    }
}

/// An HTTP status as it came on the wire, with the catalog entry it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Status<S = HttpStatus> {
    status: u16,
    known: Option<S>,
}

impl<S: StatusEntry> Status<S> {
    /// Wraps a number, looking it up in the catalog.
    pub fn from_u16(status: u16) -> Self {
        Status {
            status,
            known: S::from_u16(status),
        }
    }

    /// The number.
    pub fn as_u16(self) -> u16 {
        self.status
    }

    /// The catalog entry, if the catalog has one.
    pub fn known(self) -> Option<S> {
        self.known
    }

    /// Whether this is a 4xx or 5xx status.
    pub fn is_error(self) -> bool {
        self.status >= 400
    }
}

impl<S: StatusEntry> From<S> for Status<S> {
    fn from(s: S) -> Self {
        Status {
            status: s.info().status,
            known: Some(s),
        }
    }
}

impl<S: StatusEntry> From<u16> for Status<S> {
    fn from(n: u16) -> Self {
        Status::from_u16(n)
    }
}

impl<S: StatusEntry> PartialEq<S> for Status<S> {
    fn eq(&self, other: &S) -> bool {
        self.known == Some(*other)
    }
}

impl<S: StatusEntry> fmt::Display for Status<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.known {
            Some(s) => fmt::Display::fmt(&s, f),
            None => write!(f, "{}", self.status),
        }
    }
}

impl<S> serde::Serialize for Status<S> {
    fn serialize<Z: serde::Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        s.serialize_u16(self.status)
    }
}

impl<'de, S: StatusEntry> serde::Deserialize<'de> for Status<S> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        u16::deserialize(d).map(Status::from_u16)
    }
}

/// A problem `type` URI exactly as it came on the wire, with the catalog
/// entry it names under any host the catalog lists.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProblemUri<P = ProblemType> {
    uri: Cow<'static, str>,
    known: Option<P>,
}

impl<P: ProblemEntry> ProblemUri<P> {
    /// Wraps a URI, looking it up in the catalog.
    pub fn new(uri: impl Into<String>) -> Self {
        let uri = uri.into();
        let known = P::from_uri(&uri);
        ProblemUri {
            uri: Cow::Owned(uri),
            known,
        }
    }

    /// The URI as it came.
    pub fn as_str(&self) -> &str {
        &self.uri
    }

    /// The catalog entry, if the URI names one.
    pub fn known(&self) -> Option<P> {
        self.known
    }
}

impl<P: ProblemEntry> From<P> for ProblemUri<P> {
    /// The entry's canonical URI.
    fn from(p: P) -> Self {
        ProblemUri {
            uri: Cow::Borrowed(p.info().uri),
            known: Some(p),
        }
    }
}

impl<P: ProblemEntry> PartialEq<P> for ProblemUri<P> {
    fn eq(&self, other: &P) -> bool {
        self.known == Some(*other)
    }
}

impl<P> fmt::Display for ProblemUri<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.uri)
    }
}

impl<P> serde::Serialize for ProblemUri<P> {
    fn serialize<Z: serde::Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        s.serialize_str(&self.uri)
    }
}

impl<'de, P: ProblemEntry> serde::Deserialize<'de> for ProblemUri<P> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(ProblemUri::new)
    }
}

/// A vocabulary value as it came on the wire, with the documented value it
/// is, if any.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term<T> {
    value: Cow<'static, str>,
    known: Option<T>,
}

impl<T: Vocabulary> Term<T> {
    /// Wraps a literal, looking it up in the vocabulary.
    pub fn new(value: &str) -> Self {
        match T::from_wire(value) {
            Some(t) => Term::from(t),
            None => Term {
                value: Cow::Owned(value.to_owned()),
                known: None,
            },
        }
    }

    /// The literal.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The documented value, if it is one.
    pub fn known(&self) -> Option<T> {
        self.known
    }
}

impl<T: Vocabulary> From<T> for Term<T> {
    fn from(t: T) -> Self {
        Term {
            value: Cow::Borrowed(t.info().value),
            known: Some(t),
        }
    }
}

impl<T: Vocabulary> PartialEq<T> for Term<T> {
    fn eq(&self, other: &T) -> bool {
        self.known == Some(*other)
    }
}

impl<T> fmt::Display for Term<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl<T> serde::Serialize for Term<T> {
    fn serialize<Z: serde::Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        s.serialize_str(&self.value)
    }
}

impl<'de, T: Vocabulary> serde::Deserialize<'de> for Term<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <Cow<'de, str>>::deserialize(d)?;
        Ok(Term::new(&s))
    }
}
