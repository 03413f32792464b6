//! The JSON API (DESIGN §6): same rules and services as the pages, errors as
//! `{"error": {"code", "message", "fields"}}`. No email or phone ever appears.
use chrono::Utc;
use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, get, post, routes};

use super::api_types::{
    EmailStatus, Event, EventCreated, EventPage, Need, NeedCreated, NeedsWaiting, NewEvent,
    NewNeed, NewOffer, NewReservation, Offer, OfferCreated, OfferPage, Repeated, Reservation,
    ReservationCreated, time,
};
use super::body::JsonFields;
use super::lang::ReqLang;
use super::openapi::{CreateEventErrors, EventReadErrors, ReadErrors, WriteErrors};
use super::ratelimit::{ClientIp, RateLimiter, admit, record};
use super::{ApiError, AppError};
use crate::config::Config;
use crate::db::Db;
use crate::domain::FieldErrors;
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

type ApiResult<T> = Result<(Status, Json<T>), ApiError>;

fn email(emails: &Emails, acknowledged: bool) -> EmailStatus {
    EmailStatus {
        status: emails.email_status(acknowledged),
    }
}

#[utoipa::path(post, path = "/api/events", tag = "events", request_body = NewEvent,
    responses((status = 201, description = "The event, and what became of its email", body = EventCreated,
        links(("get_event" = (operation_id = "get_event", parameters(("slug" = "$response.body#/event/slug")))),
            ("create_offer" = (operation_id = "create_offer", parameters(("slug" = "$response.body#/event/slug")))),
            ("create_need" = (operation_id = "create_need", parameters(("slug" = "$response.body#/event/slug")))))),
        CreateEventErrors))]
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
) -> ApiResult<EventCreated> {
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
    // A series: every date, the first included, in order.
    let occurrences = (!created.others.is_empty()).then(|| {
        std::iter::once(&created.event)
            .chain(&created.others)
            .map(|e| Event::new(e, urls))
            .collect()
    });
    Ok((
        Status::Created,
        Json(EventCreated {
            event: Event::new(&created.event, urls),
            email: email(emails, created.acknowledged),
            occurrences,
        }),
    ))
}

/// With `near` (a place or `lat,lon`), offers carry `distance_km`, nearest first, those
/// beyond `radius_km` left out (DESIGN §8.1).
#[utoipa::path(get, path = "/api/events/{slug}", tag = "events",
    params(("slug" = String, Path, description = "The event's slug"),
        ("near" = Option<String>, Query, description = "A place, or `lat,lon`: offers get `distance_km`, nearest first"),
        ("radius_km" = Option<f64>, Query, description = "With `near`: leave out offers farther than this")),
    responses((status = 200, description = "The event, its offers and the passengers waiting", body = EventPage),
        EventReadErrors))]
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
) -> ApiResult<EventPage> {
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
    let offers: Vec<Offer> = match from {
        Some(from) => sort_by_distance(from, radius, offers.iter())
            .into_iter()
            .map(|(o, km)| Offer {
                distance_km: Some(km),
                ..Offer::new(o, event, urls)
            })
            .collect(),
        None => offers.iter().map(|o| Offer::new(o, event, urls)).collect(),
    };
    let waiting = data.2;
    // One date of a series: every date of it, in order.
    let series = match event.series_id {
        Some(series) => Some(
            events::occurrences(db, series)
                .await?
                .iter()
                .map(|e| Event::new(e, urls))
                .collect(),
        ),
        None => None,
    };
    Ok((
        Status::Ok,
        Json(EventPage {
            event: Event::new(event, urls),
            offers,
            needs: NeedsWaiting {
                to_event: waiting.to_event,
                from_event: waiting.from_event,
            },
            series,
        }),
    ))
}

#[utoipa::path(post, path = "/api/events/{slug}/offers", tag = "offers", request_body = NewOffer,
    params(("slug" = String, Path, description = "The event's slug")),
    responses((status = 201, description = "The offer (and its return trip), and what became of its email", body = OfferCreated,
        links(("get_offer" = (operation_id = "get_offer", parameters(("id" = "$response.body#/offer/id")))),
            ("create_reservation" = (operation_id = "create_reservation", parameters(("id" = "$response.body#/offer/id")))))),
        WriteErrors))]
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
) -> ApiResult<OfferCreated> {
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
        .map(|o| Offer::new(o, &event, urls));
    // The same ride on other dates of the series, each with its event and ride back.
    let repeated = (!published.repeated.is_empty()).then(|| {
        published
            .repeated
            .iter()
            .zip(&also)
            .map(|((o, b), e)| Repeated {
                offer: Offer::new(o, e, urls),
                return_offer: b.as_ref().map(|b| Offer::new(b, e, urls)),
            })
            .collect()
    });
    Ok((
        Status::Created,
        Json(OfferCreated {
            offer: Offer::new(&published.offer, &event, urls),
            return_offer,
            email: email(emails, published.acknowledged),
            repeated,
        }),
    ))
}

#[utoipa::path(get, path = "/api/offers/{id}", tag = "offers", params(("id" = String, Path, description = "The offer's public id")),
    responses((status = 200, description = "The offer", body = OfferPage,
        links(("create_reservation" = (operation_id = "create_reservation", parameters(("id" = "$response.body#/offer/id")))))),
        ReadErrors))]
#[get("/api/offers/<id>")]
async fn get_offer(urls: &State<Urls>, db: &State<Db>, id: &str) -> ApiResult<OfferPage> {
    let view = offers::get(db, id).await?;
    Ok((
        Status::Ok,
        Json(OfferPage {
            offer: Offer::new(&view.offer, &view.event, urls),
        }),
    ))
}

#[utoipa::path(post, path = "/api/offers/{id}/reservations", tag = "offers", request_body = NewReservation,
    params(("id" = String, Path, description = "The offer's public id")),
    responses((status = 201, description = "The request, sent to the driver", body = ReservationCreated), WriteErrors))]
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
) -> ApiResult<ReservationCreated> {
    // The service reads the ride and its event in its transaction: nothing is read before.
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
        booking::OfferKey::Public(id),
        new,
        config.request_ttl,
        Utc::now(),
    )
    .await?;
    record(limiter, &ip, &raw.passenger_email);
    let r = &done.reservation;
    Ok((
        Status::Created,
        Json(ReservationCreated {
            reservation: Reservation {
                id: r.id,
                status: r.status.as_str(),
                seats: r.seats,
                expires_at: time(r.expires_at, done.event.zone()),
            },
            email: email(emails, done.acknowledged),
        }),
    ))
}

#[utoipa::path(post, path = "/api/events/{slug}/needs", tag = "events", request_body = NewNeed,
    params(("slug" = String, Path, description = "The event's slug")),
    responses((status = 201, description = "The need, and what became of its email", body = NeedCreated), WriteErrors))]
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
) -> ApiResult<NeedCreated> {
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
        Json(NeedCreated {
            need: Need {
                id: n.public_id.clone(),
                status: n.status.as_str(),
                direction: n.direction.as_str(),
                place: n.place.clone(),
                seats: n.seats,
            },
            email: email(emails, created.acknowledged),
        }),
    ))
}
