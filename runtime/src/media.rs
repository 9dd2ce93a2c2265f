//! A media item as the platform sends it: a string in Velo and the SDK, the object behind it
//! on the wire. Both forms of one item compare equal: the object is read as the string the
//! SDK makes of it (`transformREST<Kind>ToSDK<Kind>` in `@wix/sdk-runtime`).

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// A media item as the platform sends it: Velo and the SDK give a string
/// (`wix:image://v1/<id>/<name>#originWidth=...`, `wix:video://...`, `wix:document://...`, or a
/// page URL), webhooks the object behind it (`{id, url, width, height, ...}`), of type `T`.
///
/// Two values are equal when they stand for the same Velo string, whichever form they came
/// in: an object equals the string the SDK makes of it ([`velo_uri`](Self::velo_uri)). What
/// that string cannot carry, such as an image object's `url`, is not compared; an object the
/// SDK makes no string of compares by all its fields.
///
/// ```
/// use backend_events::{Media, MediaKind, MediaObject};
///
/// #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
/// struct Image { id: String, url: String, width: u32, height: u32, filename: String }
///
/// impl MediaObject for Image {
///     const KIND: MediaKind = MediaKind::Image;
/// }
///
/// let velo: Media<Image> =
///     serde_json::from_str(r#""wix:image://v1/a1.jpg/a.jpg#originWidth=8&originHeight=6""#).unwrap();
/// let rest: Media<Image> = serde_json::from_str(
///     r#"{"id": "a1.jpg", "url": "https://example.com/a1.jpg", "width": 8, "height": 6, "filename": "a.jpg"}"#,
/// )
/// .unwrap();
/// assert_eq!(velo.uri(), Some("wix:image://v1/a1.jpg/a.jpg#originWidth=8&originHeight=6"));
/// assert_eq!(rest.object().map(|image| image.width), Some(8));
/// assert_eq!(rest.velo_uri(), velo.velo_uri());
/// assert_eq!(velo, rest);
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Media<T> {
    /// The string form (Velo, the SDK).
    Uri(String),
    /// The object form (webhooks).
    Object(T),
}

/// What kind of media an object is: it decides the Velo string the SDK makes of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MediaKind {
    /// `wix:image://v1/<id>/<filename or alt text>#originWidth=<w>&originHeight=<h>`.
    Image,
    /// `wix:video://v1/<id>#posterUri=<thumbnail id>&posterWidth=<w>&posterHeight=<h>`.
    Video,
    /// `wix:video://v1/<id>/<filename>#posterUri=...`, the poster from `posters`.
    VideoV2,
    /// `wix:document://v1/<id>/<filename>`.
    Document,
    /// `wix:audio://v1/<id>/<filename>#duration=<seconds>`.
    Audio,
    /// A page's address, from its `base` and `path`.
    PageUrl,
    /// A page's address, its `url`.
    PageUrlV2,
}

/// The object form of a media item (an image, a video, a page URL...): which kind it is.
/// The catalog implements it for each type that appears in a [`Media`].
pub trait MediaObject: Serialize {
    /// The kind of media this type describes.
    const KIND: MediaKind;
}

impl<T> Media<T> {
    /// The string form, if that is what came.
    pub fn uri(&self) -> Option<&str> {
        match self {
            Media::Uri(uri) => Some(uri),
            Media::Object(_) => None,
        }
    }

    /// The object form, if that is what came.
    pub fn object(&self) -> Option<&T> {
        match self {
            Media::Uri(_) => None,
            Media::Object(object) => Some(object),
        }
    }
}

impl<T: MediaObject> Media<T> {
    /// The item as Velo shows it: the string that came, or the one the SDK makes of the
    /// object (none when the object has neither an id nor a URL).
    pub fn velo_uri(&self) -> Option<Cow<'_, str>> {
        self.form().velo_uri()
    }

    fn form(&self) -> Form<'_, T> {
        match self {
            Media::Uri(uri) => Form::Uri(uri),
            Media::Object(object) => Form::Object(object),
        }
    }
}

