//! The YAML layer: the only module that knows which YAML library is used.
//!
//! `serde_yaml` parses the text into a [`serde_yaml::Value`] tree and reports
//! syntax errors with their position, but it keeps no positions for values
//! that parsed. [`SourceIndex`] recovers them: it scans the block-style text
//! once and maps every key path (`codes[3].status`) to the line and column of
//! its key and of its value. Swapping the YAML library means rewriting this
//! file only.

use std::collections::HashMap;

use crate::error::Location;

pub(crate) use serde_yaml::Value;

/// A parse failure: what serde_yaml said and where.
pub(crate) struct SyntaxError {
    pub message: String,
    pub location: Location,
}

/// Parses YAML text into a value tree.
pub(crate) fn parse(text: &str) -> Result<Value, SyntaxError> {
    serde_yaml::from_str::<Value>(text).map_err(|e| {
        let location = e
            .location()
            .map_or(Location::new(1, 1), |l| Location::new(l.line(), l.column()));
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the location is printed
        // in front of the message already.
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        SyntaxError { message, location }
    })
}

/// Positions of keys and values, by path.
#[derive(Default)]
pub(crate) struct SourceIndex {
    keys: HashMap<String, (Location, Location)>,
}

impl SourceIndex {
    /// The location of the key at `path`, or of its nearest indexed
    /// ancestor, or 1:1.
    pub fn key(&self, path: &str) -> Location {
        self.lookup(path).0
    }

    /// The location of the value at `path` (falling back like [`Self::key`]).
    pub fn value(&self, path: &str) -> Location {
        self.lookup(path).1
    }

    fn lookup(&self, path: &str) -> (Location, Location) {
        let mut p = path;
        loop {
            if let Some(found) = self.keys.get(p) {
                return *found;
            }
            match p.rfind(['.', '[']) {
                Some(cut) => p = &p[..cut],
                None => return (Location::new(1, 1), Location::new(1, 1)),
            }
        }
    }

    /// Scans block-style YAML. Flow mappings are not descended into; their
    /// contents are located at their key.
    pub fn build(text: &str) -> SourceIndex {
        enum Frame {
            Key {
                indent: usize,
                path: String,
                items: usize,
            },
            Item {
                indent: usize,
                path: String,
            },
        }
        impl Frame {
            fn indent(&self) -> usize {
                match self {
                    Frame::Key { indent, .. } | Frame::Item { indent, .. } => *indent,
                }
            }
        }
        let mut index = SourceIndex::default();
        let mut stack: Vec<Frame> = Vec::new();
        // Lines more indented than this belong to a scalar that started on an
        // earlier line (block scalar or multi-line plain/quoted scalar).
        let mut skip_deeper_than: Option<usize> = None;
        let mut root_items = 0usize;

        for (n, raw) in text.lines().enumerate() {
            let line_no = n + 1;
            let trimmed = raw.trim_start_matches(' ');
            let indent = raw.len() - trimmed.len();
            if trimmed.trim().is_empty() {
                continue;
            }
            if let Some(limit) = skip_deeper_than {
                if indent > limit {
                    continue;
                }
                skip_deeper_than = None;
            }
            if trimmed.starts_with('#') || trimmed.starts_with("---") || trimmed.starts_with("...")
            {
                continue;
            }
            let mut col = indent; // 0-based column of `content`
            let mut content = trimmed;
            // Sequence items, possibly several on one line (`- - x`).
            while content == "-" || content.starts_with("- ") {
                while let Some(top) = stack.last() {
                    let pop = match top {
                        Frame::Item { indent: i, .. } => *i >= col,
                        Frame::Key { indent: i, .. } => *i > col,
                    };
                    if !pop {
                        break;
                    }
                    stack.pop();
                }
                let path = match stack.last_mut() {
                    Some(Frame::Key { path, items, .. }) => {
                        let p = format!("{path}[{items}]");
                        *items += 1;
                        p
                    }
                    Some(Frame::Item { path, .. }) => format!("{path}[0]"),
                    None => {
                        root_items += 1;
                        format!("[{}]", root_items - 1)
                    }
                };
                let rest = content[1..].trim_start_matches(' ');
                let item_col = col + (content.len() - rest.len());
                let loc = Location::new(line_no, col + 1);
                let vloc = Location::new(line_no, item_col + 1);
                index.keys.entry(path.clone()).or_insert((loc, vloc));
                stack.push(Frame::Item { indent: col, path });
                col = item_col;
                content = rest;
                if content.is_empty() {
                    break;
                }
            }
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            let Some((key, value_offset)) = split_key(content) else {
                // A scalar item (`- text`) or a continuation line.
                skip_deeper_than = Some(col.saturating_sub(1).max(indent));
                continue;
            };
            while let Some(top) = stack.last() {
                if top.indent() >= col
                    && !matches!(top, Frame::Item { indent, .. } if *indent < col)
                {
                    stack.pop();
                } else {
                    break;
                }
            }
            let path = match stack.last() {
                Some(Frame::Key { path, .. } | Frame::Item { path, .. }) => format!("{path}.{key}"),
                None => key.to_string(),
            };
            let value = content[value_offset..].trim_start_matches(' ');
            let value_col = col + content.len() - value.len();
            let kloc = Location::new(line_no, col + 1);
            let vloc = if value.is_empty() || value.starts_with('#') {
                kloc
            } else {
                Location::new(line_no, value_col + 1)
            };
            index.keys.insert(path.clone(), (kloc, vloc));
            if value.starts_with('[') {
                index_flow_sequence(&mut index, &path, value, line_no, value_col);
            }
            let has_inline_value = !value.is_empty() && !value.starts_with('#');
            if has_inline_value {
                skip_deeper_than = Some(col);
            }
            stack.push(Frame::Key {
                indent: col,
                path,
                items: 0,
            });
        }
        index
    }
}

