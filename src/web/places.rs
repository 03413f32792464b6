//! `GET /api/places?q=&lang=`: place suggestions for the autocomplete of every place field
//! (DESIGN §8.1). Same-origin (no CORS), limited per client address, and never an error for
//! what is typed: any query, even invalid UTF-8 or control characters, gets a (maybe empty)
//! list.
use std::time::Duration;

use percent_encoding::percent_decode_str;
use rocket::http::{Header, Status};
use rocket::request::{FromRequest, Outcome};
use rocket::serde::json::Json;
use rocket::{Request, Route, State, get, routes};

use super::api_types::{PlaceList, PlaceSuggestion};
use super::ratelimit::{ClientIp, Keyed};
use super::{ApiError, AppError};
use crate::config::Config;
use crate::domain::Lang;
use crate::services::places::{MAX_QUERY_CHARS, Place, Places};

pub fn routes() -> Vec<Route> {
    routes![places]
}

/// The per-minute limit of `/api/places`, apart from the limits on creations.
pub struct PlacesLimiter(pub Keyed);

impl PlacesLimiter {
    pub fn new(per_minute: u32) -> PlacesLimiter {
        PlacesLimiter(Keyed::new(per_minute, Duration::from_secs(60)))
    }
}

/// `q` and `lang` read from the raw query string, decoded leniently: a malformed escape or
/// invalid UTF-8 becomes U+FFFD instead of a refused request.
pub struct PlaceQuery {
    q: String,
    lang: Option<Lang>,
}

fn decode(value: &str) -> String {
    let value = value.replace('+', " ");
    percent_decode_str(&value)
        .decode_utf8_lossy()
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect()
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for PlaceQuery {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let mut query = PlaceQuery {
            q: String::new(),
            lang: None,
        };
        let raw = req.uri().query().map(|q| q.as_str()).unwrap_or("");
        for pair in raw.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "q" => query.q = decode(value),
                "lang" => query.lang = Lang::parse(&decode(value)),
                _ => {}
            }
        }
        Outcome::Success(query)
    }
}

/// One suggestion: a town's centre, to 5 decimals (a metre).
pub fn suggestion(place: &Place) -> PlaceSuggestion {
    let round = |x: f64| (x * 1e5).round() / 1e5;
    PlaceSuggestion {
        label: place.label.clone(),
        country: place.country.clone(),
        lat: round(place.point.lat()),
        lon: round(place.point.lon()),
        postcode: place.postcode.clone(),
        // Lets the event form preselect the venue's time zone.
        zone: crate::domain::zone_of_place(&place.country, place.postcode.as_deref())
            .map(|zone| zone.name().to_owned()),
    }
}

/// Suggestions for what is being typed; cached by browsers for a day (the data only changes
/// with a new release).
#[derive(rocket::Responder)]
pub struct Suggestions(Json<PlaceList>, Header<'static>);

#[utoipa::path(get, path = "/api/places", tag = "places",
    params(("q" = Option<String>, Query, description = "What is typed"),
        ("lang" = Option<String>, Query, description = "en, fr, de, nl, it or es")),
    responses((status = 200, description = "Up to ten suggestions (maybe none)", body = PlaceList,
        headers(("Cache-Control" = String))), super::openapi::PlacesErrors))]
#[get("/api/places")]
async fn places(
    query: PlaceQuery,
    config: &State<Config>,
    places: &State<Places>,
    limiter: &State<PlacesLimiter>,
    ip: ClientIp,
) -> Result<(Status, Suggestions), ApiError> {
    if let Some(ip) = ip.0 {
        limiter
            .0
            .check(&ip.to_string())
            .map_err(|retry_after| AppError::TooManyRequests { retry_after })?;
    }
    let lang = query.lang.unwrap_or(config.default_locale);
    let found = places.suggest(&query.q, lang).await;
    let places = found.iter().map(suggestion).collect();
    Ok((
        Status::Ok,
        Suggestions(
            Json(PlaceList { places }),
            Header::new("Cache-Control", "public, max-age=86400"),
        ),
    ))
}
