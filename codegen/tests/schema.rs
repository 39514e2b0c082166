//! The JSON Schema agrees with `check`, as a real JSON Schema validator
//! (the `jsonschema` crate) reads it: it accepts the catalog, the valid
//! fixture and the downstream example's layered file, and rejects every
//! broken fixture except those that only `check` can catch, which
//! CONTRIBUTING.md lists, each with its reason.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use twitter_errors_codegen::{json_schema, BUNDLED_SPEC};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&json_schema()).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid draft 2020-12 schema")
}

/// The file as an editor's YAML language server sees it: its values as
/// JSON, or `None` when it is not YAML that reads into values at all.
fn instance(bytes: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(bytes).ok()?;
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    serde_json::to_value(yaml).ok()
}

/// What the schema finds wrong with a file.
fn problems(bytes: &[u8]) -> Option<Vec<String>> {
    let value = instance(bytes)?;
    Some(
        validator()
            .iter_errors(&value)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect(),
    )
}

#[test]
fn the_schema_accepts_the_catalog_the_valid_fixture_and_a_layered_file() {
    for (name, bytes) in [
        ("the bundled catalog", BUNDLED_SPEC.as_bytes().to_vec()),
        (
            "the valid fixture",
            std::fs::read(root().join("fixtures/valid/errors.yaml")).expect("fixture"),
        ),
        (
            "the downstream example",
            std::fs::read(root().join("../examples/downstream/errors.yaml")).expect("example"),
        ),
    ] {
        assert_eq!(problems(&bytes), Some(vec![]), "{name}");
    }
}

/// The broken fixtures that CONTRIBUTING.md says only `check` catches: the
/// fixture names in backticks in that section.
fn listed_as_check_only(fixtures: &BTreeSet<String>) -> BTreeSet<String> {
    let doc = std::fs::read_to_string(root().join("../CONTRIBUTING.md")).expect("CONTRIBUTING.md");
    let Some(start) = doc.find("### What only `check` catches") else {
        return BTreeSet::new();
    };
    let section = &doc[start..];
    let section = &section[..section[4..].find("\n#").map_or(section.len(), |i| i + 4)];
    section
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|word| fixtures.contains(*word))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_schema_rejects_every_broken_fixture_but_those_only_check_catches() {
    let dir = root().join("fixtures/broken");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/broken")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    let fixtures: BTreeSet<String> = cases
        .iter()
        .filter_map(|p| Some(p.file_name()?.to_str()?.to_string()))
        .collect();
    assert!(fixtures.len() > 60, "{}", fixtures.len());
    let mut accepted = BTreeSet::new();
    let mut caught = 0;
    for (case, path) in fixtures.iter().zip(&cases) {
        let bytes = std::fs::read(path.join("errors.yaml")).expect("fixture");
        match problems(&bytes) {
            Some(found) if !found.is_empty() => caught += 1,
            _ => {
                accepted.insert(case.clone());
            }
        }
    }
    let listed = listed_as_check_only(&fixtures);
    let unlisted: Vec<_> = accepted.difference(&listed).collect();
    let caught_anyway: Vec<_> = listed.difference(&accepted).collect();
    assert!(
        unlisted.is_empty() && caught_anyway.is_empty(),
        "the schema misses {unlisted:?}, which CONTRIBUTING.md does not list as check-only; \
         it catches {caught_anyway:?}, which CONTRIBUTING.md lists"
    );
    assert!(caught > 35, "the schema catches only {caught} fixtures");
}

#[test]
fn the_spec_points_editors_at_the_schema_and_the_id_serves_it() {
    let spec = std::fs::read_to_string(root().join("../errors.yaml")).expect("errors.yaml");
    assert!(spec.starts_with("# yaml-language-server: $schema=docs/errors.schema.json\n"));
    let schema: Value = serde_json::from_str(&json_schema()).expect("JSON");
    assert_eq!(
        schema["$id"],
        "https://raw.githubusercontent.com/twitter-errors/twitter-errors/main/docs/errors.schema.json"
    );
    let committed = std::fs::read_to_string(root().join("../docs/errors.schema.json"))
        .expect("docs/errors.schema.json");
    assert!(
        committed.replace("\r\n", "\n") == json_schema(),
        "docs/errors.schema.json is stale: run `cargo run -- generate`"
    );
}
