//! Public pages: home, create an event, the event page, offer a ride, the offer page with its
//! booking form, and the confirmation. They work without JavaScript; forms re-render with
//! their errors and what was typed.
use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{Either, Route, State, get, post, routes};

use super::body::FormFields;
use super::lang::ReqLang;
use super::links::outcome_page;
use super::ratelimit::{ClientIp, RateLimiter, admit, record};
use super::{Ctx, FormView, Page, Shell};
use crate::config::Config;
use crate::db::Db;
use crate::domain::{Direction, FieldErrors, OfferStatus, PublicId, Slug};
use crate::entities::{event, offer};
use crate::error::AppError;
use crate::i18n::T;
use crate::links::{Purpose, event_end, trip_end};
use crate::mail::Mailer;
use crate::metrics::Metrics;
use crate::services::events::EventCache;
use crate::services::{booking, events, input, offers};

/// The routes that also serve the widget under `/embed` (the event page has its own there).
pub fn embed_routes() -> Vec<Route> {
    routes![new_offer, create_offer, offer_page, book]
}

pub fn routes() -> Vec<Route> {
    routes![
        home,
        new_event,
        create_event,
        event_page,
        new_offer,
        create_offer,
        offer_page,
        book
    ]
}

/// One offer as listed on a page (no contact details, first name only).
pub struct OfferRow {
    /// The public identifier.
    pub id: String,
    pub when: String,
    pub place: String,
    pub driver: String,
    pub notes: String,
    pub seats_total: i32,
    pub seats_left: i32,
    /// "", or the reason it cannot be booked (full, cancelled, departed).
    pub badge: &'static str,
    pub seats_text: String,
}

impl OfferRow {
    pub fn new(o: &offer::Model, zone: Tz, t: &T, now: DateTime<Utc>) -> OfferRow {
        let badge = if o.status == OfferStatus::Cancelled.as_str() {
            t.cancelled_offer
        } else if o.departs_at <= now {
            t.departed
        } else if o.seats_left() == 0 {
            t.full
        } else {
            ""
        };
        OfferRow {
            id: o.public_id.clone(),
            when: t.datetime(o.departs_at, zone),
            place: o.place.clone(),
            driver: o.driver_first_name().to_owned(),
            notes: o.notes.clone(),
            seats_total: o.seats_total,
            seats_left: o.seats_left(),
            badge,
            seats_text: t.seats_left(o.seats_left()),
        }
    }

    pub fn bookable(&self) -> bool {
        self.badge.is_empty()
    }
}

fn zone(event: &event::Model) -> Tz {
    event.timezone.parse().unwrap_or(Tz::UTC)
}

/// A hidden field that people never see nor fill in; bots that fill every field do. A caught
/// submission goes through the same checks and gets the same answer as a real one (a form
/// with its errors, or a success with a well-formed address), but nothing is saved or sent.
fn caught_by_honeypot(fields: &FormFields) -> bool {
    let caught = !fields.get("website").trim().is_empty();
    if caught {
        tracing::info!("honeypot field filled in: submission dropped");
    }
    caught
}

fn shell_path(slug: &str) -> String {
    format!("/e/{slug}")
}

/// Saved, but its acknowledgement was not emailed (the address reached its hourly cap): the
/// person gets their private link here instead.
fn unemailed(lang: crate::domain::Lang, path: &str, link: String) -> Result<Page, AppError> {
    let t = T::get(lang);
    outcome_page(
        lang,
        path,
        Status::Created,
        t.request_sent_title,
        t.ack_suppressed.to_owned(),
        Some((link, t.open_private_page)),
    )
}

pub fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "pages/home.html")]
struct HomePage {
    ctx: Ctx,
}

#[get("/")]
fn home(lang: ReqLang) -> Result<Page, AppError> {
    Page::render(
        Status::Ok,
        &HomePage {
            ctx: Ctx::new(lang.0, "/"),
        },
    )
}

#[derive(Template)]
#[template(path = "pages/event_new.html")]
struct NewEventPage {
    ctx: Ctx,
    form: FormView,
}

#[get("/events/new")]
fn new_event(lang: ReqLang, config: &State<Config>) -> Result<Page, AppError> {
    let t = T::get(lang.0);
    let mut form = FormView::empty(t);
    form.set("timezone", config.default_timezone.name().to_owned());
    form.set("locale", lang.0.code().to_owned());
    Page::render(
        Status::Ok,
        &NewEventPage {
            ctx: Ctx::new(lang.0, "/events/new"),
            form,
        },
    )
}

