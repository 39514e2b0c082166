//! The YAML layer: the one module that names the YAML crates. It turns the
//! text of a spec into a tree of [`Node`]s, each with the [`Span`] it is
//! written at, or into located [`SyntaxError`]s; the loader works on that
//! tree only.
//!
//! # Two readers, one pass each
//!
//! 1. **saphyr-parser** streams the text's events, each with the marks
//!    (line, column) of its start and end. This pass bounds the document
//!    before anything is built from it: it stops at the first collection
//!    nested deeper than [`MAX_DEPTH`], and at the first node past
//!    [`MAX_NODES`], an alias counting as the nodes it stands for (known
//!    once its anchor has been read, so one addition per use; only uses that
//!    stay within the limit are expanded). The parser reads the text through
//!    a window that ends [`MAX_LOOKAHEAD`] characters past the last event:
//!    inside `[...]` and `{...}` it keeps every token of a collection that
//!    could be a key until the collection closes (some 170 bytes each), so
//!    without the window one line of a megabyte would take 170 MB. This
//!    pass records one mark per node in document order, aliases expanded,
//!    and the comments that directly follow plain scalars. Syntax errors are
//!    located by the parser's marks and by the collections still open when
//!    it stopped.
//! 2. **serde_yaml** then reads the same text into the tree, as it has
//!    always read this crate's specs: it decides what each value is (a
//!    number, `true`, null, a text, a tagged value) and resolves aliases.
//!    It visits nodes in the order of pass 1, so each node it builds takes
//!    the next mark; their kinds are compared as they go, so that if the two
//!    readers ever disagreed on the structure, that is reported at the node,
//!    not shown as a wrong position. Repeated keys are found here, with one
//!    hash lookup per key.
//!
//! Both passes are linear in the size of the text and of the expanded tree,
//! and serde_yaml only reads a text that pass 1 found within bounds: never an
//! alias bomb, nor a nesting past its own recursion limit (128).
//!
//! # Why saphyr-parser
//!
//! A YAML 1.2 parser in safe Rust whose events carry their start and end
//! marks, so that a diagnostic can underline a whole value. It is maintained
//! (by the authors of yaml-rust2, as its successor), declares `rust-version`
//! 1.85 like this crate, and adds two small crates: `arraydeque`, and
//! `thiserror`, whose derive builds on the `syn` the generator compiles
//! anyway. yaml-rust2 gives start marks only; unsafe-libyaml, the parser
//! inside serde_yaml, is only reachable through a C-style `unsafe` API and is
//! unmaintained along with serde_yaml.

use std::cell::{Cell, RefCell};
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use saphyr_parser::{BufferedInput, Event, Marker, Parser, ScalarStyle, ScanError};
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

use crate::error::{Location, Span};

/// How deeply lists and mappings may nest, the top-level mapping counting
/// 1. A spec needs 5.
pub const MAX_DEPTH: usize = 64;

/// How far past the end of the last value it read the parser may read to
/// finish the next, in characters: the longest text a spec may hold, and
/// the longest `[...]` or `{...}` where a key could start (the parser keeps
/// what it reads of those until it knows whether a `:` follows).
pub const MAX_LOOKAHEAD: usize = 65_536;

/// How many keys, values and list items a spec may hold once its aliases
/// are expanded, in all its layered files together: room for some 3,400
/// codes (`synth::spec` catalogs of 3,400 codes load, of 3,500 are
/// refused), over 30 times the bundled catalog's 93. It bounds what
/// generating code costs: a spec at the limit, of any shape, is checked
/// and generated within 256 MB (`tests/spec_memory.rs`).
pub const MAX_NODES: usize = 60_000;

/// How many bytes a spec's files may hold together: 4 MiB, 35 times the
/// bundled catalog. With [`MAX_NODES`], it bounds what generating costs.
pub const MAX_BYTES: usize = 4 << 20;

/// A value of the spec and where it is written.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub value: Value,
    pub span: Span,
    pub style: Style,
}

/// How a node is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// A scalar without quotes.
    Plain,
    /// A scalar in single or double quotes.
    Quoted,
    /// A `|` or `>` block scalar, from its indicator.
    Block,
    /// Nothing: a key or `-` without a value. A key's is located at the key.
    Empty,
    /// A block list or a mapping.
    Collection,
    /// A flow list: `[a, b]`.
    Flow,
    /// A YAML alias (`*name`) of a scalar written elsewhere.
    Alias,
}

