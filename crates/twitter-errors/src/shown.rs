//! Input shown in a message: every character that could act on a
//! terminal, start a new line or reorder what a reader sees is written as
//! a visible escape.
//!
//! Error messages, diagnostics, log lines and `Display` of an
//! [`ApiError`](crate::response::ApiError) quote what came from a body or
//! a spec: member names, texts, attribute values. Written raw, a body could
//! send escape sequences to an operator's terminal, or forge a line of a
//! log or of a `file:line:column:` diagnostic. [`shown`] is the one function
//! every such message goes through, in this crate, the generator and the
//! command line.
//!
//! Escaped, as `\n`, `\r`, `\t` or `\u{..}` in lower-case hex:
//!
//! - the C0 controls (U+0000 to U+001F) and DEL (U+007F);
//! - the C1 controls (U+0080 to U+009F), which some terminals obey;
//! - the line and paragraph separators U+2028 and U+2029;
//! - the bidirectional marks, embeddings, overrides and isolates (U+061C,
//!   U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), which can make a
//!   line read differently from what it holds.
//!
//! Everything else, backslashes included, is written as it is.
//!
//! ```
//! use twitter_errors::shown;
//!
//! assert_eq!(shown("Rate limit exceeded").to_string(), "Rate limit exceeded");
//! assert_eq!(shown("a\u{1b}[2Jb\nc").to_string(), "a\\u{1b}[2Jb\\nc");
//! assert_eq!(shown("evil\u{202e}txt").to_string(), "evil\\u{202e}txt");
//! ```

use core::fmt;
use std::borrow::Cow;

/// Whether `c` is written as an escape by [`shown`].
pub const fn is_escaped(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `text` as a message may show it: see the [module](self) docs. Writes
/// as it formats, allocating nothing.
pub fn shown(text: &str) -> Shown<'_> {
    Shown(text)
}

/// `text` with its escaped characters made visible, borrowed when it has
/// none.
pub fn shown_cow(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_escaped) {
        Cow::Owned(shown(text).to_string())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` with each character [`shown`] escapes replaced by one visible
/// character, so that columns stay where they were: the Control Pictures
/// (`␛` for ESC, `␊` for a line feed, `␡` for DEL) for C0 and DEL, and
/// U+FFFD for the rest. Tabs are left as they are, for the renderer to
/// expand. For a source line under a caret that points into it.
pub fn pictured(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\t' && is_escaped(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' => c,
                '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '\u{2421}',
                c if is_escaped(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// JSON text with each character [`shown`] escapes that JSON lets a string
/// hold raw (DEL, the C1 controls, U+2028, U+2029 and the bidirectional
/// controls) written as a `\uXXXX` escape: the same JSON value, safe to
/// print on a terminal. JSON already escapes the C0 controls, and none of
/// these characters can occur outside a string.
pub fn json_visible(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_escaped) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_escaped(c) && !matches!(c, '\n' | '\r' | '\t' | ' ') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What [`shown`] returns: formats as the text with its escapes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Shown<'a>(&'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some((i, c)) = rest.char_indices().find(|&(_, c)| is_escaped(c)) {
            f.write_str(&rest[..i])?;
            match c {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c => write!(f, "\\u{{{:x}}}", c as u32)?,
            }
            rest = &rest[i + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dangerous_character_is_escaped_and_nothing_else() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = c.to_string();
            let out = shown(&text).to_string();
            if is_escaped(c) {
                assert!(out.starts_with('\\') && out.len() > 1, "{:x}", c as u32);
                assert!(!out.chars().any(is_escaped), "{:x}", c as u32);
                assert_eq!(pictured(&text).chars().count(), 1, "{:x}", c as u32);
                assert!(c == '\t' || !pictured(&text).chars().any(is_escaped));
            } else {
                assert_eq!(out, text);
                assert!(matches!(pictured(&text), Cow::Borrowed(_)));
            }
        }
        assert_eq!(shown("a\tb\r\nc\u{85}").to_string(), "a\\tb\\r\\nc\\u{85}");
        assert_eq!(shown_cow("plain \\ text"), "plain \\ text");
        assert_eq!(pictured("a\u{1b}b\nc"), "a\u{241b}b\u{240a}c");
        assert_eq!(format!("{:?}", shown("x\ny")), "\"x\\ny\"");
        // JSON keeps its whitespace between tokens; strings get `\u`
        // escapes that mean the same characters.
        let json = "{\n  \"a\": \"x\u{7f}\u{202e}\u{2028}\"\n}";
        let visible = json_visible(json);
        assert_eq!(visible, "{\n  \"a\": \"x\\u007f\\u202e\\u2028\"\n}");
        let a: serde_json::Value = serde_json::from_str(json).unwrap();
        let b: serde_json::Value = serde_json::from_str(&visible).unwrap();
        assert_eq!(a, b);
    }
}
