//! A validating JSON scanner: it finds where values start and end, and
//! checks the grammar (RFC 8259) and the nesting depth, without building
//! anything. The v2 codec keeps members as the text it finds.
//!
//! The input must already be valid UTF-8; the scanner checks everything
//! else that a JSON parser does, lone surrogate escapes included, so text
//! it accepts always parses.

use std::ops::Range;

/// What went wrong, and at which byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScanError {
    /// Not JSON.
    Syntax(&'static str, usize),
    /// Deeper than the limit.
    TooDeep(usize),
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `w` is `"`, `\` or below 0x20 (exact: no byte is
/// missed, though the test may also fire on the byte after one that is).
#[inline]
fn special(w: u64) -> bool {
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let quote = zero(w ^ (ONES * u64::from(b'"')));
    let backslash = zero(w ^ (ONES * u64::from(b'\\')));
    let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    (quote | backslash | control) != 0
}

/// The bytes that end a run of plain string content.
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

pub(crate) struct Scanner<'a> {
    pub(crate) b: &'a [u8],
    pub(crate) i: usize,
    max_depth: usize,
    /// Closers of the open containers, reused across values.
    stack: Vec<u8>,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(b: &'a [u8], max_depth: usize) -> Self {
        Scanner {
            b,
            i: 0,
            max_depth,
            stack: Vec::new(),
        }
    }

    fn err<T>(&self, what: &'static str) -> Result<T, ScanError> {
        Err(ScanError::Syntax(what, self.i))
    }

    /// Skips whitespace.
    #[inline]
    pub(crate) fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    /// The next byte after whitespace.
    #[inline]
    pub(crate) fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    /// Consumes `c` after whitespace.
    #[inline]
    pub(crate) fn expect(&mut self, c: u8, what: &'static str) -> Result<(), ScanError> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            self.err(what)
        }
    }

    /// Whether only whitespace is left.
    pub(crate) fn at_end(&mut self) -> bool {
        self.ws();
        self.i == self.b.len()
    }

    /// A string starting at the next `"`: its range with the quotes, and
    /// whether it has escapes.
    pub(crate) fn string(&mut self) -> Result<(Range<usize>, bool), ScanError> {
        if self.peek() != Some(b'"') {
            return self.err("expected a string");
        }
        let start = self.i;
        let b = self.b;
        let mut i = self.i + 1;
        let mut escapes = false;
        loop {
            // Eight bytes at a time while none of them ends the run.
            while let Some(chunk) = b.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([b'"'; 8]));
                if special(word) {
                    break;
                }
                i += 8;
            }
            while i < b.len() && !STOP[usize::from(b[i])] {
                i += 1;
            }
            match b.get(i) {
                Some(b'"') => {
                    self.i = i + 1;
                    return Ok((start..self.i, escapes));
                }
                Some(b'\\') => {
                    escapes = true;
                    self.i = i;
                    self.escape()?;
                    i = self.i;
                }
                Some(_) => {
                    self.i = i;
                    return self.err("control character in a string");
                }
                None => {
                    self.i = i;
                    return self.err("unterminated string");
                }
            }
        }
    }

    /// An escape at `\`.
    fn escape(&mut self) -> Result<(), ScanError> {
        match self.b.get(self.i + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.i += 2;
                Ok(())
            }
            Some(b'u') => {
                let unit = self.hex4(self.i + 2)?;
                self.i += 6;
                match unit {
                    0xD800..=0xDBFF => {
                        if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                            return self.err("lone leading surrogate in an escape");
                        }
                        let low = self.hex4(self.i + 2)?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return self.err("lone leading surrogate in an escape");
                        }
                        self.i += 6;
                        Ok(())
                    }
                    0xDC00..=0xDFFF => self.err("lone trailing surrogate in an escape"),
                    _ => Ok(()),
                }
            }
            _ => self.err("invalid escape"),
        }
    }

    fn hex4(&self, at: usize) -> Result<u32, ScanError> {
        let digits = self
            .b
            .get(at..at + 4)
            .ok_or(ScanError::Syntax("truncated escape", at))?;
        let mut n = 0;
        for &d in digits {
            let v = (d as char)
                .to_digit(16)
                .ok_or(ScanError::Syntax("invalid escape", at))?;
            n = n * 16 + v;
        }
        Ok(n)
    }

    fn number(&mut self) -> Result<(), ScanError> {
        let digits = |s: &mut Self| {
            let start = s.i;
            while let Some(b'0'..=b'9') = s.b.get(s.i) {
                s.i += 1;
            }
            s.i > start
        };
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match self.b.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return self.err("invalid number"),
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if !digits(self) {
                return self.err("invalid number");
            }
        }
        if let Some(b'e' | b'E') = self.b.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.b.get(self.i) {
                self.i += 1;
            }
            if !digits(self) {
                return self.err("invalid number");
            }
        }
        Ok(())
    }

    fn literal(&mut self, lit: &[u8]) -> Result<(), ScanError> {
        if self.b.get(self.i..self.i + lit.len()) == Some(lit) {
            self.i += lit.len();
            Ok(())
        } else {
            self.err("expected a value")
        }
    }

    /// One value; `depth` is the depth of the container it sits in.
    /// Returns its range.
    pub(crate) fn value(&mut self, depth: usize) -> Result<Range<usize>, ScanError> {
        self.ws();
        let start = self.i;
        match self.b.get(self.i) {
            Some(b'"') => {
                self.string()?;
                return Ok(start..self.i);
            }
            Some(b'-' | b'0'..=b'9') => {
                self.number()?;
                return Ok(start..self.i);
            }
            _ => {}
        }
        self.stack.clear();
        'value: loop {
            // A value is expected here.
            match self.peek() {
                Some(open @ (b'{' | b'[')) => {
                    if depth + self.stack.len() + 1 > self.max_depth {
                        return Err(ScanError::TooDeep(self.i));
                    }
                    self.i += 1;
                    let close = if open == b'{' { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.i += 1;
                    } else {
                        self.stack.push(close);
                        if close == b'}' {
                            self.string()?;
                            self.expect(b':', "expected `:`")?;
                        }
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                None => return self.err("unexpected end"),
                Some(_) => return self.err("expected a value"),
            }
            // After a value: close containers, or go on to the next item.
            loop {
                let Some(&close) = self.stack.last() else {
                    return Ok(start..self.i);
                };
                match self.peek() {
                    Some(b',') => {
                        self.i += 1;
                        if close == b'}' {
                            self.string()?;
                            self.expect(b':', "expected `:`")?;
                        }
                        continue 'value;
                    }
                    Some(c) if c == close => {
                        self.i += 1;
                        self.stack.pop();
                    }
                    None => return self.err("unexpected end"),
                    Some(_) => return self.err("expected `,` or a closing bracket"),
                }
            }
        }
    }
}