/// What a node holds, as serde_yaml reads it.
#[derive(Clone, Debug)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Sequence(Vec<Node>),
    /// Keys are unique: [`parse`] reports repeated ones.
    Mapping(Vec<(Node, Node)>),
    /// A tagged value (`!phrase text`): its tag, without the `!`. The spec
    /// has no use for tags, so the value is not kept.
    Tagged(String),
}

/// A YAML number: an integer (serde_yaml reads up to 128 bits), or not.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Number {
    Int(i128),
    Float(f64),
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Number::Int(n) => write!(f, "{n}"),
            Number::Float(x) if x.is_nan() => f.write_str(".nan"),
            Number::Float(x) if x.is_infinite() => {
                f.write_str(if x > 0.0 { ".inf" } else { "-.inf" })
            }
            Number::Float(x) => write!(f, "{x:?}"),
        }
    }
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// A parsed file: its tree, and the comments that follow plain scalars.
pub(crate) struct Document {
    pub root: Node,
    /// By the start of the scalar: the comment, and the rest of the line
    /// from the end of the scalar.
    comments: HashMap<Location, (Span, String)>,
    /// How many keys, values and items it holds, aliases expanded.
    pub nodes: usize,
}

impl Document {
    /// The comment after `node` on its last line, when `node` is a plain
    /// text (`message: Use #hashtags only.` reads as `Use`), and the rest
    /// of that line after the text (` #hashtags only.`).
    pub fn comment_after(&self, node: &Node) -> Option<(Span, &str)> {
        let (span, rest) = self.comments.get(&node.span.start)?;
        (node.style == Style::Plain).then_some((*span, rest.as_str()))
    }
}

/// A reason the text could not be read, where, and how to fix it.
pub(crate) struct SyntaxError {
    pub message: String,
    pub span: Span,
    pub help: String,
}

fn error(
    span: impl Into<Span>,
    message: impl Into<String>,
    help: impl Into<String>,
) -> SyntaxError {
    SyntaxError {
        message: message.into(),
        span: span.into(),
        help: help.into(),
    }
}

/// Reads a whole file, or gives `report` every reason it cannot. `text` has
/// no byte-order mark and no control characters but tab and line breaks
/// (the loader replaced them).
/// Parses `text`, refusing it past `max_nodes` keys, values and items
/// (what is left of [`MAX_NODES`] after the files layered before it;
/// `layered` says whether there were any).
pub(crate) fn parse(
    text: &str,
    max_nodes: usize,
    layered: bool,
    report: &mut dyn FnMut(SyntaxError),
) -> Option<Document> {
    let (marks, comments) = scan(text, max_nodes, layered).map_err(&mut *report).ok()?;
    let nodes = marks.len();
    if marks.is_empty() {
        // Nothing but comments and blank lines.
        let root = Node {
            value: Value::Null,
            span: Location::new(1, 1).into(),
            style: Style::Empty,
        };
        return Some(Document {
            root,
            comments,
            nodes,
        });
    }
    let fill = Fill {
        marks: &marks,
        next: Cell::new(0),
        depth: Cell::new(0),
        quiet: Cell::new(0),
        disagreement: Cell::new(None),
        repeated: Cell::new(false),
        report: RefCell::new(report),
    };
    let read = NodeSeed(&fill).deserialize(serde_yaml::Deserializer::from_str(text));
    let report = fill.report.into_inner();
    match (read, fill.disagreement.get()) {
        (Ok(root), _) if !fill.repeated.get() => {
            return Some(Document {
                root,
                comments,
                nodes,
            })
        }
        (Ok(_), _) => {}
        (Err(_), Some(at)) => report(error(
            at,
            "the YAML readers of this crate disagree about this value",
            "write it more plainly: put texts in double quotes, and each key on its own line",
        )),
        // What libyaml refuses and saphyr-parser accepted: rare corners.
        (Err(e), None) => {
            let at = e
                .location()
                .map_or(marks[fill.next.get().min(marks.len() - 1)].0, |l| {
                    Location::new(l.line(), l.column()).into()
                });
            report(error(at, format!("invalid YAML: {e}"), GENERIC_HELP));
        }
    }
    None
}

