//! The bounce part of `/admin`: how many hard and soft bounces came back in 30 days, the
//! addresses not mailed now (each can be lifted), and the latest reports.
use chrono::Utc;
use rocket::response::Redirect;
use rocket::{Either, Route, State, post, routes};

use super::Page;
use super::admin::{Access, signed_out};
use super::lang::ReqLang;
use crate::db::Db;
use crate::domain::BounceKind;
use crate::services::bounces;
use crate::web::AppError;

pub fn routes() -> Vec<Route> {
    routes![lift]
}

pub struct Suppressed {
    pub id: i64,
    pub address: String,
    pub since: String,
    pub until: String,
    pub hits: i32,
    pub reason: String,
}

pub struct Bounce {
    pub received: String,
    pub address: String,
    pub hard: bool,
    pub status: String,
    pub diagnostic: String,
}

/// What the dashboard shows of bounces.
pub struct Section {
    pub hard: u64,
    pub soft: u64,
    pub suppressed: Vec<Suppressed>,
    pub recent: Vec<Bounce>,
}

fn time(t: chrono::DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

pub async fn section(db: &Db) -> Result<Section, AppError> {
    let o = bounces::overview(db, Utc::now()).await?;
    Ok(Section {
        hard: o.hard_last_30_days,
        soft: o.soft_last_30_days,
        suppressed: o
            .suppressed
            .into_iter()
            .map(|s| Suppressed {
                id: s.id,
                address: s.email_key,
                since: time(s.bounced_at),
                until: time(s.until),
                hits: s.hits,
                reason: s.reason,
            })
            .collect(),
        recent: o
            .recent
            .into_iter()
            .map(|b| Bounce {
                received: time(b.received_at),
                address: b.email_key,
                hard: b.kind == BounceKind::Hard,
                status: b.status,
                diagnostic: b.diagnostic,
            })
            .collect(),
    })
}

/// Lifts a suppression: the address is mailed again.
#[post("/admin/suppressions/<id>/lift")]
async fn lift(
    access: Access,
    lang: ReqLang,
    db: &State<Db>,
    id: i64,
) -> Result<Either<Redirect, Page>, AppError> {
    if let Access::Denied = access {
        return signed_out(lang);
    }
    let done = bounces::lift(db, id).await?;
    Ok(Either::Left(Redirect::to(if done {
        "/admin?done=lifted"
    } else {
        "/admin"
    })))
}