/// Splits `key: value` (or `key:`) and returns the key and the byte offset of
/// the value. Quoted keys are unquoted. Returns `None` for lines that are not
/// a mapping entry.
fn split_key(content: &str) -> Option<(&str, usize)> {
    let bytes = content.as_bytes();
    let (key, after) = match bytes.first()? {
        q @ (b'"' | b'\'') => {
            let end = content[1..].find(*q as char)? + 1;
            (&content[1..end], end + 1)
        }
        b'[' | b'{' | b'>' | b'|' | b'#' => return None,
        _ => {
            let mut i = 0;
            loop {
                let c = *bytes.get(i)?;
                if c == b':' && matches!(bytes.get(i + 1), None | Some(b' ')) {
                    break;
                }
                if c == b' ' && bytes.get(i + 1) == Some(&b'#') {
                    return None;
                }
                i += 1;
            }
            (content[..i].trim_end(), i)
        }
    };
    let rest = &content[after..];
    if !rest.starts_with(':') {
        return None;
    }
    Some((key, after + 1))
}

/// Locates the items of a one-line flow sequence such as `[a, "b, c", d]`.
fn index_flow_sequence(index: &mut SourceIndex, path: &str, value: &str, line: usize, col: usize) {
    let mut item = 0;
    let mut start: Option<usize> = None;
    let mut quote: Option<char> = None;
    for (i, c) in value.char_indices().skip(1) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => {
                    quote = Some(c);
                    start.get_or_insert(i);
                }
                ',' | ']' => {
                    if let Some(s) = start.take() {
                        let loc = Location::new(line, col + value[..s].chars().count() + 1);
                        index.keys.insert(format!("{path}[{item}]"), (loc, loc));
                        item += 1;
                    }
                    if c == ']' {
                        return;
                    }
                }
                ' ' => {}
                _ => {
                    start.get_or_insert(i);
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_keys_items_and_flow_sequences() {
        let text = "\
# comment
codes:
  - code: 34
    name: page
    aliases: [\"a, b\", c]
    description: >-
      folded: text
      - not an item
  - code: 88
    name: rate
fields:
- name: type
  values:
    - value: x
";
        let ix = SourceIndex::build(text);
        assert_eq!(ix.key("codes"), Location::new(2, 1));
        assert_eq!(ix.key("codes[0]"), Location::new(3, 3));
        assert_eq!(ix.key("codes[0].code"), Location::new(3, 5));
        assert_eq!(ix.value("codes[0].code"), Location::new(3, 11));
        assert_eq!(ix.key("codes[0].name"), Location::new(4, 5));
        assert_eq!(ix.key("codes[0].aliases[0]"), Location::new(5, 15));
        assert_eq!(ix.key("codes[0].aliases[1]"), Location::new(5, 23));
        assert_eq!(ix.key("codes[1].code"), Location::new(9, 5));
        assert_eq!(ix.key("codes[1].name"), Location::new(10, 5));
        assert_eq!(ix.key("fields[0].name"), Location::new(12, 3));
        assert_eq!(ix.key("fields[0].values[0].value"), Location::new(14, 7));
        // Unknown paths fall back to the nearest ancestor.
        assert_eq!(ix.key("codes[1].status"), Location::new(9, 3));
    }
}
