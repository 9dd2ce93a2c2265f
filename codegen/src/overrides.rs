//! The corrections of `codegen/curated/overrides.tsv`, applied to the walked types before they
//! are merged and named: where real deliveries show more than the typings say (a field always
//! sent, an integer, a field the typings lack) or where a type keeps the name its users know.
//! A corrected type is another type than the one the typings declare: it is merged only with
//! types corrected the same way.

use std::collections::HashMap;

use crate::curated::{Change, Override};
use crate::ir::{Field, Package, TypeDecl, TypeRef};
use crate::model::{NodeKey, Presence, RawField, RawKind, RawVariant, RustTy, Ty, Walker};

/// The packages with the enums and structs that overrides define (types deliveries carry and
/// the typings lack) among their declarations.
pub(crate) fn define(
    packages: &[(String, Package)],
    overrides: &[Override],
) -> Result<Vec<(String, Package)>, String> {
    let mut packages = packages.to_vec();
    for row in overrides {
        let at = format!(
            "codegen/curated/overrides.tsv: {} {}",
            row.package, row.type_name
        );
        // A declaration as the typings would give it: its name on both sides, nothing else.
        let declared = |kind: &str| TypeDecl {
            name: row.type_name.clone(),
            kind: kind.to_owned(),
            rest_name: Some(row.type_name.clone()),
            fields: Vec::new(),
            values: Vec::new(),
            deprecated_values: Vec::new(),
            alias: None,
            literals_of: None,
        };
        let decl = match &row.change {
            Change::Enum(values) => TypeDecl {
                values: values.clone(),
                ..declared("enum")
            },
            Change::Struct(fields) => TypeDecl {
                fields: fields
                    .iter()
                    .map(|(name, ty)| {
                        Ok(Field {
                            sdk_name: Some(name.clone()),
                            rest_name: Some(name.clone()),
                            sdk_type: Some(type_ref(ty).map_err(|e| format!("{at}.{name}: {e}"))?),
                            rest_type: None,
                            tags: Default::default(),
                        })
                    })
                    .collect::<Result<_, String>>()?,
                ..declared("interface")
            },
            _ => continue,
        };
        let Some((_, package)) = packages.iter_mut().find(|(name, _)| *name == row.package) else {
            return Err(format!("{at}: no such package"));
        };
        if package.types.iter().any(|t| t.name == decl.name) {
            return Err(format!("{at}: the typings declare this type already"));
        }
        package.types.push(decl);
    }
    Ok(packages)
}

/// Splits the rows on an event's envelope (its whole delivery, `OrderDeletedEnvelope`) from
/// the rows on the types its payload reaches.
pub(crate) fn split_envelopes(
    packages: &[(String, Package)],
    overrides: &[Override],
) -> (Vec<Override>, Vec<Override>) {
    overrides.iter().cloned().partition(|row| {
        packages.iter().any(|(name, package)| {
            *name == row.package
                && package
                    .events
                    .iter()
                    .any(|e| e.envelope.as_deref() == Some(row.type_name.as_str()))
        })
    })
}

/// The payload an `add` row on `event`'s envelope gives it, as its field and SDK type: for a
/// deleted event whose typings have only `{metadata}`, where deliveries carry the entity too.
pub(crate) fn envelope_payload<'o>(
    envelopes: &'o [Override],
    package: &str,
    event: &crate::ir::Event,
) -> Result<Option<(&'o str, &'o str)>, String> {
    let rows: Vec<&Override> = envelopes
        .iter()
        .filter(|row| row.package == package && event.envelope.as_deref() == Some(&row.type_name))
        .collect();
    let [row] = rows[..] else {
        return match rows.first() {
            None => Ok(None),
            Some(row) => Err(format!(
                "codegen/curated/overrides.tsv: {} {}: one row per envelope",
                row.package, row.type_name
            )),
        };
    };
    let at = format!(
        "codegen/curated/overrides.tsv: {} {}",
        row.package, row.type_name
    );
    match (&row.change, row.field.as_deref()) {
        (Change::Add(_), _) if event.payload_type.is_some() => Err(format!(
            "{at}: the typings give this event its payload already: correct that type instead"
        )),
        (Change::Add(ty), Some("entity")) if event.shape == "deleted" => Ok(Some(("entity", ty))),
        _ => Err(format!(
            "{at}: an envelope takes only `add` on `entity` of a deleted event (the entity its \
             typings lack)"
        )),
    }
}