fn raw_event(f: &FormFields) -> input::RawEvent {
    input::RawEvent {
        name: f.get("name"),
        venue: f.get("venue"),
        starts_at: f.get("starts_at"),
        timezone: f.get("timezone"),
        organizer_name: f.get("organizer_name"),
        organizer_email: f.get("organizer_email"),
        locale: f.get("locale"),
    }
}

#[post("/events", data = "<fields>")]
async fn create_event(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    mailer: &State<Mailer>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    fields: Result<FormFields, AppError>,
) -> Result<Either<Redirect, Page>, AppError> {
    let fields = fields?;
    let trapped = caught_by_honeypot(&fields);
    admit(limiter, &ip, &fields.get("organizer_email"))?;
    let now = Utc::now();
    let raw = raw_event(&fields);
    match input::validate_event(
        &raw,
        fields.encoding_errors(),
        config.default_timezone,
        lang.0,
        now,
    ) {
        Ok(new) if trapped => Ok(Either::Left(Redirect::to(format!(
            "/e/{}?created=1",
            Slug::generate(&new.name).as_str()
        )))),
        Ok(new) => {
            let created = events::create(db, mailer, new, now).await?;
            record(limiter, &ip, &fields.get("organizer_email"));
            let event = created.event;
            if !created.acknowledged {
                let link =
                    mailer
                        .links
                        .path(Purpose::Event, event.id, now, event_end(event.starts_at));
                return unemailed(lang.0, &shell_path(&event.slug), link).map(Either::Right);
            }
            Ok(Either::Left(Redirect::to(format!(
                "/e/{}?created=1",
                event.slug
            ))))
        }
        Err(errors) => {
            let form = FormView::with_values(T::get(lang.0), fields.values, &errors);
            let page = NewEventPage {
                ctx: Ctx::new(lang.0, "/events/new"),
                form,
            };
            Ok(Either::Right(Page::render(
                Status::UnprocessableEntity,
                &page,
            )?))
        }
    }
}

#[derive(Template)]
#[template(path = "pages/event.html")]
struct EventPage {
    ctx: Ctx,
    event: event::Model,
    when: String,
    url: String,
    snippet: String,
    created: bool,
    sections: Vec<Section>,
}

pub struct Section {
    pub title: &'static str,
    pub direction: &'static str,
    pub rows: Vec<OfferRow>,
}

pub fn embed_snippet(base_url: &str, slug: &str) -> String {
    format!("<script src=\"{base_url}/widget.js\" data-event=\"{slug}\" async></script>")
}

#[get("/e/<slug>?<created>")]
async fn event_page(
    shell: Shell,
    config: &State<Config>,
    db: &State<Db>,
    cache: &State<EventCache>,
    slug: &str,
    created: Option<&str>,
) -> Result<Page, AppError> {
    event_view(&shell, config, db, cache, slug, created.is_some()).await
}

/// The event page, on the site or in the widget.
pub async fn event_view(
    shell: &Shell,
    config: &Config,
    db: &Db,
    cache: &EventCache,
    slug: &str,
    created: bool,
) -> Result<Page, AppError> {
    let data = events::with_offers_cached(db, cache, slug).await?;
    let (event, offers) = (&data.0, &data.1);
    let t = T::get(shell.lang);
    let now = Utc::now();
    let z = zone(event);
    let section = |d: Direction, title| Section {
        title,
        direction: d.as_str(),
        rows: offers
            .iter()
            .filter(|o| o.direction == d.as_str())
            .map(|o| OfferRow::new(o, z, t, now))
            .collect(),
    };
    let page = EventPage {
        ctx: Ctx::in_shell(shell, &shell.event_path(&event.slug)),
        when: t.datetime(event.starts_at, z),
        url: format!("{}/e/{}", config.base_url, event.slug),
        snippet: embed_snippet(&config.base_url, &event.slug),
        created: created && !shell.embed,
        sections: vec![
            section(Direction::ToEvent, t.rides_to),
            section(Direction::FromEvent, t.rides_from),
        ],
        event: event.clone(),
    };
    Page::render(Status::Ok, &page)
}

#[derive(Template)]
#[template(path = "pages/offer_new.html")]
struct NewOfferPage {
    ctx: Ctx,
    event: event::Model,
    when: String,
    form: FormView,
}

