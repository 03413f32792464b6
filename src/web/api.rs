//! The JSON API (DESIGN §6): same rules and services as the pages, errors as
//! `{"error": {"code", "message", "fields"}}`. No email or phone ever appears.
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, get, post, routes};
use serde_json::{Value, json};

use super::body::JsonFields;
use super::lang::ReqLang;
use super::ratelimit::{ClientIp, RateLimiter, admit, record};
use super::{ApiError, AppError};
use crate::config::Config;
use crate::db::Db;
use crate::domain::{EventStatus, FieldErrors, Point};
use crate::entities::{event, offer};
use crate::mail::Emails;
use crate::services::events::EventCache;
use crate::services::places::Places;
use crate::services::places::near::{near_point, parse_radius, sort_by_distance};
use crate::services::{booking, events, input, need_input, needs, offers, series};
use crate::urls::Urls;

pub fn routes() -> Vec<Route> {
    routes![
        create_event,
        get_event,
        create_offer,
        get_offer,
        create_reservation,
        create_need
    ]
}

type ApiResult = Result<(Status, Json<Value>), ApiError>;

/// RFC 3339 with the event's offset.
fn time(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone)
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn event_json(e: &event::Model, urls: &Urls) -> Value {
    json!({
        "slug": e.slug,
        "name": e.name,
        "venue": e.venue,
        "lat": e.venue_lat,
        "lon": e.venue_lon,
        "starts_at": time(e.starts_at, e.zone()),
        "timezone": e.timezone,
        "url": urls.event(&e.slug),
        // "scheduled" until its organisers cancel it, then "cancelled" (for good).
        "status": match e.status {
            EventStatus::Open => "scheduled",
            EventStatus::Cancelled => "cancelled",
        },
        // The organisers stopped new offers, requests and needs for now.
        "booking_closed": e.booking_closed,
    })
}

/// The point of a place as the public may see it: rounded to 2 decimals (about 1 km), so that
/// a driver's exact departure never leaves covoit (DESIGN §8.2).
fn approximate(lat: Option<f64>, lon: Option<f64>) -> (Value, Value) {
    match Point::from_columns(lat, lon).map(|p| p.approximate()) {
        Some(p) => (json!(p.lat()), json!(p.lon())),
        None => (Value::Null, Value::Null),
    }
}

