//! Two instances refreshing one event's routes at once (both hear every change on PostgreSQL):
//! each route is stored once and each moved pickup told once.
use std::cell::RefCell;
use std::sync::Arc;

use super::osrm::FakeOsrm;
use super::*;
use crate::common::inbox::Inbox;
use crate::common::smtp::{SmtpServer, smtp_figment};
use covoit::services::routing::refresh::refresh_event;
use covoit::services::routing::{Osrm, Routing};

on_both_backends!(two_refreshes_at_once_store_and_tell_once);

async fn two_refreshes_at_once_store_and_tell_once(base: &TestApp) {
    let router = FakeOsrm::start().await;
    let server = SmtpServer::start();
    let (port, ca) = (server.port, server.ca_file.clone());
    // The app itself has no router: the test plays the two instances' refreshes.
    let app = TestApp::start_with(base.backend, move |f| smtp_figment(f, port, &ca)).await;
    let inbox = Inbox {
        app: &app,
        server,
        seen: RefCell::new(0),
    };
    let routing = Routing::with(Arc::new(Osrm::new(
        &router.url,
        std::time::Duration::from_secs(2),
    )));
    let emails = app.emails();
    let slug = event(&app).await;
    let offer = ride(&app, &slug, json!({})).await;
    let o = app.offer_row(&offer).await;
    let paul = book(&app, &offer, "paul@example.org", "Bron").await;
    inbox.deliver().await;

    let now = Utc::now();
    let (a, b) = tokio::join!(
        refresh_event(&app.db, &emails, &routing, o.event_id, now),
        refresh_event(&app.db, &emails, &routing, o.event_id, now),
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1, "stored once");
    let first = reservation(&app, "paul@example.org").await.stop_at;
    assert!(first.is_some());

    // Nadia, further out, moves Paul's pickup: both refresh, Paul is told once.
    book(&app, &offer, "nadia@example.org", "Meyzieu").await;
    inbox.deliver().await;
    let (a, b) = tokio::join!(
        refresh_event(&app.db, &emails, &routing, o.event_id, now),
        refresh_event(&app.db, &emails, &routing, o.event_id, now),
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1, "stored once");
    let moved = reservation(&app, "paul@example.org").await.stop_at;
    assert!(moved > first, "{moved:?} after {first:?}");
    let mails = inbox.deliver().await;
    let told: Vec<_> = mails
        .iter()
        .filter(|m| m.to == "paul@example.org")
        .collect();
    assert_eq!(told.len(), 1, "Paul is told once");
    assert!(told[0].text.contains("Heure de prise en charge"));
    assert_eq!(paul.id, reservation(&app, "paul@example.org").await.id);
    app.finish().await;
}
