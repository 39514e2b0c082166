//! `twitter-errors`: look up, check and render the Twitter (X) API error
//! catalog, and decode and encode its error bodies.

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
            std::process::exit(1);
        }
    }};
}

mod codec;
mod explain;
mod human;
mod spec;
mod view;

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit status:
  0  success
  1  not found, or invalid input (a bad spec, a body that does not decode)
  2  usage error (an unknown command, flag or value)";

/// The Twitter (X) API error catalog: look up codes, statuses and problem
/// types, check the spec, and decode and encode error bodies.
#[derive(Parser)]
#[command(name = "twitter-errors", version, after_long_help = EXIT_CODES)]
struct Cli {
    /// When to use colour: `auto` uses it on a terminal unless NO_COLOR is
    /// set.
    #[arg(long, value_enum, global = true, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,

    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Show what the catalog says of a code, status, problem, member, header or text
    #[command(after_long_help = "\
A number that is both a code and a status (404) shows both; write code:404
or http:404 to pick one. A problem matches by name, slug or URI under any
host it was served from; a message text finds the code that sends it, and a
v2 detail text the cause it names. Qualify a value to pick its kind: code:,
http:, problem:, member:, header:, detail:, policy:, stream:, disconnect:.
When nothing matches, the closest entries are suggested.

Examples:
  twitter-errors explain 88
  twitter-errors explain http:420
  twitter-errors explain invalid-request
  twitter-errors explain https://api.x.com/2/problems/usage-capped
  twitter-errors explain \"Rate limit exceeded.\"
  twitter-errors explain \"Could not find tweet with id: [20].\"
  twitter-errors explain account_id
  twitter-errors explain api-version
  twitter-errors explain --json 402")]
    Explain {
        /// A code (88), a status (420, http:404), a problem name, slug or
        /// URI, a message or detail text, a member (account_id), a header
        /// (x-rate-limit-reset), a retry policy, a stream (v2), or a
        /// disconnect code (disconnect:4).
        #[arg(value_parser = non_empty)]
        value: String,
        /// Print the entries (or the closest ones) as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Validate a spec and report every mistake with its line and column
    #[command(after_long_help = "\
Examples:
  twitter-errors check                    # errors.yaml in this folder
  twitter-errors check path/to/errors.yaml
  twitter-errors check --bundled my-errors.yaml  # a spec layered on the bundled catalog
  twitter-errors check --message-format short    # file:line:col: message, one per line")]
    Check {
        /// The spec to check (`-` for stdin).
        #[arg(default_value = "errors.yaml")]
        file: PathBuf,
        /// Check FILE as a layer on the bundled catalog, as a build script
        /// with `Builder::new().bundled().spec(FILE)` reads it.
        #[arg(long)]
        bundled: bool,
        /// `human` (the default, as rustc's): each problem with its source
        /// line, the span underlined and its hint; `short`: one
        /// `file:line:column: message` line each, for editors.
        #[arg(long, value_enum, value_name = "FORMAT", default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
    },
    /// Refresh every file the repository derives from errors.yaml
    #[command(after_long_help = "\
Run it at the root of a clone (or anywhere inside one) after editing
errors.yaml: it writes the runtime crate's generated catalog
(crates/twitter-errors/src/bundled.rs), docs/ERRORS.md,
docs/errors.schema.json and the generator's copy of the catalog, each only
when it changed. A spec with mistakes is reported as `check` reports it, and
nothing is written.

Examples:
  twitter-errors generate
  twitter-errors generate --check   # exit 1 naming each stale file (CI)")]
    Generate {
        /// Compare instead of writing, and fail naming each stale file.
        #[arg(long)]
        check: bool,
        /// How to print spec mistakes, as for `check`.
        #[arg(long, value_enum, value_name = "FORMAT", default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
    },
    /// Render the Markdown reference of a spec
    #[command(after_long_help = "\
In a clone of the repository, `generate` writes docs/ERRORS.md; this prints
the reference of any spec, such as a catalog of your own.

Examples:
  twitter-errors docs                           # errors.yaml in this folder
  twitter-errors docs --bundled my-errors.yaml  # a layer on the bundled catalog
  twitter-errors docs my-errors.yaml --out ERRORS.md")]
    Docs {
        /// The spec to render (`-` for stdin).
        #[arg(default_value = "errors.yaml")]
        file: PathBuf,
        /// Render FILE layered on the bundled catalog, as a build script
        /// with `Builder::new().bundled().spec(FILE)` reads it.
        #[arg(long)]
        bundled: bool,
        /// Where to write it (`-` for stdout).
        #[arg(long, default_value = "-", value_name = "PATH")]
        out: PathBuf,
    },
    /// Print the JSON Schema of the spec format
    #[command(after_long_help = "\
Editors with a YAML language server read it to check a spec as it is typed.

Examples:
  twitter-errors schema
  twitter-errors schema --out errors.schema.json")]
    Schema {
        /// Where to write it (`-` for stdout).
        #[arg(long, default_value = "-", value_name = "PATH")]
        out: PathBuf,
    },
    /// Decode an error body: what it says, and whether and when to retry
    #[command(after_long_help = "\
Prints a summary: each error with its catalog entry and, with --status, the
whole response judged (success, a v2 partial result, or a failure with its
limit and retry decision). --json prints the full typed view instead. With
--lines, the input is a captured stream (one message a line, blank
keep-alive lines between): each in-band error is reported with its line and
decision. With --reencode, the body is written back in its own format.

Examples:
  twitter-errors decode body.json
  curl -s https://api.x.com/2/tweets/1 | twitter-errors decode --status 401
  twitter-errors decode --status 429 --header x-rate-limit-reset:1700000000 body.json
  twitter-errors decode --lines stream.txt
  twitter-errors decode --json body.json
  twitter-errors decode --reencode body.xml")]
    Decode {
        /// The body (`-` for stdin).
        #[arg(default_value = "-")]
        file: PathBuf,
        /// The body's format; `auto` tells it from the body.
        #[arg(long, value_enum, default_value_t = DecodeFormat::Auto)]
        format: DecodeFormat,
        /// Judge the whole response, served with this HTTP status.
        #[arg(long, value_name = "N")]
        status: Option<u16>,
        /// A response header, for --status (repeatable).
        #[arg(long = "header", value_name = "NAME:VALUE", value_parser = header, requires = "status")]
        headers: Vec<(String, String)>,
        /// Print the body encoded back in its own format.
        #[arg(long, conflicts_with_all = ["status", "lines", "json"])]
        reencode: bool,
        /// Read a captured stream: one message a line (each held to a
        /// body's size limit, up to 64 MiB in all).
        #[arg(long, conflicts_with = "status")]
        lines: bool,
        /// Print the typed view as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print an error body: v1.1 codes, or v2 problem types
    #[command(after_long_help = "\
For mocks and tests. v1.1 formats take codes or code names; a code the
catalog does not know needs its text (--message). v2 takes problem names,
slugs or URIs: the first is the body's problem, the others its `errors`.

Examples:
  twitter-errors encode 34
  twitter-errors encode 130 131 --format xml
  twitter-errors encode rate_limit_exceeded --format jsonp --callback handle.error
  twitter-errors encode 99999 --message \"Widget jammed.\"
  twitter-errors encode --format v2 invalid-request --detail \"The id is not valid.\"")]
    Encode {
        /// Codes (34) or code names (page_does_not_exist); with
        /// `--format v2`, problem names, slugs or URIs.
        #[arg(required = true, value_parser = non_empty)]
        entries: Vec<String>,
        /// The format to write.
        #[arg(long, value_enum, default_value_t = EncodeFormat::Json)]
        format: EncodeFormat,
        /// The JSONP callback name (a JavaScript identifier path).
        #[arg(long, required_if_eq("format", "jsonp"), value_name = "NAME", value_parser = non_empty)]
        callback: Option<String>,
        /// The text of codes the catalog does not know.
        #[arg(long, value_name = "TEXT", value_parser = non_empty)]
        message: Option<String>,
        /// The `detail` of v2 problems (default: their title).
        #[arg(long, value_name = "TEXT", value_parser = non_empty)]
        detail: Option<String>,
    },
    /// Print a shell completion script
    #[command(after_long_help = "\
Examples:
  twitter-errors completions bash > ~/.local/share/bash-completion/completions/twitter-errors
  twitter-errors completions zsh > ~/.zfunc/_twitter-errors")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    Human,
    Short,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DecodeFormat {
    Auto,
    Json,
    Xml,
    Jsonp,
    #[value(alias = "problem")]
    V2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum EncodeFormat {
    Json,
    Xml,
    Jsonp,
    #[value(alias = "problem")]
    V2,
}

/// A value that is not empty: an empty argument is a usage error.
fn non_empty(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("the value is empty".into())
    } else {
        Ok(s.to_owned())
    }
}

/// `NAME:VALUE`.
fn header(s: &str) -> Result<(String, String), String> {
    let (name, value) = s
        .split_once(':')
        .ok_or("expected NAME:VALUE, such as x-rate-limit-reset:1700000000")?;
    Ok((name.trim().to_string(), value.trim().to_string()))
}

/// `--color` as given, read before clap so that its own help and errors
/// follow it too.
fn color_arg() -> ColorWhen {
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        let value = match a.to_str() {
            Some("--color") => args.next(),
            Some(s) if s.starts_with("--color=") => Some(s["--color=".len()..].into()),
            Some("--") => break,
            _ => continue,
        };
        return match value.as_ref().and_then(|v| v.to_str()) {
            Some("always") => ColorWhen::Always,
            Some("never") => ColorWhen::Never,
            _ => ColorWhen::Auto,
        };
    }
    ColorWhen::Auto
}

