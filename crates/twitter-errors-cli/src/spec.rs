//! `check`, `docs` and `schema`: the spec tools.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::io::IsTerminal as _;

use twitter_errors_codegen::{Builder, Error, Spec, Style};

/// The longest spec read from stdin.
const MAX_SPEC: usize = 16 << 20;

/// The name a spec goes by in diagnostics and in `check`'s verdict:
/// `<stdin>` for `-`, else its path.
fn source_name(path: &Path) -> PathBuf {
    if path.as_os_str() == "-" {
        PathBuf::from("<stdin>")
    } else {
        path.to_path_buf()
    }
}

/// Reads and validates a spec file (`-`: stdin), alone or layered on the
/// bundled catalog as `Builder::new().bundled().spec(FILE)` layers it;
/// prints what is wrong.
fn load(path: &Path, bundled: bool, short: bool, color: bool) -> Result<Spec, ExitCode> {
    let bytes = crate::read_input(path, MAX_SPEC).map_err(|e| {
        // Like a diagnostic, the message starts with the file.
        eprintln!("{e}");
        if path == Path::new("errors.yaml") && !path.exists() {
            eprintln!(
                "  help: run this from the folder that holds errors.yaml (the repository root), or give the spec's path"
            );
        }
        ExitCode::FAILURE
    })?;
    let mut sources = Vec::new();
    if bundled {
        sources.push((
            PathBuf::from("bundled errors.yaml"),
            twitter_errors_codegen::BUNDLED_SPEC.as_bytes().to_vec(),
        ));
    }
    sources.push((source_name(path), bytes));
    Spec::from_sources(&sources).map_err(|e| report(&e, short, color))
}

/// Prints a spec error: each problem with its source line, the span
/// underlined and the hint below, or with `short` one
/// `file:line:column: message` line each (with the hint), so that editors
/// and CI can read it.
fn report(e: &Error, short: bool, color: bool) -> ExitCode {
    eprintln!("{}", e.render(Style::default().color(color).short(short)));
    ExitCode::FAILURE
}

pub fn check(path: &Path, bundled: bool, short: bool, color: bool) -> ExitCode {
    let spec = match load(path, bundled, short, color) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // Generating catches anything validation let through.
    if let Err(e) = Builder::new().generate_from(&spec) {
        return report(&e, short, color);
    }
    outln!(
        "{}: ok ({} statuses, {} codes, {} problem types, {} fields)",
        source_name(path).display(),
        spec.statuses.len(),
        spec.codes.len(),
        spec.problems.len(),
        spec.fields.len()
    );
    ExitCode::SUCCESS
}

/// Writes `text` to `out` (`-`: stdout), or with `check` compares instead
/// and fails when the file is stale.
fn emit(text: &str, out: &Path, check: bool, regenerate: &str) -> ExitCode {
    let stdout = out.as_os_str() == "-";
    match (stdout, check) {
        (false, true) => {
            let current = std::fs::read_to_string(out).unwrap_or_default();
            if current.replace("\r\n", "\n") == text {
                outln!("{}: up to date", out.display());
                ExitCode::SUCCESS
            } else {
                crate::fail(format_args!(
                    "{} is stale: run `{regenerate}` and commit the result",
                    out.display()
                ))
            }
        }
        (false, false) => {
            if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                if let Err(e) = std::fs::create_dir_all(dir) {
                    return crate::fail(format_args!("{}: {e}", dir.display()));
                }
            }
            if let Err(e) = std::fs::write(out, text) {
                return crate::fail(format_args!("{}: {e}", out.display()));
            }
            outln!("wrote {}", out.display());
            ExitCode::SUCCESS
        }
        (true, true) => crate::fail("--check needs --out PATH"),
        (true, false) => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(text.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => crate::fail(format_args!("stdout: {e}")),
            }
        }
    }
}

pub fn docs(path: &Path, out: &Path, check: bool) -> ExitCode {
    let spec = match load(path, false, !std::io::stderr().is_terminal(), false) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let md = twitter_errors_codegen::markdown(&spec);
    emit(&md, out, check, "cargo run -- docs")
}

pub fn schema(out: &Path, check: bool) -> ExitCode {
    emit(
        &twitter_errors_codegen::json_schema(),
        out,
        check,
        "cargo run -- schema --out docs/errors.schema.json",
    )
}
