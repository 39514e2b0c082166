//! The YAML layer: the only module that knows which YAML library is used.
//!
//! `serde_yaml` parses the text into a [`serde_yaml::Value`] tree and reports
//! syntax errors with their position, but it keeps no positions for values
//! that parsed. [`SourceIndex`] recovers them: it scans the text once and
//! maps every key path (`codes[3].status`, `codes[3].aliases[1]`,
//! `fields[9].values[2].name`) to the line and column of its key and of its
//! value. It follows block mappings and sequences, block and multi-line
//! scalars, and flow collections (`[a, b]`, `{value: x}`), also across lines.
//! Swapping the YAML library means rewriting this file only.

use std::collections::HashMap;

use crate::error::Location;

pub(crate) use serde_yaml::{Mapping, Value};

/// A parse failure: what went wrong, where, and how to fix it.
pub(crate) struct SyntaxError {
    pub message: String,
    pub location: Location,
    pub help: String,
}

/// Parses YAML text into a value tree. `index` locates what serde_yaml does
/// not (duplicate keys, a second document).
pub(crate) fn parse(text: &str, index: &SourceIndex) -> Result<Value, Vec<SyntaxError>> {
    serde_yaml::from_str::<Value>(text).map_err(|e| syntax_error(&e, text, index))
}

/// `line L column C` in serde_yaml's messages, as a location.
fn parse_mark(s: &str) -> Option<Location> {
    let rest = s.trim_start().strip_prefix("line ")?;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Location::new(line.parse().ok()?, column.parse().ok()?))
}

