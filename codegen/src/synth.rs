//! Synthetic specs of any size, for benchmarks and scale tests.

use std::fmt::Write as _;

/// A valid spec with `codes` v1.1 codes, `codes / 10 + 1` problem types,
/// every status of the HTTP families the API uses, and the members and
/// formats the runtime needs. Names and texts are deterministic, so two calls
/// give the same text.
///
/// ```
/// let text = twitter_errors_codegen::synth::spec(100);
/// let spec = twitter_errors_codegen::Spec::parse("synthetic.yaml", &text).unwrap();
/// assert_eq!(spec.codes.len(), 100);
/// ```
pub fn spec(codes: usize) -> String {
    let statuses: &[(u16, &str)] = &[
        (200, "OK"),
        (400, "Bad Request"),
        (401, "Unauthorized"),
        (403, "Forbidden"),
        (404, "Not Found"),
        (420, "Enhance Your Calm"),
        (429, "Too Many Requests"),
        (500, "Internal Server Error"),
        (503, "Service Unavailable"),
    ];
    let mut s = String::with_capacity(codes * 220 + 4096);
    s.push_str("formats:\n");
    for (name, ct) in [
        ("json", "application/json; charset=utf-8"),
        ("xml", "application/xml; charset=utf-8"),
        ("jsonp", "application/javascript; charset=utf-8"),
        ("problem", "application/problem+json; charset=utf-8"),
    ] {
        let _ = writeln!(
            s,
            "  - name: {name}\n    content_type: {ct}\n    description: The {name} format."
        );
    }
    s.push_str("headers:\n  - name: x-rate-limit-reset\n    meaning: reset\n    window: standard\n    description: When the window resets.\n");
    s.push_str("problem_hosts:\n  - prefix: https://api.example.com/2/problems/\n    description: The only host.\n");
    s.push_str("statuses:\n");
    for (status, text) in statuses {
        let name = text.to_ascii_lowercase().replace(' ', "_");
        let retry = match status {
            420 | 429 => "after_reset",
            500.. => "backoff",
            _ => "never",
        };
        let _ = writeln!(
            s,
            "  - status: {status}\n    name: {name}\n    text: {text}\n    retry: {retry}\n    description: Status {status}."
        );
    }
    s.push_str("codes:\n");
    for i in 0..codes {
        let (status, _) = statuses[1 + i % (statuses.len() - 1)];
        let _ = writeln!(
            s,
            "  - code: {code}\n    name: synthetic_error_{i}\n    message: Synthetic error number {i}.\n    aliases: [\"Synthetic error number {i}\"]\n    status: {status}\n    retry: never\n    description: >-\n      Error {i} of a synthetic catalog, used to measure the generator at scale.",
            code = 1000 + i * 7
        );
    }
    s.push_str("problems:\n");
    for i in 0..=codes / 10 {
        let _ = writeln!(
            s,
            "  - type: https://api.example.com/2/problems/synthetic-{i}\n    name: synthetic_problem_{i}\n    title: Synthetic Problem {i}\n    status: 400\n    description: Problem {i} of a synthetic catalog."
        );
    }
    s.push_str(
        "fields:\n  - name: type\n    always: true\n    description: The problem type.\n  - name: title\n    always: true\n    description: Its title.\n  - name: detail\n    always: true\n    description: What happened.\n  - name: resource_type\n    description: The kind of object.\n    values:\n      - value: tweet\n        name: tweet\n        description: A Tweet.\n      - value: user\n        name: user\n        description: A user.\n",
    );
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_specs_are_valid_at_every_size() {
        for n in [0, 1, 10, 100] {
            let spec = crate::Spec::parse("synthetic.yaml", &super::spec(n)).unwrap();
            assert_eq!(spec.codes.len(), n);
            assert_eq!(spec.problems.len(), n / 10 + 1);
        }
    }
}
