//! `Twitter`, the catalog as a whole: its types, wire formats, rate-limit
//! headers, retry policies, notices and stream disconnect codes.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::docs;
use super::{ident, int, option, policy_field, Cx};
use crate::spec::{self, Retry};

/// A `Duration` of `ms` milliseconds, spelt as seconds and nanoseconds
/// grouped by thousands: lint-clean for any number.
fn duration(ms: u64) -> TokenStream {
    let secs = grouped(ms / 1000);
    let nanos = grouped(ms % 1000 * 1_000_000);
    quote!(::core::time::Duration::new(#secs, #nanos))
}

/// An integer literal with its digits grouped by thousands (`320_000`).
fn grouped(n: u64) -> TokenStream {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('_');
        }
        out.push(d);
    }
    out.parse().expect("an integer literal")
}

/// The backoff schedule of a policy, when it backs off.
fn schedule(r: &TokenStream, p: &spec::RetryPolicy) -> Option<TokenStream> {
    if p.retry != Retry::Backoff {
        return None;
    }
    let growth = ident(p.growth.rust_name());
    let initial = duration(p.initial_ms?);
    let step = duration(p.step_ms.unwrap_or(0));
    let max = option(p.max_ms.map(duration));
    Some(quote!(#r::catalog::Backoff {
        growth: #r::catalog::Growth::#growth, initial: #initial, step: #step, max: #max,
    }))
}

fn policy(r: &TokenStream, p: &spec::RetryPolicy) -> TokenStream {
    let (name, desc) = (&p.name, &p.description);
    let retry = ident(p.retry.rust_name());
    let backoff = option(schedule(r, p));
    let reset = ident(p.reset.rust_name());
    let default_for = option(p.default_for.map(|f| {
        let v = ident(f.rust_name());
        quote!(#r::catalog::Fallback::#v)
    }));
    quote! {
        #r::catalog::PolicyInfo {
            name: #name, retry: #r::catalog::Retry::#retry, backoff: #backoff,
            reset: #r::catalog::Reset::#reset, default_for: #default_for, description: #desc,
        }
    }
}

/// The default schedule for a kind of failure: a later file's replaces an
/// earlier one's.
fn fallback(cx: &Cx<'_>, kind: spec::Fallback) -> TokenStream {
    let spec = cx.spec;
    let layer = |p: &&spec::RetryPolicy| spec.files.iter().position(|f| *f == p.origin.file);
    option(
        spec.retry_policies
            .iter()
            .filter(|p| p.default_for == Some(kind))
            .max_by_key(layer)
            .and_then(|p| schedule(&cx.r, p)),
    )
}