fn syntax_error(e: &serde_yaml::Error, text: &str, index: &SourceIndex) -> Vec<SyntaxError> {
    let full = e.to_string();
    let location = e
        .location()
        .map_or(Location::new(1, 1), |l| Location::new(l.line(), l.column()));
    // "PROBLEM at line L column C, while CONTEXT at line L2 column C2"
    let (problem, context) = match full.split_once(", while ") {
        Some((p, c)) => (p, Some(c)),
        None => (full.as_str(), None),
    };
    let mut problem = match problem.find(" at line ") {
        Some(cut) => &problem[..cut],
        None => problem,
    };
    // Errors found while building the value tree start with its path.
    if let Some((path, rest)) = problem.split_once(": ") {
        if !path.contains(' ') && !rest.is_empty() {
            problem = rest;
        }
    }
    let context_mark = context
        .and_then(|c| c.split_once(" at "))
        .and_then(|(_, m)| parse_mark(m));

    if problem.starts_with("duplicate entry with key") && !index.duplicates.is_empty() {
        // Under a repeated key, everything repeats: report the key only.
        let inside = |d: &Duplicate| {
            index.duplicates.iter().any(|outer| {
                d.path.len() > outer.path.len()
                    && d.path.starts_with(&outer.path)
                    && d.path[outer.path.len()..].starts_with(['.', '['])
            })
        };
        return index
            .duplicates
            .iter()
            .filter(|d| !inside(d))
            .map(|d| {
                let key = d.path.rsplit(['.']).next().unwrap_or(&d.path);
                let (what, help) = if d.path.contains(['.', '[']) {
                    (
                        "key",
                        format!(
                            "`{key}` is already set at line {}; a key may appear only once in an entry",
                            d.first.line
                        ),
                    )
                } else {
                    (
                        "section",
                        format!(
                            "`{key}` already starts at line {}; a section may appear only once, so merge the two lists",
                            d.first.line
                        ),
                    )
                };
                SyntaxError {
                    message: format!("duplicate {what} `{key}`"),
                    location: d.second,
                    help,
                }
            })
            .collect();
    }
    if problem.contains("more than one document") {
        let second = text
            .lines()
            .enumerate()
            .filter(|(_, l)| *l == "---" || l.starts_with("--- "))
            .nth(usize::from(text.starts_with("---")))
            .map_or(Location::new(1, 1), |(n, _)| Location::new(n + 1, 1));
        return vec![SyntaxError {
            message: "a second YAML document starts here".into(),
            location: second,
            help: "the spec is one document: remove this `---` line".into(),
        }];
    }
    let (message, location, help) = if problem.contains("while scanning a quoted scalar")
        || context.is_some_and(|c| c.starts_with("scanning a quoted scalar"))
    {
        (
            "this quoted text is not closed".to_string(),
            context_mark.unwrap_or(location),
            "add the closing quote; inside double quotes write `\\\"` for a quote, inside single quotes write `''`".to_string(),
        )
    } else if problem.contains("unknown escape character") {
        (
            "unknown escape sequence in a double-quoted text".to_string(),
            location,
            "write `\\\\` for a backslash, or use single quotes, where `\\` has no special meaning"
                .to_string(),
        )
    } else if problem.contains("mapping values are not allowed") {
        (
            "unexpected `:` (a text that contains `: ` must be quoted)".to_string(),
            location,
            "put the whole text in double quotes: `message: \"...: ...\"`; or, if this is a key, align it with the keys above".to_string(),
        )
    } else if problem.contains("cannot start any token") {
        let c = match char_at(text, location) {
            Some('`') => " a backtick".to_string(),
            Some(c) => format!(" `{c}`"),
            None => String::new(),
        };
        (
            format!("a text cannot start with{c} unless it is quoted"),
            location,
            "put the text in double quotes".to_string(),
        )
    } else if problem.contains("could not find expected ':'") {
        (
            "expected `key: value`, but this line has no `:`".to_string(),
            context_mark.unwrap_or(location),
            "add the `:` after the key, or, if this line goes on the text above it, indent it under that text".to_string(),
        )
    } else if problem.contains("did not find expected")
        && context.is_some_and(|c| c.contains("flow"))
    {
        let closer = if problem.contains('}') { '}' } else { ']' };
        (
            format!("this `{}` list is not closed", if closer == '}' { '{' } else { '[' }),
            context_mark.unwrap_or(location),
            format!(
                "add the closing `{closer}` on the same line, and separate items with `, `; quote items that contain `,`, `[` or `]`"
            ),
        )
    } else if problem.contains("did not find expected")
        || problem.contains("block mapping")
        || problem.contains("block collection")
    {
        (
            "this line is not indented like the lines around it".to_string(),
            location,
            "keys of one entry line up under each other, and each level is indented by 2 spaces; a text that goes on over several lines needs `>-` after its key".to_string(),
        )
    } else if problem.contains("unknown anchor") {
        (
            "`*` refers to an anchor that is not defined".to_string(),
            location,
            "write the value out in full, or put the text in double quotes if it starts with `*`"
                .to_string(),
        )
    } else if problem.contains("control characters are not allowed") {
        (
            "the file contains a control character".to_string(),
            location,
            "remove it; the spec is plain text".to_string(),
        )
    } else if problem.contains("incompatible YAML document") {
        (
            "unsupported `%YAML` version directive".to_string(),
            location,
            "remove the `%YAML` line".to_string(),
        )
    } else {
        (
            format!("invalid YAML: {problem}"),
            location,
            "check the indentation and quoting around this position; put texts that contain `: ` or start with a special character in double quotes".to_string(),
        )
    };
    vec![SyntaxError {
        message,
        location: clamp(text, location),
        help,
    }]
}

/// Keeps a location inside the text: libyaml reports the end of a file that
/// lacks a final newline one line further down.
fn clamp(text: &str, at: Location) -> Location {
    let lines: Vec<&str> = text.split('\n').collect();
    match lines.get(at.line.saturating_sub(1)) {
        Some(line) if at.line > 0 => {
            Location::new(at.line, at.column.clamp(1, line.chars().count() + 1))
        }
        _ => {
            let last = lines.last().map_or(0, |l| l.chars().count());
            Location::new(lines.len().max(1), last + 1)
        }
    }
}

/// The character at a 1-based location, if there is one.
fn char_at(text: &str, at: Location) -> Option<char> {
    text.lines()
        .nth(at.line.checked_sub(1)?)?
        .chars()
        .nth(at.column.checked_sub(1)?)
}

