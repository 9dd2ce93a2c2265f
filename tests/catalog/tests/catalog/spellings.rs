//! A payload in the platform's spelling (webhooks: `id`, `createdDate`, `addressLine`,
//! `geocode`, images as objects) and the same payload in Velo's (`_id`, `_createdDate`,
//! `addressLine1`, `location`, images as `wix:image://` strings) parse to the same values, at
//! every depth, for events of several areas with addresses, images and money.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Debug;
use std::path::Path;
use std::sync::OnceLock;

use backend_events::BackendEvent;
use serde::Serialize;
use serde_json::{Value, json};

/// The keys the platform's SDK renames from the wire to Velo's spelling, wherever they are.
const RENAMED: &[(&str, &str)] = &[
    ("_id", "id"),
    ("_createdDate", "createdDate"),
    ("_updatedDate", "updatedDate"),
    ("addressLine1", "addressLine"),
];

/// The keys it renames inside an address, at the paths its transform lists as addresses.
const RENAMED_IN_ADDRESSES: &[(&str, &str)] =
    &[("location", "geocode"), ("formatted", "formattedAddress")];

/// What the spellings test met, so that it can tell each conversion was tried.
const IMAGE: &str = "wix:image:// string";

/// The payload paths the SDK's transform of an event treats as addresses and as images
/// (`entity.lineItems.image`, through lists; `*` is any key of a map), from the IR.
#[derive(Default)]
struct Transforms {
    addresses: Vec<String>,
    images: Vec<String>,
}

/// Every event's transforms, by `eventType`, read once from the checked-in IR.
fn transforms(event_type: &str) -> &'static Transforms {
    static ALL: OnceLock<HashMap<String, Transforms>> = OnceLock::new();
    static NONE: Transforms = Transforms {
        addresses: Vec::new(),
        images: Vec::new(),
    };
    let all = ALL.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../codegen/ir");
        let mut all = HashMap::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|name| name == "index.json") {
                continue;
            }
            let package: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for event in package["events"].as_array().unwrap() {
                let paths = |kind: &str| -> Vec<String> {
                    event["transforms"][kind]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|p| p.as_str().unwrap().to_owned())
                        .collect()
                };
                let found = Transforms {
                    addresses: paths("addresses"),
                    images: paths("images"),
                };
                all.entry(event["eventType"].as_str().unwrap().to_owned())
                    .or_insert(found);
            }
        }
        all
    });
    all.get(event_type).unwrap_or(&NONE)
}

/// Calls `at` with every value that `path` reaches in `value` (lists are passed through), and
/// its JSON pointer.
fn each_at(
    value: &mut Value,
    path: &[&str],
    pointer: String,
    at: &mut dyn FnMut(&mut Value, &str),
) {
    match (value, path) {
        (Value::Array(items), _) => {
            for (i, item) in items.iter_mut().enumerate() {
                each_at(item, path, format!("{pointer}/{i}"), at);
            }
        }
        (value, []) => at(value, &pointer),
        (Value::Object(fields), [key, rest @ ..]) => {
            for (name, inner) in fields.iter_mut() {
                if key == name || *key == "*" {
                    each_at(inner, rest, format!("{pointer}/{name}"), at);
                }
            }
        }
        _ => {}
    }
}

/// A Velo image string's id, width and height
/// (`wix:image://v1/<id>/<filename>#originWidth=<w>&originHeight=<h>`).
fn image_of_uri(uri: &str) -> Option<(String, u64, u64)> {
    let rest = uri.strip_prefix("wix:image://v1/")?;
    let (path, fragment) = rest.split_once('#')?;
    let id = path.split('/').next()?.to_owned();
    let mut width = None;
    let mut height = None;
    for pair in fragment.split('&') {
        match pair.split_once('=')? {
            ("originWidth", w) => width = w.parse().ok(),
            ("originHeight", h) => height = h.parse().ok(),
            _ => {}
        }
    }
    Some((id, width?, height?))
}

/// What a webhook carries where Velo shows an image string.
fn image_object(uri: &str) -> Option<Value> {
    let (id, width, height) = image_of_uri(uri)?;
    let filename = uri.split('#').next()?.rsplit('/').next()?;
    Some(json!({
        "id": id,
        "url": format!("https://static.wixstatic.com/media/{id}"),
        "width": width,
        "height": height,
        "filename": filename,
    }))
}

/// An image in either form, as what both forms share: its id and size.
fn image_identity(value: &Value) -> Option<Value> {
    let (id, width, height) = match value {
        Value::String(uri) => image_of_uri(uri)?,
        Value::Object(fields) => (
            fields.get("id")?.as_str()?.to_owned(),
            fields.get("width")?.as_u64()?,
            fields.get("height")?.as_u64()?,
        ),
        _ => return None,
    };
    Some(json!({ "image": id, "width": width, "height": height }))
}

/// The keys of `value` in the wire's spelling, wherever they are; the Velo keys met go into
/// `met`.
fn rename_keys(value: &Value, met: &mut BTreeSet<&'static str>) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, inner)| {
                    let key = match RENAMED.iter().find(|(velo, _)| velo == key) {
                        Some((velo, wire)) => {
                            met.insert(velo);
                            (*wire).to_owned()
                        }
                        None => key.clone(),
                    };
                    (key, rename_keys(inner, met))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| rename_keys(v, met)).collect()),
        other => other.clone(),
    }
}

