//! The shapes of the JSON API (DESIGN §6), one typed struct per body and per answer, so that
//! the OpenAPI document (`/api/openapi.json`) and what the handlers send cannot drift: an
//! answer is built from these structs, and the document is derived from them. Adding a field
//! is one line here. Request bodies are still read field by field (src/web/body.rs, so that a
//! wrong type is named by its field); their structs here only describe them.
use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{EventStatus, Point};
use crate::entities::{event, offer};
use crate::urls::Urls;

/// RFC 3339 with the event's offset.
pub fn time(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone)
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `POST /api/events`. Unknown fields are ignored.
#[derive(ToSchema)]
#[allow(dead_code, reason = "describes the body read by src/web/body.rs")]
pub struct NewEvent {
    #[schema(example = "Fête du village")]
    #[schema(min_length = 1)]
    name: String,
    /// A place name or an address; looked up for the map and the time zone.
    #[schema(example = "Salle des fêtes, Lyon")]
    #[schema(min_length = 1)]
    venue: String,
    /// Local date and time (`YYYY-MM-DDTHH:MM`) in `timezone`, or RFC 3339.
    #[schema(example = "2030-06-21T18:00")]
    #[schema(min_length = 1)]
    starts_at: String,
    /// IANA zone; the venue's, else the server's, when absent.
    #[schema(example = "Europe/Paris")]
    timezone: Option<String>,
    #[schema(min_length = 1, example = "Ada Lovelace")]
    organizer_name: String,
    #[schema(format = "email", example = "ada@example.org")]
    organizer_email: String,
    /// en, fr, de, nl, it or es: the language of the emails.
    #[schema(example = "fr")]
    locale: Option<String>,
    /// A series: the same event every N weeks (1–52) until `until`.
    #[schema(minimum = 1, maximum = 52)]
    every_weeks: Option<i64>,
    /// The last day of a weekly series (`YYYY-MM-DD`).
    #[schema(example = "2030-07-12")]
    until: Option<String>,
    /// Further dates of the series (`YYYY-MM-DD`, keeping the first date's time, or
    /// `YYYY-MM-DDTHH:MM`); at most 60 dates in all.
    dates: Option<Vec<String>>,
}

/// The `return` trip of `POST /api/events/{slug}/offers`.
#[derive(ToSchema)]
#[allow(dead_code, reason = "describes the body read by src/web/body.rs")]
pub struct NewReturnTrip {
    #[schema(min_length = 1)]
    departs_at: String,
    seats: Option<i64>,
    place: Option<String>,
}

/// `POST /api/events/{slug}/offers`.
#[derive(ToSchema)]
#[allow(dead_code, reason = "describes the body read by src/web/body.rs")]
pub struct NewOffer {
    #[schema(min_length = 1, example = "Denise Martin")]
    driver_name: String,
    #[schema(format = "email", example = "denise@example.org")]
    driver_email: String,
    #[schema(example = "06 12 34 56 78")]
    driver_phone: Option<String>,
    /// `to_event` or `from_event`.
    #[schema(example = "to_event", pattern = "^(to_event|from_event)$")]
    direction: String,
    /// Where the driver leaves from (to the event) or goes back to.
    #[schema(min_length = 1, example = "Villeurbanne")]
    place: String,
    /// Local date and time, or RFC 3339.
    #[schema(min_length = 1)]
    departs_at: String,
    #[schema(minimum = 1, example = 3)]
    seats: i64,
    notes: Option<String>,
    locale: Option<String>,
    /// A return trip published with the offer.
    #[schema(rename = "return")]
    return_trip: Option<NewReturnTrip>,
    auto_accept: Option<bool>,
    share_contact: Option<bool>,
    /// Other dates of the event's series (their slugs) to publish the same ride on.
    repeat_on: Option<Vec<String>>,
    /// With a router configured: the longest detour (minutes, 1–240) the driver accepts;
    /// requests beyond it are flagged to the driver.
    #[schema(minimum = 1, maximum = 240)]
    max_detour_min: Option<i64>,
}

/// `POST /api/offers/{id}/reservations`.
#[derive(ToSchema)]
#[allow(dead_code, reason = "describes the body read by src/web/body.rs")]
pub struct NewReservation {
    #[schema(min_length = 1, example = "Paul Durand")]
    passenger_name: String,
    #[schema(format = "email", example = "paul@example.org")]
    passenger_email: String,
    passenger_phone: Option<String>,
    /// 1 when absent.
    seats: Option<i64>,
    pickup: Option<String>,
    message: Option<String>,
    locale: Option<String>,
    share_contact: Option<bool>,
}