/// The IR type of a defined struct's field.
fn type_ref(spec: &str) -> Result<TypeRef, String> {
    if let Some(item) = spec.strip_suffix("[]") {
        return Ok(TypeRef::Array {
            of: Box::new(type_ref(item)?),
        });
    }
    Ok(match spec {
        "string" => TypeRef::String,
        "number" => TypeRef::Number,
        "boolean" => TypeRef::Boolean,
        "date" => TypeRef::Date,
        "" => return Err("a field needs its type (`name:string`)".to_owned()),
        name => TypeRef::Ref {
            name: name.to_owned(),
        },
    })
}

/// The tag an overridden or added field carries, with the override's evidence, for its docs.
pub(crate) const OVERRIDE_TAG: &str = "override";

/// Applies every override; returns the Rust names the renames give, by node.
pub(crate) fn apply(
    walker: &mut Walker,
    overrides: &[Override],
) -> Result<HashMap<usize, String>, String> {
    let mut renames = HashMap::new();
    // New fields first: the types they walk are then there for the other rows.
    let (adds, others): (Vec<&Override>, Vec<&Override>) = overrides
        .iter()
        .filter(|row| !matches!(row.change, Change::Enum(_) | Change::Struct(_)))
        .partition(|row| matches!(row.change, Change::Add(_)));
    for row in adds.into_iter().chain(others) {
        let at = format!(
            "codegen/curated/overrides.tsv: {} {}{}",
            row.package,
            row.type_name,
            row.field
                .as_deref()
                .map(|f| format!(".{f}"))
                .unwrap_or_default()
        );
        let targets: Vec<usize> = walker
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, (key, _))| key.package == row.package && key.name == row.type_name)
            .map(|(id, _)| id)
            .collect();
        if targets.is_empty() {
            return Err(format!("{at}: no generated event reaches this type"));
        }
        // An SDK type and a REST type may share a name (`Image`): a row on a field corrects
        // those of the kind that has it.
        let targets = match (&row.field, &row.change) {
            (Some(json), change)
                if !matches!(
                    change,
                    Change::Add(_) | Change::Variant(_) | Change::Value(_)
                ) =>
            {
                let has = |id: &usize| {
                    matches!(&walker.nodes[*id].1, Some(RawKind::Struct(fields))
                        if fields.iter().any(|f| f.json == *json))
                };
                // Only the other kind (SDK or REST) of the types that have it is left out: a
                // type of the same kind without the field still stops the generator below.
                let kinds: Vec<bool> = targets
                    .iter()
                    .filter(|id| has(id))
                    .map(|id| walker.nodes[*id].0.rest)
                    .collect();
                targets
                    .into_iter()
                    .filter(|id| {
                        kinds.is_empty() || has(id) || kinds.contains(&walker.nodes[*id].0.rest)
                    })
                    .collect()
            }
            _ => targets,
        };
        // A new field's type is walked first: it may be a type no event reached yet.
        let added = match &row.change {
            Change::Add(spec) | Change::Type(spec) => {
                Some(field_type(walker, &row.package, spec).map_err(|e| format!("{at}: {e}"))?)
            }
            _ => None,
        };
        for id in targets {
            if let Change::Media { name, uri, object } = &row.change {
                media_enum(walker, id, row, name, uri, object, &mut renames)
                    .map_err(|e| format!("{at}: {e}"))?;
                continue;
            }
            match (&row.change, &mut walker.nodes[id].1) {
                (Change::Rename(name), _) => {
                    renames.insert(id, name.clone());
                    continue;
                }
                (Change::Variant(name), Some(RawKind::Enum(values))) => {
                    let value = row.field.as_deref().expect("checked when read");
                    let variant = values
                        .iter_mut()
                        .find(|v| v.value == value)
                        .ok_or_else(|| format!("{at}: the enum has no such value"))?;
                    variant.rust = Some(name.clone());
                    continue;
                }
                (Change::Value(name), Some(RawKind::Enum(values))) => {
                    let value = row.field.as_deref().expect("checked when read");
                    if values.iter().any(|v| v.value == value) {
                        return Err(format!(
                            "{at}: the typings have this value already: drop the override"
                        ));
                    }
                    values.push(RawVariant {
                        value: value.to_owned(),
                        deprecated: false,
                        rust: Some(name.clone()),
                    });
                    continue;
                }
                (Change::Variant(_) | Change::Value(_), _) => {
                    return Err(format!("{at}: not an enum"));
                }
                _ => {}
            }
            let Some(RawKind::Struct(fields)) = &mut walker.nodes[id].1 else {
                return Err(format!("{at}: not a struct"));
            };
            let field_name = row.field.as_deref().expect("checked when read");
            let existing = fields.iter_mut().find(|f| f.json == field_name);
            match (&row.change, existing) {
                (Change::Add(_), Some(_)) => {
                    return Err(format!(
                        "{at}: the typings have this field already: drop the override"
                    ));
                }
                (Change::Add(_), None) => {
                    let mut field = RawField {
                        rust: None,
                        json: field_name.to_owned(),
                        alias: None,
                        ty: added.clone().expect("walked above"),
                        presence: Presence::Optional,
                        tags: Default::default(),
                    };
                    mark(&mut field, row);
                    fields.push(field);
                }
                (_, None) => return Err(format!("{at}: the type has no such field")),
                (Change::Type(_), Some(field)) => {
                    field.ty = added.clone().expect("walked above");
                    mark(field, row);
                }
                (change, Some(field)) => {
                    change_field(field, change).map_err(|e| format!("{at}: {e}"))?;
                    mark(field, row);
                }
            }
        }
    }
    Ok(renames)
}

