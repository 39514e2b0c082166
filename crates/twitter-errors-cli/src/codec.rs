//! `decode` and `encode`: the codecs on the command line.

use std::path::Path;
use std::process::ExitCode;

use twitter_errors::codec::jsonp::{Callback, Jsonp};
use twitter_errors::codec::{self, json, xml, Limits};
use twitter_errors::response::decode_response_as;
use twitter_errors::{ErrorCode, Format, Twitter};

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

pub fn decode(
    file: &Path,
    format: Option<Format>,
    status: Option<u16>,
    headers: &[(String, String)],
    reencode: bool,
) -> ExitCode {
    let limits = Limits::DEFAULT;
    // Never more than the size limit, however much is piped in.
    let input = match crate::read_input(file, limits.max_body) {
        Ok(bytes) => bytes,
        Err(e) => return crate::fail(e),
    };
    if let Some(status) = status {
        let headers = headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let o = decode_response_as::<Twitter, _, _>(status, headers, &input, format, &limits);
        return print_json(&OutcomeView::new(&o, status));
    }
    let body = match codec::decode_as::<Twitter>(&input, format, &limits) {
        Ok(b) => b,
        Err(e) => return crate::fail(e),
    };
    if reencode {
        match body.encode_with(&limits) {
            Ok(bytes) => write_stdout(&bytes),
            Err(e) => crate::fail(e),
        }
    } else {
        print_json(&BodyView::new(&body))
    }
}

pub fn encode(codes: &[String], format: Format, callback: Option<&str>) -> ExitCode {
    let mut found = Vec::with_capacity(codes.len());
    for s in codes {
        let code = s
            .parse::<u32>()
            .ok()
            .and_then(ErrorCode::from_code)
            .or_else(|| ErrorCode::from_name(s));
        match code {
            Some(c) => found.push(c),
            None => {
                return crate::fail(format_args!(
                    "`{s}` is not a code in the catalog (see `twitter-errors explain`)"
                ))
            }
        }
    }
    if callback.is_some() && format != Format::Jsonp {
        return crate::fail("--callback goes with --format jsonp");
    }
    let body: json::Body<'_> = json::Body::from_codes(found.iter().copied());
    let bytes = match (format, callback) {
        (Format::Xml, _) => xml::Body::<Twitter>::from_codes(found.iter().copied()).encode(),
        (Format::Jsonp, Some(name)) => match Callback::new(name) {
            Ok(cb) => Jsonp::new(cb, body).encode(),
            // The name is not repeated: a refused callback is never echoed.
            Err(e) => return crate::fail(format_args!("--callback refused: {}", e.reason())),
        },
        _ => body.encode(),
    };
    match bytes {
        Ok(bytes) => write_stdout(&bytes),
        Err(e) => crate::fail(e),
    }
}
