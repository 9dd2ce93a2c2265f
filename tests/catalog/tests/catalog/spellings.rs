//! A payload in the platform's spelling (webhooks: `id`, `createdDate`, `addressLine`,
//! `geocode`, media as objects) and the same payload in Velo's (`_id`, `_createdDate`,
//! `addressLine1`, `location`, media as `wix:image://`, `wix:video://`... strings and page
//! addresses) parse to equal values, at every depth, for events of several areas with
//! addresses, media and money.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Debug;
use std::path::Path;
use std::sync::OnceLock;

use backend_events::BackendEvent;
use percent_encoding::percent_decode_str;
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

/// The media the SDK turns from webhook objects into strings, by their key in the IR's
/// transforms.
const MEDIA: &[&str] = &[
    "images",
    "videos",
    "videosV2",
    "documents",
    "audios",
    "pageUrls",
    "pageUrlsV2",
];

/// The payload paths the SDK's transform of an event treats as addresses and as media
/// (`entity.lineItems.image`, through lists; `*` is any key of a map), from the IR.
#[derive(Default)]
struct Transforms {
    addresses: Vec<String>,
    /// The kind of media (a key of [`MEDIA`]) and its path.
    media: Vec<(&'static str, String)>,
}

/// Every event's transforms, by `eventType`, read once from the checked-in IR.
fn transforms(event_type: &str) -> &'static Transforms {
    static ALL: OnceLock<HashMap<String, Transforms>> = OnceLock::new();
    static NONE: Transforms = Transforms {
        addresses: Vec::new(),
        media: Vec::new(),
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
                    media: MEDIA
                        .iter()
                        .flat_map(|kind| paths(kind).into_iter().map(|path| (*kind, path)))
                        .collect(),
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

/// A Velo media string of `scheme` (`wix:image://v1/<id>/<name>#<key>=<value>&...`): its
/// path's parts, the name percent-decoded, and the parameters after `#`.
fn media_parts<'a>(uri: &'a str, scheme: &str) -> Option<(Vec<String>, HashMap<&'a str, &'a str>)> {
    let rest = uri
        .strip_prefix("wix:")?
        .strip_prefix(scheme)?
        .strip_prefix("://v1/")?;
    let (path, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let parts = path
        .split('/')
        .map(|part| {
            percent_decode_str(part)
                .decode_utf8()
                .map(|p| p.into_owned())
        })
        .collect::<Result<_, _>>()
        .ok()?;
    let params = fragment
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .collect();
    Some((parts, params))
}

/// A parameter that is a whole number.
fn number(params: &HashMap<&str, &str>, key: &str) -> Option<u64> {
    params.get(key)?.parse().ok()
}

/// What a webhook carries where Velo shows the media string `uri` of `kind`: the object the
/// SDK turns into that string, with the `url`s the string leaves out.
fn media_object(kind: &str, uri: &str) -> Option<Value> {
    let url_of = |id: &str| format!("https://static.wixstatic.com/media/{id}");
    let object = match kind {
        "images" => {
            let (parts, params) = media_parts(uri, "image")?;
            let mut image = json!({
                "id": parts[0],
                "url": url_of(&parts[0]),
                "width": number(&params, "originWidth")?,
                "height": number(&params, "originHeight")?,
            });
            if let Some(name) = parts.get(1) {
                // The SDK reads the name as both: some image types have only one of them.
                image["filename"] = json!(name);
                image["altText"] = json!(name);
            }
            image
        }
        "videos" | "videosV2" => {
            let (parts, params) = media_parts(uri, "video")?;
            let mut video = json!({ "id": parts[0], "url": url_of(&parts[0]) });
            if let Some(poster) = params.get("posterUri") {
                let poster = json!({
                    "id": poster,
                    "url": url_of(poster),
                    "width": number(&params, "posterWidth")?,
                    "height": number(&params, "posterHeight")?,
                });
                if kind == "videos" {
                    video["thumbnail"] = poster;
                } else {
                    video["posters"] = json!([poster]);
                }
            }
            if let Some(filename) = parts.get(1) {
                video["filename"] = json!(filename);
            }
            video
        }
        "documents" => {
            let (parts, _) = media_parts(uri, "document")?;
            let mut document = json!({ "id": parts[0], "url": url_of(&parts[0]) });
            if let Some(filename) = parts.get(1) {
                document["filename"] = json!(filename);
            }
            document
        }
        "audios" => {
            let (parts, params) = media_parts(uri, "audio")?;
            let mut audio = json!({
                "id": parts[0],
                "url": url_of(&parts[0]),
                "duration": number(&params, "duration")?,
            });
            if let Some(filename) = parts.get(1) {
                audio["filename"] = json!(filename);
            }
            audio
        }
        "pageUrls" | "pageUrlsV2" => {
            let (scheme, rest) = uri.split_once("://")?;
            let (host, path) = rest.split_at(rest.find('/')?);
            if kind == "pageUrls" {
                json!({ "base": format!("{scheme}://{host}"), "path": path })
            } else {
                json!({ "relativePath": path, "url": uri })
            }
        }
        _ => return None,
    };
    Some(object)
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
/// transform does: addresses' keys and media strings at the paths it lists, then the keys
/// it renames everywhere.
fn wire_spelling(velo: &Value, event_type: &str, met: &mut BTreeSet<&'static str>) -> Value {
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
    for (kind, path) in &transforms.media {
        let path: Vec<&str> = path.split('.').collect();
        each_at(&mut value, &path, String::new(), &mut |media, _| {
            if let Some(object) = media.as_str().and_then(|uri| media_object(kind, uri)) {
                met.insert(kind);
                *media = object;
            }
        });
    }
    rename_keys(&value, met)
}

/// Parses the event's sample in both spellings and checks they carry the same values.
fn same_in_both_spellings<E: BackendEvent>(met: &mut BTreeSet<&'static str>)
where
    E::Payload: PartialEq + Debug + Serialize,
{
    let velo = E::SAMPLE.unwrap_or_else(|| panic!("{} has no sample", E::NAME));
    let event_type = E::WEBHOOK_TYPE.unwrap_or_else(|| panic!("{} has no webhook", E::NAME));
    let wire = wire_spelling(&serde_json::from_str(velo).unwrap(), event_type, met);
    let from_velo: E::Payload = serde_json::from_str(velo).unwrap();
    let from_wire: E::Payload = serde_json::from_str(&wire.to_string())
        .unwrap_or_else(|e| panic!("{}.{} in the wire's spelling: {e}", E::MODULE, E::NAME));
    // A media item compares by its Velo string (`Media`): an object equals the string the SDK
    // makes of it.
    assert_eq!(from_velo, from_wire, "{}.{}", E::MODULE, E::NAME);
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
    same_in_both_spellings::<wix_reviews::wixReviews::onReviewCreated>(&mut met);
    same_in_both_spellings::<wix_online_programs::wixOnlinePrograms::onParticipantJoined>(&mut met);
    same_in_both_spellings::<wix_media::wixMedia::onEnterpriseItemCreated>(&mut met);
    same_in_both_spellings::<wix_blog::wixBlog::onTagCreated>(&mut met);
    same_in_both_spellings::<wix_events_v3::wixEventsV3::onEventCreated>(&mut met);
    same_in_both_spellings::<wix_media_site_media::wixMediaSiteMedia::onFileDescriptorFileReady>(
        &mut met,
    );
    // Every renamed key and every form was met somewhere, so each spelling was tried.
    let all: BTreeSet<&str> = RENAMED
        .iter()
        .chain(RENAMED_IN_ADDRESSES)
        .map(|(velo, _)| *velo)
        .chain(MEDIA.iter().copied())
        .collect();
    assert_eq!(met, all);
}

#[test]
fn a_media_string_reads_as_the_object_behind_it() {
    let image = "wix:image://v1/11062b_a.jpg/my%20cat.jpg#originWidth=800&originHeight=600";
    let object = media_object("images", image).unwrap();
    assert_eq!(object["id"], "11062b_a.jpg");
    assert_eq!(object["filename"], "my cat.jpg");
    assert_eq!(
        (object["width"].as_u64(), object["height"].as_u64()),
        (Some(800), Some(600))
    );
    let video = "wix:video://v1/v1.mp4/v.mp4#posterUri=p.jpg&posterWidth=4&posterHeight=3";
    assert_eq!(
        media_object("videosV2", video).unwrap()["posters"][0]["id"],
        "p.jpg"
    );
    let page = media_object("pageUrls", "https://www.example.com/shop/a").unwrap();
    assert_eq!(
        page,
        json!({"base": "https://www.example.com", "path": "/shop/a"})
    );
    assert_eq!(media_object("images", "wix:image://v1/a.jpg/a.jpg"), None);
    assert_eq!(
        media_object("documents", "wix:document://v1/d.pdf").unwrap()["filename"],
        Value::Null
    );
    assert_eq!(media_object("images", "https://example.com/a.jpg"), None);
}

#[test]
fn a_media_enum_an_override_names_compares_by_the_item_too() {
    use backend_events::wix_media_site_media::ImageRef;
    let string: ImageRef = serde_json::from_value(json!(
        "wix:image://v1/a1.jpg/a.jpg#originWidth=8&originHeight=6"
    ))
    .unwrap();
    let object = |width: u32| -> ImageRef {
        serde_json::from_value(json!({
            "id": "a1.jpg", "url": "https://static.wixstatic.com/media/a1.jpg",
            "width": width, "height": 6, "filename": "a.jpg",
        }))
        .unwrap()
    };
    assert!(matches!(string, ImageRef::WixUrl(_)));
    assert!(matches!(object(8), ImageRef::Details(_)));
    assert_eq!(string, object(8));
    assert_ne!(string, object(9));
}

#[test]
fn a_media_string_reads_as_the_catalogs_object_of_it() {
    use backend_events::Media;
    use backend_events::wix_crm::Image;
    let uri = "wix:image://v1/11062b_a.jpg/my%20cat.jpg#originWidth=800&originHeight=600";
    let velo: Media<Image> = serde_json::from_value(json!(uri)).unwrap();
    let image = velo.to_object().unwrap();
    assert_eq!(image.id.as_deref(), Some("11062b_a.jpg"));
    assert_eq!(image.width.as_ref().and_then(|w| w.as_u64()), Some(800));
    assert_eq!(image.height.as_ref().and_then(|h| h.as_u64()), Some(600));
    // A contact's image has no file name: the SDK's name is its alt text.
    assert_eq!(image.alt_text.as_deref(), Some("my cat.jpg"));
    assert_eq!(image.url, None);
    assert_eq!(Media::Object(image.into_owned()), velo);
    assert_eq!(velo.velo_uri().as_deref(), Some(uri));
}
