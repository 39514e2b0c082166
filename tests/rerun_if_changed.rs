//! A crate that uses the generator the way the README says: its build
//! script reruns when its spec changes, and only then.
//!
//! The build is real (cargo, a temporary crate, the workspace's crates as
//! path dependencies), so this is the slowest test of the suite: the first
//! run compiles the dependencies into a shared target directory.

use std::path::{Path, PathBuf};

use twitter_errors_tests::build::{
    add_code, cargo, cargo_ok, fresh_dir, shared_target, text, workspace, write,
};

const NAME: &str = "rerun-probe";

fn manifest(ws: &Path) -> String {
    twitter_errors_tests::build::probe_manifest(ws, NAME)
}

const BUILD_RS: &str = r#"fn main() { twitter_errors_codegen::Builder::new().spec("errors.yaml").generate().unwrap(); }
"#;

const LIB_RS: &str = r#"//! A catalog of its own.
#![deny(warnings, missing_docs)]
include!(concat!(env!("OUT_DIR"), "/errors.rs"));
"#;

const NEW_CODE: &str = "  - code: 99901
    name: probe_added
    message: Probe added.
    status: 400
    retry: never
    description: Added by the test after the first build.
";

/// Whether cargo ran the probe's build script in this (verbose) build.
fn ran_build_script(log: &str) -> bool {
    log.lines().any(|l| {
        l.trim_start().starts_with("Running")
            && l.contains(&format!("build{}{NAME}-", std::path::MAIN_SEPARATOR))
            && l.contains("build-script-build")
    })
}

fn fresh(log: &str) -> bool {
    log.lines()
        .any(|l| l.trim_start().starts_with(&format!("Fresh {NAME} ")))
}

/// The `output` file of the probe's most recent build-script run: what the
/// script printed to cargo.
fn script_output() -> String {
    let dir = shared_target().join("debug").join("build");
    let newest: Option<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{NAME}-"))
        })
        .map(|e| e.path().join("output"))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .max();
    let (_, path) = newest.expect("the build script ran once");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_build_script_reruns_for_the_spec_and_nothing_else() {
    let ws = workspace();
    let dir = fresh_dir(NAME);
    write(&dir, "Cargo.toml", &manifest(&ws));
    std::fs::copy(ws.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    write(&dir, "build.rs", BUILD_RS);
    write(&dir, "src/lib.rs", LIB_RS);
    write(&dir, "notes.txt", "unrelated\n");
    std::fs::copy(ws.join("errors.yaml"), dir.join("errors.yaml")).unwrap();

    let first = cargo_ok(&dir, &["build", "-v"]);
    assert!(ran_build_script(&first), "{first}");
    // One line per spec file, and nothing else.
    let spec = dir.join("errors.yaml");
    assert_eq!(
        script_output(),
        format!("cargo:rerun-if-changed={}\n", spec.display())
    );

    let second = cargo_ok(&dir, &["build", "-v"]);
    assert!(fresh(&second), "{second}");
    assert!(!ran_build_script(&second), "{second}");

    // Files the generator does not read do not rerun it.
    write(&dir, "notes.txt", "still unrelated\n");
    write(&dir, "README.md", "# probe\n");
    let unrelated = cargo_ok(&dir, &["build", "-v"]);
    assert!(fresh(&unrelated), "{unrelated}");
    assert!(!ran_build_script(&unrelated), "{unrelated}");

    // Editing the spec does, and the new entry is usable at once.
    add_code(&spec, NEW_CODE);
    write(
        &dir,
        "examples/probe.rs",
        "fn main() { println!(\"{}\", rerun_probe::ErrorCode::ProbeAdded); }\n",
    );
    let edited = cargo_ok(&dir, &["build", "-v"]);
    assert!(ran_build_script(&edited), "{edited}");
    let run = cargo(&dir, &["run", "-q", "--example", "probe"]);
    assert!(run.status.success(), "{}", text(&run));
    assert_eq!(String::from_utf8_lossy(&run.stdout), "99901 Probe added.\n");
}

#[test]
fn a_bad_spec_fails_the_build_with_located_diagnostics() {
    let ws = workspace();
    let dir = fresh_dir("bad-spec-probe");
    write(
        &dir,
        "Cargo.toml",
        &manifest(&ws).replace(&format!("name = \"{NAME}\""), "name = \"bad-spec-probe\""),
    );
    std::fs::copy(ws.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    write(&dir, "build.rs", BUILD_RS);
    write(&dir, "src/lib.rs", LIB_RS);
    let spec = dir.join("errors.yaml");
    std::fs::copy(ws.join("errors.yaml"), &spec).unwrap();
    // A status the catalog does not define.
    let undefined = (400..=599)
        .find(|&n| twitter_errors_tests::spec().status(n).is_none())
        .unwrap();
    add_code(
        &spec,
        &NEW_CODE.replace("status: 400", &format!("status: {undefined}")),
    );
    // The diagnostic points at the offending value: the status of the new
    // entry (the first `status: N` after its `code:` line).
    let text_now = std::fs::read_to_string(&spec).unwrap();
    let entry = text_now
        .lines()
        .position(|l| l == "  - code: 99901")
        .unwrap();
    let line = text_now
        .lines()
        .enumerate()
        .skip(entry)
        .find(|(_, l)| l.trim() == format!("status: {undefined}"))
        .unwrap()
        .0
        + 1;

    let output = cargo(&dir, &["build"]);
    let log = text(&output);
    assert!(!output.status.success(), "{log}");
    // Cargo indents what the build script printed; the lines are ours.
    let expected = format!(
        "error: errors.yaml:{line}:13: code 99901 refers to status {undefined}, which no `statuses:` entry defines\n"
    );
    assert!(log.contains(&expected), "{log}");
    assert!(
        log.contains(&format!(
            "  help: add a `statuses:` entry for {undefined}, or use one of "
        )),
        "{log}"
    );
    assert!(log.contains("1 error in the spec"), "{log}");
    // Our Display, not a Debug dump of the error.
    for soup in ["Diagnostic {", "Error {", "Location {", "inner:"] {
        assert!(!log.contains(soup), "{log}");
    }

    // The fix reruns the build script, which failed before reading a file.
    let text = std::fs::read_to_string(&spec)
        .unwrap()
        .replace(&format!("status: {undefined}"), "status: 400");
    std::fs::write(&spec, text).unwrap();
    cargo_ok(&dir, &["build"]);
}