pub fn offer_json(o: &offer::Model, e: &event::Model, urls: &Urls) -> Value {
    let (lat, lon) = approximate(o.place_lat, o.place_lon);
    json!({
        "id": o.public_id,
        "event_slug": e.slug,
        "direction": o.direction.as_str(),
        "place": o.place,
        "lat": lat,
        "lon": lon,
        "departs_at": time(o.departs_at, e.zone()),
        "seats_total": o.seats_total,
        "seats_left": o.seats_left(),
        "driver_first_name": o.driver_first_name(),
        "notes": o.notes,
        "status": o.status.as_str(),
        "auto_accept": o.auto_accept,
        "url": urls.offer(&o.public_id),
    })
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/api/events", data = "<body>")]
async fn create_event(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    emails: &State<Emails>,
    places: &State<crate::services::places::Places>,
    urls: &State<Urls>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    body: Result<JsonFields, AppError>,
) -> ApiResult {
    let mut f = body?;
    let raw = input::RawEvent {
        name: f.string("name"),
        venue: f.string("venue"),
        starts_at: f.string("starts_at"),
        timezone: f.string("timezone"),
        organizer_name: f.string("organizer_name"),
        organizer_email: f.string("organizer_email"),
        locale: f.string("locale"),
        series: input::RawSeries {
            every_weeks: f.integer("every_weeks"),
            until: f.string("until"),
            dates: f.strings("dates"),
        },
    };
    admit(limiter, &ip, &raw.organizer_email)?;
    let now = Utc::now();
    // Without a zone, the venue's (when places know it), else the server's.
    // The venue is looked up once, for its zone and its point.
    let venue = places.resolve(&raw.venue, lang.0).await;
    let zone = venue
        .as_ref()
        .and_then(|v| v.zone())
        .unwrap_or(config.default_timezone);
    let new = input::validate_event(&raw, f.take_errors(), zone, lang.0, now)
        .map_err(AppError::Invalid)?;
    let created = events::create_at(db, emails, venue.as_ref(), new, now).await?;
    record(limiter, &ip, &raw.organizer_email);
    let mut answer = json!({
        "event": event_json(&created.event, urls),
        "email": { "status": emails.email_status(created.acknowledged) },
    });
    // A series: every date, the first included, in order.
    if !created.others.is_empty() {
        answer["occurrences"] = std::iter::once(&created.event)
            .chain(&created.others)
            .map(|e| event_json(e, urls))
            .collect();
    }
    Ok((Status::Created, Json(answer)))
}

/// With `near` (a place or `lat,lon`), offers carry `distance_km`, nearest first, those
/// beyond `radius_km` left out (DESIGN §8.1).
#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[get("/api/events/<slug>?<near>&<radius_km>")]
async fn get_event(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    cache: &State<EventCache>,
    places: &State<Places>,
    slug: &str,
    near: Option<&str>,
    radius_km: Option<&str>,
) -> ApiResult {
    let mut errors = FieldErrors::default();
    let radius = errors
        .take("radius_km", parse_radius(radius_km.unwrap_or("")))
        .flatten();
    let from = match near {
        Some(text) => errors.take("near", near_point(places, text, lang.0).await),
        None => None,
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let data = events::with_offers_cached(db, cache, slug).await?;
    let (event, offers) = (&data.0, &data.1);
    let offers: Vec<Value> = match from {
        Some(from) => sort_by_distance(from, radius, offers.iter())
            .into_iter()
            .map(|(o, km)| {
                let mut json = offer_json(o, event, urls);
                json["distance_km"] = json!(km);
                json
            })
            .collect(),
        None => offers.iter().map(|o| offer_json(o, event, urls)).collect(),
    };
    let waiting = data.2;
    let mut answer = json!({
        "event": event_json(event, urls),
        "offers": offers,
        "needs": {"to_event": waiting.to_event, "from_event": waiting.from_event},
    });
    // One date of a series: every date of it, in order.
    if let Some(series) = event.series_id {
        let dates = events::occurrences(db, series).await?;
        answer["series"] = dates.iter().map(|e| event_json(e, urls)).collect();
    }
    Ok((Status::Ok, Json(answer)))
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/api/events/<slug>/offers", data = "<body>")]
async fn create_offer(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    emails: &State<Emails>,
    places: &State<crate::services::places::Places>,
    urls: &State<Urls>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    slug: &str,
    body: Result<JsonFields, AppError>,
) -> ApiResult {
    let event = events::by_slug(db, slug).await?;
    let mut f = body?;
    let (return_departs_at, return_seats, return_place) = f.return_trip();
    let raw = input::RawOffer {
        driver_name: f.string("driver_name"),
        driver_email: f.string("driver_email"),
        driver_phone: f.string("driver_phone"),
        direction: f.string("direction"),
        place: f.string("place"),
        departs_at: f.string("departs_at"),
        seats: f.integer("seats"),
        notes: f.string("notes"),
        locale: f.string("locale"),
        return_departs_at,
        return_seats,
        return_place,
        auto_accept: f.boolean("auto_accept"),
        max_detour_min: f.integer("max_detour_min"),
        share_contact: f.boolean("share_contact"),
        repeat_on: f.strings("repeat_on"),
    };
    admit(limiter, &ip, &raw.driver_email)?;
    let now = Utc::now();
    let pre = f.take_errors();
    let (new, also) = series::validate_offer(db, &raw, pre, &event, lang.0, now).await?;
    let published = offers::publish(
        db,
        emails,
        places,
        &event,
        &also,
        new,
        config.reminder_time,
        now,
    )
    .await?;
    record(limiter, &ip, &raw.driver_email);
    let return_offer = published
        .return_offer
        .as_ref()
        .map(|o| offer_json(o, &event, urls));
    let mut answer = json!({
        "offer": offer_json(&published.offer, &event, urls),
        "return_offer": return_offer,
        "email": { "status": emails.email_status(published.acknowledged) },
    });
    // The same ride on other dates of the series, each with its event and ride back.
    if !published.repeated.is_empty() {
        answer["repeated"] = (published.repeated.iter().zip(&also))
            .map(|((o, b), e)| {
                let b = b.as_ref().map(|b| offer_json(b, e, urls));
                json!({"offer": offer_json(o, e, urls), "return_offer": b})
            })
            .collect();
    }
    Ok((Status::Created, Json(answer)))
}

#[get("/api/offers/<id>")]
async fn get_offer(urls: &State<Urls>, db: &State<Db>, id: &str) -> ApiResult {
    let view = offers::get(db, id).await?;
    Ok((
        Status::Ok,
        Json(json!({ "offer": offer_json(&view.offer, &view.event, urls) })),
    ))
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/api/offers/<id>/reservations", data = "<body>")]
async fn create_reservation(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    emails: &State<Emails>,
    places: &State<crate::services::places::Places>,
    routing: &State<crate::services::routing::Routing>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    id: &str,
    body: Result<JsonFields, AppError>,
) -> ApiResult {
    let view = offers::get(db, id).await?;
    let mut f = body?;
    let raw = input::RawReservation {
        passenger_name: f.string("passenger_name"),
        passenger_email: f.string("passenger_email"),
        passenger_phone: f.string("passenger_phone"),
        seats: f.integer("seats"),
        pickup: f.string("pickup"),
        message: f.string("message"),
        locale: f.string("locale"),
        share_contact: f.boolean("share_contact"),
    };
    admit(limiter, &ip, &raw.passenger_email)?;
    let new =
        input::validate_reservation(&raw, f.take_errors(), lang.0).map_err(AppError::Invalid)?;
    let done = booking::request(
        db,
        emails,
        places,
        routing,
        view.offer.id,
        new,
        config.request_ttl,
        Utc::now(),
    )
    .await?;
    record(limiter, &ip, &raw.passenger_email);
    let r = &done.reservation;
    Ok((
        Status::Created,
        Json(json!({
            "reservation": {
                "id": r.id,
                "status": r.status.as_str(),
                "seats": r.seats,
                "expires_at": time(r.expires_at, view.event.zone()),
            },
            "email": { "status": emails.email_status(done.acknowledged) },
        })),
    ))
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/api/events/<slug>/needs", data = "<body>")]
async fn create_need(
    lang: ReqLang,
    db: &State<Db>,
    emails: &State<Emails>,
    places: &State<crate::services::places::Places>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    slug: &str,
    body: Result<JsonFields, AppError>,
) -> ApiResult {
    let event = events::by_slug(db, slug).await?;
    let mut f = body?;
    let raw = need_input::RawNeed {
        name: f.string("name"),
        email: f.string("email"),
        phone: f.string("phone"),
        direction: f.string("direction"),
        place: f.string("place"),
        seats: f.integer("seats"),
        earliest: f.string("earliest"),
        latest: f.string("latest"),
        locale: f.string("locale"),
    };
    admit(limiter, &ip, &raw.email)?;
    let now = Utc::now();
    let new = need_input::validate_need(&raw, f.take_errors(), &event, lang.0, now)
        .map_err(AppError::Invalid)?;
    let created = needs::create(db, emails, places, event.id, new, now).await?;
    record(limiter, &ip, &raw.email);
    let n = &created.need;
    Ok((
        Status::Created,
        Json(json!({
            "need": {
                "id": n.public_id,
                "status": n.status.as_str(),
                "direction": n.direction.as_str(),
                "place": n.place,
                "seats": n.seats,
            },
            "email": { "status": emails.email_status(created.acknowledged) },
        })),
    ))
}
