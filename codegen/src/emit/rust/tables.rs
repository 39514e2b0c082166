//! Lookups as data: string tables sorted for the runtime's `Table`, and
//! the index of entries by number for its `NumIndex`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, int};

/// A string table: the `const`s that hold its keys and values, and the expression
/// that builds the runtime's `Table` of them and their values (the keys'
/// hash index is computed from the keys by the compiler).
pub(super) struct StrTable {
    /// `const NAME: &[&str] = &[...]; const NAME_VALUES: &[V] = &[...];`
    pub item: TokenStream,
    /// `Table::new(NAME, &[values...], &slots::<N>(NAME))`
    pub expr: TokenStream,
}

/// The table of `entries` (key, value of type `ty`), named `name`: sorted
/// by length, then bytes, as the runtime wants them; entries with the same
/// key keep their order, which is the order of their values in a lookup.
pub(super) fn table(
    r: &TokenStream,
    name: &str,
    ty: &TokenStream,
    mut entries: Vec<(String, TokenStream)>,
) -> StrTable {
    entries.sort_by(|a, b| {
        a.0.len()
            .cmp(&b.0.len())
            .then_with(|| a.0.as_bytes().cmp(b.0.as_bytes()))
    });
    let keys = entries.iter().map(|(k, _)| k);
    let values = entries.iter().map(|(_, v)| v);
    // A power of two of slots, at most half full.
    let size = int((entries.len() as u64 * 2).next_power_of_two().max(1));
    let id = ident(name);
    // Named, since the hash index holds the values too.
    let values_id = ident(&format!("{name}_VALUES"));
    StrTable {
        item: quote! {
            const #id: &[&str] = &[#(#keys),*];
            #[allow(deprecated)]
            const #values_id: &[#ty] = &[#(#values),*];
        },
        expr: quote! {
            #r::catalog::Table::new(
                #id,
                #values_id,
                &#r::catalog::slots::<#size, #ty>(#id, #values_id),
            )
        },
    }
}

/// The index by number of the entries of `info` (a `const` of
/// `StatusInfo`s or `CodeInfo`s, whose numbers `numbers` are, ascending),
/// read from it by the runtime's `extract` (`status_numbers`,
/// `code_numbers`): a byte per number when the numbers are few and small,
/// else the numbers, searched by bisection.
pub(super) fn numbers(r: &TokenStream, info: &str, extract: &str, numbers: &[u32]) -> TokenStream {
    let (info, extract) = (ident(info), ident(extract));
    let count = int(numbers.len() as u64);
    // `code_numbers` is generic over the catalog's status type too.
    let read = if extract == "code_numbers" {
        quote!(#r::catalog::#extract::<#count, _>(#info))
    } else {
        quote!(#r::catalog::#extract::<#count>(#info))
    };
    match numbers.last() {
        Some(&max) if numbers.len() < 256 && max < 4096 => {
            let size = int(u64::from(max) + 1);
            quote!(#r::catalog::NumIndex::Dense(&#r::catalog::dense_index::<#size>(&#read)))
        }
        _ => quote!(#r::catalog::NumIndex::Sorted(&#r::catalog::sorted_numbers::<#count>(&#read))),
    }
}
