//! The organisers' team on their page: invite a co-organiser by email (they get an `event`
//! link of their own), revoke one (that link stops working). Each a POST behind an
//! organiser's link, answered by a redirect back to the page.
use chrono::Utc;
use rocket::response::Redirect;
use rocket::{Either, Route, State, post, routes};

use super::body::FormFields;
use super::lang::ReqLang;
use super::links::answered;
use super::organiser_actions::event_of;
use super::pages::parse_id;
use super::{AppError, Page};
use crate::db::Db;
use crate::entities::co_organiser;
use crate::i18n::T;
use crate::mail::Emails;
use crate::services::co_organisers::{self, Invited};
use crate::urls::Urls;

pub fn routes() -> Vec<Route> {
    routes![invite, revoke]
}

/// A co-organiser as the organisers see them.
pub struct CoView {
    pub id: i64,
    pub name: String,
    pub email: String,
}

pub fn views(team: &[co_organiser::Model]) -> Vec<CoView> {
    team.iter()
        .map(|c| CoView {
            id: c.id,
            name: c.name.clone(),
            email: c.email.clone(),
        })
        .collect()
}

type Answer = Result<Either<Redirect, Page>, AppError>;

#[post("/link/event/<token>/co-organisers", data = "<fields>")]
async fn invite(
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
    let who = (fields.get("co_name"), fields.get("co_email"));
    let result = co_organisers::invite(db, emails, id, (&who.0, &who.1), lang.0, now).await;
    let back = Some((base.clone(), T::get(lang.0).t("link-back")));
    match result {
        Ok(Invited::Sent) => answered(Ok(()), lang.0, &base, "invited", back),
        Ok(Invited::Already) => answered(Ok(()), lang.0, &base, "already-invited", back),
        Err(e) => answered(Err(e), lang.0, &base, "", back),
    }
}

#[post("/link/event/<token>/co-organisers/<co>/revoke")]
async fn revoke(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    token: &str,
    co: &str,
) -> Answer {
    let now = Utc::now();
    let (base, id) = match event_of(urls, db, lang.0, token, now).await {
        Ok(v) => v,
        Err(page) => return page.map(Either::Right),
    };
    let co = parse_id(co)?;
    let result = co_organisers::revoke(db, id, co, now).await;
    let back = Some((base.clone(), T::get(lang.0).t("link-back")));
    answered(result, lang.0, &base, "revoked", back)
}
