//! The organisers' messages on their page: the form (an audience and a text) and the log of
//! what was sent. The POST sends through the outbox (`services::messages`) and comes back
//! to the page with what was done.
use chrono::Utc;
use rocket::response::Redirect;
use rocket::{Either, Route, State, post, routes};

use super::body::FormFields;
use super::lang::ReqLang;
use super::links::answered;
use super::organiser_actions::event_of;
use super::{AppError, Page};
use crate::db::Db;
use crate::domain::Audience;
use crate::entities::{event, organiser_message};
use crate::i18n::T;
use crate::mail::Emails;
use crate::services::messages::{self, Sent};
use crate::urls::Urls;

pub fn routes() -> Vec<Route> {
    routes![send]
}

/// The audiences, in the form's order, with their catalogue keys.
pub const AUDIENCES: [(Audience, &str); 4] = [
    (Audience::Drivers, "org-msg-to-drivers"),
    (Audience::Passengers, "org-msg-to-passengers"),
    (Audience::ToEvent, "org-msg-to-there"),
    (Audience::FromEvent, "org-msg-to-back"),
];

fn audience_label(t: &T, a: Audience) -> &'static str {
    AUDIENCES
        .iter()
        .find(|(x, _)| *x == a)
        .map_or("", |(_, key)| t.t(key))
}

/// One choice of the form.
pub struct AudienceChoice {
    pub value: &'static str,
    pub label: &'static str,
}

/// One message of the log.
pub struct MessageView {
    pub when: String,
    /// "To all drivers — 3 people".
    pub to: String,
    pub body: String,
}

pub fn choices(t: &T) -> Vec<AudienceChoice> {
    AUDIENCES
        .iter()
        .map(|(a, key)| AudienceChoice {
            value: a.as_str(),
            label: t.t(key),
        })
        .collect()
}

pub fn views(t: &T, e: &event::Model, log: &[organiser_message::Model]) -> Vec<MessageView> {
    log.iter()
        .map(|m| MessageView {
            when: t.datetime(m.created_at, e.zone()),
            to: format!(
                "{} — {}",
                audience_label(t, m.audience),
                t.t1("org-msg-people", "count", m.recipients)
            ),
            body: m.body.clone(),
        })
        .collect()
}

#[post("/link/event/<token>/messages", data = "<fields>")]
async fn send(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Result<Either<Redirect, Page>, AppError> {
    let now = Utc::now();
    let (base, id) = match event_of(urls, db, lang.0, token, now).await {
        Ok(v) => v,
        Err(page) => return page.map(Either::Right),
    };
    let fields = fields?;
    let result = messages::send(
        db,
        emails,
        id,
        &fields.get("audience"),
        &fields.get("message"),
        now,
    )
    .await;
    let back = Some((base.clone(), T::get(lang.0).t("link-back")));
    match result {
        Ok(Sent::To(_)) => answered(Ok(()), lang.0, &base, "sent", back),
        Ok(Sent::Repeat) => answered(Ok(()), lang.0, &base, "repeat", back),
        Err(e) => answered(Err(e), lang.0, &base, "", back),
    }
}
