//! The rate-limit state a response's headers carry.

use crate::catalog::{Catalog, HeaderMeaning, Window};

/// One allowance's rate-limit headers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Quota {
    /// Requests allowed in the window.
    pub limit: Option<u64>,
    /// Requests left in the window.
    pub remaining: Option<u64>,
    /// When the window resets, in UTC epoch seconds.
    pub reset: Option<u64>,
}

impl Quota {
    /// Whether the headers say nothing is left.
    pub fn exhausted(&self) -> bool {
        self.remaining == Some(0)
    }

    fn is_empty(&self) -> bool {
        *self == Quota::default()
    }
}

/// The `Retry-After` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryAfter {
    /// A number of seconds.
    Seconds(u64),
    /// An HTTP date, as UTC epoch seconds.
    At(u64),
}

/// The `api-version` header: the version of the API's OpenAPI spec that
/// served a response (`2.164`), which dates the shapes of its body.
///
/// Held inline, so that [`RateLimits`] stays `Copy`: a value of at most
/// [`ApiVersion::MAX_LEN`] visible ASCII characters; any other value is
/// not an API version and is ignored.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApiVersion {
    len: u8,
    bytes: [u8; ApiVersion::MAX_LEN],
}

impl ApiVersion {
    /// The longest value kept, in bytes.
    pub const MAX_LEN: usize = 23;

    /// The version `text` (surrounding space trimmed), when it is one to
    /// keep.
    pub fn new(text: &str) -> Option<ApiVersion> {
        let text = text.trim();
        if text.is_empty()
            || text.len() > Self::MAX_LEN
            || !text.bytes().all(|b| b.is_ascii_graphic())
        {
            return None;
        }
        let mut bytes = [0; Self::MAX_LEN];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Some(ApiVersion {
            len: u8::try_from(text.len()).ok()?,
            bytes,
        })
    }

    /// The version as sent.
    pub fn as_str(&self) -> &str {
        // Only ASCII is stored.
        core::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl core::fmt::Debug for ApiVersion {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("ApiVersion").field(&self.as_str()).finish()
    }
}

impl core::fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rate-limit state a response's headers carry, and the API version
/// that served it. Header names come from the catalog's spec
/// ([`Catalog::HEADERS`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RateLimits {
    /// `x-rate-limit-*`: the endpoint's window, usually 15 minutes.
    pub standard: Quota,
    /// `x-app-limit-24hour-*`: the app's 24-hour allowance.
    pub app_24h: Quota,
    /// `x-user-limit-24hour-*`: the user's 24-hour allowance.
    pub user_24h: Quota,
    /// `retry-after`.
    pub retry_after: Option<RetryAfter>,
    /// `api-version`: the version of the API's spec that answered.
    pub api_version: Option<ApiVersion>,
}

impl RateLimits {
    /// Reads the headers the catalog lists, ignoring case and any other
    /// header. Values that are not numbers (or HTTP dates, for
    /// `retry-after`) are ignored.
    pub fn from_headers<C, K, V>(headers: impl IntoIterator<Item = (K, V)>) -> Self
    where
        C: Catalog,
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let mut r = RateLimits::default();
        for (name, value) in headers {
            let name = name.as_ref();
            let Some(h) = C::HEADERS
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
            else {
                continue;
            };
            let Ok(text) = std::str::from_utf8(value.as_ref()) else {
                continue;
            };
            let text = text.trim();
            match h.meaning {
                HeaderMeaning::RetryAfter => {
                    r.retry_after = text
                        .parse()
                        .ok()
                        .map(RetryAfter::Seconds)
                        .or_else(|| http_date(text).map(RetryAfter::At));
                    continue;
                }
                HeaderMeaning::ApiVersion => {
                    r.api_version = ApiVersion::new(text);
                    continue;
                }
                _ => {}
            }
            let Ok(n) = text.parse::<u64>() else {
                continue;
            };
            let quota = match h.window {
                Some(Window::App24h) => &mut r.app_24h,
                Some(Window::User24h) => &mut r.user_24h,
                Some(_) => &mut r.standard,
                None => continue,
            };
            match h.meaning {
                HeaderMeaning::Limit => quota.limit = Some(n),
                HeaderMeaning::Remaining => quota.remaining = Some(n),
                HeaderMeaning::Reset => quota.reset = Some(n),
                _ => {}
            }
        }
        r
    }

    /// The quota of a window.
    pub fn quota(&self, window: Window) -> &Quota {
        match window {
            Window::App24h => &self.app_24h,
            Window::User24h => &self.user_24h,
            _ => &self.standard,
        }
    }

    /// The window that ran out: a 24-hour one (the user's first) before
    /// the standard one.
    pub fn exhausted(&self) -> Option<Window> {
        [Window::User24h, Window::App24h, Window::Standard]
            .into_iter()
            .find(|w| self.quota(*w).exhausted())
    }

    /// Whether no rate-limit header was sent (`api-version` aside).
    pub fn is_empty(&self) -> bool {
        self.standard.is_empty()
            && self.app_24h.is_empty()
            && self.user_24h.is_empty()
            && self.retry_after.is_none()
    }
}

/// An HTTP date (IMF-fixdate, RFC 850 or asctime, as RFC 9110 asks a
/// recipient to read) as UTC epoch seconds; `None` for anything else,
/// including dates before 1970 or after 9999.
pub(crate) fn http_date(s: &str) -> Option<u64> {
    let t = httpdate::parse_http_date(s).ok()?;
    t.duration_since(std::time::UNIX_EPOCH)
        .ok()
        .map(|d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_in_every_format() {
        for date in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(http_date(date), Some(784_111_777), "{date}");
        }
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        for bad in [
            "yesterday",
            "Sun, 06 Nov 1994 08:49:37 PST",
            "Sun, 06 Nov 99999999999 08:49:37 GMT",
            "Sun, 06 Nov -1994 08:49:37 GMT",
            "Wed, 31 Dec 1969 23:59:59 GMT",
            "",
        ] {
            assert_eq!(http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn headers_read_case_blind_and_ignore_the_rest() {
        let r = RateLimits::from_headers::<crate::Twitter, _, _>([
            ("X-Rate-Limit-Remaining", "0"),
            ("x-rate-limit-reset", " 1700000900 "),
            ("x-rate-limit-limit", "-1"),
            ("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"),
            ("x-other", "1"),
        ]);
        assert_eq!(r.standard.remaining, Some(0));
        assert_eq!(r.standard.reset, Some(1_700_000_900));
        assert_eq!(r.standard.limit, None);
        assert_eq!(r.retry_after, Some(RetryAfter::At(784_111_777)));
        assert_eq!(r.api_version, None);
    }

    #[test]
    fn the_api_version_is_kept_when_it_is_one() {
        let version = |v: &str| ApiVersion::new(v).map(|v| v.to_string());
        assert_eq!(version(" 2.164 ").as_deref(), Some("2.164"));
        assert_eq!(version("2.x-beta").as_deref(), Some("2.x-beta"));
        for not_one in [
            "",
            "2.1 64",
            "2.164\u{7}",
            &"9".repeat(ApiVersion::MAX_LEN + 1),
            "2.é",
        ] {
            assert_eq!(version(not_one), None, "{not_one:?}");
        }
        assert_eq!(
            version(&"9".repeat(ApiVersion::MAX_LEN)).map(|v| v.len()),
            Some(ApiVersion::MAX_LEN)
        );
    }
}