const GENERIC_HELP: &str = "check the indentation and quoting around this position; put texts that contain `: ` or start with a special character in double quotes";

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Scalar(Style),
    /// A list; `true` for a flow list, `[a, b]`.
    Sequence(bool),
    Mapping,
}

/// Where one node is, from pass 1.
type Mark = (Span, Kind);

fn location(m: &Marker) -> Location {
    Location::new(m.line(), m.col() + 1)
}

/// Finds the byte offsets of character indices, moving through the text as
/// the events do.
struct Cursor<'t> {
    text: &'t str,
    chars: usize,
    byte: usize,
}

impl Cursor<'_> {
    fn byte(&mut self, chars: usize) -> usize {
        while self.chars < chars {
            let Some(c) = self.text[self.byte..].chars().next() else {
                break;
            };
            (self.byte, self.chars) = (self.byte + c.len_utf8(), self.chars + 1);
        }
        while self.chars > chars {
            let Some(c) = self.text[..self.byte].chars().next_back() else {
                break;
            };
            (self.byte, self.chars) = (self.byte - c.len_utf8(), self.chars - 1);
        }
        self.byte
    }
}

type Comments = HashMap<Location, (Span, String)>;

/// Pass 1: the marks of every node, aliases expanded, and the comments that
/// follow plain scalars; or the first syntax error or bound exceeded.
fn scan(text: &str, max_nodes: usize, layered: bool) -> Result<(Vec<Mark>, Comments), SyntaxError> {
    let budget = Rc::new(Budget {
        read: Cell::new(0),
        cut: Cell::new(false),
    });
    let window = Window {
        chars: text.chars(),
        line_start: true,
        comment_line: false,
        indent: 0,
        budget: Rc::clone(&budget),
    };
    let mut parser = Parser::new(BufferedInput::new(window));
    let cut = |last: Location| {
        error(
            next_token(text, last).unwrap_or(last),
            format!("the value that starts here runs on for more than {MAX_LOOKAHEAD} characters before it can be read"),
            "keep each text under 64 KiB, and write a long list as `- ` lines rather than inside `[...]`",
        )
    };
    let mut marks: Vec<Mark> = Vec::new();
    // Collections not closed yet: their mark, anchor, and whether they are
    // `[...]` or `{...}`.
    let mut open: Vec<(usize, usize, bool)> = Vec::new();
    // The marks of each anchored node, by anchor.
    let mut anchors: HashMap<usize, std::ops::Range<usize>> = HashMap::new();
    let mut comments = HashMap::new();
    let mut cursor = Cursor {
        text,
        chars: 0,
        byte: 0,
    };
    let mut documents = 0;
    // Where the previous event ended, as a location and a character index.
    let (mut last, mut last_index) = (Location::new(1, 1), 0);
    while let Some(next) = parser.next_event() {
        super::tick(1);
        let (event, marker) = match next {
            Ok(next) => next,
            Err(_) if budget.cut.get() => return Err(cut(last)),
            Err(e) => return Err(scan_error(&e, text, &marks, &open, last)),
        };
        budget.read.set(0);
        let mut span = Span {
            start: location(&marker.start),
            end: location(&marker.end),
        };
        let (previous, previous_index) = (last, last_index);
        (last, last_index) = (span.end, marker.end.index());
        let (kind, anchor) = match event {
            Event::Scalar(_, style, anchor, _) => {
                let style = match style {
                    ScalarStyle::Plain if marker.is_empty() => Style::Empty,
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
                    ScalarStyle::Literal | ScalarStyle::Folded => Style::Block,
                };
                if style == Style::Plain {
                    if let Some(c) = comment(&text[cursor.byte(last_index)..], span.end) {
                        comments.insert(span.start, c);
                    }
                } else if style == Style::Block {
                    // The marks cover the lines of a block scalar; the node
                    // starts at its `|` or `>`, after the previous event.
                    let line = text[cursor.byte(previous_index)..].split('\n').next();
                    if let Some((line, i)) = line.and_then(|l| Some((l, l.find(['|', '>'])?))) {
                        span.start = Location::new(
                            previous.line,
                            previous.column + line[..i].chars().count(),
                        );
                    }
                }
                (Kind::Scalar(style), anchor)
            }
            Event::SequenceStart(anchor, _) => (Kind::Sequence(false), anchor),
            Event::MappingStart(anchor, _) => (Kind::Mapping, anchor),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((mark, anchor, flow)) = open.pop() {
                    // A block collection ends where the next token starts.
                    marks[mark].0.end = if flow { span.end } else { span.start };
                    if anchor > 0 {
                        anchors.insert(anchor, mark..marks.len());
                    }
                }
                continue;
            }
            Event::Alias(id) => {
                // An anchor is known once its node is closed: an alias inside
                // it would make it contain itself.
                let Some(range) = anchors.get(&id).cloned() else {
                    return Err(error(
                        span,
                        "this alias refers to the value it is part of",
                        "write the value out in full",
                    ));
                };
                if marks.len() + range.len() > max_nodes {
                    return Err(too_many(span, true, layered));
                }
                super::tick(range.len());
                let first = marks.len();
                marks.extend_from_within(range);
                // The expansion as a whole is where the alias is, and a
                // scalar is an alias's, whatever the style of the value it
                // stands for.
                marks[first].0 = span;
                if let Kind::Scalar(_) = marks[first].1 {
                    marks[first].1 = Kind::Scalar(Style::Alias);
                }
                continue;
            }
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(error(
                        span,
                        "a second YAML document starts here",
                        "the spec is one document: remove this `---` line",
                    ));
                }
                continue;
            }
            _ => continue,
        };
        if marks.len() >= max_nodes {
            return Err(too_many(span, false, layered));
        }
        let mut kind = kind;
        if matches!(kind, Kind::Sequence(_) | Kind::Mapping) {
            if open.len() >= MAX_DEPTH {
                let message =
                    format!("lists and mappings nest deeper than {MAX_DEPTH} levels here");
                return Err(error(span, message, NESTING_HELP));
            }
            let flow = text[..cursor.byte(last_index)].ends_with(['[', '{']);
            if flow && kind == Kind::Sequence(false) {
                kind = Kind::Sequence(true);
            }
            open.push((marks.len(), anchor, flow));
        } else if anchor > 0 {
            anchors.insert(anchor, marks.len()..marks.len() + 1);
        }
        marks.push((span, kind));
    }
    if budget.cut.get() {
        // The text was cut short, and what came before it read as YAML.
        return Err(cut(last));
    }
    Ok((marks, comments))
}

