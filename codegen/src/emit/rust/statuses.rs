//! `HttpStatus`: the enum, its `StatusEntry` data, and the runtime macro
//! that writes its methods.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{codes, docs, example, prose, retry_line, sample};
use super::tables::{numbers, table};
use super::{
    apis_field, deprecated_attr, deprecated_field, int, policy_field, retry_field, sources, strs,
    variant, Cx,
};
use crate::spec::Status;

pub(super) fn emit(cx: &Cx<'_>) -> TokenStream {
    let (spec, r, attrs) = (cx.spec, &cx.r, &cx.attrs);
    let variants: Vec<_> = spec.statuses.iter().map(|s| variant(&s.name)).collect();
    let defs = spec.statuses.iter().zip(&variants).map(|(s, v)| {
        let doc = docs(&variant_docs(cx, s));
        let dep = deprecated_attr(s.deprecated.as_ref());
        quote!(#doc #dep #v)
    });
    let infos = spec.statuses.iter().map(|s| info(cx, s));
    let by_number = numbers(
        r,
        "__HTTP_STATUS_INFO",
        "status_numbers",
        &spec
            .statuses
            .iter()
            .map(|s| u32::from(s.status))
            .collect::<Vec<_>>(),
    );
    let by_name = table(
        r,
        "__HTTP_STATUS_NAMES",
        &quote!(HttpStatus),
        spec.statuses
            .iter()
            .zip(&variants)
            .map(|(s, v)| (s.name.clone(), quote!(HttpStatus::#v)))
            .collect(),
    );
    let (names, by_name) = (by_name.item, by_name.expr);
    let enum_doc = docs(&[
        format!(
            "An HTTP status the API documents: {} in the catalog, from {}.",
            variants.len(),
            sources(spec)
        ),
        "Look one up with [`HttpStatus::from_u16`]; keep unknown ones with `Status`. `Display` prints the number and reason phrase, `404 Not Found`; serde uses the number.".to_string(),
    ]);
    let example = enum_example(cx);
    quote! {
        #enum_doc
        #example
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #attrs
        #[allow(clippy::doc_markdown)]
        pub enum HttpStatus { #(#defs,)* }

        #r::__private::status_entry!(HttpStatus);

        #[allow(deprecated)]
        impl #r::catalog::StatusEntry for HttpStatus {
            const ALL: &'static [Self] = &[#(Self::#variants),*];
            #[allow(long_running_const_eval)]
            const TABLE: #r::catalog::StatusTable<Self> = #r::catalog::StatusTable {
                info: __HTTP_STATUS_INFO,
                by_number: #by_number,
                by_name: #by_name,
            };
            fn index(self) -> usize {
                self as usize
            }
        }

        // An entry that gives every part leaves nothing for `..EMPTY`.

        #[allow(clippy::needless_update)]

        const __HTTP_STATUS_INFO: &[#r::catalog::StatusInfo] = &[#(#infos),*];
        #names
    }
}

fn variant_docs(cx: &Cx<'_>, s: &Status) -> Vec<String> {
    let mut lines = vec![
        format!("{} {}", s.status, prose(&s.text)),
        prose(&s.description),
    ];
    if !s.aliases.is_empty() {
        lines.push(format!("Also documented as: {}.", codes(&s.aliases)));
    }
    lines.push(retry_line(cx.spec, s.retry, s.retry_policy.as_ref()));
    lines
}

fn info(cx: &Cx<'_>, s: &Status) -> TokenStream {
    let r = &cx.r;
    let (status, name, text, desc) = (int(s.status), &s.name, &s.text, &s.description);
    let aliases = if s.aliases.is_empty() {
        TokenStream::new()
    } else {
        let a = strs(&s.aliases);
        quote!(aliases: #a,)
    };
    let apis = apis_field(r, &s.apis);
    let retry = retry_field(r, s.retry);
    let policy = policy_field(cx.spec, s.retry_policy.as_ref());
    let dep = deprecated_field(s.deprecated.as_ref());
    quote! {
        #r::catalog::StatusInfo {
            status: #status, name: #name, text: #text, #aliases #apis #retry #policy #dep
            description: #desc, ..#r::catalog::StatusInfo::EMPTY
        }
    }
}

fn enum_example(cx: &Cx<'_>) -> TokenStream {
    let shown = sample(
        &cx.spec.statuses,
        |s| s.deprecated.is_some(),
        |s| s.status >= 400,
    );
    let Some(s) = shown else {
        return TokenStream::new();
    };
    let v = crate::naming::camel(&s.name);
    example(
        cx.examples,
        "HttpStatus",
        &[
            format!("let status = HttpStatus::from_u16({}).unwrap();", s.status),
            format!("assert_eq!(status, HttpStatus::{v});"),
            format!("assert_eq!(status.text(), {:?});", s.text),
            format!(
                "assert_eq!(status.to_string(), {:?});",
                format!("{} {}", s.status, s.text)
            ),
            format!(
                "assert_eq!(\"{}\".parse::<HttpStatus>().unwrap(), status);",
                s.status
            ),
        ],
    )
}