/// A key that appears twice in one mapping.
pub(crate) struct Duplicate {
    pub path: String,
    pub first: Location,
    pub second: Location,
}

/// Positions of keys and values, by path.
#[derive(Default)]
pub(crate) struct SourceIndex {
    spots: HashMap<String, Spot>,
    duplicates: Vec<Duplicate>,
}

#[derive(Clone, Copy)]
struct Spot {
    key: Location,
    value: Location,
}

/// One open block collection while scanning.
struct Frame {
    /// Column (0-based) of the key or the `-`; `-1` for the document root.
    indent: isize,
    path: String,
    /// A `-` item rather than a key.
    item: bool,
    /// Items of a sequence nested directly under it, so far.
    items: usize,
}

impl SourceIndex {
    /// The location of the key at `path`, or of its nearest indexed
    /// ancestor, or 1:1.
    pub fn key(&self, path: &str) -> Location {
        self.lookup(path).key
    }

    /// The location of the value at `path` (falling back like [`Self::key`]).
    /// For a block collection that is the first line of its content.
    pub fn value(&self, path: &str) -> Location {
        self.lookup(path).value
    }

    /// The key and value locations of exactly `path`, without fallback.
    #[cfg(test)]
    pub fn exact(&self, path: &str) -> Option<(Location, Location)> {
        self.spots.get(path).map(|s| (s.key, s.value))
    }

    fn lookup(&self, path: &str) -> Spot {
        let mut p = path;
        loop {
            if let Some(found) = self.spots.get(p) {
                return *found;
            }
            match p.rfind(['.', '[']) {
                Some(cut) => p = &p[..cut],
                None => {
                    let start = Location::new(1, 1);
                    return Spot {
                        key: start,
                        value: start,
                    };
                }
            }
        }
    }

    fn insert(&mut self, path: String, key: Location, value: Location) {
        if let Some(first) = self.spots.get(&path) {
            self.duplicates.push(Duplicate {
                path: path.clone(),
                first: first.key,
                second: key,
            });
            return;
        }
        self.spots.insert(path, Spot { key, value });
    }