/// `POST /api/events/{slug}/needs`: a passenger looking for a seat.
#[derive(ToSchema)]
#[allow(dead_code, reason = "describes the body read by src/web/body.rs")]
pub struct NewNeed {
    #[schema(min_length = 1)]
    name: String,
    #[schema(format = "email")]
    email: String,
    phone: Option<String>,
    direction: String,
    #[schema(min_length = 1)]
    place: String,
    seats: Option<i64>,
    earliest: Option<String>,
    latest: Option<String>,
    locale: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Event {
    pub slug: String,
    pub name: String,
    pub venue: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// RFC 3339 with the event's offset.
    #[schema(format = DateTime)]
    pub starts_at: String,
    pub timezone: String,
    pub url: String,
    /// `scheduled` until its organisers cancel it, then `cancelled` (for good).
    #[schema(example = "scheduled")]
    pub status: &'static str,
    /// The organisers stopped new offers, requests and needs for now.
    pub booking_closed: bool,
}

impl Event {
    pub fn new(e: &event::Model, urls: &Urls) -> Event {
        Event {
            slug: e.slug.clone(),
            name: e.name.clone(),
            venue: e.venue.clone(),
            lat: e.venue_lat,
            lon: e.venue_lon,
            starts_at: time(e.starts_at, e.zone()),
            timezone: e.timezone.clone(),
            url: urls.event(&e.slug),
            status: match e.status {
                EventStatus::Open => "scheduled",
                EventStatus::Cancelled => "cancelled",
            },
            booking_closed: e.booking_closed,
        }
    }
}

/// An offer as the public sees it: the departure rounded to about 1 km, the driver's first
/// name only, never an email or a phone (DESIGN §8.2).
#[derive(Serialize, ToSchema)]
pub struct Offer {
    pub id: String,
    pub event_slug: String,
    /// `to_event` or `from_event`.
    pub direction: &'static str,
    pub place: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    #[schema(format = DateTime)]
    pub departs_at: String,
    pub seats_total: i32,
    pub seats_left: i32,
    pub driver_first_name: String,
    pub notes: String,
    pub status: &'static str,
    pub auto_accept: bool,
    pub url: String,
    /// With `near` only: how far, or null when the offer's place has no known point.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<f64>)]
    pub distance_km: Option<Option<f64>>,
}

impl Offer {
    pub fn new(o: &offer::Model, e: &event::Model, urls: &Urls) -> Offer {
        let point = Point::from_columns(o.place_lat, o.place_lon).map(|p| p.approximate());
        Offer {
            id: o.public_id.clone(),
            event_slug: e.slug.clone(),
            direction: o.direction.as_str(),
            place: o.place.clone(),
            lat: point.map(|p| p.lat()),
            lon: point.map(|p| p.lon()),
            departs_at: time(o.departs_at, e.zone()),
            seats_total: o.seats_total,
            seats_left: o.seats_left(),
            driver_first_name: o.driver_first_name().to_owned(),
            notes: o.notes.clone(),
            status: o.status.as_str(),
            auto_accept: o.auto_accept,
            url: urls.offer(&o.public_id),
            distance_km: None,
        }
    }
}

/// What became of the email(s) the request sends.
#[derive(Serialize, ToSchema)]
pub struct EmailStatus {
    /// `queued`, `captured` (development) or `suppressed` (the address opted out).
    #[schema(example = "queued")]
    pub status: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct EventCreated {
    pub event: Event,
    pub email: EmailStatus,
    /// A series: every date, the first included, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrences: Option<Vec<Event>>,
}

/// Passengers still looking for a seat, by direction.
#[derive(Serialize, ToSchema)]
pub struct NeedsWaiting {
    pub to_event: u64,
    pub from_event: u64,
}

#[derive(Serialize, ToSchema)]
pub struct EventPage {
    pub event: Event,
    pub offers: Vec<Offer>,
    pub needs: NeedsWaiting,
    /// One date of a series: every date of it, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<Vec<Event>>,
}

#[derive(Serialize, ToSchema)]
pub struct OfferCreated {
    pub offer: Offer,
    pub return_offer: Option<Offer>,
    pub email: EmailStatus,
    /// The same ride on the other dates asked for (`repeat_on`), each with its ride back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeated: Option<Vec<Repeated>>,
}

/// The ride published on one more date of the series.
#[derive(Serialize, ToSchema)]
pub struct Repeated {
    pub offer: Offer,
    pub return_offer: Option<Offer>,
}

#[derive(Serialize, ToSchema)]
pub struct OfferPage {
    pub offer: Offer,
}

#[derive(Serialize, ToSchema)]
pub struct Reservation {
    pub id: i64,
    /// `pending` until the driver answers, or `accepted` at once on an auto-accept offer.
    pub status: &'static str,
    pub seats: i32,
    #[schema(format = DateTime)]
    pub expires_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct ReservationCreated {
    pub reservation: Reservation,
    pub email: EmailStatus,
}

#[derive(Serialize, ToSchema)]
pub struct Need {
    pub id: String,
    pub status: &'static str,
    pub direction: &'static str,
    pub place: String,
    pub seats: i32,
}

#[derive(Serialize, ToSchema)]
pub struct NeedCreated {
    pub need: Need,
    pub email: EmailStatus,
}

/// One place suggestion: a town's centre, to 5 decimals.
#[derive(Serialize, ToSchema)]
pub struct PlaceSuggestion {
    pub label: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// The IANA zone of the place, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PlaceList {
    pub places: Vec<PlaceSuggestion>,
}

/// Every error of the API.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// `not_found`, `invalid` (see `fields`), `malformed`, `too_large`, `too_many_requests`,
    /// `unavailable`, or the refusal's own code (`not_enough_seats`, `booking_closed`…).
    #[schema(example = "invalid")]
    pub code: &'static str,
    /// For people, in the request's language.
    pub message: String,
    /// Field → what is wrong with it (for `invalid`; empty otherwise). A return trip's fields
    /// are named `return.departs_at`…
    pub fields: BTreeMap<String, String>,
    /// With `not_enough_seats`: how many are left.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seats_left: Option<i32>,
}
