//! `Spec::layered_on_bundled` checks a file that adds to the bundled
//! catalog exactly as the build script that layers it reads it: the same
//! catalog when it is good, the same diagnostics when it is not, and none
//! of the false ones that checking the file alone gives.

use std::path::{Path, PathBuf};

use twitter_errors_codegen::{Builder, Spec, BUNDLED_SPEC};

fn downstream() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/downstream/errors.yaml")
}

#[test]
fn the_downstream_example_checks_as_its_build_script_reads_it() {
    let path = downstream();
    let spec = Spec::layered_on_bundled(&[&path]).unwrap_or_else(|e| panic!("{e}"));
    let built = Builder::new()
        .bundled()
        .spec(&path)
        .load()
        .expect("the build loads it");
    assert_eq!(spec, built);
    let bundled = Spec::parse("errors.yaml", BUNDLED_SPEC).expect("the catalog");
    assert_eq!(spec.codes.len(), bundled.codes.len() + 2);
    assert!(spec
        .codes
        .iter()
        .any(|c| c.code == 10001 && c.status == Some(403)));
    assert_eq!(
        spec.files,
        [PathBuf::from("bundled errors.yaml"), path.clone()]
    );
    // Generating works too, as in the build.
    Builder::new().generate_from(&spec).expect("it generates");
}

#[test]
fn checked_alone_the_file_lacks_what_the_bundled_catalog_defines() {
    let e = Spec::from_path(downstream()).expect_err("not a whole catalog");
    let text = e.to_string();
    assert!(
        text.contains("refers to status 403, which no `statuses:` entry defines"),
        "{text}"
    );
    assert!(text.contains("the spec defines no `json` format"), "{text}");
}

#[test]
fn a_mistake_in_a_layered_file_is_reported_as_the_build_reports_it() {
    let dir = std::env::temp_dir().join(format!("layered-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("errors.yaml");
    let text = std::fs::read_to_string(downstream())
        .expect("example")
        .replace("status: 503", "status: 599")
        .replace("name: upstream_unavailable", "name: rate_limit_exceeded");
    std::fs::write(&path, text).expect("write");
    let checked = Spec::layered_on_bundled(&[&path]).expect_err("broken");
    let built = Builder::new()
        .bundled()
        .spec(&path)
        .load()
        .expect_err("broken");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(checked.to_string(), built.to_string());
    let shown: Vec<String> = checked
        .diagnostics()
        .iter()
        .map(|d| format!("{}:{}: {}", d.location.line, d.location.column, d.message))
        .collect();
    assert_eq!(
        shown,
        [
            "16:11: duplicate name `rate_limit_exceeded`",
            "18:13: code 10002 refers to status 599, which no `statuses:` entry defines",
        ]
    );
    assert!(
        checked
            .to_string()
            .contains("help: code 88 at bundled errors.yaml:"),
        "{checked}"
    );
}
