//! The `#[backend_event]` attribute of [backend-events](https://docs.rs/backend-events).
//!
//! Use it through the `backend-events` crate, which re-exports it and provides everything the
//! generated code refers to. This crate holds only the macro: parse the arguments, check the
//! handler's signature and the event's name, then expand to the fn plus its entry in the
//! link-time handler table.

#![forbid(unsafe_code)]

mod args;
mod catalog;
mod expand;
mod item;
mod signature;
mod suggest;

use proc_macro::TokenStream;
use quote::quote;
use syn::Signature;

use args::{Args, ModuleRef, Target};

/// Registers a fn as the handler of a backend event. See the `backend-events` crate for the
/// full documentation.
#[proc_macro_attribute]
pub fn backend_event(args: TokenStream, item: TokenStream) -> TokenStream {
    let item2 = proc_macro2::TokenStream::from(item);
    let args = match syn::parse::<Args>(args) {
        Ok(args) => args,
        Err(err) => {
            // Keep the item, so that the only error is the one about the arguments.
            let error = err.to_compile_error();
            return quote!(#error #[allow(non_snake_case)] #item2).into();
        }
    };
    let parsed = match item::parse(item2.clone()) {
        Ok(parsed) => parsed,
        Err(Some(span)) => return not_a_fn(span, item2).into(),
        // Not an item at all: let the compiler report the syntax error on the original tokens.
        Err(None) => return item2.into(),
    };
    match handler(&args, &parsed.sig, &item2) {
        Ok(tokens) => tokens.into(),
        Err(err) => {
            // Keep the fn so that the rest of the user's crate (and the IDE) still sees it.
            let velo_named = args.target.is_none();
            let original = expand::original_fn(&item2, velo_named);
            let error = err.to_compile_error();
            quote!(#error #original).into()
        }
    }
}

fn handler(
    args: &Args,
    sig: &Signature,
    item: &proc_macro2::TokenStream,
) -> syn::Result<proc_macro2::TokenStream> {
    let split;
    let target: &Target = match &args.target {
        Some(target) => target,
        None => {
            split = args::split_velo_name(&sig.ident)?;
            &split
        }
    };
    check_catalog_names(target)?;
    let payload_hint = payload_hint(target);
    let handler = signature::check(sig, &payload_hint)?;
    let krate = args
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::backend_events));
    let velo_name = format!("{}_{}", target.module.velo_name(), target.event);
    let velo_named = args.target.is_none() || sig.ident == velo_name;
    Ok(expand::expand(expand::Expansion {
        item,
        handler,
        target,
        krate,
        velo_named,
    }))
}

/// The payload type to suggest in messages.
fn payload_hint(target: &Target) -> String {
    let event = target.event.to_string();
    match &target.module {
        ModuleRef::Catalog(_) => catalog::payload_name(&event).to_owned(),
        ModuleRef::Declared(_) => format!("<payload of {}.{event}>", target.module.velo_name()),
    }
}

/// A catalog module and event must exist; a declared module's path is left to the compiler.
fn check_catalog_names(target: &Target) -> syn::Result<()> {
    let ModuleRef::Catalog(module) = &target.module else {
        return Ok(());
    };
    let module_name = module.to_string();
    let Some(events) = catalog::events_of(&module_name) else {
        let known = catalog::MODULES.iter().map(|(name, _, _)| *name);
        let help = match suggest::closest(&module_name, known.clone()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("the catalog has {}", listed(&known.collect::<Vec<_>>())),
        };
        return Err(syn::Error::new(
            module.span(),
            format!(
                "unknown module `{module_name}`: {help}\nfor a module declared with \
                 `declare_module!`, give its path: #[backend_event(path::to::{module_name}, onEvent)]"
            ),
        ));
    };
    let event_name = target.event.to_string();
    if catalog::has_event(events, &event_name) {
        return Ok(());
    }
    let names: Vec<&str> = events.iter().map(|(name, _)| *name).collect();
    // The event of another module (asked of the wrong one) says more than a near spelling.
    let elsewhere: Vec<&str> = catalog::MODULES
        .iter()
        .filter(|(_, _, events)| catalog::has_event(events, &event_name))
        .map(|(other, _, _)| *other)
        .collect();
    let help = match (
        elsewhere.as_slice(),
        suggest::closest(&event_name, names.iter().copied()),
    ) {
        ([other], _) => format!(
            "`{event_name}` is an event of `{other}`: write #[backend_event({other}, {event_name})]"
        ),
        ([first, ..], _) => format!(
            "`{event_name}` is an event of several modules ({}): name the one you mean, such as \
             #[backend_event({first}, {event_name})]",
            listed(&elsewhere)
        ),
        ([], Some(close)) => format!("did you mean `{close}`?"),
        ([], None) => format!("it has {}", listed(&names)),
    };
    Err(syn::Error::new(
        target.event.span(),
        format!("`{module_name}` has no event `{event_name}`: {help}"),
    ))
}

/// Names in backticks, the first ten of them and how many more.
fn listed(names: &[&str]) -> String {
    let mut out: Vec<String> = names.iter().take(10).map(|n| format!("`{n}`")).collect();
    if names.len() > 10 {
        out.push(format!("{} more", names.len() - 10));
    }
    out.join(", ")
}

fn not_a_fn(span: proc_macro2::Span, tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let error = syn::Error::new(
        span,
        "#[backend_event] goes on a fn that handles one event, like \
         `fn policy_changed(event: PolicyUpdated) { ... }`",
    )
    .to_compile_error();
    quote!(#error #tokens)
}

/// The built-in catalog's `(module, event)` names as the attribute knows them. Hidden: it lets
/// the runtime's tests check that this table and the runtime's catalog agree.
#[doc(hidden)]
#[proc_macro]
pub fn __catalog_names(_input: TokenStream) -> TokenStream {
    let pairs = catalog::MODULES.iter().flat_map(|(module, _, events)| {
        events
            .iter()
            .map(move |(event, _)| quote!((#module, #event)))
    });
    quote!(&[#(#pairs),*]).into()
}