/// Whether to colour what goes to stderr.
fn stderr_color(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    }
}

/// The command line, with `--color` documented once: in the top-level
/// help. Each subcommand accepts it too (`check --color never`), as a hidden
/// copy of the global flag that clap then does not add to its help.
fn command() -> clap::Command {
    let color = Cli::command()
        .get_arguments()
        .find(|a| a.get_id() == "color")
        .cloned()
        .expect("the global --color flag");
    Cli::command().mut_subcommands(move |sc| sc.arg(color.clone().hide(true)))
}

fn main() -> ExitCode {
    let choice = match color_arg() {
        ColorWhen::Always => clap::ColorChoice::Always,
        ColorWhen::Never => clap::ColorChoice::Never,
        ColorWhen::Auto => clap::ColorChoice::Auto,
    };
    let matches = command().color(choice).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let color = stderr_color(cli.color);
    match cli.command {
        Command::Explain { value, json } => explain::explain(&value, json),
        Command::Check {
            file,
            bundled,
            message_format,
        } => spec::check(
            &file,
            bundled,
            message_format == MessageFormat::Short,
            color,
        ),
        Command::Generate {
            check,
            message_format,
        } => spec::generate(check, message_format == MessageFormat::Short, color),
        Command::Docs { file, bundled, out } => spec::docs(&file, bundled, &out, false, color),
        Command::Schema { out } => spec::schema(&out),
        Command::Decode {
            file,
            format,
            status,
            headers,
            reencode,
            lines,
            json,
        } => {
            let format = match format {
                DecodeFormat::Auto => None,
                DecodeFormat::Json => Some(twitter_errors::Format::Json),
                DecodeFormat::Xml => Some(twitter_errors::Format::Xml),
                DecodeFormat::Jsonp => Some(twitter_errors::Format::Jsonp),
                DecodeFormat::V2 => Some(twitter_errors::Format::Problem),
            };
            let output = if json {
                codec::Output::Json
            } else {
                codec::Output::Human
            };
            codec::decode(&file, format, status, &headers, reencode, lines, output)
        }
        Command::Encode {
            entries,
            format,
            callback,
            message,
            detail,
        } => {
            let format = match format {
                EncodeFormat::Json => twitter_errors::Format::Json,
                EncodeFormat::Xml => twitter_errors::Format::Xml,
                EncodeFormat::Jsonp => twitter_errors::Format::Jsonp,
                EncodeFormat::V2 => twitter_errors::Format::Problem,
            };
            codec::encode(&codec::EncodeArgs {
                entries: &entries,
                format,
                callback: callback.as_deref(),
                message: message.as_deref(),
                detail: detail.as_deref(),
            })
        }
        Command::Completions { shell } => {
            // Into a buffer first: clap_complete panics when its writer
            // fails, and stdout may be closed or full.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "twitter-errors", &mut script);
            write_stdout(&script)
        }
    }
}

/// Writes `bytes` to stdout: a closed stdout ends the command quietly, as
/// for every other command; another failure is reported.
pub(crate) fn write_stdout(bytes: &[u8]) -> ExitCode {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("twitter-errors: stdout: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints an error the way every command does, and gives exit status 1.
/// The message may quote input (a path, a body): it is
/// [`shown`](twitter_errors::shown()).
fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!(
        "twitter-errors: {}",
        twitter_errors::shown(&message.to_string())
    );
    ExitCode::FAILURE
}

/// Reads a file, or stdin for `-` (with a hint when stdin is a terminal),
/// at most `max` bytes.
fn read_input(path: &std::path::Path, max: usize) -> Result<Vec<u8>, String> {
    let limits = twitter_errors::codec::Bounds::new().with_max_body(max);
    if path.as_os_str() == "-" {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            eprintln!(
                "twitter-errors: reading from standard input; paste the body and end it with Ctrl-D (Ctrl-Z on Windows), or give a FILE"
            );
        }
        twitter_errors::codec::read_body(stdin.lock(), &limits).map_err(|e| format!("stdin: {e}"))
    } else {
        let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        twitter_errors::codec::read_body(file, &limits)
            .map_err(|e| format!("{}: {e}", path.display()))
    }
}