    /// Scans the text. Never fails: text that is not YAML leaves gaps,
    /// which lookups fill from the nearest ancestor.
    pub fn build(text: &str) -> SourceIndex {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text.lines().collect();
        let mut index = SourceIndex::default();
        let mut stack: Vec<Frame> = vec![Frame {
            indent: -1,
            path: String::new(),
            item: false,
            items: 0,
        }];
        // Lines more indented than this continue a scalar that started on an
        // earlier line (block scalar, or multi-line plain or quoted text).
        let mut skip_deeper_than: Option<usize> = None;
        // A key whose value is a block on the following lines.
        let mut pending: Option<(String, usize)> = None;
        let mut n = 0;
        while n < lines.len() {
            let raw = lines[n];
            let line_no = n + 1;
            n += 1;
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
            if trimmed.starts_with('#') {
                continue;
            }
            if trimmed == "---" || trimmed.starts_with("--- ") || trimmed == "..." {
                continue;
            }
            if trimmed.starts_with('%') && indent == 0 {
                continue;
            }
            if let Some((path, key_indent)) = pending.take() {
                let child = indent > key_indent
                    || (indent == key_indent && (trimmed == "-" || trimmed.starts_with("- ")));
                if child {
                    if let Some(spot) = index.spots.get_mut(&path) {
                        spot.value = Location::new(line_no, column(raw, indent));
                    }
                }
            }
            let mut col = indent; // byte offset of `content` in `raw`
            let mut content = trimmed;
            let mut last_dash: Option<usize> = None;
            // Sequence items, possibly several on one line (`- - x`).
            while content == "-" || content.starts_with("- ") {
                while stack.len() > 1 {
                    let top = &stack[stack.len() - 1];
                    let pop = if top.item {
                        top.indent >= col as isize
                    } else {
                        top.indent > col as isize
                    };
                    if !pop {
                        break;
                    }
                    stack.pop();
                }
                let parent = stack.last_mut().expect("the root frame stays");
                let path = format!("{}[{}]", parent.path, parent.items);
                parent.items += 1;
                let rest = content[1..].trim_start_matches([' ', '\t']);
                let item_col = col + (content.len() - rest.len());
                let dash = Location::new(line_no, column(raw, col));
                let value = if rest.is_empty() || rest.starts_with('#') {
                    pending = Some((path.clone(), col));
                    dash
                } else {
                    Location::new(line_no, column(raw, item_col))
                };
                index.insert(path.clone(), dash, value);
                stack.push(Frame {
                    indent: col as isize,
                    path,
                    item: true,
                    items: 0,
                });
                last_dash = Some(col);
                col = item_col;
                content = rest;
            }
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            if content.starts_with(['[', '{']) {
                // A flow collection as a sequence item or as the document.
                let path = stack.last().map(|f| f.path.clone()).unwrap_or_default();
                n = scan_flow(&mut index, &lines, n - 1, col, &path);
                continue;
            }
            let Some((key, value_offset)) = split_key(content) else {
                // A scalar item (`- text`) or a scalar document.
                skip_deeper_than = Some(last_dash.unwrap_or(indent));
                continue;
            };
            while stack.len() > 1 && stack[stack.len() - 1].indent >= col as isize {
                stack.pop();
            }
            let parent = stack.last().expect("the root frame stays");
            let path = if parent.path.is_empty() {
                key.to_string()
            } else {
                format!("{}.{key}", parent.path)
            };
            let value = content[value_offset..].trim_start_matches([' ', '\t']);
            let value_col = col + content.len() - value.len();
            let kloc = Location::new(line_no, column(raw, col));
            let has_inline_value = !value.is_empty() && !value.starts_with('#');
            let vloc = if has_inline_value {
                Location::new(line_no, column(raw, value_col))
            } else {
                pending = Some((path.clone(), col));
                kloc
            };
            index.insert(path.clone(), kloc, vloc);
            stack.push(Frame {
                indent: col as isize,
                path: path.clone(),
                item: false,
                items: 0,
            });
            if value.starts_with(['[', '{']) {
                n = scan_flow(&mut index, &lines, n - 1, value_col, &path);
            } else if has_inline_value {
                skip_deeper_than = Some(col);
            }
        }
        index
    }
}

/// The 1-based character column of byte offset `byte` in `line`.
fn column(line: &str, byte: usize) -> usize {
    line.get(..byte).map_or(byte, |s| s.chars().count()) + 1
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
        b'[' | b'{' | b'>' | b'|' | b'#' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'?' => {
            return None
        }
        _ => {
            let mut i = 0;
            loop {
                let c = *bytes.get(i)?;
                if c == b':' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) {
                    break;
                }
                if matches!(c, b' ' | b'\t') && bytes.get(i + 1) == Some(&b'#') {
                    return None;
                }
                i += 1;
            }
            (content[..i].trim_end(), i)
        }
    };
    let rest = &content[after..];
    if !rest.starts_with(':') || !matches!(rest.as_bytes().get(1), None | Some(b' ' | b'\t')) {
        return None;
    }
    Some((key, after + 1))
}

/// One open flow collection while scanning.
enum Flow {
    Seq {
        path: String,
        items: usize,
    },
    Map {
        path: String,
        /// The key whose value comes next, once its `:` was seen.
        key: Option<String>,
        colon: bool,
    },
}

