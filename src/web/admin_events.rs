//! The personal-data part of `/admin`: the latest purges (when, why, how much was erased), the
//! events hidden or deleted, and the form that hides, shows again or deletes an event (POST
//! only, behind the operator's session; deleting asks for a ticked box).
use chrono::Utc;
use rocket::response::Redirect;
use rocket::{Either, Route, State, post, routes};

use super::Page;
use super::admin::{Access, signed_out};
use super::body::FormFields;
use super::lang::ReqLang;
use crate::db::Db;
use crate::i18n::T;
use crate::mail::Emails;
use crate::services::{moderation, purge};
use crate::web::AppError;

pub fn routes() -> Vec<Route> {
    routes![moderate]
}

pub struct Purge {
    pub event: String,
    pub when: String,
    pub why: &'static str,
    pub people: i32,
    pub rows: i32,
    pub emails: i32,
}

pub struct Hidden {
    pub slug: String,
    pub name: String,
    pub deleted: bool,
}

/// What the dashboard shows of personal data.
pub struct Section {
    pub purges: Vec<Purge>,
    pub hidden: Vec<Hidden>,
}

pub async fn section(t: &'static T, db: &Db) -> Result<Section, AppError> {
    let purges = purge::latest(db, 20)
        .await?
        .into_iter()
        .map(|p| Purge {
            event: format!("{} ({})", p.name, p.slug),
            when: p.purged_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            why: if p.reason == purge::DELETED {
                t.t("admin-purge-reason-deleted")
            } else {
                t.t("admin-purge-reason-retention")
            },
            people: p.people,
            rows: p.rows,
            emails: p.emails,
        })
        .collect();
    let hidden = moderation::hidden(db)
        .await?
        .into_iter()
        .map(|(slug, name, deleted)| Hidden {
            slug,
            name,
            deleted,
        })
        .collect();
    Ok(Section { purges, hidden })
}

/// The notice after a moderation step (`?done=`).
pub fn notice(t: &'static T, done: &str) -> Option<&'static str> {
    Some(t.t(match done {
        "hidden" => "admin-hidden-done",
        "unhidden" => "admin-unhidden-done",
        "deleted" => "admin-deleted-done",
        "confirm" => "admin-delete-required",
        _ => return None,
    }))
}

/// Hides, shows again or deletes the event named by `slug` (`action`: hide, unhide, delete).
#[post("/admin/events/moderate", data = "<fields>")]
async fn moderate(
    access: Access,
    lang: ReqLang,
    db: &State<Db>,
    emails: &State<Emails>,
    fields: Result<FormFields, AppError>,
) -> Result<Either<Redirect, Page>, AppError> {
    if let Access::Denied = access {
        return signed_out(lang);
    }
    let fields = fields?;
    let slug = fields.get("slug");
    let slug = slug.trim();
    let now = Utc::now();
    let done = match fields.get("action").as_str() {
        "hide" => {
            moderation::set_hidden(db, slug, true, now).await?;
            "hidden"
        }
        "unhide" => {
            moderation::set_hidden(db, slug, false, now).await?;
            "unhidden"
        }
        "delete" if fields.get("confirm") == "yes" => {
            moderation::delete(db, emails, slug, now).await?;
            "deleted"
        }
        "delete" => "confirm",
        _ => return Err(AppError::Malformed("unknown action".into())),
    };
    Ok(Either::Left(Redirect::to(format!(
        "/admin?done={done}#privacy"
    ))))
}
