//! The JSON Schema of `errors.yaml`, built from the same key tables the
//! loader uses.

use serde_json::{json, Map, Value};

use crate::spec::keys::{self, Key, Section, Ty};

fn ty_schema(key: &Key) -> Value {
    let mut v = match key.ty {
        Ty::Text => json!({"type": "string", "minLength": 1, "pattern": "\\S"}),
        Ty::Ident => {
            json!({"type": "string", "pattern": "^[a-z][a-z0-9]*(_[a-z0-9]+)*$", "not": {"enum": keys::RESERVED}})
        }
        Ty::Member => json!({"type": "string", "pattern": "^[a-z][a-z0-9]*([._][a-z0-9]+)*$"}),
        Ty::Header => json!({"type": "string", "pattern": "^[a-z0-9-]+$"}),
        Ty::StatusCode => json!({"type": "integer", "minimum": 100, "maximum": 599}),
        Ty::ErrorCode => json!({"type": "integer", "minimum": 0, "maximum": u32::MAX}),
        Ty::ProblemUri => {
            json!({"type": "string", "pattern": "^(about:blank|https?://[a-z0-9-]+(\\.[a-z0-9-]+)+/\\S*[^/\\s])$"})
        }
        Ty::Prefix => {
            json!({"type": "string", "pattern": "^https?://[a-z0-9-]+(\\.[a-z0-9-]+)+/(\\S*/)?$"})
        }
        Ty::Bool => json!({"type": "boolean"}),
        Ty::TextList => {
            json!({"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": true})
        }
        Ty::StatusList => {
            json!({"type": "array", "items": {"type": "integer", "minimum": 100, "maximum": 599}, "uniqueItems": true})
        }
        Ty::Choice(c) => json!({"enum": c}),
        Ty::ChoiceList(c) => json!({"type": "array", "items": {"enum": c}, "uniqueItems": true}),
        Ty::Entries(s) => json!({"type": "array", "items": section_schema(s)}),
    };
    if let Value::Object(m) = &mut v {
        m.insert("description".into(), json!(key.doc));
    }
    v
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
    json!({
        "type": "object",
        "description": format!("{} ({})", section.doc, section.entry),
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

/// The JSON Schema (draft 2020-12) of the spec format, pretty-printed with a
/// trailing newline. Editors with a YAML language server use it to check
/// `errors.yaml` as you type.
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
        "$id": "https://github.com/twitter-errors/twitter-errors/blob/main/docs/errors.schema.json",
        "title": "Twitter (X) API error catalog (errors.yaml)",
        "description": "Generated from the spec model of twitter-errors-codegen by `twitter-errors schema`. Do not edit.",
        "type": "object",
        "properties": props,
        "additionalProperties": false,
    });
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}
