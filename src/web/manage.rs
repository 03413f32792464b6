//! The driver's management page (`manage` link) and the organiser's page (`event` link), with
//! the driver's actions: accept, refuse, remove a passenger, edit the ride, cancel it.
use std::collections::HashMap;

use askama::Template;
use chrono::{DateTime, Utc};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{Either, Route, State, post, routes};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::body::FormFields;
use super::lang::ReqLang;
use super::link_texts::{LT, status_label, time_left};
use super::links::{expired_page, refusal_page, verified};
use super::pages::{embed_snippet, parse_id};
use super::{Ctx, FormView, Page};
use crate::config::Config;
use crate::db::Db;
use crate::domain::{FieldErrors, Lang, OfferStatus, ReservationStatus};
use crate::entities::{event, offer, reservation};
use crate::error::AppError;
use crate::i18n::T;
use crate::links::{Purpose, Verified, event_end, trip_end};
use crate::mail::Mailer;
use crate::mail::compose::zone;
use crate::services::decisions::{self, Outcome};
use crate::services::offer_admin::{self, EditOutcome, RawEdit};

pub fn routes() -> Vec<Route> {
    routes![accept, refuse, remove, edit, cancel]
}

pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub seats: i32,
    pub pickup: String,
    pub message: String,
    pub phone: Option<String>,
    pub email: String,
    pub time_left: String,
    pub state: &'static str,
}

#[derive(Template)]
#[template(path = "pages/link_manage.html")]
struct ManagePage {
    ctx: Ctx,
    lt: &'static LT,
    base: String,
    event_name: String,
    event_slug: String,
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
}

