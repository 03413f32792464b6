//! The organisers' daily emails on their page: each organiser or co-organiser asks for them
//! (or no longer) for themself, by a POST behind their own `event` link.
use chrono::Utc;
use rocket::response::Redirect;
use rocket::{Either, Route, State, post, routes};

use super::body::FormFields;
use super::lang::ReqLang;
use super::links::answered;
use super::organiser_actions::reader_of;
use super::{AppError, Page};
use crate::db::Db;
use crate::i18n::T;
use crate::services::digest;
use crate::services::input::checked;
use crate::urls::Urls;

pub fn routes() -> Vec<Route> {
    routes![set]
}

#[post("/link/event/<token>/digest", data = "<fields>")]
async fn set(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Result<Either<Redirect, Page>, AppError> {
    let (base, id, reader) = match reader_of(urls, db, lang.0, token, Utc::now()).await {
        Ok(v) => v,
        Err(page) => return page.map(Either::Right),
    };
    // An unticked box sends nothing: no `digest` field means "no longer".
    let on = checked(&fields?.get("digest"));
    let result = digest::set(db, id, reader, on).await;
    let back = Some((base.clone(), T::get(lang.0).t("link-back")));
    let done = if on { "digest-on" } else { "digest-off" };
    answered(result, lang.0, &base, done, back)
}
