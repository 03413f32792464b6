//! The OpenAPI 3.1 document of the JSON API, derived at build time by utoipa from the handlers'
//! `#[utoipa::path]` attributes and the types of src/web/api_types.rs, served at
//! `GET /api/openapi.json`. Each endpoint lists every status it can answer, errors included,
//! through the response sets below.
use rocket::http::ContentType;
use rocket::{Route, get, routes};
use utoipa::OpenApi;

use super::api_types::{
    EmailStatus, ErrorBody, ErrorDetail, Event, EventCreated, EventPage, Need, NeedCreated,
    NeedsWaiting, NewEvent, NewNeed, NewOffer, NewReservation, NewReturnTrip, Offer, OfferCreated,
    OfferPage, PlaceList, PlaceSuggestion, Reservation, ReservationCreated,
};

pub fn routes() -> Vec<Route> {
    // Built here, at start-up, rather than by the first request.
    document_json();
    routes![document]
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "covoit",
        description = "Carpooling to events: events, seat offers, seat requests and passengers' \
                       needs. No email or phone number ever appears in an answer. Errors are \
                       `{\"error\": {\"code\", \"message\", \"fields\"}}`; messages follow \
                       `Accept-Language`. Creations are limited per client address and per \
                       email address (429 with `Retry-After`)."
    ),
    paths(
        super::api::create_event,
        super::api::get_event,
        super::api::create_offer,
        super::api::get_offer,
        super::api::create_reservation,
        super::api::create_need,
        super::places::places,
    ),
    components(schemas(
        NewEvent,
        NewOffer,
        NewReturnTrip,
        NewReservation,
        NewNeed,
        Event,
        Offer,
        EmailStatus,
        EventCreated,
        EventPage,
        NeedsWaiting,
        OfferCreated,
        OfferPage,
        Reservation,
        ReservationCreated,
        Need,
        NeedCreated,
        PlaceSuggestion,
        PlaceList,
        ErrorBody,
        ErrorDetail
    ))
)]
pub struct ApiDoc;

/// The document as served (built once, at start-up). Its date examples are a month ahead of
/// that moment, so that a client trying them (Schemathesis' examples and stateful
/// phases) creates an event, then rides to it, instead of being refused for a past date.
pub fn document_json() -> &'static str {
    static JSON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    JSON.get_or_init(|| {
        let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("the document serialises");
        let day = |days: i64| {
            (chrono::Utc::now() + chrono::Duration::days(days))
                .format("%Y-%m-%dT%H:00")
                .to_string()
        };
        let schemas = &mut doc["components"]["schemas"];
        schemas["NewEvent"]["properties"]["starts_at"]["example"] = day(30).into();
        schemas["NewOffer"]["properties"]["departs_at"]["example"] = day(29).into();
        schemas["NewReturnTrip"]["properties"]["departs_at"]["example"] = day(31).into();
        serde_json::to_string_pretty(&doc).expect("the document serialises")
    })
}

#[get("/api/openapi.json")]
fn document() -> (ContentType, &'static str) {
    (ContentType::JSON, document_json())
}

/// The errors of `GET /api/offers/{id}`.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, reason = "only describes the answers")]
pub enum ReadErrors {
    /// The request itself is malformed (`malformed`).
    #[response(status = 400)]
    Malformed(ErrorBody),
    /// No such event or offer (`not_found`).
    #[response(status = 404)]
    NotFound(ErrorBody),
    /// The database cannot be reached for now (`unavailable`).
    #[response(status = 503, headers(("Retry-After" = u64, description = "Seconds to wait")))]
    Unavailable(ErrorBody),
}

/// The errors of `GET /api/events/{slug}`.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, reason = "only describes the answers")]
pub enum EventReadErrors {
    /// The request itself is malformed (`malformed`).
    #[response(status = 400)]
    Malformed(ErrorBody),
    /// No such event (`not_found`).
    #[response(status = 404)]
    NotFound(ErrorBody),
    /// `near` or `radius_km` is not understood (`invalid`, with `fields`).
    #[response(status = 422)]
    Invalid(ErrorBody),
    /// The database cannot be reached for now (`unavailable`).
    #[response(status = 503, headers(("Retry-After" = u64, description = "Seconds to wait")))]
    Unavailable(ErrorBody),
}

/// The errors of `POST /api/events`.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, reason = "only describes the answers")]
pub enum CreateEventErrors {
    /// The body is not a JSON object, or not UTF-8 (`malformed`).
    #[response(status = 400)]
    Malformed(ErrorBody),
    /// The body is over 64 KiB (`too_large`).
    #[response(status = 413)]
    TooLarge(ErrorBody),
    /// Fields are missing or wrong (`invalid`, each named in `fields`).
    #[response(status = 422)]
    Invalid(ErrorBody),
    /// Too many creations from this address or for this email (`too_many_requests`).
    #[response(status = 429, headers(("Retry-After" = u64, description = "Seconds to wait")))]
    TooMany(ErrorBody),
    /// The database cannot be reached for now; nothing was saved (`unavailable`).
    #[response(status = 503, headers(("Retry-After" = u64, description = "Seconds to wait")))]
    Unavailable(ErrorBody),
}

/// The errors of a creation under an event or an offer.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, reason = "only describes the answers")]
pub enum WriteErrors {
    /// The body is not a JSON object, or not UTF-8 (`malformed`).
    #[response(status = 400)]
    Malformed(ErrorBody),
    /// No such event or offer (`not_found`).
    #[response(status = 404)]
    NotFound(ErrorBody),
    /// Refused as things stand: `not_enough_seats` (with `seats_left`), `booking_closed`,
    /// `offer_cancelled`, `departed`, `duplicate_request`, `duplicate_need`…
    #[response(status = 409)]
    Conflict(ErrorBody),
    /// Refused for good: the event started or was cancelled.
    #[response(status = 410)]
    Gone(ErrorBody),
    /// The body is over 64 KiB (`too_large`).
    #[response(status = 413)]
    TooLarge(ErrorBody),
    /// Fields are missing or wrong (`invalid`, each named in `fields`).
    #[response(status = 422)]
    Invalid(ErrorBody),
    /// Too many creations from this address or for this email (`too_many_requests`).
    #[response(status = 429, headers(("Retry-After" = u64, description = "Seconds to wait")))]
    TooMany(ErrorBody),
    /// The database cannot be reached for now; nothing was saved (`unavailable`).
    #[response(status = 503, headers(("Retry-After" = u64, description = "Seconds to wait")))]
    Unavailable(ErrorBody),
}

/// The errors of `GET /api/places` (what is typed is never an error).
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, reason = "only describes the answers")]
pub enum PlacesErrors {
    /// The request itself is malformed (`malformed`).
    #[response(status = 400)]
    Malformed(ErrorBody),
    /// Too many lookups from this address (`too_many_requests`).
    #[response(status = 429, headers(("Retry-After" = u64, description = "Seconds to wait")))]
    TooMany(ErrorBody),
}
