//! The `unsubscribe` link: its GET shows what it stops (for which trip or event), its POST
//! stops it. The POST is also the one-click unsubscribe of RFC 8058 (`List-Unsubscribe-Post`):
//! mail providers send it from their servers, without cookies, and it answers 200 with the
//! result at once.
use askama::Template;
use chrono::Utc;
use rocket::http::Status;
use rocket::{Route, State, post, routes};

use super::lang::ReqLang;
use super::links::verified;
use super::{AppError, Ctx, Page};
use crate::db::Db;
use crate::domain::{Lang, OptOutGroup};
use crate::i18n::T;
use crate::links::{Purpose, Verified};
use crate::services::unsubscribe::{self, Target};
use crate::urls::{Urls, paths};

pub fn routes() -> Vec<Route> {
    routes![stop]
}

#[derive(Template)]
#[template(path = "pages/link_unsubscribe.html")]
struct UnsubscribePage {
    ctx: Ctx,
    lt: &'static T,
    action: String,
    /// "the reminders the day before"…
    what: String,
    /// The trip or the event.
    about: String,
    stopped: bool,
    event_url: String,
}

fn what(lt: &T, group: OptOutGroup) -> String {
    lt.t(match group {
        OptOutGroup::Reminder => "unsub-what-reminder",
        OptOutGroup::Nudge => "unsub-what-nudge",
        OptOutGroup::Still => "unsub-what-still",
        OptOutGroup::Alert => "unsub-what-alert",
        OptOutGroup::Digest => "unsub-what-digest",
    })
    .to_owned()
}

fn render(lang: Lang, path: &str, t: &Target) -> Result<Page, AppError> {
    let lt = T::get(lang);
    let about = match &t.offer {
        Some(o) => lt.trip_label(o.direction, &t.event.name),
        None => t.event.name.clone(),
    };
    Page::render(
        Status::Ok,
        &UnsubscribePage {
            ctx: Ctx::new(lang, path),
            lt,
            action: path.to_owned(),
            what: what(lt, t.optout.group),
            about,
            stopped: t.stopped,
            event_url: paths::event(&t.event.slug),
        },
    )
}

/// The GET page (from `links::show`).
pub async fn link_page(db: &Db, lang: Lang, path: &str, link: Verified) -> Result<Page, AppError> {
    let t = unsubscribe::target(db, link.id).await?;
    render(lang, path, &t)
}

#[post("/link/unsubscribe/<token>")]
async fn stop(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    token: &str,
) -> Result<Page, AppError> {
    let path = paths::link(Purpose::Unsubscribe, token);
    let link = match verified(urls, lang.0, &path, Purpose::Unsubscribe, token, Utc::now()) {
        Ok(v) => v,
        Err(page) => return page,
    };
    let t = unsubscribe::stop(db, link.id, Utc::now()).await?;
    render(lang.0, &path, &t)
}