/// Indexes the flow collection that starts at byte `start` of line `first`
/// (0-based) and belongs to `path`. Returns the index of the line after the
/// one where it ends.
fn scan_flow(
    index: &mut SourceIndex,
    lines: &[&str],
    first: usize,
    start: usize,
    path: &str,
) -> usize {
    let mut stack: Vec<Flow> = Vec::new();
    let mut n = first;
    let mut pos = start;
    // Where the next node goes: `(path, is a map key)`.
    fn slot(stack: &mut [Flow]) -> Option<(String, bool)> {
        match stack.last_mut()? {
            Flow::Seq { path, items } => {
                let p = format!("{path}[{items}]");
                *items += 1;
                Some((p, false))
            }
            Flow::Map { path, key, colon } => match (key.as_ref(), *colon) {
                (Some(k), true) => Some((join(path, k), false)),
                _ => Some((path.clone(), true)),
            },
        }
    }
    fn join(path: &str, key: &str) -> String {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    }
    let mut started = false;
    while n < lines.len() {
        let line = lines[n];
        let bytes = line.as_bytes();
        while pos < bytes.len() {
            let c = bytes[pos];
            let here = Location::new(n + 1, column(line, pos));
            match c {
                b' ' | b'\t' => pos += 1,
                b'#' if pos == 0 || matches!(bytes[pos - 1], b' ' | b'\t') => break,
                b'[' | b'{' => {
                    let target = if started {
                        match slot(&mut stack) {
                            Some((p, false)) => {
                                record_value(index, &p, here);
                                p
                            }
                            // A collection as a key: not something the spec
                            // has; index its contents under the map.
                            Some((p, true)) => p,
                            None => return n + 1,
                        }
                    } else {
                        started = true;
                        path.to_string()
                    };
                    stack.push(if c == b'[' {
                        Flow::Seq {
                            path: target,
                            items: 0,
                        }
                    } else {
                        Flow::Map {
                            path: target,
                            key: None,
                            colon: false,
                        }
                    });
                    pos += 1;
                }
                b']' | b'}' => {
                    stack.pop();
                    pos += 1;
                    if stack.is_empty() {
                        return n + 1;
                    }
                }
                b',' => {
                    if let Some(Flow::Map { key, colon, .. }) = stack.last_mut() {
                        *key = None;
                        *colon = false;
                    }
                    pos += 1;
                }
                b':' if matches!(
                    stack.last(),
                    Some(Flow::Map {
                        key: Some(_),
                        colon: false,
                        ..
                    })
                ) =>
                {
                    if let Some(Flow::Map { colon, .. }) = stack.last_mut() {
                        *colon = true;
                    }
                    pos += 1;
                }
                _ => {
                    // A scalar: quoted, or plain up to a flow indicator.
                    let end = scalar_end(
                        line,
                        pos,
                        stack.last().is_some_and(|f| matches!(f, Flow::Map { .. })),
                    );
                    match slot(&mut stack) {
                        Some((p, true)) => {
                            let raw = &line[pos..end];
                            let key = raw
                                .strip_prefix(['"', '\''])
                                .and_then(|k| k.strip_suffix(['"', '\'']))
                                .unwrap_or(raw.trim_end());
                            let key_path = join(&p, key);
                            index.insert(key_path, here, here);
                            if let Some(Flow::Map { key: k, .. }) = stack.last_mut() {
                                *k = Some(key.to_string());
                            }
                        }
                        Some((p, false)) => record_value(index, &p, here),
                        None => return n + 1,
                    }
                    pos = end.max(pos + 1);
                }
            }
        }
        n += 1;
        pos = 0;
    }
    n
}

/// Records where a flow node starts: as a new item, or as the value of a key
/// that is already indexed.
fn record_value(index: &mut SourceIndex, path: &str, at: Location) {
    match index.spots.get_mut(path) {
        Some(spot) if !path.ends_with(']') => spot.value = at,
        _ => index.insert(path.to_string(), at, at),
    }
}