/// What the parser read since the last event, and whether it found the
/// text cut short.
struct Budget {
    read: Cell<usize>,
    cut: Cell<bool>,
}

/// The text as the parser reads it: at most [`MAX_LOOKAHEAD`] characters
/// past the last event, not counting line breaks, blank lines and lines
/// that start with `#` (they hold no tokens: a comment, or a line of a
/// text). When the parser would read further, the text ends there for it.
struct Window<'t> {
    chars: std::str::Chars<'t>,
    line_start: bool,
    comment_line: bool,
    /// Blanks at the start of the line, counted once it has content.
    indent: usize,
    budget: Rc<Budget>,
}

impl Iterator for Window<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if self.budget.cut.get() || self.budget.read.get() >= MAX_LOOKAHEAD {
            self.budget.cut.set(!self.chars.as_str().is_empty());
            return None;
        }
        let c = self.chars.next()?;
        let counted = match c {
            '\n' => {
                (self.line_start, self.comment_line, self.indent) = (true, false, 0);
                0
            }
            ' ' | '\t' if self.line_start => {
                self.indent += 1;
                0
            }
            _ if self.line_start => {
                (self.line_start, self.comment_line) = (false, c == '#');
                if self.comment_line {
                    0
                } else {
                    self.indent + 1
                }
            }
            _ => usize::from(!self.comment_line),
        };
        self.budget.read.set(self.budget.read.get() + counted);
        Some(c)
    }
}

fn too_many(span: Span, alias: bool, layered: bool) -> SyntaxError {
    let whole = if layered {
        "the spec (this file and those layered before it)"
    } else {
        "the file"
    };
    if alias {
        error(
            span,
            format!("expanding this alias would make {whole} hold more than {MAX_NODES} keys, values and items"),
            "an alias stands for a copy of its anchor's value: write the values out, or use fewer aliases",
        )
    } else {
        error(
            span,
            format!("{whole} holds more than {MAX_NODES} keys, values and items"),
            format!("a spec holds at most {MAX_NODES} in all its files, which bounds what generating its code costs: leave out entries it does not need"),
        )
    }
}

