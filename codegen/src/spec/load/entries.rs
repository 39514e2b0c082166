//! Building each kind of entry (a status, a code, a problem type...)
//! from its keys.

#[allow(unused_imports)]
use super::*;

pub(super) fn format(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Format> {
    let name = choice(cx, e, "name");
    let content_type = text(cx, e, "content_type");
    let description = text(cx, e, "description");
    Some(Format {
        name: name.and_then(WireFormat::from_spelling)?,
        content_type: content_type.unwrap_or_default(),
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

pub(super) fn header(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Header> {
    let name = text(cx, e, "name");
    let meaning = choice(cx, e, "meaning");
    let window = choice(cx, e, "window");
    let description = text(cx, e, "description");
    let name = name?;
    if name != name.to_ascii_lowercase()
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        let at = e.get("name").map_or(e.node.span, |v| v.span);
        let lower: String = name
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        cx.error(
            at,
            format!("header name {name:?} must be lower-case letters, digits and `-`"),
            format!("write `name: {lower}`"),
        );
        return None;
    }
    let meaning = meaning
        .and_then(HeaderMeaning::from_spelling)
        .unwrap_or(HeaderMeaning::Limit);
    let window = window.and_then(Window::from_spelling);
    let label = label(&keys::HEADERS_SECTION, e);
    let quota = matches!(
        meaning,
        HeaderMeaning::Limit | HeaderMeaning::Remaining | HeaderMeaning::Reset
    );
    if quota && e.get("window").is_none() && !has_typo_of(e, "window") {
        cx.error(
            e.node.span.start,
            format!(
                "{label} is missing the key `window`, which a `meaning: {}` header needs",
                meaning.as_str()
            ),
            "add `window: standard` (the endpoint's window), `app_24h` or `user_24h`: the allowance the header describes",
        );
    }
    if meaning == HeaderMeaning::ApiVersion && e.get("window").is_some() {
        cx.error(
            e.key_span("window"),
            format!("{label} has a `window`, but an API version describes no allowance"),
            "remove `window`",
        );
    }
    Some(Header {
        name,
        meaning,
        window,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

pub(super) fn host(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<ProblemHost> {
    let prefix = uri(cx, e, "prefix");
    let default = boolean(cx, e, "default");
    let description = text(cx, e, "description");
    Some(ProblemHost {
        prefix: prefix?,
        default,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

pub(super) fn status(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Status> {
    let status = status_code(cx, e, "status");
    let name = ident(cx, e, "name");
    let text_ = text(cx, e, "text");
    let aliases = text_list(cx, e, "aliases");
    let apis = apis(cx, e);
    let retry = retry(cx, e);
    let retry_policy = ident(cx, e, "retry_policy");
    let replaces = boolean(cx, e, "replaces");
    let deprecated = text(cx, e, "deprecated");
    let description = text(cx, e, "description");
    Some(Status {
        status: status?,
        name: name.unwrap_or_default(),
        text: text_.unwrap_or_default(),
        aliases,
        apis,
        retry,
        retry_policy,
        replaces,
        deprecated,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

pub(super) fn code(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Code> {
    let code = e
        .get("code")
        .and_then(|v| number(cx, e.key("code"), false, v, 0, u64::from(u32::MAX)));
    let name = ident(cx, e, "name");
    let message = text(cx, e, "message");
    let aliases = text_list(cx, e, "aliases");
    let templates = template_list(cx, e, "templates");
    let status = status_code(cx, e, "status");
    let other_statuses = status_list(cx, e, "other_statuses");
    let apis = apis(cx, e);
    let given = retry_given(cx, e);
    let retry = given.unwrap_or_default();
    let retry_policy = ident(cx, e, "retry_policy");
    let mut meanings = Vec::new();
    if let Some(items) = seq(cx, e, "meanings") {
        for item in items {
            crate::spec::tick(1);
            let Some(m) = Entry::new(cx, &keys::MEANINGS_SECTION, item) else {
                continue;
            };
            let own_retry = retry_given(cx, &m);
            let own_policy = ident(cx, &m, "retry_policy");
            // A meaning that says nothing of retrying retries as its code.
            let (m_retry, m_policy) = match (own_retry, own_policy) {
                (None, None) => (retry, retry_policy.clone()),
                (r, p) => (r.unwrap_or_default(), p),
            };
            let era = text(cx, &m, "era");
            let m_message = text(cx, &m, "message");
            let m_aliases = text_list(cx, &m, "aliases");
            let m_templates = template_list(cx, &m, "templates");
            let m_status = status_code(cx, &m, "status");
            let m_apis = self::apis(cx, &m);
            let m_description = text(cx, &m, "description");
            meanings.push(Meaning {
                era: era.unwrap_or_default(),
                message: m_message.unwrap_or_default(),
                aliases: m_aliases,
                templates: m_templates,
                status: m_status,
                apis: m_apis,
                retry: m_retry,
                retry_policy: m_policy,
                description: m_description.unwrap_or_default(),
                origin: cx.origin(item),
            });
        }
    }
    let evidence = choice(cx, e, "evidence")
        .and_then(Evidence::from_spelling)
        .unwrap_or_default();
    let suspended = boolean(cx, e, "suspended");
    let replaces = boolean(cx, e, "replaces");
    let deprecated = text(cx, e, "deprecated");
    let description = text(cx, e, "description");
    Some(Code {
        code: u32::try_from(code?).ok()?,
        name: name.unwrap_or_default(),
        message: message.unwrap_or_default(),
        aliases,
        templates,
        status,
        other_statuses,
        apis,
        retry,
        retry_policy,
        meanings,
        evidence,
        suspended,
        replaces,
        deprecated,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

/// Whether one of the entry's unknown keys is a near miss of `key`, which
/// the unknown-key diagnostic names.
pub(super) fn has_typo_of(e: &Entry<'_>, key: &str) -> bool {
    e.keys.keys().any(|name| {
        e.section.key(name).is_none()
            && keys::closest(name, e.section.keys.iter().map(|k| k.name)) == Some(key)
    })
}

pub(super) fn problem(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Problem> {
    let type_uri = uri(cx, e, "type");
    let name = ident(cx, e, "name");
    let title = text(cx, e, "title");
    let untitled = boolean(cx, e, "untitled");
    let aliases = text_list(cx, e, "aliases");
    let status = status_code(cx, e, "status");
    let apis = apis(cx, e);
    let retry = retry(cx, e);
    let retry_policy = ident(cx, e, "retry_policy");
    let members = member_list(cx, e, "members");
    let required = member_list(cx, e, "required");
    let suspended = boolean(cx, e, "suspended");
    let replaces = boolean(cx, e, "replaces");
    let deprecated = text(cx, e, "deprecated");
    let description = text(cx, e, "description");
    let label = label(&keys::PROBLEMS_SECTION, e);
    match (e.get("title"), untitled) {
        (Some(_), true) => cx.error(
            e.key_span("untitled"),
            format!("{label} has a `title` and `untitled: true`"),
            "keep `title` when the API sends one; write `untitled: true` and no `title` only when no title was ever published",
        ),
        // A misspelt `title` (`titel`) already has its "did you mean".
        (None, false) if !has_typo_of(e, "title") => cx.error(
            e.node.span.start,
            format!("{label} is missing the required key `title`"),
            "add `title: Invalid Request` (the title the API sends); if no title was ever published, write `untitled: true` instead",
        ),
        _ => {}
    }
    if untitled && e.get("status").is_none() {
        cx.error(
            e.key_span("untitled"),
            format!("{label} is untitled but has no `status`"),
            "encoders write the reason phrase of its status as the title of an untitled problem: add `status:` with the HTTP status it comes with",
        );
    }
    Some(Problem {
        type_uri: type_uri?,
        name: name.unwrap_or_default(),
        title: if untitled {
            None
        } else {
            Some(title.unwrap_or_default())
        },
        aliases,
        status,
        apis,
        retry,
        retry_policy,
        members,
        required,
        suspended,
        replaces,
        deprecated,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

pub(super) fn field(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Field> {
    let name = ident(cx, e, "name");
    let always = boolean(cx, e, "always");
    let kind = choice(cx, e, "kind")
        .and_then(FieldKind::from_spelling)
        .unwrap_or_default();
    let description = text(cx, e, "description");
    let mut values = Vec::new();
    if let Some(items) = seq(cx, e, "values") {
        for item in items {
            let Some(v) = Entry::new(cx, &keys::VALUES_SECTION, item) else {
                continue;
            };
            let value = text(cx, &v, "value");
            let vname = ident(cx, &v, "name");
            let vretry = retry_given(cx, &v);
            let vpolicy = ident(cx, &v, "retry_policy");
            let vdesc = text(cx, &v, "description");
            if let Some(value) = value {
                values.push(FieldValue {
                    value,
                    name: vname.unwrap_or_default(),
                    retry: vretry,
                    retry_policy: vpolicy,
                    description: vdesc.unwrap_or_default(),
                    origin: cx.origin(item),
                });
            }
        }
        if !items.is_empty() && kind != FieldKind::String {
            cx.error(
                e.key_span("values"),
                "only `kind: string` members can list `values`",
                "remove `values`, or make the member `kind: string`",
            );
        }
    }
    Some(Field {
        name: name?,
        always,
        kind,
        description: description.unwrap_or_default(),
        values,
        origin: cx.origin(e.node),
    })
}

pub(super) fn policy(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<RetryPolicy> {
    let name = ident(cx, e, "name");
    let retry = retry(cx, e);
    let growth = choice(cx, e, "growth")
        .and_then(Growth::from_spelling)
        .unwrap_or_default();
    let initial_ms = millis(cx, e, "initial_ms");
    let step_ms = millis(cx, e, "step_ms");
    let max_ms = millis(cx, e, "max_ms");
    let reset = choice(cx, e, "reset")
        .and_then(Reset::from_spelling)
        .unwrap_or_default();
    let default_for = choice(cx, e, "default_for").and_then(Fallback::from_spelling);
    let description = text(cx, e, "description");
    let label = label(&keys::POLICIES_SECTION, e);
    let retry_word = retry.as_str();
    if retry == Retry::Backoff && initial_ms.is_none() && e.get("initial_ms").is_none() {
        cx.error(
            e.node.span,
            format!("{label} backs off but has no `initial_ms`"),
            "add `initial_ms:` with the first wait, in milliseconds",
        );
    }
    if retry != Retry::Backoff {
        for k in ["growth", "initial_ms", "step_ms", "max_ms", "default_for"] {
            if e.get(k).is_some() {
                cx.error(
                    e.key_span(k),
                    format!("{label} has `{k}` but `retry: {retry_word}`"),
                    format!("`{k}` describes a backoff: remove it, or write `retry: backoff`"),
                );
            }
        }
    } else if e.get("step_ms").is_some() && growth != Growth::Linear {
        cx.error(
            e.key_span("step_ms"),
            format!("{label} has `step_ms` but grows exponentially"),
            "`step_ms` is what a linear backoff adds each time: write `growth: linear`, or remove `step_ms`",
        );
    } else if growth == Growth::Linear && e.get("step_ms").is_none() {
        cx.error(
            e.key_span("growth"),
            format!("{label} grows linearly but has no `step_ms`"),
            "add `step_ms:` with what each attempt adds to the wait, in milliseconds",
        );
    }
    if let (Some(i), Some(m)) = (initial_ms, max_ms) {
        if m < i {
            cx.error(
                e.key_span("max_ms"),
                format!("{label} waits at most {m} ms, less than its first wait of {i} ms"),
                "make `max_ms` at least `initial_ms`",
            );
        }
    }
    if retry != Retry::AfterReset && e.get("reset").is_some() {
        cx.error(
            e.key_span("reset"),
            format!("{label} has `reset` but `retry: {retry_word}`"),
            "`reset` says where the end of a wait for a reset is read from: remove it, or write `retry: after_reset`",
        );
    }
    Some(RetryPolicy {
        name: name?,
        retry,
        growth,
        initial_ms,
        step_ms,
        max_ms,
        reset,
        default_for,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

pub(super) fn notice(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Notice> {
    let text_ = text(cx, e, "text");
    let name = ident(cx, e, "name");
    let apis = apis(cx, e);
    let description = text(cx, e, "description");
    Some(Notice {
        text: text_?,
        name: name.unwrap_or_default(),
        apis,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

pub(super) fn disconnect(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Disconnect> {
    let code = e
        .get("code")
        .and_then(|v| number(cx, e.key("code"), false, v, 0, u64::from(u32::MAX)));
    let name = ident(cx, e, "name");
    let reason = text(cx, e, "reason");
    let retry = retry(cx, e);
    let retry_policy = ident(cx, e, "retry_policy");
    let description = text(cx, e, "description");
    Some(Disconnect {
        code: u32::try_from(code?).ok()?,
        name: name.unwrap_or_default(),
        reason,
        retry,
        retry_policy,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

pub(super) fn detail(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Detail> {
    let text_ = text(cx, e, "text");
    let name = ident(cx, e, "name");
    let aliases = text_list(cx, e, "aliases");
    let templates = template_list(cx, e, "templates");
    let problem = ident(cx, e, "problem");
    let status = status_code(cx, e, "status");
    let code = e
        .get("code")
        .and_then(|v| number(cx, e.key("code"), false, v, 0, u64::from(u32::MAX)))
        .and_then(|n| u32::try_from(n).ok());
    let retry = retry(cx, e);
    let retry_policy = ident(cx, e, "retry_policy");
    let evidence = choice(cx, e, "evidence")
        .and_then(Evidence::from_spelling)
        .unwrap_or_default();
    let description = text(cx, e, "description");
    if e.get("text").is_none() && e.get("templates").is_none() && !has_typo_of(e, "text") {
        let label = label(&keys::DETAILS_SECTION, e);
        cx.error(
            e.node.span.start,
            format!("{label} has neither a `text` nor `templates`"),
            "add `text:` with the detail as the API sends it, or `templates:` with its forms, each varying part written `{name}`",
        );
    }
    Some(Detail {
        text: text_,
        name: name?,
        aliases,
        templates,
        problem: problem.unwrap_or_default(),
        status,
        code,
        retry,
        retry_policy,
        evidence,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}

pub(super) fn stream(cx: &mut Cx<'_>, e: &Entry<'_>) -> Option<Stream> {
    let name = ident(cx, e, "name");
    let api = choice(cx, e, "api").and_then(Api::from_spelling);
    let heartbeat_ms = millis(cx, e, "heartbeat_ms");
    let timeout_ms = millis(cx, e, "timeout_ms");
    let on_network = ident(cx, e, "on_network");
    let on_http_error = ident(cx, e, "on_http_error");
    let on_rate_limit = ident(cx, e, "on_rate_limit");
    let description = text(cx, e, "description");
    if let (Some(h), Some(t)) = (heartbeat_ms, timeout_ms) {
        if t < h {
            let label = label(&keys::STREAMS_SECTION, e);
            cx.error(
                e.key_span("timeout_ms"),
                format!("{label} gives up after {t} ms, before its heartbeat of {h} ms is due"),
                "make `timeout_ms` at least `heartbeat_ms`: a quiet but healthy stream sends a keep-alive each heartbeat",
            );
        }
    }
    Some(Stream {
        name: name?,
        api: api?,
        heartbeat_ms,
        timeout_ms,
        on_network,
        on_http_error,
        on_rate_limit,
        description: description.unwrap_or_default(),
        origin: cx.origin(e.node),
    })
}
