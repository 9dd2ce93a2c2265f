//! The handler's signature, checked structurally: what the macro can see without type
//! information. Type-level facts (is this the event's payload? is the error Display?) are left
//! to the compiler, through checks that `expand` places on the user's own tokens.

use syn::{FnArg, GenericArgument, PathArguments, ReturnType, Signature, Type};

/// What the expansion needs to know about a handler fn.
pub struct Handler<'a> {
    /// The fn's name.
    pub ident: &'a syn::Ident,
    /// `async fn`: the call is awaited.
    pub is_async: bool,
    /// The type of the one parameter, as written.
    pub payload: &'a Type,
    /// The return type, as written.
    pub output: Output<'a>,
}

/// The return type, sorted by what must be checked of it.
pub enum Output<'a> {
    /// No return type, or `()`.
    Unit,
    /// `Result<(), E>` spelled out: `E` must be an error type.
    Result {
        /// The `E` of `Result<(), E>`.
        error: &'a Type,
    },
    /// Anything else (an alias such as `anyhow::Result<()>`, or a mistake): the compiler checks
    /// that it is `()` or `Result<(), E>`.
    Other(&'a Type),
}

/// Checks the parts of a handler's signature that need no type information. Every mistake found
/// becomes its own error, at its own tokens.
pub fn check<'a>(sig: &'a Signature, payload_hint: &str) -> syn::Result<Handler<'a>> {
    let mut errors = Errors::default();

    if let Some(unsafety) = &sig.unsafety {
        errors.push(
            unsafety,
            "a handler cannot be an `unsafe fn`: the dispatcher calls it with no safety \
             contract to uphold; remove `unsafe`",
        );
    }
    if let Some(abi) = &sig.abi {
        errors.push(
            abi,
            "a handler is an ordinary Rust fn: remove the `extern` ABI",
        );
    }
    if !sig.generics.params.is_empty() {
        errors.push(
            &sig.generics,
            format!(
                "a handler cannot be generic: each event delivers one concrete payload type; \
                 remove the generic parameters and write `event: {payload_hint}`"
            ),
        );
    } else if let Some(where_clause) = &sig.generics.where_clause {
        errors.push(
            where_clause,
            "a handler cannot have a `where` clause: remove it",
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(
            variadic,
            "a handler takes exactly one parameter, the payload: remove `...`",
        );
    }

    let payload = match check_inputs(sig, payload_hint, &mut errors) {
        Some(payload) => payload,
        None => return Err(errors.finish().expect("an error was recorded")),
    };
    let output = check_output(&sig.output, &mut errors);

    match errors.finish() {
        Some(err) => Err(err),
        None => Ok(Handler {
            ident: &sig.ident,
            is_async: sig.asyncness.is_some(),
            payload,
            output,
        }),
    }
}

fn check_inputs<'a>(
    sig: &'a Signature,
    payload_hint: &str,
    errors: &mut Errors,
) -> Option<&'a Type> {
    let mut inputs = sig.inputs.iter();
    let first = match inputs.next() {
        Some(first) => first,
        None => {
            errors.push(
                NoArguments(sig.paren_token),
                format!(
                    "a handler takes exactly one parameter, the event's payload: \
                     write `fn {}(event: {payload_hint})`",
                    sig.ident
                ),
            );
            return None;
        }
    };
    if let FnArg::Receiver(receiver) = first {
        errors.push(
            receiver,
            format!(
                "#[backend_event] goes on a free fn, not a method: move the handler out of \
                 the `impl` block and take the payload, `event: {payload_hint}`"
            ),
        );
        return None;
    }
    for extra in inputs {
        errors.push(
            extra,
            "a handler takes exactly one parameter, the event's payload: remove this one \
             (for shared state such as a database pool, use a `static` or `std::sync::OnceLock`)",
        );
    }

    let FnArg::Typed(pat_type) = first else {
        return None;
    };
    let ty = &*pat_type.ty;
    match ty {
        Type::Reference(reference) => {
            errors.push(
                reference,
                format!(
                    "a handler takes its payload by value: write `{}` instead of `{}`",
                    tokens(&reference.elem),
                    tokens(ty)
                ),
            );
            None
        }
        Type::ImplTrait(_) | Type::Infer(_) => {
            errors.push(
                ty,
                format!("the payload type must be named: write `event: {payload_hint}`"),
            );
            None
        }
        _ => Some(ty),
    }
}

fn check_output<'a>(output: &'a ReturnType, errors: &mut Errors) -> Output<'a> {
    let ty = match output {
        ReturnType::Default => return Output::Unit,
        ReturnType::Type(_, ty) => &**ty,
    };
    if is_unit(ty) {
        return Output::Unit;
    }
    if let Some((ok, error)) = result_arguments(ty) {
        if !is_unit(ok) {
            errors.push(
                ok,
                format!(
                    "a handler returns nothing on success: write `Result<(), {}>`; the \
                     dispatcher would have nowhere to put `{}`",
                    tokens(error),
                    tokens(ok)
                ),
            );
        }
        return Output::Result { error };
    }
    Output::Other(ty)
}

