//! The organisers' actions on their page (`event` link): edit the event, close or reopen
//! booking, cancel the event (after a confirmation page). Each is a POST behind the link,
//! answered by a redirect back to the page with what was done, or the page of why not; a GET
//! only shows.
use std::collections::HashMap;

use askama::Template;
use chrono::{DateTime, Utc};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{Either, Route, State, get, post, routes};

use super::body::FormFields;
use super::lang::ReqLang;
use super::links::{answered, refusal_page, verified};
use super::organiser::Retry;
use super::{AppError, Ctx, FormView, Page};
use crate::db::Db;
use crate::domain::{EventStatus, FieldErrors, Lang, zone_names};
use crate::entities::event;
use crate::i18n::T;
use crate::links::{EventLink, Purpose};
use crate::mail::Emails;
use crate::services::{self, organiser};
use crate::urls::{Urls, paths};

pub fn routes() -> Vec<Route> {
    routes![edit, booking, cancel_confirm, cancel]
}

/// The edit form's fields and their labels, in the form's order (for the error summary).
pub const EDIT_EVENT_FIELDS: &[(&str, &str)] = &[
    ("name", "event-name"),
    ("venue", "venue"),
    ("starts_at", "starts-at"),
    ("timezone", "timezone"),
];

/// What the organiser page shows of the organisers' own controls.
pub struct AdminView {
    pub base: String,
    pub cancelled: bool,
    pub booking_closed: bool,
    /// The event can still be edited, closed or cancelled (open, not started).
    pub changeable: bool,
    pub form: FormView,
    pub zones: &'static [&'static str],
    pub done: Option<&'static str>,
}

