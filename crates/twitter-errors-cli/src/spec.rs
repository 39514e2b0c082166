//! `check`, `generate`, `docs` and `schema`: the spec tools.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use twitter_errors_codegen::{Builder, Error, Spec, Style};

/// The longest spec read: one byte more than a spec may hold, so that the
/// loader refuses a larger one with its own diagnostic.
const MAX_SPEC: usize = twitter_errors_codegen::spec::MAX_BYTES + 1;

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
        eprintln!("{}", twitter_errors::shown(&e));
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
    Spec::from_sources(&sources).map_err(|e| {
        let code = report(&e, short, color);
        // A file that lacks what only the bundled catalog defines is most
        // likely a layer on it.
        let layer = !e.diagnostics().is_empty()
            && e.diagnostics().iter().all(|d| {
                d.message.starts_with("the spec defines no `")
                    || d.message.contains("which no `statuses:` entry defines")
                    || d.message.contains("says `replaces: true`, but no file before this one defines it")
            });
        if layer && !bundled {
            eprintln!(
                "hint: if {} adds to the bundled catalog (a build script's `Builder::new().bundled().spec(..)`), check it on top of it: twitter-errors check --bundled {}",
                twitter_errors::shown(&source_name(path).display().to_string()),
                twitter_errors::shown(&path.display().to_string())
            );
        }
        code
    })
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
        twitter_errors::shown(&source_name(path).display().to_string()),
        spec.statuses.len(),
        spec.codes.len(),
        spec.problems.len(),
        spec.fields.len()
    );
    ExitCode::SUCCESS
}

/// Writes `text` to `out` (`-`: stdout).
fn emit(text: &str, out: &Path) -> ExitCode {
    if out.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        return match stdout.write_all(text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => crate::fail(format_args!("stdout: {e}")),
        };
    }
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

pub fn docs(path: &Path, bundled: bool, out: &Path, short: bool, color: bool) -> ExitCode {
    let spec = match load(path, bundled, short, color) {
        Ok(s) => s,
        Err(code) => return code,
    };
    emit(&twitter_errors_codegen::markdown(&spec), out)
}

pub fn schema(out: &Path) -> ExitCode {
    emit(&twitter_errors_codegen::json_schema(), out)
}

/// Refreshes (or with `check`, compares) every file of the repository that
/// is derived from another: the runtime's bundled catalog, the docs, the
/// schema, the generator's copy of the catalog.
pub fn generate(check: bool, short: bool, color: bool) -> ExitCode {
    use twitter_errors_codegen::workspace;

    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => return crate::fail(format_args!("the current directory: {e}")),
    };
    let Some(root) = workspace::find_root(&cwd) else {
        return crate::fail(
            "not inside a clone of the twitter-errors repository: `generate` refreshes the files \
             a clone derives from its errors.yaml (for a catalog of your own, see `docs` and the \
             generator's Builder)",
        );
    };
    let files = match workspace::derived(&root) {
        Ok(f) => f,
        Err(e) if e.category() == twitter_errors_codegen::Category::Spec => {
            return report(&e, short, color)
        }
        Err(e) => return crate::fail(e),
    };
    let total = files.len();
    if check {
        let stale: Vec<_> = files.iter().filter(|f| !f.is_fresh(&root)).collect();
        if stale.is_empty() {
            outln!("generate: all {total} derived files are up to date");
            return ExitCode::SUCCESS;
        }
        for f in &stale {
            eprintln!(
                "twitter-errors: {} is stale (derived from {})",
                f.path, f.source
            );
        }
        eprintln!(
            "  help: run `cargo run -- generate` and commit the files it writes ({} of {total})",
            stale.len()
        );
        return ExitCode::FAILURE;
    }
    let mut written = 0;
    for f in &files {
        match f.refresh(&root) {
            Ok(true) => {
                written += 1;
                outln!("wrote {}", f.path);
            }
            Ok(false) => {}
            Err(e) => return crate::fail(e),
        }
    }
    if written == 0 {
        outln!("generate: all {total} derived files were up to date");
    } else {
        outln!("generate: wrote {written} of {total} derived files; commit them with errors.yaml");
    }
    ExitCode::SUCCESS
}