/// The Velo payload `velo` of the event in the wire's spelling, undoing what the SDK's
/// transform does: addresses' keys and image strings at the paths it lists, then the keys
/// it renames everywhere. Returns it with the JSON pointers (in Velo's keys) of the images
/// turned into objects.
fn wire_spelling(
    velo: &Value,
    event_type: &str,
    met: &mut BTreeSet<&'static str>,
) -> (Value, Vec<String>) {
    let transforms = transforms(event_type);
    let mut value = velo.clone();
    for path in &transforms.addresses {
        let path: Vec<&str> = path.split('.').collect();
        each_at(&mut value, &path, String::new(), &mut |address, _| {
            let Value::Object(fields) = address else {
                return;
            };
            for (velo, wire) in RENAMED_IN_ADDRESSES {
                if let Some(inner) = fields.remove(*velo) {
                    met.insert(velo);
                    fields.insert((*wire).to_owned(), inner);
                }
            }
        });
    }
    let mut images = Vec::new();
    for path in &transforms.images {
        let path: Vec<&str> = path.split('.').collect();
        each_at(&mut value, &path, String::new(), &mut |image, pointer| {
            if let Some(object) = image.as_str().and_then(image_object) {
                met.insert(IMAGE);
                images.push(pointer.to_owned());
                *image = object;
            }
        });
    }
    (rename_keys(&value, met), images)
}

/// The serialized payload, each image at `images` replaced by what both forms share.
fn comparable<T: Serialize>(payload: &T, images: &[String], which: &str) -> Value {
    let mut value = serde_json::to_value(payload).unwrap();
    for pointer in images {
        let image = value
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("the {which} form lost the image at {pointer}"));
        *image = image_identity(image)
            .unwrap_or_else(|| panic!("the {which} form's image at {pointer} is {image}"));
    }
    value
}

/// Parses the event's sample in both spellings and checks they carry the same values.
fn same_in_both_spellings<E: BackendEvent>(met: &mut BTreeSet<&'static str>)
where
    E::Payload: PartialEq + Debug + Serialize,
{
    let velo = E::SAMPLE.unwrap_or_else(|| panic!("{} has no sample", E::NAME));
    let event_type = E::WEBHOOK_TYPE.unwrap_or_else(|| panic!("{} has no webhook", E::NAME));
    let (wire, images) = wire_spelling(&serde_json::from_str(velo).unwrap(), event_type, met);
    let from_velo: E::Payload = serde_json::from_str(velo).unwrap();
    let from_wire: E::Payload = serde_json::from_str(&wire.to_string())
        .unwrap_or_else(|e| panic!("{}.{} in the wire's spelling: {e}", E::MODULE, E::NAME));
    if images.is_empty() {
        assert_eq!(from_velo, from_wire, "{}.{}", E::MODULE, E::NAME);
    } else {
        // An image is what came, a string or an object (`Media`): the two forms compare by
        // the image they name.
        assert_eq!(
            comparable(&from_velo, &images, "Velo"),
            comparable(&from_wire, &images, "wire"),
            "{}.{}",
            E::MODULE,
            E::NAME
        );
    }
}

#[test]
fn the_wire_spelling_and_velos_parse_to_the_same_values() {
    use backend_events::*;
    let mut met = BTreeSet::new();
    same_in_both_spellings::<wix_ecom::wixEcom::onOrderCreated>(&mut met);
    same_in_both_spellings::<wix_ecom::wixEcom::onOrderApproved>(&mut met);
    same_in_both_spellings::<wix_ecom::wixEcom::onCheckoutCompleted>(&mut met);
    same_in_both_spellings::<wix_ecom::wixEcom::onCartUpdated>(&mut met);
    same_in_both_spellings::<wix_crm::wixCrm::onContactCreated>(&mut met);
    same_in_both_spellings::<wix_crm::wixCrm::onContactUpdated>(&mut met);
    same_in_both_spellings::<wix_members::wixMembers::onMemberCreated>(&mut met);
    same_in_both_spellings::<wix_bookings_services::wixBookingsServices::onServiceCreated>(
        &mut met,
    );
    same_in_both_spellings::<wix_bookings_v2::wixBookingsV2::onBookingConfirmed>(&mut met);
    same_in_both_spellings::<wix_payments::wixPayments::onPaymentCreated>(&mut met);
    same_in_both_spellings::<wix_restaurants::wixRestaurants::onOrderCreated>(&mut met);
    same_in_both_spellings::<wix_stores_catalog_v3::wixStoresCatalogV3::onProductCreated>(&mut met);
    same_in_both_spellings::<wix_events_v3::wixEventsV3::onTicketDefinitionCreated>(&mut met);
    same_in_both_spellings::<wix_blog::wixBlog::onPostCreated>(&mut met);
    same_in_both_spellings::<wix_locations::wixLocations::onLocationCreated>(&mut met);
    // Every renamed key and every form was met somewhere, so each spelling was tried.
    let all: BTreeSet<&str> = RENAMED
        .iter()
        .chain(RENAMED_IN_ADDRESSES)
        .map(|(velo, _)| *velo)
        .chain([IMAGE])
        .collect();
    assert_eq!(met, all);
}

#[test]
fn an_image_string_and_its_object_name_the_same_image() {
    let uri = "wix:image://v1/11062b_a.jpg/a.jpg#originWidth=800&originHeight=600";
    let object = image_object(uri).unwrap();
    assert_eq!(object["filename"], "a.jpg");
    assert_eq!(
        image_identity(&Value::String(uri.to_owned())),
        image_identity(&object)
    );
    assert_eq!(image_of_uri("wix:image://v1/11062b_a.jpg/a.jpg"), None);
    assert_eq!(image_of_uri("https://example.com/a.jpg"), None);
}
