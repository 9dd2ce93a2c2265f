//! The generated code: the user's fn unchanged, then, in an anonymous `const` block, the
//! compile-time checks (each placed on the user's own tokens) and the handler's entry in the
//! runtime's link-time table.

use proc_macro2::TokenStream;
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
    let entry = entry_expression(&handler, &krate);

    // `file!()`/`line!()` take the position of their span: the handler's name.
    let location = quote_spanned! {ident.span()=> ::core::file!(), ::core::line!() };

    let registration = quote! {
        #[doc(hidden)]
        const _: () = {
            type __BackendEvent = #event_ty;

            #krate::__private::register_handler!(
                __BACKEND_EVENT_HANDLER = #krate::__private::handler(
                    <__BackendEvent as #krate::BackendEvent>::INFO,
                    ::core::concat!(::core::module_path!(), "::", ::core::stringify!(#ident)),
                    #location,
                    &#entry,
                )
            );
        };
    };
    match &target.module {
        // A catalog event may be compiled out (its cargo feature is off): its feature's gate
        // then turns the registration into one error that says which feature to enable.
        ModuleRef::Catalog(module) => {
            let feature = catalog::feature_of(&module.to_string(), &target.event.to_string())
                .expect("checked: a catalog event has a feature");
            let gate = format_ident!("{}", feature.replace('-', "_"), span = module.span());
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

/// The handler's entry point: the fn itself inside a generic wrapper, so that no calling code
/// is written out per handler. Each check is spanned at the user's tokens it is about: the payload
/// type at the parameter's type, the conversion at the return type (or the error type), and
/// an async handler's future (which must be `Send`) at the fn's name.
fn entry_expression(handler: &Handler, krate: &Path) -> TokenStream {
    let ident = handler.ident;
    let payload_ty = handler.payload;
    let payload = quote_spanned! {payload_ty.span()=>
        #krate::__private::payload::<__BackendEvent, #payload_ty>()
    };
    let convert = match &handler.output {
        Output::Unit => quote!(#krate::__private::unit),
        Output::Result { error } => {
            quote_spanned!(error.span()=> #krate::__private::result::<#error>)
        }
        Output::Other(ty) => quote_spanned!(ty.span()=> #krate::__private::output::<#ty>),
    };
    if handler.is_async {
        let new = quote_spanned!(ident.span()=> #krate::__private::AsyncFn::new);
        quote!(#new(#payload, #convert, #ident))
    } else {
        quote!(#krate::__private::SyncFn::new(#payload, #convert, #ident))
    }
}
