//! The v1.1 error and the pre-2012 legacy error, as every v1 format
//! carries them.

use std::borrow::Cow;

use super::{owned, Hint, Members};
use crate::catalog::{Catalog, CodeEntry};
use crate::known::Code;

/// One v1.1 error: a code and its message, and any other members it came
/// with (such as `label`), in JSON or as XML attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct V1Error<'a, C: Catalog = crate::Twitter> {
    /// The code, known to the catalog or not.
    pub code: Code<C::Code>,
    /// The message, as sent.
    pub message: Cow<'a, str>,
    /// Members other than `code` and `message` (and a repeat of either), in
    /// order.
    pub extra: Members<'a>,
    pub(crate) layout: Hint<Placed>,
}

/// Where `code` and `message` came among an item's members: their
/// positions in the item, counting every member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Placed {
    pub(crate) code: usize,
    pub(crate) message: usize,
}

impl Default for Placed {
    /// `{"message":...,"code":...}`, as the 2012 documentation shows.
    fn default() -> Self {
        Placed {
            code: 1,
            message: 0,
        }
    }
}

impl<'a, C: Catalog> V1Error<'a, C> {
    /// An error with this code and message.
    pub fn new(code: impl Into<Code<C::Code>>, message: impl Into<Cow<'a, str>>) -> Self {
        V1Error {
            code: code.into(),
            message: message.into(),
            extra: Members::new(),
            layout: Hint::default(),
        }
    }

    /// An error with the catalog's message for `code`.
    pub fn from_entry(code: C::Code) -> Self {
        V1Error::new(code, code.info().message)
    }

    /// Whether encoding writes `code` before `message`. Decoding records
    /// where each came; built values write `message` first, as the 2012
    /// documentation does.
    pub fn code_first(&self) -> bool {
        self.layout.0.code < self.layout.0.message
    }

    /// Sets the key order encoding writes: `code` and `message` first, in
    /// this order, then the other members.
    #[must_use]
    pub fn with_code_first(mut self, code_first: bool) -> Self {
        self.layout.0 = if code_first {
            Placed {
                code: 0,
                message: 1,
            }
        } else {
            Placed::default()
        };
        self
    }

    /// Detaches the error from the input it borrows.
    pub fn into_owned(self) -> V1Error<'static, C> {
        V1Error {
            code: self.code,
            message: owned(self.message),
            extra: self.extra.into_owned(),
            layout: self.layout,
        }
    }
}

/// The pre-2012 error: `{"request":"/1/statuses/show.json","error":"..."}`,
/// or in XML `<hash><request>...</request><error>...</error></hash>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Legacy<'a> {
    /// The error text.
    pub error: Cow<'a, str>,
    /// The request path, when sent.
    pub request: Option<Cow<'a, str>>,
    pub(crate) layout: Hint<LegacyPlaced>,
}

/// Where `error` and `request` came among the body's members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LegacyPlaced {
    pub(crate) error: usize,
    pub(crate) request: usize,
}

impl Default for LegacyPlaced {
    /// `request` first, as the 2009 documentation shows.
    fn default() -> Self {
        LegacyPlaced {
            error: 1,
            request: 0,
        }
    }
}

impl<'a> Legacy<'a> {
    /// An error for a request path.
    pub fn new(error: impl Into<Cow<'a, str>>, request: Option<Cow<'a, str>>) -> Self {
        Legacy {
            error: error.into(),
            request,
            layout: Hint::default(),
        }
    }

    /// Whether encoding writes `request` before `error` (as decoded; `true`
    /// for built values, as the 2009 documentation shows).
    pub fn request_first(&self) -> bool {
        self.layout.0.request < self.layout.0.error
    }

    /// Sets whether encoding writes `request` before `error`.
    #[must_use]
    pub fn with_request_first(mut self, request_first: bool) -> Self {
        self.layout.0 = if request_first {
            LegacyPlaced::default()
        } else {
            LegacyPlaced {
                error: 0,
                request: 1,
            }
        };
        self
    }

    /// Detaches the error from the input it borrows.
    pub fn into_owned(self) -> Legacy<'static> {
        Legacy {
            error: owned(self.error),
            request: self.request.map(owned),
            layout: self.layout,
        }
    }
}
