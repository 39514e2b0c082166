//! `ErrorObject`, the v2 error object: a struct with one member per spec
//! field, and one call of the runtime macro that writes its equality,
//! constructor, serde and `ObjectEntry` impls.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, codes, docs, prose};
use super::{ident, variant, Cx};
use crate::naming;
use crate::spec::{Field, FieldKind};

/// The member's Rust type, without the `Option` of an optional member.
fn member_type(cx: &Cx<'_>, f: &Field) -> TokenStream {
    let r = &cx.r;
    if f.name == "type" {
        return quote!(#r::ProblemUri<ProblemType>);
    }
    if !f.values.is_empty() {
        let t = variant(&f.name);
        return quote!(#r::Term<#t>);
    }
    match f.kind {
        FieldKind::Integer => quote!(i64),
        FieldKind::Json => quote!(::std::boxed::Box<#r::__private::RawValue>),
        _ => quote!(::std::string::String),
    }
}

fn member_docs(f: &Field) -> TokenStream {
    let mut lines = vec![
        format!(
            "{}{}",
            code(&f.name),
            if f.always { ", always present" } else { "" }
        ),
        prose(&f.description),
    ];
    if !f.values.is_empty() {
        lines.push(format!(
            "Documented values: {}.",
            codes(f.values.iter().map(|v| &v.value))
        ));
    }
    docs(&lines)
}

pub(super) fn emit(cx: &Cx<'_>) -> TokenStream {
    let r = &cx.r;
    let fields = &cx.spec.fields;
    let member = |f: &Field| {
        let (doc, id, ty) = (
            member_docs(f),
            naming::member_ident(&f.name),
            member_type(cx, f),
        );
        let wire = &f.name;
        let decl = if f.always {
            quote!(#doc pub #id: #ty)
        } else {
            quote!(#doc pub #id: ::core::option::Option<#ty>)
        };
        (decl, quote!(#id: #ty = #wire))
    };
    let (required_decls, required): (Vec<_>, Vec<_>) =
        fields.iter().filter(|f| f.always).map(member).unzip();
    let (optional_decls, optional): (Vec<_>, Vec<_>) =
        fields.iter().filter(|f| !f.always).map(member).unzip();
    let values = fields
        .iter()
        .filter(|f| f.values.iter().any(|v| v.retry.is_some()))
        .map(|f| {
            let (wire, ty) = (&f.name, variant(&f.name));
            quote!(#wire => #ty)
        });
    let names = codes(fields.iter().map(|f| &f.name));
    let doc = docs(&[
        "A v2 error object: the problem details of a whole v2 error body, or one item of its `errors` array.".to_string(),
        format!("Members from the spec: {names}. Every other member is kept in [`ErrorObject::extra`], in the order it came, and written back on encoding."),
    ]);
    let _ = ident;
    quote! {
        #doc
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        #[allow(clippy::doc_markdown)]
        pub struct ErrorObject {
            #(#required_decls,)*
            #(#optional_decls,)*
            /// Members the spec does not document, and repeats of documented
            /// ones, in the order they came.
            pub extra: #r::Members<'static>,
        }

        #r::__private::error_object! {
            ErrorObject, ProblemType,
            required { #(#required,)* }
            optional { #(#optional,)* }
            values { #(#values,)* }
        }
    }
}
