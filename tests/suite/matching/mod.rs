//! The waiting list, through HTTP and the emails really sent over SMTP: needs and their
//! rules, seats freed for those who wait, invitations, rides that accept automatically, "still
//! going?", live pages; races for freed seats on both databases; privacy of those who wait.
use crate::common;

use chrono::{DateTime, Duration, Utc};
use common::inbox::{Mail, link};
use common::{TestApp, local_in_days};
use covoit::entities::{need, need_alert, offer, reservation};
use covoit::links::{Purpose, sign};
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

mod live;
mod needs;
mod races;
mod story;
mod unsubscribe;

/// A need through the API; returns its answer.
pub(super) async fn need(
    app: &TestApp,
    slug: &str,
    name: &str,
    email: &str,
    direction: &str,
) -> (Status, Value) {
    app.post_json(
        &format!("/api/events/{slug}/needs"),
        &json!({"name": name, "email": email, "phone": "06 11 22 33 44", "direction": direction,
                "place": "Vaulx-en-Velin", "seats": 1, "locale": "fr"}),
    )
    .await
}

/// An offer to the event through the API: `seats` seats, automatic acceptance or not, no
/// ride back; returns its public id.
pub(super) async fn offer(
    app: &TestApp,
    slug: &str,
    driver_email: &str,
    direction: &str,
    seats: i64,
    auto_accept: bool,
) -> String {
    let departs = if direction == "to_event" {
        local_in_days(10, 12)
    } else {
        local_in_days(10, 19)
    };
    // "adam@example.org" drives as "Adam".
    let first = driver_email.split('@').next().unwrap_or("driver");
    let name = format!("{}{} Driver", first[..1].to_uppercase(), &first[1..]);
    let (status, body) = app
        .post_json(
            &format!("/api/events/{slug}/offers"),
            &json!({"driver_name": name, "driver_email": driver_email,
                    "direction": direction, "place": "Villeurbanne", "departs_at": departs,
                    "seats": seats, "auto_accept": auto_accept, "locale": "fr"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    assert_eq!(body["offer"]["auto_accept"], json!(auto_accept));
    body["offer"]["id"].as_str().unwrap().to_owned()
}

pub(super) async fn book(app: &TestApp, offer_id: &str, name: &str, email: &str) -> Value {
    let (status, body) = app
        .post_json(
            &format!("/api/offers/{offer_id}/reservations"),
            &json!({"passenger_name": name, "passenger_email": email, "seats": 1,
                    "passenger_phone": "07 00 00 00 02", "locale": "fr"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    body
}

pub(super) async fn seats_left(app: &TestApp, offer_id: &str) -> i64 {
    app.get_json(&format!("/api/offers/{offer_id}")).await.1["offer"]["seats_left"]
        .as_i64()
        .unwrap()
}

/// A signed link for `purpose` on record `id` (what the emails carry), as a path.
pub(super) fn link_for(purpose: Purpose, id: i64, expires: DateTime<Utc>) -> String {
    format!(
        "/link/{}/{}",
        purpose.as_str(),
        sign(common::TEST_KEY.as_bytes(), purpose, id, expires)
    )
}

pub(super) async fn need_row(app: &TestApp, email: &str) -> need::Model {
    need::Entity::find()
        .filter(need::Column::Email.eq(email))
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("a need with this email")
}

pub(super) async fn alerts_for(app: &TestApp, need_id: i64) -> Vec<need_alert::Model> {
    need_alert::Entity::find()
        .filter(need_alert::Column::NeedId.eq(need_id))
        .all(&app.db.conn)
        .await
        .unwrap()
}

pub(super) async fn confirmed_on(app: &TestApp, public_id: &str) -> u64 {
    let o = app.offer_row(public_id).await;
    reservation::Entity::find()
        .filter(reservation::Column::OfferId.eq(o.id))
        .filter(reservation::Column::Status.eq("confirmed"))
        .count(&app.db.conn)
        .await
        .unwrap()
}

pub(super) async fn offer_of(app: &TestApp, public_id: &str) -> offer::Model {
    app.offer_row(public_id).await
}

/// The first email to `to` whose text has a link for `purpose`; that link (path, no `?lang=`).
pub(super) fn link_in(mails: &[Mail], to: &str, purpose: &str) -> String {
    let mail = mails
        .iter()
        .find(|m| m.to == to && m.text.contains(&format!("/link/{purpose}/")))
        .unwrap_or_else(|| {
            panic!(
                "no {purpose} link to {to} in {:?}",
                mails
                    .iter()
                    .map(|m| (&m.to, &m.subject))
                    .collect::<Vec<_>>()
            )
        });
    link(&mail.text, purpose)
}

pub(super) fn far() -> DateTime<Utc> {
    Utc::now() + Duration::days(30)
}
