//! The JSON Schema agrees with the loader: it accepts the catalog and the
//! valid fixture, and rejects the broken fixtures whose mistake a schema can
//! see (types, missing or unknown keys, ranges, patterns, choices).
//!
//! A small validator for the keywords the schema uses keeps this test free
//! of a full JSON Schema implementation.

use std::path::Path;

use serde_json::Value;
use twitter_errors_codegen::{json_schema, BUNDLED_SPEC};

/// Every problem `value` has under `schema`, by JSON pointer.
fn validate(schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let mut fail = |what: String| errors.push(format!("{at}: {what}"));
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "boolean" => value.is_boolean(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            "null" => value.is_null(),
            _ => false,
        });
        if !ok {
            fail(format!("{value} is not of type {types:?}"));
            return;
        }
    }
    if let Some(Value::Array(options)) = schema.get("enum") {
        if !options.contains(value) {
            fail(format!("{value} is not one of {options:?}"));
        }
    }
    if let Some(Value::Object(not)) = schema.get("not") {
        let mut inner = Vec::new();
        validate(&Value::Object(not.clone()), value, at, &mut inner);
        if inner.is_empty() {
            fail(format!("{value} matches a forbidden schema"));
        }
    }
    if let Value::String(s) = value {
        if let Some(p) = schema.get("pattern").and_then(Value::as_str) {
            let re = regex::Regex::new(p).expect("the schema's patterns compile");
            if !re.is_match(s) {
                fail(format!("{s:?} does not match {p}"));
            }
        }
        if let Some(n) = schema.get("minLength").and_then(Value::as_u64) {
            if (s.chars().count() as u64) < n {
                fail(format!("{s:?} is shorter than {n}"));
            }
        }
    }
    if let Some(n) = value.as_i64() {
        if schema
            .get("minimum")
            .and_then(Value::as_i64)
            .is_some_and(|m| n < m)
        {
            fail(format!("{n} is below the minimum"));
        }
        if schema
            .get("maximum")
            .and_then(Value::as_i64)
            .is_some_and(|m| n > m)
        {
            fail(format!("{n} is above the maximum"));
        }
    }
    if let Value::Array(items) = value {
        if let Some(item_schema) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                validate(item_schema, item, &format!("{at}/{i}"), errors);
            }
        }
        if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
            for (i, item) in items.iter().enumerate() {
                if items[..i].contains(item) {
                    errors.push(format!("{at}/{i}: {item} repeats an earlier item"));
                }
            }
        }
    }
    if let Value::Object(map) = value {
        let props = schema.get("properties").and_then(Value::as_object);
        if let Some(Value::Array(required)) = schema.get("required") {
            for r in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(r) {
                    errors.push(format!("{at}: `{r}` is missing"));
                }
            }
        }
        for (k, v) in map {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(s, v, &format!("{at}/{k}"), errors),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{at}: unknown key `{k}`"));
                }
                None => {}
            }
        }
    }
}

fn check(text: &str) -> Option<Vec<String>> {
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    let value = serde_json::to_value(yaml).ok()?;
    let schema: Value = serde_json::from_str(&json_schema()).expect("the schema is JSON");
    let mut errors = Vec::new();
    validate(&schema, &value, "", &mut errors);
    Some(errors)
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
        .join("errors.yaml");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_schema_accepts_the_catalog_and_the_valid_fixture() {
    assert_eq!(check(BUNDLED_SPEC), Some(vec![]));
    assert_eq!(check(&fixture("valid")), Some(vec![]));
}

#[test]
fn the_schema_rejects_what_it_can_see() {
    let cases = [
        "bool_given_a_text",
        "code_out_of_range",
        "entry_not_a_mapping",
        "flow_list_item_out_of_range",
        "invalid_identifier",
        "invalid_member_name",
        "list_given_a_text",
        "malformed_prefix",
        "malformed_problem_uri",
        "missing_required_key",
        "nested_values_flow_mapping",
        "number_in_quotes",
        "other_status_repeats_status",
        "rust_keyword",
        "section_not_a_list",
        "status_not_whole",
        "status_out_of_range",
        "text_given_a_mapping",
        "text_given_a_number",
        "unknown_api",
        "unknown_choice",
        "unknown_key_in_values",
        "unknown_key_no_suggestion",
        "unknown_key_typo",
        "unknown_section_typo",
        "empty_text",
        "empty_description",
    ];
    for case in cases {
        let errors = check(&fixture(&format!("broken/{case}"))).expect("the fixture is YAML");
        assert!(!errors.is_empty(), "the schema accepts broken/{case}");
    }
}

#[test]
fn the_spec_points_editors_at_the_schema() {
    assert!(BUNDLED_SPEC.starts_with("# yaml-language-server: $schema=docs/errors.schema.json\n"));
}
