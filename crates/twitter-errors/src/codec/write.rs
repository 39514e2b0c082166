//! Writing JSON, shared by every JSON format: strings with the escapes a
//! format asks for beyond JSON's (`\/`, and what a `<script>` element
//! needs), members in the order they came, and the budget that keeps an
//! encoded body within the limits decoding would read it under.

use super::read::fits_depth;

use super::{Bounds, EncodeError, ErrorKind};
use crate::model::Members;

/// Which characters strings escape beyond what JSON requires.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Escape {
    /// Every `/` as `\/`.
    pub(crate) slashes: bool,
    /// Safe inside an HTML `<script>` element: every `<` as `\u003c`, so
    /// that no `</script`, `<!--` or `<script` can appear and move the end
    /// of the element (HTML's script data states); U+2028 and U+2029 as
    /// `\u2028`/`\u2029`, which JavaScript before ES2019 ends a line at.
    pub(crate) script: bool,
}

impl Escape {
    pub(crate) const fn plain() -> Self {
        Escape {
            slashes: false,
            script: false,
        }
    }

    fn any(self) -> bool {
        self.slashes || self.script
    }
}

/// Appends JSON text to `out`, adding the escapes `esc` asks for. The text
/// is valid JSON, so `/`, `<`, U+2028 and U+2029 only occur inside
/// strings, where their escaped forms mean the same.
fn escaped(out: &mut Vec<u8>, text: &[u8], esc: Escape) {
    if !esc.any() {
        out.extend_from_slice(text);
        return;
    }
    let (mut start, mut i) = (0, 0);
    while i < text.len() {
        // What to write instead, and how many bytes it replaces.
        let (rep, len): (&[u8], usize) = match text[i] {
            // An escape is copied as it is: `\/` stays one slash.
            b'\\' => {
                i += 2;
                continue;
            }
            b'/' if esc.slashes => (b"\\/", 1),
            b'<' if esc.script => (b"\\u003c", 1),
            0xE2 if esc.script && text.get(i + 1) == Some(&0x80) => match text.get(i + 2) {
                Some(0xA8) => (b"\\u2028", 3),
                Some(0xA9) => (b"\\u2029", 3),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&text[start..i]);
        out.extend_from_slice(rep);
        i += len;
        start = i;
    }
    out.extend_from_slice(&text[start.min(text.len())..]);
}

/// Writes members and values as compact JSON.
pub(crate) struct Writer<'o> {
    pub(crate) out: &'o mut Vec<u8>,
    esc: Escape,
    /// Whether the next member is the first of its object.
    first: bool,
}

impl<'o> Writer<'o> {
    pub(crate) fn new(out: &'o mut Vec<u8>, esc: Escape) -> Self {
        Writer {
            out,
            esc,
            first: true,
        }
    }

    /// A JSON string holding `s`, escaped as serde_json escapes it.
    pub(crate) fn str(&mut self, s: &str) {
        if self.esc.any() {
            let mut plain = Vec::with_capacity(s.len() + 2);
            serialize(&mut plain, s);
            escaped(self.out, &plain, self.esc);
        } else {
            serialize(self.out, s);
        }
    }

    /// JSON text, as it is.
    pub(crate) fn raw(&mut self, json: &str) {
        escaped(self.out, json.as_bytes(), self.esc);
    }

    /// `,"name":` (no comma before an object's first member).
    pub(crate) fn key(&mut self, name: &str) {
        if !std::mem::take(&mut self.first) {
            self.out.push(b',');
        }
        self.str(name);
        self.out.push(b':');
    }

    /// `,"name":` for a name known to need no escape, written as it is.
    pub(crate) fn lit(&mut self, quoted: &[u8]) {
        if !std::mem::take(&mut self.first) {
            self.out.push(b',');
        }
        self.out.extend_from_slice(quoted);
        self.out.push(b':');
    }