impl<T: MediaObject + DeserializeOwned + Clone> Media<T> {
    /// The item as its object, whichever form came: the object itself, or the one the SDK
    /// reads from the string (an image's id, name and size; a video's id and poster; a page's
    /// base and path). What a string does not carry, such as an image's `url`, is absent.
    ///
    /// ```
    /// use backend_events::{Media, MediaKind, MediaObject};
    ///
    /// #[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
    /// struct Image { id: String, width: u32, height: u32, filename: Option<String> }
    ///
    /// impl MediaObject for Image {
    ///     const KIND: MediaKind = MediaKind::Image;
    /// }
    ///
    /// let velo: Media<Image> =
    ///     serde_json::from_str(r#""wix:image://v1/a1.jpg/a.jpg#originWidth=8&originHeight=6""#).unwrap();
    /// let image = velo.to_object().unwrap();
    /// assert_eq!((image.id.as_str(), image.width, image.height), ("a1.jpg", 8, 6));
    /// assert_eq!(image.filename.as_deref(), Some("a.jpg"));
    /// ```
    ///
    /// # Errors
    ///
    /// When what the string holds does not fit `T` (an image whose size is not a number, say).
    pub fn to_object(&self) -> Result<Cow<'_, T>, serde_json::Error> {
        match self {
            Media::Object(object) => Ok(Cow::Borrowed(object)),
            Media::Uri(uri) => serde_json::from_value(object_form(T::KIND, uri)).map(Cow::Owned),
        }
    }
}

impl<T: MediaObject> PartialEq for Media<T> {
    fn eq(&self, other: &Self) -> bool {
        same(self.form(), other.form())
    }
}

/// Either form of a media item, borrowed: what the catalog's media enums that overrides name
/// (`ImageRef`...) compare by, as [`Media`] does.
pub(crate) enum Form<'a, T> {
    /// The string form.
    Uri(&'a str),
    /// The object form.
    Object(&'a T),
}

impl<'a, T: MediaObject> Form<'a, T> {
    fn velo_uri(&self) -> Option<Cow<'a, str>> {
        match *self {
            Form::Uri(uri) => Some(Cow::Borrowed(uri)),
            Form::Object(object) => match serde_json::to_value(object) {
                Ok(Value::Object(fields)) => velo_form(T::KIND, &fields).map(Cow::Owned),
                _ => None,
            },
        }
    }

    /// What equality compares: the Velo string, else the object's fields (serialized once).
    fn identity(&self) -> Result<Cow<'a, str>, Value> {
        match *self {
            Form::Uri(uri) => Ok(aligned(uri)),
            Form::Object(object) => {
                let value = serde_json::to_value(object).unwrap_or(Value::Null);
                match value
                    .as_object()
                    .and_then(|fields| velo_form(T::KIND, fields))
                {
                    Some(uri) => Ok(Cow::Owned(aligned(&uri).into_owned())),
                    None => Err(value),
                }
            }
        }
    }
}

/// Whether two media values, in either form, are one item.
pub(crate) fn same<T: MediaObject>(a: Form<'_, T>, b: Form<'_, T>) -> bool {
    a.identity() == b.identity()
}

/// A media string as the SDK reads it: older strings leave out the `wix:` scheme
/// (`image://v1/...`), which it adds back.
fn aligned(uri: &str) -> Cow<'_, str> {
    let legacy = ["image://", "video://", "document://", "audio://"]
        .iter()
        .any(|scheme| uri.starts_with(scheme));
    if legacy {
        Cow::Owned(format!("wix:{uri}"))
    } else {
        Cow::Borrowed(uri)
    }
}

