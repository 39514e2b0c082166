//! Builds the model from one file, reporting every mistake with its position.
//!
//! The loader works on the YAML layer's tree ([`yaml::Node`]: each value with
//! its span), never on a YAML crate's types. It is lenient on purpose: an
//! entry whose identifying key (`code`, `status`, `type`, `name`...) is
//! readable is kept even when other values are wrong, so that the
//! cross-entry checks still run and every problem in the file is reported in
//! one pass. Diagnostics make the whole load fail, so the placeholder values
//! never reach the generator.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

mod entries;
mod entry;
mod source;
mod template;
mod values;

use entries::*;
use entry::*;
use source::*;
pub(crate) use template::template_parts;
use template::*;
use values::*;

use super::keys::{self, Key, Section, Ty};
use super::yaml::{self, Document, Node, Number, Style, Value};
use super::{
    Api, Code, Detail, Disconnect, Evidence, Fallback, Field, FieldKind, FieldValue, Format,
    Growth, Header, HeaderMeaning, Meaning, Notice, Origin, Problem, ProblemHost, Reset, Retry,
    RetryPolicy, Spans, Spec, Status, Stream, Window, WireFormat,
};
use crate::error::{Diagnostic, Diagnostics, Location, Span};

struct Cx<'a> {
    pub(super) file: &'a Path,
    pub(super) doc: &'a Document,
    pub(super) diags: &'a mut Diagnostics,
    pub(super) spans: &'a mut Spans,
}

impl Cx<'_> {
    pub(super) fn error(
        &mut self,
        at: impl Into<Span>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::new(self.file, at, message).help(help));
    }

    pub(super) fn origin(&self, node: &Node) -> Origin {
        Origin {
            file: self.file.to_path_buf(),
            location: node.span.start,
        }
    }

    /// Marks a section as having lost an entry, so that checks that need
    /// every entry (references, required entries) stay quiet about it.
    pub(super) fn incomplete(&mut self, section: &'static str) {
        self.spans
            .incomplete
            .insert((self.file.to_path_buf(), section));
    }
}

/// Loads one file. Returns the spec, or `None` when the file could not be
/// parsed at all, and the text as positions count it (for showing
/// diagnostics) when it could be decoded. Problems are pushed to `diags`;
/// the entries that were readable are returned all the same, so that later
/// checks can still run on them.
/// Loads one file of a spec. `nodes` is what is left of
/// [`yaml::MAX_NODES`] after the files layered before it (`layered`: there
/// were some), and takes off what this file holds.
pub(super) fn load(
    file: &Path,
    bytes: &[u8],
    nodes: &mut usize,
    layered: bool,
    diags: &mut Diagnostics,
    spans: &mut Spans,
) -> (Option<Spec>, Option<String>) {
    let Some(text) = decode(file, bytes, diags) else {
        return (None, None);
    };
    if tabs(file, &text, diags) {
        return (None, Some(text));
    }
    let mut report = |e: yaml::SyntaxError| {
        diags.push(Diagnostic::new(file, e.span, e.message).help(e.help));
    };
    let Some(doc) = yaml::parse(&text, *nodes, layered, &mut report) else {
        return (None, Some(text));
    };
    *nodes = nodes.saturating_sub(doc.nodes);
    let mut cx = Cx {
        file,
        doc: &doc,
        diags,
        spans,
    };
    let spec = sections(&mut cx, &doc.root);
    (spec, Some(text))
}

fn sections(cx: &mut Cx<'_>, root: &Node) -> Option<Spec> {
    let file = cx.file;
    let mut spec = Spec {
        files: vec![file.to_path_buf()],
        ..Spec::default()
    };
    let map = match &root.value {
        Value::Mapping(m) => m,
        Value::Null => {
            cx.error(
                root.span,
                "the spec is empty",
                format!(
                    "a spec lists its entries under the sections {}",
                    section_names()
                ),
            );
            return None;
        }
        _ => {
            cx.error(
                root.span,
                format!(
                    "the spec must be a mapping of sections, found {}",
                    describe(root)
                ),
                format!(
                    "start a line with one of the sections, e.g. `codes:`; the sections are {}",
                    section_names()
                ),
            );
            return None;
        }
    };
    for (k, v) in map {
        crate::spec::tick(1);
        let Some(name) = k.as_str() else {
            cx.error(
                k.span,
                format!("a section name must be a text, found {}", describe(k)),
                format!("the sections are {}", section_names()),
            );
            continue;
        };
        let Some(section) = keys::SECTIONS.iter().find(|s| s.name == name) else {
            // Past the diagnostics kept, a hint is never shown.
            let closest = match cx.diags.is_full() {
                true => None,
                false => keys::closest(name, keys::SECTIONS.iter().map(|s| s.name)),
            };
            let help = match closest {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!("the sections are {}", section_names()),
            };
            cx.error(k.span, format!("unknown section `{name}`"), help);
            continue;
        };
        cx.spans
            .sections
            .insert((file.to_path_buf(), section.name), k.span);
        let Some(items) = list(cx, name, v, section) else {
            cx.incomplete(section.name);
            continue;
        };
        for item in items {
            let loaded = match Entry::new(cx, section, item) {
                None => false,
                Some(e) => match section.name {
                    "formats" => push(&mut spec.formats, format(cx, &e)),
                    "headers" => push(&mut spec.headers, header(cx, &e)),
                    "problem_hosts" => push(&mut spec.problem_hosts, host(cx, &e)),
                    "statuses" => push(&mut spec.statuses, status(cx, &e)),
                    "codes" => push(&mut spec.codes, code(cx, &e)),
                    "problems" => push(&mut spec.problems, problem(cx, &e)),
                    "retry_policies" => push(&mut spec.retry_policies, policy(cx, &e)),
                    "notices" => push(&mut spec.notices, notice(cx, &e)),
                    "disconnects" => push(&mut spec.disconnects, disconnect(cx, &e)),
                    "details" => push(&mut spec.details, detail(cx, &e)),
                    "streams" => push(&mut spec.streams, stream(cx, &e)),
                    _ => push(&mut spec.fields, field(cx, &e)),
                },
            };
            if !loaded {
                cx.incomplete(section.name);
            }
        }
    }
    Some(spec)
}

fn push<T>(into: &mut Vec<T>, item: Option<T>) -> bool {
    match item {
        Some(x) => {
            into.push(x);
            true
        }
        None => false,
    }
}

fn section_names() -> &'static str {
    static NAMES: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let names: Vec<String> = keys::SECTIONS
            .iter()
            .map(|s| format!("`{}`", s.name))
            .collect();
        names.join(", ")
    })
}