#[get("/e/<slug>/offers/new?<direction>")]
async fn new_offer(
    lang: ReqLang,
    shell: Shell,
    db: &State<Db>,
    slug: &str,
    direction: Option<&str>,
) -> Result<Page, AppError> {
    let event = events::by_slug(db, slug).await?;
    let t = T::get(lang.0);
    let mut form = FormView::empty(t);
    let direction = direction
        .and_then(Direction::parse)
        .unwrap_or(Direction::ToEvent);
    form.set("direction", direction.as_str().to_owned());
    form.set("seats", "3".to_owned());
    form.set("locale", lang.0.code().to_owned());
    let page = NewOfferPage {
        ctx: Ctx::in_shell(&shell, &shell.new_offer_path(&event.slug)),
        when: t.datetime(event.starts_at, zone(&event)),
        event,
        form,
    };
    Page::render(Status::Ok, &page)
}

pub fn raw_offer(f: &FormFields) -> input::RawOffer {
    input::RawOffer {
        driver_name: f.get("driver_name"),
        driver_email: f.get("driver_email"),
        driver_phone: f.get("driver_phone"),
        direction: f.get("direction"),
        place: f.get("place"),
        departs_at: f.get("departs_at"),
        seats: f.get("seats"),
        notes: f.get("notes"),
        locale: f.get("locale"),
        return_departs_at: f.get("return_departs_at"),
        return_seats: f.get("return_seats"),
        return_place: f.get("return_place"),
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/e/<slug>/offers", data = "<fields>")]
async fn create_offer(
    lang: ReqLang,
    shell: Shell,
    config: &State<Config>,
    db: &State<Db>,
    mailer: &State<Mailer>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    slug: &str,
    fields: Result<FormFields, AppError>,
) -> Result<Either<Redirect, Page>, AppError> {
    let event = events::by_slug(db, slug).await?;
    let fields = fields?;
    let trapped = caught_by_honeypot(&fields);
    admit(limiter, &ip, &fields.get("driver_email"))?;
    let now = Utc::now();
    match input::validate_offer(
        &raw_offer(&fields),
        fields.encoding_errors(),
        &event,
        lang.0,
        now,
    ) {
        Ok(_) if trapped => Ok(Either::Left(Redirect::to(
            shell.offer_with(PublicId::generate().as_str(), "published=1"),
        ))),
        Ok(new) => {
            let published =
                offers::publish(db, mailer, &event, new, config.reminder_time, now).await?;
            record(limiter, &ip, &fields.get("driver_email"));
            if !published.acknowledged {
                let o = &published.offer;
                let link = mailer
                    .links
                    .path(Purpose::Manage, o.id, now, trip_end(o.departs_at));
                return unemailed(lang.0, &shell.offer_path(&o.public_id), link).map(Either::Right);
            }
            Ok(Either::Left(Redirect::to(
                shell.offer_with(&published.offer.public_id, "published=1"),
            )))
        }
        Err(errors) => {
            let t = T::get(lang.0);
            let page = NewOfferPage {
                ctx: Ctx::in_shell(&shell, &shell.new_offer_path(&event.slug)),
                when: t.datetime(event.starts_at, zone(&event)),
                event,
                form: FormView::with_values(t, fields.values, &errors),
            };
            Ok(Either::Right(Page::render(
                Status::UnprocessableEntity,
                &page,
            )?))
        }
    }
}

#[derive(Template)]
#[template(path = "pages/offer.html")]
struct OfferPage {
    ctx: Ctx,
    event: event::Model,
    offer: OfferRow,
    direction: Direction,
    linked: Option<OfferRow>,
    published: bool,
    form: FormView,
}

fn offer_page_view(
    view: offers::OfferView,
    shell: &Shell,
    form: FormView,
    published: bool,
) -> OfferPage {
    let t = T::get(shell.lang);
    let now = Utc::now();
    let z = zone(&view.event);
    OfferPage {
        ctx: Ctx::in_shell(shell, &shell.offer_path(&view.offer.public_id)),
        offer: OfferRow::new(&view.offer, z, t, now),
        direction: Direction::parse(&view.offer.direction).unwrap_or(Direction::ToEvent),
        linked: view.linked.as_ref().map(|o| OfferRow::new(o, z, t, now)),
        event: view.event,
        published,
        form,
    }
}

#[get("/o/<id>?<published>")]
async fn offer_page(
    lang: ReqLang,
    shell: Shell,
    db: &State<Db>,
    id: &str,
    published: Option<bool>,
) -> Result<Page, AppError> {
    let view = offers::get(db, id).await?;
    let mut form = FormView::empty(T::get(lang.0));
    form.set("seats", "1".to_owned());
    form.set("locale", lang.0.code().to_owned());
    Page::render(
        Status::Ok,
        &offer_page_view(view, &shell, form, published.is_some()),
    )
}

pub fn raw_reservation(f: &FormFields) -> input::RawReservation {
    input::RawReservation {
        passenger_name: f.get("passenger_name"),
        passenger_email: f.get("passenger_email"),
        passenger_phone: f.get("passenger_phone"),
        seats: f.get("seats"),
        pickup: f.get("pickup"),
        message: f.get("message"),
        locale: f.get("locale"),
    }
}

#[derive(Template)]
#[template(path = "pages/booked.html")]
struct BookedPage {
    ctx: Ctx,
    event: event::Model,
    offer: OfferRow,
    seats: i32,
    deadline: String,
    email_line: &'static str,
    /// The passenger's own page, when their confirmation could not be emailed.
    status_url: Option<String>,
    to_event: bool,
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/o/<id>/requests", data = "<fields>")]
async fn book(
    lang: ReqLang,
    shell: Shell,
    config: &State<Config>,
    db: &State<Db>,
    mailer: &State<Mailer>,
    metrics: &State<Metrics>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    id: &str,
    fields: Result<FormFields, AppError>,
) -> Result<Page, AppError> {
    let view = offers::get(db, id).await?;
    let fields = fields?;
    let t = T::get(lang.0);
    let now = Utc::now();
    let trapped = caught_by_honeypot(&fields);
    admit(limiter, &ip, &fields.get("passenger_email"))?;
    let refused = |errors: &FieldErrors, notice: Option<String>, status: Status, view| {
        let mut form = FormView::with_values(t, fields.values.clone(), errors);
        form.notice = notice;
        Page::render(status, &offer_page_view(view, &shell, form, false))
    };
    let new = match input::validate_reservation(
        &raw_reservation(&fields),
        fields.encoding_errors(),
        lang.0,
    ) {
        Ok(new) => new,
        Err(errors) => return refused(&errors, None, Status::UnprocessableEntity, view),
    };
    if trapped {
        // Looks like success to the bot; nothing is saved and no email goes out.
        let z = zone(&view.event);
        let page = BookedPage {
            ctx: Ctx::in_shell(&shell, &shell.offer_path(id)),
            offer: OfferRow::new(&view.offer, z, t, now),
            seats: new.seats.get(),
            deadline: t.datetime(
                booking::expiry(now, config.request_ttl, view.offer.departs_at),
                z,
            ),
            email_line: if mailer.captures() {
                t.email_captured
            } else {
                t.email_queued
            },
            status_url: None,
            to_event: view.offer.direction == Direction::ToEvent.as_str(),
            event: view.event,
        };
        return Page::render(Status::Created, &page);
    }
    match booking::request(db, mailer, view.offer.id, new, config.request_ttl, now).await {
        Ok(done) => {
            record(limiter, &ip, &fields.get("passenger_email"));
            let status_url = (!done.acknowledged).then(|| {
                let until = trip_end(done.offer.departs_at);
                mailer
                    .links
                    .path(Purpose::Booking, done.reservation.id, now, until)
            });
            metrics
                .bookings
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let z = zone(&view.event);
            let page = BookedPage {
                ctx: Ctx::in_shell(&shell, &shell.offer_path(id)),
                offer: OfferRow::new(&done.offer, z, t, now),
                seats: done.reservation.seats,
                deadline: t.datetime(done.reservation.expires_at, z),
                email_line: if status_url.is_some() {
                    t.ack_suppressed
                } else if mailer.captures() {
                    t.email_captured
                } else {
                    t.email_queued
                },
                status_url,
                to_event: done.offer.direction == Direction::ToEvent.as_str(),
                event: view.event,
            };
            Page::render(Status::Created, &page)
        }
        Err(AppError::Conflict(c)) => {
            // Show the offer as it is now (seats may have changed), with what was typed.
            let view = offers::get(db, id).await?;
            refused(
                &FieldErrors::default(),
                Some(c.message(t)),
                Status::Conflict,
                view,
            )
        }
        Err(e) => Err(e),
    }
}