/// Makes the media field of node `id` an enum of its own, `name`, with the variants `uri` and
/// `object`: one node per name and package, whichever fields use it.
fn media_enum(
    walker: &mut Walker,
    id: usize,
    row: &Override,
    name: &str,
    uri: &str,
    object: &str,
    renames: &mut HashMap<usize, String>,
) -> Result<(), String> {
    let field_name = row.field.as_deref().expect("checked when read");
    let (inner, listed) = match &field_of(walker, id, field_name)?.ty {
        Ty::Media(inner) => ((**inner).clone(), false),
        Ty::Vec(item) => match &**item {
            Ty::Media(inner) => ((**inner).clone(), true),
            _ => return Err("not a media field (a string in Velo, an object in REST)".into()),
        },
        _ => return Err("not a media field (a string in Velo, an object in REST)".into()),
    };
    let key = NodeKey {
        package: row.package.clone(),
        rest: false,
        name: name.to_owned(),
    };
    let node = walker.synthetic(
        key,
        RawKind::Media {
            uri: uri.to_owned(),
            object: object.to_owned(),
            inner,
        },
    );
    if !matches!(walker.nodes[node].1, Some(RawKind::Media { .. })) {
        return Err(format!("the typings have a type `{name}` already"));
    }
    renames.insert(node, name.to_owned());
    let field = field_of(walker, id, field_name)?;
    field.ty = if listed {
        Ty::Vec(Box::new(Ty::Node(node)))
    } else {
        Ty::Node(node)
    };
    mark(field, row);
    Ok(())
}

