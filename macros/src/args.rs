//! The attribute's arguments: `(module, event)`, optionally `crate = path`, or nothing at all.

use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, LitStr, Path, Token};

/// Parsed `#[backend_event(...)]` arguments.
pub struct Args {
    /// The event named in the arguments; `None` for the bare form, where the fn name says it.
    pub target: Option<Target>,
    /// `crate = path`: where the runtime crate is, for crates that re-export it.
    pub krate: Option<Path>,
}

/// The event a handler is for, as written by the user.
pub struct Target {
    /// The module: a catalog name or the path of a `declare_module!` module.
    pub module: ModuleRef,
    /// The event's name, like `onPolicyUpdated`.
    pub event: Ident,
}

/// How the user named the module.
pub enum ModuleRef {
    /// A bare Velo prefix such as `wixEvents`: a module of the built-in catalog.
    Catalog(Ident),
    /// A path such as `crate::events::myPackage`: a module declared with `declare_module!`.
    Declared(Path),
}

impl ModuleRef {
    /// The Velo name of the module: the ident, or the last segment of the path.
    pub fn velo_name(&self) -> String {
        match self {
            ModuleRef::Catalog(ident) => ident.to_string(),
            ModuleRef::Declared(path) => path
                .segments
                .last()
                .map(|segment| segment.ident.to_string())
                .unwrap_or_default(),
        }
    }
}

const USAGE: &str = "write `#[backend_event(wixEvents, onPolicyUpdated)]` (module, then event), \
or a bare `#[backend_event]` on a fn named like `wixEvents_onPolicyUpdated`";

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut positional: Vec<Path> = Vec::new();
        let mut krate: Option<Path> = None;

        while !input.is_empty() {
            if input.peek(Token![crate]) && input.peek2(Token![=]) {
                let keyword: Token![crate] = input.parse()?;
                input.parse::<Token![=]>()?;
                let path = parse_crate_path(input)?;
                if krate.is_some() {
                    return Err(syn::Error::new(
                        keyword.span,
                        "`crate` is given twice: keep one `crate = path::to::backend_events`",
                    ));
                }
                krate = Some(path);
            } else if input.peek(Ident) && input.peek2(Token![=]) {
                let key: Ident = input.parse()?;
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown argument `{key}`: the only named argument is \
                         `crate = path::to::backend_events`"
                    ),
                ));
            } else if input.peek(LitStr) {
                let lit: LitStr = input.parse()?;
                return Err(syn::Error::new(
                    lit.span(),
                    format!(
                        "write the name without quotes: `{}`, not `\"{}\"`",
                        lit.value(),
                        lit.value()
                    ),
                ));
            } else {
                let path = input.call(Path::parse_mod_style).map_err(|err| {
                    syn::Error::new(
                        err.span(),
                        format!("expected a module or event name: {USAGE}"),
                    )
                })?;
                if krate.is_some() {
                    return Err(syn::Error::new(
                        path.span(),
                        "put the module and the event first, then `crate = ...`",
                    ));
                }
                positional.push(path);
            }

            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>().map_err(|err| {
                syn::Error::new(
                    err.span(),
                    format!("expected `,` between arguments: {USAGE}"),
                )
            })?;
        }

        let target = match positional.len() {
            0 => None,
            1 => {
                return Err(syn::Error::new(
                    positional[0].span(),
                    format!("the event is missing: {USAGE}"),
                ));
            }
            2 => {
                let event_path = positional.pop().expect("two positional arguments");
                let module_path = positional.pop().expect("two positional arguments");
                Some(Target {
                    module: module_ref(module_path),
                    event: event_ident(event_path)?,
                })
            }
            _ => {
                return Err(syn::Error::new(
                    positional[2].span(),
                    format!("too many arguments: {USAGE}"),
                ));
            }
        };
        Ok(Args { target, krate })
    }
}

/// `crate = path` or, as serde accepts it, `crate = "path"`.
fn parse_crate_path(input: ParseStream) -> syn::Result<Path> {
    if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        lit.parse_with(Path::parse_mod_style)
    } else {
        input.call(Path::parse_mod_style).map_err(|err| {
            syn::Error::new(
                err.span(),
                "expected the path of the backend-events crate: `crate = path::to::backend_events`",
            )
        })
    }
}

fn module_ref(path: Path) -> ModuleRef {
    match path.get_ident() {
        Some(ident) => ModuleRef::Catalog(ident.clone()),
        None => ModuleRef::Declared(path),
    }
}

