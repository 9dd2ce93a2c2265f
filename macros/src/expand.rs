//! The generated code: the user's fn unchanged, then, in an anonymous `const` block, the
//! compile-time checks (each placed on the user's own tokens) and the handler's entry in the
//! runtime's link-time table.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{ItemFn, Path};

use crate::args::{ModuleRef, Target};
use crate::catalog;
use crate::signature::{Handler, Output};

/// Everything the expansion needs, gathered by `lib.rs`.
pub struct Expansion<'a> {
    pub item: &'a ItemFn,
    pub handler: Handler<'a>,
    pub target: &'a Target,
    pub krate: Path,
    pub velo_named: bool,
}

/// The user's fn, with a lint allowance when its name is a Velo name.
pub fn original_fn(item: &ItemFn, velo_named: bool) -> TokenStream {
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
    let payload = handler.payload;
    let payload_check = payload_check(&handler, &krate, target);
    let call = call_expression(&handler, &krate);

    // `file!()`/`line!()` take the position of their span: the handler's name.
    let location = quote_spanned! {ident.span()=> ::core::file!(), ::core::line!() };
    let mixed = Span::mixed_site();
    let payload_var = quote_spanned!(mixed=> payload);
    let mismatch_var = quote_spanned!(mixed=> mismatch);

    quote! {
        #original

        #[doc(hidden)]
        const _: () = {
            type __BackendEvent = #event_ty;

            #payload_check

            #[#krate::__private::linkme::distributed_slice(#krate::__private::HANDLERS)]
            #[linkme(crate = #krate::__private::linkme)]
            static __BACKEND_EVENT_HANDLER: #krate::Handler = #krate::__private::handler(
                <__BackendEvent as #krate::BackendEvent>::INFO,
                ::core::concat!(::core::module_path!(), "::", ::core::stringify!(#ident)),
                #location,
                |#payload_var: #krate::__private::AnyPayload| -> #krate::__private::HandlerFuture {
                    match #krate::__private::take::<#payload>(#payload_var) {
                        ::core::result::Result::Ok(#payload_var) => {
                            ::std::boxed::Box::pin(async move { #call })
                        }
                        ::core::result::Result::Err(#mismatch_var) => #mismatch_var,
                    }
                },
            );
        };
    }
}

/// `Found: ExpectedPayload<Expected>` on the user's parameter type. A local trait per handler so
/// that the message can name the event and the fn.
fn payload_check(handler: &Handler, krate: &Path, target: &Target) -> TokenStream {
    let payload = handler.payload;
    let fn_name = handler.ident.to_string();
    let module = target.module.velo_name();
    let event = &target.event;
    let message = format!("`{{Self}}` is not the payload of {module}.{event}");
    let label = format!("`{fn_name}` handles {module}.{event}, whose payload is `{{Expected}}`");
    let note = match &target.module {
        ModuleRef::Catalog(_) => format!(
            "write the parameter as `event: {{Expected}}`, with \
             `use {}::{}::{{Expected}};`",
            quote!(#krate)
                .to_string()
                .replace(' ', "")
                .trim_start_matches("::"),
            catalog::rust_module_name(&module)
        ),
        ModuleRef::Declared(_) => "write the parameter as `event: {Expected}`".to_owned(),
    };
    let check = quote_spanned! {payload.span()=>
        __backend_event_expect_payload::<#payload, <__BackendEvent as #krate::BackendEvent>::Payload>();
    };
    quote! {
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        trait __BackendEventPayload<Expected> {}
        impl<T> __BackendEventPayload<T> for T {}
        const fn __backend_event_expect_payload<Found, Expected>()
        where
            Found: __BackendEventPayload<Expected>,
        {
        }
        #check
    }
}

/// Calls the handler on `payload` and turns what it returns into an outcome. The conversion is
/// spanned at the return type (or the error type) so that a wrong one is blamed there.
fn call_expression(handler: &Handler, krate: &Path) -> TokenStream {
    let ident = handler.ident;
    let payload = quote_spanned!(Span::mixed_site()=> payload);
    let call = if handler.is_async {
        quote!(#ident(#payload).await)
    } else {
        quote!(#ident(#payload))
    };
    let convert = match &handler.output {
        Output::Unit => quote!(#krate::__private::unit),
        Output::Result { error } => {
            quote_spanned!(error.span()=> #krate::__private::result::<#error>)
        }
        Output::Other(ty) => quote_spanned!(ty.span()=> #krate::__private::output::<#ty>),
    };
    quote!(#convert(#call))
}