/// The field `json` of the struct node `id`.
fn field_of<'w>(walker: &'w mut Walker, id: usize, json: &str) -> Result<&'w mut RawField, String> {
    let Some(RawKind::Struct(fields)) = &mut walker.nodes[id].1 else {
        return Err("not a struct".to_owned());
    };
    fields
        .iter_mut()
        .find(|f| f.json == json)
        .ok_or_else(|| "the type has no such field".to_owned())
}

/// Tags a corrected field with the row's evidence, for its docs.
fn mark(field: &mut RawField, row: &Override) {
    field
        .tags
        .insert(OVERRIDE_TAG.to_owned(), row.evidence.clone().into());
}

fn change_field(field: &mut RawField, change: &Change) -> Result<(), String> {
    match change {
        Change::Required if matches!(field.ty, Ty::Vec(_)) => {
            Err("a list is empty when absent: it cannot be required".to_owned())
        }
        Change::Required => {
            field.presence = Presence::Required;
            Ok(())
        }
        // protobuf's JSON leaves out a field at its default: `false`, `0`, an empty map.
        Change::AbsentIsDefault
            if matches!(
                field.ty,
                Ty::Leaf(
                    RustTy::Bool
                        | RustTy::JsonMap
                        | RustTy::U8
                        | RustTy::U32
                        | RustTy::U64
                        | RustTy::F64
                ) | Ty::Map(_)
            ) =>
        {
            field.presence = Presence::Defaulted;
            Ok(())
        }
        Change::AbsentIsDefault => Err(
            "only a boolean, a narrowed number or a map is read as its default (narrow a \
             number with `integer` first)"
                .to_owned(),
        ),
        Change::RenameField(name) => {
            field.rust = Some(name.clone());
            Ok(())
        }
        Change::Spelling(name) => {
            if field.json != *name {
                field.alias = Some(std::mem::replace(&mut field.json, name.clone()));
            }
            Ok(())
        }
        Change::Wire(name) => {
            field.alias = name.clone().filter(|name| *name != field.json);
            Ok(())
        }
        Change::Integer(kind) => {
            field.ty = match (kind.as_str(), &field.ty) {
                ("u32", Ty::Leaf(RustTy::Number)) => Ty::Leaf(RustTy::U32),
                ("u64", Ty::Leaf(RustTy::Number | RustTy::String | RustTy::Decimal)) => {
                    Ty::Leaf(RustTy::U64)
                }
                _ => {
                    return Err(format!(
                        "`integer {kind}` narrows a number (or, for u64, digits as text), not \
                         this field"
                    ));
                }
            };
            Ok(())
        }
        Change::Rename(_)
        | Change::Variant(_)
        | Change::Value(_)
        | Change::Add(_)
        | Change::Type(_)
        | Change::Media { .. }
        | Change::Enum(_)
        | Change::Struct(_) => unreachable!("handled by apply"),
    }
}

/// The type of an added field: `string`, `bool`, `u32`, `u64`, `date`, `json`, or a type of the
/// package; `[]` after any of them for a list.
fn field_type(walker: &mut Walker, package: &str, spec: &str) -> Result<Ty, String> {
    if let Some(item) = spec.strip_suffix("[]") {
        return Ok(Ty::Vec(Box::new(field_type(walker, package, item)?)));
    }
    Ok(match spec {
        "string" => Ty::Leaf(RustTy::String),
        "bool" => Ty::Leaf(RustTy::Bool),
        "u8" => Ty::Leaf(RustTy::U8),
        "u32" => Ty::Leaf(RustTy::U32),
        "u64" => Ty::Leaf(RustTy::U64),
        "f64" => Ty::Leaf(RustTy::F64),
        "date" => Ty::Leaf(RustTy::Date),
        "json" => Ty::Leaf(RustTy::Any),
        path if path.starts_with("rust:crate::") => {
            Ty::Leaf(RustTy::Path(path["rust:".len()..].to_owned()))
        }
        name => walker.reference(package, name, false)?,
    })
}