/// What JavaScript's `encodeURIComponent` leaves as it is.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The string the SDK makes of a media object of `kind`, following its rules: a part the
/// object lacks is written as JavaScript writes `undefined`.
fn velo_form(kind: MediaKind, object: &Map<String, Value>) -> Option<String> {
    let get = |key: &str| object.get(key);
    let id = text(get("id").or_else(|| get("_id")));
    let url = || text(get("url")).map(str::to_owned);
    let name = |keys: &[&str]| {
        keys.iter()
            .find_map(|key| text(get(key)))
            .map(|name| format!("/{}", utf8_percent_encode(name, URI_COMPONENT)))
            .unwrap_or_default()
    };
    match kind {
        MediaKind::Image => match id {
            Some(id) => Some(format!(
                "wix:image://v1/{id}{}#originWidth={}&originHeight={}",
                name(&["filename", "altText"]),
                js(get("width")),
                js(get("height")),
            )),
            None => url(),
        },
        MediaKind::Video => match id {
            Some(id) => {
                let thumbnail = get("thumbnail").and_then(Value::as_object);
                let poster = thumbnail
                    .and_then(|t| text(t.get("id")).map(|poster| (poster, t)))
                    .map(|(poster, t)| {
                        format!(
                            "#posterUri={poster}&posterWidth={}&posterHeight={}",
                            js(t.get("width")),
                            js(t.get("height"))
                        )
                    })
                    .unwrap_or_default();
                Some(format!("wix:video://v1/{id}{poster}"))
            }
            None => url(),
        },
        MediaKind::VideoV2 => match id {
            Some(id) => {
                let posters = get("posters").and_then(Value::as_array);
                // The SDK takes the second poster when there is one.
                let poster = posters
                    .and_then(|p| p.get(1).or_else(|| p.first()))
                    .and_then(Value::as_object);
                let poster = poster
                    .and_then(|p| {
                        let id = text(p.get("id")).map(str::to_owned).or_else(|| {
                            text(p.get("url"))
                                .and_then(|u| u.rsplit_once('/'))
                                .map(|(_, last)| last.to_owned())
                        })?;
                        (!id.is_empty()).then(|| {
                            format!(
                                "#posterUri={id}&posterWidth={}&posterHeight={}",
                                js(p.get("width")),
                                js(p.get("height"))
                            )
                        })
                    })
                    .unwrap_or_default();
                Some(format!(
                    "wix:video://v1/{id}{}{poster}",
                    name(&["filename"])
                ))
            }
            None => url(),
        },
        MediaKind::Document => match id {
            Some(id) => Some(format!("wix:document://v1/{id}{}", name(&["filename"]))),
            None => url(),
        },
        MediaKind::Audio => match id {
            Some(id) => Some(format!(
                "wix:audio://v1/{id}{}#duration={}",
                name(&["filename"]),
                get("duration").map_or_else(|| "0".to_owned(), |d| js(Some(d)))
            )),
            None => url(),
        },
        MediaKind::PageUrl => {
            if get("base").is_none() && get("path").is_none() {
                return None;
            }
            let base = js(get("base"));
            let path = js(get("path"));
            if base.starts_with("http://") || base.starts_with("https://") {
                Some(format!("{base}{path}"))
            } else {
                Some(format!("http://{base}{path}"))
            }
        }
        MediaKind::PageUrlV2 => url(),
    }
}

/// The object the SDK reads from a media string of `kind` (`transformSDK<Kind>ToREST<Kind>`),
/// without the `url` it sets to the string itself: a string of another scheme is a `url`.
fn object_form(kind: MediaKind, uri: &str) -> Value {
    let uri_in_wix = aligned(uri);
    let scheme = match kind {
        MediaKind::Image => "image",
        MediaKind::Video | MediaKind::VideoV2 => "video",
        MediaKind::Document => "document",
        MediaKind::Audio => "audio",
        MediaKind::PageUrl => return page_url(uri),
        MediaKind::PageUrlV2 => {
            let path = page_parts(uri).map_or("", |(_, path)| path);
            return json!({ "relativePath": path, "url": uri });
        }
    };
    let Some(rest) = uri_in_wix
        .strip_prefix("wix:")
        .and_then(|rest| rest.strip_prefix(scheme))
        .and_then(|rest| rest.strip_prefix("://v1/"))
    else {
        return json!({ "url": uri });
    };
    let (path, hash) = rest.split_once('#').unwrap_or((rest, ""));
    let mut parts = path.split('/');
    let id = parts.next().unwrap_or_default();
    let name = parts
        .next()
        .map(|name| percent_decode_str(name).decode_utf8_lossy().into_owned())
        .filter(|name| !name.is_empty());
    let param = |key: &str| {
        hash.split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    };
    // The SDK reads sizes with `Number()`; a size that is no number stays text, for `T` to
    // refuse.
    let number = |key: &str| {
        param(key).map(|v| match v.parse::<u64>() {
            Ok(n) => json!(n),
            Err(_) => match v.parse::<f64>() {
                Ok(f) => json!(f),
                Err(_) => json!(v),
            },
        })
    };
    let mut object = Map::new();
    object.insert("id".to_owned(), json!(id));
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            object.insert(key.to_owned(), value);
        }
    };
    match kind {
        MediaKind::Image => {
            put("width", number("originWidth"));
            put("height", number("originHeight"));
            put("filename", name.clone().map(Value::String));
            put("altText", name.map(Value::String));
        }
        MediaKind::Video | MediaKind::VideoV2 => {
            let poster = param("posterUri").map(|poster| {
                let mut image = Map::new();
                image.insert("id".to_owned(), json!(poster));
                for (key, from) in [("width", "posterWidth"), ("height", "posterHeight")] {
                    if let Some(value) = number(from) {
                        image.insert(key.to_owned(), value);
                    }
                }
                Value::Object(image)
            });
            if kind == MediaKind::Video {
                put("thumbnail", poster);
            } else {
                put("filename", name.map(Value::String));
                put("posters", poster.map(|p| json!([p])));
            }
        }
        MediaKind::Document => put("filename", name.map(Value::String)),
        MediaKind::Audio => {
            put("filename", name.map(Value::String));
            put("duration", number("duration"));
        }
        MediaKind::PageUrl | MediaKind::PageUrlV2 => {}
    }
    Value::Object(object)
}

