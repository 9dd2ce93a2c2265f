//! From the IR and the curated tables to the catalog's model: modules, their events, and the
//! Rust types their payloads need, deduplicated and named. Everything the emitters write is
//! decided here; they only print.
//!
//! The steps, per module: take the events the curated table puts in it; walk every type their
//! payloads reach (the SDK shape, with the REST spelling beside each field, and the REST object
//! behind an SDK media string); merge types that are the same after that walk, whichever
//! package declares them; name what is left (clashes get their package's name in front, the
//! prelude's names and the events' payload names are kept free); box the fields that make a
//! type contain itself.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use serde_json::{Map, Value};

use crate::curated::{Action, DocumentedSample, Handwritten, Naming, Override, Reference};
use crate::ir::{Package, TypeDecl, TypeRef};
use crate::{names, overrides};

/// The whole catalog.
#[derive(Debug)]
pub struct Catalog {
    /// Sorted by Velo name.
    pub modules: Vec<Module>,
    /// The types several modules reach, defined once, under their shared names.
    pub shared: Vec<TypeDef>,
    /// Every package read, with its version (for CATALOG.md and docs).
    pub packages: Vec<(String, String)>,
}

/// One Velo module.
#[derive(Debug)]
pub struct Module {
    /// Its Velo name, such as `wixEcom`.
    pub velo: String,
    /// Its Rust module, such as `wix_ecom`.
    pub rust: String,
    /// Its cargo feature, such as `wix-ecom`.
    pub feature: String,
    /// Its finer features, one per package, when it is large (else none).
    pub parts: Vec<Part>,
    /// Whether a hand-written file of the runtime holds it (it then includes the generated
    /// part).
    pub handwritten: bool,
    /// Its events, by name.
    pub events: Vec<EventDef>,
    /// The generated types, by name.
    pub types: Vec<TypeDef>,
    /// The npm packages its generated events come from.
    pub packages: BTreeSet<String>,
    /// What `codegen/curated/docs/` says of it, before its table.
    pub docs: Option<String>,
}

impl Module {
    /// The features that compile its parts: one per package for a large module, else its own.
    pub fn units(&self) -> Vec<&str> {
        if self.parts.is_empty() {
            vec![self.feature.as_str()]
        } else {
            self.parts.iter().map(|p| p.feature.as_str()).collect()
        }
    }
}

/// A finer feature of a large module: the events of one of its packages.
#[derive(Debug)]
pub struct Part {
    /// Such as `wix-ecom-orders`.
    pub feature: String,
    /// Such as `@wix/auto_sdk_ecom_orders`.
    pub package: String,
}

/// One event of a module.
#[derive(Debug)]
pub struct EventDef {
    /// Such as `onOrderCreated`.
    pub name: String,
    /// The smallest cargo feature that holds it.
    pub feature: String,
    /// The event of the other kind that delivers the same happening: for a generated webhook
    /// event, the older Velo event typed by hand (`module.event`), and the other way round.
    pub twin: Option<String>,
    /// Its payload type's name in the module.
    pub payload: String,
    /// The webhook `eventType`, if one delivers it.
    pub webhook: Option<String>,
    /// The sample's path, relative to `runtime/samples/`.
    pub sample: String,
    /// Generated or hand-written.
    pub source: Source,
}

/// Where an event's payload type comes from.
#[derive(Debug)]
pub enum Source {
    /// Generated from the IR.
    Generated(Box<Generated>),
    /// Typed by hand.
    Handwritten {
        /// Its docs line.
        doc: String,
    },
}

/// The facts of a generated event.
#[derive(Debug, Default)]
pub struct Generated {
    /// The npm package and version it comes from.
    pub package: String,
    /// The SDK's handler name.
    pub sdk_name: String,
    /// `created`, `updated`, `deleted`, `action` or `nonDomain`.
    pub shape: String,
    /// The Velo name's source: `velo`, `derived` or `lifecycle`.
    pub naming: String,
    /// The evidence of the name.
    pub evidence: String,
    /// `@deprecated`.
    pub deprecated: bool,
    /// `@documentationMaturity`.
    pub maturity: Option<String>,
    /// `@permissionId`, each.
    pub permissions: Vec<String>,
    /// The envelope's payload field: `entity` or `data`, its type, whether it may be absent.
    pub body: Option<(String, RustTy, bool)>,
    /// Why the payload field is there, when an override on the envelope adds it.
    pub body_evidence: Option<String>,
    /// Whether the envelope has the domain event's metadata (else the webhook's only).
    pub domain: bool,
    /// Where its sample comes from, when it is a documented one (else it is built).
    pub documented_sample: Option<String>,
    /// Its reference page: its row of `references.tsv`, else the naming evidence's link when
    /// that is the event's page.
    pub reference: Option<String>,
}

/// A generated type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Its Rust name.
    pub name: String,
    /// The TypeScript name and the packages that declare it.
    pub ts_name: String,
    /// The packages declaring it.
    pub origins: BTreeSet<String>,
    /// Struct or enum.
    pub kind: TypeKind,
    /// The distinct type it is, across the catalog.
    pub global: usize,
    /// The events that carry it, such as `wixEcom.onOrderCreated`.
    pub carried_by: Vec<String>,
    /// The features any of which compiles it; none: the module's own.
    pub gate: Vec<String>,
    /// Where it is defined.
    pub home: Home,
    /// The kind of media (the runtime's `MediaKind` variant: `Image`, `VideoV2`...) of a type
    /// that a field holds as a media string or its object, and of a media enum an override
    /// names.
    pub media: Option<&'static str>,
}

/// Where a type is defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Home {
    /// In its module's file.
    Here,
    /// In the shared file under this name, for every module that reaches it; the module
    /// re-exports it under its own name.
    Shared(String),
}

/// A struct or an enum.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct of optional fields.
    Struct(Vec<FieldDef>),
    /// A closed set of strings.
    Enum(Vec<Variant>),
    /// A media string (Velo) or its object (REST), under names an override gives.
    Media {
        /// The variant of the string.
        uri: String,
        /// The variant of the object.
        object: String,
        /// The object's type.
        inner: RustTy,
    },
}

/// One field.
#[derive(Debug, Clone)]
pub struct FieldDef {
    /// The Rust name.
    pub rust: String,
    /// The JSON name written (the Velo spelling).
    pub json: String,
    /// The other spelling accepted (the wire's), when it differs.
    pub alias: Option<String>,
    /// Its type.
    pub ty: RustTy,
    /// Boxed, because its type contains the field's struct.
    pub boxed: bool,
    /// Whether it may be absent.
    pub presence: Presence,
    /// Machine tags.
    pub tags: Map<String, Value>,
}

/// Whether a field may be absent from a delivery, and what it is then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Presence {
    /// An `Option` (a list: empty), as the typings make every field.
    Optional,
    /// Always sent (an override says so): a delivery without it is refused.
    Required,
    /// Its type's default (`false`, `0`, empty) when absent (an override says so).
    Defaulted,
}

/// One value of an enum.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The Rust name.
    pub rust: String,
    /// The value as sent.
    pub value: String,
    /// Tagged deprecated.
    pub deprecated: bool,
}

/// A field's type, before `Option`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RustTy {
    /// Text.
    String,
    /// Decimal text (money, quantities).
    Decimal,
    /// A number as the platform sends it.
    Number,
    /// A `u8` (an override narrows the typings' number).
    U8,
    /// A `u32` (an override narrows the typings' number).
    U32,
    /// A `u64`, sent as a number or as a string of digits (an override narrows it).
    U64,
    /// An `f64` (an override narrows the typings' number).
    F64,
    /// A type of the runtime, by its path (an override names it).
    Path(String),
    /// A boolean.
    Bool,
    /// A timestamp.
    Date,
    /// Any JSON.
    Any,
    /// A JSON object of anything.
    JsonMap,
    /// A map to a typed value.
    Map(Box<RustTy>),
    /// A list.
    Vec(Box<RustTy>),
    /// A generated type.
    Named(String),
    /// A media string (Velo) or its object (REST).
    Media(Box<RustTy>),
}

/// A type as walked, before naming: its node id refers to other nodes.
#[derive(Debug, Clone)]
pub(crate) enum RawKind {
    Struct(Vec<RawField>),
    Enum(Vec<RawVariant>),
    Media {
        uri: String,
        object: String,
        inner: Ty,
    },
}

/// A value of a walked enum.
#[derive(Debug, Clone)]
pub(crate) struct RawVariant {
    pub(crate) value: String,
    pub(crate) deprecated: bool,
    /// The Rust name an override gives it.
    pub(crate) rust: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct RawField {
    /// The Rust name an override gives it.
    pub(crate) rust: Option<String>,
    pub(crate) json: String,
    pub(crate) alias: Option<String>,
    pub(crate) ty: Ty,
    pub(crate) presence: Presence,
    pub(crate) tags: Map<String, Value>,
}

/// A field type whose named types are node ids.
#[derive(Debug, Clone)]
pub(crate) enum Ty {
    Leaf(RustTy),
    Map(Box<Ty>),
    Vec(Box<Ty>),
    Node(usize),
    Media(Box<Ty>),
}

/// Where a type is declared: its package, and whether it is a REST-only declaration.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct NodeKey {
    pub(crate) package: String,
    pub(crate) rest: bool,
    pub(crate) name: String,
}

/// A walked node: where it is declared, and what it is.
pub(crate) type Node = (NodeKey, Option<RawKind>);

/// One package's types, by name.
struct Types<'a> {
    sdk: HashMap<&'a str, &'a TypeDecl>,
    by_rest_name: HashMap<&'a str, &'a TypeDecl>,
    rest_only: HashMap<&'a str, &'a TypeDecl>,
}

impl<'a> Types<'a> {
    fn of(package: &'a Package) -> Self {
        Types {
            sdk: package.types.iter().map(|t| (t.name.as_str(), t)).collect(),
            by_rest_name: package
                .types
                .iter()
                .filter_map(|t| Some((t.rest_name.as_deref()?, t)))
                .collect(),
            rest_only: package
                .rest_types
                .iter()
                .map(|t| (t.name.as_str(), t))
                .collect(),
        }
    }
}

/// Walks types into nodes.
pub(crate) struct Walker<'a> {
    types: &'a HashMap<&'a str, Types<'a>>,
    pub(crate) nodes: Vec<Node>,
    ids: HashMap<NodeKey, usize>,
}

impl<'a> Walker<'a> {
    /// The node of `key`, made of `kind` when there is none yet (a type an override defines).
    pub(crate) fn synthetic(&mut self, key: NodeKey, kind: RawKind) -> usize {
        if let Some(id) = self.ids.get(&key) {
            return *id;
        }
        let id = self.nodes.len();
        self.ids.insert(key.clone(), id);
        self.nodes.push((key, Some(kind)));
        id
    }

