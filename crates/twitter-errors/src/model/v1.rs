//! The v1.1 error and the pre-2012 legacy error, as every v1 format
//! carries them.

use std::borrow::Cow;

use super::{owned, Hint, Members};
use crate::catalog::{Catalog, CodeEntry, MeaningInfo, PolicyInfo, Retry};
use crate::known::Code;
use crate::text::TextMatch;

/// How an item's `code` came on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CodeSent<'a> {
    /// As a number (in XML, an attribute with a number), as v1.1 sends
    /// it.
    Number,
    /// As a JSON string, kept as sent and written back as one: the Ads
    /// API's `"UNAUTHORIZED_ACCESS"`, a stream fixture's `"420"`. Such a
    /// code is not a v1.1 code: [`V1Error::code`] is unknown to the
    /// catalog, with the number the text spells, or 0.
    Text(Cow<'a, str>),
    /// Not at all: [`V1Error::code`] was inferred from the message, and
    /// encoding writes no `code`.
    Inferred,
}

impl CodeSent<'_> {
    /// Detaches it from the input it borrows.
    pub fn into_owned(self) -> CodeSent<'static> {
        match self {
            CodeSent::Number => CodeSent::Number,
            CodeSent::Text(t) => CodeSent::Text(owned(t)),
            CodeSent::Inferred => CodeSent::Inferred,
        }
    }
}

/// One v1.1 error: a code and its message, and any other members it came
/// with (such as `label`), in JSON or as XML attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct V1Error<'a, C: Catalog = crate::Twitter> {
    /// The code, known to the catalog or not; inferred from the message
    /// when the item had none ([`CodeSent::Inferred`]).
    pub code: Code<C::Code>,
    /// How the code came: a number, a string kept as sent, or not at all.
    pub code_sent: CodeSent<'a>,
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
            code_sent: CodeSent::Number,
            message: message.into(),
            extra: Members::new(),
            layout: Hint::default(),
        }
    }

    /// An error without a `code`, as some bodies send it: its code is
    /// inferred from the message (see [`match_message`](crate::text::match_message)), and
    /// `None` when the message names no code.
    pub fn inferred(message: impl Into<Cow<'a, str>>) -> Option<Self> {
        let message = message.into();
        let code = crate::text::match_message::<C::Code>(&message, None)
            .first()?
            .code;
        let mut e = V1Error::new(code, message);
        e.code_sent = CodeSent::Inferred;
        Some(e)
    }

    /// Whether the code was inferred from the message, the item having
    /// none.
    pub fn is_inferred(&self) -> bool {
        self.code_sent == CodeSent::Inferred
    }

    /// How the message matches the code's texts: which meaning of the code
    /// it is, and what a template captured. `None` for an unknown code, or
    /// a text the catalog does not have for the code.
    pub fn text_match(&self) -> Option<TextMatch<'_, C::Code>> {
        let code = self.code.known()?;
        crate::text::match_message::<C::Code>(&self.message, None)
            .into_iter()
            .find(|m| m.code == code)
    }

    /// The meaning of the code its message shows, when it is one of the
    /// code's other meanings (code 64's v1-retirement text, say).
    pub fn meaning(&self) -> Option<&'static MeaningInfo<<C::Code as CodeEntry>::Status>> {
        self.text_match()?.meaning()
    }

    /// The retry hint of the meaning the message shows, or of the code;
    /// `None` for a code the catalog does not know.
    pub fn retry(&self) -> Option<Retry> {
        let code = self.code.known()?;
        Some(self.meaning().map_or(code.info().retry, |m| m.retry))
    }

    /// The retry policy of the meaning the message shows, or of the code.
    pub fn policy(&self) -> Option<&'static PolicyInfo> {
        let code = self.code.known()?;
        match self.meaning() {
            Some(m) => m.policy,
            None => code.info().policy,
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
            code_sent: self.code_sent.into_owned(),
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

    /// The code its text names (the v1-era `Rate limit exceeded. Clients
    /// may not make more than 350 requests per hour.` names 88), inferred:
    /// a legacy body never carries one.
    pub fn inferred_code<C: Catalog>(&self) -> Option<TextMatch<'_, C::Code>> {
        crate::text::match_message::<C::Code>(&self.error, None)
            .into_iter()
            .next()
    }

    /// Whether its text reports success, not a failure (as
    /// `account/end_session`'s `Logged out.`): one of the catalog's
    /// notices.
    pub fn is_notice<C: Catalog>(&self) -> bool {
        crate::text::notice::<C>(&self.error).is_some()
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
