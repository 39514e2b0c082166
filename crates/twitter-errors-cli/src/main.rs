//! `twitter-errors`: look up, check and render the Twitter (X) API error
//! catalog.

/// `println!` that ends the process quietly when stdout is closed (as in
/// `twitter-errors explain 88 | head -1`) instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("twitter-errors: stdout: {e}");
            std::process::exit(2);
        }
    }};
}

mod codec;
mod explain;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
twitter-errors: the Twitter (X) API error catalog

USAGE:
    twitter-errors explain VALUE       show a code (88), status (420 or http:420),
                                       or v2 problem (name, slug or URI)
    twitter-errors check [FILE]        validate a spec (default: errors.yaml)
    twitter-errors docs [FILE] [--out PATH] [--check]
                                       render the Markdown reference
                                       (default: docs/ERRORS.md)
    twitter-errors schema [--out PATH] [--check]
                                       print the JSON Schema of the spec format
    twitter-errors decode [--format auto|json|xml|jsonp|v2] [--status N]
                          [--header NAME:VALUE]... [--reencode]
                                       decode the error body on stdin and print
                                       it typed, as JSON; with --status, the
                                       whole response (retry decision, rate
                                       limits); with --reencode, the body
                                       encoded back in its own format
    twitter-errors encode CODE... --format json|xml|jsonp [--callback NAME]
                                       print an error body for catalog codes
    twitter-errors help                this text

A number that is both a code and a status (404) shows both; write code:404 or
http:404 to pick one.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("twitter-errors: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some((cmd, rest)) = args.split_first() else {
        outln!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    match cmd.as_str() {
        "explain" => match rest {
            [value] => Ok(explain::explain(value)),
            _ => Err("usage: twitter-errors explain VALUE".into()),
        },
        "check" => check(rest),
        "docs" => docs(rest),
        "schema" => schema(rest),
        "decode" => codec::decode(rest),
        "encode" => codec::encode(rest),
        "help" | "--help" | "-h" => {
            outln!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!(
            "unknown command `{other}`; run `twitter-errors help`"
        )),
    }
}

/// The spec file: the argument, or `errors.yaml` in the current directory.
fn spec_path(arg: Option<&String>) -> PathBuf {
    arg.map_or_else(|| PathBuf::from("errors.yaml"), PathBuf::from)
}

fn load(path: &Path, defaulted: bool) -> Result<twitter_errors_codegen::Spec, ExitCode> {
    twitter_errors_codegen::Spec::from_path(path).map_err(|e| {
        eprintln!("{e}");
        if defaulted && e.category() == twitter_errors_codegen::Category::Io {
            eprintln!(
                "  help: run this from the folder that holds errors.yaml (the repository root), or give the spec's path"
            );
        }
        ExitCode::FAILURE
    })
}

fn check(rest: &[String]) -> Result<ExitCode, String> {
    if rest.len() > 1 {
        return Err("usage: twitter-errors check [FILE]".into());
    }
    let path = spec_path(rest.first());
    let spec = match load(&path, rest.is_empty()) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    // Generating catches anything validation let through.
    if let Err(e) = twitter_errors_codegen::Builder::new().generate_from(&spec) {
        eprintln!("{e}");
        return Ok(ExitCode::FAILURE);
    }
    outln!(
        "{}: ok ({} statuses, {} codes, {} problem types, {} fields)",
        path.display(),
        spec.statuses.len(),
        spec.codes.len(),
        spec.problems.len(),
        spec.fields.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Parses `[FILE] [--out PATH] [--check]`.
struct OutArgs {
    file: Option<String>,
    out: Option<PathBuf>,
    check: bool,
}

fn out_args(rest: &[String], takes_file: bool) -> Result<OutArgs, String> {
    let mut a = OutArgs {
        file: None,
        out: None,
        check: false,
    };
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out" => a.out = Some(PathBuf::from(it.next().ok_or("--out needs a path")?)),
            "--check" => a.check = true,
            s if takes_file && a.file.is_none() && !s.starts_with("--") => a.file = Some(s.into()),
            s => return Err(format!("unexpected argument `{s}`")),
        }
    }
    Ok(a)
}

/// Writes `text` to `out` (or stdout), or with `check` compares instead and
/// fails when the file is stale.
fn emit(text: &str, out: Option<&Path>, check: bool, regenerate: &str) -> Result<ExitCode, String> {
    match (out, check) {
        (Some(path), true) => {
            let current = std::fs::read_to_string(path).unwrap_or_default();
            if current.replace("\r\n", "\n") == text {
                outln!("{}: up to date", path.display());
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!(
                    "{} is stale: run `{regenerate}` and commit the result",
                    path.display()
                );
                Ok(ExitCode::FAILURE)
            }
        }
        (Some(path), false) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            outln!("wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        (None, true) => Err("--check needs --out PATH".into()),
        (None, false) => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .map_err(|e| format!("stdout: {e}"))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn docs(rest: &[String]) -> Result<ExitCode, String> {
    let mut a = out_args(rest, true)?;
    if a.out.is_none() {
        a.out = Some(PathBuf::from("docs/ERRORS.md"));
    }
    let path = spec_path(a.file.as_ref());
    let spec = match load(&path, a.file.is_none()) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let md = twitter_errors_codegen::markdown(&spec);
    let out = a.out.as_deref().filter(|p| p.as_os_str() != "-");
    emit(&md, out, a.check, "cargo run -- docs")
}

fn schema(rest: &[String]) -> Result<ExitCode, String> {
    let a = out_args(rest, false)?;
    emit(
        &twitter_errors_codegen::json_schema(),
        a.out.as_deref(),
        a.check,
        "cargo run -- schema --out docs/errors.schema.json",
    )
}
