//! The annotated item, parsed only as far as its signature: the body is kept as tokens and
//! handed back to the compiler untouched, which keeps expansion cheap for long handlers.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Attribute, Item, Signature, Visibility};

/// A fn item with an unparsed body.
pub struct HandlerFn {
    pub sig: Signature,
}

impl Parse for HandlerFn {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        input.call(Attribute::parse_outer)?;
        input.parse::<Visibility>()?;
        let sig: Signature = input.parse()?;
        let body: proc_macro2::Group = input.parse()?;
        if body.delimiter() != proc_macro2::Delimiter::Brace {
            return Err(syn::Error::new(body.span(), "expected the fn's body"));
        }
        Ok(HandlerFn { sig })
    }
}

/// The item as a handler fn; otherwise, the span of the keyword that says what it is instead
/// (`None` when it is not an item at all).
pub fn parse(tokens: TokenStream) -> Result<HandlerFn, Option<Span>> {
    match syn::parse2::<HandlerFn>(tokens.clone()) {
        Ok(handler) => Ok(handler),
        Err(_) => Err(syn::parse2::<Item>(tokens)
            .ok()
            .map(|item| keyword_span(&item))),
    }
}

fn keyword_span(item: &Item) -> Span {
    match item {
        Item::Struct(s) => s.struct_token.span(),
        Item::Enum(e) => e.enum_token.span(),
        Item::Impl(i) => i.impl_token.span(),
        Item::Mod(m) => m.mod_token.span(),
        Item::Static(s) => s.static_token.span(),
        Item::Const(c) => c.const_token.span(),
        Item::Trait(t) => t.trait_token.span(),
        Item::Type(t) => t.type_token.span(),
        Item::Use(u) => u.use_token.span(),
        other => other.span(),
    }
}