fn done_message(t: &'static T, done: Option<&str>) -> Option<&'static str> {
    match done? {
        "saved" => Some(t.t("org-saved")),
        "unchanged" => Some(t.t("org-unchanged")),
        "closed" => Some(t.t("org-booking-closed-done")),
        "reopened" => Some(t.t("org-booking-reopened-done")),
        "cancelled" => Some(t.t("org-cancelled-done")),
        "invited" => Some(t.t("org-co-invited-done")),
        "already-invited" => Some(t.t("org-co-already-done")),
        "revoked" => Some(t.t("org-co-revoked-done")),
        "sent" => Some(t.t("org-msg-sent-done")),
        "repeat" => Some(t.t("org-msg-repeat-done")),
        "digest-on" => Some(t.t("org-digest-on-done")),
        "digest-off" => Some(t.t("org-digest-off-done")),
        _ => None,
    }
}

/// The organisers' controls for event `e`; `form` re-shows an edit with its errors (and the
/// page's status).
pub fn admin_view(
    lang: Lang,
    path: &str,
    e: &event::Model,
    done: Option<&str>,
    form: Option<(FormView, Status)>,
    now: DateTime<Utc>,
) -> (AdminView, Status) {
    let t = T::get(lang);
    let (form, status) = form.unwrap_or_else(|| {
        let mut values = HashMap::new();
        values.insert("name".to_owned(), e.name.clone());
        values.insert("venue".to_owned(), e.venue.clone());
        values.insert(
            "starts_at".to_owned(),
            T::input_datetime(e.starts_at, e.zone()),
        );
        values.insert("timezone".to_owned(), e.timezone.clone());
        (
            FormView::with_values(t, values, &FieldErrors::default()),
            Status::Ok,
        )
    });
    let cancelled = e.status == EventStatus::Cancelled;
    let view = AdminView {
        base: path.to_owned(),
        cancelled,
        booking_closed: e.booking_closed,
        changeable: !cancelled && e.starts_at > now,
        form: form.named(EDIT_EVENT_FIELDS),
        zones: zone_names(),
        done: done_message(t, done),
    };
    (view, status)
}

type Answer = Result<Either<Redirect, Page>, AppError>;

/// The event an `event` link opens (the organiser's, or a co-organiser's not revoked), or
/// the page of why the link cannot be used.
pub async fn event_of(
    urls: &Urls,
    db: &Db,
    lang: Lang,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(String, i64), Result<Page, AppError>> {
    reader_of(urls, db, lang, token, now)
        .await
        .map(|(base, id, _)| (base, id))
}

/// As `event_of`, with whose link it is (the organiser's or one co-organiser's).
pub async fn reader_of(
    urls: &Urls,
    db: &Db,
    lang: Lang,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(String, i64, EventLink), Result<Page, AppError>> {
    let base = paths::link(Purpose::Event, token);
    let v = verified(urls, lang, &base, Purpose::Event, token, now)?;
    match services::co_organisers::event_of(db, v.id).await {
        Ok(id) => Ok((base, id, EventLink::of(v.id))),
        Err(services::Error::Refused(r)) => Err(refusal_page(lang, &base, r, None)),
        Err(e) => Err(Err(e.into())),
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/link/event/<token>/edit", data = "<fields>")]
async fn edit(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    config: &State<crate::config::Config>,
    places: &State<crate::services::places::Places>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Answer {
    let now = Utc::now();
    let (base, id, reader) = match reader_of(urls, db, lang.0, token, now).await {
        Ok(v) => v,
        Err(page) => return page.map(Either::Right),
    };
    let fields = fields?;
    let raw = organiser::RawEventEdit {
        name: fields.get("name"),
        venue: fields.get("venue"),
        starts_at: fields.get("starts_at"),
        timezone: fields.get("timezone"),
    };
    // Where the new venue is (the gazetteer, before the change's transaction).
    let point = places.columns(raw.venue.trim(), lang.0).await;
    let result = organiser::edit(db, emails, id, &raw, point, fields.encoding_errors(), now).await;
    let back = Some((base.clone(), T::get(lang.0).t("link-back")));
    match result {
        Ok(organiser::Edited::Changed { .. }) => answered(Ok(()), lang.0, &base, "saved", back),
        Ok(organiser::Edited::Unchanged) => answered(Ok(()), lang.0, &base, "unchanged", back),
        Err(services::Error::Invalid(errors)) => {
            let form = FormView::with_values(T::get(lang.0), fields.values, &errors);
            let form = Some((Retry::Edit(form), Status::UnprocessableEntity));
            let map = (places.inner(), config.tile_map.as_ref());
            let page = super::organiser::organiser_page(
                urls,
                db,
                map,
                lang.0,
                &base,
                (id, reader),
                None,
                form,
            )
            .await?;
            Ok(Either::Right(page))
        }
        Err(e) => answered(Err(e), lang.0, &base, "", back),
    }
}

#[post("/link/event/<token>/booking", data = "<fields>")]
async fn booking(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Answer {
    let now = Utc::now();
    let (base, id) = match event_of(urls, db, lang.0, token, now).await {
        Ok(v) => v,
        Err(page) => return page.map(Either::Right),
    };
    let closed = match fields?.get("booking").as_str() {
        "closed" => true,
        "open" => false,
        _ => {
            let mut errors = FieldErrors::default();
            errors.add("booking", crate::domain::Invalid::Required);
            return Err(AppError::Invalid(errors));
        }
    };
    let result = organiser::set_booking(db, id, closed, now).await;
    let back = Some((base.clone(), T::get(lang.0).t("link-back")));
    let done = if closed { "closed" } else { "reopened" };
    answered(result, lang.0, &base, done, back)
}

#[derive(Template)]
#[template(path = "pages/organiser_cancel.html")]
struct CancelPage {
    ctx: Ctx,
    lt: &'static T,
    event_name: String,
    action: String,
    back: String,
    form: FormView,
}

/// The step before cancelling: what will happen, a word to everyone, the one button.
#[get("/link/event/<token>/cancel")]
async fn cancel_confirm(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    token: &str,
) -> Result<Page, AppError> {
    let (base, id) = match event_of(urls, db, lang.0, token, Utc::now()).await {
        Ok(v) => v,
        Err(page) => return page,
    };
    let e = services::read::event(db, id).await?;
    cancel_page(
        lang.0,
        &base,
        &e.name,
        FormView::empty(T::get(lang.0)),
        Status::Ok,
    )
}

fn cancel_page(
    lang: Lang,
    base: &str,
    event_name: &str,
    form: FormView,
    status: Status,
) -> Result<Page, AppError> {
    let here = format!("{base}/cancel");
    Page::render(
        status,
        &CancelPage {
            ctx: Ctx::new(lang, &here),
            lt: T::get(lang),
            event_name: event_name.to_owned(),
            action: here.clone(),
            back: base.to_owned(),
            form: form.named(&[("note", "org-cancel-note")]),
        },
    )
}

#[post("/link/event/<token>/cancel", data = "<fields>")]
async fn cancel(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Answer {
    let now = Utc::now();
    let (base, id) = match event_of(urls, db, lang.0, token, now).await {
        Ok(v) => v,
        Err(page) => return page.map(Either::Right),
    };
    let fields = fields?;
    let result = organiser::cancel(db, emails, id, &fields.get("note"), now).await;
    let back = Some((base.clone(), T::get(lang.0).t("link-back")));
    match result {
        Err(services::Error::Invalid(errors)) => {
            let e = services::read::event(db, id).await?;
            let form = FormView::with_values(T::get(lang.0), fields.values, &errors);
            cancel_page(lang.0, &base, &e.name, form, Status::UnprocessableEntity)
                .map(Either::Right)
        }
        other => answered(other.map(|_| ()), lang.0, &base, "cancelled", back),
    }
}