    fn node(&mut self, key: NodeKey) -> Result<usize, String> {
        if let Some(id) = self.ids.get(&key) {
            return Ok(*id);
        }
        let id = self.nodes.len();
        self.ids.insert(key.clone(), id);
        self.nodes.push((key.clone(), None));
        let types = &self.types[key.package.as_str()];
        let decl = if key.rest {
            types
                .by_rest_name
                .get(key.name.as_str())
                .or_else(|| types.rest_only.get(key.name.as_str()))
        } else {
            types.sdk.get(key.name.as_str())
        }
        .copied()
        .ok_or_else(|| format!("{}: no type `{}`", key.package, key.name))?;
        // A REST name found among the SDK declarations is walked as that SDK type.
        let sdk_decl = key.rest && types.by_rest_name.contains_key(key.name.as_str());
        let kind = self.kind(&key.package, decl, key.rest && !sdk_decl)?;
        self.nodes[id].1 = Some(kind);
        Ok(id)
    }

    fn kind(&mut self, package: &str, decl: &TypeDecl, rest: bool) -> Result<RawKind, String> {
        match decl.kind.as_str() {
            "enum" => Ok(RawKind::Enum(
                decl.values
                    .iter()
                    .map(|v| RawVariant {
                        value: v.clone(),
                        deprecated: decl.deprecated_values.contains(v),
                        rust: None,
                    })
                    .collect(),
            )),
            "interface" => {
                let mut fields = Vec::new();
                let rest_names: BTreeSet<&str> = decl
                    .fields
                    .iter()
                    .filter_map(|f| f.rest_name.as_deref())
                    .collect();
                for field in &decl.fields {
                    // A field of a @oneof base that the SDK renamed (`addressLine`, now
                    // `addressLine1`): the wire's name belongs to the renamed field.
                    if field.rest_name.is_none()
                        && field
                            .sdk_name
                            .as_deref()
                            .is_some_and(|n| rest_names.contains(n))
                    {
                        continue;
                    }
                    let (json, alias) = match (&field.sdk_name, &field.rest_name) {
                        (Some(sdk), Some(wire)) if !rest && sdk != wire => {
                            (sdk.clone(), Some(wire.clone()))
                        }
                        (Some(sdk), _) if !rest => (sdk.clone(), None),
                        (_, Some(wire)) => (wire.clone(), None),
                        (Some(sdk), None) => (sdk.clone(), None),
                        (None, None) => continue,
                    };
                    let ty = match (&field.sdk_type, &field.rest_type) {
                        // An SDK string whose wire form is an object: an image, a video...
                        (Some(TypeRef::String), Some(TypeRef::Ref { name })) if !rest => {
                            Ty::Media(Box::new(self.reference(package, name, true)?))
                        }
                        (Some(TypeRef::Array { of }), Some(TypeRef::Array { of: rest_of }))
                            if !rest
                                && **of == TypeRef::String
                                && matches!(**rest_of, TypeRef::Ref { .. }) =>
                        {
                            let TypeRef::Ref { name } = &**rest_of else {
                                unreachable!()
                            };
                            Ty::Vec(Box::new(Ty::Media(Box::new(
                                self.reference(package, name, true)?,
                            ))))
                        }
                        (Some(sdk), _) if !rest => self.ty(package, sdk, false, &field.tags)?,
                        (_, Some(rest_ty)) => self.ty(package, rest_ty, true, &field.tags)?,
                        (Some(sdk), None) => self.ty(package, sdk, rest, &field.tags)?,
                        (None, None) => continue,
                    };
                    fields.push(RawField {
                        rust: None,
                        json,
                        alias,
                        ty,
                        presence: Presence::Optional,
                        tags: field.tags.clone(),
                    });
                }
                Ok(RawKind::Struct(fields))
            }
            other => Err(format!(
                "{package}: `{}` is a {other}, not a struct or an enum",
                decl.name
            )),
        }
    }

    /// A named type: an alias resolves to what it stands for.
    pub(crate) fn reference(
        &mut self,
        package: &str,
        name: &str,
        rest: bool,
    ) -> Result<Ty, String> {
        let types = &self.types[package];
        let decl = if rest {
            types
                .by_rest_name
                .get(name)
                .or_else(|| types.rest_only.get(name))
        } else {
            types.sdk.get(name)
        }
        .copied()
        .ok_or_else(|| format!("{package}: no type `{name}`"))?;
        if decl.kind == "alias" {
            if let Some(of) = &decl.literals_of {
                return self.reference(package, of, rest);
            }
            let aliased = decl
                .alias
                .clone()
                .ok_or_else(|| format!("{package}: alias `{name}` without a type"))?;
            return self.ty(package, &aliased, rest, &Map::new());
        }
        Ok(Ty::Node(self.node(NodeKey {
            package: package.to_owned(),
            rest,
            name: name.to_owned(),
        })?))
    }

    fn ty(
        &mut self,
        package: &str,
        ty: &TypeRef,
        rest: bool,
        tags: &Map<String, Value>,
    ) -> Result<Ty, String> {
        Ok(match ty {
            TypeRef::String if tags.contains_key("decimalValue") => Ty::Leaf(RustTy::Decimal),
            TypeRef::String | TypeRef::Literal { .. } => Ty::Leaf(RustTy::String),
            TypeRef::Number => Ty::Leaf(RustTy::Number),
            TypeRef::Boolean => Ty::Leaf(RustTy::Bool),
            TypeRef::Date => Ty::Leaf(RustTy::Date),
            TypeRef::Any | TypeRef::Null | TypeRef::Other => Ty::Leaf(RustTy::Any),
            TypeRef::Array { of } => Ty::Vec(Box::new(self.ty(package, of, rest, tags)?)),
            TypeRef::Map { of } => match **of {
                TypeRef::Any | TypeRef::Other => Ty::Leaf(RustTy::JsonMap),
                _ => Ty::Map(Box::new(self.ty(package, of, rest, tags)?)),
            },
            TypeRef::Ref { name } => self.reference(package, name, rest)?,
            TypeRef::Union { of } => {
                // `X | 'A' | 'B'` spells out the enum X; anything else is free JSON.
                let named: Vec<&String> = of
                    .iter()
                    .filter_map(|member| match member {
                        TypeRef::Ref { name } => Some(name),
                        _ => None,
                    })
                    .collect();
                let rest_literals = of
                    .iter()
                    .all(|member| matches!(member, TypeRef::Ref { .. } | TypeRef::Literal { .. }));
                match named.as_slice() {
                    [name] if rest_literals => self.reference(package, name, rest)?,
                    [] if rest_literals => Ty::Leaf(RustTy::String),
                    _ => Ty::Leaf(RustTy::Any),
                }
            }
        })
    }
}

