//! A vocabulary member's values (`ResourceType`, `Section`...): the enum,
//! its `Vocabulary` data, and the runtime macro that writes its methods.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, docs, example, prose, retry_line};
use super::tables::table;
use super::{ident, option, policy_field, variant, Cx};
use crate::naming;
use crate::spec::Field;

pub(super) fn emit(cx: &Cx<'_>, field: &Field) -> TokenStream {
    let (r, attrs) = (&cx.r, &cx.attrs);
    let ty = variant(&field.name);
    let variants: Vec<_> = field.values.iter().map(|v| variant(&v.name)).collect();
    let defs = field.values.iter().zip(&variants).map(|(v, id)| {
        let mut lines = vec![code(&v.value), prose(&v.description)];
        if let Some(retry) = v.retry {
            lines.push(retry_line(cx.spec, retry, v.retry_policy.as_ref()));
        }
        let doc = docs(&lines);
        quote!(#doc #id)
    });
    let infos = field.values.iter().map(|v| {
        let (value, name, desc) = (&v.value, &v.name, &v.description);
        let retry = match v.retry {
            Some(x) => {
                let x = option(Some({
                    let x = ident(x.rust_name());
                    quote!(#r::catalog::Retry::#x)
                }));
                quote!(retry: #x,)
            }
            None => TokenStream::new(),
        };
        let policy = policy_field(cx.spec, v.retry_policy.as_ref());
        quote!(#r::catalog::ValueInfo {
            value: #value, name: #name, #retry #policy description: #desc,
            ..#r::catalog::ValueInfo::EMPTY
        })
    });
    let consts = naming::snake(&field.name).to_uppercase();
    let info_const = ident(&format!("__{consts}_INFO"));
    let by_wire = table(
        r,
        &format!("__{consts}_WIRE"),
        &quote!(#ty),
        field
            .values
            .iter()
            .zip(&variants)
            .map(|(v, id)| (v.value.clone(), quote!(#ty::#id)))
            .collect(),
    );
    let (values, by_wire) = (by_wire.item, by_wire.expr);
    let enum_doc = docs(&[
        format!(
            "The documented values of the v2 error-object member `{}`.",
            field.name
        ),
        prose(&field.description),
        "Keep values the spec does not list with `Term`. `Display` and serde use the literal."
            .to_string(),
    ]);
    let example = field.values.first().map(|v| {
        let name = ty.to_string();
        example(
            cx.examples,
            &name,
            &[
                format!("let value = {name}::from_wire({:?}).unwrap();", v.value),
                format!("assert_eq!(value, {name}::{});", naming::camel(&v.name)),
                format!("assert_eq!(value.as_str(), {:?});", v.value),
            ],
        )
    });
    quote! {
        #enum_doc
        #example
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #attrs
        #[allow(clippy::doc_markdown)]
        pub enum #ty { #(#defs,)* }

        #r::__private::vocabulary!(#ty);

        impl #r::catalog::Vocabulary for #ty {
            const ALL: &'static [Self] = &[#(Self::#variants),*];
            #[allow(long_running_const_eval)]
            const TABLE: #r::catalog::ValueTable<Self> = #r::catalog::ValueTable {
                info: #info_const,
                by_wire: #by_wire,
            };
            fn index(self) -> usize {
                self as usize
            }
        }

        // An entry that gives every part leaves nothing for `..EMPTY`.

        #[allow(clippy::needless_update)]

        const #info_const: &[#r::catalog::ValueInfo] = &[#(#infos),*];
        #values
    }
}
