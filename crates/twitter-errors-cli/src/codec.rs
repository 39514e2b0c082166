//! `decode` and `encode`: the codecs on the command line.

use std::path::Path;
use std::process::ExitCode;

use twitter_errors::codec::jsonp::{Callback, Jsonp};
use twitter_errors::codec::{self, json, problem, xml, Bounds};
use twitter_errors::response::decode_response_as;
use twitter_errors::{Code, ErrorCode, Format, Problem, ProblemType, Twitter, V1Error};

use crate::view::{BodyView, OutcomeView};

use crate::write_stdout;

/// Prints a view as indented JSON, the characters of its strings that a
/// terminal could act on written as `\u` escapes.
fn print_json<T: serde::Serialize>(view: &T) -> ExitCode {
    let mut out = match serde_json::to_string_pretty(view) {
        Ok(text) => twitter_errors::shown::json_visible(&text).into_owned(),
        Err(e) => return crate::fail(e),
    };
    out.push('\n');
    write_stdout(out.as_bytes())
}

/// What `decode` prints: a summary for people, or the typed view as JSON.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Human,
    Json,
}

pub fn decode(
    file: &Path,
    format: Option<Format>,
    status: Option<u16>,
    headers: &[(String, String)],
    reencode: bool,
    lines: bool,
    output: Output,
) -> ExitCode {
    let limits = Bounds::DEFAULT;
    // Never more than the size limit, however much is piped in: a body's,
    // or for a captured stream (each of its lines held to a body's) the
    // most this reads of one.
    let cap = if lines { MAX_CAPTURE } else { limits.max_body };
    let input = match crate::read_input(file, cap) {
        Ok(bytes) => bytes,
        Err(e) => return crate::fail(e),
    };
    if lines {
        return decode_lines(&input, &limits, output);
    }
    if let Some(status) = status {
        let headers = headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let o = decode_response_as::<Twitter, _, _>(status, headers, &input, format, &limits);
        return match output {
            Output::Json => print_json(&OutcomeView::new(&o, status)),
            Output::Human => write_stdout(crate::human::outcome(&o, status).as_bytes()),
        };
    }
    let body = match codec::decode_as::<Twitter>(&input, format, &limits) {
        Ok(b) => b,
        Err(e) => return crate::fail(e),
    };
    if reencode {
        match body.encode_with(&limits) {
            // Byte for byte what the encoder writes: no line ending added.
            Ok(bytes) => write_stdout(&bytes),
            Err(e) => crate::fail(e),
        }
    } else {
        match output {
            Output::Json => print_json(&BodyView::new(&body)),
            Output::Human => write_stdout(crate::human::body(&body).as_bytes()),
        }
    }
}

/// The most `decode --lines` reads of a captured stream: 64 MiB.
const MAX_CAPTURE: usize = 64 << 20;

/// A captured stream, one message a line with keep-alive blank lines
/// between: each in-band error with its decision.
fn decode_lines(input: &[u8], limits: &Bounds, output: Output) -> ExitCode {
    use twitter_errors::response::{stream_line, StreamLine};
    let (mut data, mut alive, mut errors) = (0usize, 0usize, Vec::new());
    // The final line ending ends the last line; it starts no other.
    let input = input.strip_suffix(b"\n").unwrap_or(input);
    let lines = input
        .split(|&b| b == b'\n')
        .take_while(|_| !input.is_empty());
    for (i, line) in lines.enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match stream_line::<Twitter>(line, limits) {
            StreamLine::KeepAlive => alive += 1,
            StreamLine::Error(e) => errors.push((i + 1, e)),
            _ => data += 1,
        }
    }
    match output {
        Output::Json => {
            let errors: Vec<_> = errors
                .iter()
                .map(|(n, e)| LineView {
                    line: *n,
                    error: OutcomeView::failure(e),
                })
                .collect();
            print_json(&LinesView {
                data,
                keep_alives: alive,
                errors,
            })
        }
        Output::Human => {
            let mut out = format!(
                "{data} message{}, {alive} keep-alive{}, {} error{}\n",
                if data == 1 { "" } else { "s" },
                if alive == 1 { "" } else { "s" },
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            for (n, e) in &errors {
                out.push_str(&format!("line {n}: {}", crate::human::failure(e)));
            }
            write_stdout(out.as_bytes())
        }
    }
}

