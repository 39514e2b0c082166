//! Checks across entries: uniqueness, references, naming collisions.
//!
//! The loader has already checked each value on its own (types, ranges,
//! identifier syntax); what is left needs the whole spec.

use std::collections::BTreeMap;

use crate::error::Diagnostic;
use crate::naming;
use crate::spec::{keys, FieldKind, Origin, Spec};

/// The generated type names a vocabulary enum must not take.
pub(crate) const GENERATED_TYPES: &[&str] = &[
    "HttpStatus",
    "ErrorCode",
    "ProblemType",
    "ErrorObject",
    "Catalog",
    "RateLimitHeader",
];

pub(crate) fn validate<'a>(spec: &'a Spec, diags: &mut Vec<Diagnostic>) {
    let mut push = |origin: &Origin, message: String, help: Option<String>| {
        let mut d = Diagnostic::new(&origin.file, origin.location, message);
        d.help = help;
        diags.push(d);
    };

    // Keys unique within each list.
    unique(
        spec.statuses
            .iter()
            .map(|s| (s.status.to_string(), &s.origin)),
        "status",
        &mut push,
    );
    unique(
        spec.codes.iter().map(|c| (c.code.to_string(), &c.origin)),
        "code",
        &mut push,
    );
    unique(
        spec.problems
            .iter()
            .map(|p| (p.type_uri.clone(), &p.origin)),
        "problem type",
        &mut push,
    );
    unique(
        spec.fields.iter().map(|f| (f.name.clone(), &f.origin)),
        "field",
        &mut push,
    );
    unique(
        spec.formats.iter().map(|f| (f.name.clone(), &f.origin)),
        "format",
        &mut push,
    );
    unique(
        spec.headers.iter().map(|h| (h.name.clone(), &h.origin)),
        "header",
        &mut push,
    );
    unique(
        spec.problem_hosts
            .iter()
            .map(|h| (h.prefix.clone(), &h.origin)),
        "problem host",
        &mut push,
    );

    // Entries of one list in layering order: when two clash, the one from
    // the later file is reported, pointing at the earlier one, even where an
    // override took the place of a bundled entry in the list.
    let layer = |o: &Origin| spec.files.iter().position(|f| *f == o.file);
    let layered = |mut v: Vec<(&'a str, &'a Origin)>| {
        v.sort_by_key(|(_, o)| layer(o));
        v
    };

    // Names unique within each list, also after CamelCase conversion.
    names(
        layered(
            spec.statuses
                .iter()
                .map(|s| (s.name.as_str(), &s.origin))
                .collect(),
        ),
        "status",
        &mut push,
    );
    names(
        layered(
            spec.codes
                .iter()
                .map(|c| (c.name.as_str(), &c.origin))
                .collect(),
        ),
        "code",
        &mut push,
    );
    names(
        layered(
            spec.problems
                .iter()
                .map(|p| (p.name.as_str(), &p.origin))
                .collect(),
        ),
        "problem",
        &mut push,
    );
    for f in &spec.fields {
        names(
            layered(
                f.values
                    .iter()
                    .map(|v| (v.name.as_str(), &v.origin))
                    .collect(),
            ),
            "value",
            &mut push,
        );
        unique(
            f.values.iter().map(|v| (v.value.clone(), &v.origin)),
            "value",
            &mut push,
        );
    }

    // Problem slugs are what host-independent lookup matches on.
    let mut slugs: BTreeMap<&str, &Origin> = BTreeMap::new();
    let mut problems: Vec<_> = spec.problems.iter().collect();
    problems.sort_by_key(|p| layer(&p.origin));
    for p in problems {
        if let Some(first) = slugs.insert(p.slug(), &p.origin) {
            if p.origin != *first {
                push(
                    &p.origin,
                    format!("problem type `{}` has the same last path segment `{}` as the one at {first}", p.type_uri, p.slug()),
                    Some("lookups match a problem under any host by its last segment, so two types cannot share one; merge them (list the other URI under `problem_hosts`)".into()),
                );
            }
        }
    }

    // References to statuses.
    let known = |s: u16| spec.statuses.iter().any(|x| x.status == s);
    let status_help = |s: u16| {
        Some(format!(
            "add a `statuses:` entry for {s}, or use one of: {}",
            spec.statuses
                .iter()
                .map(|x| x.status.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    };
    for c in &spec.codes {
        for s in c.status.iter().chain(&c.other_statuses) {
            if !known(*s) {
                push(
                    &c.origin,
                    format!(
                        "code {} refers to status {s}, which no `statuses:` entry defines",
                        c.code
                    ),
                    status_help(*s),
                );
            }
        }
        if c.status.is_some() && c.other_statuses.contains(&c.status.unwrap_or_default()) {
            push(
                &c.origin,
                format!(
                    "code {} lists its own status {} under `other_statuses`",
                    c.code,
                    c.status.unwrap_or_default()
                ),
                Some("remove it from `other_statuses`".into()),
            );
        }
        aliases(&c.message, &c.aliases, &c.origin, "message", &mut push);
    }
    for p in &spec.problems {
        if let Some(s) = p.status.filter(|s| !known(*s)) {
            push(
                &p.origin,
                format!(
                    "problem `{}` refers to status {s}, which no `statuses:` entry defines",
                    p.name
                ),
                status_help(s),
            );
        }
        aliases(&p.title, &p.aliases, &p.origin, "title", &mut push);
    }
    for s in &spec.statuses {
        aliases(&s.text, &s.aliases, &s.origin, "text", &mut push);
    }

    // Vocabulary enums become types named after their member.
    for f in &spec.fields {
        if f.values.is_empty() {
            continue;
        }
        let ty = naming::camel(&f.name);
        if GENERATED_TYPES.contains(&ty.as_str()) || naming::SHADOWING.contains(&ty.as_str()) {
            push(
                &f.origin,
                format!("member `{}` has values, and its generated type `{ty}` would clash with a type of the same name", f.name),
                Some("vocabulary members become enums named after them; rename the member or drop its `values`".into()),
            );
        }
    }
    let mut seen: BTreeMap<String, &Origin> = BTreeMap::new();
    for f in spec.fields.iter().filter(|f| !f.values.is_empty()) {
        if let Some(first) = seen.insert(naming::camel(&f.name), &f.origin) {
            push(
                &f.origin,
                format!(
                    "member `{}` would generate the same type name as the member at {first}",
                    f.name
                ),
                Some("rename one of them".into()),
            );
        }
    }
    let mut seen: BTreeMap<String, &Origin> = BTreeMap::new();
    for f in &spec.fields {
        if let Some(first) = seen.insert(naming::snake(&f.name), &f.origin) {
            push(
                &f.origin,
                format!(
                    "member `{}` would generate the same Rust field as the member at {first}",
                    f.name
                ),
                Some("rename one of them".into()),
            );
        }
    }

    // What the runtime relies on.
    let anchor = spec
        .files
        .last()
        .map(|f| Origin {
            file: f.clone(),
            location: crate::Location::new(1, 1),
        })
        .unwrap_or_default();
    for name in keys::FORMATS {
        if !spec.formats.iter().any(|f| f.name == *name) {
            push(
                &anchor,
                format!("the spec defines no `{name}` format"),
                Some(format!(
                    "add a `formats:` entry with `name: {name}` and its `content_type`"
                )),
            );
        }
    }
    for (name, kind) in [
        ("type", FieldKind::String),
        ("title", FieldKind::String),
        ("detail", FieldKind::String),
    ] {
        match spec.fields.iter().find(|f| f.name == name) {
            None => push(
                &anchor,
                format!("the spec defines no `{name}` field"),
                Some(format!(
                    "every v2 error object has `{name}`; add a `fields:` entry with `name: {name}`"
                )),
            ),
            Some(f) if f.kind != kind => push(
                &f.origin,
                format!("field `{name}` must be `kind: string`"),
                None,
            ),
            Some(_) => {}
        }
    }
    if let Some(f) = spec
        .fields
        .iter()
        .find(|f| f.name == "type" && !f.values.is_empty())
    {
        push(
            &f.origin,
            "field `type` cannot list `values`: its values are the `problems:` entries".into(),
            Some("remove `values` from `type`".into()),
        );
    }
    if let Some(f) = spec
        .fields
        .iter()
        .find(|f| f.name == "status" && f.kind != FieldKind::Integer)
    {
        push(
            &f.origin,
            "field `status` must be `kind: integer`".into(),
            None,
        );
    }
}

fn unique<'a>(
    items: impl Iterator<Item = (String, &'a Origin)>,
    what: &str,
    push: &mut impl FnMut(&Origin, String, Option<String>),
) {
    let mut seen: BTreeMap<String, &Origin> = BTreeMap::new();
    for (key, origin) in items {
        match seen.get(&key) {
            Some(first) if first.file == origin.file => push(
                origin,
                format!(
                    "duplicate {what} `{key}`: already defined at line {}",
                    first.location.line
                ),
                Some(format!(
                    "remove one of the two entries, or give this one another {what}"
                )),
            ),
            Some(_) => {} // an override from a later layer
            None => {
                seen.insert(key, origin);
            }
        }
    }
}

fn names<'a>(
    items: Vec<(&'a str, &'a Origin)>,
    what: &str,
    push: &mut impl FnMut(&Origin, String, Option<String>),
) {
    let mut seen: BTreeMap<String, (&str, &Origin)> = BTreeMap::new();
    for (name, origin) in items {
        let camel = naming::camel(name);
        if let Some((first, at)) = seen.get(&camel) {
            let msg = if *first == name {
                format!("duplicate {what} name `{name}`: already used at {at}")
            } else {
                format!("{what} name `{name}` becomes `{camel}` in Rust, like `{first}` at {at}")
            };
            push(
                origin,
                msg,
                Some("names must be unique; choose a more specific one".into()),
            );
        } else {
            seen.insert(camel, (name, origin));
        }
    }
}

fn aliases(
    text: &str,
    aliases: &[String],
    origin: &Origin,
    what: &str,
    push: &mut impl FnMut(&Origin, String, Option<String>),
) {
    let mut seen: Vec<&str> = Vec::new();
    for a in aliases {
        if a == text {
            push(
                origin,
                format!("alias {a:?} repeats the {what}"),
                Some("remove it from `aliases`".into()),
            );
        } else if seen.contains(&a.as_str()) {
            push(
                origin,
                format!("alias {a:?} is listed twice"),
                Some("remove one of them".into()),
            );
        }
        seen.push(a);
    }
}