pub(super) fn emit(cx: &Cx<'_>) -> TokenStream {
    let (spec, r) = (cx.spec, &cx.r);
    let formats = spec.formats.iter().map(|f| {
        let v = ident(f.name.rust_name());
        let (ct, desc) = (&f.content_type, &f.description);
        quote!(#r::catalog::FormatInfo { format: #r::catalog::Format::#v, content_type: #ct, description: #desc })
    });
    let headers = spec.headers.iter().map(|h| {
        let meaning = ident(h.meaning.rust_name());
        let window = option(h.window.map(|w| {
            let w = ident(w.rust_name());
            quote!(#r::catalog::Window::#w)
        }));
        let (name, desc) = (&h.name, &h.description);
        quote!(#r::catalog::HeaderInfo { name: #name, meaning: #r::catalog::HeaderMeaning::#meaning, window: #window, description: #desc })
    });
    let fields = spec.fields.iter().map(|f| {
        let (name, desc, always) = (&f.name, &f.description, f.always);
        let kind = ident(f.kind.rust_name());
        let values = if f.values.is_empty() {
            quote!(&[])
        } else {
            let ty = super::variant(&f.name);
            quote!(<#ty as #r::catalog::Vocabulary>::TABLE.info)
        };
        quote! {
            #r::catalog::MemberInfo {
                name: #name, kind: #r::catalog::MemberKind::#kind, always: #always,
                values: #values, description: #desc,
            }
        }
    });
    let (details, detail_items): (Vec<TokenStream>, Vec<TokenStream>) = spec
        .details
        .iter()
        .enumerate()
        .map(|(i, d)| detail(cx, d, i))
        .unzip();
    let streams = spec.streams.iter().map(|x| {
        let (name, desc) = (&x.name, &x.description);
        let api = ident(x.api.rust_name());
        let heartbeat = option(x.heartbeat_ms.map(duration));
        let timeout = option(x.timeout_ms.map(duration));
        let on = |p: &Option<String>| option(p.as_ref().and_then(|n| policy_ref(spec, n)));
        let (network, http_error, rate_limit) = (
            on(&x.on_network),
            on(&x.on_http_error),
            on(&x.on_rate_limit),
        );
        quote! {
            #r::catalog::StreamInfo {
                name: #name, api: #r::catalog::Api::#api, heartbeat: #heartbeat, timeout: #timeout,
                on_network: #network, on_http_error: #http_error, on_rate_limit: #rate_limit,
                description: #desc,
            }
        }
    });
    let policies = spec.retry_policies.iter().map(|p| policy(r, p));
    let notices = spec.notices.iter().map(|n| {
        let (text, name, desc) = (&n.text, &n.name, &n.description);
        let apis = n.apis.iter().map(|a| {
            let v = ident(a.rust_name());
            quote!(#r::catalog::Api::#v)
        });
        quote!(#r::catalog::NoticeInfo { text: #text, name: #name, apis: &[#(#apis),*], description: #desc })
    });
    let disconnects = spec.disconnects.iter().map(|d| {
        let (code, name, desc) = (int(d.code), &d.name, &d.description);
        let reason = option(d.reason.as_ref().map(|r| quote!(#r)));
        let retry = ident(d.retry.rust_name());
        let policy = policy_field(spec, d.retry_policy.as_ref());
        let policy = if policy.is_empty() {
            quote!(policy: ::core::option::Option::None,)
        } else {
            policy
        };
        quote!(#r::catalog::DisconnectInfo { code: #code, name: #name, reason: #reason, retry: #r::catalog::Retry::#retry, #policy description: #desc })
    });
    let service = fallback(cx, spec::Fallback::Service);
    let rate_limit = fallback(cx, spec::Fallback::RateLimit);
    let network = fallback(cx, spec::Fallback::Network);
    let doc = docs(&[
        "The catalog as a whole: its types, wire formats and rate-limit headers, for the codecs (their type parameter `C`)."
            .to_string(),
        format!(
            "{} statuses, {} codes, {} problem types, {} error-object members.",
            spec.statuses.len(),
            spec.codes.len(),
            spec.problems.len(),
            spec.fields.len()
        ),
    ]);
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct Twitter;

        #[allow(deprecated)]
        impl #r::catalog::Catalog for Twitter {
            type Status = HttpStatus;
            type Code = ErrorCode;
            type Problem = ProblemType;
            type Object = ErrorObject;
            const FORMATS: &'static [#r::catalog::FormatInfo] = &[#(#formats),*];
            const HEADERS: &'static [#r::catalog::HeaderInfo] = &[#(#headers),*];
            const RETRY_POLICIES: &'static [#r::catalog::PolicyInfo] = __RETRY_POLICIES;
            const NOTICES: &'static [#r::catalog::NoticeInfo] = &[#(#notices),*];
            const DISCONNECTS: &'static [#r::catalog::DisconnectInfo] = &[#(#disconnects),*];
            const FALLBACKS: #r::catalog::Fallbacks = #r::catalog::Fallbacks {
                service: #service, rate_limit: #rate_limit, network: #network,
            };
            const FIELDS: &'static [#r::catalog::MemberInfo] = &[#(#fields),*];
            const DETAILS: &'static [#r::catalog::DetailInfo<ProblemType, HttpStatus, ErrorCode>] = __DETAILS;
            const STREAMS: &'static [#r::catalog::StreamInfo] = &[#(#streams),*];
        }

        /// The retry policies, which catalog entries refer to by place.
        const __RETRY_POLICIES: &[#r::catalog::PolicyInfo] = &[#(#policies),*];

        #[allow(deprecated)]
        const __DETAILS: &[#r::catalog::DetailInfo<ProblemType, HttpStatus, ErrorCode>] = &[#(#details),*];
        #(#detail_items)*
    }
}

/// `&__RETRY_POLICIES[i]` for the policy named `name`.
fn policy_ref(spec: &spec::Spec, name: &str) -> Option<TokenStream> {
    let i = spec.retry_policies.iter().position(|p| p.name == name)?;
    let i = int(i as u64);
    Some(quote!(&__RETRY_POLICIES[#i]))
}

/// A `details:` entry, its forms and templates computed for lookups; and,
/// when it has templates, the `const` of them (the `i`th detail's), an
/// array of its own so that a large one is formatted a part at a time.
fn detail(cx: &Cx<'_>, d: &spec::Detail, i: usize) -> (TokenStream, TokenStream) {
    let (spec, r) = (cx.spec, &cx.r);
    let (name, desc) = (&d.name, &d.description);
    // A detail given only by templates shows as its first.
    let text = d
        .text
        .as_ref()
        .or(d.templates.first())
        .cloned()
        .unwrap_or_default();
    let aliases = &d.aliases;
    let mut seen = std::collections::HashSet::new();
    let forms: Vec<String> = d
        .text
        .iter()
        .chain(&d.aliases)
        .map(|t| crate::text::normalize(t))
        .filter(|f| seen.insert(f.clone()))
        .collect();
    let (templates, templates_item) = if d.templates.is_empty() {
        (quote!(&[]), TokenStream::new())
    } else {
        let id = ident(&format!("__DETAIL_TEMPLATES_{i}"));
        let each = d.templates.iter().map(|t| {
            let (literals, names) = crate::text::template(t);
            quote!(#r::catalog::TextTemplate { template: #t, literals: &[#(#literals),*], names: &[#(#names),*] })
        });
        (
            quote!(#id),
            quote!(const #id: &[#r::catalog::TextTemplate] = &[#(#each),*];),
        )
    };
    let problem = spec
        .problems
        .iter()
        .find(|p| p.name == d.problem)
        .map(|p| super::variant(&p.name))
        .expect("validated: every detail names a problem type");
    let problem = quote!(ProblemType::#problem);
    let status = option(d.status.map(|s| super::status_ref(spec, s)));
    let code = option(
        d.code
            .and_then(|c| spec.codes.iter().find(|x| x.code == c))
            .map(|c| {
                let v = super::variant(&c.name);
                quote!(ErrorCode::#v)
            }),
    );
    let retry = ident(d.retry.rust_name());
    let policy = option(d.retry_policy.as_ref().and_then(|n| policy_ref(spec, n)));
    let evidence = ident(d.evidence.rust_name());
    let info = quote! {
        #r::catalog::DetailInfo {
            name: #name, text: #text, aliases: &[#(#aliases),*], templates: #templates,
            forms: &[#(#forms),*], problem: #problem, status: #status, code: #code,
            retry: #r::catalog::Retry::#retry, policy: #policy,
            evidence: #r::catalog::Evidence::#evidence, description: #desc,
        }
    };
    (info, templates_item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_grouped() {
        let text = |t: TokenStream| t.to_string().replace(' ', "");
        assert_eq!(
            text(duration(320_000)),
            "::core::time::Duration::new(320,0)"
        );
        assert_eq!(
            text(duration(1_234_567)),
            "::core::time::Duration::new(1_234,567_000_000)"
        );
    }
}
