//! Series and sharing (issue 15): one form or API call creates an event on several dates, each
//! with its own page; the one organiser link manages every date; a driver repeats a ride over
//! chosen dates in one go; every event page has a QR code, link-preview tags and a copy-link
//! field.
use crate::common;

use std::cell::RefCell;

use common::TestApp;
use common::inbox::Inbox;
use covoit::entities::event;
use sea_orm::{EntityTrait, QueryOrder};

mod creation;
mod repeat;
mod sharing;

pub use crate::organisers::{post, smtp_app, text};

/// An inbox on a real SMTP server.
pub fn inbox(app: &TestApp, server: common::smtp::SmtpServer) -> Inbox<'_> {
    Inbox {
        app,
        server,
        seen: RefCell::new(0),
    }
}

/// Every event, by start.
pub async fn events(app: &TestApp) -> Vec<event::Model> {
    event::Entity::find()
        .order_by_asc(event::Column::StartsAt)
        .all(&app.db.conn)
        .await
        .unwrap()
}

/// The day `days` from now, as a date field sends it.
pub fn day_in(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// A weekly series of three dates (10, 17 and 24 days ahead) through the API; its slugs.
pub async fn weekly_three(app: &TestApp) -> Vec<String> {
    let mut body = common::event_body();
    body["every_weeks"] = serde_json::json!(1);
    body["until"] = serde_json::json!(day_in(24));
    let (status, answer) = app.post_json("/api/events", &body).await;
    assert_eq!(status, rocket::http::Status::Created, "{answer}");
    answer["occurrences"]
        .as_array()
        .expect("a series answers its dates")
        .iter()
        .map(|e| e["slug"].as_str().unwrap().to_owned())
        .collect()
}