#[derive(serde::Serialize)]
struct LinesView<'a> {
    data: usize,
    keep_alives: usize,
    errors: Vec<LineView<'a>>,
}

#[derive(serde::Serialize)]
struct LineView<'a> {
    line: usize,
    error: OutcomeView<'a>,
}

/// What `encode` writes.
pub struct EncodeArgs<'a> {
    /// Codes, code names, or for v2 problem names, slugs or URIs.
    pub entries: &'a [String],
    pub format: Format,
    pub callback: Option<&'a str>,
    /// The text of codes the catalog does not know.
    pub message: Option<&'a str>,
    /// The `detail` of v2 problems (their title when not given).
    pub detail: Option<&'a str>,
}

pub fn encode(a: &EncodeArgs<'_>) -> ExitCode {
    if a.callback.is_some() && a.format != Format::Jsonp {
        return crate::fail("--callback goes with --format jsonp");
    }
    if a.format == Format::Problem {
        return encode_problems(a);
    }
    if a.detail.is_some() {
        return crate::fail("--detail goes with --format v2");
    }
    let mut errors: Vec<V1Error<'static>> = Vec::with_capacity(a.entries.len());
    for s in a.entries {
        let known = s
            .parse::<u32>()
            .ok()
            .and_then(ErrorCode::from_code)
            .or_else(|| ErrorCode::from_name(s));
        match (known, s.parse::<u32>(), a.message) {
            (Some(c), _, _) => errors.push(V1Error::from_entry(c)),
            // A code the catalog does not know, with the text given.
            (None, Ok(n), Some(text)) => {
                errors.push(V1Error::new(Code::from_code(n), text.to_owned()));
            }
            (None, Ok(n), None) => {
                return crate::fail(format_args!(
                    "code {n} is not in the catalog: give its text with --message"
                ))
            }
            (None, Err(_), _) => {
                return crate::fail(format_args!(
                    "`{s}` is not a code in the catalog (see `twitter-errors explain`)"
                ))
            }
        }
    }
    let bytes = match (a.format, a.callback) {
        (Format::Xml, _) => xml::XmlBody::<Twitter>::from(errors).encode(),
        (Format::Jsonp, Some(name)) => match Callback::new(name) {
            Ok(cb) => Jsonp::new(cb, json::JsonBody::from(errors)).encode(),
            // The name is not repeated: a refused callback is never echoed.
            Err(e) => return crate::fail(format_args!("--callback refused: {}", e.reason())),
        },
        _ => json::JsonBody::<Twitter>::from(errors).encode(),
    };
    write_line(bytes)
}

/// A v2 problem body: the first problem at the top, the others in
/// `errors`, each with the catalog's title and the given detail.
fn encode_problems(a: &EncodeArgs<'_>) -> ExitCode {
    if a.message.is_some() {
        return crate::fail("--message goes with v1.1 formats; v2 problems take --detail");
    }
    let mut problems = Vec::with_capacity(a.entries.len());
    for s in a.entries {
        let Some(p) = ProblemType::from_uri(s)
            .or_else(|| ProblemType::from_slug(s))
            .or_else(|| ProblemType::from_name(s))
        else {
            return crate::fail(format_args!(
                "`{s}` is not a problem type in the catalog (see `twitter-errors explain`)"
            ));
        };
        let detail = a.detail.unwrap_or(p.info().title);
        problems.push(Problem::<Twitter>::from_type(p, detail));
    }
    let mut problems = problems.into_iter();
    let top = problems.next();
    write_line(problem::ProblemBody::new(top, problems.collect()).encode())
}

/// Writes an encoded body and a line ending.
fn write_line(bytes: Result<Vec<u8>, twitter_errors::codec::EncodeError>) -> ExitCode {
    match bytes {
        Ok(mut bytes) => {
            bytes.push(b'\n');
            write_stdout(&bytes)
        }
        Err(e) => crate::fail(e),
    }
}
