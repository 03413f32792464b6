//! The three HTTP geocoders' formats: the request each one expects, and its answer read into
//! places. Géoplateforme/BAN and Photon answer a GeoJSON FeatureCollection (coordinates are
//! `[lon, lat]`), Nominatim (`format=jsonv2`) a JSON array with `lat`/`lon` as strings. An
//! answer of the wrong shape is an error (the caller falls back); a single odd feature in a
//! good answer is skipped.
use serde::Deserialize;
use serde_json::Value;
use url::form_urlencoded::Serializer;

use super::{GeocodeError, Place};
use crate::config::GeocoderKind;
use crate::domain::{Lang, Point};

/// A place with how sure the source is that it is what was asked (0 to 1), when it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub place: Place,
    pub score: Option<f64>,
}

/// The search address of `query` on the service at `base` (no trailing slash).
pub fn search_url(
    kind: GeocoderKind,
    base: &str,
    query: &str,
    lang: Lang,
    limit: usize,
    contact: Option<&str>,
) -> String {
    let mut q = Serializer::new(String::new());
    q.append_pair("q", query);
    q.append_pair("limit", &limit.to_string());
    let path = match kind {
        GeocoderKind::Ban => "search",
        GeocoderKind::Photon => {
            // Photon speaks these; others get its default (local names).
            if matches!(lang, Lang::Fr | Lang::En | Lang::De | Lang::It) {
                q.append_pair("lang", lang.code());
            }
            "api"
        }
        GeocoderKind::Nominatim => {
            q.append_pair("format", "jsonv2");
            q.append_pair("addressdetails", "1");
            q.append_pair("accept-language", lang.code());
            if let Some(email) = contact.filter(|c| !c.starts_with("http")) {
                q.append_pair("email", email);
            }
            "search"
        }
    };
    format!("{base}/{path}?{}", q.finish())
}

/// The places of an answer, best first.
pub fn parse(kind: GeocoderKind, body: &[u8]) -> Result<Vec<Found>, GeocodeError> {
    let garbled = |e: &dyn std::fmt::Display| GeocodeError::Garbled(e.to_string());
    match kind {
        GeocoderKind::Ban | GeocoderKind::Photon => {
            let fc: FeatureCollection = serde_json::from_slice(body).map_err(|e| garbled(&e))?;
            Ok(fc
                .features
                .iter()
                .filter_map(|f| match kind {
                    GeocoderKind::Ban => ban_place(f),
                    _ => photon_place(f),
                })
                .collect())
        }
        GeocoderKind::Nominatim => {
            let list: Vec<Value> = serde_json::from_slice(body).map_err(|e| garbled(&e))?;
            Ok(list.iter().filter_map(nominatim_place).collect())
        }
    }
}

#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Value>,
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A GeoJSON point feature's position (`[lon, lat]`).
fn geojson_point(f: &Value) -> Option<Point> {
    let c = f.get("geometry")?.get("coordinates")?.as_array()?;
    Point::new(c.get(1)?.as_f64()?, c.first()?.as_f64()?)
}

fn ban_place(f: &Value) -> Option<Found> {
    let p = f.get("properties")?;
    let point = geojson_point(f)?;
    let label = text(p, "label")?;
    let city = text(p, "city").or_else(|| text(p, "name")).unwrap_or(label);
    Some(Found {
        place: Place {
            label: clip(label),
            name: clip(city),
            postcode: text(p, "postcode").map(clip),
            country: "FR".into(),
            point,
        },
        score: p.get("score").and_then(Value::as_f64),
    })
}

fn photon_place(f: &Value) -> Option<Found> {
    let p = f.get("properties")?;
    let point = geojson_point(f)?;
    let street = match (text(p, "housenumber"), text(p, "street")) {
        (Some(n), Some(s)) => Some(format!("{n} {s}")),
        (None, Some(s)) => Some(s.to_owned()),
        _ => None,
    };
    let name = text(p, "name").map(str::to_owned).or(street);
    let city = text(p, "city").or_else(|| text(p, "locality"));
    let town = city.or(name.as_deref())?;
    let postcode = text(p, "postcode");
    let country = text(p, "countrycode").map(str::to_ascii_uppercase);
    let label = compose(name.as_deref(), postcode, city, country.as_deref());
    Some(Found {
        place: Place {
            label: clip(&label),
            name: clip(town),
            postcode: postcode.map(clip),
            country: country.unwrap_or_default(),
            point,
        },
        score: None,
    })
}

fn nominatim_place(v: &Value) -> Option<Found> {
    let lat: f64 = text(v, "lat")?.parse().ok()?;
    let lon: f64 = text(v, "lon")?.parse().ok()?;
    let point = Point::new(lat, lon)?;
    let display = text(v, "display_name")?;
    let empty = Value::Null;
    let a = v.get("address").unwrap_or(&empty);
    let city = ["city", "town", "village", "municipality", "hamlet"]
        .iter()
        .find_map(|k| text(a, k));
    let name = text(v, "name").or_else(|| display.split(',').next().map(str::trim));
    let postcode = text(a, "postcode");
    let country = text(a, "country_code").map(str::to_ascii_uppercase);
    let label = if city.is_some() || postcode.is_some() {
        compose(name, postcode, city, country.as_deref())
    } else {
        display.to_owned()
    };
    Some(Found {
        place: Place {
            label: clip(&label),
            name: clip(city.or(name).unwrap_or(display)),
            postcode: postcode.map(clip),
            country: country.unwrap_or_default(),
            point,
        },
        score: None,
    })
}

/// "Name, 69003 Lyon (FR)", each part once.
fn compose(
    name: Option<&str>,
    postcode: Option<&str>,
    city: Option<&str>,
    country: Option<&str>,
) -> String {
    let town = match (postcode, city) {
        (Some(p), Some(c)) => Some(format!("{p} {c}")),
        (None, Some(c)) => Some(c.to_owned()),
        (Some(p), None) => Some(p.to_owned()),
        (None, None) => None,
    };
    let mut label = match (name, town) {
        (Some(n), Some(t)) if Some(n) != city => format!("{n}, {t}"),
        (_, Some(t)) => t,
        (Some(n), None) => n.to_owned(),
        (None, None) => String::new(),
    };
    if let Some(c) = country {
        label.push_str(&format!(" ({c})"));
    }
    label
}

/// A service's text, cut to a length any page can show (and without control characters).
fn clip(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(160)
        .collect::<String>()
        .trim()
        .to_owned()
}