/// The byte offset where the scalar starting at `pos` ends (exclusive).
fn scalar_end(line: &str, pos: usize, in_map: bool) -> usize {
    let bytes = line.as_bytes();
    match bytes[pos] {
        q @ (b'"' | b'\'') => {
            let mut i = pos + 1;
            while i < bytes.len() {
                if bytes[i] == b'\\' && q == b'"' {
                    i += 2;
                    continue;
                }
                if bytes[i] == q {
                    if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i += 1;
            }
            bytes.len()
        }
        _ => {
            let mut i = pos;
            while i < bytes.len() {
                match bytes[i] {
                    b',' | b']' | b'}' | b'[' | b'{' => break,
                    b':' if in_map
                        && matches!(
                            bytes.get(i + 1),
                            None | Some(b' ' | b'\t' | b',' | b']' | b'}')
                        ) =>
                    {
                        break
                    }
                    b'#' if i > pos && matches!(bytes[i - 1], b' ' | b'\t') => break,
                    _ => i += 1,
                }
            }
            // Trailing blanks are not part of the scalar.
            while i > pos && matches!(bytes[i - 1], b' ' | b'\t') {
                i -= 1;
            }
            i
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Location {
        Location::new(line, column)
    }

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
        assert_eq!(ix.key("codes"), at(2, 1));
        assert_eq!(ix.value("codes"), at(3, 3));
        assert_eq!(ix.key("codes[0]"), at(3, 3));
        assert_eq!(ix.value("codes[0]"), at(3, 5));
        assert_eq!(ix.key("codes[0].code"), at(3, 5));
        assert_eq!(ix.value("codes[0].code"), at(3, 11));
        assert_eq!(ix.key("codes[0].name"), at(4, 5));
        assert_eq!(ix.value("codes[0].aliases"), at(5, 14));
        assert_eq!(ix.key("codes[0].aliases[0]"), at(5, 15));
        assert_eq!(ix.key("codes[0].aliases[1]"), at(5, 23));
        assert_eq!(ix.value("codes[0].description"), at(6, 18));
        assert_eq!(ix.key("codes[1].code"), at(9, 5));
        assert_eq!(ix.key("codes[1].name"), at(10, 5));
        assert_eq!(ix.value("fields"), at(12, 1));
        assert_eq!(ix.key("fields[0].name"), at(12, 3));
        assert_eq!(ix.value("fields[0].values"), at(14, 5));
        assert_eq!(ix.key("fields[0].values[0].value"), at(14, 7));
        assert_eq!(ix.value("fields[0].values[0].value"), at(14, 14));
        // Unknown paths fall back to the nearest ancestor.
        assert_eq!(ix.key("codes[1].status"), at(9, 3));
        assert_eq!(ix.key("nothing.here"), at(1, 1));
        assert!(ix.duplicates.is_empty());
    }

    #[test]
    fn indexes_flow_collections_across_lines() {
        let text = "\
codes:
  - {code: 88, name: rate, other_statuses: [400,
      401, 'it''s'], message: \"a: b\"}
  - code: 1
    apis: [ v1 , \"v1.1\" ]   # comment, with [brackets]
";
        let ix = SourceIndex::build(text);
        assert_eq!(ix.exact("codes[0]").map(|s| s.0), Some(at(2, 3)));
        assert_eq!(ix.exact("codes[0].code"), Some((at(2, 6), at(2, 12))));
        assert_eq!(ix.exact("codes[0].name"), Some((at(2, 16), at(2, 22))));
        assert_eq!(ix.value("codes[0].other_statuses"), at(2, 44));
        assert_eq!(ix.key("codes[0].other_statuses[0]"), at(2, 45));
        assert_eq!(ix.key("codes[0].other_statuses[1]"), at(3, 7));
        assert_eq!(ix.key("codes[0].other_statuses[2]"), at(3, 12));
        assert_eq!(ix.exact("codes[0].message"), Some((at(3, 22), at(3, 31))));
        assert_eq!(ix.key("codes[1].code"), at(4, 5));
        assert_eq!(ix.key("codes[1].apis[0]"), at(5, 13));
        assert_eq!(ix.key("codes[1].apis[1]"), at(5, 18));
        assert!(ix.exact("codes[1].apis[2]").is_none());
    }

    #[test]
    fn counts_columns_in_characters_and_ignores_a_bom() {
        let text = "\u{feff}statuses:\n  - text: \"Ünïcødé\"\n    aliases: [\"é\", x]\n";
        let ix = SourceIndex::build(text);
        assert_eq!(ix.key("statuses"), at(1, 1));
        assert_eq!(ix.key("statuses[0].aliases[1]"), at(3, 20));
    }

    #[test]
    fn nested_sequences_and_block_scalars() {
        let text = "\
a:
- - x
  - y
- |
  - not an item
  key: not a key
b:
  c:
    d: 1
  e: 2
";
        let ix = SourceIndex::build(text);
        assert_eq!(ix.key("a[0]"), at(2, 1));
        assert_eq!(ix.key("a[0][0]"), at(2, 3));
        assert_eq!(ix.key("a[0][1]"), at(3, 3));
        assert_eq!(ix.exact("a[1]"), Some((at(4, 1), at(4, 3))));
        assert!(ix.exact("a[2]").is_none());
        assert!(ix.exact("a[1].key").is_none());
        assert_eq!(ix.value("b"), at(8, 3));
        assert_eq!(ix.key("b.c.d"), at(9, 5));
        assert_eq!(ix.key("b.e"), at(10, 3));
    }

    #[test]
    fn records_duplicate_keys() {
        let ix = SourceIndex::build("codes:\n  - code: 1\n    name: a\n    code: 2\n");
        assert_eq!(ix.duplicates.len(), 1);
        let d = &ix.duplicates[0];
        assert_eq!(
            (d.path.as_str(), d.first, d.second),
            ("codes[0].code", at(2, 5), at(4, 5))
        );
        // The first definition keeps its place.
        assert_eq!(ix.value("codes[0].code"), at(2, 11));
    }

    /// Every key and item serde_yaml sees in the real catalog is indexed at
    /// the exact place the text has it.
    #[test]
    fn every_path_of_the_catalog_is_located_exactly() {
        let text = crate::BUNDLED_SPEC;
        let ix = SourceIndex::build(text);
        let root = serde_yaml::from_str::<Value>(text).expect("the catalog parses");
        let lines: Vec<&str> = text.lines().collect();
        let rest_at =
            |l: Location| -> String { lines[l.line - 1].chars().skip(l.column - 1).collect() };
        let mut checked = 0;
        let mut todo = vec![(String::new(), &root)];
        while let Some((path, v)) = todo.pop() {
            match v {
                Value::Mapping(m) => {
                    for (k, child) in m {
                        let k = k.as_str().expect("string keys");
                        let p = if path.is_empty() {
                            k.to_string()
                        } else {
                            format!("{path}.{k}")
                        };
                        let (kl, vl) = ix.exact(&p).unwrap_or_else(|| panic!("{p} not indexed"));
                        assert!(rest_at(kl).starts_with(k), "{p}: key at {kl:?}");
                        if let Value::String(s) = child {
                            let first_word = s.split_whitespace().next().unwrap_or("");
                            let there = rest_at(vl);
                            assert!(
                                there.starts_with(first_word)
                                    || there.starts_with(['>', '|', '"', '\'']),
                                "{p}: value at {vl:?} is {there:?}"
                            );
                        }
                        checked += 1;
                        todo.push((p, child));
                    }
                }
                Value::Sequence(items) => {
                    for (i, child) in items.iter().enumerate() {
                        let p = format!("{path}[{i}]");
                        let (kl, _) = ix.exact(&p).unwrap_or_else(|| panic!("{p} not indexed"));
                        let there = rest_at(kl);
                        let plain = match child {
                            Value::String(s) => s.clone(),
                            Value::Number(n) => n.to_string(),
                            _ => "-".to_string(),
                        };
                        assert!(
                            there.starts_with(['-', '"', '\'']) || there.starts_with(&plain),
                            "{p}: item at {kl:?} is {there:?}"
                        );
                        checked += 1;
                        todo.push((p, child));
                    }
                }
                _ => {}
            }
        }
        assert!(checked > 1500, "only {checked} paths checked");
        assert!(ix.duplicates.is_empty());
    }
}
