//! The spec's `pattern`s, written as `static` data for `nexevo-api`'s validators: compiled by
//! `nexevo-pattern` (which refuses anything outside its subset, so a spec change can never be
//! checked more loosely than it says), and matched at run time by the same crate.

use nexevo_pattern::{Pattern, Step};
use proc_macro2::TokenStream;
use quote::quote;

/// Compiles `source`, refusing a pattern outside the subset.
pub(crate) fn compile(source: &str) -> anyhow::Result<Pattern> {
    Ok(Pattern::compile(source)?)
}

/// `static <ident>: Pattern = …;`, borrowing every part so the value needs no allocation.
pub(crate) fn static_item(ident: &proc_macro2::Ident, pattern: &Pattern) -> TokenStream {
    let source = pattern.source();
    let steps = steps(pattern.steps());
    quote!(static #ident: Pattern = Pattern::from_compiled(#source, #steps);)
}

/// The steps as a `&[Step]` expression.
fn steps(steps: &[Step]) -> TokenStream {
    let steps = steps.iter().map(|step| match step {
        Step::Repeat { class, min, max } => {
            let firsts = class.ranges.iter().map(|(first, _)| first);
            let lasts = class.ranges.iter().map(|(_, last)| last);
            let negated = class.negated;
            let max = match max {
                Some(max) => quote!(Some(#max)),
                None => quote!(None),
            };
            quote! {
                Step::Repeat {
                    class: Class { ranges: Borrowed(&[#((#firsts, #lasts)),*]), negated: #negated },
                    min: #min,
                    max: #max,
                }
            }
        }
        Step::Literal(text) => {
            let text: &str = text;
            quote!(Step::Literal(Borrowed(#text)))
        }
        Step::Optional(group) => {
            let group = self::steps(group);
            quote!(Step::Optional(Borrowed(#group)))
        }
        Step::Either(alternatives) => {
            let alternatives = alternatives.iter().map(|steps| self::steps(steps));
            quote!(Step::Either(Borrowed(&[#(Borrowed(#alternatives)),*])))
        }
        // `Step` is non-exhaustive: a step this generator does not know cannot be written.
        other => {
            let message = format!("the generator cannot write {other:?}");
            quote!(compile_error!(#message))
        }
    });
    quote!(&[#(#steps),*])
}