/// The comment that starts after blanks in `rest`, the text after a plain
/// scalar that ends at `end`, and the rest of the line up to its end.
fn comment(rest: &str, end: Location) -> Option<(Span, String)> {
    let after = rest.trim_start_matches([' ', '\t']);
    let blanks = rest.len() - after.len();
    if blanks == 0 || !after.starts_with('#') {
        return None;
    }
    let line = after.split(['\n', '\r']).next().unwrap_or("");
    let start = Location::new(end.line, end.column + blanks);
    let end = Location::new(start.line, start.column + line.chars().count());
    Some((Span { start, end }, rest[..blanks + line.len()].to_string()))
}

/// What a parser error says, in the words of the spec's format, and the
/// help: the first rule with a phrase the error's text has. A rule marked
/// `true` points at the start of the line the parser could not finish (the
/// first token after the last value) rather than at where it stopped.
#[rustfmt::skip]
const RULES: &[(&[&str], bool, &str, &str)] = &[
    (&["quoted scalar, found unexpected", "indentation in quoted scalar"], false, "this quoted text is not closed",
        "add the closing quote; inside double quotes write `\\\"` for a quote, inside single quotes write `''`"),
    (&["simple key expect"], true, "expected `key: value`, but this line has no `:`",
        "add the `:` after the key, or, if this line goes on the text above it, indent it under that text"),
    (&["trailing content after double-quoted"], false, "text after the closing quote",
        "a quoted text ends at its closing quote: put the whole text inside the quotes, and write `\\\"` for a quote inside double quotes"),
    (&["comments must be separated"], false, "`#` right after a value: a comment needs a space before its `#`",
        "put a space before the `#` to start a comment, or put the text in double quotes if the `#` is part of it"),
    (&["only valid inside a block"], false, "a `- ` item inside `[...]` or `{...}`",
        "a `[` or `{` before it is not closed: close it on its own line, or drop the brackets and write the items as `- ` lines"),
    (&["flow sequence", "flow mapping"], false, "expected `,` or the closing bracket here",
        "separate items with `, `, and quote items that contain `,`, `[`, `]`, `{`, `}` or `: `"),
    (&["mapping values are not allowed", "illegal placement of ':'"], false, "unexpected `:` (a text that contains `: ` must be quoted)",
        "put the whole text in double quotes: `message: \"...: ...\"`; or, if this is a key, align it with the keys above"),
    (&["recursion limit"], false, "`[` and `{` nest too deeply here", NESTING_HELP),
    (&["unknown anchor"], false, "`*` refers to an anchor that is not defined",
        "write the value out in full, or put the text in double quotes if it starts with `*`"),
    (&["comment intercepting"], false, "a comment interrupts a text that goes on over several lines",
        "put the whole text in double quotes, or move the comment to a line of its own above the key"),
    (&["tab"], false, "a tab character where YAML allows only spaces", "replace the tab with spaces"),
    (&["directive"], false, "unsupported `%` directive", "remove the line that starts with `%`"),
    (&["indentation", "indented", "did not find expected", "block sequence entries are not allowed"], false,
        "this line is not indented like the lines around it",
        "keys of one entry line up under each other, and each level is indented by 2 spaces; a text that goes on over several lines needs `>-` after its key"),
];

const NESTING_HELP: &str = "a spec nests 5 levels deep: sections, their entries, a list in an entry, and the entries and keys of `values`";

