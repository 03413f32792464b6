//! HTTP geocoder settings: which service (`geocoder` = `ban`, `photon` or `nominatim`), its base
//! address (`geocoder_url`), how long one lookup may take (`geocoder_timeout_ms`), how many
//! lookups a second it may get (`geocoder_rate_per_sec`), who to contact (`geocoder_contact`,
//! sent in the User-Agent as Nominatim's usage policy asks) and how long answers are kept
//! (`geocoder_cache_days`). Without `geocoder`, the embedded gazetteer alone answers.
use std::time::Duration;

use super::Reader;
use super::reader::mailbox_is_valid;

/// The response format a geocoder speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeocoderKind {
    /// The French Géoplateforme / BAN (`/search?q=&limit=`, GeoJSON).
    Ban,
    /// Photon (`/api?q=&limit=&lang=`, GeoJSON).
    Photon,
    /// Nominatim (`/search?format=jsonv2`, a JSON array).
    Nominatim,
}

impl GeocoderKind {
    pub fn parse(text: &str) -> Option<GeocoderKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ban" | "geoplateforme" => Some(GeocoderKind::Ban),
            "photon" => Some(GeocoderKind::Photon),
            "nominatim" => Some(GeocoderKind::Nominatim),
            _ => None,
        }
    }

    /// The name stored with cached answers.
    pub fn code(self) -> &'static str {
        match self {
            GeocoderKind::Ban => "ban",
            GeocoderKind::Photon => "photon",
            GeocoderKind::Nominatim => "nominatim",
        }
    }

    /// The public instance used when no `geocoder_url` is given.
    fn default_url(self) -> &'static str {
        match self {
            GeocoderKind::Ban => "https://data.geopf.fr/geocodage",
            GeocoderKind::Photon => "https://photon.komoot.io",
            GeocoderKind::Nominatim => "https://nominatim.openstreetmap.org",
        }
    }

    /// Lookups a second by default: the public services' published limits, with room to spare
    /// (Géoplateforme 50 a second per address, Nominatim 1).
    fn default_rate(self) -> u32 {
        match self {
            GeocoderKind::Ban => 20,
            GeocoderKind::Photon => 5,
            GeocoderKind::Nominatim => 1,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Geocoder {
    pub kind: GeocoderKind,
    /// Without a trailing slash.
    pub url: String,
    pub timeout: Duration,
    pub rate_per_sec: u32,
    /// An address or URL people running the service can reach the operator at.
    pub contact: Option<String>,
    pub cache_days: u32,
}

pub(super) fn read(r: &mut Reader<'_>) -> Option<Geocoder> {
    let kind_text = r.text("geocoder");
    let url = r.text("geocoder_url");
    let timeout_ms: u64 = r.bounded("geocoder_timeout_ms", 100..=30_000, 2_000, "milliseconds");
    let rate: Option<u32> = r.get("geocoder_rate_per_sec", "a whole number from 1 to 100");
    let contact = r.text("geocoder_contact");
    let cache_days: u32 = r.bounded("geocoder_cache_days", 1..=365, 30, "days");
    let Some(kind_text) = kind_text.filter(|k| !k.eq_ignore_ascii_case("none")) else {
        if url.is_some() {
            r.problem(
                "geocoder",
                "geocoder_url is set but no geocoder: set geocoder to ban, photon or nominatim",
            );
        }
        return None;
    };
    let Some(kind) = GeocoderKind::parse(&kind_text) else {
        r.problem("geocoder", "expected ban, photon, nominatim or none");
        return None;
    };
    if rate.is_some_and(|n| !(1..=100).contains(&n)) {
        r.problem(
            "geocoder_rate_per_sec",
            "expected a whole number from 1 to 100",
        );
    }
    let url = url.unwrap_or_else(|| kind.default_url().to_owned());
    let url = url.trim_end_matches('/').to_owned();
    let parsed = url::Url::parse(&url).ok();
    if !parsed
        .as_ref()
        .is_some_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
    {
        r.problem(
            "geocoder_url",
            "expected the service's base address, such as https://data.geopf.fr/geocodage",
        );
        return None;
    }
    if let Some(c) = &contact
        && (c.contains(['\r', '\n', '(', ')'])
            || !(mailbox_is_valid(c) || c.starts_with("https://") || c.starts_with("http://")))
    {
        r.problem(
            "geocoder_contact",
            "expected an email address or a web address where the operator can be reached",
        );
    }
    if kind == GeocoderKind::Nominatim
        && contact.is_none()
        && parsed
            .as_ref()
            .and_then(|u| u.host_str())
            .is_some_and(|h| h.ends_with("openstreetmap.org"))
    {
        r.problem(
            "geocoder_contact",
            "the public Nominatim instance asks every application to say who runs it: set \
             geocoder_contact to your email address (or use your own instance in geocoder_url)",
        );
    }
    Some(Geocoder {
        kind,
        url,
        timeout: Duration::from_millis(timeout_ms),
        rate_per_sec: rate.unwrap_or(kind.default_rate()).clamp(1, 100),
        contact,
        cache_days,
    })
}