/// The structural key of each node: equal keys are the same type, whoever declares it (a type
/// an override renames is keyed by its new name).
fn keys(nodes: &[Node], renames: &HashMap<usize, String>) -> Vec<String> {
    fn key_of(
        id: usize,
        nodes: &[Node],
        renames: &HashMap<usize, String>,
        memo: &mut HashMap<usize, String>,
        stack: &mut Vec<usize>,
    ) -> String {
        if let Some(key) = memo.get(&id) {
            return key.clone();
        }
        if stack.contains(&id) {
            return format!("rec:{}", nodes[id].0.name);
        }
        stack.push(id);
        let (node, kind) = &nodes[id];
        let body = match kind.as_ref().expect("every node is walked") {
            RawKind::Enum(values) => format!(
                "enum[{}]",
                values
                    .iter()
                    .map(|v| {
                        format!(
                            "{}{}{}",
                            v.value,
                            if v.deprecated { "!" } else { "" },
                            v.rust
                                .as_deref()
                                .map(|r| format!("={r}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            RawKind::Media { uri, object, inner } => format!(
                "media{{{uri}|{object}}}<{}>",
                ty_key(inner, nodes, renames, memo, stack)
            ),
            RawKind::Struct(fields) => {
                let mut out = String::from("struct{");
                for field in fields {
                    if let Some(rust) = &field.rust {
                        write!(out, "{rust}=").unwrap();
                    }
                    out.push_str(&field.json);
                    out.push('/');
                    out.push_str(field.alias.as_deref().unwrap_or(""));
                    out.push(':');
                    out.push_str(&ty_key(&field.ty, nodes, renames, memo, stack));
                    if field.presence != Presence::Optional {
                        write!(out, "!{:?}", field.presence).unwrap();
                    }
                    out.push(';');
                }
                out.push('}');
                out
            }
        };
        stack.pop();
        let key = format!("{}={body}", renames.get(&id).unwrap_or(&node.name));
        if stack.is_empty() {
            memo.insert(id, key.clone());
        }
        key
    }
    fn ty_key(
        ty: &Ty,
        nodes: &[Node],
        renames: &HashMap<usize, String>,
        memo: &mut HashMap<usize, String>,
        stack: &mut Vec<usize>,
    ) -> String {
        match ty {
            Ty::Leaf(leaf) => format!("{leaf:?}"),
            Ty::Map(of) => format!("map<{}>", ty_key(of, nodes, renames, memo, stack)),
            Ty::Vec(of) => format!("vec<{}>", ty_key(of, nodes, renames, memo, stack)),
            Ty::Media(of) => format!("media<{}>", ty_key(of, nodes, renames, memo, stack)),
            Ty::Node(id) => format!("({})", key_of(*id, nodes, renames, memo, stack)),
        }
    }
    let mut memo = HashMap::new();
    (0..nodes.len())
        .map(|id| key_of(id, nodes, renames, &mut memo, &mut Vec::new()))
        .collect()
}

/// `ecom_order-transactions` -> `order-transactions`: the package's name within its area.
fn package_entity(package: &str) -> String {
    package
        .split_once('_')
        .map_or(package, |(_, entity)| entity)
        .to_owned()
}

/// `ecom_order-transactions` -> `OrderTransactions`: what a clashing type's name gets in front.
fn package_prefix(package: &str) -> String {
    names::type_name(&package_entity(package))
}

/// Gives each generated event its hand-typed older twin, which names it.
fn link_twins(modules: &mut [Module]) -> Result<(), String> {
    let mut links = Vec::new();
    for module in modules.iter() {
        for event in &module.events {
            if let Some(twin) = &event.twin {
                links.push((twin.clone(), format!("{}.{}", module.velo, event.name)));
            }
        }
    }
    for (twin, older) in links {
        let found = twin.split_once('.').and_then(|(velo, name)| {
            modules
                .iter_mut()
                .find(|m| m.velo == velo)?
                .events
                .iter_mut()
                .find(|e| e.name == name && matches!(e.source, Source::Generated(_)))
        });
        match found {
            Some(event) => event.twin = Some(older),
            None => {
                return Err(format!(
                    "codegen/curated/handwritten.tsv: the twin `{twin}` of `{older}` is no \
                     generated event"
                ));
            }
        }
    }
    Ok(())
}

/// Whether `url` is the page of the event, named after its SDK handler or its Velo name.
fn is_page_of(url: &str, naming: &Naming) -> bool {
    names::is_page_of(url, &naming.sdk_name) || names::is_page_of(url, &naming.event)
}

/// The naming evidence's link, when it is the page of the event under its catalog name (an
/// event renamed apart from an older one links the older one's page).
fn evidence_page(naming: &Naming) -> Option<&str> {
    crate::curated::first_url(&naming.evidence).filter(|url| names::is_page_of(url, &naming.event))
}

/// The reference page of an event: its row of `references.tsv` (the current documentation),
/// else its naming evidence's link when that is the event's own page (it may be an older
/// address of the page).
fn reference_of(naming: &Naming, references: &[Reference]) -> Option<String> {
    let row = references
        .iter()
        .find(|r| r.package == naming.package && r.sdk_name == naming.sdk_name);
    row.map(|r| r.url.clone())
        .or_else(|| evidence_page(naming).map(str::to_owned))
}

/// Every row of `references.tsv` names a generated event, once, with its own page, other than
/// the one the naming evidence links.
fn check_references(namings: &[Naming], references: &[Reference]) -> Result<(), String> {
    let mut seen = BTreeSet::new();
    for row in references {
        let at = format!(
            "codegen/curated/references.tsv: `{} {}`",
            row.package, row.sdk_name
        );
        let Some(naming) = namings.iter().find(|n| {
            n.package == row.package && n.sdk_name == row.sdk_name && n.action == Action::Generate
        }) else {
            return Err(format!("{at} is no generated event"));
        };
        if !seen.insert((&row.package, &row.sdk_name)) {
            return Err(format!("{at} has two rows"));
        }
        if !is_page_of(&row.url, naming) {
            return Err(format!(
                "{at}: {} is not the page of {}",
                row.url, row.sdk_name
            ));
        }
        if evidence_page(naming) == Some(row.url.as_str()) {
            return Err(format!(
                "{at}: events.tsv's evidence already links this page"
            ));
        }
    }
    Ok(())
}

/// Every documented sample is of a generated event.
fn check_samples(modules: &[Module], samples: &[DocumentedSample]) -> Result<(), String> {
    for row in samples {
        let generated = modules.iter().any(|m| {
            m.velo == row.module && m.events.iter().any(|e| {
                e.name == row.event
                    && matches!(&e.source, Source::Generated(g) if g.documented_sample.is_some())
            })
        });
        if !generated {
            return Err(format!(
                "codegen/curated/samples.tsv: `{}.{}` is no generated event",
                row.module, row.event
            ));
        }
    }
    Ok(())
}

/// No two modules or parts share a cargo feature.
fn check_features(modules: &[Module]) -> Result<(), String> {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for module in modules {
        let parts = module
            .parts
            .iter()
            .map(|p| (p.feature.as_str(), p.package.as_str()));
        for (feature, of) in
            std::iter::once((module.feature.as_str(), module.velo.as_str())).chain(parts)
        {
            if let Some(other) = seen.insert(feature, of) {
                return Err(format!(
                    "the cargo feature `{feature}` would hold both `{other}` and `{of}`: rename \
                     a module in codegen/curated/events.tsv"
                ));
            }
        }
    }
    Ok(())
}

/// The media kind of each REST type that the SDK turns into a string, by its name in the
/// typings (the `transformREST<Kind>ToSDK<Kind>` it goes through).
const MEDIA_KINDS: &[(&str, &str)] = &[
    ("Audio", "Audio"),
    ("CommonImage", "Image"),
    ("Document", "Document"),
    ("Image", "Image"),
    ("PageUrl", "PageUrl"),
    ("PageUrlV2", "PageUrlV2"),
    ("Video", "Video"),
    ("VideoV2", "VideoV2"),
];

/// Marks the object type of every `Media` field with its kind of media, in every module that
/// has it (a type shared by modules is the same distinct type in each).
fn mark_media(modules: &mut [Module]) -> Result<(), String> {
    fn inner_names<'a>(ty: &'a RustTy, out: &mut BTreeSet<&'a str>) {
        match ty {
            RustTy::Media(of) => match &**of {
                RustTy::Named(name) => {
                    out.insert(name);
                }
                other => inner_names(other, out),
            },
            RustTy::Map(of) | RustTy::Vec(of) => inner_names(of, out),
            _ => {}
        }
    }
    let mut kinds: HashMap<usize, &'static str> = HashMap::new();
    for module in modules.iter() {
        let mut names = BTreeSet::new();
        for ty in &module.types {
            match &ty.kind {
                TypeKind::Struct(fields) => {
                    for field in fields {
                        inner_names(&field.ty, &mut names);
                    }
                }
                // A media enum an override names holds its object the same way.
                TypeKind::Media {
                    inner: RustTy::Named(name),
                    ..
                } => {
                    names.insert(name);
                }
                TypeKind::Media { .. } => {}
                TypeKind::Enum(_) => {}
            }
        }
        for name in names {
            let ty = module
                .types
                .iter()
                .find(|t| t.name == name)
                .ok_or_else(|| {
                    format!("`{}`: the media object `{name}` is no type", module.velo)
                })?;
            let kind = MEDIA_KINDS
                .iter()
                .find(|(ts, _)| *ts == ty.ts_name)
                .map(|(_, kind)| *kind)
                .ok_or_else(|| {
                    format!(
                        "`{}`: `{name}` (`{}` in the typings) is held as a media string, but no \
                         kind of media is known for it",
                        module.velo, ty.ts_name
                    )
                })?;
            if kinds
                .insert(ty.global, kind)
                .is_some_and(|seen| seen != kind)
            {
                return Err(format!("`{name}` is the object of two kinds of media"));
            }
        }
    }
    for module in modules.iter_mut() {
        // A media enum of an override (`ImageRef`) is of its object's kind.
        let enums: Vec<(usize, &'static str)> = module
            .types
            .iter()
            .enumerate()
            .filter_map(|(index, ty)| match &ty.kind {
                TypeKind::Media {
                    inner: RustTy::Named(name),
                    ..
                } => {
                    let inner = module.types.iter().find(|t| &t.name == name)?;
                    Some((index, *kinds.get(&inner.global)?))
                }
                _ => None,
            })
            .collect();
        for ty in module.types.iter_mut() {
            ty.media = kinds.get(&ty.global).copied();
        }
        for (index, kind) in enums {
            module.types[index].media = Some(kind);
        }
    }
    Ok(())
}

/// Defines once, in the shared file, each type that several modules reach; each of them then
/// re-exports it under its own name. Returns the shared definitions.
fn share(modules: &mut [Module]) -> Result<Vec<TypeDef>, String> {
    let mut users: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for (m, module) in modules.iter().enumerate() {
        for (t, ty) in module.types.iter().enumerate() {
            users.entry(ty.global).or_default().push((m, t));
        }
    }
    // Shared names: each type's name in the first module that has it, told apart by a number.
    let mut shared_name: HashMap<usize, String> = HashMap::new();
    let mut order = Vec::new();
    let mut taken = BTreeSet::new();
    for module in modules.iter() {
        for ty in &module.types {
            if users[&ty.global].len() < 2 || shared_name.contains_key(&ty.global) {
                continue;
            }
            let mut candidate = ty.name.clone();
            let mut n = 2;
            while !taken.insert(candidate.clone()) {
                candidate = format!("{}{n}", ty.name);
                n += 1;
            }
            shared_name.insert(ty.global, candidate);
            order.push(ty.global);
        }
    }
    let mut shared = Vec::new();
    for global in order {
        let holders = &users[&global];
        let (m, t) = holders[0];
        let module = &modules[m];
        let local_global: HashMap<&str, usize> = module
            .types
            .iter()
            .map(|ty| (ty.name.as_str(), ty.global))
            .collect();
        let mut def = module.types[t].clone();
        def.name = shared_name[&global].clone();
        if let TypeKind::Media { inner, .. } = &mut def.kind {
            rename(inner, &mut |local| {
                let target = local_global[local];
                shared_name.get(&target).cloned().ok_or_else(|| {
                    format!("`{}` is shared but its object `{local}` is not", def.name)
                })
            })?;
        }
        if let TypeKind::Struct(fields) = &mut def.kind {
            for field in fields {
                rename(&mut field.ty, &mut |local| {
                    let target = local_global[local];
                    shared_name.get(&target).cloned().ok_or_else(|| {
                        format!(
                            "`{}` is shared but its field `{}` is of `{local}`, which is not",
                            def.name, field.json
                        )
                    })
                })?;
            }
        }
        let mut gate = BTreeSet::new();
        let mut carried_by = BTreeSet::new();
        for (m, t) in holders {
            let module = &modules[*m];
            let ty = &module.types[*t];
            if ty.gate.is_empty() {
                if module.parts.is_empty() {
                    gate.insert(module.feature.clone());
                } else {
                    gate.extend(module.parts.iter().map(|p| p.feature.clone()));
                }
            } else {
                gate.extend(ty.gate.iter().cloned());
            }
            carried_by.extend(ty.carried_by.iter().cloned());
        }
        def.gate = gate.into_iter().collect();
        def.carried_by = carried_by.into_iter().collect();
        def.origins = holders
            .iter()
            .flat_map(|(m, t)| modules[*m].types[*t].origins.iter().cloned())
            .collect();
        for (m, t) in holders {
            modules[*m].types[*t].home = Home::Shared(def.name.clone());
        }
        shared.push(def);
    }
    shared.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(shared)
}

/// Renames every named type in `ty`.
fn rename(
    ty: &mut RustTy,
    name: &mut impl FnMut(&str) -> Result<String, String>,
) -> Result<(), String> {
    match ty {
        RustTy::Map(of) | RustTy::Vec(of) | RustTy::Media(of) => rename(of, name),
        RustTy::Named(local) => {
            *local = name(local)?;
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The curated inputs beside the names: corrections of the typings, documented samples, module
/// docs.
#[derive(Debug, Default)]
pub struct Extras {
    /// `overrides.tsv`.
    pub overrides: Vec<Override>,
    /// `samples.tsv`.
    pub samples: Vec<DocumentedSample>,
    /// `references.tsv`.
    pub references: Vec<Reference>,
    /// `docs/`, by Velo module.
    pub docs: BTreeMap<String, String>,
}

/// Builds the catalog from the IR packages and the curated tables.
///
/// `taken` holds, per module typed partly by hand, the type names its hand-written file
/// declares: generated types keep clear of them.
pub fn build(
    packages: &[(String, Package)],
    namings: &[Naming],
    handwritten: &[Handwritten],
    taken: &BTreeMap<String, BTreeSet<String>>,
    extras: &Extras,
) -> Result<Catalog, String> {
    build_with(packages, namings, handwritten, taken, extras, PARTS_ABOVE)
}

/// [`build`], with the size above which a module gets a feature per package.
fn build_with(
    packages: &[(String, Package)],
    namings: &[Naming],
    handwritten: &[Handwritten],
    taken: &BTreeMap<String, BTreeSet<String>>,
    extras: &Extras,
    parts_above: usize,
) -> Result<Catalog, String> {
    // The types overrides define join their packages, as if the typings declared them.
    let packages = &overrides::define(packages, &extras.overrides)?;
    let by_name: HashMap<&str, &Package> = packages
        .iter()
        .map(|(name, package)| (name.as_str(), package))
        .collect();
    let types: HashMap<&str, Types> = packages
        .iter()
        .map(|(name, package)| (name.as_str(), Types::of(package)))
        .collect();
    check_namings(&by_name, namings)?;
    let mut by_module: BTreeMap<String, (Vec<&Naming>, Vec<&Handwritten>)> = BTreeMap::new();
    for naming in namings.iter().filter(|n| n.action == Action::Generate) {
        by_module
            .entry(naming.module.clone())
            .or_default()
            .0
            .push(naming);
    }
    for row in handwritten {
        by_module.entry(row.module.clone()).or_default().1.push(row);
    }
    check_unique(&by_module)?;

    // One walk over every module's events: a type that several modules reach is one node.
    let mut walker = Walker {
        types: &types,
        nodes: Vec::new(),
        ids: HashMap::new(),
    };
    // The rows that give an envelope its payload are read here; the others correct types.
    let (envelopes, types_rows) = overrides::split_envelopes(packages, &extras.overrides);
    let mut bodies_of = Vec::new();
    for (generated, _) in by_module.values() {
        let mut bodies = Vec::new();
        for naming in generated {
            let package = by_name[naming.package.as_str()];
            let event = package
                .events
                .iter()
                .find(|e| e.sdk_name == naming.sdk_name)
                .expect("checked by check_namings");
            let envelope_row = overrides::envelope_payload(&envelopes, &naming.package, event)?;
            let body = match (&event.payload_field, &event.payload_type, envelope_row) {
                (Some(field), Some(ty), _) => Some((
                    field.clone(),
                    walker.reference(&naming.package, ty, false)?,
                    // A deleted entity may be absent whatever the typings say: the wire's
                    // `deletedEvent.deletedEntity` is optional, and many deliveries have only
                    // the metadata.
                    event.payload_optional.unwrap_or(false) || event.shape == "deleted",
                )),
                (_, _, Some((field, ty))) => Some((
                    field.to_owned(),
                    walker.reference(&naming.package, ty, false)?,
                    true,
                )),
                _ => None,
            };
            bodies.push((*naming, event.clone(), body));
        }
        bodies_of.push(bodies);
    }
    if let Some(row) = envelopes.iter().find(|row| {
        !bodies_of.iter().flatten().any(|(naming, event, _)| {
            naming.package == row.package && event.envelope.as_deref() == Some(&row.type_name)
        })
    }) {
        return Err(format!(
            "codegen/curated/overrides.tsv: {} {}: no generated event has this envelope",
            row.package, row.type_name
        ));
    }
    let renames = overrides::apply(&mut walker, &types_rows)?;
    let graph = Graph::new(walker.nodes, renames);

    let mut modules = Vec::new();
    for ((velo, (_, hand)), bodies) in by_module.iter().zip(bodies_of) {
        let taken = taken.get(velo).cloned().unwrap_or_default();
        let context = Context {
            packages: &by_name,
            graph: &graph,
            extras,
            parts_above,
        };
        modules.push(module(&context, velo, bodies, hand, taken)?);
    }
    check_features(&modules)?;
    check_samples(&modules, &extras.samples)?;
    check_references(namings, &extras.references)?;
    link_twins(&mut modules)?;
    mark_media(&mut modules)?;
    let shared = share(&mut modules)?;
    Ok(Catalog {
        modules,
        shared,
        packages: packages
            .iter()
            .map(|(_, p)| (p.package.clone(), p.version.clone()))
            .collect(),
    })
}

/// Every walked node, what each refers to, and the distinct type each is.
struct Graph {
    nodes: Vec<Node>,
    /// The Rust names overrides give nodes.
    renames: HashMap<usize, String>,
    /// The nodes each node's fields refer to, in field order.
    children: Vec<Vec<usize>>,
    /// The distinct type (by structural key) of each node.
    type_of_node: Vec<usize>,
}

impl Graph {
    fn new(nodes: Vec<Node>, renames: HashMap<usize, String>) -> Self {
        fn refs(ty: &Ty, out: &mut Vec<usize>) {
            match ty {
                Ty::Leaf(_) => {}
                Ty::Map(of) | Ty::Vec(of) | Ty::Media(of) => refs(of, out),
                Ty::Node(id) => out.push(*id),
            }
        }
        let children = nodes
            .iter()
            .map(|(_, kind)| {
                let mut out = Vec::new();
                match kind {
                    Some(RawKind::Struct(fields)) => {
                        for field in fields {
                            refs(&field.ty, &mut out);
                        }
                    }
                    Some(RawKind::Media { inner, .. }) => refs(inner, &mut out),
                    _ => {}
                }
                out
            })
            .collect();
        let mut of_key: HashMap<String, usize> = HashMap::new();
        let type_of_node = keys(&nodes, &renames)
            .into_iter()
            .map(|key| {
                let next = of_key.len();
                *of_key.entry(key).or_insert(next)
            })
            .collect();
        Graph {
            nodes,
            renames,
            children,
            type_of_node,
        }
    }

    /// The nodes reachable from `roots`, each once, in the order a walk from them meets them.
    fn reach(&self, roots: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut seen = vec![false; self.nodes.len()];
        let mut order = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        for root in roots {
            stack.push(root);
            while let Some(node) = stack.pop() {
                if std::mem::replace(&mut seen[node], true) {
                    continue;
                }
                order.push(node);
                stack.extend(self.children[node].iter().rev());
            }
        }
        order
    }
}

/// The nodes a field type refers to at its top (not through other types).
fn roots_of(ty: &Ty, out: &mut Vec<usize>) {
    match ty {
        Ty::Leaf(_) => {}
        Ty::Map(of) | Ty::Vec(of) | Ty::Media(of) => roots_of(of, out),
        Ty::Node(id) => out.push(*id),
    }
}

/// Every IR event has one row in the curated table, and every row one IR event.
fn check_namings(packages: &HashMap<&str, &Package>, namings: &[Naming]) -> Result<(), String> {
    let mut rows: HashMap<(&str, &str), &Naming> = HashMap::new();
    for naming in namings {
        if rows
            .insert((&naming.package, &naming.sdk_name), naming)
            .is_some()
        {
            return Err(format!(
                "codegen/curated/events.tsv: two rows for {}.{}",
                naming.package, naming.sdk_name
            ));
        }
    }
    let mut missing = Vec::new();
    for (name, package) in packages {
        for event in &package.events {
            match rows.remove(&(*name, event.sdk_name.as_str())) {
                Some(row) if row.event_type != event.event_type => {
                    return Err(format!(
                        "codegen/curated/events.tsv: {name}.{} has eventType `{}`, the IR says `{}`",
                        event.sdk_name, row.event_type, event.event_type
                    ));
                }
                Some(_) => {}
                None => missing.push(format!("{name}\t{}\t{}", event.sdk_name, event.event_type)),
            }
        }
    }
    if !missing.is_empty() {
        missing.sort();
        return Err(format!(
            "codegen/curated/events.tsv has no row for these IR events (package, sdk_name, \
             eventType): add one each, with the Velo module and event and the evidence:\n{}",
            missing.join("\n")
        ));
    }
    if let Some(((package, event), _)) = rows.into_iter().min_by_key(|(key, _)| *key) {
        return Err(format!(
            "codegen/curated/events.tsv: {package}.{event} is in no IR package: remove the row"
        ));
    }
    Ok(())
}

/// No two events share a module and a name; no webhook type is declared twice.
fn check_unique(
    by_module: &BTreeMap<String, (Vec<&Naming>, Vec<&Handwritten>)>,
) -> Result<(), String> {
    let mut types: HashMap<&str, String> = HashMap::new();
    for (module, (generated, hand)) in by_module {
        let mut seen: HashMap<&str, String> = HashMap::new();
        let names = generated
            .iter()
            .map(|n| {
                (
                    n.event.as_str(),
                    Some(n.event_type.as_str()),
                    n.package.as_str(),
                )
            })
            .chain(
                hand.iter()
                    .map(|h| (h.event.as_str(), h.webhook.as_deref(), "handwritten.tsv")),
            );
        for (event, webhook, from) in names {
            if let Some(other) = seen.insert(event, from.to_owned()) {
                return Err(format!(
                    "`{module}.{event}` is declared twice (by {other} and by {from}): settle it \
                     in codegen/curated/events.tsv (another event name, or `duplicate`)"
                ));
            }
            if let Some(webhook) = webhook
                && let Some(other) = types.insert(webhook, format!("{module}.{event}"))
            {
                return Err(format!(
                    "eventType `{webhook}` is declared by `{other}` and by `{module}.{event}`: \
                     mark one `duplicate` in codegen/curated/events.tsv"
                ));
            }
        }
    }
    Ok(())
}

/// Modules whose events reach more types than this, from two packages or more, get a cargo
/// feature per package beside the module's: a handler of one event then compiles only what
/// that package's events need.
const PARTS_ABOVE: usize = 150;

/// One event's row: its naming, its IR declaration, and its body (field, type, optional).
type Body<'a> = (&'a Naming, crate::ir::Event, Option<(String, Ty, bool)>);

/// What every module is built from.
struct Context<'a> {
    packages: &'a HashMap<&'a str, &'a Package>,
    graph: &'a Graph,
    extras: &'a Extras,
    parts_above: usize,
}

fn module(
    context: &Context,
    velo: &str,
    bodies: Vec<Body>,
    hand: &[&Handwritten],
    handwritten_names: BTreeSet<String>,
) -> Result<Module, String> {
    let Context {
        packages,
        graph,
        extras,
        parts_above,
    } = *context;
    let nodes = &graph.nodes;
    let roots_of_event: Vec<Vec<usize>> = bodies
        .iter()
        .map(|(_, _, body)| {
            let mut out = Vec::new();
            if let Some((_, ty, _)) = body {
                roots_of(ty, &mut out);
            }
            out
        })
        .collect();
    // The module's types: one per distinct type its events reach, in the order they are met.
    let reached = graph.reach(roots_of_event.iter().flatten().copied());
    let mut unique: Vec<usize> = Vec::new();
    let mut local_of_global: HashMap<usize, usize> = HashMap::new();
    let mut type_of_node = vec![usize::MAX; nodes.len()];
    for id in &reached {
        let index = *local_of_global
            .entry(graph.type_of_node[*id])
            .or_insert_with(|| {
                unique.push(*id);
                unique.len() - 1
            });
        type_of_node[*id] = index;
    }
    let mut origins: Vec<BTreeSet<String>> = vec![BTreeSet::new(); unique.len()];
    for id in &reached {
        origins[type_of_node[*id]].insert(nodes[*id].0.package.clone());
    }
    // Which of the module's events carry each type.
    let mut carried_by: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); unique.len()];
    for (event, roots) in roots_of_event.iter().enumerate() {
        for id in graph.reach(roots.iter().copied()) {
            carried_by[type_of_node[id]].insert(event);
        }
    }

    // A large module of several packages: a feature per package.
    let feature = names::feature(velo);
    let event_packages: BTreeSet<&str> =
        bodies.iter().map(|(n, _, _)| n.package.as_str()).collect();
    let parts: Vec<Part> =
        if hand.is_empty() && event_packages.len() > 1 && unique.len() > parts_above {
            event_packages
                .iter()
                .map(|package| Part {
                    feature: format!("{feature}-{}", names::feature(&package_entity(package))),
                    package: packages[package].package.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
    let feature_of_event = |naming: &Naming| -> String {
        match parts
            .iter()
            .find(|part| part.package == packages[naming.package.as_str()].package)
        {
            Some(part) => part.feature.clone(),
            None => feature.clone(),
        }
    };
    let gates: Vec<Vec<String>> = carried_by
        .iter()
        .map(|events| {
            let features: BTreeSet<String> = events
                .iter()
                .map(|e| feature_of_event(bodies[*e].0))
                .collect();
            if features.len() == parts.len().max(1) {
                Vec::new()
            } else {
                features.into_iter().collect()
            }
        })
        .collect();

    // Names: the events' payload names first, then each type's, prefixed where they clash.
    let payload_names: BTreeSet<String> = bodies
        .iter()
        .map(|(n, _, _)| names::payload(&n.event))
        .chain(hand.iter().map(|h| h.payload.clone()))
        .collect();
    let mut variants_of: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut type_names = vec![String::new(); unique.len()];
    let mut taken: BTreeSet<String> = payload_names.clone();
    taken.extend(handwritten_names.iter().cloned());
    // The names overrides give come first, as they are.
    let mut renamed = BTreeSet::new();
    for (index, id) in unique.iter().enumerate() {
        match graph.renames.get(id) {
            Some(name) => {
                if !taken.insert(name.clone()) || names::is_taken_type_name(name) {
                    return Err(format!(
                        "codegen/curated/overrides.tsv: `{}` of {} is renamed `{name}`, a name \
                         `{velo}` already has",
                        nodes[*id].0.name, nodes[*id].0.package
                    ));
                }
                renamed.insert(name.clone());
                type_names[index] = name.clone();
            }
            None => variants_of
                .entry(names::type_name(&nodes[*id].0.name))
                .or_default()
                .push(index),
        }
    }
    for (base, variants) in &variants_of {
        for index in variants {
            let origin = origins[*index].iter().next().expect("a type has an origin");
            let clashes = variants.len() > 1
                || names::is_taken_type_name(base)
                || handwritten_names.contains(base)
                || renamed.contains(base);
            let mut name = if clashes {
                format!("{}{base}", package_prefix(origin))
            } else {
                base.clone()
            };
            if payload_names.contains(&name) {
                name.push_str("Data");
            }
            let mut candidate = name.clone();
            let mut n = 2;
            while taken.contains(&candidate) {
                candidate = format!("{name}{n}");
                n += 1;
            }
            taken.insert(candidate.clone());
            type_names[*index] = candidate;
        }
    }

    let sccs = components(nodes, &unique, &type_of_node);
    let resolve = |ty: &Ty| to_rust(ty, &type_of_node, &type_names);
    let mut type_defs: Vec<TypeDef> = unique
        .iter()
        .enumerate()
        .map(|(index, id)| {
            let (node, kind) = &nodes[*id];
            let kind = match kind.as_ref().expect("walked") {
                RawKind::Enum(values) => TypeKind::Enum(enum_variants(values)),
                RawKind::Media { uri, object, inner } => TypeKind::Media {
                    uri: uri.clone(),
                    object: object.clone(),
                    inner: resolve(inner),
                },
                RawKind::Struct(fields) => TypeKind::Struct(struct_fields(fields, |ty| {
                    let boxed = match ty {
                        Ty::Node(target) => sccs[type_of_node[*target]] == sccs[index],
                        Ty::Media(of) => {
                            matches!(**of, Ty::Node(t) if sccs[type_of_node[t]] == sccs[index])
                        }
                        _ => false,
                    };
                    (resolve(ty), boxed)
                })),
            };
            TypeDef {
                name: type_names[index].clone(),
                ts_name: node.name.clone(),
                origins: origins[index].clone(),
                kind,
                global: graph.type_of_node[*id],
                carried_by: carried_by[index]
                    .iter()
                    .map(|e| format!("{velo}.{}", bodies[*e].0.event))
                    .collect(),
                gate: gates[index].clone(),
                home: Home::Here,
                media: None,
            }
        })
        .collect();
    type_defs.sort_by(|a, b| a.name.cmp(&b.name));
    box_large_fields(&mut type_defs);

    let rust = names::rust_module(velo);
    let mut events: Vec<EventDef> = Vec::new();
    let mut module_packages = BTreeSet::new();
    for (naming, event, body) in bodies {
        let package = packages[naming.package.as_str()];
        module_packages.insert(format!("{}@{}", package.package, package.version));
        let documented = extras
            .samples
            .iter()
            .find(|s| s.module == velo && s.event == naming.event);
        events.push(EventDef {
            name: naming.event.clone(),
            feature: feature_of_event(naming),
            twin: None,
            payload: names::payload(&naming.event),
            webhook: Some(naming.event_type.clone()),
            sample: match documented {
                Some(row) => row.sample.clone(),
                None => format!("generated/{velo}.{}.json", naming.event),
            },
            source: Source::Generated(Box::new(Generated {
                package: format!("{}@{}", package.package, package.version),
                sdk_name: naming.sdk_name.clone(),
                shape: event.shape.clone(),
                naming: naming.source.clone(),
                evidence: naming.evidence.clone(),
                deprecated: event.deprecated,
                maturity: event.maturity.clone(),
                permissions: event
                    .permission_id
                    .as_ref()
                    .map(|p| p.values())
                    .unwrap_or_default(),
                body: body.map(|(field, ty, optional)| (field, resolve(&ty), optional)),
                body_evidence: extras
                    .overrides
                    .iter()
                    .find(|row| {
                        row.package == naming.package
                            && event.envelope.as_deref() == Some(row.type_name.as_str())
                    })
                    .map(|row| row.evidence.clone()),
                domain: event.metadata_type.as_deref() != Some("BaseEventMetadata"),
                documented_sample: documented.map(|row| row.evidence.clone()),
                reference: reference_of(naming, &extras.references),
            })),
        });
    }
    for row in hand {
        events.push(EventDef {
            name: row.event.clone(),
            feature: feature.clone(),
            twin: row.twin.clone(),
            payload: row.payload.clone(),
            webhook: row.webhook.clone(),
            sample: row.sample.clone(),
            source: Source::Handwritten {
                doc: row.doc.clone(),
            },
        });
    }
    Ok(Module {
        velo: velo.to_owned(),
        feature,
        parts,
        handwritten: !hand.is_empty(),
        rust,
        events,
        types: type_defs,
        packages: module_packages,
        docs: extras.docs.get(velo).cloned(),
    })
}

/// Structs larger than this are boxed where another struct holds one: a payload type then stays
/// a few kilobytes, and parsing it needs little stack (an unoptimised build keeps every field of
/// every level being parsed on the stack; the eCom order, unboxed, overflowed a 2 MiB thread).
const INLINE_LIMIT: usize = 256;

/// Boxes the fields whose struct is over [`INLINE_LIMIT`] bytes.
fn box_large_fields(types: &mut [TypeDef]) {
    let index: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let mut sizes: HashMap<String, usize> = HashMap::new();
    for i in 0..types.len() {
        size_of(&types[i].name, types, &index, &mut sizes, &mut Vec::new());
    }
    for ty in types.iter_mut() {
        if let TypeKind::Struct(fields) = &mut ty.kind {
            for field in fields {
                let target = match &field.ty {
                    RustTy::Named(name) => Some(name),
                    RustTy::Media(of) => match &**of {
                        RustTy::Named(name) => Some(name),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(name) = target
                    && sizes.get(name).is_some_and(|size| *size > INLINE_LIMIT)
                {
                    field.boxed = true;
                }
            }
        }
    }
}

/// An estimate of a type's size in bytes, as the emitted Rust lays it out on 64-bit targets.
fn size_of(
    name: &str,
    types: &[TypeDef],
    index: &HashMap<String, usize>,
    sizes: &mut HashMap<String, usize>,
    stack: &mut Vec<String>,
) -> usize {
    if let Some(size) = sizes.get(name) {
        return *size;
    }
    let Some(ty) = index.get(name).map(|i| &types[*i]) else {
        return 24;
    };
    if stack.iter().any(|n| n == name) {
        return 8;
    }
    stack.push(name.to_owned());
    let size = match &ty.kind {
        TypeKind::Enum(_) => 24,
        TypeKind::Media { inner, .. } => value_size(inner, types, index, sizes, stack).max(24) + 8,
        TypeKind::Struct(fields) => fields
            .iter()
            .map(|field| {
                if field.boxed {
                    return 8;
                }
                let inner = value_size(&field.ty, types, index, sizes, stack);
                if matches!(field.ty, RustTy::Vec(_)) {
                    inner
                } else {
                    inner + 8
                }
            })
            .sum(),
    };
    stack.pop();
    sizes.insert(name.to_owned(), size);
    size
}

fn value_size(
    ty: &RustTy,
    types: &[TypeDef],
    index: &HashMap<String, usize>,
    sizes: &mut HashMap<String, usize>,
    stack: &mut Vec<String>,
) -> usize {
    match ty {
        RustTy::Bool => 1,
        RustTy::U8 => 1,
        RustTy::U32 => 4,
        RustTy::U64 | RustTy::F64 => 8,
        RustTy::Path(_) => 32,
        RustTy::Date => 12,
        RustTy::String | RustTy::Decimal | RustTy::JsonMap | RustTy::Map(_) | RustTy::Vec(_) => 24,
        RustTy::Number | RustTy::Any => 32,
        RustTy::Named(name) => size_of(name, types, index, sizes, stack),
        RustTy::Media(of) => value_size(of, types, index, sizes, stack).max(24) + 8,
    }
}

fn to_rust(ty: &Ty, type_of_node: &[usize], type_names: &[String]) -> RustTy {
    match ty {
        Ty::Leaf(leaf) => leaf.clone(),
        Ty::Map(of) => RustTy::Map(Box::new(to_rust(of, type_of_node, type_names))),
        Ty::Vec(of) => RustTy::Vec(Box::new(to_rust(of, type_of_node, type_names))),
        Ty::Media(of) => RustTy::Media(Box::new(to_rust(of, type_of_node, type_names))),
        Ty::Node(id) => RustTy::Named(type_names[type_of_node[*id]].clone()),
    }
}

fn enum_variants(values: &[RawVariant]) -> Vec<Variant> {
    // The names overrides give are taken first.
    let mut seen: BTreeSet<String> = values.iter().filter_map(|v| v.rust.clone()).collect();
    let mut variants = Vec::new();
    for RawVariant {
        value,
        deprecated,
        rust,
    } in values
    {
        if variants.iter().any(|v: &Variant| &v.value == value) {
            continue;
        }
        if let Some(rust) = rust {
            variants.push(Variant {
                rust: rust.clone(),
                value: value.clone(),
                deprecated: *deprecated,
            });
            continue;
        }
        let base = names::variant(value);
        let mut rust = base.clone();
        let mut n = 2;
        while !seen.insert(rust.clone()) {
            rust = format!("{base}{n}");
            n += 1;
        }
        variants.push(Variant {
            rust,
            value: value.clone(),
            deprecated: *deprecated,
        });
    }
    variants
}

fn struct_fields(fields: &[RawField], mut ty: impl FnMut(&Ty) -> (RustTy, bool)) -> Vec<FieldDef> {
    let mut seen = BTreeSet::new();
    let mut jsons = BTreeSet::new();
    let mut out = Vec::new();
    for field in fields {
        if !jsons.insert(field.json.clone()) {
            continue;
        }
        let base = field
            .rust
            .clone()
            .unwrap_or_else(|| names::field(&field.json));
        let mut rust = base.clone();
        let mut n = 2;
        while !seen.insert(rust.clone()) {
            rust = format!("{base}_{n}");
            n += 1;
        }
        let (ty, boxed) = ty(&field.ty);
        out.push(FieldDef {
            rust,
            json: field.json.clone(),
            alias: field.alias.clone(),
            ty,
            boxed,
            presence: field.presence,
            tags: field.tags.clone(),
        });
    }
    out
}

/// The strongly connected component of each unique type (Tarjan's algorithm): a field whose
/// type is in its own struct's component makes the struct contain itself, and is boxed.
fn components(nodes: &[Node], unique: &[usize], type_of_node: &[usize]) -> Vec<usize> {
    fn edges(ty: &Ty, type_of_node: &[usize], out: &mut Vec<usize>) {
        match ty {
            Ty::Leaf(_) => {}
            Ty::Map(of) | Ty::Vec(of) | Ty::Media(of) => edges(of, type_of_node, out),
            Ty::Node(id) => out.push(type_of_node[*id]),
        }
    }
    let graph: Vec<Vec<usize>> = unique
        .iter()
        .map(|id| {
            let mut out = Vec::new();
            match &nodes[*id].1 {
                Some(RawKind::Struct(fields)) => {
                    for field in fields {
                        edges(&field.ty, type_of_node, &mut out);
                    }
                }
                Some(RawKind::Media { inner, .. }) => edges(inner, type_of_node, &mut out),
                _ => {}
            }
            out
        })
        .collect();
    struct Tarjan<'g> {
        graph: &'g [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        component: Vec<usize>,
        components: usize,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: usize) {
            self.index[v] = Some(self.next);
            self.low[v] = self.next;
            self.next += 1;
            self.stack.push(v);
            self.on_stack[v] = true;
            for i in 0..self.graph[v].len() {
                let w = self.graph[v][i];
                match self.index[w] {
                    None => {
                        self.visit(w);
                        self.low[v] = self.low[v].min(self.low[w]);
                    }
                    Some(index) if self.on_stack[w] => self.low[v] = self.low[v].min(index),
                    Some(_) => {}
                }
            }
            if Some(self.low[v]) == self.index[v] {
                loop {
                    let w = self.stack.pop().expect("v is on the stack");
                    self.on_stack[w] = false;
                    self.component[w] = self.components;
                    if w == v {
                        break;
                    }
                }
                self.components += 1;
            }
        }
    }
    let n = graph.len();
    let mut tarjan = Tarjan {
        graph: &graph,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        component: vec![0; n],
        components: 0,
    };
    for v in 0..n {
        if tarjan.index[v].is_none() {
            tarjan.visit(v);
        }
    }
    // A type in a component of its own contains itself only through a field of its own type.
    let mut component = tarjan.component;
    for (v, targets) in graph.iter().enumerate() {
        let alone = component.iter().filter(|c| **c == component[v]).count() == 1;
        if alone && !targets.contains(&v) {
            // A unique marker: nothing else shares it, so no field is boxed for it.
            component[v] = usize::MAX - v;
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curated::{Action, Change, Handwritten, Naming, Override};

    /// A package with the hazards of the real ones: a keyword field, a type named `Option`, a
    /// type inside itself, an enum value `SELF`, a type named like an event's payload, a media
    /// string, a @oneof field the SDK renamed.
    fn fixture(name: &str, order_fields: &str) -> (String, Package) {
        fixture_with_media(name, order_fields, "Image")
    }

    /// The fixture, its media object's REST type named `media`.
    fn fixture_with_media(name: &str, order_fields: &str, media: &str) -> (String, Package) {
        let text = format!(
            r#"{{
            "package": "@wix/auto_sdk_{name}", "version": "1.0.0", "umbrella": ["@wix/shop"],
            "events": [
                {{"sdkName": "onOrderApproved", "eventType": "wix.shop.v1.order_approved_{name}",
                  "domain": true, "shape": "action", "payloadField": "data",
                  "payloadType": "OrderApproved", "metadataType": "EventMetadata"}},
                {{"sdkName": "onNodeCreated", "eventType": "wix.shop.v1.node_created_{name}",
                  "domain": true, "shape": "created", "payloadField": "entity",
                  "payloadType": "Node", "metadataType": "EventMetadata"}}
            ],
            "types": [
                {{"name": "OrderApproved", "kind": "interface", "restName": "OrderApproved",
                  "fields": [{{"sdkName": "order", "restName": "order",
                              "type": {{"kind": "ref", "name": "Order"}}}}]}},
                {{"name": "Order", "kind": "interface", "restName": "Order",
                  "fields": [{order_fields}]}},
                {{"name": "Option", "kind": "interface", "restName": "Option",
                  "fields": [{{"sdkName": "type", "restName": "type", "type": {{"kind": "string"}}}}]}},
                {{"name": "Owner", "kind": "enum", "restName": "Owner", "values": ["SELF", "OTHER"]}},
                {{"name": "OwnerWithLiterals", "kind": "alias", "restName": "OwnerWithLiterals",
                  "literalsOf": "Owner", "type": {{"kind": "union", "of": [
                      {{"kind": "ref", "name": "Owner"}}, {{"kind": "literal", "value": "SELF"}}]}}}},
                {{"name": "Node", "kind": "interface", "restName": "Node",
                  "fields": [
                    {{"sdkName": "_id", "restName": "id", "type": {{"kind": "string"}}}},
                    {{"sdkName": "parent", "restName": "parent", "type": {{"kind": "ref", "name": "Node"}}}},
                    {{"sdkName": "nodes", "restName": "nodes", "type": {{"kind": "array", "of": {{"kind": "ref", "name": "Node"}}}}}},
                    {{"sdkName": "addressLine", "restName": null, "type": {{"kind": "string"}}, "oneof": "StreetOneOf"}},
                    {{"sdkName": "addressLine1", "restName": "addressLine", "type": {{"kind": "string"}}}},
                    {{"sdkName": "image", "restName": "image", "type": {{"kind": "string"}},
                      "restType": {{"kind": "ref", "name": "{media}"}}}}
                  ]}}
            ],
            "restTypes": [
                {{"name": "{media}", "kind": "interface", "restName": null,
                  "fields": [{{"sdkName": null, "restName": "url", "type": {{"kind": "string"}}}}]}}
            ]
        }}"#
        );
        (name.to_owned(), serde_json::from_str(&text).unwrap())
    }

    const ORDER: &str = r#"{"sdkName": "loop", "restName": "loop", "type": {"kind": "boolean"}},
        {"sdkName": "owner", "restName": "owner", "type": {"kind": "ref", "name": "OwnerWithLiterals"}},
        {"sdkName": "option", "restName": "option", "type": {"kind": "ref", "name": "Option"}}"#;

    fn naming(package: &str, sdk: &str, event: &str, event_type: &str) -> Naming {
        Naming {
            package: package.to_owned(),
            sdk_name: sdk.to_owned(),
            event_type: event_type.to_owned(),
            module: "wixShop".to_owned(),
            event: event.to_owned(),
            source: "derived".to_owned(),
            action: Action::Generate,
            evidence: "derived from @wix/shop".to_owned(),
        }
    }

    /// The namings of the fixture: alpha's two events, beta's order event under another name,
    /// and beta's node event as `duplicate` or under the same name as alpha's.
    fn namings(beta_node: Action) -> Vec<Naming> {
        vec![
            naming(
                "shop_alpha",
                "onOrderApproved",
                "onOrderApproved",
                "wix.shop.v1.order_approved_shop_alpha",
            ),
            naming(
                "shop_alpha",
                "onNodeCreated",
                "onNodeCreated",
                "wix.shop.v1.node_created_shop_alpha",
            ),
            naming(
                "shop_beta",
                "onOrderApproved",
                "onOrderApprovedAgain",
                "wix.shop.v1.order_approved_shop_beta",
            ),
            Naming {
                action: beta_node,
                ..naming(
                    "shop_beta",
                    "onNodeCreated",
                    "onNodeCreated",
                    "wix.shop.v1.node_created_shop_beta",
                )
            },
        ]
    }

    fn shop(order_beta: &str) -> Result<Catalog, String> {
        let packages = vec![
            fixture("shop_alpha", ORDER),
            fixture("shop_beta", order_beta),
        ];
        build(
            &packages,
            &namings(Action::Duplicate),
            &[],
            &BTreeMap::new(),
            &Extras::default(),
        )
    }

    fn ty<'a>(catalog: &'a Catalog, name: &str) -> &'a TypeDef {
        catalog.modules[0]
            .types
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| {
                let names: Vec<&str> = catalog.modules[0]
                    .types
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect();
                panic!("no type {name} among {names:?}")
            })
    }

    fn fields(ty: &TypeDef) -> Vec<(String, String, Option<String>, bool)> {
        let TypeKind::Struct(fields) = &ty.kind else {
            panic!("{} is no struct", ty.name)
        };
        fields
            .iter()
            .map(|f| (f.rust.clone(), f.json.clone(), f.alias.clone(), f.boxed))
            .collect()
    }

    #[test]
    fn keywords_prelude_names_and_self_get_names_a_user_would_guess() {
        let catalog = shop(ORDER).unwrap();
        let order = fields(ty(&catalog, "Order"));
        assert_eq!(order[0].0, "r#loop");
        // `Option` would shadow the prelude: it takes its package's name.
        assert!(
            catalog.modules[0]
                .types
                .iter()
                .any(|t| t.name == "AlphaOption")
        );
        let TypeKind::Enum(variants) = &ty(&catalog, "Owner").kind else {
            panic!()
        };
        assert_eq!(variants[0].rust, "SelfValue");
        assert_eq!(variants[0].value, "SELF");
        let option = fields(ty(&catalog, "AlphaOption"));
        assert_eq!(option[0].0, "r#type");
    }

    #[test]
    fn a_type_named_like_a_payload_is_renamed_and_the_payload_keeps_the_name() {
        let catalog = shop(ORDER).unwrap();
        assert!(
            catalog.modules[0]
                .types
                .iter()
                .all(|t| t.name != "OrderApproved")
        );
        ty(&catalog, "OrderApprovedData");
        let event = &catalog.modules[0].events[0];
        assert_eq!(
            (event.name.as_str(), event.payload.as_str()),
            ("onOrderApproved", "OrderApproved")
        );
    }

    #[test]
    fn a_type_inside_itself_is_boxed_and_lists_are_not() {
        let catalog = shop(ORDER).unwrap();
        let node = fields(ty(&catalog, "Node"));
        let boxed: Vec<(&str, bool)> = node.iter().map(|f| (f.0.as_str(), f.3)).collect();
        assert!(boxed.contains(&("parent", true)), "{boxed:?}");
        assert!(boxed.contains(&("nodes", false)), "{boxed:?}");
    }

    #[test]
    fn both_spellings_and_the_renamed_oneof_field() {
        let catalog = shop(ORDER).unwrap();
        let node = fields(ty(&catalog, "Node"));
        assert!(node.contains(&("id".into(), "_id".into(), Some("id".into()), false)));
        assert!(node.contains(&(
            "address_line1".into(),
            "addressLine1".into(),
            Some("addressLine".into()),
            false
        )));
        assert!(!node.iter().any(|f| f.1 == "addressLine"), "{node:?}");
        let TypeKind::Struct(all) = &ty(&catalog, "Node").kind else {
            panic!()
        };
        let image = all.iter().find(|f| f.json == "image").unwrap();
        assert_eq!(
            image.ty,
            RustTy::Media(Box::new(RustTy::Named("Image".into())))
        );
    }

    #[test]
    fn a_media_object_knows_its_kind_and_an_unknown_one_stops_the_generator() {
        let catalog = shop(ORDER).unwrap();
        assert_eq!(ty(&catalog, "Image").media, Some("Image"));
        assert_eq!(ty(&catalog, "Node").media, None);
        let packages = vec![
            fixture_with_media("shop_alpha", ORDER, "Picture"),
            fixture_with_media("shop_beta", ORDER, "Picture"),
        ];
        let error = build(
            &packages,
            &namings(Action::Duplicate),
            &[],
            &BTreeMap::new(),
            &Extras::default(),
        )
        .unwrap_err();
        assert!(
            error.contains("`Picture` in the typings) is held as a media string"),
            "{error}"
        );
    }

    #[test]
    fn identical_types_of_two_packages_are_one_and_different_ones_are_told_apart() {
        // Same `Order` in both packages: one type.
        let catalog = shop(ORDER).unwrap();
        let orders: Vec<&str> = catalog.modules[0]
            .types
            .iter()
            .map(|t| t.name.as_str())
            .filter(|n| n.contains("Order"))
            .collect();
        assert_eq!(orders, ["Order", "OrderApprovedData"]);
        assert_eq!(ty(&catalog, "OrderApprovedData").origins.len(), 2);
        assert_eq!(ty(&catalog, "Order").origins.len(), 2);
        // Another `Order` in the second package: both take their package's name.
        let other = r#"{"sdkName": "total", "restName": "total", "type": {"kind": "number"}}"#;
        let catalog = shop(other).unwrap();
        ty(&catalog, "AlphaOrder");
        ty(&catalog, "BetaOrder");
    }

    #[test]
    fn a_type_two_modules_reach_is_defined_once_and_each_re_exports_it() {
        let packages = vec![fixture("shop_alpha", ORDER), fixture("shop_beta", ORDER)];
        let mut namings = namings(Action::Duplicate);
        for naming in namings.iter_mut().filter(|n| n.package == "shop_beta") {
            naming.module = "wixOther".to_owned();
            naming.event = naming.event.replace("Again", "");
        }
        let catalog = build(
            &packages,
            &namings,
            &[],
            &BTreeMap::new(),
            &Extras::default(),
        )
        .unwrap();
        let shared = catalog
            .shared
            .iter()
            .find(|t| t.name == "Order")
            .expect("Order is shared");
        assert_eq!(shared.gate, ["wix-other", "wix-shop"]);
        assert_eq!(
            shared.carried_by,
            ["wixOther.onOrderApproved", "wixShop.onOrderApproved"]
        );
        for module in &catalog.modules {
            let order = module.types.iter().find(|t| t.name == "Order").unwrap();
            assert_eq!(order.home, Home::Shared("Order".into()), "{}", module.velo);
            // The module's own copy is not compiled there: only the shared one is.
            assert!(order.gate.is_empty());
        }
        // What a shared type refers to is shared too, by its shared name.
        let TypeKind::Struct(fields) = &shared.kind else {
            panic!()
        };
        let option = fields.iter().find(|f| f.json == "option").unwrap();
        // (The first module by name, `wixOther`, names it: beta's package, hence `BetaOption`.)
        assert_eq!(option.ty, RustTy::Named("BetaOption".into()));
        assert!(catalog.shared.iter().any(|t| t.name == "BetaOption"));
        // `Node` only `wixShop` reaches (beta's node event is a duplicate): it stays there.
        let shop = catalog
            .modules
            .iter()
            .find(|m| m.velo == "wixShop")
            .unwrap();
        let node = shop.types.iter().find(|t| t.name == "Node").unwrap();
        assert_eq!(node.home, Home::Here);
    }

    #[test]
    fn a_large_module_has_a_feature_per_package_and_types_say_which_need_them() {
        let packages = vec![fixture("shop_alpha", ORDER), fixture("shop_beta", ORDER)];
        let catalog = build_with(
            &packages,
            &namings(Action::Duplicate),
            &[],
            &BTreeMap::new(),
            &Extras::default(),
            0,
        )
        .unwrap();
        let module = &catalog.modules[0];
        let parts: Vec<&str> = module.parts.iter().map(|p| p.feature.as_str()).collect();
        assert_eq!(parts, ["wix-shop-alpha", "wix-shop-beta"]);
        let feature_of = |event: &str| {
            module
                .events
                .iter()
                .find(|e| e.name == event)
                .map(|e| e.feature.as_str())
        };
        assert_eq!(feature_of("onNodeCreated"), Some("wix-shop-alpha"));
        assert_eq!(feature_of("onOrderApprovedAgain"), Some("wix-shop-beta"));
        // Only alpha's node event carries `Node` (beta's is a duplicate): alpha's feature
        // compiles it.
        assert_eq!(ty(&catalog, "Node").gate, ["wix-shop-alpha"]);
        // Both packages' order events carry `Order`: either feature compiles it, so no gate.
        assert!(ty(&catalog, "Order").gate.is_empty());
    }

    #[test]
    fn an_older_hand_typed_event_and_its_webhook_twin_name_each_other() {
        let packages = vec![fixture("shop_alpha", ORDER), fixture("shop_beta", ORDER)];
        let row = |twin: &str| Handwritten {
            module: "wixShopOld".to_owned(),
            event: "onNodeAdded".to_owned(),
            payload: "NodeAdded".to_owned(),
            webhook: None,
            sample: "wixShopOld.onNodeAdded.json".to_owned(),
            doc: "A node was added.".to_owned(),
            twin: Some(twin.to_owned()),
        };
        let catalog = build(
            &packages,
            &namings(Action::Duplicate),
            &[row("wixShop.onNodeCreated")],
            &BTreeMap::new(),
            &Extras::default(),
        )
        .unwrap();
        let shop = catalog
            .modules
            .iter()
            .find(|m| m.velo == "wixShop")
            .unwrap();
        let created = shop
            .events
            .iter()
            .find(|e| e.name == "onNodeCreated")
            .unwrap();
        assert_eq!(created.twin.as_deref(), Some("wixShopOld.onNodeAdded"));
        let error = build(
            &packages,
            &namings(Action::Duplicate),
            &[row("wixShop.onNoSuchEvent")],
            &BTreeMap::new(),
            &Extras::default(),
        )
        .unwrap_err();
        assert!(error.contains("is no generated event"), "{error}");
    }

    #[test]
    fn a_reference_row_links_its_events_page_and_nothing_else() {
        let page = "https://dev.wix.com/docs/velo/api-reference/wix-shop-backend/events";
        let reference = |sdk_name: &str, url: &str| Reference {
            package: "shop_alpha".to_owned(),
            sdk_name: sdk_name.to_owned(),
            url: url.to_owned(),
        };
        let with = |rows: Vec<Reference>| {
            shop_with(&Extras {
                references: rows,
                ..Extras::default()
            })
        };
        let catalog = with(vec![reference(
            "onOrderApproved",
            &format!("{page}/on-order-approved.md"),
        )])
        .unwrap();
        let reference_of = |event: &str| {
            let event = catalog.modules[0]
                .events
                .iter()
                .find(|e| e.name == event)
                .unwrap();
            match &event.source {
                Source::Generated(facts) => facts.reference.clone(),
                Source::Handwritten { .. } => panic!("{} is generated", event.name),
            }
        };
        assert_eq!(
            reference_of("onOrderApproved").as_deref(),
            Some(format!("{page}/on-order-approved.md").as_str())
        );
        assert_eq!(reference_of("onNodeCreated"), None);

        let error = with(vec![reference(
            "onOrderApproved",
            &format!("{page}/on-node-created"),
        )])
        .unwrap_err();
        assert!(
            error.contains("is not the page of onOrderApproved"),
            "{error}"
        );
        let error = with(vec![reference(
            "onNoSuchEvent",
            &format!("{page}/on-no-such-event"),
        )])
        .unwrap_err();
        assert!(error.contains("is no generated event"), "{error}");
        let twice = reference("onNodeCreated", &format!("{page}/on-node-created"));
        let error = with(vec![twice.clone(), twice]).unwrap_err();
        assert!(error.contains("has two rows"), "{error}");
    }

    #[test]
    fn a_reference_row_comes_before_an_older_address_in_the_naming_evidence() {
        let old = "https://www.wix.com/velo/reference/wix-shop-backend/events/onnodecreated";
        let new =
            "https://dev.wix.com/docs/velo/api-reference/wix-shop-backend/events/on-node-created";
        let mut names = namings(Action::Duplicate);
        names[1].evidence = format!("Velo wixShop_onNodeCreated ({old})");
        let packages = vec![fixture("shop_alpha", ORDER), fixture("shop_beta", ORDER)];
        let with = |url: Option<&str>| {
            let references = url
                .map(|url| Reference {
                    package: "shop_alpha".to_owned(),
                    sdk_name: "onNodeCreated".to_owned(),
                    url: url.to_owned(),
                })
                .into_iter()
                .collect();
            let extras = Extras {
                references,
                ..Extras::default()
            };
            build(&packages, &names, &[], &BTreeMap::new(), &extras)
        };
        let reference = |catalog: &Catalog| {
            catalog.modules[0]
                .events
                .iter()
                .find_map(|e| match &e.source {
                    Source::Generated(facts) if e.name == "onNodeCreated" => {
                        Some(facts.reference.clone())
                    }
                    _ => None,
                })
                .unwrap()
        };
        // The old address is the event's page, words compared whatever splits them.
        assert_eq!(reference(&with(None).unwrap()).as_deref(), Some(old));
        assert_eq!(reference(&with(Some(new)).unwrap()).as_deref(), Some(new));
        let error = with(Some(old)).unwrap_err();
        assert!(error.contains("already links this page"), "{error}");
    }

    fn override_row(type_name: &str, field: Option<&str>, change: Change) -> Override {
        Override {
            package: "shop_alpha".to_owned(),
            type_name: type_name.to_owned(),
            field: field.map(str::to_owned),
            change,
            evidence: "a test".to_owned(),
        }
    }

    /// The two shop packages (same order type), built with these curated extras.
    fn shop_with(extras: &Extras) -> Result<Catalog, String> {
        let packages = vec![fixture("shop_alpha", ORDER), fixture("shop_beta", ORDER)];
        build(
            &packages,
            &namings(Action::Duplicate),
            &[],
            &BTreeMap::new(),
            extras,
        )
    }

    fn with_overrides(overrides: Vec<Override>) -> Result<Catalog, String> {
        shop_with(&Extras {
            overrides,
            ..Extras::default()
        })
    }

    #[test]
    fn overrides_rename_require_narrow_and_add() {
        let catalog = with_overrides(vec![
            override_row("Node", None, Change::Rename("Tree".into())),
            override_row("Node", Some("_id"), Change::Required),
            override_row("Order", Some("loop"), Change::AbsentIsDefault),
            override_row("Order", Some("count"), Change::Add("u64".into())),
            override_row("Order", Some("options"), Change::Add("Option[]".into())),
        ])
        .unwrap();
        let TypeKind::Struct(tree) = &ty(&catalog, "Tree").kind else {
            panic!()
        };
        assert_eq!(tree[0].presence, Presence::Required);
        // The node's own field of its type follows the rename.
        let parent = tree.iter().find(|f| f.json == "parent").unwrap();
        assert_eq!(parent.ty, RustTy::Named("Tree".into()));
        // alpha's `Order` differs from beta's now: each takes its package's name.
        let TypeKind::Struct(order) = &ty(&catalog, "AlphaOrder").kind else {
            panic!()
        };
        let field = |json: &str| order.iter().find(|f| f.json == json).unwrap();
        assert_eq!(field("loop").presence, Presence::Defaulted);
        assert_eq!(field("count").ty, RustTy::U64);
        assert_eq!(field("count").presence, Presence::Optional);
        assert_eq!(
            field("options").ty,
            RustTy::Vec(Box::new(RustTy::Named("AlphaOption".into())))
        );
        assert_eq!(
            field("count").tags[crate::overrides::OVERRIDE_TAG],
            "a test"
        );
        ty(&catalog, "BetaOrder");
    }

    #[test]
    fn overrides_retype_respell_and_name_a_media() {
        let catalog = with_overrides(vec![
            override_row("Node", Some("addressLine1"), Change::Type("json".into())),
            override_row("Node", Some("_id"), Change::Spelling("nodeId".into())),
            override_row(
                "Node",
                Some("image"),
                Change::Media {
                    name: "Picture".into(),
                    uri: "WixUrl".into(),
                    object: "Details".into(),
                },
            ),
            override_row(
                "Order",
                Some("owner"),
                Change::Type("rust:crate::IdentityType".into()),
            ),
        ])
        .unwrap();
        let TypeKind::Struct(node) = &ty(&catalog, "Node").kind else {
            panic!()
        };
        let field = |json: &str| node.iter().find(|f| f.json == json).unwrap();
        assert_eq!(field("addressLine1").ty, RustTy::Any);
        // The new spelling is written; the typings' Velo one is still read.
        assert_eq!(field("nodeId").alias.as_deref(), Some("_id"));
        assert_eq!(field("image").ty, RustTy::Named("Picture".into()));
        let TypeKind::Media { uri, object, inner } = &ty(&catalog, "Picture").kind else {
            panic!("Picture is no media enum")
        };
        assert_eq!(
            (uri.as_str(), object.as_str(), inner),
            ("WixUrl", "Details", &RustTy::Named("Image".into()))
        );
        let TypeKind::Struct(order) = &ty(&catalog, "AlphaOrder").kind else {
            panic!()
        };
        let owner = order.iter().find(|f| f.json == "owner").unwrap();
        assert_eq!(owner.ty, RustTy::Path("crate::IdentityType".into()));
    }

    /// A package with a deleted event whose typings give only `{metadata}`, an enum, a number
    /// and a map, and the two fields of one wire name.
    fn lean_package() -> Vec<(String, Package)> {
        let text = r#"{
            "package": "@wix/auto_sdk_shop_lean", "version": "1.0.0", "umbrella": ["@wix/shop"],
            "events": [
                {"sdkName": "onNodeCreated", "eventType": "wix.shop.v1.node_created",
                 "domain": true, "shape": "created", "payloadField": "entity",
                 "payloadType": "Node", "metadataType": "EventMetadata",
                 "envelope": "NodeCreatedEnvelope"},
                {"sdkName": "onNodeDeleted", "eventType": "wix.shop.v1.node_deleted",
                 "domain": true, "shape": "deleted", "metadataType": "EventMetadata",
                 "envelope": "NodeDeletedEnvelope"}
            ],
            "types": [
                {"name": "Kind", "kind": "enum", "restName": "Kind", "values": ["A", "B"]},
                {"name": "Node", "kind": "interface", "restName": "Node",
                 "fields": [
                    {"sdkName": "kind", "restName": "kind", "type": {"kind": "ref", "name": "Kind"}},
                    {"sdkName": "count", "restName": "count", "type": {"kind": "number"}},
                    {"sdkName": "tags", "restName": "tags", "type": {"kind": "map", "of": {"kind": "string"}}},
                    {"sdkName": "addressLine", "restName": null, "type": {"kind": "string"}, "oneof": "StreetOneOf"},
                    {"sdkName": "addressLine1", "restName": "addressLine", "type": {"kind": "string"}}
                 ]}
            ]
        }"#;
        vec![("shop_lean".to_owned(), serde_json::from_str(text).unwrap())]
    }

    fn lean(overrides: Vec<Override>) -> Result<Catalog, String> {
        let namings = [
            ("onNodeCreated", "wix.shop.v1.node_created"),
            ("onNodeDeleted", "wix.shop.v1.node_deleted"),
        ]
        .map(|(sdk, event_type)| naming("shop_lean", sdk, sdk, event_type));
        let overrides = overrides
            .into_iter()
            .map(|row| Override {
                package: "shop_lean".to_owned(),
                ..row
            })
            .collect();
        let extras = Extras {
            overrides,
            ..Extras::default()
        };
        build(&lean_package(), &namings, &[], &BTreeMap::new(), &extras)
    }

    #[test]
    fn overrides_add_a_value_split_a_wire_name_default_numbers_and_give_an_entity() {
        let catalog = lean(vec![
            override_row("Kind", Some("C"), Change::Value("Gamma".into())),
            override_row("Node", Some("addressLine"), Change::Add("string".into())),
            override_row("Node", Some("addressLine1"), Change::Wire(None)),
            override_row("Node", Some("count"), Change::Integer("u32".into())),
            override_row("Node", Some("count"), Change::AbsentIsDefault),
            override_row("Node", Some("tags"), Change::AbsentIsDefault),
            override_row("Node", Some("kind"), Change::Wire(Some("nodeKind".into()))),
            override_row(
                "NodeDeletedEnvelope",
                Some("entity"),
                Change::Add("Node".into()),
            ),
        ])
        .unwrap();
        let TypeKind::Enum(kinds) = &ty(&catalog, "Kind").kind else {
            panic!()
        };
        let gamma = kinds.iter().find(|v| v.value == "C").unwrap();
        assert_eq!(gamma.rust, "Gamma");
        let TypeKind::Struct(node) = &ty(&catalog, "Node").kind else {
            panic!()
        };
        let field = |json: &str| node.iter().find(|f| f.json == json).unwrap();
        // `addressLine` is a field of its own; `addressLine1` no longer reads it.
        assert_eq!(field("addressLine").ty, RustTy::String);
        assert_eq!(field("addressLine1").alias, None);
        assert_eq!(
            (&field("count").ty, field("count").presence),
            (&RustTy::U32, Presence::Defaulted)
        );
        assert_eq!(field("tags").presence, Presence::Defaulted);
        // `wire NAME` reads a second spelling beside Velo's.
        assert_eq!(field("kind").alias.as_deref(), Some("nodeKind"));
        let deleted = catalog.modules[0]
            .events
            .iter()
            .find(|e| e.name == "onNodeDeleted")
            .unwrap();
        let Source::Generated(facts) = &deleted.source else {
            panic!()
        };
        assert_eq!(
            facts.body,
            Some(("entity".to_owned(), RustTy::Named("Node".into()), true))
        );

        // Without the row, the deleted event has only its metadata.
        let plain = lean(Vec::new()).unwrap();
        let deleted = plain.modules[0]
            .events
            .iter()
            .find(|e| e.name == "onNodeDeleted")
            .unwrap();
        let Source::Generated(facts) = &deleted.source else {
            panic!()
        };
        assert_eq!(facts.body, None);
    }

    #[test]
    fn an_envelope_row_or_a_default_that_does_not_fit_stops_the_generator() {
        let cases = [
            (
                override_row(
                    "NodeCreatedEnvelope",
                    Some("entity"),
                    Change::Add("Node".into()),
                ),
                "give this event its payload already",
            ),
            (
                override_row("NodeDeletedEnvelope", Some("entity"), Change::Required),
                "an envelope takes only `add` on `entity`",
            ),
            (
                override_row(
                    "NodeDeletedEnvelope",
                    Some("node"),
                    Change::Add("Node".into()),
                ),
                "an envelope takes only `add` on `entity`",
            ),
            (
                override_row(
                    "NowhereEnvelope",
                    Some("entity"),
                    Change::Add("Node".into()),
                ),
                "no generated event reaches this type",
            ),
            (
                override_row("Node", Some("count"), Change::AbsentIsDefault),
                "narrow a number with `integer` first",
            ),
            (
                override_row("Kind", Some("A"), Change::Value("Alpha".into())),
                "the typings have this value already",
            ),
        ];
        for (row, expected) in cases {
            let error = lean(vec![row]).unwrap_err();
            assert!(error.contains(expected), "{error}");
        }
        let add = || {
            override_row(
                "NodeDeletedEnvelope",
                Some("entity"),
                Change::Add("Node".into()),
            )
        };
        let error = lean(vec![add(), add()]).unwrap_err();
        assert!(error.contains("one row per envelope"), "{error}");
    }

    #[test]
    fn an_override_that_matches_nothing_stops_the_generator() {
        let cases = [
            (
                override_row("Nowhere", Some("x"), Change::Required),
                "no generated event reaches this type",
            ),
            (
                override_row("Node", Some("nothing"), Change::Required),
                "the type has no such field",
            ),
            (
                override_row("Node", Some("_id"), Change::Add("string".into())),
                "the typings have this field already",
            ),
            (
                override_row("Order", Some("loop"), Change::Integer("u32".into())),
                "narrows a number",
            ),
            (
                override_row("Node", Some("nodes"), Change::Required),
                "cannot be required",
            ),
            (
                override_row("Node", None, Change::Rename("OrderApproved".into())),
                "a name `wixShop` already has",
            ),
            (
                override_row(
                    "Node",
                    Some("parent"),
                    Change::Media {
                        name: "Picture".into(),
                        uri: "Uri".into(),
                        object: "Object".into(),
                    },
                ),
                "not a media field",
            ),
        ];
        for (row, expected) in cases {
            let error = with_overrides(vec![row]).unwrap_err();
            assert!(error.contains(expected), "{error}");
        }
    }

    #[test]
    fn two_events_of_one_name_stop_the_generator() {
        let packages = vec![fixture("shop_alpha", ORDER), fixture("shop_beta", ORDER)];
        let namings = namings(Action::Generate);
        let error = build(
            &packages,
            &namings,
            &[],
            &BTreeMap::new(),
            &Extras::default(),
        )
        .unwrap_err();
        assert!(
            error.contains("`wixShop.onNodeCreated` is declared twice"),
            "{error}"
        );
        // And an IR event with no row in the curated table.
        let error = build(
            &packages,
            &namings[..3],
            &[],
            &BTreeMap::new(),
            &Extras::default(),
        )
        .unwrap_err();
        assert!(error.contains("no row for these IR events"), "{error}");
    }
}