fn done_message(lt: &'static LT, done: Option<&str>) -> Option<&'static str> {
    match done? {
        "accepted" => Some(lt.accepted),
        "refused" => Some(lt.refused),
        "removed" => Some(lt.removed_done),
        "saved" => Some(lt.saved),
        "cancelled" => Some(lt.offer_cancelled_done),
        _ => None,
    }
}

fn row(r: &reservation::Model, lang: Lang, now: DateTime<Utc>) -> PersonRow {
    PersonRow {
        id: r.id,
        name: r.passenger_name.clone(),
        seats: r.seats,
        pickup: r.pickup.clone(),
        message: r.message.clone(),
        phone: r.passenger_phone.clone(),
        email: r.passenger_email.clone(),
        time_left: time_left((r.expires_at - now).num_seconds()),
        state: status_label(lang, &r.status, r.reason.as_deref()),
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn manage_page(
    _config: &Config,
    db: &Db,
    mailer: &Mailer,
    lang: Lang,
    path: &str,
    link: Verified,
    done: Option<&str>,
    form: Option<(FormView, Status)>,
) -> Result<Page, AppError> {
    let now = Utc::now();
    let o = offer::Entity::find_by_id(link.id)
        .one(&db.conn)
        .await?
        .ok_or(AppError::NotFound)?;
    if now >= trip_end(o.departs_at) {
        // The passengers' contacts are no business of anyone's once the trip is long over.
        return expired_page(lang, path);
    }
    let e = event::Entity::find_by_id(o.event_id)
        .one(&db.conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let requests = reservation::Entity::find()
        .filter(reservation::Column::OfferId.eq(o.id))
        .order_by_asc(reservation::Column::CreatedAt)
        .all(&db.conn)
        .await?;
    let t = T::get(lang);
    let z = zone(&e);
    let pending_status = ReservationStatus::Pending.as_str();
    let (pending, rest): (Vec<_>, Vec<_>) = requests
        .iter()
        .partition(|r| r.status == pending_status && r.expires_at > now);
    let (confirmed, history): (Vec<_>, Vec<_>) = rest
        .into_iter()
        .partition(|r| r.status == ReservationStatus::Confirmed.as_str());
    let linked = match o.return_of {
        Some(id) => offer::Entity::find_by_id(id).one(&db.conn).await?,
        None => {
            offer::Entity::find()
                .filter(offer::Column::ReturnOf.eq(o.id))
                .one(&db.conn)
                .await?
        }
    };
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
    let lt = LT::get(lang);
    let page = ManagePage {
        ctx: Ctx::new(lang, path),
        lt,
        base: path.to_owned(),
        event_name: e.name.clone(),
        event_slug: e.slug.clone(),
        direction: if o.direction == "to_event" {
            t.to_event.into()
        } else {
            t.from_event.into()
        },
        when: t.datetime(o.departs_at, z),
        place: o.place.clone(),
        seats_total: o.seats_total,
        seats_taken: o.seats_taken,
        notes: o.notes.clone(),
        open: o.status == OfferStatus::Open.as_str() && o.departs_at > now,
        pending: pending.iter().map(|r| row(r, lang, now)).collect(),
        confirmed: confirmed.iter().map(|r| row(r, lang, now)).collect(),
        history: history.iter().map(|r| row(r, lang, now)).collect(),
        form,
        done: done_message(lt, done),
        // The other leg's page: never past the link opened, nor past that leg's own end.
        linked_url: linked.map(|l| {
            let until = link.expires.min(trip_end(l.departs_at));
            mailer.links.path(Purpose::Manage, l.id, now, until)
        }),
    };
    Page::render(status, &page)
}

pub struct OfferLine {
    pub direction: &'static str,
    pub when: String,
    pub driver: String,
    pub seats_total: i32,
    pub seats_taken: i32,
    pub pending: usize,
    pub cancelled: bool,
}

#[derive(Template)]
#[template(path = "pages/link_event.html")]
struct OrganiserPage {
    ctx: Ctx,
    lt: &'static LT,
    event_name: String,
    when: String,
    venue: String,
    url: String,
    snippet: String,
    offers: Vec<OfferLine>,
    total_seats: i32,
    total_taken: i32,
    total_pending: usize,
    csv_url: String,
}

pub async fn organiser_page(
    config: &Config,
    db: &Db,
    lang: Lang,
    path: &str,
    event_id: i64,
) -> Result<Page, AppError> {
    let now = Utc::now();
    let e = event::Entity::find_by_id(event_id)
        .one(&db.conn)
        .await?
        .ok_or(AppError::NotFound)?;
    if now >= event_end(e.starts_at) {
        return expired_page(lang, path);
    }
    let offers = offer::Entity::find()
        .filter(offer::Column::EventId.eq(e.id))
        .order_by_asc(offer::Column::DepartsAt)
        .all(&db.conn)
        .await?;
    let ids: Vec<i64> = offers.iter().map(|o| o.id).collect();
    let pending = reservation::Entity::find()
        .filter(reservation::Column::OfferId.is_in(ids))
        .filter(reservation::Column::Status.eq(ReservationStatus::Pending.as_str()))
        .filter(reservation::Column::ExpiresAt.gt(now))
        .all(&db.conn)
        .await?;
    let t = T::get(lang);
    let z = zone(&e);
    let lines: Vec<OfferLine> = offers
        .iter()
        .map(|o| OfferLine {
            direction: if o.direction == "to_event" {
                t.to_event
            } else {
                t.from_event
            },
            when: t.datetime(o.departs_at, z),
            driver: o.driver_first_name().to_owned(),
            seats_total: o.seats_total,
            seats_taken: o.seats_taken,
            pending: pending.iter().filter(|r| r.offer_id == o.id).count(),
            cancelled: o.status == OfferStatus::Cancelled.as_str(),
        })
        .collect();
    let open: Vec<&OfferLine> = lines.iter().filter(|l| !l.cancelled).collect();
    let page = OrganiserPage {
        ctx: Ctx::new(lang, path),
        lt: LT::get(lang),
        event_name: e.name.clone(),
        when: t.datetime(e.starts_at, z),
        venue: e.venue.clone(),
        url: format!("{}/e/{}", config.base_url, e.slug),
        snippet: embed_snippet(&config.base_url, &e.slug),
        total_seats: open.iter().map(|l| l.seats_total).sum(),
        total_taken: open.iter().map(|l| l.seats_taken).sum(),
        total_pending: open.iter().map(|l| l.pending).sum(),
        csv_url: format!("{path}/csv"),
        offers: lines,
    };
    Page::render(Status::Ok, &page)
}

type Answer = Result<Either<Redirect, Page>, AppError>;

/// Runs a driver action on one of the offer's requests and redirects back to the page.
async fn act(
    lang: ReqLang,
    config: &Config,
    token: &str,
    rid: i64,
    done: &str,
    action: impl AsyncFnOnce(i64) -> Result<Outcome, AppError>,
) -> Answer {
    let now = Utc::now();
    let base = format!("/link/manage/{token}");
    let offer_id = match verified(config, lang.0, &base, Purpose::Manage, token, now) {
        Ok(v) => v.id,
        Err(page) => return page.map(Either::Right),
    };
    let _ = rid;
    match action(offer_id).await? {
        Outcome::Done => Ok(Either::Left(Redirect::to(format!("{base}?done={done}")))),
        other => Ok(Either::Right(refusal_page(
            lang.0,
            &base,
            &other,
            Some((base.clone(), LT::get(lang.0).back)),
        )?)),
    }
}

#[post("/link/manage/<token>/accept/<rid>")]
async fn accept(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    mailer: &State<Mailer>,
    token: &str,
    rid: &str,
) -> Answer {
    let rid = parse_id(rid)?;
    act(lang, config, token, rid, "accepted", async |offer| {
        decisions::accept(db, mailer, rid, Some(offer), Utc::now()).await
    })
    .await
}

#[post("/link/manage/<token>/refuse/<rid>")]
async fn refuse(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    mailer: &State<Mailer>,
    token: &str,
    rid: &str,
) -> Answer {
    let rid = parse_id(rid)?;
    act(lang, config, token, rid, "refused", async |offer| {
        decisions::refuse(db, mailer, rid, Some(offer), "", Utc::now()).await
    })
    .await
}

#[post("/link/manage/<token>/remove/<rid>")]
async fn remove(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    mailer: &State<Mailer>,
    token: &str,
    rid: &str,
) -> Answer {
    let rid = parse_id(rid)?;
    act(lang, config, token, rid, "removed", async |offer| {
        decisions::remove_passenger(db, mailer, rid, offer, Utc::now()).await
    })
    .await
}

#[post("/link/manage/<token>/edit", data = "<fields>")]
async fn edit(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    mailer: &State<Mailer>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Answer {
    let now = Utc::now();
    let base = format!("/link/manage/{token}");
    let link = match verified(config, lang.0, &base, Purpose::Manage, token, now) {
        Ok(v) => v,
        Err(page) => return page.map(Either::Right),
    };
    let offer_id = link.id;
    let fields = fields?;
    let raw = RawEdit {
        departs_at: fields.get("departs_at"),
        place: fields.get("place"),
        seats: fields.get("seats"),
        notes: fields.get("notes"),
    };
    match offer_admin::edit(
        db,
        mailer,
        offer_id,
        &raw,
        fields.encoding_errors(),
        config.reminder_time,
        now,
    )
    .await
    {
        Ok(EditOutcome::Saved { .. }) => {
            Ok(Either::Left(Redirect::to(format!("{base}?done=saved"))))
        }
        Ok(EditOutcome::OfferCancelled) => Ok(Either::Right(refusal_page(
            lang.0,
            &base,
            &Outcome::OfferCancelled,
            Some((base.clone(), LT::get(lang.0).back)),
        )?)),
        Ok(EditOutcome::Departed) => Ok(Either::Right(refusal_page(
            lang.0,
            &base,
            &Outcome::Departed,
            Some((base.clone(), LT::get(lang.0).back)),
        )?)),
        Err(AppError::Invalid(errors)) => {
            let form = FormView::with_values(T::get(lang.0), fields.values, &errors);
            let page = manage_page(
                config,
                db,
                mailer,
                lang.0,
                &base,
                link,
                None,
                Some((form, Status::UnprocessableEntity)),
            )
            .await?;
            Ok(Either::Right(page))
        }
        Err(e) => Err(e),
    }
}

#[post("/link/manage/<token>/cancel")]
async fn cancel(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    mailer: &State<Mailer>,
    token: &str,
) -> Answer {
    let now = Utc::now();
    let base = format!("/link/manage/{token}");
    let offer_id = match verified(config, lang.0, &base, Purpose::Manage, token, now) {
        Ok(v) => v.id,
        Err(page) => return page.map(Either::Right),
    };
    if offer_admin::cancel(db, mailer, offer_id, now).await? {
        Ok(Either::Left(Redirect::to(format!("{base}?done=cancelled"))))
    } else {
        Ok(Either::Right(refusal_page(
            lang.0,
            &base,
            &Outcome::OfferCancelled,
            Some((base.clone(), LT::get(lang.0).back)),
        )?))
    }
}
