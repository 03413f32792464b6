//! The driver's management page (`manage` link) and the driver's actions on it: accept, refuse,
//! remove a passenger, edit the ride, cancel it. Each action is a POST, answered by a redirect
//! back to the page with what was done, or the page of why it was not.
use std::collections::HashMap;

use askama::Template;
use chrono::{DateTime, Utc};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{Either, Route, State, post, routes};

use super::body::FormFields;
use super::lang::ReqLang;
use super::links::{answered, expired_page, verified};
use super::pages::parse_id;
use super::{AppError, Ctx, FormView, Page};
use crate::config::Config;
use crate::db::Db;
use crate::domain::{Direction, FieldErrors, Lang, OfferStatus, ReservationStatus};
use crate::entities::reservation;
use crate::i18n::T;
use crate::links::{Purpose, Verified, trip_end};
use crate::mail::Emails;
use crate::services::{self, decisions, matching, offer_admin, read};
use crate::urls::{Urls, paths};

pub fn routes() -> Vec<Route> {
    routes![accept, refuse, remove, edit, cancel, invite, auto_accept]
}

/// A waiting passenger the driver may invite: first name, place, seats (no contact).
pub struct WaitingRow {
    /// The need's public identifier.
    pub id: String,
    pub first_name: String,
    pub place: String,
    pub seats: i32,
    pub invited: bool,
}

/// A request as the driver sees it (with the passenger's contact: the driver needs it).
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub seats: i32,
    pub pickup: String,
    pub message: String,
    pub phone: Option<String>,
    /// The phone as a `tel:` link (international form).
    pub tel: Option<String>,
    pub email: String,
    /// Emails to this address come back (a hard bounce lately).
    pub bounces: bool,
    pub time_left: String,
    pub state: &'static str,
    /// When the car reaches this passenger's stop, from the router (confirmed passengers).
    pub stop_at: Option<String>,
    /// The driver's total detour with this passenger aboard (minutes, as text), and whether it
    /// goes beyond the driver's maximum (pending requests).
    pub detour: Option<(String, bool)>,
}

#[derive(Template)]
#[template(path = "pages/link_manage.html")]
struct ManagePage {
    ctx: Ctx,
    lt: &'static T,
    base: String,
    event_name: String,
    event_url: String,
    direction: String,
    when: String,
    place: String,
    seats_total: i32,
    seats_taken: i32,
    notes: String,
    open: bool,
    pending: Vec<PersonRow>,
    confirmed: Vec<PersonRow>,
    history: Vec<PersonRow>,
    form: FormView,
    done: Option<&'static str>,
    linked_url: Option<String>,
    waiting: Vec<WaitingRow>,
    auto_accept: bool,
    /// `route-pickup-time` or `route-dropoff-time`.
    stop_label: &'static str,
    /// The driver's total detour for the confirmed pickups, from the router.
    route_detour: Option<String>,
    max_detour: Option<i32>,
    /// The ride's time no longer fits the event (the organisers moved it): change or cancel.
    misfit: bool,
}