/// Unescapes a JSON string's text (with quotes).
pub(crate) fn unescape(raw: &str) -> String {
    // The scanner validated it, so this parse cannot fail.
    serde_json::from_str(raw).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> Result<Range<usize>, ScanError> {
        let mut sc = Scanner::new(s.as_bytes(), 64);
        let r = sc.value(0)?;
        if sc.at_end() {
            Ok(r)
        } else {
            Err(ScanError::Syntax("trailing", sc.i))
        }
    }

    #[test]
    fn agrees_with_serde_json() {
        let cases = [
            "0",
            "-0",
            "1.5",
            "-1.5e10",
            "1E+2",
            "1e-2",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "--1",
            "true",
            "false",
            "null",
            "nul",
            "tru",
            "\"\"",
            "\"a\\\"b\"",
            "\"\\u00e9\"",
            "\"\\u12\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud83d\"",
            "\"\\ude00\"",
            "\"\\ud83dx\"",
            "\"\\x\"",
            "\"a\tb\"",
            "\"é\"",
            "[]",
            "{}",
            "[1,2]",
            "[1,]",
            "[,1]",
            "{\"a\":1}",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{1:2}",
            "[[[]]]",
            "[{\"a\":[{}]}]",
            "[1 2]",
            "{\"a\":1 \"b\":2}",
            " [ 1 , { } ] ",
            "\"unterminated",
            "[",
            "{",
            "{\"a\"",
            "{\"a\":",
            "[1",
            "\"abcdefghijklmnop\"",
            "\"abcdefg\\\"hijklmnop\\\\\"",
            "\"0123456\u{1}\"",
            "[true,false,null]",
            "1 2",
        ];
        for c in cases {
            let ours = scan(c).is_ok();
            let theirs = serde_json::from_str::<serde_json::Value>(c).is_ok();
            assert_eq!(ours, theirs, "{c:?}");
        }
    }

    #[test]
    fn special_bytes_are_found_in_words() {
        assert!(!special(u64::from_le_bytes(*b"abcdefgh")));
        assert!(!special(u64::from_le_bytes(*b" ~\x7f\x80\xffzz!")));
        for at in 0..8 {
            for b in [b'"', b'\\', 0, 0x1f, b'\n'] {
                let mut w = *b"abcdefgh";
                w[at] = b;
                assert!(special(u64::from_le_bytes(w)), "{b} at {at}");
            }
        }
    }

    #[test]
    fn depth_is_bounded_without_recursion() {
        let deep = "[".repeat(100_000);
        let mut sc = Scanner::new(deep.as_bytes(), 64);
        assert_eq!(sc.value(0), Err(ScanError::TooDeep(64)));
        let ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(Scanner::new(ok.as_bytes(), 64).value(0).is_ok());
        assert!(Scanner::new(ok.as_bytes(), 64).value(1).is_err());
    }
}
