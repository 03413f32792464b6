//! Organisers in control (issue 15): editing the event (everyone concerned told, rides that no
//! longer fit flagged to their drivers), cancelling it (everything ended, everyone told once),
//! closing and reopening booking. Every action is a POST behind the organiser's link, acted on
//! once however often it is sent, on SQLite and PostgreSQL, with the emails read over SMTP.
use crate::common;

use std::cell::RefCell;

use chrono::Utc;
use common::inbox::{Inbox, link, one};
use common::smtp::{SmtpServer, smtp_figment};
use common::{TestApp, local_in_days};
use covoit::domain::EmailKind;
use covoit::entities::outbox;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

mod booking;
mod cancel;
mod consent;
mod csv;
mod digest;
mod edit;
mod gaps;
mod messages;
mod roster;
mod roster_phone;
mod season;
mod team;

pub const ANNE: &str = "anne@example.org";
pub const BRUNO: &str = "bruno@example.org";
pub const WANDA: &str = "wanda@example.org";

/// An event with everyone an organiser's change concerns: a driver (a ride there and one
/// back), Anne with a confirmed seat there (French), Bruno with a request pending on the ride
/// back (English), and Wanda on the waiting list (German). Every email so far is delivered.
pub struct Story<'a> {
    pub inbox: Inbox<'a>,
    pub slug: String,
    /// The organiser's page (its `event` link, as emailed).
    pub organiser: String,
    pub offer: String,
    pub back: String,
}

/// An app that sends its emails to a real SMTP server in the test.
pub async fn smtp_app(backend: common::Backend) -> (TestApp, SmtpServer) {
    let server = SmtpServer::start();
    let (port, ca) = (server.port, server.ca_file.clone());
    let app = TestApp::start_with(backend, move |f| smtp_figment(f, port, &ca)).await;
    (app, server)
}

pub async fn story(app: &TestApp, server: SmtpServer) -> Story<'_> {
    let inbox = Inbox {
        app,
        server,
        seen: RefCell::new(0),
    };
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let mails = inbox.deliver().await;
    let organiser = link(&one(&mails, common::ORGANIZER_EMAIL).text, "event");
    let (offer, back) = app.create_offer(&slug).await;
    let (offer, back) = (
        offer["id"].as_str().unwrap().to_owned(),
        back["id"].as_str().unwrap().to_owned(),
    );
    let (status, anne) = app
        .post_json(
            &format!("/api/offers/{offer}/reservations"),
            &json!({"passenger_name": "Anne Aubert", "passenger_email": ANNE, "pickup": "Gare",
                    "locale": "fr"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{anne}");
    let rid = anne["reservation"]["id"].as_i64().unwrap();
    covoit::services::decisions::accept(&app.db, &app.emails(), rid, None, Utc::now())
        .await
        .unwrap();
    let (status, bruno) = app
        .post_json(
            &format!("/api/offers/{back}/reservations"),
            &json!({"passenger_name": "Bruno Blanc", "passenger_email": BRUNO, "locale": "en"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{bruno}");
    let (status, need) = app
        .post_json(
            &format!("/api/events/{slug}/needs"),
            &json!({"name": "Wanda Weber", "email": WANDA, "direction": "to_event",
                    "place": "Bron", "locale": "de"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{need}");
    inbox.deliver().await;
    Story {
        inbox,
        slug,
        organiser,
        offer,
        back,
    }
}

/// How many emails of `kind` the outbox holds.
pub async fn queued(app: &TestApp, kind: EmailKind) -> u64 {
    outbox::Entity::find()
        .filter(outbox::Column::Kind.eq(kind))
        .count(&app.db.conn)
        .await
        .unwrap()
}

/// The edit form as the organiser page sends it, with `venue` and a start `days` ahead.
pub fn edit_form(venue: &str, days: i64) -> Vec<(&'static str, String)> {
    vec![
        ("name", "Tournoi de printemps".to_owned()),
        ("venue", venue.to_owned()),
        ("starts_at", local_in_days(days, 14)),
        ("timezone", "Europe/Paris".to_owned()),
    ]
}

pub async fn post(
    app: &TestApp,
    path: &str,
    form: &[(&str, String)],
) -> (Status, String, Option<String>) {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &fields).await
}

/// The page's text as a person reads it (markup entities undone).
pub fn text(page: &str) -> String {
    common::html::unescape(page)
}
