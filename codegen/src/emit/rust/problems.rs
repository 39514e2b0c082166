//! `ProblemType`: the enum, its `ProblemEntry` data, and the runtime macro
//! that writes its methods.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{codes, docs, example, prose, retry_line, sample, status_expr, status_words};
use super::tables::table;
use super::{
    apis_field, deprecated_attr, deprecated_field, flag_field, policy_field, retry_field,
    status_field, strs, strs_field, variant, Cx,
};
use crate::spec::{Problem, Spec};

pub(super) fn emit(cx: &Cx<'_>) -> TokenStream {
    let (spec, r, attrs) = (cx.spec, &cx.r, &cx.attrs);
    let variants: Vec<_> = spec.problems.iter().map(|p| variant(&p.name)).collect();
    let defs = spec.problems.iter().zip(&variants).map(|(p, v)| {
        let doc = docs(&variant_docs(cx, p));
        let dep = deprecated_attr(p.deprecated.as_ref());
        quote!(#doc #dep #v)
    });
    let infos = spec.problems.iter().map(|p| info(cx, p));
    let lookup = |name: &str, key: fn(&Problem) -> &str| {
        table(
            r,
            name,
            &quote!(ProblemType),
            spec.problems
                .iter()
                .zip(&variants)
                .map(|(p, v)| (key(p).to_string(), quote!(ProblemType::#v)))
                .collect(),
        )
    };
    let by_slug = lookup("__PROBLEM_TYPE_SLUGS", Problem::slug);
    let by_name = lookup("__PROBLEM_TYPE_NAMES", |p| &p.name);
    let items = [&by_slug.item, &by_name.item];
    let (by_slug, by_name) = (by_slug.expr, by_name.expr);
    let hosts = hosts(spec);
    let default_host = spec
        .default_host()
        .map(str::to_string)
        .or_else(|| hosts.first().cloned())
        .unwrap_or_default();
    let enum_doc = docs(&[
        format!("A v2 problem type: {} in the catalog.", variants.len()),
        format!(
            "Lookups match a type under any host it has been served from: {}. `Display` prints the canonical URI; serde uses it too. Keep the URI exactly as it came with `ProblemUri`.",
            hosts.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")
        ),
    ]);
    let hosts = strs(&hosts);
    let example = enum_example(cx);
    quote! {
        #enum_doc
        #example
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #attrs
        #[allow(clippy::doc_markdown)]
        pub enum ProblemType { #(#defs,)* }

        #r::__private::problem_entry!(ProblemType, HttpStatus);

        #[allow(deprecated)]
        impl #r::catalog::ProblemEntry for ProblemType {
            type Status = HttpStatus;
            const ALL: &'static [Self] = &[#(Self::#variants),*];
            #[allow(long_running_const_eval)]
            const TABLE: #r::catalog::ProblemTable<Self, HttpStatus> = #r::catalog::ProblemTable {
                info: __PROBLEM_TYPE_INFO,
                by_slug: #by_slug,
                by_name: #by_name,
                hosts: #hosts,
                default_host: #default_host,
            };
            fn index(self) -> usize {
                self as usize
            }
        }

        // An entry that gives every part leaves nothing for `..EMPTY`.

        #[allow(clippy::needless_update)]

        const __PROBLEM_TYPE_INFO: &[#r::catalog::ProblemInfo<HttpStatus>] = &[#(#infos),*];
        #(#items)*
    }
}

/// The hosts problem types are matched under: the spec's, and the prefix
/// of every canonical URI, whatever the hosts list says; sorted.
fn hosts(spec: &Spec) -> Vec<String> {
    let mut hosts: Vec<String> = spec
        .problem_hosts
        .iter()
        .map(|h| h.prefix.clone())
        .collect();
    for p in &spec.problems {
        if let Some(i) = p.type_uri.rfind('/').filter(|_| p.type_uri.contains("://")) {
            let prefix = p.type_uri[..=i].to_string();
            if !hosts.contains(&prefix) {
                hosts.push(prefix);
            }
        }
    }
    hosts.sort();
    hosts
}

fn variant_docs(cx: &Cx<'_>, p: &Problem) -> Vec<String> {
    let title = match &p.title {
        Some(t) => super::docs::code(t),
        None => "No title was ever published".to_string(),
    };
    let mut lines = vec![
        format!("{title} ({})", prose(&status_words(cx.spec, p.status))),
        format!("Type: {}", super::docs::code(&p.type_uri)),
        prose(&p.description),
    ];
    if !p.aliases.is_empty() {
        lines.push(format!("Also titled: {}.", codes(&p.aliases)));
    }
    if !p.members.is_empty() {
        lines.push(format!("Members: {}.", codes(&p.members)));
    }
    if !p.required.is_empty() {
        lines.push(format!("Required: {}.", codes(&p.required)));
    }
    lines.push(retry_line(cx.spec, p.retry, p.retry_policy.as_ref()));
    lines
}

fn info(cx: &Cx<'_>, p: &Problem) -> TokenStream {
    let (spec, r) = (cx.spec, &cx.r);
    // An untitled problem is written with its status's reason phrase.
    let title = p.title.clone().unwrap_or_else(|| {
        p.status
            .and_then(|s| spec.status(s))
            .map(|s| s.text.clone())
            .unwrap_or_default()
    });
    let untitled = flag_field("untitled", p.title.is_none());
    let (uri, name, desc) = (&p.type_uri, &p.name, &p.description);
    let aliases = strs_field("aliases", &p.aliases);
    let status = status_field(spec, p.status);
    let apis = apis_field(r, &p.apis);
    let retry = retry_field(r, p.retry);
    let policy = policy_field(spec, p.retry_policy.as_ref());
    let dep = deprecated_field(p.deprecated.as_ref());
    let members = strs_field("members", &p.members);
    let required = strs_field("required", &p.required);
    let suspended = flag_field("suspended", p.suspended);
    quote! {
        #r::catalog::ProblemInfo {
            uri: #uri, name: #name, title: #title, #untitled #aliases #status #apis #retry
            #policy #members #required #suspended #dep description: #desc, ..#r::catalog::ProblemInfo::EMPTY
        }
    }
}

/// A problem under a host shows the slug lookup too; `about:blank` has
/// none.
fn enum_example(cx: &Cx<'_>) -> TokenStream {
    let shown = sample(
        &cx.spec.problems,
        |p| p.deprecated.is_some(),
        |p| p.type_uri.contains("://") && p.status.is_some(),
    );
    let Some(p) = shown else {
        return TokenStream::new();
    };
    let v = crate::naming::camel(&p.name);
    let mut lines = vec![
        format!(
            "let problem = ProblemType::from_uri({:?}).unwrap();",
            p.type_uri
        ),
        format!("assert_eq!(problem, ProblemType::{v});"),
        format!("assert_eq!(problem.title(), {:?});", p.title),
        format!(
            "assert_eq!(problem.status(), {});",
            status_expr(cx.spec, p.status)
        ),
    ];
    if p.type_uri.contains("://") {
        lines.push(format!(
            "assert_eq!(ProblemType::from_slug({:?}), Some(problem));",
            p.slug()
        ));
    }
    example(cx.examples, "{HttpStatus, ProblemType}", &lines)
}
