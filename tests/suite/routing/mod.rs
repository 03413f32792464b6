//! Pickup times and detours (issue 16) against a router on loopback speaking the OSRM API:
//! times on the passenger's and the driver's pages, a moved pickup told once, cancellations
//! recomputed, router failures showing no time (and no 5xx), the maximum detour flagged.
use std::future::Future;
use std::time::Duration;

use crate::common::{self, TestApp, local_in_days};
use chrono::Utc;
use covoit::entities::{offer, reservation};
use covoit::links::{Purpose, sign};
use rocket::figment::Figment;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

mod contribution;
mod detour;
mod failures;
mod osrm;
mod pickups;
mod races;

/// The app's settings with this router (and a short timeout for the slow one).
pub(super) fn with_router(f: Figment, url: &str) -> Figment {
    f.merge(("router_url", url))
        .merge(("router_timeout_ms", 400))
}

/// Waits (up to 10 s) for `check` to give a value: the routes are refreshed after the commit,
/// in the background.
pub(super) async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(tokio::time::Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An event at the "Stade municipal, Lyon" (10 days ahead, 14:00, Europe/Paris); its slug.
pub(super) async fn event(app: &TestApp) -> String {
    app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A ride to the event from Villeurbanne at 12:00 that accepts requests at once; extra fields
/// merged into the body. Its public id.
pub(super) async fn ride(app: &TestApp, slug: &str, extra: Value) -> String {
    let mut body = json!({"driver_name": "Denise Conductrice",
        "driver_email": common::DRIVER_EMAIL, "direction": "to_event",
        "place": "Villeurbanne", "departs_at": local_in_days(10, 12), "seats": 4,
        "auto_accept": true, "locale": "fr"});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let (status, answer) = app
        .post_json(&format!("/api/events/{slug}/offers"), &body)
        .await;
    assert_eq!(status, Status::Created, "{answer}");
    answer["offer"]["id"].as_str().unwrap().to_owned()
}

/// A request for one seat with this pickup; the reservation row.
pub(super) async fn book(
    app: &TestApp,
    offer_id: &str,
    email: &str,
    pickup: &str,
) -> reservation::Model {
    let (status, body) = app
        .post_json(
            &format!("/api/offers/{offer_id}/reservations"),
            &json!({"passenger_name": format!("{} Passager", &email[..4]),
                    "passenger_email": email, "pickup": pickup, "seats": 1, "locale": "fr"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    reservation(app, email).await
}

pub(super) async fn reservation(app: &TestApp, email: &str) -> reservation::Model {
    reservation::Entity::find()
        .filter(reservation::Column::PassengerEmail.eq(email))
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("a request from this address")
}

pub(super) async fn offer_by_id(app: &TestApp, id: i64) -> offer::Model {
    offer::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
}

/// A signed link's path, as the emails carry it.
pub(super) fn link(purpose: Purpose, id: i64) -> String {
    let expires = Utc::now() + chrono::Duration::days(30);
    format!(
        "/link/{}/{}",
        purpose.as_str(),
        sign(common::TEST_KEY.as_bytes(), purpose, id, expires)
    )
}

/// The text of the element with this id on a page (`None` when it is not there).
pub(super) fn element(page: &str, id: &str) -> Option<String> {
    let start = page.find(&format!("id=\"{id}\""))?;
    let from = start + page[start..].find('>')? + 1;
    let end = from + page[from..].find('<')?;
    Some(page[from..end].trim().to_owned())
}

/// Minutes past midnight of the first `HH:MM` in a text.
pub(super) fn clock(text: &str) -> i64 {
    let re = regex::Regex::new(r"(\d{2}):(\d{2})").unwrap();
    let c = re
        .captures(text)
        .unwrap_or_else(|| panic!("no time in {text:?}"));
    c[1].parse::<i64>().unwrap() * 60 + c[2].parse::<i64>().unwrap()
}
