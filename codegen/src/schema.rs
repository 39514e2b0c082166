//! The JSON Schema of `errors.yaml`, built from the same key tables the
//! loader uses. It catches what a schema can see in one file: types,
//! required and unknown keys, patterns, ranges, choices, and the rules on
//! members the runtime reads. What needs the whole layered catalog
//! (duplicates, references, required entries) or the YAML text itself
//! (comments, quoting) only `check` sees; CONTRIBUTING.md lists it.

use serde_json::{json, Map, Value};

use crate::naming;
use crate::spec::keys::{self, Key, Section, Ty};
use crate::spec::FieldKind;
use crate::validate::{GENERATED_TYPES, OBJECT_FIELDS, RUNTIME_MEMBERS};

/// Characters a text may not hold: control characters but tab and line
/// feed, and the text-direction controls.
const UNSAFE_IN_TEXT: &str =
    "[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]";

/// A host of lower-case labels, at least two.
const HOST: &str = "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+";

/// A `{name}` placeholder of a template.
const PLACEHOLDER: &str = "\\{[a-z][a-z0-9_]*\\}";

/// A character of a URI: no blank, no control character.
const URI_CHAR: &str = "[^\\s\\u0000-\\u001F\\u007F-\\u009F]";

fn text() -> Value {
    json!({"type": "string", "minLength": 1, "pattern": "\\S", "not": {"pattern": UNSAFE_IN_TEXT}})
}

fn ty_schema(key: &Key) -> Value {
    // A list left empty (`aliases:`) reads as no items.
    let list =
        |items: Value| json!({"type": ["array", "null"], "items": items, "uniqueItems": true});
    let status = json!({"type": "integer", "minimum": 100, "maximum": 599});
    let mut v = match key.ty {
        Ty::Text => text(),
        Ty::Ident => {
            json!({"type": "string", "pattern": "^[a-z][a-z0-9]*(_[a-z0-9]+)*$", "not": {"enum": keys::RESERVED}})
        }
        Ty::Member => {
            json!({"type": "string", "pattern": "^[a-z][a-z0-9]*([._][a-z0-9]+)*$", "not": {"enum": OBJECT_FIELDS}})
        }
        Ty::Header => json!({"type": "string", "pattern": "^[a-z0-9-]+$"}),
        Ty::StatusCode => status,
        Ty::ErrorCode => json!({"type": "integer", "minimum": 0, "maximum": u32::MAX}),
        Ty::ProblemUri => json!({"type": "string", "pattern": format!(
            "^(about:blank|https?://{HOST}/{URI_CHAR}*[^/\\s\\u0000-\\u001F\\u007F-\\u009F])$"
        )}),
        Ty::Prefix => {
            json!({"type": "string", "pattern": format!("^https?://{HOST}/({URI_CHAR}*/)?$")})
        }
        Ty::Bool => json!({"type": "boolean"}),
        Ty::TextList => list(text()),
        Ty::TemplateList => list(json!({
            "type": "string",
            "pattern": format!("^[^{{}}]*{PLACEHOLDER}([^{{}}]+{PLACEHOLDER})*[^{{}}]*$"),
            "not": {"pattern": UNSAFE_IN_TEXT},
        })),
        Ty::Millis => json!({"type": "integer", "minimum": 0, "maximum": 86_400_000}),
        Ty::StatusList => list(status),
        Ty::MemberList => {
            list(json!({"type": "string", "pattern": "^[a-z][a-z0-9]*([._][a-z0-9]+)*$"}))
        }
        Ty::Choice(c) => json!({"enum": c}),
        Ty::ChoiceList(c) => list(json!({"enum": c})),
        Ty::Entries(s) => json!({"type": ["array", "null"], "items": section_schema(s)}),
    };
    if let Value::Object(m) = &mut v {
        m.insert("description".into(), json!(key.doc));
    }
    v
}

/// `if` the entry's `key` is one of `values`, `then` the entry must match.
fn when(key: &str, values: &[&str], then: Value) -> Value {
    json!({"if": {"properties": {key: {"enum": values}}, "required": [key]}, "then": then})
}

/// The rules on members that a schema can check entry by entry: the kinds
/// the runtime reads, and which members may list values.
fn member_rules() -> Vec<Value> {
    let no_values = json!({"properties": {"values": {"maxItems": 0}}});
    let mut rules = vec![
        when("kind", &["integer", "json"], no_values.clone()),
        when("name", &["type"], no_values.clone()),
    ];
    for &(name, kind) in RUNTIME_MEMBERS {
        rules.push(match kind {
            FieldKind::String => when(
                "name",
                &[name],
                json!({"properties": {"kind": {"const": "string"}}}),
            ),
            _ => when(
                "name",
                &[name],
                json!({"properties": {"kind": {"const": "integer"}}, "required": ["kind"]}),
            ),
        });
    }
    // Members whose vocabulary enum would take the name of a generated or
    // prelude type: every way of writing the type's words as a member name.
    let mut clashing = Vec::new();
    for ty in GENERATED_TYPES.iter().chain(naming::SHADOWING) {
        let mut words: Vec<String> = Vec::new();
        for c in ty.chars() {
            match words.last_mut() {
                Some(word) if !c.is_ascii_uppercase() => word.push(c),
                _ => words.push(c.to_ascii_lowercase().to_string()),
            }
        }
        let mut names = vec![String::new()];
        for (i, w) in words.iter().enumerate() {
            names = names
                .iter()
                .flat_map(|n| {
                    if i == 0 {
                        vec![w.clone()]
                    } else {
                        vec![format!("{n}_{w}"), format!("{n}.{w}")]
                    }
                })
                .collect();
        }
        clashing.extend(names.into_iter().filter(|n| naming::camel(n) == *ty));
    }
    let clashing: Vec<&str> = clashing.iter().map(String::as_str).collect();
    rules.push(when("name", &clashing, no_values));
    rules
}

