//! The rules of a text's forgiving form: surrounding space trimmed, runs of
//! space made one, ASCII letters in lower case, `’`, `‘` and `ʼ` as `'`,
//! `https://` as `http://`, `://support.` as `://help.`, one final period
//! dropped.
//!
//! Defined once, here. The runtime applies the rules to the texts it is
//! given (`text::normalize`, which records where each byte came from), and
//! the generator, which depends on this crate, to the catalog's texts and
//! templates (`text::forgiving_form`), so that the two forms agree byte for
//! byte, as a lookup needs.

/// Where a forgiving form is written.
pub(crate) trait Sink {
    /// Appends `s`, which stands for the input's bytes `from..to`.
    fn push(&mut self, s: &str, from: usize, to: usize);
    /// The form written so far.
    fn written(&self) -> &str;
    /// Drops the last byte written, an ASCII one.
    fn pop_byte(&mut self);
}

/// Whether `text` starts with the ASCII `prefix`, ignoring ASCII case.
fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Writes the forgiving form of `text` to `out`, in one pass over the text.
pub(crate) fn write_forgiving(text: &str, out: &mut impl Sink) {
    let lead = text.len() - text.trim_start().len();
    let t = text.trim();
    let mut i = 0;
    while i < t.len() {
        let rest = &t[i..];
        let at = lead + i;
        if starts_with_ci(rest, "https://") {
            out.push("http://", at, at + 8);
            i += 8;
            continue;
        }
        if out.written().ends_with("://") && starts_with_ci(rest, "support.") {
            out.push("help.", at, at + 8);
            i += 8;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        let len = c.len_utf8();
        if c.is_whitespace() {
            if !out.written().ends_with(' ') {
                out.push(" ", at, at + len);
            }
        } else {
            let c = match c {
                '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
                c => c.to_ascii_lowercase(),
            };
            let mut buf = [0u8; 4];
            out.push(c.encode_utf8(&mut buf), at, at + len);
        }
        i += len;
    }
    if out.written().ends_with('.') {
        out.pop_byte();
    }
    while out.written().ends_with(' ') {
        out.pop_byte();
    }
}