fn event_ident(path: Path) -> syn::Result<Ident> {
    path.get_ident().cloned().ok_or_else(|| {
        syn::Error::new(
            path.span(),
            "the event is a single name like `onPolicyUpdated`, not a path",
        )
    })
}

/// The module and event of a bare attribute, split from a Velo-style fn name.
pub fn split_velo_name(fn_name: &Ident) -> syn::Result<Target> {
    let name = fn_name.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name);
    let split = name
        .split_once('_')
        .filter(|(module, event)| !module.is_empty() && event.starts_with("on") && event.len() > 2);
    match split {
        Some((module, event)) => Ok(Target {
            module: ModuleRef::Catalog(Ident::new(module, fn_name.span())),
            event: Ident::new(event, fn_name.span()),
        }),
        None => Err(syn::Error::new(
            fn_name.span(),
            format!(
                "`{name}` does not name an event: a bare #[backend_event] needs a Velo-style \
                 name `<module>_<event>`, like `wixEvents_onPolicyUpdated`; or keep the name \
                 and say the event: #[backend_event(wixEvents, onPolicyUpdated)]"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::Span;
    use quote::quote;

    fn parse(tokens: proc_macro2::TokenStream) -> syn::Result<Args> {
        syn::parse2(tokens)
    }

    fn error(tokens: proc_macro2::TokenStream) -> String {
        match parse(tokens) {
            Ok(_) => panic!("expected an error"),
            Err(err) => err.to_string(),
        }
    }

    #[test]
    fn empty_arguments_are_the_bare_form() {
        let args = parse(quote!()).unwrap();
        assert!(args.target.is_none());
        assert!(args.krate.is_none());
    }

    #[test]
    fn module_and_event() {
        let args = parse(quote!(wixEvents, onPolicyUpdated)).unwrap();
        let target = args.target.unwrap();
        assert!(matches!(&target.module, ModuleRef::Catalog(m) if m == "wixEvents"));
        assert_eq!(target.event, "onPolicyUpdated");
    }

    #[test]
    fn trailing_comma_is_fine() {
        assert!(
            parse(quote!(wixEvents, onPolicyUpdated,))
                .unwrap()
                .target
                .is_some()
        );
    }

    #[test]
    fn a_path_names_a_declared_module() {
        let args = parse(quote!(crate::events::myPackage, onThing)).unwrap();
        let target = args.target.unwrap();
        assert!(matches!(target.module, ModuleRef::Declared(_)));
        assert_eq!(target.module.velo_name(), "myPackage");
    }

    #[test]
    fn crate_path_in_both_spellings() {
        let args = parse(quote!(wixEvents, onPolicyUpdated, crate = my::reexport)).unwrap();
        let krate = args.krate.unwrap();
        assert_eq!(quote!(#krate).to_string(), quote!(my::reexport).to_string());
        let args = parse(quote!(crate = "my::reexport")).unwrap();
        assert!(args.target.is_none());
        assert!(args.krate.is_some());
    }

    #[test]
    fn malformed_arguments_say_what_to_write() {
        assert!(error(quote!(wixEvents)).contains("the event is missing"));
        assert!(error(quote!(wixEvents, onPolicyUpdated, extra)).contains("too many arguments"));
        assert!(error(quote!("wixEvents", onPolicyUpdated)).contains("without quotes"));
        assert!(
            error(quote!(wixEvents, onPolicyUpdated, krate = x))
                .contains("unknown argument `krate`")
        );
        assert!(error(quote!(crate = a, crate = b)).contains("given twice"));
        assert!(error(quote!(wixEvents onPolicyUpdated)).contains("expected `,`"));
        assert!(error(quote!(wixEvents, a::onPolicyUpdated)).contains("not a path"));
        assert!(error(quote!(crate = x, wixEvents, onPolicyUpdated)).contains("first"));
        assert!(error(quote!(42)).contains("expected a module or event name"));
    }

    #[test]
    fn velo_names_split_at_the_first_underscore() {
        let ident = Ident::new("wixEventsGuests_onGuestCreated", Span::call_site());
        let target = split_velo_name(&ident).unwrap();
        assert_eq!(target.module.velo_name(), "wixEventsGuests");
        assert_eq!(target.event, "onGuestCreated");
    }

    #[test]
    fn names_that_are_not_velo_names_are_refused() {
        for name in [
            "policy_changed",
            "wixEvents",
            "wixEvents_policyUpdated",
            "_onThing",
            "wixEvents_on",
        ] {
            let ident = Ident::new(name, Span::call_site());
            assert!(split_velo_name(&ident).is_err(), "{name} should not split");
        }
    }
}
