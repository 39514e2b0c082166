//! The minimum supported Rust version: declared once in the workspace,
//! inherited by every crate, and met by every locked dependency.
//!
//! Only one toolchain is at hand where this runs, so the check is what the
//! newest one can tell: `rust-version` everywhere (which clippy's
//! `incompatible_msrv` lint reads to reject newer std APIs, see `.ci/run`),
//! the MSRV-aware resolver, and the `rust-version` of every package in the
//! lock file.

use std::path::Path;

const MSRV: &str = "1.85";

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// `1.85` or `1.85.0` as (major, minor, patch).
fn version(v: &str) -> (u32, u32, u32) {
    let mut parts = v.split('.').map(|p| p.parse::<u32>().unwrap());
    let major = parts.next().unwrap();
    let minor = parts.next().unwrap_or(0);
    let patch = parts.next().unwrap_or(0);
    (major, minor, patch)
}

fn metadata() -> serde_json::Value {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .current_dir(workspace())
        // Every feature: the optional integrations are part of the promise.
        .args([
            "metadata",
            "--format-version",
            "1",
            "--locked",
            "--all-features",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_workspace_declares_the_msrv_and_the_msrv_aware_resolver() {
    let manifest = std::fs::read_to_string(workspace().join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(&format!("\nrust-version = \"{MSRV}\"\n")),
        "[workspace.package] declares rust-version = \"{MSRV}\""
    );
    assert!(
        manifest.contains("\nresolver = \"3\"\n"),
        "resolver 3 picks dependencies by rust-version"
    );
}

#[test]
fn every_crate_inherits_it() {
    let meta = metadata();
    let members: Vec<&str> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let mut seen = 0;
    for package in meta["packages"].as_array().unwrap() {
        if !members.contains(&package["id"].as_str().unwrap()) {
            continue;
        }
        seen += 1;
        let name = package["name"].as_str().unwrap();
        assert_eq!(
            package["rust_version"].as_str().map(version),
            Some(version(MSRV)),
            "{name} declares the workspace's rust-version"
        );
        let path = package["manifest_path"].as_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        assert!(
            text.contains("\nrust-version.workspace = true\n"),
            "{path} inherits rust-version from the workspace"
        );
    }
    assert_eq!(seen, members.len());
    assert!(seen >= 5, "{members:?}");
}

/// Published crates: what users build, and so what the MSRV promises.
/// Test-only crates (this one, the benchmarks, the example) and
/// dev-dependencies are not part of the promise.
fn published(package: &serde_json::Value) -> bool {
    package["publish"]
        .as_array()
        .is_none_or(|registries| !registries.is_empty())
}

#[test]
fn every_dependency_of_the_published_crates_builds_on_it() {
    let meta = metadata();
    let msrv = version(MSRV);
    let packages = meta["packages"].as_array().unwrap();
    let by_id = |id: &str| packages.iter().find(|p| p["id"] == id).unwrap();
    let nodes = meta["resolve"]["nodes"].as_array().unwrap();
    let members: Vec<&str> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    // Walk normal and build dependencies from the published members.
    let mut todo: Vec<&str> = members
        .iter()
        .copied()
        .filter(|id| published(by_id(id)))
        .collect();
    assert!(todo.len() >= 3, "{todo:?}");
    let mut seen: Vec<&str> = Vec::new();
    while let Some(id) = todo.pop() {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let node = nodes.iter().find(|n| n["id"] == id).unwrap();
        for dep in node["deps"].as_array().unwrap() {
            let shipped = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].as_str() != Some("dev"));
            if shipped {
                todo.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    let mut too_new = Vec::new();
    for id in &seen {
        let package = by_id(id);
        if let Some(v) = package["rust_version"].as_str() {
            if version(v) > msrv {
                too_new.push(format!(
                    "{} {} needs {v}",
                    package["name"], package["version"]
                ));
            }
        }
    }
    assert!(
        too_new.is_empty(),
        "dependencies newer than the MSRV: {too_new:?}"
    );
    // The check saw the real graph, not an empty one.
    assert!(seen.iter().any(|id| by_id(id)["name"] == "syn"));
    assert!(seen.iter().any(|id| by_id(id)["name"] == "serde_json"));
    assert!(seen.iter().any(|id| by_id(id)["name"] == "axum"));
    assert!(seen.iter().any(|id| by_id(id)["name"] == "reqwest"));
}
