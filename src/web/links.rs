//! `/link/{purpose}/{token}`: GET (and HEAD) only show what the link will do, with a button
//! that POSTs to the same address; the POST acts and redirects to the result. Mail scanners
//! that fetch every link therefore change nothing, and the pages read without taking any lock.
//! Every outcome has its own page and status.
use askama::Template;
use chrono::{DateTime, Utc};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{Either, Route, State, get, post, routes};

use super::body::FormFields;
use super::error::{refusal_message, refusal_status};
use super::lang::ReqLang;
use super::{AppError, Ctx, Page, manage, organiser, route_view};
use crate::db::Db;
use crate::domain::{FieldErrors, Lang, OptionalText, Refusal, ReservationStatus};
use crate::i18n::T;
use crate::links::{LinkError, Purpose, Verified, trip_end};
use crate::mail::Emails;
use crate::services::{self, decisions, read};
use crate::urls::{Urls, paths};

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
    urls: &Urls,
    lang: Lang,
    path: &str,
    purpose: Purpose,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Verified, Result<Page, AppError>> {
    let lt = T::get(lang);
    match urls.verify(purpose, token, now) {
        Ok(v) => Ok(v),
        Err(LinkError::Invalid) => Err(outcome_page(
            lang,
            path,
            Status::BadRequest,
            lt.t("link-invalid-title"),
            lt.t("link-invalid-body").into(),
            None,
        )),
        Err(LinkError::Expired { .. }) => Err(expired_page(lang, path)),
    }
}

/// The page of a link past its lifetime, or past the end of what it granted.
pub fn expired_page(lang: Lang, path: &str) -> Result<Page, AppError> {
    let lt = T::get(lang);
    outcome_page(
        lang,
        path,
        Status::Gone,
        lt.t("link-expired-link-title"),
        lt.t("link-expired-link-body").into(),
        None,
    )
}