fn done_message(lt: &'static T, done: Option<&str>) -> Option<&'static str> {
    match done? {
        "accepted" => Some(lt.t("link-accepted")),
        "refused" => Some(lt.t("link-refused")),
        "removed" => Some(lt.t("link-removed-done")),
        "saved" => Some(lt.t("link-saved")),
        "cancelled" => Some(lt.t("link-offer-cancelled-done")),
        "invited" => Some(lt.t("invite-done")),
        "auto-accept" => Some(lt.t("auto-accept-saved")),
        _ => None,
    }
}

fn row(r: &reservation::Model, v: &read::RideView, lang: Lang, now: DateTime<Utc>) -> PersonRow {
    PersonRow {
        tel: r
            .passenger_phone
            .as_ref()
            .map(|p| crate::domain::phone::tel_in_zone(p, v.event.zone())),
        bounces: v.bouncing.contains(&r.passenger_email.to_lowercase()),
        id: r.id,
        name: r.passenger_name.clone(),
        seats: r.seats,
        pickup: r.pickup.clone(),
        message: r.message.clone(),
        phone: r.passenger_phone.clone(),
        email: r.passenger_email.clone(),
        time_left: T::get(lang).time_left((r.expires_at - now).num_seconds()),
        state: T::get(lang).status(r.status, r.reason),
        stop_at: (r.stop_at)
            .filter(|_| r.status == ReservationStatus::Confirmed)
            .map(|at| T::get(lang).datetime(at, v.event.zone())),
        detour: (r.detour_s)
            .map(|s| super::route_view::detour(T::get(lang), s, v.offer.max_detour_min)),
    }
}

/// The driver's page for the ride `link` grants; `form` re-shows an edit with its errors.
pub async fn manage_page(
    urls: &Urls,
    db: &Db,
    lang: Lang,
    path: &str,
    link: Verified,
    done: Option<&str>,
    form: Option<(FormView, Status)>,
) -> Result<Page, AppError> {
    let now = Utc::now();
    let v = read::ride(db, link.id).await?;
    let (o, e) = (&v.offer, &v.event);
    if now >= trip_end(o.departs_at) {
        // The passengers' contacts are no business of anyone's once the trip is long over.
        return expired_page(lang, path);
    }
    let t = T::get(lang);
    let z = e.zone();
    let (pending, rest): (Vec<_>, Vec<_>) = v
        .requests
        .iter()
        .partition(|r| r.status == ReservationStatus::Pending && r.expires_at > now);
    let (confirmed, history): (Vec<_>, Vec<_>) = rest
        .into_iter()
        .partition(|r| r.status == ReservationStatus::Confirmed);
    let (form, status) = form.unwrap_or_else(|| {
        let mut values = HashMap::new();
        values.insert("departs_at".to_owned(), T::input_datetime(o.departs_at, z));
        values.insert("place".to_owned(), o.place.clone());
        values.insert("seats".to_owned(), o.seats_total.to_string());
        values.insert("notes".to_owned(), o.notes.clone());
        (
            FormView::with_values(t, values, &FieldErrors::default()),
            Status::Ok,
        )
    });
    let lt = T::get(lang);
    let waiting = if o.status == OfferStatus::Open && o.departs_at > now {
        matching::invitable(&db.conn, o).await?
    } else {
        Vec::new()
    };
    let page = ManagePage {
        waiting: waiting
            .into_iter()
            .map(|(n, invited)| WaitingRow {
                id: n.public_id.clone(),
                first_name: n.first_name().to_owned(),
                place: n.place.clone(),
                seats: n.seats,
                invited,
            })
            .collect(),
        auto_accept: o.auto_accept,
        stop_label: crate::mail::routes::stop_label(o.direction),
        route_detour: o.route_detour_s.map(|s| t.time_left(i64::from(s))),
        max_detour: o.max_detour_min,
        misfit: o.status == OfferStatus::Open
            && o.departs_at > now
            && !crate::services::input::trip_fits(o.direction, o.departs_at, e.starts_at),
        ctx: Ctx::new(lang, path).follow(&e.slug),
        lt,
        base: path.to_owned(),
        event_name: e.name.clone(),
        event_url: paths::event(&e.slug),
        direction: match o.direction {
            Direction::ToEvent => t.t("to-event").into(),
            Direction::FromEvent => t.t("from-event").into(),
        },
        when: t.datetime(o.departs_at, z),
        place: o.place.clone(),
        seats_total: o.seats_total,
        seats_taken: o.seats_taken,
        notes: o.notes.clone(),
        open: o.status == OfferStatus::Open && o.departs_at > now,
        pending: pending.iter().map(|r| row(r, &v, lang, now)).collect(),
        confirmed: confirmed.iter().map(|r| row(r, &v, lang, now)).collect(),
        history: history.iter().map(|r| row(r, &v, lang, now)).collect(),
        form,
        done: done_message(lt, done),
        // The other leg's page: never past the link opened, nor past that leg's own end.
        linked_url: v.other_leg.as_ref().map(|l| {
            let until = link.expires.min(trip_end(l.departs_at));
            urls.link_path(Purpose::Manage, l.id, now, until)
        }),
    };
    Page::render(status, &page)
}

type Answer = Result<Either<Redirect, Page>, AppError>;

/// Runs a driver action on the offer the link grants and answers it.
async fn act(
    lang: ReqLang,
    urls: &Urls,
    token: &str,
    done: &str,
    action: impl AsyncFnOnce(i64) -> services::Result<()>,
) -> Answer {
    let now = Utc::now();
    let base = paths::link(Purpose::Manage, token);
    let offer_id = match verified(urls, lang.0, &base, Purpose::Manage, token, now) {
        Ok(v) => v.id,
        Err(page) => return page.map(Either::Right),
    };
    let back = Some((base.clone(), T::get(lang.0).t("link-back")));
    answered(action(offer_id).await, lang.0, &base, done, back)
}

#[post("/link/manage/<token>/accept/<rid>")]
async fn accept(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
    rid: &str,
) -> Answer {
    let rid = parse_id(rid)?;
    act(lang, urls, token, "accepted", async |offer| {
        decisions::accept(db, emails, rid, Some(offer), Utc::now()).await
    })
    .await
}

#[post("/link/manage/<token>/refuse/<rid>")]
async fn refuse(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
    rid: &str,
) -> Answer {
    let rid = parse_id(rid)?;
    act(lang, urls, token, "refused", async |offer| {
        decisions::refuse(db, emails, rid, Some(offer), "", Utc::now()).await
    })
    .await
}

#[post("/link/manage/<token>/remove/<rid>")]
async fn remove(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
    rid: &str,
) -> Answer {
    let rid = parse_id(rid)?;
    act(lang, urls, token, "removed", async |offer| {
        decisions::remove_passenger(db, emails, rid, offer, Utc::now()).await
    })
    .await
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/link/manage/<token>/edit", data = "<fields>")]
async fn edit(
    lang: ReqLang,
    config: &State<Config>,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    places: &State<crate::services::places::Places>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Answer {
    let now = Utc::now();
    let base = paths::link(Purpose::Manage, token);
    let link = match verified(urls, lang.0, &base, Purpose::Manage, token, now) {
        Ok(v) => v,
        Err(page) => return page.map(Either::Right),
    };
    let fields = fields?;
    let raw = offer_admin::RawEdit {
        departs_at: fields.get("departs_at"),
        place: fields.get("place"),
        seats: fields.get("seats"),
        notes: fields.get("notes"),
    };
    let result = offer_admin::edit(
        db,
        emails,
        places,
        link.id,
        &raw,
        fields.encoding_errors(),
        config.reminder_time,
        now,
    )
    .await;
    match result {
        Err(services::Error::Invalid(errors)) => {
            let form = FormView::with_values(T::get(lang.0), fields.values, &errors)
                .named(super::pages::EDIT_OFFER_FIELDS);
            let form = Some((form, Status::UnprocessableEntity));
            let page = manage_page(urls, db, lang.0, &base, link, None, form).await?;
            Ok(Either::Right(page))
        }
        other => {
            let back = Some((base.clone(), T::get(lang.0).t("link-back")));
            answered(other.map(|_| ()), lang.0, &base, "saved", back)
        }
    }
}

#[post("/link/manage/<token>/cancel")]
async fn cancel(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
) -> Answer {
    act(lang, urls, token, "cancelled", async |offer| {
        offer_admin::cancel(db, emails, offer, Utc::now()).await
    })
    .await
}

#[post("/link/manage/<token>/invite/<need>")]
async fn invite(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
    need: &str,
) -> Answer {
    act(lang, urls, token, "invited", async |offer| {
        matching::invite(db, emails, offer, need, Utc::now()).await
    })
    .await
}

#[post("/link/manage/<token>/auto-accept", data = "<fields>")]
async fn auto_accept(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Answer {
    let on = crate::services::input::checked(&fields?.get("auto_accept"));
    act(lang, urls, token, "auto-accept", async |offer| {
        offer_admin::set_auto_accept(db, emails, offer, on, Utc::now()).await
    })
    .await
}
