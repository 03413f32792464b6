//! The organisers' team on their page: invite a co-organiser by email (they get an `event`
//! link of their own), revoke one (that link stops working). Each a POST behind an
//! organiser's link, answered by a redirect back to the page.
use chrono::Utc;
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{Either, Route, State, post, routes};

use super::body::FormFields;
use super::lang::ReqLang;
use super::links::answered;
use super::organiser::{Retry, organiser_page};
use super::organiser_actions::{event_of, reader_of};
use super::pages::parse_id;
use super::{AppError, FormView, Page};
use crate::db::Db;
use crate::entities::co_organiser;
use crate::i18n::T;
use crate::mail::Emails;
use crate::services::co_organisers::{self, Invited};
use crate::services::{self, places::Places};
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

/// The invitation's fields and their labels, in the form's order (for the error summary).
pub const INVITE_FIELDS: &[(&str, &str)] =
    &[("co_name", "org-co-name"), ("co_email", "org-co-email")];

type Answer = Result<Either<Redirect, Page>, AppError>;

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/link/event/<token>/co-organisers", data = "<fields>")]
async fn invite(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    places: &State<Places>,
    config: &State<crate::config::Config>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Answer {
    let now = Utc::now();
    let (base, id, reader) = match reader_of(urls, db, lang.0, token, now).await {
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
        Err(services::Error::Invalid(errors)) => {
            // The page again, the invitation showing what was typed and what is wrong.
            let form = FormView::with_values(T::get(lang.0), fields.values, &errors);
            let retry = Some((Retry::Team(form), Status::UnprocessableEntity));
            let map = (places.inner(), config.tile_map.as_ref());
            let page =
                organiser_page(urls, db, map, lang.0, &base, (id, reader), None, retry).await?;
            Ok(Either::Right(page))
        }
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