    /// `,"name":value`.
    pub(crate) fn member(&mut self, name: &str, json: &str) {
        self.key(name);
        self.raw(json);
    }

    /// Starts an object or array: its first member needs no comma.
    pub(crate) fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.first = true;
    }

    /// `{...}` of these members.
    pub(crate) fn object(&mut self, members: &Members<'_>) {
        self.open(b'{');
        for (k, v) in members.iter() {
            self.member(k, v.get());
        }
        self.close(b'}');
    }

    /// Ends an object or array: the enclosing one's next member is not its
    /// first.
    pub(crate) fn close(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.first = false;
    }
}

/// Writes a string or an integer with serde_json, which cannot fail for
/// either into a `Vec`.
pub(crate) fn serialize<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    if serde_json::to_writer(out, value).is_err() {
        debug_assert!(false, "serializing a string or an integer failed");
    }
}

/// Counts what encoding a body writes against the limits decoding applies
/// to it, as decoding counts it.
pub(crate) struct Budget {
    limits: Bounds,
    members: usize,
}

impl Budget {
    pub(crate) fn new(limits: &Bounds) -> Self {
        Budget {
            limits: limits.clamped(),
            members: 0,
        }
    }

    /// `n` error items.
    pub(crate) fn errors(&self, n: usize) -> Result<(), EncodeError> {
        if n > self.limits.max_errors {
            return Err(EncodeError::new(
                ErrorKind::TooManyErrors,
                format!("{n} errors, limit {}", self.limits.max_errors),
            ));
        }
        Ok(())
    }

    /// `n` more members.
    pub(crate) fn members(&mut self, n: usize) -> Result<(), EncodeError> {
        self.members = self.members.saturating_add(n);
        if self.members > self.limits.max_members {
            return Err(EncodeError::new(
                ErrorKind::TooManyMembers,
                format!("more than {} members", self.limits.max_members),
            ));
        }
        Ok(())
    }

    /// An object, array or element at `depth`.
    pub(crate) fn container(&self, depth: usize) -> Result<(), EncodeError> {
        if depth > self.limits.max_depth {
            return Err(EncodeError::new(
                ErrorKind::TooDeep,
                format!("nested deeper than {}", self.limits.max_depth),
            ));
        }
        Ok(())
    }

    /// The members of an object at `depth - 1`, their values at `depth`.
    pub(crate) fn values(&self, members: &Members<'_>, depth: usize) -> Result<(), EncodeError> {
        for (k, v) in members.iter() {
            if !fits_depth(v, room(self.limits.max_depth, depth)) {
                return Err(EncodeError::new(
                    ErrorKind::TooDeep,
                    format!("`{k}` nests deeper than {}", self.limits.max_depth),
                ));
            }
        }
        Ok(())
    }
}

/// How many arrays and objects deep a value sitting at `depth` may nest
/// under `max_depth` (the outermost container counting as 1).
pub(crate) fn room(max_depth: usize, depth: usize) -> usize {
    (max_depth + 1).saturating_sub(depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str, esc: Escape) -> String {
        let mut out = Vec::new();
        Writer::new(&mut out, esc).str(s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn extra_escapes() {
        let slashes = Escape {
            slashes: true,
            script: false,
        };
        let script = Escape {
            slashes: false,
            script: true,
        };
        assert_eq!(enc("a/b", slashes), r#""a\/b""#);
        assert_eq!(enc("a\\/b", slashes), r#""a\\\/b""#);
        assert_eq!(
            enc("</script> <!-- <script> a/b \u{2028}\u{2029}", script),
            r#""\u003c/script> \u003c!-- \u003cscript> a/b \u2028\u2029""#
        );
        let mut out = Vec::new();
        escaped(&mut out, br#"{"a":"<\/b","c":"</d","\u003c":1}"#, script);
        assert_eq!(out, br#"{"a":"\u003c\/b","c":"\u003c/d","\u003c":1}"#);
    }
}
