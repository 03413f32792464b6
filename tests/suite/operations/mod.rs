//! Operating covoit: /admin and `covoit stats` on a scripted scenario, /healthz and /metrics,
//! rate limits and the honeypot, security headers, the organiser's CSV, and logs that carry
//! no token, email address or phone number.
use crate::common;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use common::smtp::{SmtpServer, free_port};
use common::{Backend, TestApp};
use covoit::entities::{outbox, reservation};
use covoit::mail::Mailer;
use covoit::services::{decisions, sweeps};
use rocket::http::{ContentType, Header, Status};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

mod abuse;
mod admin;
mod api_contract;
mod backup;
mod exposure;
mod health;
mod metrics;
mod packaging;

pub(super) const ADMIN: &str = "operator-token-0123456789";

/// Event, a ride (3 seats) and its ride back; five requests: 2 accepted, 1 refused,
/// 1 expired, 1 pending.
pub(super) async fn scripted(app: &TestApp) {
    let m = app.emails();
    let (_, offer, _) = app.event_with_offer().await;
    let id = offer["id"].as_str().unwrap().to_owned();
    let mut ids = Vec::new();
    for i in 1..=5 {
        let (status, body) = app.book(&id, &format!("p{i}@example.org"), 1).await;
        assert_eq!(status, Status::Created);
        ids.push(body["reservation"]["id"].as_i64().unwrap());
    }
    let now = Utc::now();
    decisions::accept(&app.db, &m, ids[0], None, now)
        .await
        .unwrap();
    decisions::accept(&app.db, &m, ids[1], None, now)
        .await
        .unwrap();
    decisions::refuse(&app.db, &m, ids[2], None, "", now)
        .await
        .unwrap();
    let r4 = reservation::Entity::find_by_id(ids[3])
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    // Expire only the fourth: move its deadline, then sweep at that moment.
    let mut r4m: reservation::ActiveModel = r4.into();
    r4m.expires_at = sea_orm::Set(now - chrono::Duration::minutes(1));
    sea_orm::ActiveModelTrait::update(r4m, &app.db.conn)
        .await
        .unwrap();
    assert_eq!(sweeps::expire_due(&app.db, &m, now).await.unwrap(), 1);
}

pub(super) fn figure(page: &str, key: &str) -> String {
    let marker = format!("data-k=\"{key}\">");
    let start = page.find(&marker).unwrap_or_else(|| panic!("no {key}")) + marker.len();
    page[start..].split('<').next().unwrap().to_owned()
}