/// A page address's host and path (`https://site.com/shop/a` -> `site.com`, `/shop/a`).
fn page_parts(uri: &str) -> Option<(&str, &str)> {
    let (_, rest) = uri.split_once("://")?;
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    Some(match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, "/"),
    })
}

/// The SDK's page URL object: its `base` is the host alone.
fn page_url(uri: &str) -> Value {
    match page_parts(uri) {
        Some((host, path)) => json!({ "base": host, "path": path }),
        None => json!({ "path": uri }),
    }
}

/// A non-empty string: what JavaScript counts as true among strings.
fn text(value: Option<&Value>) -> Option<&str> {
    value.and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// A value as a JavaScript template literal writes it.
fn js(value: Option<&Value>) -> String {
    match value {
        None => "undefined".to_owned(),
        Some(Value::Null) => "null".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            // JavaScript writes a whole float without a fraction.
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{f:.0}"),
            _ => n.to_string(),
        },
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::Null => String::new(),
                item => js(Some(item)),
            })
            .collect::<Vec<_>>()
            .join(","),
        Some(Value::Object(_)) => "[object Object]".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn velo(kind: MediaKind, object: Value) -> Option<String> {
        velo_form(kind, object.as_object().unwrap())
    }

    #[test]
    fn each_kind_of_object_reads_as_the_sdks_string() {
        let image = json!({"id": "a1~mv2.jpg", "url": "https://x/a1", "width": 8, "height": 6.0,
            "filename": "my photo.jpg"});
        assert_eq!(
            velo(MediaKind::Image, image).as_deref(),
            Some("wix:image://v1/a1~mv2.jpg/my%20photo.jpg#originWidth=8&originHeight=6")
        );
        let alt = json!({"id": "a1", "altText": "a cat", "width": "8", "height": 6});
        assert_eq!(
            velo(MediaKind::Image, alt).as_deref(),
            Some("wix:image://v1/a1/a%20cat#originWidth=8&originHeight=6")
        );
        assert_eq!(
            velo(MediaKind::Image, json!({"id": "a1"})).as_deref(),
            Some("wix:image://v1/a1#originWidth=undefined&originHeight=undefined")
        );
        assert_eq!(
            velo(MediaKind::Image, json!({"url": "https://x/a.png"})).as_deref(),
            Some("https://x/a.png")
        );
        assert_eq!(velo(MediaKind::Image, json!({"width": 1})), None);
        let video = json!({"id": "v1", "thumbnail": {"id": "t1", "width": 4, "height": 3}});
        assert_eq!(
            velo(MediaKind::Video, video).as_deref(),
            Some("wix:video://v1/v1#posterUri=t1&posterWidth=4&posterHeight=3")
        );
        let video = json!({"id": "v1", "filename": "clip.mp4", "posters": [
            {"id": "p1", "width": 1, "height": 1},
            {"url": "https://x/media/p2.jpg", "width": 4, "height": 3}]});
        assert_eq!(
            velo(MediaKind::VideoV2, video).as_deref(),
            Some("wix:video://v1/v1/clip.mp4#posterUri=p2.jpg&posterWidth=4&posterHeight=3")
        );
        assert_eq!(
            velo(
                MediaKind::Document,
                json!({"id": "d1", "filename": "a&b.pdf"})
            )
            .as_deref(),
            Some("wix:document://v1/d1/a%26b.pdf")
        );
        assert_eq!(
            velo(MediaKind::Audio, json!({"id": "s1", "filename": "s.mp3"})).as_deref(),
            Some("wix:audio://v1/s1/s.mp3#duration=0")
        );
        assert_eq!(
            velo(
                MediaKind::PageUrl,
                json!({"base": "site.com", "path": "/p/a"})
            )
            .as_deref(),
            Some("http://site.com/p/a")
        );
        assert_eq!(
            velo(
                MediaKind::PageUrl,
                json!({"base": "https://site.com", "path": "/p"})
            )
            .as_deref(),
            Some("https://site.com/p")
        );
        assert_eq!(
            velo(
                MediaKind::PageUrlV2,
                json!({"relativePath": "/p", "url": "https://s/p"})
            )
            .as_deref(),
            Some("https://s/p")
        );
    }

    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    struct Doc {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        filename: Option<String>,
    }

    impl MediaObject for Doc {
        const KIND: MediaKind = MediaKind::Document;
    }

    fn doc(text: &str) -> Media<Doc> {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn each_kind_of_string_reads_as_the_sdks_object() {
        assert_eq!(
            object_form(
                MediaKind::Image,
                "wix:image://v1/a1~mv2.jpg/my%20cat.jpg#originWidth=8&originHeight=6"
            ),
            json!({"id": "a1~mv2.jpg", "width": 8, "height": 6, "filename": "my cat.jpg",
                "altText": "my cat.jpg"})
        );
        assert_eq!(
            object_form(
                MediaKind::Image,
                "image://v1/a1#originWidth=8&originHeight=6"
            ),
            json!({"id": "a1", "width": 8, "height": 6})
        );
        assert_eq!(
            object_form(MediaKind::Image, "https://x/a.png"),
            json!({"url": "https://x/a.png"})
        );
        assert_eq!(
            object_form(
                MediaKind::Video,
                "wix:video://v1/v1#posterUri=t1&posterWidth=4&posterHeight=3"
            ),
            json!({"id": "v1", "thumbnail": {"id": "t1", "width": 4, "height": 3}})
        );
        assert_eq!(
            object_form(MediaKind::VideoV2, "wix:video://v1/v1/clip.mp4"),
            json!({"id": "v1", "filename": "clip.mp4"})
        );
        assert_eq!(
            object_form(MediaKind::Audio, "wix:audio://v1/s1/s.mp3#duration=30"),
            json!({"id": "s1", "filename": "s.mp3", "duration": 30})
        );
        assert_eq!(
            object_form(MediaKind::PageUrl, "https://site.com/shop/a"),
            json!({"base": "site.com", "path": "/shop/a"})
        );
        assert_eq!(
            object_form(MediaKind::PageUrlV2, "https://site.com"),
            json!({"relativePath": "/", "url": "https://site.com"})
        );
    }

    #[test]
    fn a_string_read_as_its_object_is_the_same_item() {
        for uri in [
            "wix:document://v1/d1/a%20b.pdf",
            "wix:document://v1/d1",
            "https://x/d1.pdf",
        ] {
            let string = doc(&format!("{uri:?}"));
            let object = Media::Object(string.to_object().unwrap().into_owned());
            assert_eq!(object, string, "{uri}");
        }
        let object = doc(r#"{"id": "d1", "url": "https://x/d1"}"#);
        assert!(matches!(object.to_object().unwrap(), Cow::Borrowed(_)));
    }

    #[derive(Serialize, Deserialize, Debug, Clone)]
    struct Sized {
        id: Option<String>,
        width: Option<u32>,
    }

    impl MediaObject for Sized {
        const KIND: MediaKind = MediaKind::Image;
    }

    #[test]
    fn a_string_that_does_not_fit_its_object_is_an_error() {
        let media: Media<Sized> =
            serde_json::from_str(r#""wix:image://v1/a1/a.jpg#originWidth=wide&originHeight=6""#)
                .unwrap();
        let error = media.to_object().unwrap_err();
        assert!(error.to_string().contains("invalid type"), "{error}");
        let media: Media<Sized> =
            serde_json::from_str(r#""wix:image://v1/a1/a.jpg#originWidth=8&originHeight=6""#)
                .unwrap();
        assert_eq!(media.to_object().unwrap().width, Some(8));
    }

    #[test]
    fn both_forms_of_an_item_are_equal_and_other_items_are_not() {
        let string = doc(r#""wix:document://v1/d1/a.pdf""#);
        let object = doc(r#"{"id": "d1", "url": "https://x/d1", "filename": "a.pdf"}"#);
        assert!(string.uri().is_some() && object.object().is_some());
        assert_eq!(string, object);
        assert_eq!(object, string);
        // The url is not part of the Velo string, so it is not compared.
        assert_eq!(object, doc(r#"{"id": "d1", "filename": "a.pdf"}"#));
        assert_eq!(doc(r#""document://v1/d1/a.pdf""#), object);
        assert_ne!(object, doc(r#"{"id": "d1", "filename": "b.pdf"}"#));
        assert_ne!(string, doc(r#""wix:document://v1/d2/a.pdf""#));
        // With no Velo string, objects compare by their fields.
        assert_eq!(
            doc(r#"{"filename": "a.pdf"}"#),
            doc(r#"{"filename": "a.pdf"}"#)
        );
        assert_ne!(
            doc(r#"{"filename": "a.pdf"}"#),
            doc(r#"{"filename": "b.pdf"}"#)
        );
    }
}
