//! The step before an action that cannot be undone: refusing a request, removing a passenger,
//! cancelling a ride, a passenger cancelling their request. The private pages link here; this
//! page (a GET, which changes nothing) says what will happen and holds the one button that
//! does it, next to a way back. Works without JavaScript.
use askama::Template;
use chrono::Utc;
use rocket::{Route, State, get, routes};

use super::lang::ReqLang;
use super::links::verified;
use super::pages::parse_id;
use super::{AppError, Ctx, Page};
use crate::db::Db;
use crate::i18n::T;
use crate::links::Purpose;
use crate::services::read;
use crate::urls::{Urls, paths};

pub fn routes() -> Vec<Route> {
    routes![cancel_ride, refuse, remove, cancel_booking]
}

#[derive(Template)]
#[template(path = "pages/link_confirm.html")]
struct ConfirmPage {
    ctx: Ctx,
    lt: &'static T,
    title: &'static str,
    /// Whom it is about ("Paul — 2 seats"), when it is about one person.
    who: Option<String>,
    body: &'static str,
    action: String,
    button: &'static str,
    back: String,
}

struct Confirm {
    title: &'static str,
    who: Option<String>,
    body: &'static str,
    action: String,
    button: &'static str,
}

fn render(lang: ReqLang, here: &str, back: String, c: Confirm) -> Result<Page, AppError> {
    let t = T::get(lang.0);
    Page::render(
        rocket::http::Status::Ok,
        &ConfirmPage {
            ctx: Ctx::new(lang.0, here),
            lt: t,
            title: t.t(c.title),
            who: c.who,
            body: t.t(c.body),
            action: c.action,
            button: t.t(c.button),
            back,
        },
    )
}

#[get("/link/manage/<token>/cancel")]
fn cancel_ride(lang: ReqLang, urls: &State<Urls>, token: &str) -> Result<Page, AppError> {
    let base = paths::link(Purpose::Manage, token);
    let here = format!("{base}/cancel");
    if let Err(page) = verified(urls, lang.0, &base, Purpose::Manage, token, Utc::now()) {
        return page;
    }
    let confirm = Confirm {
        title: "confirm-cancel-offer-title",
        who: None,
        body: "link-cancel-offer-body",
        action: here.clone(),
        button: "link-cancel-offer-button",
    };
    render(lang, &here, base, confirm)
}

/// One of the ride's requests, named for the driver; any other request is not found here.
async fn person(
    lang: ReqLang,
    urls: &Urls,
    db: &Db,
    token: &str,
    rid: &str,
) -> Result<Result<(String, i64), Page>, AppError> {
    let base = paths::link(Purpose::Manage, token);
    let offer = match verified(urls, lang.0, &base, Purpose::Manage, token, Utc::now()) {
        Ok(v) => v.id,
        Err(page) => return page.map(Err),
    };
    let rid = parse_id(rid)?;
    let view = read::request(db, rid).await?;
    if view.reservation.offer_id != offer {
        return Err(AppError::NotFound);
    }
    let r = &view.reservation;
    let seats = T::get(lang.0).t1("seat-count", "count", r.seats);
    Ok(Ok((format!("{} — {seats}", r.passenger_name), rid)))
}

#[get("/link/manage/<token>/refuse/<rid>")]
async fn refuse(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    token: &str,
    rid: &str,
) -> Result<Page, AppError> {
    let (who, rid) = match person(lang, urls, db, token, rid).await? {
        Ok(p) => p,
        Err(page) => return Ok(page),
    };
    let base = paths::link(Purpose::Manage, token);
    let here = format!("{base}/refuse/{rid}");
    let confirm = Confirm {
        title: "link-refuse-title",
        who: Some(who),
        body: "confirm-refuse-body",
        action: here.clone(),
        button: "link-refuse-button",
    };
    render(lang, &here, base, confirm)
}

#[get("/link/manage/<token>/remove/<rid>")]
async fn remove(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    token: &str,
    rid: &str,
) -> Result<Page, AppError> {
    let (who, rid) = match person(lang, urls, db, token, rid).await? {
        Ok(p) => p,
        Err(page) => return Ok(page),
    };
    let base = paths::link(Purpose::Manage, token);
    let here = format!("{base}/remove/{rid}");
    let confirm = Confirm {
        title: "confirm-remove-title",
        who: Some(who),
        body: "confirm-remove-body",
        action: here.clone(),
        button: "link-remove",
    };
    render(lang, &here, base, confirm)
}

#[get("/link/booking/<token>/cancel")]
fn cancel_booking(lang: ReqLang, urls: &State<Urls>, token: &str) -> Result<Page, AppError> {
    let base = paths::link(Purpose::Booking, token);
    if let Err(page) = verified(urls, lang.0, &base, Purpose::Booking, token, Utc::now()) {
        return page;
    }
    let confirm = Confirm {
        title: "confirm-cancel-booking-title",
        who: None,
        body: "confirm-cancel-booking-body",
        action: base.clone(),
        button: "link-cancel-confirm",
    };
    render(lang, &format!("{base}/cancel"), base, confirm)
}
