//! The file's text before YAML reads it: UTF-8, printable characters,
//! no tabs in indentation.

#[allow(unused_imports)]
use super::*;

pub(super) fn printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}')
        || (c >= '\u{a0}' && c != '\u{feff}' && c != '\u{fffe}' && c != '\u{ffff}')
}

/// Characters a text may not hold, however written: control characters
/// but tab and line feed, and the explicit text-direction controls
/// (embeddings, overrides and isolates) that make displayed text differ
/// from what the code holds.
pub(super) fn unsafe_in_text(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Decodes the bytes, reporting what is not UTF-8 or not printable. Bad
/// characters become spaces so that the rest of the file can still be
/// checked.
pub(super) fn decode(file: &Path, bytes: &[u8], diags: &mut Diagnostics) -> Option<String> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        diags.push(
            Diagnostic::new(file, Location::new(1, 1), "the file is UTF-16, not UTF-8")
                .help("save the file as UTF-8 (without a byte-order mark)"),
        );
        return None;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let bad_lines: Vec<String> = lossy
                .lines()
                .enumerate()
                .filter(|(_, l)| l.contains('\u{fffd}'))
                .map(|(n, _)| (n + 1).to_string())
                .collect();
            let help = if bad_lines.len() > 1 {
                format!(
                    "save the file as UTF-8; lines {} have bytes that are not UTF-8 (the file was probably saved as Latin-1 or Windows-1252)",
                    bad_lines.join(", ")
                )
            } else {
                "save the file as UTF-8; this byte is not UTF-8 (the file was probably saved as Latin-1 or Windows-1252)".to_string()
            };
            diags.push(
                Diagnostic::new(
                    file,
                    Location::new(line, column),
                    "the file is not valid UTF-8",
                )
                .help(help),
            );
            lossy
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut clean = String::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            clean.push('\n');
        }
        let mut reported = false;
        for (col, c) in line.chars().enumerate() {
            if printable(c) || c == '\u{fffd}' {
                clean.push(c);
                continue;
            }
            if !reported {
                diags.push(
                    Diagnostic::new(
                        file,
                        Location::new(n + 1, col + 1),
                        format!("the file contains the control character U+{:04X}", c as u32),
                    )
                    .help("remove it: the spec is plain text (an editor shows it as a box or `^`)"),
                );
                reported = true;
            }
            clean.push(' ');
        }
    }
    Some(clean)
}

/// Reports indentation with tabs; YAML allows only spaces there.
pub(super) fn tabs(file: &Path, text: &str, diags: &mut Diagnostics) -> bool {
    let tabbed: Vec<(usize, usize)> = text
        .lines()
        .enumerate()
        .filter_map(|(n, l)| {
            let lead = l.len() - l.trim_start_matches([' ', '\t']).len();
            let lead = &l[..lead];
            // A tab after `- ` counts too: it indents the entry's keys.
            let after_dash = l
                .trim_start_matches(' ')
                .strip_prefix('-')
                .is_some_and(|r| r.starts_with('\t'));
            (lead.contains('\t') || after_dash).then(|| {
                let col = l.chars().position(|c| c == '\t').unwrap_or(0);
                (n + 1, col + 1)
            })
        })
        .collect();
    let Some(&(line, column)) = tabbed.first() else {
        return false;
    };
    let more = match tabbed.len() - 1 {
        0 => String::new(),
        1 => format!(" (line {} too)", tabbed[1].0),
        n => format!(
            " ({n} more lines too, up to line {})",
            tabbed[tabbed.len() - 1].0
        ),
    };
    diags.push(
        Diagnostic::new(
            file,
            Location::new(line, column),
            "tab character used for indentation",
        )
        .help(format!(
            "YAML indentation must use spaces: replace each tab with spaces, 2 per level{more}"
        )),
    );
    true
}