fn is_unit(ty: &Type) -> bool {
    match ty {
        Type::Tuple(tuple) => tuple.elems.is_empty(),
        Type::Paren(paren) => is_unit(&paren.elem),
        _ => false,
    }
}

/// `T` and `E` of a type spelled `Result<T, E>` (with any path before `Result`).
fn result_arguments(ty: &Type) -> Option<(&Type, &Type)> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    let mut types = arguments.args.iter().filter_map(|arg| match arg {
        GenericArgument::Type(ty) => Some(ty),
        _ => None,
    });
    match (types.next(), types.next(), types.next()) {
        (Some(ok), Some(error), None) => Some((ok, error)),
        _ => None,
    }
}

/// A type as the user would write it, for messages.
fn tokens(ty: &Type) -> String {
    let text = quote::quote!(#ty).to_string();
    // `quote` spaces every token; close the gaps a person would not write.
    text.replace(" < ", "<")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace(" :: ", "::")
        .replace("& ", "&")
}

/// The empty `()` of a fn with no parameters, as tokens to point at.
struct NoArguments(syn::token::Paren);

impl quote::ToTokens for NoArguments {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        self.0.surround(tokens, |_| {});
    }
}

/// Errors gathered so that each mistake is reported once, at its own place.
#[derive(Default)]
struct Errors(Option<syn::Error>);

impl Errors {
    /// An error over all of `tokens` (start to end, where the compiler allows it).
    fn push(&mut self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        let err = syn::Error::new_spanned(tokens, message);
        match &mut self.0 {
            Some(all) => all.combine(err),
            None => self.0 = Some(err),
        }
    }

    fn finish(self) -> Option<syn::Error> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::{ItemFn, parse_quote};

    fn messages(item: ItemFn) -> Vec<String> {
        match check(&item.sig, "PolicyUpdated") {
            Ok(_) => Vec::new(),
            Err(err) => err.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn accepts_the_supported_shapes() {
        let ok: Vec<ItemFn> = vec![
            parse_quote!(
                fn h(event: PolicyUpdated) {}
            ),
            parse_quote!(
                async fn h(_: PolicyUpdated) -> () {}
            ),
            parse_quote!(
                fn h(PolicyUpdated { entity, .. }: PolicyUpdated) -> Result<(), MyError> {}
            ),
            parse_quote!(
                async fn h(e: wix::PolicyUpdated) -> anyhow::Result<()> {}
            ),
            parse_quote!(
                pub(crate) const fn h(e: P) -> std::result::Result<(), String> {}
            ),
        ];
        for item in ok {
            assert!(
                messages(item.clone()).is_empty(),
                "{}",
                quote::quote!(#item)
            );
        }
    }

    #[test]
    fn sorts_return_types() {
        let item: ItemFn = parse_quote!(
            fn h(e: P) -> Result<(), MyError> {}
        );
        assert!(matches!(
            check(&item.sig, "P").unwrap().output,
            Output::Result { .. }
        ));
        let item: ItemFn = parse_quote!(
            fn h(e: P) -> anyhow::Result<()> {}
        );
        assert!(matches!(
            check(&item.sig, "P").unwrap().output,
            Output::Other(_)
        ));
        let item: ItemFn = parse_quote!(
            fn h(e: P) -> () {}
        );
        assert!(matches!(
            check(&item.sig, "P").unwrap().output,
            Output::Unit
        ));
    }

    #[test]
    fn each_mistake_is_one_error() {
        assert_eq!(
            messages(parse_quote!(
                fn h() {}
            ))
            .len(),
            1
        );
        assert_eq!(
            messages(parse_quote!(
                fn h(a: P, b: Q, c: R) {}
            ))
            .len(),
            2
        );
        assert_eq!(
            messages(parse_quote!(
                unsafe fn h<T>(e: T) {}
            ))
            .len(),
            2
        );
    }

    #[test]
    fn messages_say_what_to_write() {
        let m = messages(parse_quote!(
            fn h(event: &PolicyUpdated) {}
        ));
        assert!(
            m[0].contains("write `PolicyUpdated` instead of `&PolicyUpdated`"),
            "{m:?}"
        );
        let m = messages(parse_quote!(
            fn h(event: P) -> Result<u32, MyError> {}
        ));
        assert!(m[0].contains("write `Result<(), MyError>`"), "{m:?}");
        let m = messages(parse_quote!(
            fn h() {}
        ));
        assert!(m[0].contains("fn h(event: PolicyUpdated)"), "{m:?}");
    }
}