/// The page for an action that did not (or did not need to) happen.
pub fn refusal_page(
    lang: Lang,
    path: &str,
    refusal: Refusal,
    back: Option<(String, &'static str)>,
) -> Result<Page, AppError> {
    let lt = T::get(lang);
    let title = match refusal {
        Refusal::AlreadyDone(_) | Refusal::DuplicateRequest | Refusal::AlreadyAnswered => {
            lt.t("link-already-title")
        }
        Refusal::EventStarted | Refusal::DuplicateNeed | Refusal::NeedClosed(_) => {
            lt.t("need-closed-title")
        }
        Refusal::RequestExpired => lt.t("link-request-expired-title"),
        Refusal::NotEnoughSeats { .. } => lt.t("link-not-enough-title"),
        Refusal::OfferCancelled => lt.t("link-offer-cancelled-title"),
        Refusal::Departed => lt.t("link-departed-title"),
        Refusal::EventCancelled => lt.t("org-event-cancelled-title"),
        Refusal::BookingClosed => lt.t("org-booking-closed-title"),
        Refusal::LinkRevoked => lt.t("org-revoked-title"),
        Refusal::TooManyMessages => lt.t("org-msg-too-many-title"),
    };
    let message = refusal_message(lang, refusal);
    outcome_page(lang, path, refusal_status(refusal), title, message, back)
}

/// A link's POST answered: done (303 to the page with `?done=…`), refused (its page), or the
/// error.
pub fn answered(
    result: services::Result<()>,
    lang: Lang,
    path: &str,
    done: &str,
    back: Option<(String, &'static str)>,
) -> Result<Either<Redirect, Page>, AppError> {
    match result {
        Ok(()) => Ok(Either::Left(Redirect::to(format!("{path}?done={done}")))),
        Err(services::Error::Refused(r)) => refusal_page(lang, path, r, back).map(Either::Right),
        Err(e) => Err(e.into()),
    }
}

/// The state of a request as its pages say it (a pending request past its expiry is expired).
fn state(lang: Lang, r: &crate::entities::reservation::Model, now: DateTime<Utc>) -> &'static str {
    if r.status == ReservationStatus::Pending && r.expires_at <= now {
        T::get(lang).status(ReservationStatus::Expired, None)
    } else {
        T::get(lang).status(r.status, r.reason)
    }
}

#[derive(Template)]
#[template(path = "pages/link_request.html")]
struct RequestPage {
    ctx: Ctx,
    lt: &'static T,
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
    /// (as written, `tel:` link)
    phone: Option<(String, String)>,
    email: String,
    deadline: String,
    time_left: String,
    seats_left: i32,
    pending: bool,
    state: &'static str,
    done: bool,
    manage_url: String,
    /// The driver's detour with this passenger aboard, and whether it goes beyond the
    /// driver's maximum (when the driver set one and the router answered).
    detour: Option<(String, bool)>,
}

#[derive(Template)]
#[template(path = "pages/link_booking.html")]
struct BookingPage {
    ctx: Ctx,
    lt: &'static T,
    action: String,
    event_name: String,
    event_url: String,
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
    /// (as written, `tel:` link)
    driver_phone: Option<(String, String)>,
    driver_email: String,
    done: bool,
    /// Emails to the passenger's own address come back.
    own_email_bounces: bool,
    own_email: String,
    /// Emails to the driver come back.
    driver_bounces: bool,
    /// (label id, time) at the passenger's stop, from the router.
    stop: Option<(&'static str, String)>,
    /// The suggested contribution, in words, when the operator set a rate.
    contribution: Option<String>,
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[get("/link/<purpose>/<token>?<done>&<answer>")]
async fn show(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    config: &State<crate::config::Config>,
    places: &State<crate::services::places::Places>,
    purpose: &str,
    token: &str,
    done: Option<&str>,
    answer: Option<&str>,
) -> Result<Page, AppError> {
    let Some(p) = Purpose::parse(purpose) else {
        return Err(AppError::NotFound);
    };
    let now = Utc::now();
    let path = paths::link(p, token);
    if p == Purpose::Event {
        // Also `<token>~<id>`: one date of a series, through the series' one link.
        let (base, id, reader) =
            match super::organiser_actions::reader_of(urls, db, lang.0, token, now).await {
                Ok(v) => v,
                Err(page) => return page,
            };
        let map = (places.inner(), config.tile_map.as_ref());
        return organiser::organiser_page(urls, db, map, lang.0, &base, (id, reader), done, None)
            .await;
    }
    let link = match verified(urls, lang.0, &path, p, token, now) {
        Ok(v) => v,
        Err(page) => return page,
    };
    let lang = lang.0;
    let (t, lt) = (T::get(lang), T::get(lang));
    match p {
        Purpose::Accept | Purpose::Refuse => {
            let v = read::request(db, link.id).await?;
            let (r, o, e) = (&v.reservation, &v.offer, &v.event);
            let z = e.zone();
            let pending = r.status == ReservationStatus::Pending && r.expires_at > now;
            let page = RequestPage {
                ctx: Ctx::new(lang, &path),
                lt,
                purpose: if p == Purpose::Accept {
                    "accept"
                } else {
                    "refuse"
                },
                action: path.clone(),
                trip_label: T::get(lang).trip_label(o.direction, &e.name),
                trip_when: t.datetime(o.departs_at, z),
                trip_place: o.place.clone(),
                passenger: r.passenger_name.clone(),
                seats: r.seats,
                pickup: r.pickup.clone(),
                message: r.message.clone(),
                phone: r
                    .passenger_phone
                    .as_ref()
                    .map(|p| (p.clone(), crate::domain::phone::tel_in_zone(p, z))),
                email: r.passenger_email.clone(),
                deadline: t.datetime(r.expires_at, z),
                time_left: T::get(lang).time_left((r.expires_at - now).num_seconds()),
                seats_left: o.seats_left(),
                pending,
                state: state(lang, r, now),
                done: done.is_some(),
                detour: (r.detour_s).map(|s| route_view::detour(t, s, o.max_detour_min)),
                // Never outlives the link opened, nor the ride.
                manage_url: urls.link_path(
                    Purpose::Manage,
                    o.id,
                    now,
                    link.expires.min(trip_end(o.departs_at)),
                ),
            };
            Page::render(Status::Ok, &page)
        }
        Purpose::Booking => {
            let v = read::request(db, link.id).await?;
            let (r, o, e) = (&v.reservation, &v.offer, &v.event);
            if now >= trip_end(o.departs_at) {
                // The driver's contact is no business of anyone's once the trip is long over.
                return expired_page(lang, &path);
            }
            let z = e.zone();
            let confirmed = r.status == ReservationStatus::Confirmed;
            let pending = r.status == ReservationStatus::Pending && r.expires_at > now;
            let page = BookingPage {
                ctx: Ctx::new(lang, &path),
                lt,
                action: path.clone(),
                event_name: e.name.clone(),
                event_url: paths::event(&e.slug),
                trip_label: T::get(lang).trip_label(o.direction, &e.name),
                trip_when: t.datetime(o.departs_at, z),
                trip_place: o.place.clone(),
                seats: r.seats,
                pickup: r.pickup.clone(),
                state: state(lang, r, now),
                pending,
                confirmed,
                can_cancel: (pending || confirmed) && o.departs_at > now,
                deadline: t.datetime(r.expires_at, z),
                driver_name: o.driver_name.clone(),
                driver_phone: o
                    .driver_phone
                    .as_ref()
                    .map(|p| (p.clone(), crate::domain::phone::tel_in_zone(p, z))),
                driver_email: o.driver_email.clone(),
                done: done.is_some(),
                own_email_bounces: v.passenger_bounces,
                own_email: r.passenger_email.clone(),
                driver_bounces: v.driver_bounces && (pending || confirmed),
                contribution: route_view::contribution(t, config.contribution.as_ref(), o, e),
                stop: (r.stop_at)
                    .filter(|_| confirmed)
                    .map(|at| route_view::stop(t, o.direction, at, z)),
            };
            Page::render(Status::Ok, &page)
        }
        Purpose::Manage => manage::manage_page(urls, db, lang, &path, link, done, None).await,
        Purpose::Event => Err(AppError::NotFound),
        Purpose::Unsubscribe => super::unsubscribe::link_page(db, lang, &path, link).await,
        Purpose::Data => super::personal_data::link_page(db, urls, lang, &path, link, done).await,
        Purpose::Need | Purpose::Claim | Purpose::Join | Purpose::Still => {
            super::waiting::link_page(db, lang, &path, p, link, done, answer).await
        }
    }
}

#[post("/link/accept/<token>")]
async fn accept(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
) -> Result<Either<Redirect, Page>, AppError> {
    let now = Utc::now();
    let path = paths::link(Purpose::Accept, token);
    let id = match verified(urls, lang.0, &path, Purpose::Accept, token, now) {
        Ok(v) => v.id,
        Err(page) => return page.map(Either::Right),
    };
    let result = decisions::accept(db, emails, id, None, now).await;
    answered(result, lang.0, &path, "1", None)
}

#[post("/link/refuse/<token>", data = "<fields>")]
async fn refuse(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Result<Either<Redirect, Page>, AppError> {
    let now = Utc::now();
    let path = paths::link(Purpose::Refuse, token);
    let id = match verified(urls, lang.0, &path, Purpose::Refuse, token, now) {
        Ok(v) => v.id,
        Err(page) => return page.map(Either::Right),
    };
    let fields = fields?;
    let note = OptionalText::parse(&fields.get("note"), 500).map_err(|why| {
        let mut errors = FieldErrors::default();
        errors.add("note", why);
        AppError::Invalid(errors)
    })?;
    let result = decisions::refuse(db, emails, id, None, &note.into_string(), now).await;
    answered(result, lang.0, &path, "1", None)
}

#[post("/link/booking/<token>")]
async fn cancel_booking(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
) -> Result<Either<Redirect, Page>, AppError> {
    let now = Utc::now();
    let path = paths::link(Purpose::Booking, token);
    let id = match verified(urls, lang.0, &path, Purpose::Booking, token, now) {
        Ok(v) => v.id,
        Err(page) => return page.map(Either::Right),
    };
    let result = decisions::cancel_by_passenger(db, emails, id, now).await;
    let back = Some((path.clone(), T::get(lang.0).t("link-back")));
    answered(result, lang.0, &path, "1", back)
}
