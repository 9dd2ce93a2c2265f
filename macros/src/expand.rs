//! The generated code: the user's fn unchanged, then, in an anonymous `const` block, the
//! compile-time checks (each placed on the user's own tokens) and the handler's entry in the
//! runtime's link-time table.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Path;
use syn::spanned::Spanned;

use crate::args::{ModuleRef, Target};
use crate::catalog;
use crate::signature::{Handler, Output};

/// Everything the expansion needs, gathered by `lib.rs`.
pub struct Expansion<'a> {
    pub item: &'a TokenStream,
    pub handler: Handler<'a>,
    pub target: &'a Target,
    pub krate: Path,
    pub velo_named: bool,
}

/// The user's fn as written, with a lint allowance when its name is a Velo name.
pub fn original_fn(item: &TokenStream, velo_named: bool) -> TokenStream {
    if velo_named {
        quote! {
            #[allow(non_snake_case)]
            #item
        }
    } else {
        quote!(#item)
    }
}

/// The marker type of the event: `krate::wix_events::wixEvents::onPolicyUpdated` for the catalog,
/// `path::to::myModule::onEvent` for a declared module. Spanned at the user's tokens so that a
/// path the compiler cannot resolve is reported where it was written.
pub fn event_type(target: &Target, krate: &Path) -> TokenStream {
    let event = &target.event;
    match &target.module {
        ModuleRef::Catalog(module) => {
            let rust_module = format_ident!(
                "{}",
                catalog::rust_module_name(&module.to_string()),
                span = module.span()
            );
            quote!(#krate::#rust_module::#module::#event)
        }
        ModuleRef::Declared(path) => quote!(#path::#event),
    }
}

/// The fn, then its checks and its table entry: one `const _` block per handler, so that the
/// names it uses cannot clash with the user's or another handler's.
pub fn expand(exp: Expansion) -> TokenStream {
    let Expansion {
        item,
        handler,
        target,
        krate,
        velo_named,
    } = exp;
    let original = original_fn(item, velo_named);
    let event_ty = event_type(target, &krate);
    let ident = handler.ident;
    let payload_ty = handler.payload;
    let take =
        quote_spanned!(payload_ty.span()=> #krate::__private::take::<__BackendEvent, #payload_ty>);
    let call = call_expression(&handler, &krate);

    // `file!()`/`line!()` take the position of their span: the handler's name.
    let location = quote_spanned! {ident.span()=> ::core::file!(), ::core::line!() };
    let mixed = Span::mixed_site();
    let payload = quote_spanned!(mixed=> payload);
    let mismatch = quote_spanned!(mixed=> mismatch);

    let registration = quote! {
        #[doc(hidden)]
        const _: () = {
            type __BackendEvent = #event_ty;

            fn __backend_event_invoke(
                #payload: #krate::__private::AnyPayload,
            ) -> #krate::__private::Started {
                match #take(#payload) {
                    ::core::result::Result::Ok(#payload) => #call,
                    ::core::result::Result::Err(#mismatch) => #mismatch,
                }
            }

            #[#krate::__private::linkme::distributed_slice(#krate::__private::HANDLERS)]
            #[linkme(crate = #krate::__private::linkme)]
            static __BACKEND_EVENT_HANDLER: #krate::Handler = #krate::__private::handler(
                <__BackendEvent as #krate::BackendEvent>::INFO,
                ::core::concat!(::core::module_path!(), "::", ::core::stringify!(#ident)),
                #location,
                __backend_event_invoke,
            );
        };
    };
    match &target.module {
        // A catalog module may be compiled out (its cargo feature is off): its gate then turns
        // the registration into one error that says which feature to enable.
        ModuleRef::Catalog(module) => {
            let gate = format_ident!(
                "{}",
                catalog::rust_module_name(&module.to_string()),
                span = module.span()
            );
            let gate = quote_spanned!(module.span()=> #krate::__private::catalog_gate::#gate!);
            quote! {
                #original
                #gate { #registration }
            }
        }
        ModuleRef::Declared(_) => quote! {
            #original
            #registration
        },
    }
}

/// Calls the handler on `payload` and turns what it returns into an outcome. The conversion is
/// spanned at the return type (or the error type) so that a wrong one is blamed there; an
/// async handler's future is boxed (and must be `Send`) at the fn's name.
fn call_expression(handler: &Handler, krate: &Path) -> TokenStream {
    let ident = handler.ident;
    let payload = quote_spanned!(Span::mixed_site()=> payload);
    let convert = match &handler.output {
        Output::Unit => quote!(#krate::__private::unit),
        Output::Result { error } => {
            quote_spanned!(error.span()=> #krate::__private::result::<#error>)
        }
        Output::Other(ty) => quote_spanned!(ty.span()=> #krate::__private::output::<#ty>),
    };
    if handler.is_async {
        let pending = quote_spanned!(ident.span()=> #krate::__private::pending);
        quote!(#pending(#ident(#payload), #convert))
    } else {
        quote!(#krate::__private::Started::Done(#convert(#ident(#payload))))
    }
}