/// A syntax error of pass 1, located and explained.
fn scan_error(
    e: &ScanError,
    text: &str,
    marks: &[Mark],
    open: &[(usize, usize, bool)],
    last: Location,
) -> SyntaxError {
    let (info, at) = (e.info(), location(e.marker()));
    let here = text
        .char_indices()
        .nth(e.marker().index())
        .map_or("", |(i, _)| &text[i..]);
    if info.contains("escape") {
        // The parser stops at the opening quote: find the first backslash
        // that starts no YAML escape.
        let mut chars = here.chars().skip(1).enumerate();
        let mut bad = at;
        while let Some((i, c)) = chars.next().filter(|(_, c)| *c != '"' && *c != '\n') {
            if c == '\\'
                && !chars
                    .next()
                    .is_some_and(|(_, e)| "0abt\tnvfre \"/\\N_LPxuU\n".contains(e))
            {
                bad = Location::new(at.line, at.column + 1 + i);
                break;
            }
        }
        let span = Span {
            start: bad,
            end: Location::new(bad.line, bad.column + 2),
        };
        let help =
            "write `\\\\` for a backslash, or use single quotes, where `\\` has no special meaning";
        return error(
            span,
            "unknown escape sequence in a double-quoted text",
            help,
        );
    }
    if info.contains("unexpected character") || info.contains("misplaced bracket") {
        let c = here.chars().next();
        let help = match c {
            Some(']' | '}') => {
                "put the text in double quotes, or remove the bracket if it closes nothing"
            }
            _ => "put the text in double quotes",
        };
        let c = match c {
            Some('`') => " a backtick".to_string(),
            c => c.map(|c| format!(" `{c}`")).unwrap_or_default(),
        };
        return error(
            at,
            format!("a text cannot start with{c} unless it is quoted"),
            help,
        );
    }
    let rule = RULES
        .iter()
        .find(|(phrases, ..)| phrases.iter().any(|p| info.contains(p)));
    // The innermost `[` or `{` still open, when it opened on an earlier
    // line: the usual cause is a missing `]` or `}`.
    let flow = open.iter().rev().find(|o| o.2).map(|o| marks[o.0]);
    if let Some((span, kind)) =
        flow.filter(|(s, _)| s.start.line < at.line && !info.contains("quoted scalar"))
    {
        let (opener, closer) = if kind == Kind::Mapping {
            ('{', '}')
        } else {
            ('[', ']')
        };
        // The mark covers an anchor or tag before the bracket too.
        let bracket = Location::new(span.end.line, span.end.column.saturating_sub(1).max(1));
        return error(
            Span { start: bracket, end: span.end },
            format!("this `{opener}` list is not closed"),
            format!("add the closing `{closer}` on the same line, and separate items with `, `; quote items that contain `,`, `[` or `]`"),
        );
    }
    match rule {
        Some((_, true, message, help)) => {
            error(next_token(text, last).unwrap_or(at), *message, *help)
        }
        Some((_, false, message, help)) => error(at, *message, *help),
        None => error(at, format!("invalid YAML: {info}"), GENERIC_HELP),
    }
}

/// The first character after `last` that is not a blank, a line break or
/// part of a comment.
fn next_token(text: &str, last: Location) -> Option<Location> {
    let mut column = last.column;
    for (n, line) in text.split('\n').enumerate().skip(last.line.checked_sub(1)?) {
        let rest = line
            .char_indices()
            .nth(column - 1)
            .map_or("", |(i, _)| &line[i..]);
        let content = rest.trim_start_matches([' ', '\t', '\r']);
        if !content.is_empty() && !content.starts_with('#') {
            return Some(Location::new(
                n + 1,
                column + rest[..rest.len() - content.len()].chars().count(),
            ));
        }
        column = 1;
    }
    None
}

/// Pass 2's state: the marks of pass 1 and the next one to use.
struct Fill<'m> {
    marks: &'m [Mark],
    next: Cell<usize>,
    /// How many mappings are open.
    depth: Cell<usize>,
    /// Inside the value of a repeated key: its own repeats are not news.
    quiet: Cell<usize>,
    disagreement: Cell<Option<Span>>,
    /// Whether a key was repeated: each is reported as it is found.
    repeated: Cell<bool>,
    report: RefCell<&'m mut dyn FnMut(SyntaxError)>,
}

impl Fill<'_> {
    /// The mark of the next node, which must be of a kind `is` accepts.
    fn take<E: de::Error>(&self, is: fn(Kind) -> bool) -> Result<Mark, E> {
        let i = self.next.get();
        match self.marks.get(i) {
            Some(m) if is(m.1) => {
                self.next.set(i + 1);
                super::tick(1);
                Ok(*m)
            }
            other => {
                self.disagreement
                    .set(other.or(self.marks.last()).map(|m| m.0));
                Err(E::custom("the readers disagree"))
            }
        }
    }

    fn scalar<E: de::Error>(&self, value: Value) -> Result<Node, E> {
        let (span, kind) = self.take(|k| matches!(k, Kind::Scalar(_)))?;
        let style = if let Kind::Scalar(s) = kind {
            s
        } else {
            Style::Plain
        };
        Ok(Node { value, span, style })
    }
}

