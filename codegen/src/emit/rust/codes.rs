//! `ErrorCode`: the enum, its `CodeEntry` data (entries, and every text
//! exactly and in forgiving form), and the runtime macro that writes its
//! methods.

use std::collections::HashSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::{codes, docs, example, prose, retry_line, sample, status_expr, status_words};
use super::tables::{numbers, table};
use super::{
    apis_field, deprecated_attr, deprecated_field, flag_field, int, policy_field, retry_field,
    status_field, status_ref, texts_fields, variant, Cx,
};
use crate::spec::{Code, Meaning};

pub(super) fn emit(cx: &Cx<'_>) -> TokenStream {
    let (spec, r, attrs) = (cx.spec, &cx.r, &cx.attrs);
    let variants: Vec<Ident> = spec.codes.iter().map(|c| variant(&c.name)).collect();
    let defs = spec.codes.iter().zip(&variants).map(|(c, v)| {
        let doc = docs(&variant_docs(cx, c));
        let dep = deprecated_attr(c.deprecated.as_ref());
        quote!(#doc #dep #v)
    });
    let infos = spec.codes.iter().map(|c| info(cx, c));
    let by_number = numbers(
        r,
        "__ERROR_CODE_INFO",
        "code_numbers",
        &spec.codes.iter().map(|c| c.code).collect::<Vec<_>>(),
    );
    let by_name = table(
        r,
        "__ERROR_CODE_NAMES",
        &quote!(ErrorCode),
        spec.codes
            .iter()
            .zip(&variants)
            .map(|(c, v)| (c.name.clone(), quote!(ErrorCode::#v)))
            .collect(),
    );
    let texts = Texts::of(cx, &variants);
    let text_ty = quote!((ErrorCode, u8));
    let exact = table(r, "__ERROR_CODE_TEXTS", &text_ty, texts.exact);
    let forgiving = table(r, "__ERROR_CODE_FORGIVING", &text_ty, texts.forgiving);
    let templates = texts.templates;
    let items = [&by_name.item, &exact.item, &forgiving.item];
    let (by_name, exact, forgiving) = (by_name.expr, exact.expr, forgiving.expr);
    let enum_doc = docs(&[
        format!("A v1.1 numeric error code: {} in the catalog.", variants.len()),
        "Codes never change meaning; their message texts have. Look one up with [`ErrorCode::from_code`]; keep unknown ones with `Code`. `Display` prints the code and message, `88 Rate limit exceeded.`; serde uses the number.".to_string(),
    ]);
    let example = enum_example(cx);
    quote! {
        #enum_doc
        #example
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #attrs
        #[allow(clippy::doc_markdown)]
        pub enum ErrorCode { #(#defs,)* }

        #r::__private::code_entry!(ErrorCode, HttpStatus);

        #[allow(deprecated)]
        impl #r::catalog::CodeEntry for ErrorCode {
            type Status = HttpStatus;
            const ALL: &'static [Self] = __ERROR_CODE_ALL;
            #[allow(long_running_const_eval)]
            const TABLE: #r::catalog::CodeTable<Self, HttpStatus> = #r::catalog::CodeTable {
                info: __ERROR_CODE_INFO,
                by_number: #by_number,
                by_name: #by_name,
                exact: #exact,
                forgiving: #forgiving,
                templates: __ERROR_CODE_TEMPLATES,
            };
            fn index(self) -> usize {
                self as usize
            }
        }

        #[allow(deprecated)]
        const __ERROR_CODE_ALL: &[ErrorCode] = &[#(ErrorCode::#variants),*];

        #[allow(deprecated)]
        const __ERROR_CODE_TEMPLATES: &[#r::catalog::TemplateRef<ErrorCode>] = &[#(#templates),*];

        // An entry that gives every part leaves nothing for `..EMPTY`.

        #[allow(clippy::needless_update)]

        const __ERROR_CODE_INFO: &[#r::catalog::CodeInfo<HttpStatus>] = &[#(#infos),*];
        #(#items)*
    }
}

/// The texts of every code and meaning, as the lookups index them.
struct Texts {
    /// Each text as the catalog has it, with its (code, meaning).
    exact: Vec<(String, TokenStream)>,
    /// The same in forgiving form.
    forgiving: Vec<(String, TokenStream)>,
    /// Templates, most specific first.
    templates: Vec<TokenStream>,
}

impl Texts {
    fn of(cx: &Cx<'_>, variants: &[Ident]) -> Texts {
        let mut exact: Vec<(String, &Ident, u8)> = Vec::new();
        let mut forgiving: Vec<(String, &Ident, u8)> = Vec::new();
        let mut templates: Vec<(usize, &Ident, u8, &String)> = Vec::new();
        for (c, v) in cx.spec.codes.iter().zip(variants) {
            let own = (0u8, &c.message, &c.aliases, &c.templates);
            let others = c.meanings.iter().enumerate().map(|(i, m)| {
                let n = u8::try_from(i + 1).unwrap_or(u8::MAX);
                (n, &m.message, &m.aliases, &m.templates)
            });
            for (meaning, message, aliases, temps) in std::iter::once(own).chain(others) {
                // A text names each (code, meaning) once, however many of
                // its texts have that form.
                let mut seen: [HashSet<String>; 2] = Default::default();
                for t in std::iter::once(message).chain(aliases) {
                    let forms = [t.clone(), crate::text::normalize(t)];
                    for ((list, seen), key) in [&mut exact, &mut forgiving]
                        .into_iter()
                        .zip(&mut seen)
                        .zip(forms)
                    {
                        if seen.insert(key.clone()) {
                            list.push((key, v, meaning));
                        }
                    }
                }
                for t in temps {
                    let weight: usize = crate::text::template(t).0.iter().map(String::len).sum();
                    templates.push((weight, v, meaning, t));
                }
            }
        }
        // The most specific templates first: the most literal text, then in
        // code order.
        templates.sort_by_key(|t| std::cmp::Reverse(t.0));
        let r = &cx.r;
        let entry = |(k, v, m): (String, &Ident, u8)| {
            let m = int(m);
            (k, quote!((ErrorCode::#v, #m)))
        };
        Texts {
            exact: exact.into_iter().map(entry).collect(),
            forgiving: forgiving.into_iter().map(entry).collect(),
            templates: templates
                .into_iter()
                .map(|(_, v, m, t)| -> TokenStream {
                    let (literals, names) = crate::text::template(t);
                    let m = int(m);
                    quote! {
                        #r::catalog::TemplateRef {
                            code: ErrorCode::#v, meaning: #m, template: #t,
                            literals: &[#(#literals),*], names: &[#(#names),*],
                        }
                    }
                })
                .collect(),
        }
    }
}

fn variant_docs(cx: &Cx<'_>, c: &Code) -> Vec<String> {
    let spec = cx.spec;
    let mut lines = vec![
        format!(
            "{} {} ({})",
            c.code,
            super::docs::code(&c.message),
            prose(&status_words(spec, c.status))
        ),
        prose(&c.description),
    ];
    if !c.aliases.is_empty() {
        lines.push(format!("Also sent as: {}.", codes(&c.aliases)));
    }
    if !c.templates.is_empty() {
        lines.push(format!(
            "Templates (each `{{name}}` a varying part): {}.",
            codes(&c.templates)
        ));
    }
    if !c.other_statuses.is_empty() {
        let others: Vec<String> = c.other_statuses.iter().map(u16::to_string).collect();
        lines.push(format!("Also seen with HTTP {}.", others.join(", ")));
    }
    for m in &c.meanings {
        lines.push(meaning_docs(cx, m));
    }
    if let Some(note) = c.evidence.note() {
        lines.push(format!("Evidence: {note}."));
    }
    lines.push(retry_line(spec, c.retry, c.retry_policy.as_ref()));
    lines
}

fn meaning_docs(cx: &Cx<'_>, m: &Meaning) -> String {
    let status = match m.status.and_then(|s| cx.spec.status(s)) {
        Some(s) => format!(", HTTP {} {}", s.status, s.text),
        None => String::new(),
    };
    let mut texts: Vec<&String> = std::iter::once(&m.message)
        .chain(&m.aliases)
        .chain(&m.templates)
        .collect();
    texts.dedup();
    format!(
        "Also meant ({}{}): {} {} {}",
        prose(&m.era),
        prose(&status),
        codes(texts),
        prose(&m.description),
        retry_line(cx.spec, m.retry, m.retry_policy.as_ref())
    )
}

fn info(cx: &Cx<'_>, c: &Code) -> TokenStream {
    let (spec, r) = (cx.spec, &cx.r);
    let (code, name, message, desc) = (int(c.code), &c.name, &c.message, &c.description);
    let texts = texts_fields(&c.aliases, &c.templates);
    let status = status_field(spec, c.status);
    let others = if c.other_statuses.is_empty() {
        TokenStream::new()
    } else {
        let s = c.other_statuses.iter().map(|s| status_ref(spec, *s));
        quote!(other_statuses: &[#(#s),*],)
    };
    let apis = apis_field(r, &c.apis);
    let retry = retry_field(r, c.retry);
    let policy = policy_field(spec, c.retry_policy.as_ref());
    let meanings = if c.meanings.is_empty() {
        TokenStream::new()
    } else {
        let m = c.meanings.iter().map(|m| meaning(cx, m));
        quote!(meanings: &[#(#m),*],)
    };
    let evidence = if c.evidence == crate::spec::Evidence::default() {
        TokenStream::new()
    } else {
        let e = super::ident(c.evidence.rust_name());
        quote!(evidence: #r::catalog::Evidence::#e,)
    };
    let dep = deprecated_field(c.deprecated.as_ref());
    let suspended = flag_field("suspended", c.suspended);
    quote! {
        #r::catalog::CodeInfo {
            code: #code, name: #name, message: #message, #texts #status #others #apis #retry
            #policy #meanings #evidence #suspended #dep description: #desc, ..#r::catalog::CodeInfo::EMPTY
        }
    }
}

fn meaning(cx: &Cx<'_>, m: &Meaning) -> TokenStream {
    let r = &cx.r;
    let (era, message, desc) = (&m.era, &m.message, &m.description);
    let texts = texts_fields(&m.aliases, &m.templates);
    let status = status_field(cx.spec, m.status);
    let apis = apis_field(r, &m.apis);
    let retry = retry_field(r, m.retry);
    let policy = policy_field(cx.spec, m.retry_policy.as_ref());
    quote! {
        #r::catalog::MeaningInfo {
            era: #era, message: #message, #texts #status #apis #retry #policy
            description: #desc, ..#r::catalog::MeaningInfo::EMPTY
        }
    }
}

fn enum_example(cx: &Cx<'_>) -> TokenStream {
    let shown = sample(
        &cx.spec.codes,
        |c| c.deprecated.is_some(),
        |c| c.code > 0 && c.status.is_some(),
    );
    let Some(c) = shown else {
        return TokenStream::new();
    };
    let v = crate::naming::camel(&c.name);
    example(
        cx.examples,
        "{ErrorCode, HttpStatus}",
        &[
            format!("let code = ErrorCode::from_code({}).unwrap();", c.code),
            format!("assert_eq!(code, ErrorCode::{v});"),
            format!("assert_eq!(code.message(), {:?});", c.message),
            format!(
                "assert_eq!(code.status(), {});",
                status_expr(cx.spec, c.status)
            ),
            format!(
                "assert_eq!(code.to_string(), {:?});",
                format!("{} {}", c.code, c.message)
            ),
            format!(
                "assert_eq!(ErrorCode::from_name({:?}), Some(code));",
                c.name
            ),
        ],
    )
}
