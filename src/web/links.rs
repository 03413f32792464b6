//! `/link/{purpose}/{token}`: GET (and HEAD) only show what the link will do, with a button
//! that POSTs to the same address; the POST acts and redirects to the result. Mail scanners
//! that fetch every link therefore change nothing. Every outcome has its own page and status.
use askama::Template;
use chrono::{DateTime, Utc};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{Either, Route, State, get, post, routes};

use super::body::FormFields;
use super::lang::ReqLang;
use super::link_texts::{LT, status_label, time_left};
use super::manage;
use super::{Ctx, Page};
use crate::config::Config;
use crate::db::Db;
use crate::domain::{Lang, OptionalText, ReservationStatus};
use crate::error::AppError;
use crate::i18n::T;
use crate::links::{LinkError, Purpose, Verified, trip_end, verify};
use crate::mail::Mailer;
use crate::mail::compose::zone;
use crate::services::decisions::{self, Outcome};

pub fn routes() -> Vec<Route> {
    let mut all = routes![show, accept, refuse, cancel_booking];
    all.extend(manage::routes());
    all
}

#[derive(Template)]
#[template(path = "pages/link_outcome.html")]
pub struct OutcomePage {
    pub ctx: Ctx,
    pub title: &'static str,
    pub message: String,
    pub back: Option<(String, &'static str)>,
}

/// A page for one outcome, with its status.
pub fn outcome_page(
    lang: Lang,
    path: &str,
    status: Status,
    title: &'static str,
    message: String,
    back: Option<(String, &'static str)>,
) -> Result<Page, AppError> {
    Page::render(
        status,
        &OutcomePage {
            ctx: Ctx::new(lang, path),
            title,
            message,
            back,
        },
    )
}

/// Verifies the token for `purpose`, or gives the page that explains why it cannot be used.
pub fn verified(
    config: &Config,
    lang: Lang,
    path: &str,
    purpose: Purpose,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Verified, Result<Page, AppError>> {
    let lt = LT::get(lang);
    match verify(&config.secret_keys, purpose, token, now) {
        Ok(v) => Ok(v),
        Err(LinkError::Invalid) => Err(outcome_page(
            lang,
            path,
            Status::BadRequest,
            lt.invalid_title,
            lt.invalid_body.into(),
            None,
        )),
        Err(LinkError::Expired { .. }) => Err(expired_page(lang, path)),
    }
}

/// The page of a link past its lifetime, or past the end of what it granted.
pub fn expired_page(lang: Lang, path: &str) -> Result<Page, AppError> {
    let lt = LT::get(lang);
    outcome_page(
        lang,
        path,
        Status::Gone,
        lt.expired_link_title,
        lt.expired_link_body.into(),
        None,
    )
}

/// The page for an action that did not (or did not need to) happen.
pub fn refusal_page(
    lang: Lang,
    path: &str,
    outcome: &Outcome,
    back: Option<(String, &'static str)>,
) -> Result<Page, AppError> {
    let lt = LT::get(lang);
    let t = T::get(lang);
    let (status, title, message) = match outcome {
        Outcome::Done => (Status::Ok, lt.already_title, String::new()),
        Outcome::AlreadyDone(s) => (
            Status::Conflict,
            lt.already_title,
            format!(
                "{} {} : {}.",
                lt.already_body,
                lt.current_state,
                status_label(lang, s.as_str(), None)
            ),
        ),
        Outcome::RequestExpired => (
            Status::Gone,
            lt.request_expired_title,
            lt.request_expired_body.into(),
        ),
        Outcome::NotEnoughSeats { left } => (
            Status::Conflict,
            lt.not_enough_title,
            t.not_enough_seats(*left),
        ),
        Outcome::OfferCancelled => (
            Status::Conflict,
            lt.offer_cancelled_title,
            t.offer_cancelled_body.into(),
        ),
        Outcome::Departed => (Status::Conflict, lt.departed_title, t.departed_body.into()),
    };
    outcome_page(lang, path, status, title, message, back)
}

#[derive(Template)]
#[template(path = "pages/link_request.html")]
struct RequestPage {
    ctx: Ctx,
    lt: &'static LT,
    /// "accept" or "refuse".
    purpose: &'static str,
    action: String,
    trip_label: String,
    trip_when: String,
    trip_place: String,
    passenger: String,
    seats: i32,
    pickup: String,
    message: String,
    phone: Option<String>,
    email: String,
    deadline: String,
    time_left: String,
    seats_left: i32,
    pending: bool,
    state: &'static str,
    done: bool,
    manage_url: String,
}

#[derive(Template)]
#[template(path = "pages/link_booking.html")]
struct BookingPage {
    ctx: Ctx,
    lt: &'static LT,
    action: String,
    event_name: String,
    event_slug: String,
    trip_label: String,
    trip_when: String,
    trip_place: String,
    seats: i32,
    pickup: String,
    state: &'static str,
    pending: bool,
    confirmed: bool,
    can_cancel: bool,
    deadline: String,
    driver_name: String,
    driver_phone: Option<String>,
    driver_email: String,
    done: bool,
}

fn trip_label(lang: Lang, direction: &str, event: &str) -> String {
    let to = direction == "to_event";
    match (lang, to) {
        (Lang::Fr, true) => format!("Aller vers {event}"),
        (Lang::Fr, false) => format!("Retour depuis {event}"),
        (Lang::En, true) => format!("Ride to {event}"),
        (Lang::En, false) => format!("Ride back from {event}"),
    }
}

#[get("/link/<purpose>/<token>?<done>")]
async fn show(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    mailer: &State<Mailer>,
    purpose: &str,
    token: &str,
    done: Option<&str>,
) -> Result<Page, AppError> {
    let Some(p) = Purpose::parse(purpose) else {
        return Err(AppError::NotFound);
    };
    let now = Utc::now();
    let path = format!("/link/{purpose}/{token}");
    let link = match verified(config, lang.0, &path, p, token, now) {
        Ok(v) => v,
        Err(page) => return page,
    };
    let id = link.id;
    let lang = lang.0;
    let (t, lt) = (T::get(lang), LT::get(lang));
    match p {
        Purpose::Accept | Purpose::Refuse => {
            let l = decisions::load(&db.conn, id, None).await?;
            let z = zone(&l.event);
            let r = &l.reservation;
            let pending = r.status == ReservationStatus::Pending.as_str() && r.expires_at > now;
            let page = RequestPage {
                ctx: Ctx::new(lang, &path),
                lt,
                purpose: if p == Purpose::Accept {
                    "accept"
                } else {
                    "refuse"
                },
                action: path.clone(),
                trip_label: trip_label(lang, &l.offer.direction, &l.event.name),
                trip_when: t.datetime(l.offer.departs_at, z),
                trip_place: l.offer.place.clone(),
                passenger: r.passenger_name.clone(),
                seats: r.seats,
                pickup: r.pickup.clone(),
                message: r.message.clone(),
                phone: r.passenger_phone.clone(),
                email: r.passenger_email.clone(),
                deadline: t.datetime(r.expires_at, z),
                time_left: time_left((r.expires_at - now).num_seconds()),
                seats_left: l.offer.seats_left(),
                pending,
                state: if r.status == "pending" && !pending {
                    status_label(lang, "expired", None)
                } else {
                    status_label(lang, &r.status, r.reason.as_deref())
                },
                done: done.is_some(),
                // Never outlives the link opened, nor the ride.
                manage_url: mailer.links.path(
                    Purpose::Manage,
                    l.offer.id,
                    now,
                    link.expires.min(trip_end(l.offer.departs_at)),
                ),
            };
            Page::render(Status::Ok, &page)
        }
        Purpose::Booking => {
            let l = decisions::load(&db.conn, id, None).await?;
            if now >= trip_end(l.offer.departs_at) {
                // The driver's contact is no business of anyone's once the trip is long over.
                return expired_page(lang, &path);
            }
            let z = zone(&l.event);
            let r = &l.reservation;
            let status = ReservationStatus::parse(&r.status);
            let confirmed = status == Some(ReservationStatus::Confirmed);
            let pending = status == Some(ReservationStatus::Pending) && r.expires_at > now;
            let page = BookingPage {
                ctx: Ctx::new(lang, &path),
                lt,
                action: path.clone(),
                event_name: l.event.name.clone(),
                event_slug: l.event.slug.clone(),
                trip_label: trip_label(lang, &l.offer.direction, &l.event.name),
                trip_when: t.datetime(l.offer.departs_at, z),
                trip_place: l.offer.place.clone(),
                seats: r.seats,
                pickup: r.pickup.clone(),
                state: if status == Some(ReservationStatus::Pending) && !pending {
                    status_label(lang, "expired", None)
                } else {
                    status_label(lang, &r.status, r.reason.as_deref())
                },
                pending,
                confirmed,
                can_cancel: (pending || confirmed) && l.offer.departs_at > now,
                deadline: t.datetime(r.expires_at, z),
                driver_name: l.offer.driver_name.clone(),
                driver_phone: l.offer.driver_phone.clone(),
                driver_email: l.offer.driver_email.clone(),
                done: done.is_some(),
            };
            Page::render(Status::Ok, &page)
        }
        Purpose::Manage => {
            manage::manage_page(config, db, mailer, lang, &path, link, done, None).await
        }
        Purpose::Event => manage::organiser_page(config, db, lang, &path, id).await,
    }
}

fn after(
    outcome: Outcome,
    lang: Lang,
    path: &str,
    back: Option<(String, &'static str)>,
) -> Result<Either<Redirect, Page>, AppError> {
    match outcome {
        Outcome::Done => Ok(Either::Left(Redirect::to(format!("{path}?done=1")))),
        other => Ok(Either::Right(refusal_page(lang, path, &other, back)?)),
    }
}

#[post("/link/accept/<token>")]
async fn accept(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    mailer: &State<Mailer>,
    token: &str,
) -> Result<Either<Redirect, Page>, AppError> {
    let now = Utc::now();
    let path = format!("/link/accept/{token}");
    let id = match verified(config, lang.0, &path, Purpose::Accept, token, now) {
        Ok(v) => v.id,
        Err(page) => return page.map(Either::Right),
    };
    let outcome = decisions::accept(db, mailer, id, None, now).await?;
    after(outcome, lang.0, &path, None)
}

#[post("/link/refuse/<token>", data = "<fields>")]
async fn refuse(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    mailer: &State<Mailer>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Result<Either<Redirect, Page>, AppError> {
    let now = Utc::now();
    let path = format!("/link/refuse/{token}");
    let id = match verified(config, lang.0, &path, Purpose::Refuse, token, now) {
        Ok(v) => v.id,
        Err(page) => return page.map(Either::Right),
    };
    let fields = fields?;
    let note = OptionalText::parse(&fields.get("note"), 500).map_err(|why| {
        let mut errors = crate::domain::FieldErrors::default();
        errors.add("note", why);
        AppError::Invalid(errors)
    })?;
    let outcome = decisions::refuse(db, mailer, id, None, &note.into_string(), now).await?;
    after(outcome, lang.0, &path, None)
}

#[post("/link/booking/<token>")]
async fn cancel_booking(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    mailer: &State<Mailer>,
    token: &str,
) -> Result<Either<Redirect, Page>, AppError> {
    let now = Utc::now();
    let path = format!("/link/booking/{token}");
    let id = match verified(config, lang.0, &path, Purpose::Booking, token, now) {
        Ok(v) => v.id,
        Err(page) => return page.map(Either::Right),
    };
    let outcome = decisions::cancel_by_passenger(db, mailer, id, now).await?;
    after(
        outcome,
        lang.0,
        &path,
        Some((path.clone(), LT::get(lang.0).back)),
    )
}