struct NodeSeed<'f, 'm>(&'f Fill<'m>);

/// Visitor methods that build a scalar node from what serde_yaml read.
macro_rules! scalars {
    ($($method:ident($($v:ident: $ty:ty)?) => $value:expr,)*) => {$(
        fn $method<E: de::Error>(self, $($v: $ty)?) -> Result<Node, E> {
            self.0.scalar($value)
        }
    )*};
}
impl<'de> DeserializeSeed<'de> for NodeSeed<'_, '_> {
    type Value = Node;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed<'_, '_> {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    scalars! {
        visit_bool(b: bool) => Value::Bool(b),
        visit_i64(n: i64) => Value::Number(Number::Int(n.into())),
        visit_u64(n: u64) => Value::Number(Number::Int(n.into())),
        visit_i128(n: i128) => Value::Number(Number::Int(n)),
        // Past 128 bits: only ever shown, in a diagnostic.
        visit_u128(n: u128) => Value::Number(i128::try_from(n).map_or(Number::Float(f64::INFINITY), Number::Int)),
        visit_f64(x: f64) => Value::Number(Number::Float(x)),
        visit_str(s: &str) => Value::String(s.to_string()),
        visit_unit() => Value::Null,
        visit_none() => Value::Null,
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let (span, kind) = self.0.take(|k| matches!(k, Kind::Sequence(_)))?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(NodeSeed(self.0))? {
            items.push(item);
        }
        let value = Value::Sequence(items);
        Ok(Node {
            value,
            span,
            style: if kind == Kind::Sequence(true) {
                Style::Flow
            } else {
                Style::Collection
            },
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let fill = self.0;
        let (span, _) = fill.take(|k| k == Kind::Mapping)?;
        fill.depth.set(fill.depth.get() + 1);
        let mut entries: Vec<(Node, Node)> = Vec::new();
        // Keys as serde_yaml reads them (`a` and `"a"` are one key, `1` and
        // `"1"` two), and where each was first.
        let mut seen: HashMap<String, Location> = HashMap::new();
        while let Some(key) = map.next_key_seed(NodeSeed(fill))? {
            let id = match &key.value {
                Value::String(s) => Some(format!("s{s}")),
                Value::Number(n) => Some(format!("n{n}")),
                Value::Bool(b) => Some(format!("b{b}")),
                Value::Null => Some("~".into()),
                _ => None,
            };
            let first = match id.map(|id| seen.entry(id)) {
                Some(Entry::Occupied(first)) => Some(*first.get()),
                Some(Entry::Vacant(slot)) => {
                    slot.insert(key.span.start);
                    None
                }
                None => None,
            };
            fill.quiet
                .set(fill.quiet.get() + usize::from(first.is_some()));
            let mut value = map.next_value_seed(NodeSeed(fill))?;
            if value.style == Style::Empty {
                value.span = key.span;
            }
            match first {
                Some(first) => {
                    fill.quiet.set(fill.quiet.get() - 1);
                    if fill.quiet.get() == 0 {
                        fill.repeated.set(true);
                        (fill.report.borrow_mut())(repeated(&key, first, fill.depth.get()));
                    }
                }
                None => entries.push((key, value)),
            }
        }
        fill.depth.set(fill.depth.get() - 1);
        Ok(Node {
            value: Value::Mapping(entries),
            span,
            style: Style::Collection,
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        use de::VariantAccess as _;
        let (tag, content): (String, _) = data.variant()?;
        let node = content.newtype_variant_seed(NodeSeed(self.0))?;
        Ok(Node {
            value: Value::Tagged(tag),
            ..node
        })
    }
}

/// The error for a key that repeats the one at `first`.
fn repeated(key: &Node, first: Location, depth: usize) -> SyntaxError {
    let name = match &key.value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => "null".into(),
    };
    let line = first.line;
    if depth == 1 {
        let help = format!("`{name}` already starts at line {line}; a section may appear only once, so merge the two lists");
        error(key.span, format!("duplicate section `{name}`"), help)
    } else {
        let help = format!(
            "`{name}` is already set at line {line}; a key may appear only once in an entry"
        );
        error(key.span, format!("duplicate key `{name}`"), help)
    }
}