/// A problem has a `title`, or says `untitled: true` (and then has no
/// title, and a status whose reason phrase stands in for one).
fn problem_rules() -> Vec<Value> {
    let untitled = json!({"properties": {"untitled": {"const": true}}, "required": ["untitled"]});
    vec![json!({
        "if": untitled,
        "then": {"not": {"required": ["title"]}, "required": ["status"]},
        "else": {"required": ["title"]},
    })]
}

/// Backoff keys go with `retry: backoff`, `step_ms` with linear growth,
/// `reset` with `retry: after_reset`.
fn policy_rules() -> Vec<Value> {
    let backoff_only = json!({"not": {"anyOf": [
        {"required": ["growth"]}, {"required": ["initial_ms"]},
        {"required": ["step_ms"]}, {"required": ["max_ms"]},
    ]}});
    let linear = json!({"properties": {"growth": {"const": "linear"}}, "required": ["growth"]});
    vec![
        when(
            "retry",
            &["never", "after_reset", "reconnect"],
            backoff_only,
        ),
        when(
            "retry",
            &["never", "backoff", "reconnect"],
            json!({"not": {"required": ["reset"]}}),
        ),
        json!({"if": linear, "then": {"required": ["step_ms"]}, "else": {"not": {"required": ["step_ms"]}}}),
    ]
}

fn section_schema(section: &Section) -> Value {
    let mut props = Map::new();
    for k in section.keys {
        props.insert(k.name.to_string(), ty_schema(k));
    }
    let required: Vec<&str> = section
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| k.name)
        .collect();
    let mut schema = json!({
        "type": "object",
        "description": format!("{} ({})", section.doc, section.entry),
        "properties": props,
        "required": required,
        "additionalProperties": false,
    });
    if std::ptr::eq(section, &keys::FIELDS_SECTION) {
        schema["allOf"] = json!(member_rules());
    }
    if std::ptr::eq(section, &keys::PROBLEMS_SECTION) {
        schema["allOf"] = json!(problem_rules());
    }
    if std::ptr::eq(section, &keys::POLICIES_SECTION) {
        schema["allOf"] = json!(policy_rules());
    }
    if std::ptr::eq(section, &keys::HEADERS_SECTION) {
        schema["allOf"] = json!(header_rules());
    }
    if std::ptr::eq(section, &keys::DETAILS_SECTION) {
        schema["anyOf"] = json!([{"required": ["text"]}, {"required": ["templates"]}]);
    }
    schema
}

/// A header of a limit, the requests remaining or a reset says which
/// window; an API version has none.
fn header_rules() -> Vec<Value> {
    vec![
        when(
            "meaning",
            &["limit", "remaining", "reset"],
            json!({"required": ["window"]}),
        ),
        when(
            "meaning",
            &["api_version"],
            json!({"not": {"required": ["window"]}}),
        ),
    ]
}

/// The JSON Schema (draft 2020-12) of the spec format, pretty-printed with a
/// trailing newline. Editors with a YAML language server use it to check
/// `errors.yaml` as you type. It describes one file, a whole catalog or
/// one layered on another, so it requires no entry of any section.
pub fn json_schema() -> String {
    let mut props = Map::new();
    for s in keys::SECTIONS {
        props.insert(
            s.name.to_string(),
            json!({"type": ["array", "null"], "description": s.doc, "items": section_schema(s)}),
        );
    }
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://raw.githubusercontent.com/twitter-errors/twitter-errors/main/docs/errors.schema.json",
        "title": "Twitter (X) API error catalog (errors.yaml)",
        "description": "Generated from the spec model of twitter-errors-codegen by `twitter-errors schema`. Do not edit.",
        "type": "object",
        "properties": props,
        "additionalProperties": false,
    });
    let mut out = serde_json::to_string_pretty(&sorted(schema)).unwrap_or_default();
    out.push('\n');
    out
}

/// `v` with the members of every object in sorted order, whether or not
/// serde_json keeps insertion order (its `preserve_order` feature, which
/// any crate in the build can turn on), so that the text is always the same.
fn sorted(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut members: Vec<(String, Value)> = m.into_iter().collect();
            members.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(members.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}
